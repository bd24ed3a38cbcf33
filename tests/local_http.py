"""A real HTTP server on 127.0.0.1 for the tests that fetch: routes answer with pages, feeds,
redirects, slow or endless bodies. Nothing reaches the internet.

    with LocalServer() as server:
        server.route("/a.html", Page(HTML, "text/html"))
        fetch(server.url("/a.html"), …)

Each request is recorded (path and headers), so a test can check what the client sent (the
Host header, conditional headers).
"""

from __future__ import annotations

import contextlib
import gzip
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Page:
    """A response: status, body (bytes, or an iterator of chunks, sent without a length),
    headers; ``delay`` seconds before answering; ``gzip`` compresses the body."""

    body: bytes | Callable[[], Iterator[bytes]] = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    gzip: bool = False
    # Called with the request's headers; returns a Page to answer with instead (conditional
    # requests).
    when: Callable[[dict[str, str]], Page | None] | None = None


def redirect(location: str, status: int = 302) -> Page:
    return Page(b"", content_type=None, status=status, headers={"Location": location})


def trickle(total: int, *, every: float, piece: bytes = b"x") -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        for _ in range(total):
            time.sleep(every)
            yield piece

    return chunks


def endless(chunk: int = 64 * 1024) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        while True:
            yield b"a" * chunk

    return chunks


class LocalServer:
    """``ssl_context`` (a server context with its certificate) serves HTTPS instead."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Page] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # bodies without a length end with the connection

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((self.path, headers))
                page = server.routes.get(self.path.split("?")[0])
                if page is None:
                    page = Page(b"not found", "text/plain", status=404)
                if page.when is not None:
                    page = page.when(headers) or page
                if page.delay:
                    time.sleep(page.delay)
                # The client stopping reading is what a refused body looks like.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send(page)

            def _send(self, page: Page) -> None:
                self.send_response(page.status)
                if page.content_type:
                    self.send_header("Content-Type", page.content_type)
                for key, value in page.headers.items():
                    self.send_header(key, value)
                if callable(page.body):
                    self.end_headers()
                    for chunk in page.body():
                        self.wfile.write(chunk)
                        self.wfile.flush()
                    return
                body = gzip.compress(page.body) if page.gzip else page.body
                if page.gzip:
                    self.send_header("Content-Encoding", "gzip")
                if "Content-Length" not in page.headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if ssl_context is not None:
            self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
        self.scheme = "https" if ssl_context is not None else "http"
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def route(self, path: str, page: Page) -> str:
        self.routes[path] = page
        return self.url(path)

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
