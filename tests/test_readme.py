"""Every curl example in the README runs against a live server; every canned query answers in JSON."""

from __future__ import annotations

import json
import re
import shlex
import urllib.parse
import urllib.request

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.server

EXAMPLE_BASE = "http://127.0.0.1:8001/demo"
SAMPLES = {"words": "jeugdhulp", "tender_ref": "negometrix:142669", "municipality": "Heerlen",
           "party": "Rechtbank", "q": "jeugdhulp"}


def readme_examples() -> list[str]:
    section = ROOT.joinpath("README.md").read_text("utf-8").split("## JSON API", 1)[1].split("\n## ", 1)[0]
    return [shlex.split(line)[-1] for line in section.splitlines() if line.startswith("curl ")]


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return json.load(response)


@pytest.mark.parametrize("example", readme_examples())
def test_readme_example_answers_with_data(server: str, example: str) -> None:
    url = example.replace(EXAMPLE_BASE, server + "/inkoop")
    data = fetch(url)
    if "_shape=array" in url:
        assert isinstance(data, list) and data, url
    if "_facet=kind" in url:
        assert {f["value"] for f in data["facet_results"]["kind"]["results"]} >= {"date", "municipality"}
    if "_size=20" in url:
        assert len(data["rows"]) == 20 and data["next_url"]
        following = fetch(data["next_url"])
        assert following["rows"] and following["rows"][0] != data["rows"][0]


def test_the_readme_has_the_examples_users_need() -> None:
    examples = " ".join(readme_examples())
    for feature in ("_shape=array", "_search=", "_facet=", "_size=", "documents_about_municipality"):
        assert feature in examples


def canned_queries() -> dict:
    metadata = json.loads(ROOT.joinpath("datasette-metadata.json").read_text("utf-8"))
    return metadata["databases"]["inkoopradar"]["queries"]


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_canned_query_answers_over_the_json_api(server: str, name: str) -> None:
    params = {p: SAMPLES[p] for p in re.findall(r":(\w+)", canned_queries()[name]["sql"])}
    query = urllib.parse.urlencode({**params, "_shape": "array"})
    rows = fetch(f"{server}/inkoop/{name}.json?{query}")
    assert isinstance(rows, list)
    if name not in {"rulings", "failed_files", "parties_in_rulings"}:  # the demo corpus has no rulings
        assert rows, name
