"""What safe fetching costs (issue 15, section 1): the fetch layer and the feed parser alone,
against a local HTTP server on 127.0.0.1 (tests/local_http.py), no database, no internet.

    .venv/bin/python bench/fetch_bench.py [--runs 7]

Prints the median (and min–max) of each case in milliseconds:

* a 1 MB HTML page, fetched whole (address check, connect, stream, cap counted per chunk);
* a conditional request answered 304;
* an endless body refused at the 5 MB import limit (how soon the cap stops it);
* a body trickling a byte every 50 ms, stopped by a 1 s total timeout (how exact it is);
* feedparser on a 100-entry RSS feed with full text (``feeds.parse_feed``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.importer import feeds, fetch
from tests.local_http import LocalServer, Page, endless, trickle

POLICY = fetch.Policy(allow_private=True, max_bytes=5 * 1024 * 1024)


def page(size: int) -> bytes:
    paragraph = b"<p>The council said the harbour plan would cost 40 million euros.</p>\n"
    return b"<!doctype html><html><body>" + paragraph * (size // len(paragraph)) + b"</body></html>"


def rss(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>https://news.example/{i}</link>"
        f"<guid>urn:story:{i}</guid><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{'<p>The mayor said the port will reopen.</p>' * 20}]]>"
        "</content:encoded></item>"
        for i in range(entries)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Bench</title>{items}</channel></rss>"
    ).encode()


def timed(run: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def refused(url: str, policy: fetch.Policy) -> Callable[[], None]:
    def run() -> None:
        try:
            fetch.fetch(url, accept=fetch.ARTICLE_TYPES, policy=policy)
        except fetch.FetchError:
            return
        raise AssertionError(f"{url} was not refused")

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    feed_body = rss(100)
    with LocalServer() as server:
        server.route("/page", Page(page(1024 * 1024)))
        server.route(
            "/feed",
            Page(b"", content_type=None, status=304, headers={"ETag": '"v1"'}),
        )
        server.route("/endless", Page(endless()))
        server.route("/trickle", Page(trickle(1000, every=0.05)))
        slow = fetch.Policy(allow_private=True, total_timeout=1.0)
        cases = {
            "1 MB page, fetched whole": lambda: fetch.fetch(
                server.url("/page"), accept=fetch.ARTICLE_TYPES, policy=POLICY
            ),
            "conditional request, 304": lambda: fetch.fetch(
                server.url("/feed"),
                accept=fetch.FEED_TYPES,
                headers={"If-None-Match": '"v1"'},
                policy=POLICY,
            ),
            "endless body, refused at 5 MB": refused(server.url("/endless"), POLICY),
            "trickling body, 1 s total timeout": refused(server.url("/trickle"), slow),
            "parse_feed, 100 entries with full text": lambda: feeds.parse_feed(
                feed_body, url="https://news.example/feed"
            ),
        }
        print(f"{'case':<42} {'median ms':>10} {'min–max ms':>16}  (runs: {runs})")
        for name, run in cases.items():
            samples = timed(run, runs)
            print(
                f"{name:<42} {statistics.median(samples):>10.1f} "
                f"{min(samples):>7.1f}–{max(samples):<8.1f}"
            )


if __name__ == "__main__":
    main()
