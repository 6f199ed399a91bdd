"""The console in a browser: textual-serve starts one console process per browser tab.

Bound to 127.0.0.1 by default; any other address needs a token that every request
carries (``?token=`` once, then a same-site cookie), compared in constant time. The
page is textual-serve's with the web font served locally: it loads nothing from outside.
"""

from __future__ import annotations

import hmac
import shlex
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from deskconsole.errors import DeskError
from deskconsole.i18n import t

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
COOKIE = "deskconsole_token"
TEMPLATES = Path(__file__).with_name("serve_templates")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def console_command(data_dir: Path, store: str | None, lang: str | None) -> str:
    """The command each browser tab runs: this deskconsole on the same store."""
    parts = [sys.executable, "-m", "deskconsole", "--data-dir", str(data_dir)]
    if store:
        parts += ["--store", store]
    if lang:
        parts += ["--lang", lang]
    return shlex.join(parts)


def check_binding(host: str, token: str | None) -> None:
    """Refuse to listen beyond this computer without a token."""
    if host not in LOCAL_HOSTS and not token:
        raise DeskError("serve.needs_token", host=host)


class DeskServer(Server):
    """textual-serve's server with a token check and a page that loads nothing from outside."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        token: str | None,
        title: str,
        public_url: str | None = None,
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            public_url=public_url.rstrip("/") if public_url else None,
            templates_path=TEMPLATES,
        )
        self.token = token

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
        if from_query and self.token and not response.prepared:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
        return response

    def address_to_open(self) -> str:
        """The address a clerk opens (with the token, when one is needed)."""
        return f"{self.public_url}/?token={self.token}" if self.token else f"{self.public_url}/"

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(t("serve.open", url=self.address_to_open()), highlight=False)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app
