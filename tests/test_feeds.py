"""Feeds: RSS and Atom read from a real HTTP server on 127.0.0.1 (tests/local_http.py),
imported once per entry, conditionally re-read; errors recorded on the feed."""

from __future__ import annotations

import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.importer.polling import poll_feeds
from claims.models import Article, Feed, FeedEntry
from claims.tasks import poll_feeds_task
from tests.local_http import LocalServer, Page

pytestmark = pytest.mark.django_db

RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml"
KIEL, OSLO = "urn:harbour:kiel-1", "urn:harbour:oslo-1"  # the entries' guids


def story(city: str, person: str) -> str:
    return (
        f"<p>The port authority in {city} approved a new ferry terminal on Monday, "
        f"its chair {person} said.</p><p>The terminal will cost 12 million euros and open "
        "in 2027, according to the authority.</p>"
    )


def page(city: str, person: str) -> bytes:
    return (
        f"<!doctype html><html><head><title>Ferry terminal in {city}</title></head><body>"
        f"<article><h1>Ferry terminal in {city}</h1>{story(city, person)}</article>"
        "</body></html>"
    ).encode()


def rss(server: LocalServer, *items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Harbour News</title><link>{server.url('/')}</link>"
        f"<description>Ports</description>{''.join(items)}</channel></rss>"
    ).encode()


def rss_item(guid: str, link: str, *, full: str | None = None, title: str = "Ferries") -> str:
    content = f"<content:encoded><![CDATA[{full}]]></content:encoded>" if full else ""
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
        f"<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
        f"<description>A short summary only.</description>{content}</item>"
    )


def atom(server: LocalServer) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Atom</title>
<id>urn:coast</id><updated>2025-03-04T00:00:00Z</updated>
<entry><title>Ferry terminal in Split</title><id>urn:coast:1</id>
<link href="{server.url("/split.html")}"/><updated>2025-03-04T00:00:00Z</updated>
<content type="html"><![CDATA[{story("Split", "Ana Horvat")}]]></content></entry>
<entry><title>Ferry terminal in Bari</title><id>urn:coast:2</id>
<link href="/bari.html"/><updated>2025-03-02T00:00:00Z</updated>
<summary>Only a summary here.</summary></entry>
</feed>""".encode()


@pytest.fixture
def server(settings):
    settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS = True  # the test server is on loopback
    with LocalServer() as srv:
        srv.route("/bari.html", Page(page("Bari", "Marco Rossi")))
        srv.route("/kiel.html", Page(page("Kiel", "Jana Weber")))
        yield srv


def rss_feed(server: LocalServer, **page_options) -> Feed:
    body = rss(
        server,
        rss_item(KIEL, server.url("/kiel.html")),  # no full text: its link is fetched
        rss_item(OSLO, server.url("/oslo.html"), full=story("Oslo", "Kari Nordmann")),
    )
    server.route("/rss.xml", Page(body, content_type=RSS_TYPE, **page_options))
    return Feed.objects.create(url=server.url("/rss.xml"))


def test_rss_entries_are_imported_full_text_or_by_link(server):
    feed = rss_feed(server)
    [poll] = poll_feeds()
    assert poll.status == "polled" and poll.ok, poll
    assert [r.status for r in poll.results] == ["created", "created"]
    oslo = Article.objects.get(url=server.url("/oslo.html"))
    assert "Kari Nordmann" in oslo.body and oslo.publisher == "Harbour News"
    assert str(oslo.published_on) == "2025-03-03"
    kiel = Article.objects.get(url=server.url("/kiel.html"))
    assert "Jana Weber" in kiel.body
    # The Oslo text came from the feed: its page was never requested.
    assert "/oslo.html" not in [path for path, _ in server.requests]
    feed.refresh_from_db()
    assert feed.title == "Harbour News" and feed.last_error == "" and feed.last_checked
    assert set(FeedEntry.objects.values_list("guid", flat=True)) == {KIEL, OSLO}


def test_atom_entries_are_imported(server):
    server.route("/atom.xml", Page(atom(server), content_type=ATOM_TYPE))
    Feed.objects.create(url=server.url("/atom.xml"))
    [poll] = poll_feeds()
    assert [r.status for r in poll.results] == ["created", "created"], poll
    # Oldest first; the relative link was resolved against the feed's URL.
    assert [r.source_name for r in poll.results] == [
        server.url("/bari.html"),
        server.url("/split.html"),
    ]
    assert "Ana Horvat" in Article.objects.get(url=server.url("/split.html")).body


def test_an_entry_is_never_imported_twice(server):
    feed = rss_feed(server)  # the server ignores conditional headers here
    poll_feeds()
    assert Article.objects.count() == 2
    # The same entries again, one with new text: known by their guid, not imported again.
    server.route(
        "/rss.xml",
        Page(
            rss(
                server,
                rss_item(KIEL, server.url("/kiel.html")),
                rss_item(OSLO, server.url("/oslo.html"), full=story("Oslo", "Ola Nordmann")),
            ),
            content_type=RSS_TYPE,
        ),
    )
    [poll] = poll_feeds()
    assert poll.results == [] and poll.already_imported == 2
    assert Article.objects.count() == 2 and FeedEntry.objects.filter(feed=feed).count() == 2
    assert "Kari Nordmann" in Article.objects.get(url=server.url("/oslo.html")).body


def test_conditional_requests_with_etag_and_last_modified(server):
    validators = {"ETag": '"v1"', "Last-Modified": "Mon, 03 Mar 2025 10:00:00 GMT"}

    def unchanged(headers):
        if headers.get("if-none-match") == '"v1"':
            return Page(b"", content_type=None, status=304)
        return None

    feed = rss_feed(server, headers=validators, when=unchanged)
    poll_feeds()
    feed.refresh_from_db()
    assert (feed.etag, feed.last_modified) == ('"v1"', validators["Last-Modified"])
    first_check = feed.last_checked
    requests_before = len(server.requests)
    [poll] = poll_feeds()
    assert poll.status == "not modified" and poll.results == []
    assert len(server.requests) == requests_before + 1  # the feed only, no entry fetched
    sent = server.requests[-1][1]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == validators["Last-Modified"]
    feed.refresh_from_db()
    assert feed.last_checked > first_check and Article.objects.count() == 2


def test_a_failed_entry_is_recorded_and_retried(server):
    server.routes.pop("/kiel.html")  # 404 for now
    feed = rss_feed(server, headers={"ETag": '"v1"'})
    [poll] = poll_feeds()
    assert [r.status for r in poll.results] == ["created", "failed"]  # the feed's last first
    feed.refresh_from_db()
    assert feed.last_error == (
        f"1 of 2 new entries failed: {server.url('/kiel.html')}: HTTP 404 Not Found"
    )
    assert feed.etag == ""  # not kept: the next poll reads the feed again
    server.route("/kiel.html", Page(page("Kiel", "Jana Weber")))
    [poll] = poll_feeds()
    assert [r.status for r in poll.results] == ["created"] and poll.already_imported == 1
    feed.refresh_from_db()
    assert feed.last_error == "" and feed.etag == '"v1"'


def test_one_broken_feed_does_not_stop_the_others(server):
    broken = Feed.objects.create(url=server.url("/gone.xml"))
    html = Feed.objects.create(url=server.url("/kiel.html"))  # a page, not a feed
    server.route("/junk.xml", Page(b"/etc/hostname", content_type="application/xml"))
    junk = Feed.objects.create(url=server.url("/junk.xml"))
    good = rss_feed(server)
    off = Feed.objects.create(url=server.url("/off.xml"), active=False)
    polls = {poll.feed_id: poll for poll in poll_feeds()}
    assert set(polls) == {broken.pk, html.pk, junk.pk, good.pk}  # not the inactive one
    assert polls[good.pk].ok and Article.objects.count() == 2
    for feed in (broken, html, junk, good, off):
        feed.refresh_from_db()
    assert broken.last_error == "HTTP 404 Not Found"
    assert html.last_error.startswith("content type 'text/html' is not one of application/")
    # feedparser was given the body as a stream: it never took it for a file name to open.
    assert junk.last_error.startswith("not an RSS or Atom feed")
    assert good.last_error == "" and off.last_checked is None


def test_private_feed_urls_are_refused_by_default(settings):
    settings.CLAIMTRACKER_ALLOW_PRIVATE_URLS = False
    feed = Feed.objects.create(url="http://127.0.0.1:9/feed.xml")
    [poll] = poll_feeds()
    feed.refresh_from_db()
    assert poll.status == "failed"
    assert feed.last_error.startswith("refused: 127.0.0.1 is a loopback address")


def test_command_lines_exit_status_and_dry_run(server):
    rss_feed(server)
    out = io.StringIO()
    call_command("poll_feeds", "--dry-run", stdout=out)
    assert Article.objects.count() == 0 and FeedEntry.objects.count() == 0
    assert out.getvalue().splitlines()[-1].endswith("dry run: nothing was written")
    out = io.StringIO()
    call_command("poll_feeds", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"polled       {server.url('/rss.xml')}  2 new, 0 already imported"
    assert lines[1].startswith(f"  created    {server.url('/oslo.html')}  ")
    assert lines[-1] == "total: 1 feeds (0 failed), 2 new entries: 2 created, 0 failed"
    Feed.objects.create(url=server.url("/gone.xml"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 feeds had failures"):
        call_command("poll_feeds", stdout=out)
    assert f"failed       {server.url('/gone.xml')}  HTTP 404 Not Found" in out.getvalue()
    with pytest.raises(CommandError, match="no feed with id 999"):
        call_command("poll_feeds", "--feed", "999")


def test_the_task_polls_and_summarises(server):
    rss_feed(server)
    summary = poll_feeds_task.call()
    assert summary["feeds"] == 1 and summary["created"] == 2 and summary["failed_feeds"] == 0
    assert summary["polls"][0]["status"] == "polled"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_enqueued_poll_is_run_by_the_worker(server):
    rss_feed(server)
    out = io.StringIO()
    call_command("poll_feeds", "--enqueue", stdout=out)
    assert out.getvalue().startswith("queued     poll_feeds  task ")
    assert Article.objects.count() == 0  # only queued
    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0
    )
    assert Article.objects.count() == 2 and FeedEntry.objects.count() == 2


def test_editors_add_a_feed_and_poll_it_in_the_admin(server, client, editor):
    client.force_login(editor)
    url = server.url("/rss.xml")
    rss_feed(server).delete()  # only its route is kept: the editor adds the feed
    response = client.post(reverse("admin:claims_feed_add"), {"url": url, "active": "on"})
    assert response.status_code == 302
    feed = Feed.objects.get(url=url)
    response = client.post(
        reverse("admin:claims_feed_changelist"),
        {"action": "poll_now", ACTION_CHECKBOX_NAME: [feed.pk], "index": 0},
        follow=True,
    )
    assert f"Feed {url}: 2 new entries, 2 articles created." in response.content.decode()
    page = client.get(reverse("admin:claims_feed_changelist")).content.decode()
    assert "Harbour News" in page
    assert "entries imported" in page.lower()
    page = client.get(reverse("admin:claims_feed_change", args=[feed.pk])).content.decode()
    for article in Article.objects.all():  # titled by their entries
        assert f'{reverse("admin:claims_article_change", args=[article.pk])}">Ferries</a>' in page
