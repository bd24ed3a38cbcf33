"""The API under hostile input, in-process and on both databases (``.ci/schemathesis.sh``
fuzzes it over HTTP on SQLite; these pin what that found and add PostgreSQL).

Every documented query parameter of every GET operation in the OpenAPI schema gets values a
fuzzer or an attacker would send — NUL bytes, lone surrogates' UTF-8 look-alikes, huge and
negative numbers, very long strings, SQL and markup — and every answer must be a documented
status code, never a 5xx.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from claims.models import ClaimRelation
from tests.conftest import reading_client
from tests.factories import World, build_world, give_verdict

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "\ufffd\ufeff\u202e",
    "-1",
    "0",
    "9" * 40,
    "-9" * 20,
    "1e308",
    "NaN",
    "x" * 5000,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "2025-02-30",
    "0001-01-01",
    "9999-12-31T23:59:59Z",
    "%",
    "",
]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def get_operations(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (path, operation["get"])
        for path, operation in sorted(schema["paths"].items())
        if "get" in operation and not path.startswith(("/api/schema", "/api/docs"))
    ]


def concrete(path: str, world: World) -> str:
    ids = {
        "id": world.quote.pk,
        "relation_id": ClaimRelation.objects.values_list("pk", flat=True).first(),
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), world.met.pk)), path)


def test_every_query_parameter_survives_hostile_values(schema, editor):
    world = build_world()
    give_verdict(world.quote, verdict="mixed", editor=editor)
    ClaimRelation.objects.create(from_claim=world.quote, to_claim=world.rain, relation="duplicates")
    client = APIClient()
    client.force_authenticate(editor)
    tried, wrong = 0, []
    for path, operation in get_operations(schema):
        documented = {int(code) for code in operation["responses"]}
        url = concrete(path, world)
        query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        for name in query:
            for value in HOSTILE_VALUES:
                code = client.get(url, {name: value}).status_code
                tried += 1
                if code >= 500 or code not in documented:
                    wrong.append((path, name, repr(value)[:40], code, sorted(documented)))
    assert not wrong, "\n".join(map(str, wrong))
    assert tried > 500


@pytest.mark.parametrize(
    "url", ["/api/claims.json", "/api/claims.csv", "/api/claims/1.json", "/api/stats.json"]
)
def test_format_suffix_urls_are_404_not_500(url):
    build_world()
    response = APIClient(raise_request_exception=False).get(url)
    assert response.status_code == 404


def test_unknown_format_is_400_naming_the_parameter(reader):
    world = build_world()
    client = reading_client(reader)
    for url in ["/api/claims/", f"/api/claims/{world.quote.pk}/", "/api/articles/"]:
        response = client.get(url, {"format": "xml"})
        assert response.status_code == 400, url
        assert "unknown format 'xml'" in response.json()["format"]
    assert client.get("/api/claims/", {"format": "csv"}).status_code == 200


def test_stats_is_documented_as_one_object(schema):
    ok = schema["paths"]["/api/stats/"]["get"]["responses"]["200"]
    body = ok["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/StatsDoc"}


@pytest.mark.parametrize("path", ["/api/articles/", "/api/actors/", "/api/events/"])
def test_page_number_lists_document_their_404(schema, path):
    assert "404" in schema["paths"][path]["get"]["responses"]
    build_world()
    for page in ["0", "-1", "99"]:
        assert Client().get(path, {"page": page}).status_code == 404


@pytest.mark.parametrize("group_by", ["verdict", "article", "actor", "speaker", "event", "month"])
def test_stats_keys_have_a_documented_type(schema, group_by, reader):
    key = schema["components"]["schemas"]["StatsRowDoc"]["properties"]["key"]
    allowed = {option["type"] for option in key["oneOf"]} | ({"null"} if key["nullable"] else set())
    types = {bool: "boolean", int: "integer", str: "string", type(None): "null"}
    build_world()
    body = reading_client(reader).get("/api/stats/", {"group_by": group_by}).json()
    assert body["results"]
    for row in body["results"]:
        assert types[type(row["key"])] in allowed, (group_by, row["key"])
