"""Shared fixtures: paths, ../shared (skipped when absent), golden-file updating, a live server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed"
SHARED = Path(os.environ.get("INKOOPRADAR_SHARED", ROOT.parent / "shared"))
INKOOPRADAR = Path(sys.executable).with_name("inkoopradar")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/*.json from the output.")
    parser.addoption("--screenshots", action="store_true", help="Write browser screenshots to docs/screenshots/.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the repository; tests using it skip with a reason when it is absent."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"{SHARED} is absent: these tests need the team's shared corpora beside the repository")
    return SHARED


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database made by the real CLI from the demo corpus."""
    db = tmp_path_factory.mktemp("seed") / "inkoop.db"
    subprocess.run([str(INKOOPRADAR), "ingest", str(SEED), "--db", str(db)], check=True, capture_output=True)
    return db


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    """Run a real `inkoopradar serve` process for db on a free loopback port; yield its base URL."""
    port = free_port()
    process = subprocess.Popen([str(INKOOPRADAR), "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/-/versions.json", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def server(seed_db: Path) -> Iterator[str]:
    """The demo corpus served by a real `inkoopradar serve`; yields its base URL."""
    with serving(seed_db) as base:
        yield base
