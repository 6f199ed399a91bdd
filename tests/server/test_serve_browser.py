"""The served console in a real browser (Playwright driving Debian's Chromium): each tab
starts a console of its own on the server store, as the clerk named in its address."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from deskconsole.models import Settings
from deskconsole.storage.postgres import ServerRepository
from tests.real_clients import CHROMIUM, need

pytestmark = pytest.mark.real_clients
WAIT = 60.0  # seconds: only a bound for a broken build; the test waits for each condition


def _until(done: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"not in time: {what}")
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.fixture
def served(database: str, tmp_path: Path) -> Iterator[str]:
    with ServerRepository.connect(database, tmp_path / "setup", listen=False) as repo:
        repo.settings.save(Settings(desk_code="JD", community="街道办"))
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "deskconsole",
            "--store",
            database,
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path / "served"),
        ],
        stdout=(tmp_path / "serve.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _until(lambda: _answers(url) or server.poll() is not None, "the server answers")
        assert server.poll() is None, "deskconsole serve stopped"
        yield url
    finally:
        server.terminate()
        server.wait(30)


def _consoles(address: str) -> set[str]:
    with psycopg.connect(address, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()"
        ).fetchall()
    return {str(name) for (name,) in rows}


def test_each_browser_tab_is_a_console_of_its_own_clerk(served: str, database: str) -> None:
    chromium = need(CHROMIUM, "chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            first = browser.new_context().new_page()
            first.goto(f"{served}?staff=li.na")
            second = browser.new_context().new_page()
            second.goto(f"{served}?staff=wang.fang")
            _until(
                # (the server shows application names in ASCII only: hence ASCII staff names here)
                lambda: {"deskconsole li.na", "deskconsole wang.fang"} <= _consoles(database),
                "both tabs' consoles connected to the store",
            )
            requests: list[str] = []
            third = browser.new_context().new_page()
            third.on("request", lambda request: requests.append(request.url))
            third.goto(served)
            third.wait_for_load_state("networkidle")
            assert requests and all(
                url.startswith(served) or url.startswith(served.replace("http", "ws"))
                for url in requests
            ), requests
        finally:
            browser.close()
