"""Fetching a URL to import (an article page or a feed), safe by default.

A URL an editor pastes, or a feed names, is fetched by the server, so it must not become a
way into the newsroom's own network (server-side request forgery) or a way to hang or fill
a worker. Every request here:

* is ``http`` or ``https``, without a user name or password in the URL;
* goes only to hosts whose every address is global: private, loopback, link-local,
  shared, reserved, multicast and unspecified addresses are refused unless
  ``CLAIMTRACKER_ALLOW_PRIVATE_URLS`` is on (tests turn it on to reach their local server);
* connects to the very address that was checked (the ``Host`` header and, for HTTPS, the
  TLS server name and certificate check keep the host name), so a DNS answer that changes
  between the check and the connection (DNS rebinding) cannot redirect it;
* has a connect timeout and a total timeout (the whole exchange, redirects and body, ends
  by the deadline: each read waits at most what is left of it);
* follows at most ``MAX_REDIRECTS`` redirects, each hop checked again (scheme and address);
* reads at most the import size limit (``limits.check_size``, the one rule), counting the
  bytes as they stream in (after decompression), and refuses a declared larger body unread;
* accepts only the content types the caller expects.

Every refusal is a ``FetchError``: one line a person can act on. urllib3 is the client
(maintained, already a dependency of trafilatura, and it lets us connect to a chosen address).
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ReadTimeoutError,
    SSLError,
)

from claims.extract.errors import ArticleError

from . import limits

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "claimtracker-importer/1.0"
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_TOTAL_TIMEOUT = 30.0

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_URL_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
# Characters left as they are when a path or query is made ASCII for the request line.
_SAFE = "/%:@!$&'()*+,;=-._~?#[]"


class FetchError(ArticleError):
    """The URL could not be fetched, or was refused; the message is one line."""


def looks_like_url(value: str) -> bool:
    """``scheme://…``: an input to fetch rather than a path (an ``ftp://`` one is refused
    by name, not looked for on disk)."""
    return bool(_URL_START.match(value.strip()))


@dataclass(frozen=True)
class Policy:
    """The limits one fetch works within; ``from_settings`` reads the declared settings."""

    allow_private: bool = False
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT
    max_bytes: int = limits.DEFAULT_MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    ca_certs: str | None = None  # a CA bundle to trust instead of the system's (tests)

    @classmethod
    def from_settings(cls) -> Policy:
        from django.conf import settings

        return cls(
            allow_private=bool(settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS),
            connect_timeout=float(settings.CLAIMTRACKER_FETCH_CONNECT_TIMEOUT),
            total_timeout=float(settings.CLAIMTRACKER_FETCH_TIMEOUT),
            max_bytes=limits.max_import_bytes(),
        )


@dataclass(frozen=True)
class Fetched:
    """A response: ``url`` is where the redirects ended; ``status`` 304 (not modified, only
    for a conditional request) has no body."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text, in its declared charset (HTTP header, else the page's own
        ``<meta charset>``, else UTF-8), nothing guessed or replaced."""
        charset = self.charset or _meta_charset(self.body) or "utf-8"
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            raise FetchError(f"unknown charset {charset[:40]!r}") from None
        try:
            return self.body.decode("utf-8-sig" if codec == "utf-8" else codec)
        except UnicodeDecodeError as exc:
            raise FetchError(
                f"not valid {charset} (byte 0x{self.body[exc.start : exc.start + 1].hex()} "
                f"at offset {exc.start})"
            ) from None


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # ASCII (IDNA), lower case, IPv6 without brackets
    port: int
    path: str  # the request target: path and query, ASCII

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def fetch(
    url: str,
    *,
    accept: frozenset[str],
    headers: Mapping[str, str] | None = None,
    policy: Policy | None = None,
) -> Fetched:
    """GET ``url`` within ``policy`` (default: the settings), following redirects. Answers
    with a 2xx body of an ``accept``-ed content type, or 304 when ``headers`` made the
    request conditional; anything else is a ``FetchError``."""
    policy = policy or Policy.from_settings()
    deadline = time.monotonic() + policy.total_timeout
    current = url.strip()
    for hop in range(policy.max_redirects + 1):
        try:
            target = _target(current)
            address = _checked_address(target, policy, deadline)
            response = _request(
                target, address, headers or {}, policy, deadline, ", ".join(sorted(accept))
            )
        except FetchError as exc:
            raise FetchError(f"redirect to {current}: {exc}" if hop else str(exc)) from None
        try:
            if response.status in _REDIRECTS:
                location = (response.headers.get("Location") or "").strip()
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location")
                current = urljoin(current, location)
                continue
            return _answer(current, response, accept, policy, deadline)
        finally:
            response.release_conn()
            response.close()
    raise FetchError(f"too many redirects (more than {policy.max_redirects})")


# --- Checking the URL and its addresses ---------------------------------------------------------


def _target(url: str) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {scheme or 'this'!r}")
    if parts.username is not None or parts.password is not None:
        raise FetchError("URLs with a user name or password are not fetched")
    if not parts.hostname:
        raise FetchError("the URL has no host")
    try:
        host = parts.hostname.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise FetchError(f"bad host name {parts.hostname[:100]!r}") from None
    path = quote(parts.path or "/", safe=_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE)
    return _Target(scheme, host, port or (443 if scheme == "https" else 80), path)


def _ip_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not one to fetch from, or None when it is global."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    # Most specific first: Python counts link-local and 0.0.0.0/8 as private too.
    for kind in ("loopback", "link_local", "unspecified", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-global"


def _resolve(target: _Target, timeout: float) -> list[str]:
    try:
        return [str(ipaddress.ip_address(target.host))]  # an address already
    except ValueError:
        pass
    # getaddrinfo has no timeout of its own: wait for it at most ``timeout`` seconds.
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(socket.getaddrinfo, target.host, target.port, type=socket.SOCK_STREAM)
    pool.shutdown(wait=False)
    try:
        infos = future.result(timeout=max(0.01, timeout))
    except FutureTimeout:
        raise FetchError(f"cannot resolve {target.host} (timed out)") from None
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise FetchError(f"cannot resolve {target.host} ({reason})") from None
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
    if not addresses:
        raise FetchError(f"cannot resolve {target.host} (no address)")
    return addresses


def _checked_address(target: _Target, policy: Policy, deadline: float) -> str:
    """The address to connect to: the host's first, once every one of them passed."""
    remaining = deadline - time.monotonic()
    addresses = _resolve(target, min(policy.connect_timeout, remaining))
    if not policy.allow_private:
        for address in addresses:
            kind = _ip_kind(ipaddress.ip_address(address))
            if kind is not None:
                shown = target.host if target.host == address else f"{target.host} ({address})"
                article = "an" if kind[0] in "aeiou" else "a"
                raise FetchError(
                    f"refused: {shown} is {article} {kind} address "
                    "(set CLAIMTRACKER_ALLOW_PRIVATE_URLS=1 to allow it)"
                )
    return addresses[0]


# --- The exchange -------------------------------------------------------------------------------


def _request(
    target: _Target,
    address: str,
    headers: Mapping[str, str],
    policy: Policy,
    deadline: float,
    accept_header: str = "*/*",
) -> urllib3.BaseHTTPResponse:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timed_out(policy)
    timeout = urllib3.Timeout(connect=min(policy.connect_timeout, remaining), read=remaining)
    if target.scheme == "https":
        # Connect to the checked address; TLS still names and verifies the host.
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            address,
            target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=target.host,
            assert_hostname=target.host,
            ca_certs=policy.ca_certs,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            address, target.port, timeout=timeout, retries=False, maxsize=1
        )
    request_headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": accept_header,
        "Accept-Encoding": "gzip, deflate",
        **headers,
    }
    try:
        return pool.urlopen(
            "GET",
            target.path,
            headers=request_headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
            timeout=timeout,
        )
    except ConnectTimeoutError:
        waited = timeout.connect_timeout
        raise FetchError(f"cannot connect (no answer within {waited:g} s)") from None
    except (ReadTimeoutError, TimeoutError):
        raise _timed_out(policy) from None
    except (HTTPError, OSError) as exc:
        raise FetchError(_network_reason(exc)) from None


def _timed_out(policy: Policy) -> FetchError:
    return FetchError(f"timed out (the limit is {policy.total_timeout:g} s)")


def _network_reason(exc: BaseException) -> str:
    if isinstance(exc, SSLError):
        return f"TLS error ({str(exc).splitlines()[0][:160]})"
    if isinstance(exc, NewConnectionError):
        cause = exc.__cause__ or exc.__context__
        reason = getattr(cause, "strerror", None) or "connection failed"
        return f"cannot connect ({reason})"
    reason = " ".join(str(exc).split())[:160]
    return f"connection failed ({type(exc).__name__}: {reason})"


def _answer(
    url: str,
    response: urllib3.BaseHTTPResponse,
    accept: frozenset[str],
    policy: Policy,
    deadline: float,
) -> Fetched:
    validators = {
        "etag": response.headers.get("ETag", ""),
        "last_modified": response.headers.get("Last-Modified", ""),
    }
    if response.status == 304:
        return Fetched(url=url, status=304, **validators)
    if not 200 <= response.status < 300:
        reason = response.reason or ""
        raise FetchError(f"HTTP {response.status} {reason}".strip())
    media_type, charset = _content_type(response.headers.get("Content-Type", ""))
    if media_type not in accept:
        wanted = ", ".join(sorted(accept))
        raise FetchError(f"content type {media_type or 'missing'!r} is not one of {wanted}")
    body = _read_body(response, policy, deadline)
    return Fetched(
        url=url,
        status=response.status,
        body=body,
        content_type=media_type,
        charset=charset,
        **validators,
    )


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _read_body(response: urllib3.BaseHTTPResponse, policy: Policy, deadline: float) -> bytes:
    """The body, stopped as soon as it passes the size limit or the deadline."""
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit():
        _check_size(int(declared), policy, streaming=False)
    chunks: list[bytes] = []
    received = 0
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _timed_out(policy)
            connection = response.connection  # each read waits at most what is left
            sock = getattr(connection, "sock", None)
            if sock is not None:
                sock.settimeout(remaining)
            chunk = response.read1(CHUNK)
            if not chunk:
                break
            received += len(chunk)
            _check_size(received, policy, streaming=True)
            chunks.append(chunk)
    except (ReadTimeoutError, TimeoutError):
        raise _timed_out(policy) from None
    except (HTTPError, OSError) as exc:
        raise FetchError(_network_reason(exc)) from None
    return b"".join(chunks)


def _check_size(size: int, policy: Policy, *, streaming: bool) -> None:
    """The import size rule (``limits``), as a ``FetchError`` like every refusal here."""
    try:
        limits.check_size(size, limit=policy.max_bytes, what="response", streaming=streaming)
    except ArticleError as exc:
        raise FetchError(str(exc)) from None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match[1].decode("ascii") if match else None
