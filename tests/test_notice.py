"""TED notices: the visible text with coded values written out, names as entity hints."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.errors import BadInput
from pipeline.run import process
from pipeline.sources import Source, read_source
from pipeline.text import read_text

NOTICE = b"""<?xml version="1.0" encoding="UTF-8"?>
<TED_EXPORT xmlns="http://publications.europa.eu/resource/schema/ted/R2.0.9/publication" DOC_ID="1-2022">
<CODED_DATA_SECTION><REF_OJS><DATE_PUB>20220427</DATE_PUB></REF_OJS>
<NOTICE_DATA><NO_DOC_OJS>2022/S 082-221190</NO_DOC_OJS><LG_ORIG>NL</LG_ORIG></NOTICE_DATA>
<CODIF_DATA><DS_DATE_DISPATCH>20220422</DS_DATE_DISPATCH><PR_PROC CODE="1">Open procedure</PR_PROC></CODIF_DATA>
</CODED_DATA_SECTION>
<FORM_SECTION><F02_2014 CATEGORY="ORIGINAL" FORM="F02" LG="NL"><CONTRACTING_BODY><ADDRESS_CONTRACTING_BODY>
<OFFICIALNAME>Werkplein Drentsche Aa</OFFICIALNAME><TOWN>Assen</TOWN><CONTACT_POINT>Marjon Rietveld</CONTACT_POINT>
</ADDRESS_CONTRACTING_BODY></CONTRACTING_BODY><OBJECT_CONTRACT><TITLE><P>Inkoop jeugdhulp</P></TITLE>
<REFERENCE_NUMBER>GEZ 202002 PRJ-2000119 Jeugd</REFERENCE_NUMBER><CPV_MAIN><CPV_CODE CODE="85311300"/></CPV_MAIN>
<SHORT_DESCR><P>De gemeente Assen koopt pleegzorg in via TenderNed-kenmerk: 169744.</P></SHORT_DESCR>
</OBJECT_CONTRACT></F02_2014></FORM_SECTION></TED_EXPORT>"""


def source(data: bytes, path: str = "notice.xml") -> Source:
    return Source(path, data, hashlib.sha256(data).hexdigest(), "application/xml")


def test_a_notice_yields_its_number_coded_dates_procedure_and_names() -> None:
    outcome = process(source(NOTICE))
    found = {(m.kind, m.value) for m in outcome.mentions}
    assert {("tender_ref", "ted:2022/S 082-221190"), ("tender_ref", "tenderned:169744"),
            ("tender_ref", "other:GEZ 202002 PRJ-2000119"), ("date", "2022-04-27"), ("date", "2022-04-22"),
            ("procedure", "openbare procedure"), ("organization", "Werkplein Drentsche Aa"),
            ("person", "Marjon Rietveld"), ("municipality", "Assen"), ("care_type", "pleegzorg"),
            ("cpv", "85311300-5")} <= found
    date = next(m for m in outcome.mentions if m.value == "2022-04-27")
    assert date.text == "20220427"


def test_xml_that_is_not_a_ted_notice_fails_with_the_reason() -> None:
    with pytest.raises(BadInput, match="not a TED notice"):
        read_text(source(b"<officiele-publicatie><titel>x</titel></officiele-publicatie>"))


def test_xml_with_an_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM")
    data = (f'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<TED_EXPORT><FORM_SECTION><F02_2014 LG="NL"><TITLE><P>&x;</P></TITLE></F02_2014></FORM_SECTION>'
            '</TED_EXPORT>').encode()
    try:
        text = read_text(source(data)).text
    except BadInput:
        return
    assert "GEHEIM" not in text


@pytest.mark.shared
def test_every_shared_notice_is_read(shared: Path) -> None:
    for path in sorted((shared / "corpora" / "notices").glob("*.xml")):
        assert "PB S" in read_text(read_source(str(path))).text
