"""The Datasette pages as a person uses them, in headless Chromium driven by Playwright.

Skips with the reason when Chromium or Playwright is missing; CI installs Debian's chromium.
`pytest --screenshots` also writes the screenshots in docs/screenshots/ for the README.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import INKOOPRADAR, ROOT, SEED, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.server, pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                                     "(Debian: apt-get install chromium); browser tests skipped")]
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

HOSTILE = """Aankondiging met kwaadaardige inhoud <script>window.pwned = 1</script>
<img src=x onerror="window.pwned = 2"> De gemeente Heerlen publiceerde op 13 maart 2020 tendernummer 142669.
"><svg onload="window.pwned=3"> Einde van de tekst.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("browser")
    corpus = folder / "corpus"
    shutil.copytree(SEED, corpus)
    (corpus / "hostile.txt").write_text(HOSTILE, "utf-8")
    db = folder / "inkoop.db"
    subprocess.run([str(INKOOPRADAR), "ingest", str(corpus), "--db", str(db)], check=True, capture_output=True)
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests_outside = []
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "about:"))
            else page.requests_outside.append(r.url))
    yield page
    assert page.requests_outside == [], "the page fetched something from the internet"
    context.close()


def shot(page, request, name: str) -> None:
    if request.config.getoption("--screenshots"):
        target = ROOT / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target / f"{name}.png"), full_page=False)


def test_search_from_the_home_page_finds_documents_with_snippets(site, page, request) -> None:
    page.goto(site + "/")
    page.fill("input[name=q]", "gesloten jeugdhulp")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hits li")
    assert page.locator(".hits .snippet mark").count() >= 2
    assert "Verblijf Jeugd" in page.inner_text(".hits")
    shot(page, request, "search")


def test_search_finds_parts_of_words_without_accents(site, page) -> None:
    page.goto(site + "/-/search?q=ugdhulpverl")   # inside "jeugdhulpverlening" (seed-002, seed-004)
    assert "parts of words" in page.inner_text("h2 >> nth=0")
    assert page.locator(".hits li").count() >= 1
    page.goto(site + "/-/search?q=Heerlen")
    assert "municipality" in page.inner_text(".hits >> nth=1")


def test_a_document_page_highlights_mentions_and_links_entities(site, page, request) -> None:
    page.goto(site + "/inkoop/document_overview?path__contains=seed-000")
    page.click("table.rows-and-columns td.col-id a >> nth=0")
    page.wait_for_selector(".doc-text mark")
    dates = page.locator(".doc-text mark.k-date")
    assert dates.count() >= 5
    assert "2020-03-13" in page.locator(".doc-text mark.k-date[title*='2020-03-13']").first.get_attribute("title")
    assert page.locator(".legend .k-municipality").count() == 1
    shot(page, request, "document")
    page.click(".doc-text mark.k-municipality a >> nth=0")
    page.wait_for_selector("text=GM0917")
    assert "Heerlen" in page.content() and "Zuid-Limburg" in page.content()
    assert page.locator(".entity-documents li").count() >= 4   # the seed pages that name Heerlen
    shot(page, request, "entity")


def test_documents_can_be_faceted_by_municipality_and_care_type(site, page, request) -> None:
    page.goto(site + "/inkoop/document_overview")
    total = page.locator("table.rows-and-columns tbody tr").count()
    facets = page.inner_text(".facet-results")
    assert "municipalities" in facets and "care_types" in facets and "Heerlen" in facets
    page.click(".facet-info[data-column='municipalities'] a:has-text('Heerlen')")
    page.wait_for_selector("table.rows-and-columns")
    assert 1 <= page.locator("table.rows-and-columns tbody tr").count() < total
    assert "municipalities__arraycontains=Heerlen" in page.url
    shot(page, request, "documents")


def test_charts_and_map_render_without_the_internet(site, page, request) -> None:
    page.goto(site + "/-/charts")
    assert page.locator("svg rect[fill='#2563eb'], svg rect").count() > 1
    assert page.locator("svg.map circle[fill='#2563eb']").count() >= 10
    shot(page, request, "charts")


def test_script_in_a_document_is_shown_as_text_and_never_runs(site, page) -> None:
    page.goto(site + "/inkoop/documents?path__contains=hostile&_col=text")
    page.goto(site + "/inkoop/document_overview?path__contains=hostile")
    page.click("table.rows-and-columns td.col-id a >> nth=0")
    page.wait_for_selector(".doc-text")
    assert "<script>window.pwned = 1</script>" in page.inner_text(".doc-text")
    assert page.evaluate("window.pwned === undefined")
    for url in ("/inkoop/documents?path__contains=hostile", "/inkoop/mentions?_search=Heerlen",
                "/-/search?q=kwaadaardige", "/-/search?q=%3Cscript%3E"):
        page.goto(site + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.pwned === undefined"), url


def test_a_pdf_document_page_has_page_anchors(tmp_path, browser, request) -> None:
    shared = request.getfixturevalue("shared")
    pdf = shared / "corpora" / "pdf" / "plooi_ah-tk-20202021-3235.pdf"
    db = tmp_path / "pdf.db"
    subprocess.run([str(INKOOPRADAR), "ingest", str(pdf), "--db", str(db)], check=True, capture_output=True)
    with serving(db) as base:
        page = browser.new_page()
        page.goto(base + "/pdf/document_overview")
        page.click("table.rows-and-columns td.col-id a >> nth=0")
        assert page.locator(".doc-text .page-break").count() == 3
        page.click("a[href='#page-2']")
        assert page.url.endswith("#page-2")
        page.close()
