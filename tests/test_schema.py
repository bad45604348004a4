"""The generated JSON Schema: valid, matching what dumps writes, rejecting invalid documents."""

import json

import jsonschema
import pytest
from hypothesis import given

from claimtrack import Ledger, dumps, json_schema
from claimtrack.strategies import ledgers

from .test_wire import sample_ledger

VALIDATOR = jsonschema.Draft202012Validator(
    json_schema(), format_checker=jsonschema.FormatChecker()
)


def test_schema_is_a_valid_2020_12_schema() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {
        "Speaker",
        "Source",
        "Claim",
        "Appearance",
        "Anchor",
        "Span",
        "Review",
        "Rating",
        "Relation",
        "Role",
    } <= set(schema["$defs"])


def test_schema_is_generated_from_the_classes() -> None:
    claim = json_schema()["$defs"]["Claim"]
    assert claim["required"] == ["text", "speaker"]
    assert claim["additionalProperties"] is False
    assert claim["properties"]["speaker"]["type"] == "string"  # a reference by id
    assert json_schema()["$defs"]["Appearance"]["properties"]["quote"]["enum"] == [
        "direct",
        "indirect",
        "mixed",
        "unknown",
    ]


@given(ledgers())
def test_every_dumped_document_validates(ledger: Ledger) -> None:
    errors = list(VALIDATOR.iter_errors(json.loads(dumps(ledger))))
    assert not errors, errors[0].message


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["claims"][2].update(text=5),
        lambda d: d["claims"][2].update(colour="red"),
        lambda d: d["claims"][2].pop("text"),
        lambda d: d["claims"][2].update(said="2019-1-1"),
        lambda d: d["claims"][2]["appearances"][0].update(confidence=1.5),
        lambda d: d["claims"][2]["appearances"][0].update(quote="shouted"),
        lambda d: d["claims"][2]["appearances"][0]["anchor"]["content"][0].update(start=-1),
        lambda d: d["sources"][0].update(url="javascript:alert(1)"),
        lambda d: d["sources"][0].update(language="english!"),
        lambda d: d["speakers"][0].update(identifiers={"wikidata": "Q0"}),
        lambda d: d["speakers"][0].update(name="   "),
        lambda d: d.update(claimtrack=2),
        lambda d: d.update(notes=[]),
        lambda d: d["claims"][2].update(said={"value": "2019", "basis": "hunch"}),
    ],
)
def test_invalid_documents_are_rejected(mutate) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(dumps(sample_ledger()))
    assert VALIDATOR.is_valid(document)
    mutate(document)
    assert not VALIDATOR.is_valid(document)
