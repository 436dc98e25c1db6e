"""Finding input files and reading them into Sources."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pipeline.errors import BadInput
from pipeline.sources import find_paths, read_source


def test_folders_are_walked_recursively_and_sorted_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "diep").mkdir(parents=True)
    (tmp_path / "b" / "diep" / "z.txt").write_text("z")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / ".verborgen.txt").write_text("x")
    assert find_paths([str(tmp_path)]) == [str(tmp_path / "a.pdf"), str(tmp_path / "b" / "diep" / "z.txt")]


def test_a_link_loop_does_not_make_the_walk_endless(tmp_path: Path) -> None:
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "x.txt").write_text("x")
    os.symlink(tmp_path, tmp_path / "map" / "lus")
    # the link is listed once (to be recorded as skipped), never walked into
    assert find_paths([str(tmp_path)]) == [str(tmp_path / "map" / "lus"), str(tmp_path / "map" / "x.txt")]


def test_a_missing_root_raises_bad_input_naming_it(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="nergens: no such file or folder"):
        find_paths([str(tmp_path / "nergens")])


def test_a_dangling_link_is_bad_input(tmp_path: Path) -> None:
    os.symlink(tmp_path / "weg.txt", tmp_path / "link.txt")
    with pytest.raises(BadInput, match="broken symbolic link"):
        read_source(str(tmp_path / "link.txt"))


def test_an_empty_file_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "leeg.txt").write_bytes(b"")
    with pytest.raises(BadInput, match="empty"):
        read_source(str(tmp_path / "leeg.txt"))


def test_a_source_carries_sha256_and_media_type(tmp_path: Path) -> None:
    (tmp_path / "pagina.HTM").write_bytes(b"<p>hallo</p>")
    source = read_source(str(tmp_path / "pagina.HTM"))
    assert source.media_type == "text/html" and source.skip is None
    assert source.sha256 == hashlib.sha256(b"<p>hallo</p>").hexdigest()
