"""The claim payloads, hand-built in ``claims.api.payloads``, match the OpenAPI schema that
drf-spectacular serves for them (the ``*Doc`` serializers): a field added, renamed, dropped or
retyped on one side only fails here, in ``make test``, not only in CI's fuzzer.

The schema is made strict for the check: OpenAPI 3.0's ``nullable`` becomes JSON Schema's
null type, and an object documented with properties may have no others.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from tests.conftest import reading_client
from tests.factories import World, build_world, give_verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(reader):
    # The desk's view (every claim): anonymous readers see published fact-checks only.
    return reading_client(reader)


def strict(node: Any) -> Any:
    """OpenAPI 3.0 schema -> JSON Schema that rejects undocumented fields and nulls."""
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: strict(value) for key, value in node.items()}
    if out.get("type") == "object" and "properties" in out:
        out.setdefault("additionalProperties", False)
    if out.pop("nullable", False):
        if "type" in out and "enum" not in out:
            out["type"] = [out["type"], "null"]
        else:  # a $ref, allOf or enum: null is the other alternative
            out = {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture
def openapi(client) -> dict[str, Any]:
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return strict(response.json())


def validator(openapi: dict[str, Any], path: str, status: str = "200") -> jsonschema.Validator:
    """A validator for the JSON answer of GET ``path`` (as the schema spells it)."""
    content = openapi["paths"][path]["get"]["responses"][status]["content"]
    schema = content["application/json"]["schema"]
    # Draft 7 ignores $ref's siblings, so the components ride along for the $refs to resolve.
    root = {"$ref": schema["$ref"], "components": openapi["components"]}
    return jsonschema.Draft7Validator(root, format_checker=jsonschema.FormatChecker())


def assert_valid(validator: jsonschema.Validator, payload: Any) -> None:
    errors = [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator.iter_errors(payload)
    ]
    assert not errors, "\n".join(errors)


@pytest.fixture
def world(editor) -> World:
    """Every shape a claim field takes: a verdict or none, a speaker or none, dates, actors,
    events, an undated article."""
    world = build_world()
    give_verdict(
        world.quote,
        verdict="contradicted",
        editor=editor,
        note="Checked.",
        evidence=[{"url": "https://example.org/report", "stance": "refutes"}],
    )
    world.lisbon_article.published_on = None
    world.lisbon_article.save()
    return world


def test_claim_list_matches_its_schema(client, openapi, world):
    payload = client.get("/api/claims/", {"page_size": 200}).json()
    assert len(payload["results"]) == len(world.claims)
    assert {c["speaker"] is None for c in payload["results"]} == {True, False}
    assert {c["reviewed_at"] is None for c in payload["results"]} == {True, False}
    assert_valid(validator(openapi, "/api/claims/"), payload)


def test_claim_detail_matches_its_schema(client, openapi, world):
    check = validator(openapi, "/api/claims/{id}/")
    for claim in world.claims:
        assert_valid(check, client.get(f"/api/claims/{claim.pk}/").json())


def test_related_claims_match_their_schema(client, openapi, world):
    payload = client.get(f"/api/claims/{world.met.pk}/related/").json()
    assert payload["results"], "the world has candidates for this claim"
    assert_valid(validator(openapi, "/api/claims/{id}/related/"), payload)


@pytest.mark.parametrize(
    "drift",
    [
        pytest.param(lambda c: c.update(extra=1), id="an undocumented field"),
        pytest.param(lambda c: c.pop("verdict_note"), id="a documented field missing"),
        pytest.param(lambda c: c.update(version="3"), id="a field of another type"),
        pytest.param(lambda c: c["article"].update(body="…"), id="a nested undocumented field"),
        pytest.param(lambda c: c.update(kind="rumour"), id="a value outside the enum"),
        pytest.param(lambda c: c.update(verdict=None), id="null where not nullable"),
    ],
)
def test_the_check_catches_drift(client, openapi, world, drift):
    payload = client.get(f"/api/claims/{world.quote.pk}/").json()
    drift(payload)
    check = validator(openapi, "/api/claims/{id}/")
    assert list(check.iter_errors(payload))
