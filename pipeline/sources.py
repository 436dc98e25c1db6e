"""Find input files and read them into Sources: path, raw bytes, sha256, media type.

A Source is what every later stage starts from. Finding inputs never raises for one bad
path inside a folder: unreadable entries, dangling links and link loops become Sources
with a `skip` reason, so the batch records them instead of stopping.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import BadInput

#: file suffix -> media type; anything else is recorded as skipped
MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".pdf": "application/pdf",
    ".xml": "application/xml",
}

#: default largest file read, in bytes; larger files are skipped with their size as reason
MAX_BYTES = 50_000_000
#: default longest text extracted (a 600-page report is about 1.5 million characters); longer texts are cut
MAX_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: where it came from and its raw bytes (empty when skipped)."""

    path: str
    data: bytes
    sha256: str
    media_type: str | None
    skip: str | None = None


def display_path(path: str) -> str:
    r"""Return a path that can be stored as text: bytes that are not UTF-8 in a file name become \\xNN.

    >>> display_path("map/caf\udce9.txt")
    'map/caf\\xe9.txt'
    """
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_paths(roots: list[str]) -> list[str]:
    """Return every file below the given files or folders, sorted, as the user wrote them.

    Folders are walked recursively without following links to folders, so a link loop
    cannot make the walk endless; hidden files and folders (".git") are left out.
    Raises BadInput for a root that does not exist.
    """
    found: set[str] = set()
    for root in roots:
        if not os.path.lexists(root):
            raise BadInput(f"{root}: no such file or folder; check the path and run again")
        if not os.path.isdir(root):
            found.add(os.path.normpath(root))
            continue
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            linked = [d for d in dirs if os.path.islink(os.path.join(folder, d))]  # recorded, not walked
            for name in [*files, *linked]:
                if not name.startswith("."):
                    found.add(os.path.normpath(os.path.join(folder, name)))
    return sorted(found)


def media_type_of(path: str) -> str | None:
    """Return the media type for a path's suffix, or None when it is not supported."""
    return MEDIA_TYPES.get(Path(path).suffix.lower())


def sha256_of(path: str) -> str:
    """Return the hex sha256 of a file's bytes, read in chunks (any size)."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def read_source(path: str, max_bytes: int = MAX_BYTES) -> Source:
    """Read one path into a Source; unsupported or oversized files come back with `skip` set.

    Raises BadInput when the file cannot be read at all (permissions, dangling link, a folder).
    """
    try:
        if os.path.islink(path) and not os.path.exists(path):
            raise BadInput(f"{path}: broken symbolic link; fix or remove the link")
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            return Source(path, b"", "", None, skip="a link to a folder; links to folders are not followed "
                                                   "(no loops), so name the folder itself to ingest it")
        if not stat.S_ISREG(status.st_mode):  # a named pipe would block the read for ever
            return Source(path, b"", "", media_type_of(path),
                          skip="not a regular file (a pipe, socket or device); copy its contents to a file")
        size = status.st_size
        media_type = media_type_of(path)
        if media_type is None:
            suffix = Path(path).suffix or "(none)"
            return Source(path, b"", sha256_of(path), None,
                          skip=f"unsupported file type {suffix}; convert it to PDF, HTML or text to ingest it")
        if size > max_bytes:
            return Source(path, b"", sha256_of(path), media_type,
                          skip=f"file is {size:,} bytes, over the limit of {max_bytes:,}; "
                               "raise --max-bytes to ingest it")
        if size == 0:
            raise BadInput(f"{path}: the file is empty (0 bytes); check the download or export")
        with open(path, "rb") as fh:
            data = fh.read()
    except BadInput:
        raise
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise BadInput(f"{path}: cannot read the file ({reason}); check that it exists and is readable") from err
    return Source(path, data, hashlib.sha256(data).hexdigest(), media_type)


def iter_sources(paths: list[str], max_bytes: int = MAX_BYTES) -> Iterator[Source | BadInput]:
    """Yield a Source, or the BadInput that explains why not, for each path in order."""
    for path in paths:
        try:
            yield read_source(path, max_bytes)
        except BadInput as err:
            yield err
