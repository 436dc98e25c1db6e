"""Turn a Source's bytes into plain text with provenance: title, URL, page starts.

A dict maps media type to a reader. Every reader returns a `Text` whose `text` is
NFC-normalised with `\\n` newlines; all mention offsets later index into this string.
Readers raise BadInput with an actionable message; they never return None.
"""

from __future__ import annotations

import codecs
import logging
from html.parser import HTMLParser
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from charset_normalizer import from_bytes

from pipeline.errors import BadInput
from pipeline.sources import Source

log = logging.getLogger(__name__)

#: pdfplumber's default x_tolerance=3 glues words on PDFs with an OCR text layer
#: ("Fri9/25/20208:50:32AM"); 1 matches pdfminer and PDFium (shared/notes/files.md §4)
PDF_X_TOLERANCE = 1

#: what separates two PDF pages in the stored text
PAGE_BREAK = "\n\n"

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}")
BLANK_LINES = re.compile(r"\n{3,}")
HTML_ROOT = re.compile(r"<(?:html|body)\b", re.I)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: the declared charsets we distrust: pages declare UTF-8 and still hold Latin-1 bytes
UNICODE_CODECS = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
#: below this many bytes charset-normalizer's guesses are noise; the Western default is safer
MIN_GUESS_BYTES = 512


@dataclass(frozen=True, slots=True)
class Text:
    """A document's extracted text and what the source says about itself."""

    text: str
    extractor: str
    title: str | None = None
    source_url: str | None = None
    published: str | None = None
    page_starts: tuple[int, ...] = ()
    #: (start, end, label) spans the source itself marks as names: ORG or PER (TED notices)
    entities: tuple[tuple[int, int, str], ...] = ()


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as windows-1252 (Latin-1 for its 5 undefined bytes)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("cp1252fallback", _cp1252_fallback)


def _sniff_wide(data: bytes) -> str | None:
    """Return utf-16-le/-be or utf-32-le/-be for BOM-less wide text, from where its NUL bytes sit."""
    sample = data[:4096]
    if len(sample) < 8 or sample.count(0) < len(sample) // 4:
        return None
    zeros = [sum(1 for i in range(k, len(sample), 4) if sample[i] == 0) for k in range(4)]
    quarter = len(sample) / 4
    if zeros[1] > 0.9 * quarter and zeros[2] > 0.9 * quarter and zeros[3] > 0.9 * quarter:
        return "utf-32-le"
    if zeros[0] > 0.9 * quarter and zeros[1] > 0.9 * quarter and zeros[2] > 0.9 * quarter:
        return "utf-32-be"
    odd, even = zeros[1] + zeros[3], zeros[0] + zeros[2]
    if odd > 0.8 * len(sample) / 2 and even < 0.2 * len(sample) / 2:
        return "utf-16-le"
    if even > 0.8 * len(sample) / 2 and odd < 0.2 * len(sample) / 2:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML page declares in a meta tag anywhere in its head, if Python knows it."""
    match = META_CHARSET.search(data[:200_000])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # the HTML standard reads the label "iso-8859-1" (and "ascii") as windows-1252
    return "cp1252" if codec in {"iso8859-1", "ascii"} else codec


def decode(data: bytes, declared: str | None = None) -> str:
    """Return the bytes as str: BOM, then wide-text sniffing, UTF-8, a declared non-Unicode charset,
    then charset-normalizer, preferring windows-1252 for Western text.

    >>> decode("café €".encode("cp1252"))
    'café €'
    >>> decode("Coöperatie ‘€’".encode("utf-8") + b" caf\\xe9")
    'Coöperatie ‘€’ café'
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    wide = _sniff_wide(data)
    if wide:
        return data.decode(wide, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared not in UNICODE_CODECS:
        return data.decode(declared, errors="replace")
    if declared is None and len(data) >= MIN_GUESS_BYTES:
        # wide encodings were sniffed above; charset-normalizer's wide guesses on short input are noise
        guesses = [g for g in from_bytes(data[:200_000]) if not g.encoding.startswith(("utf_16", "utf_32"))]
        if guesses:
            least = min(g.chaos for g in guesses)
            plausible = [g for g in guesses if g.chaos <= least + 0.01]
            western = any("cp1252" in g.could_be_from_charset for g in plausible)
            # charset-normalizer ranks cp1250 above cp1252 for Dutch ("geďnteresseerd"):
            # for Western text the mostly-UTF-8 decode below is right
            if not western and plausible[0].encoding not in {"utf_8", "ascii"}:
                return data.decode(plausible[0].encoding, errors="replace")
    # declared UTF-8 (or Western) with stray Latin-1/windows-1252 bytes: keep the UTF-8, fix the rest
    return data.decode("utf-8", errors="cp1252fallback")


def clean(text: str) -> str:
    """Return text NFC-normalised, with \\n newlines and without NUL or other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL_CHARS.sub("", text)
    return unicodedata.normalize("NFC", text)


#: lines that captured pages start with but that are no title
BOILERPLATE_LINE = re.compile(r"cookie|privacy|javascript|inloggen|log in|zoeken|skip to|naar de inhoud|menu\b|"
                              r"meer weten|lees meer|accepte|selecteer|^(?:home|feedback|delen|print)$",
                              re.IGNORECASE)


def first_line(text: str, limit: int = 200) -> str | None:
    """Return the first line that reads like a title (some words, no cookie banner), as a fallback title."""
    for line in text.splitlines()[:60]:
        line = line.strip()
        if sum(c.isalpha() for c in line) >= 8 and len(line.split()) >= 2 and not BOILERPLATE_LINE.search(line):
            return line[:limit]
    return None


#: a "text" file with more of these in its first 64 KB is binary data with the wrong name
MAX_CONTROL_SHARE = 0.05


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if not head or _sniff_wide(head):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > MAX_CONTROL_SHARE


def read_txt(source: Source) -> Text:
    """Read a plain-text file in whatever encoding it is in; binary data with a text name is BadInput."""
    if _looks_binary(source.data):
        raise BadInput(f"{source.path}: binary data, not text (many control bytes); check the file type")
    text = clean(decode(source.data))
    return Text(text=text, extractor="text/1", title=first_line(text))


def _tidy_html_text(text: str) -> str:
    lines = (SPACE_RUN.sub(" ", line).strip() for line in clean(text).split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class _VisibleText(HTMLParser):
    """Collects the text of a page outside script, style and template elements, at any depth."""

    HIDDEN = {"script", "style", "template", "noscript", "head"}
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "td"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def read_html(source: Source) -> Text:
    """Read a web page's main text with trafilatura, dropping navigation, banners and comment forms."""
    import trafilatura

    html = decode(source.data, _declared_charset(source.data))
    if not HTML_ROOT.search(html[:20_000]):
        html = f"<html><body>{html}</body></html>"  # a fragment: the extractors expect a document
    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    extractor = f"trafilatura/{trafilatura.__version__}"
    text = _tidy_html_text(getattr(result, "text", None) or "")
    if not text:
        # no main content found (fragments, tiny pages): fall back to all visible text
        text = _tidy_html_text(trafilatura.html2txt(html) or "")
        extractor += "+html2txt"
    if not text:
        # lxml gives up on trees deeper than 255 levels; the standard library's tokenizer keeps no tree
        text = _tidy_html_text(_visible_text(html))
        extractor += "+htmlparser"
    if not text:
        raise BadInput(f"{source.path}: the page has no visible text (only scripts or markup); "
                       "check that it is the page you meant, or save it as text and ingest that")
    page_title = getattr(result, "title", None)
    title = clean(page_title).strip() if page_title else first_line(text)
    return Text(
        text=text, extractor=extractor, title=title,
        source_url=getattr(result, "url", None) or None,
        published=getattr(result, "date", None) or None,
    )


def read_pdf(source: Source) -> Text:
    """Read a PDF page by page with pdfplumber, remembering where each page starts."""
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    if not source.data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise BadInput(f"{source.path}: not a PDF (no %PDF header); check the file type")
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    title = None
    try:
        with pdfplumber.open(io.BytesIO(source.data)) as pdf:
            info_title = (pdf.metadata or {}).get("Title")
            if isinstance(info_title, bytes):
                info_title = info_title.decode("utf-8", "replace")
            if isinstance(info_title, str) and sum(c.isalpha() for c in info_title) >= 4:
                title = clean(info_title).strip()[:200]
            for page in pdf.pages:
                page_text = clean(page.extract_text(x_tolerance=PDF_X_TOLERANCE) or "")
                page.close()
                if parts:
                    offset += len(PAGE_BREAK)
                starts.append(offset)
                parts.append(page_text)
                offset += len(page_text)
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise BadInput(f"{source.path}: PDF is password-protected; remove the password and run again") from err
    except MemoryError as err:
        raise BadInput(f"{source.path}: the PDF needs more memory than the limit allows (a decompression "
                       "bomb?); raise --max-memory if you trust the file") from err
    except PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, MemoryError):
            raise BadInput(f"{source.path}: the PDF needs more memory than the limit allows (a decompression "
                           "bomb?); raise --max-memory if you trust the file") from err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise BadInput(f"{source.path}: PDF is password-protected; remove the password and run again") from err
        raise BadInput(f"{source.path}: PDF is damaged ({type(cause).__name__}: {cause}); "
                       "repair it (e.g. with qpdf) and run again") from err
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as err:
        raise BadInput(f"{source.path}: PDF is damaged ({type(err).__name__}: {err}); "
                       "repair it (e.g. with qpdf) and run again") from err
    text = PAGE_BREAK.join(parts)
    if not text.strip():
        pages = f"{len(starts)} page{'s' if len(starts) != 1 else ''}"
        raise BadInput(f"{source.path}: PDF has no text layer ({pages}, scanned images?); "
                       "run OCR on it (e.g. ocrmypdf) and ingest the result")
    return Text(text=text, extractor=f"pdfplumber/{pdfplumber.__version__}", title=title or first_line(text),
                page_starts=tuple(starts))


def read_xml(source: Source) -> Text:
    """Read a TED notice (TED export XML) as the text a person reads, with its names as entity hints."""
    from pipeline.notice import read_ted

    text, title, hints = read_ted(source.data, source.path)
    cleaned = clean(text)
    if len(cleaned) != len(text):  # offsets of hints must stay valid
        raise BadInput(f"{source.path}: the notice holds control characters; check the file")
    return Text(text=cleaned, extractor="ted-xml/1", title=title or first_line(cleaned),
                entities=tuple(hints))


READERS: dict[str, Callable[[Source], Text]] = {
    "application/xml": read_xml,
    "text/plain": read_txt,
    "text/html": read_html,
    "application/pdf": read_pdf,
}


def read_text(source: Source) -> Text:
    """Return the text of a Source with the reader for its media type."""
    reader = READERS.get(source.media_type or "")
    if reader is None:
        raise BadInput(f"{source.path}: no reader for {source.media_type}")
    result = reader(source)
    if not result.text.strip():
        raise BadInput(f"{source.path}: the file holds no text; check that it is not empty")
    return result
