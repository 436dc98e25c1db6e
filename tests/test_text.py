"""Bytes to text: encodings, HTML main text, PDF pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.errors import BadInput
from pipeline.sources import Source, read_source
from pipeline.text import decode, read_html, read_text

DUTCH = "Coöperatie Jeugdzorg België: € 45.000 – ‘financiële’ geïnteresseerd, café, één.\n" * 20


def source(data: bytes, media_type: str, path: str = "x") -> Source:
    return Source(path, data, hashlib.sha256(data).hexdigest(), media_type)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "utf-32-le"])
def test_dutch_text_decodes_in_every_common_encoding(encoding: str) -> None:
    assert decode(DUTCH.encode(encoding)) == DUTCH


def test_utf8_with_stray_windows_1252_bytes_keeps_both() -> None:
    assert decode("één € ".encode("utf-8") + "café ’".encode("cp1252")) == "één € café ’"


def test_plain_text_gets_unix_newlines_and_loses_nul_bytes() -> None:
    text = read_text(source(b"regel 1\r\nregel\x00 2\rregel 3", "text/plain")).text
    assert text == "regel 1\nregel 2\nregel 3"


def test_text_is_nfc_normalised() -> None:
    decomposed = "geïnteresseerd".replace("ï", "i\u0308")
    assert read_text(source(decomposed.encode(), "text/plain")).text == "geïnteresseerd"


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Inkoop jeugdhulp 2022 | Gemeente Heerlen</title>
<link rel="canonical" href="https://www.heerlen.nl/inkoop-jeugdhulp.html"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/wonen">Wonen en leven</a></li></ul></nav>
<div id="cookie-banner">Wij gebruiken cookies om de site te verbeteren. Accepteer alle cookies</div>
<main><article><h1>Inkoop jeugdhulp 2022</h1>
<p>De gemeenten Heerlen, Landgraaf en Voerendaal kopen de jeugdhulp gezamenlijk in. De aanbesteding is op
13 maart 2018 gepubliceerd op TenderNed. Aanbieders konden tot 29 maart 2018 vragen stellen.</p>
<p>De inkoopprocedure is een openbare procedure. Meer informatie over de planning volgt in het voorjaar,
wanneer de colleges hebben besloten over de definitieve opdracht en de percelen.</p>
</article></main>
<section class="comments"><h2>Geef een antwoord</h2><form><textarea>Reactie</textarea></form></section>
<footer>© Gemeente Heerlen · Privacy · Cookies</footer></body></html>"""


def test_html_keeps_the_article_and_drops_navigation_and_banners() -> None:
    result = read_html(source(PAGE.encode(), "text/html", "heerlen.html"))
    assert "13 maart 2018 gepubliceerd op TenderNed" in result.text
    assert "Wonen en leven" not in result.text and "Accepteer alle cookies" not in result.text
    assert "Geef een antwoord" not in result.text
    assert result.title.startswith("Inkoop jeugdhulp 2022")
    assert result.source_url == "https://www.heerlen.nl/inkoop-jeugdhulp.html"


def test_an_html_fragment_still_yields_its_text() -> None:
    fragment = b'<li class="agendaRow"><h3><a href="/x">Vaststelling agenda.</a></h3></li>'
    assert "Vaststelling agenda." in read_html(source(fragment, "text/html")).text


def test_html_declaring_latin1_is_read_as_windows_1252() -> None:
    page = ('<html><head><meta charset="iso-8859-1"></head><body><p>Het budget is € 45.000 voor de '
            'coöperatie, zo meldt de wethouder in een brief aan de gemeenteraad over jeugdhulp.</p></body></html>')
    assert "€ 45.000 voor de coöperatie" in read_html(source(page.encode("cp1252"), "text/html")).text


def test_an_html_page_without_text_is_bad_input() -> None:
    with pytest.raises(BadInput, match="no visible text"):
        read_text(source(b"<html><body><script>var x = 1;</script></body></html>", "text/html", "leeg.html"))


def test_garbage_with_a_pdf_name_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"\x00\x01 not a pdf at all")
    with pytest.raises(BadInput, match="not a PDF"):
        read_text(read_source(str(tmp_path / "x.pdf")))


@pytest.mark.shared
def test_pdf_pages_are_separate_and_start_where_recorded(shared: Path) -> None:
    result = read_text(read_source(str(shared / "corpora" / "pdf" / "plooi_ah-tk-20202021-3235.pdf")))
    assert len(result.page_starts) == 3 and result.page_starts[0] == 0
    assert all(result.text[s - 2:s] == "\n\n" for s in result.page_starts[1:])


@pytest.mark.shared
def test_pdf_ocr_layers_keep_words_apart(shared: Path) -> None:
    # with pdfplumber's default x_tolerance=3 this e-mail reads "inputvoorjeugdescalatieladder"
    result = read_text(read_source(str(shared / "corpora" / "pdf" / "woo_vws_185916_input_jeugd_escalatieladder.pdf")))
    assert "inputvoorjeugdescalatieladder" not in result.text.replace(" ", "_")
    assert "escalatieladder" in result.text and "input voor jeugd" in result.text.lower()


@pytest.mark.shared
def test_a_scanned_pdf_fails_asking_for_ocr(shared: Path) -> None:
    with pytest.raises(BadInput, match="no text layer .* run OCR"):
        read_text(read_source(str(shared / "corpora" / "pdf" / "plooi_blg-1007826_scanned.pdf")))
