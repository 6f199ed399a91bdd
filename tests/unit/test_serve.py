"""``deskconsole serve``: refused beyond this computer without a token; the token guards
every request; the page loads nothing from outside."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

from deskconsole.cli import main
from deskconsole.cli.serve import COOKIE, STAFF_COOKIE, DeskServer, console_command


def test_serving_beyond_this_computer_needs_a_token(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "en", "serve", "--host", "0.0.0.0", "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and "--token" in err and len(err.strip().splitlines()) == 1


def test_each_tab_runs_this_console_on_the_same_store(tmp_path: Path) -> None:
    command = " ".join(console_command(tmp_path, "postgresql://desk@server/street", "zh"))
    assert "-m deskconsole --data-dir" in command and str(tmp_path) in command
    assert "--store postgresql://desk@server/street --lang zh" in command


async def test_a_tab_opened_with_a_staff_name_runs_its_console_as_that_clerk() -> None:
    server = DeskServer(["deskconsole"], "127.0.0.1", 8000, None, "deskconsole")
    client: TestClient = TestClient(TestServer(await server._make_app()))  # type: ignore[type-arg]
    await client.start_server()
    try:
        page = await client.get("/?staff=李娜")
        assert page.status == 200
        cookie = page.cookies[STAFF_COOKIE].value
    finally:
        await client.close()
    tab = make_mocked_request("GET", "/ws", headers={"Cookie": f"{STAFF_COOKIE}={cookie}"})
    assert shlex.split(server.tab_command(tab)) == ["deskconsole", "--staff", "李娜"]
    shell = make_mocked_request("GET", "/ws", headers={"Cookie": f"{STAFF_COOKIE}=a%3B%20rm%20x"})
    assert shlex.split(server.tab_command(shell)) == ["deskconsole", "--staff", "a; rm x"]
    alone = make_mocked_request("GET", "/ws")
    assert server.tab_command(alone) == "deskconsole"


async def _client(token: str | None) -> TestClient:  # type: ignore[type-arg]
    server = DeskServer(["true"], "127.0.0.1", 8000, token, "deskconsole")
    client: TestClient = TestClient(TestServer(await server._make_app()))  # type: ignore[type-arg]
    await client.start_server()
    return client


async def test_every_request_needs_the_token_then_its_cookie() -> None:
    client = await _client("s3cret-token")
    try:
        assert (await client.get("/")).status == 403
        assert (await client.get("/?token=wrong")).status == 403
        assert (await client.get("/static/css/xterm.css")).status == 403
        page = await client.get("/?token=s3cret-token")
        assert page.status == 200 and COOKIE in page.cookies
        assert (await client.get("/static/css/xterm.css")).status == 200  # by the cookie
    finally:
        await client.close()


async def test_the_page_loads_nothing_from_outside() -> None:
    client = await _client(None)
    try:
        page = await client.get("/")
        html = await page.text()
    finally:
        await client.close()
    assert page.status == 200 and "/static/js/textual.js" in html
    loaded = re.findall(r'(?:href|src)="([^"]+)"|url\("([^"]+)"\)', html)
    urls = [a or b for a, b in loaded]
    assert urls and all(u.startswith("http://127.0.0.1:8000/") for u in urls), urls
    assert "fonts.googleapis" not in html
