"""Importing from URLs against a real HTTP server on 127.0.0.1 (tests/local_http.py): the
page goes through the HTML path and is stored under the URL the redirects ended at; every
refusal (scheme, private address, timeout, size, redirects, content type) is one line naming
the URL, and nothing is written."""

from __future__ import annotations

import gzip
import io
import socket
import ssl
import time

import pytest
import trustme
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from claims.importer import fetch
from claims.importer.service import import_url
from claims.models import Article, Claim
from tests.local_http import LocalServer, Page, endless, redirect, trickle

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html><head><title>Harbour vote | The Coast Post</title>
<meta property="og:url" content="https://coastpost.example/canonical">
</head><body><nav>Home | World | Sport</nav><article><h1>Harbour vote delayed</h1>
<p>The council postponed its vote on the harbour plan until March, the mayor said on Tuesday.</p>
<p>"We need another month to read the engineers' report," Mayor Ilse Brandt said.</p>
<p>The plan would cost 40 million euros over six years, according to the council.</p>
</article><footer>Contact us</footer></body></html>"""


@pytest.fixture
def server(settings):
    settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS = True  # the test server is on loopback
    with LocalServer() as srv:
        srv.route("/harbour.html", Page(PAGE.encode()))
        yield srv


@pytest.fixture
def public_loopback(monkeypatch, settings):
    """The local server stands in for a public host: 127.0.0.1 counts as global, every
    other address is checked as usual (with CLAIMTRACKER_ALLOW_PRIVATE_URLS off)."""
    settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS = False
    real = fetch._ip_kind
    monkeypatch.setattr(fetch, "_ip_kind", lambda ip: None if str(ip) == "127.0.0.1" else real(ip))


def only_failure(results) -> str:
    assert [r.status for r in results] == ["failed"], results
    assert Article.objects.count() == 0 and Claim.objects.count() == 0
    error = results[0].error
    assert "\n" not in error
    return error


def test_a_page_is_imported_through_the_html_path(server):
    [result] = import_url(server.url("/harbour.html"))
    assert result.status == "created", result.error
    article = Article.objects.get()
    assert article.url == server.url("/harbour.html")  # where it was fetched, not og:url
    assert article.source_name == server.url("/harbour.html")
    assert "Home | World" not in article.body  # trafilatura dropped the navigation
    assert any("Ilse Brandt" in c.text for c in article.claims.all())
    # Fetched again, the same page is unchanged (same raw text).
    assert import_url(server.url("/harbour.html"))[0].status == "unchanged"


def test_redirects_are_followed_and_the_final_url_is_stored(server):
    server.route("/r1", redirect("/r2", 301))
    server.route("/r2", redirect(server.url("/harbour.html"), 307))
    [result] = import_url(server.url("/r1"))
    assert result.status == "created", result.error
    assert result.source_name == server.url("/r1")
    assert Article.objects.get().url == server.url("/harbour.html")


def test_too_many_redirects(server):
    server.route("/loop", redirect("/loop"))
    error = only_failure(import_url(server.url("/loop")))
    assert error == "too many redirects (more than 5)"


def test_a_redirect_to_a_private_address_is_refused(public_loopback):
    with LocalServer() as srv:
        srv.route("/page", Page(PAGE.encode()))
        srv.route("/meta", redirect("http://169.254.169.254/latest/meta-data/"))
        srv.route("/lan", redirect("http://10.1.2.3/admin"))
        assert import_url(srv.url("/page"))[0].status == "created"  # the stand-in works
        Article.objects.all().delete()
        for path, address, kind in [
            ("/meta", "169.254.169.254", "link-local"),
            ("/lan", "10.1.2.3", "private"),
        ]:
            error = only_failure(import_url(srv.url(path)))
            assert error.startswith("redirect to http://")
            assert f"refused: {address} is a {kind} address" in error, error
            assert "CLAIMTRACKER_ALLOW_PRIVATE_URLS=1" in error
        assert [p for p, _ in srv.requests] == ["/page", "/meta", "/lan"]  # nothing else


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:9/x", "127.0.0.1 is a loopback address"),
        ("http://[::1]:9/x", "::1 is a loopback address"),
        ("http://[::ffff:10.0.0.1]/x", "is a private address"),
        ("http://0.0.0.0/x", "is an unspecified address"),
        ("http://192.168.1.1/router", "is a private address"),
        ("http://100.64.0.1/x", "is a non-global address"),
        ("http://localhost:9/x", "localhost (127.0.0.1) is a loopback address"),
    ],
)
def test_private_addresses_are_refused_by_default(settings, url, reason):
    settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS = False
    error = only_failure(import_url(url))
    assert error.startswith("refused: ") and reason in error


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/a.html", "only http and https URLs are fetched, not 'ftp'"),
        ("file:///etc/passwd", "only http and https URLs are fetched, not 'file'"),
        ("http://user:secret@example.org/", "URLs with a user name or password are not fetched"),
        ("http:///nohost", "the URL has no host"),
        ("http://example.org:99999/", "not a valid URL"),
    ],
)
def test_bad_urls_are_refused_before_any_connection(url, reason):
    assert reason in only_failure(import_url(url))


def test_dns_answer_is_the_address_connected_to(server, monkeypatch):
    """DNS rebinding: the address that was checked is the one connected to, and the host
    name still goes in the Host header."""
    real = socket.getaddrinfo
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", server.port))]])

    def getaddrinfo(host, *args, **kwargs):
        # news.example is looked up once; a second lookup would get nothing (StopIteration).
        return next(answers) if host == "news.example" else real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    url = f"http://news.example:{server.port}/harbour.html"
    [result] = import_url(url)
    assert result.status == "created", result.error
    assert Article.objects.get().url == url
    assert server.requests[-1][1]["host"] == f"news.example:{server.port}"


def test_https_checks_the_certificate_for_the_host_name_not_the_address(monkeypatch):
    """Connected to the checked address, TLS still sends the host name (SNI) and verifies
    the certificate against it: a certificate for another name is refused."""
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("news.example").configure_cert(context)
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host.endswith(".example"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with LocalServer(ssl_context=context) as srv, ca.cert_pem.tempfile() as ca_file:
        srv.route("/harbour.html", Page(PAGE.encode()))
        policy = fetch.Policy(allow_private=True, ca_certs=ca_file)
        url = f"https://news.example:{srv.port}/harbour.html"
        fetched = fetch.fetch(url, accept=fetch.ARTICLE_TYPES, policy=policy)
        assert fetched.status == 200 and fetched.url == url and b"Ilse Brandt" in fetched.body
        assert srv.requests[-1][1]["host"] == f"news.example:{srv.port}"
        other = f"https://other.example:{srv.port}/harbour.html"
        with pytest.raises(fetch.FetchError, match=r"^TLS error \(") as refused:
            fetch.fetch(other, accept=fetch.ARTICLE_TYPES, policy=policy)
        assert "'other.example' doesn't match 'news.example'" in str(refused.value)
        assert len(srv.requests) == 1  # the refused one never got to send its request


def test_a_slow_answer_times_out(server, settings):
    settings.CLAIMTRACKER_FETCH_TIMEOUT = 1
    server.route("/slow", Page(PAGE.encode(), delay=3))
    started = time.monotonic()
    error = only_failure(import_url(server.url("/slow")))
    assert error == "timed out (the limit is 1 s)"
    assert time.monotonic() - started < 2.5


def test_a_trickling_body_times_out_at_the_total_limit(server, settings):
    """Each byte arrives well within a read timeout; the total deadline still holds."""
    settings.CLAIMTRACKER_FETCH_TIMEOUT = 1
    server.route("/trickle", Page(trickle(100, every=0.1)))
    started = time.monotonic()
    assert only_failure(import_url(server.url("/trickle"))) == "timed out (the limit is 1 s)"
    assert time.monotonic() - started < 2.5


def test_an_endless_body_stops_at_the_size_limit(server, settings):
    settings.CLAIMTRACKER_MAX_IMPORT_BYTES = 200_000
    server.route("/endless", Page(endless()))
    error = only_failure(import_url(server.url("/endless")))
    assert error == "response too large (more than the limit of 195 KB)"


def test_a_declared_length_over_the_limit_is_refused_unread(server, settings):
    settings.CLAIMTRACKER_MAX_IMPORT_BYTES = 1000
    server.route("/big", Page(b"<html>" + b"a" * 5000, headers={"Content-Length": "5006"}))
    error = only_failure(import_url(server.url("/big")))
    assert error == "response too large (5 KB; the limit is 1000 bytes)"


def test_a_compressed_body_counts_its_decompressed_size(server, settings):
    settings.CLAIMTRACKER_MAX_IMPORT_BYTES = 100_000
    bomb = b"<html><body><p>" + b"a" * 2_000_000 + b"</p></body></html>"
    server.route("/bomb", Page(bomb, gzip=True))
    assert len(gzip.compress(bomb)) < 100_000  # small on the wire
    error = only_failure(import_url(server.url("/bomb")))
    assert error == "response too large (more than the limit of 98 KB)"


@pytest.mark.parametrize(
    ("content_type", "shown"),
    [("application/pdf", "'application/pdf'"), (None, "'missing'"), ("image/png", "'image/png'")],
)
def test_wrong_content_type_is_refused(server, content_type, shown):
    server.route("/doc", Page(b"%PDF-1.4", content_type=content_type))
    error = only_failure(import_url(server.url("/doc")))
    assert error.startswith(f"content type {shown} is not one of application/xhtml+xml")


def test_http_errors_and_a_closed_port(server, settings):
    server.route("/gone", Page(b"gone", status=410))
    assert only_failure(import_url(server.url("/gone"))) == "HTTP 410 Gone"
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert only_failure(import_url(f"http://127.0.0.1:{closed}/")).startswith("cannot connect")


def test_declared_charset_is_used(server):
    latin = PAGE.replace("Ilse Brandt", "Ilse Brändt").encode("iso-8859-1")
    server.route("/latin", Page(latin, content_type="text/html; charset=ISO-8859-1"))
    assert import_url(server.url("/latin"))[0].status == "created"
    assert "Ilse Brändt" in Article.objects.get().body
    Article.objects.all().delete()
    server.route("/lying", Page(latin, content_type="text/html; charset=utf-8"))
    error = only_failure(import_url(server.url("/lying")))
    assert error.startswith("not valid utf-8 (byte 0xe4")


def test_command_mixes_files_and_urls(server, tmp_path):
    page = tmp_path / "local.txt"
    page.write_text("Title: Local\n\nThe minister said exports rose by 4% last year.\n")
    out = io.StringIO()
    server.route("/gone", Page(b"", status=404))
    with pytest.raises(CommandError):
        call_command(
            "import_articles",
            str(page),
            server.url("/harbour.html"),
            server.url("/gone"),
            stdout=out,
        )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("created") and "local.txt" in lines[0]
    assert lines[1].startswith("created") and server.url("/harbour.html") in lines[1]
    assert lines[2] == f"failed     {server.url('/gone')}  HTTP 404 Not Found"
    assert Article.objects.count() == 2


def test_command_enqueues_urls(server):
    out = io.StringIO()
    call_command("import_articles", server.url("/harbour.html"), "--enqueue", stdout=out)
    assert out.getvalue().startswith(f"queued     {server.url('/harbour.html')}  task ")


# --- The admin's Import page and the API -------------------------------------------------------


def test_admin_import_page_takes_urls(server, client, editor):
    client.force_login(editor)
    server.route("/gone", Page(b"", status=404))
    urls = f"{server.url('/harbour.html')}\n\n  {server.url('/gone')}  \n"
    page = client.post(reverse("admin:claims_article_import"), {"urls": urls})
    html = page.content.decode()
    assert page.status_code == 200 and "1 created, 1 failed" in html
    assert server.url("/gone") in html and "HTTP 404 Not Found" in html
    assert Article.objects.get().url == server.url("/harbour.html")


def test_admin_import_page_refuses_lines_that_are_not_urls(client, editor):
    client.force_login(editor)
    page = client.post(reverse("admin:claims_article_import"), {"urls": "https://a.example/\nhi"})
    assert "Not a URL: “hi”" in page.content.decode()
    many = "\n".join(f"https://a.example/{i}" for i in range(21))
    page = client.post(reverse("admin:claims_article_import"), {"urls": many})
    assert "At most 20 URLs at once, got 21" in page.content.decode()
    assert Article.objects.count() == 0


def test_api_import_takes_urls(server, editor):
    api = APIClient()
    api.force_authenticate(editor)
    response = api.post(
        "/api/articles/import/",
        {"urls": [server.url("/harbour.html"), "ftp://files.example/a.html"]},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert response.data["counts"] == {"created": 1, "updated": 0, "unchanged": 0, "failed": 1}
    ok, refused = response.data["results"]
    assert ok["status"] == "created" and ok["claim_count"] > 0
    assert refused["source_name"] == "ftp://files.example/a.html"
    assert refused["error"] == "only http and https URLs are fetched, not 'ftp'"
    assert Article.objects.get(pk=ok["article_id"]).url == server.url("/harbour.html")


def test_api_import_refuses_bad_input_by_field(editor):
    api = APIClient()
    api.force_authenticate(editor)
    bad = api.post("/api/articles/import/", {"urls": ["nope"]}, format="json")
    assert bad.status_code == 400 and "not a URL: 'nope'" in str(bad.data["urls"])
    empty = api.post("/api/articles/import/", {}, format="json")
    assert empty.status_code == 400
    many = api.post(
        "/api/articles/import/", {"urls": [f"https://a.example/{i}" for i in range(21)]}
    )
    assert many.status_code == 400 and "urls" in many.data
    assert Article.objects.count() == 0
