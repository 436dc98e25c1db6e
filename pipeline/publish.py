"""Publish a database with Datasette: read-only, with the project's metadata and safe limits."""

from __future__ import annotations

import asyncio
import copy
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

#: the key under "databases" in datasette-metadata.json; renamed to the served file's stem
METADATA_DATABASE = "inkoopradar"

#: Datasette settings for a public, read-only instance
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 1000,
    "truncate_cells_html": 400,
    "facet_time_limit_ms": 500,
    "default_page_size": 50,
    "allow_signed_tokens": False,
}


def load_metadata(db_path: str, metadata_path: str | None = None) -> dict[str, Any]:
    """Return datasette-metadata.json with its database section named after the served file."""
    if metadata_path:
        raw = Path(metadata_path).read_text(encoding="utf-8")
    else:
        raw = files("pipeline").joinpath("datasette-metadata.json").read_text(encoding="utf-8")
    metadata = json.loads(raw)
    databases = metadata.get("databases", {})
    if METADATA_DATABASE in databases:
        metadata = copy.deepcopy(metadata)
        metadata["databases"] = {Path(db_path).stem: databases[METADATA_DATABASE]}
    return metadata


def register_plugin() -> None:
    """Register the project's Datasette plugin (document pages, links, charts) once per process."""
    from datasette.plugins import pm

    from pipeline.web import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="inkoopradar")


def build_datasette(db_path: str, metadata_path: str | None = None):
    """Return a Datasette instance serving the database immutable, with CORS and time/row limits."""
    from datasette.app import Datasette

    register_plugin()
    templates = str(files("pipeline.web").joinpath("templates"))
    ds = Datasette([], immutables=[db_path], metadata=load_metadata(db_path, metadata_path),
                   settings=SETTINGS, cors=True, template_dir=templates)
    asyncio.run(ds.invoke_startup())
    return ds


def serve(db_path: str, host: str, port: int, metadata_path: str | None = None) -> None:
    """Serve the database over HTTP until interrupted."""
    import uvicorn

    ds = build_datasette(db_path, metadata_path)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
