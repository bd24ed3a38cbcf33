"""The claim page shows no raw JSON: check-worthiness reasons as phrases with their weights,
mentioned dates as rows an editor edits (and a list a reader reads)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.test_admin import claim_form_data

pytestmark = pytest.mark.django_db


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.fixture
def dated(claims) -> Claim:
    claim = claims[0]
    Claim.objects.filter(pk=claim.pk).update(
        mentioned_dates=[{"text": "February 18, 2025", "date": "2025-02-18", "precision": "day"}],
        check_reasons=["for: a figure (+0.42)", "for: 'met' (+0.20)", "against: 'say' (-0.15)"],
        check_worthiness=0.61,
    )
    claim.refresh_from_db()
    return claim


def test_reasons_are_phrases_with_weights_not_json(client, dated, editor, staff_reader):
    for user in (editor, staff_reader):
        client.force_login(user)
        html = client.get(change_url(dated)).content.decode()
        weight = '<span class="reason-weight">+0.42</span>'
        assert f'<li class="reason-for">a figure {weight}</li>' in html
        assert '<li class="reason-against">&#x27;say&#x27; <span' in html
        assert "[&quot;for:" not in html and '["for:' not in html


def test_dates_are_rows_for_an_editor_and_a_list_for_a_reader(client, dated, editor, staff_reader):
    client.force_login(editor)
    html = client.get(change_url(dated)).content.decode()
    assert 'name="mentioned_dates-date" value="2025-02-18"' in html
    assert html.count('name="mentioned_dates-date"') == 2  # the date and an empty row to add one
    assert "&quot;precision&quot;" not in html  # no JSON in a text area
    client.force_login(staff_reader)
    html = client.get(change_url(dated)).content.decode()
    assert "<li>“February 18, 2025” = 2025-02-18" in html
    assert 'name="mentioned_dates-date"' not in html


def test_editing_dates_adds_changes_and_removes_rows(client, dated, editor):
    client.force_login(editor)
    data = claim_form_data(dated)
    data["mentioned_dates-text"] = ["", "in March"]  # first row cleared, one added
    data["mentioned_dates-date"] = ["", "2025-03-17"]
    data["mentioned_dates-precision"] = ["day", "month"]
    response = client.post(change_url(dated), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    dated.refresh_from_db()
    march = {"text": "in March", "date": "2025-03-01", "precision": "month"}
    assert dated.mentioned_dates == [march]


def test_a_bad_date_names_its_row_and_saves_nothing(client, dated, editor):
    client.force_login(editor)
    data = claim_form_data(dated)
    data["mentioned_dates-text"] = ["February 18, 2025", "someday"]
    data["mentioned_dates-date"] = ["2025-02-18", "2025-13-40"]
    data["mentioned_dates-precision"] = ["day", "day"]
    response = client.post(change_url(dated), data)
    assert response.status_code == 200
    assert "Row 2: “2025-13-40” is not a date (YYYY-MM-DD)." in response.content.decode()
    dated.refresh_from_db()
    assert len(dated.mentioned_dates) == 1


def test_saving_untouched_rows_changes_nothing(client, dated, editor):
    client.force_login(editor)
    version = dated.version
    response = client.post(change_url(dated), claim_form_data(dated))
    assert response.status_code == 302
    dated.refresh_from_db()
    assert dated.version == version  # nothing changed, nothing written
