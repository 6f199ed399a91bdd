"""The console in a browser: textual-serve starts one console process per browser tab.

A tab opened as ``/?staff=NAME`` runs its console as that clerk.
Bound to 127.0.0.1 by default; any other address needs a token that every request
carries (``?token=`` once, then a same-site cookie), compared in constant time. The
page is textual-serve's with the web font served locally: it loads nothing from outside.
"""

from __future__ import annotations

import asyncio
import hmac
import shlex
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote, unquote

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from deskconsole.errors import DeskError
from deskconsole.i18n import t

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
COOKIE = "deskconsole_token"
STAFF_COOKIE = "deskconsole_staff"  # the name a tab was opened with: /?staff=NAME
TEMPLATES = Path(__file__).with_name("serve_templates")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def console_command(data_dir: Path, store: str | None, lang: str | None) -> list[str]:
    """The command each browser tab runs: this deskconsole on the same store."""
    parts = [sys.executable, "-m", "deskconsole", "--data-dir", str(data_dir)]
    if store:
        parts += ["--store", store]
    if lang:
        parts += ["--lang", lang]
    return parts


def check_binding(host: str, token: str | None) -> None:
    """Refuse to listen beyond this computer without a token."""
    if host not in LOCAL_HOSTS and not token:
        raise DeskError("serve.needs_token", host=host)


class DeskServer(Server):
    """textual-serve's server with a token check and a page that loads nothing from outside."""

    def __init__(
        self,
        command: list[str],
        host: str,
        port: int,
        token: str | None,
        title: str,
        public_url: str | None = None,
    ) -> None:
        super().__init__(
            shlex.join(command),
            host=host,
            port=port,
            title=title,
            public_url=public_url.rstrip("/") if public_url else None,
            templates_path=TEMPLATES,
        )
        self.token = token
        self.parts = command

    def tab_command(self, request: web.Request) -> str:
        """The console a tab runs: with the staff name the tab was opened with, if any."""
        staff = unquote(request.cookies.get(STAFF_COOKIE, "")).strip()
        return shlex.join([*self.parts, "--staff", staff] if staff else self.parts)

    def _allowed(self, request: web.Request) -> tuple[bool, bool]:
        """(allowed, came with the token in the address)."""
        if not self.token:
            return True, False
        expected = self.token.encode("utf-8")
        given = request.query.get("token")
        if given is not None and hmac.compare_digest(given.encode("utf-8"), expected):
            return True, True
        cookie = request.cookies.get(COOKIE)
        return cookie is not None and hmac.compare_digest(cookie.encode("utf-8"), expected), False

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        allowed, from_query = self._allowed(request)
        if not allowed:
            return web.Response(status=403, text="403: this console needs its token\n")
        response = await handler(request)
        if not response.prepared:
            if from_query and self.token:
                response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
            staff = request.query.get("staff")
            if request.path == "/" and staff is not None:
                response.set_cookie(STAFF_COOKIE, quote(staff.strip()), samesite="Strict")
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One console process per tab (textual-serve's handler, with the tab's command)."""
        command = self.tab_command(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = AppService(
                command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            if service is not None:
                await service.stop()
        return websocket

    def address_to_open(self) -> str:
        """The address a clerk opens (with the token, when one is needed)."""
        return f"{self.public_url}/?token={self.token}" if self.token else f"{self.public_url}/"

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(t("serve.open", url=self.address_to_open()), highlight=False)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app
