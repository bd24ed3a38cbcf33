"""Shared fixtures: users in each role and a small article with claims."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from rest_framework.test import APIClient

from claims.models import Actor, Article, Claim
from tests.factories import BODY, make_claim


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every transactional test restores the migrated data (Editors group, gazetteer).

    A transactional test ends with a flush that wipes data migrations' rows for the tests
    after it; and a flush that re-creates content types followed by a serialized test's
    reload of its snapshot duplicates them. Serializing all of them avoids both.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        fixtures = getattr(item, "fixturenames", ())
        transactional = kwargs.get("transaction") or {"live_server", "transactional_db"} & set(
            fixtures
        )
        if transactional and not kwargs.get("serialized_rollback"):
            kwargs.update(transaction=True, serialized_rollback=True)
            args = marker.args if marker else ()
            item.add_marker(pytest.mark.django_db(*args, **kwargs), append=False)


@pytest.fixture(autouse=True)
def empty_cache():
    """Caches (admin facets, stats) outlive a test's database rollback: never let one test's
    rows answer another's request."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs ~0.3 s per user created; tests don't need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password="pw-editor-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def staff_reader(db) -> User:
    """Staff without the Editors group: may log in to the admin, may change nothing."""
    return User.objects.create_user("reader", password="pw-reader-123", is_staff=True)


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", password="pw-root-123")


@pytest.fixture
def article(db) -> Article:
    return Article.objects.create(
        title="Talks in Riyadh",
        publisher="Example News",
        body=BODY,
        raw_text=BODY,
        content_hash="0" * 64,
        source_name="test.txt",
    )


@pytest.fixture
def claims(article) -> list[Claim]:
    rubio = Actor.objects.create(name="Marco Rubio", description="US Secretary of State")
    return [
        make_claim(article, "US and Russian officials met in Riyadh on February 18, 2025.", 0),
        make_claim(
            article,
            "“We want the war to end,” Marco Rubio said.",
            1,
            kind=Claim.Kind.QUOTE,
            speaker=rubio,
        ),
        make_claim(article, "Analysts say the talks were a first step.", 2),
    ]


@pytest.fixture
def reader(db) -> User:
    """A logged-in user without any permission (a token holder, a desk member who only
    reads): sees every claim through the API, published or not, and may change nothing."""
    return User.objects.create_user("api-reader", password="pw-api-reader-123")


def reading_client(user: User) -> APIClient:
    """An API client logged in as ``user``: the desk's view of the API (every claim), where
    anonymous readers see published fact-checks only."""
    client = APIClient()
    client.force_authenticate(user)
    return client
