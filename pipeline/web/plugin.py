"""Datasette plugin: document pages with highlighted mentions, links between rows, charts and a map.

Everything is plain HTML, CSS and inline SVG rendered on the server: no scripts, tiles or fonts are
fetched from the internet. Document text is data: every piece of it is HTML-escaped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from pipeline.records import fold

#: colours of the kinds, shared by highlights and legend (readable on white, distinct in greyscale too)
KIND_COLOURS = {
    "date": "#fde68a", "tender_ref": "#fca5a5", "ecli": "#f9a8d4", "case_number": "#f0abfc",
    "municipality": "#93c5fd", "organization": "#86efac", "person": "#fdba74", "procedure": "#c4b5fd",
    "care_type": "#5eead4", "amount": "#d9f99d", "kvk": "#e5e7eb", "vat": "#e5e7eb", "iban": "#e5e7eb",
    "cpv": "#e5e7eb",
}
#: columns whose value is a document id, per table or view
DOCUMENT_ID_COLUMNS = {("documents", "id"), ("document_overview", "id"), ("mentions", "document_id"),
                       ("timeline", "document_id"), ("rulings", "document_id"), ("pages", "document_id"),
                       ("problems", "document_id")}


def _database(datasette):
    return next(db for name, db in datasette.databases.items() if name != "_internal")


@hookimpl
def prepare_connection(conn):
    conn.create_function("fold", 1, lambda text: fold(text) if isinstance(text, str) else text, deterministic=True)


@hookimpl
def render_cell(value, column, table, datasette):
    if (table, column) in DOCUMENT_ID_COLUMNS and isinstance(value, str) and len(value) == 16:
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(f"/-/document/{value}"), value)
    if column == "context" and isinstance(value, str) and "⟦" in value:
        before, _, rest = value.partition("⟦")
        middle, _, after = rest.partition("⟧")
        return Markup("{}<mark>{}</mark>{}").format(before, middle, after)
    return None


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    """On an entity's row page: the documents that name it, each linked to its first mention."""
    if template != "row.html" or table != "entities" or request is None:
        return None

    async def documents():
        entity = request.url_vars.get("pks", "")
        db = datasette.get_database(database)
        rows = (await db.execute(
            "select d.id, d.title, d.path, count(*) as n_mentions, min(m.context) as context, e.name, "
            "(select x.id from mentions x where x.document_id = d.id and x.entity_id = :e order by x.start limit 1)"
            " as first_mention from mentions m join documents d on d.id = m.document_id "
            "join entities e on e.id = m.entity_id where m.entity_id = :e group by d.id order by n_mentions desc "
            "limit 500", {"e": entity})).rows
        return {"entity_documents": [dict(r) for r in rows], "entity_name": rows[0]["name"] if rows else entity}

    return documents


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/charts"), "label": "Charts and map"}]


@hookimpl
def register_routes():
    return [(r"^/-/document/(?P<doc_id>[0-9a-f]{16})$", document_page), (r"^/-/charts$", charts_page),
            (r"^/-/search$", search_page), (r"^/-/inkoopradar\.css$", stylesheet)]


#: keeps Datasette's list of column descriptions from pushing the rows off the first screen
STYLESHEET = """
dl.column-descriptions { max-height: 9em; overflow-y: auto; font-size: 0.85em; columns: 2 24em;
  border: 1px solid #e5e7eb; padding: 0.5em 0.8em; margin: 0.5em 0 1em; }
dl.column-descriptions dt { font-weight: bold; break-after: avoid; }
dl.column-descriptions dd { margin: 0 0 0.4em 1em; }
"""


async def stylesheet(request):
    return Response(STYLESHEET, content_type="text/css; charset=utf-8")


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/inkoopradar.css")]


#: the most hits of each sort on the search page
SEARCH_LIMIT = 50


def _fts_query(q: str) -> str:
    """Return the user's words as an FTS5 query of quoted prefix terms ("jeugd zorg" -> "jeugd"* "zorg"*)."""
    return " ".join('"' + word.replace('"', '""') + '"*' for word in q.split())


def _snippet(text: str, q: str, width: int = 90) -> Markup:
    """Return the words around the first place the (folded) query occurs in text, the match marked."""
    folded = fold(text)
    at, needle = -1, ""
    for candidate in [q.strip(), *q.split()]:  # the whole phrase, else its first word that occurs
        needle = fold(candidate)
        at = folded.find(needle) if needle else -1
        if at >= 0:
            break
    if at < 0:
        return escape(" ".join(text[: 2 * width].split()) + "…")
    left, right = max(0, at - width), min(len(text), at + len(needle) + width)
    return Markup("…{}<mark>{}</mark>{}…").format(" ".join(text[left:at].split()) + " ",
                                                 text[at:at + len(needle)], " " + " ".join(text[at + len(needle):right].split()))


async def search_page(datasette, request):
    db = _database(datasette)
    q = (request.args.get("q") or "").strip()
    documents, entities, values, substring = [], [], [], False
    if q:
        rows = (await db.execute(
            "select d.id, d.title, d.path, d.lang, d.text from documents_fts f join documents d on d.rowid = f.rowid "
            "where documents_fts match ? order by rank limit ?", [_fts_query(q), SEARCH_LIMIT])).rows
        if not rows and len(q) >= 3:  # inside longer words, accents ignored
            substring = True
            rows = (await db.execute(
                "select d.id, d.title, d.path, d.lang, d.text from documents_trigram t "
                "join documents d on d.rowid = t.rowid where documents_trigram match ? limit ?",
                ['"' + fold(q).replace('"', '""') + '"', SEARCH_LIMIT])).rows
        documents = [{**dict(r), "snippet": _snippet(r["text"] or "", q)} for r in rows]
        like = f"%{q}%"
        entities = [dict(r) for r in (await db.execute(
            "select id, kind, name, province, n_documents from entity_overview where name like ? and n_documents > 0 "
            "order by n_documents desc limit ?", [like, SEARCH_LIMIT])).rows]
        values = [dict(r) for r in (await db.execute(
            "select kind, value, count(distinct document_id) as n_documents from mentions where value like ? "
            "and kind not in ('municipality', 'organization', 'person') group by kind, value "
            "order by n_documents desc limit ?", [like, SEARCH_LIMIT])).rows]
    return Response.html(await datasette.render_template("search.html", {
        "q": q, "documents": documents, "entities": entities, "values": values, "substring": substring,
        "database": db.name}, request=request))


def highlight(text: str, mentions: list[dict], entity_url, pages: Sequence[dict] = ()) -> Markup:
    """Return the text as HTML with each mention in a <mark> of its kind (the shortest one where they
    overlap, all of them in its title) and a page marker where each PDF page starts."""
    page_at = {p["start"]: p["page"] for p in pages}
    cuts = sorted({0, len(text), *page_at, *(m["start"] for m in mentions), *(m["end"] for m in mentions)})
    html = []
    for left, right in zip(cuts, cuts[1:]):
        if left in page_at:
            html.append(Markup('<span class="page-break" id="page-{0}">page {0}</span>').format(page_at[left]))
        covering = sorted((m for m in mentions if m["start"] <= left and right <= m["end"]),
                          key=lambda m: m["end"] - m["start"])
        piece = escape(text[left:right])
        if covering:
            inner = covering[0]
            tip = "; ".join(f"{m['kind']}: {m['value']}" for m in covering)
            if inner["entity_id"]:
                piece = Markup('<a href="{}">{}</a>').format(entity_url(inner["entity_id"]), piece)
            anchors = "".join(Markup('<span id="m-{}"></span>').format(m["id"]) for m in covering if m["start"] == left)
            piece = Markup('{}<mark class="k-{}" title="{}">{}</mark>').format(
                Markup(anchors), inner["kind"], tip, piece)
        html.append(piece)
    return Markup("").join(html)


async def document_page(datasette, request):
    db = _database(datasette)
    doc_id = request.url_vars["doc_id"]
    rows = (await db.execute("select * from documents where id = ?", [doc_id])).rows
    if not rows:
        raise NotFound(f"No document {doc_id}")
    document = dict(rows[0])
    mentions = [dict(r) for r in (await db.execute(
        "select id, kind, value, text, start, end, page, entity_id from mentions where document_id = ? order by start",
        [doc_id])).rows]
    pages = [dict(r) for r in (await db.execute(
        "select page, start from pages where document_id = ? order by page", [doc_id])).rows]
    text = document["text"] or ""
    table_url = datasette.urls.table(db.name, "entities")
    body = highlight(text, mentions, lambda entity: f"{table_url}/{entity}", pages)
    kinds = defaultdict(set)
    for m in mentions:
        kinds[m["kind"]].add(m["value"])
    return Response.html(await datasette.render_template("document.html", {
        "document": document, "body": body, "pages": pages, "database": db.name,
        "kinds": {k: sorted(v) for k, v in sorted(kinds.items())}, "colours": KIND_COLOURS,
        "n_mentions": len(mentions),
    }, request=request))


def _bars(series: dict[str, dict[str, int]], years: list[str]) -> Markup:
    """Return an SVG of stacked bars: one bar per year, a band per series."""
    width, height, pad = 720, 260, 30
    totals = {y: sum(s.get(y, 0) for s in series.values()) for y in years}
    top = max(totals.values(), default=0) or 1
    step = (width - 2 * pad) / max(1, len(years))
    colours = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777",
               "#4b5563", "#65a30d", "#7c3aed", "#0d9488", "#b91c1c", "#1d4ed8", "#a16207", "#be185d"]
    parts = [f'<svg viewBox="0 0 {width} {height + 40}" role="img" aria-label="mentions of care types per year">']
    for i, year in enumerate(years):
        y_top: float = height
        for j, (name, counts) in enumerate(series.items()):
            count = counts.get(year, 0)
            if not count:
                continue
            h = (height - pad) * count / top
            y_top -= h
            parts.append(Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">'
                                '<title>{} {}: {}</title></rect>').format(
                pad + i * step + 2, y_top, step - 4, h, colours[j % len(colours)], name, year, count))
        parts.append(Markup('<text x="{:.1f}" y="{}" font-size="11" text-anchor="middle">{}</text>').format(
            pad + i * step + step / 2, height + 14, year))
    legend = "".join(Markup('<span class="swatch" style="background:{}"></span>{} ').format(
        colours[j % len(colours)], name) for j, name in enumerate(series))
    return Markup("".join(str(p) for p in parts) + "</svg>") + Markup('<p class="legend">{}</p>').format(
        Markup(legend))


def _map(points: list[dict], entity_url) -> Markup:
    """Return an SVG map of municipalities: a dot per municipality, its size the number of documents."""
    height = 500
    west, east, south, north = 3.3, 7.3, 50.7, 53.6
    scale_y = height / (north - south)
    scale_x = scale_y * math.cos(math.radians((north + south) / 2))  # degrees of longitude are shorter here
    width = round((east - west) * scale_x)
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="map of municipalities mentioned" '
             'class="map"><rect width="100%" height="100%" fill="#f8fafc"/>']
    for p in sorted(points, key=lambda p: p["n_documents"]):
        x = (p["lon"] - west) * scale_x
        y = (north - p["lat"]) * scale_y
        radius = 2 if not p["n_documents"] else 3 + 2.5 * math.sqrt(p["n_documents"])
        colour = "#cbd5e1" if not p["n_documents"] else "#2563eb"
        parts.append(Markup('<a href="{}"><circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="{}" fill-opacity="0.7">'
                            '<title>{}: {} documents</title></circle></a>').format(
            entity_url(p["id"]), x, y, radius, colour, p["name"], p["n_documents"]))
    return Markup("".join(str(p) for p in parts) + "</svg>")


async def charts_page(datasette, request):
    db = _database(datasette)
    rows = (await db.execute("select care_type, year, sum(n_documents) as n from care_types_by_municipality "
                             "where year is not null group by care_type, year")).rows
    series: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        series[row["care_type"]][row["year"]] = row["n"]
    years = sorted({row["year"] for row in rows})
    points = [dict(r) for r in (await db.execute(
        "select id, name, lat, lon, n_documents from entity_overview where kind = 'municipality' and active = 1 "
        "and lat is not null")).rows]
    table_url = datasette.urls.table(db.name, "entities")
    return Response.html(await datasette.render_template("charts.html", {
        "chart": _bars(dict(sorted(series.items())), years), "map": _map(points, lambda e: f"{table_url}/{e}"),
        "database": db.name, "n_places": sum(1 for p in points if p["n_documents"]),
    }, request=request))
