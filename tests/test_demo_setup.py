"""`make run`'s demo step: demo data when empty, and a fresh random demo-editor password."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run_demo_setup(*args: str) -> str:
    out = StringIO()
    call_command("demo_setup", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def printed_password(output: str) -> str:
    match = re.search(r"Log in as\s+demo-editor\s+with password\s+(\S+)", output)
    assert match, output
    return match.group(1)


def test_demo_editor_gets_a_fresh_password_each_run(settings, article):
    settings.DEBUG = True
    first = printed_password(run_demo_setup("--address", "http://127.0.0.1:9000"))
    second = printed_password(run_demo_setup())
    assert first != second and len(second) >= 16
    user = User.objects.get(username="demo-editor")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Editors").exists()
    assert authenticate(username="demo-editor", password=second) == user
    assert authenticate(username="demo-editor", password=first) is None


def test_existing_articles_are_left_alone(settings, article):
    settings.DEBUG = True
    assert "left as it is" in run_demo_setup("--no-user")
    assert not User.objects.filter(username="demo-editor").exists()


def test_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local demo only"):
        run_demo_setup()


def test_fresh_demo_gives_the_demo_editor_the_most_check_worthy_open_claims(settings):
    from claims.management.commands.demo_setup import DEMO_ASSIGNED
    from claims.models import Claim

    settings.DEBUG = True
    assert "Loaded fixtures/demo.json" in run_demo_setup()
    editor = User.objects.get(username="demo-editor")
    mine = Claim.objects.filter(assignee=editor)
    open_claims = Claim.objects.filter(verdict=Claim.Verdict.UNVERIFIED)
    assert mine.count() == DEMO_ASSIGNED
    assert set(mine.values_list("verdict", flat=True)) == {Claim.Verdict.UNVERIFIED}
    lowest_mine = min(mine.values_list("check_worthiness", flat=True))
    assert not open_claims.filter(assignee=None, check_worthiness__gt=lowest_mine).exists()
    # A second run (data already there) leaves the editor's work as it is.
    Claim.objects.filter(pk=mine.first().pk).update(assignee=None)
    run_demo_setup()
    assert mine.count() == DEMO_ASSIGNED - 1
