"""The JSON Schema of `.mxlint.yaml` that editors use: valid, up to date, and in step with the loader."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest
import yaml

from conftest import ROOT
from mxlint.config import ConfigError, load_config
from mxlint.registry import load_registry
from mxlint.schema import SCHEMA_URL, build_schema, render, shipped_text

SCHEMA = json.loads(shipped_text())
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
README = (ROOT / "README.md").read_text(encoding="utf-8")


def valid(document: object) -> bool:
    return VALIDATOR.is_valid(document)


def test_the_schema_is_a_valid_draft_07_schema_with_an_id() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == SCHEMA_URL
    for key, prop in SCHEMA["properties"].items():
        assert prop.get("title") and prop.get("description", prop.get("allOf")), key


def test_the_shipped_schema_is_generated_from_the_rules() -> None:
    builtin = [rule for rule in load_registry() if rule.origin == "builtin"]
    assert shipped_text() == render(build_schema(builtin)), "regenerate: python -m mxlint.schema --builtin > mxlint/schema/mxlint.schema.json"
    generated = subprocess.run([sys.executable, "-m", "mxlint.schema", "--builtin"], capture_output=True, text=True, cwd=ROOT)
    assert generated.returncode == 0 and generated.stdout == shipped_text()


def test_every_top_level_key_the_loader_knows_is_described() -> None:
    from mxlint.config import TOP_KEYS

    assert set(SCHEMA["properties"]) == set(TOP_KEYS)


def test_the_readme_configuration_validates_and_names_the_schema() -> None:
    configuration = README.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    [config] = re.findall(r"```yaml config\n(.*?)\n```", configuration, re.S)
    assert valid(yaml.safe_load(config))
    # The editor line points at the schema.
    assert f"# yaml-language-server: $schema={SCHEMA_URL}" in configuration


@pytest.mark.parametrize(
    "document",
    [
        {"extends": "all", "fail-on": "warning", "rules": {"MX203": "off", "wildcard-mx": False, "MX209": "error"}},
        {"rules": {"missing-backup": {"severity": "info", "min-exchangers": 3, "exempt": ["mx.example."]}}},
        {"rules": {"implicit-mx": {"scope": "all", "enabled": True}}},
        {"select": ["MX1", "target-is-cname"], "ignore": ["MX208"], "exclude": ["zones/generated/"]},
        {"per-path": [{"paths": ["zones/lab/*"], "rules": {"target-private-address": "off"}}], "origins": {"zones/*": "corp.example."}},
    ],
)
def test_valid_documents_pass_the_schema_and_the_loader(document: dict, tmp_path) -> None:
    assert valid(document)
    (tmp_path / ".mxlint.yaml").write_text(yaml.safe_dump(document))
    load_config(tmp_path / ".mxlint.yaml", load_registry())


@pytest.mark.parametrize(
    "document",
    [
        {"rulez": {}},  # an unknown key
        {"fail-on": "fatal"},  # not a severity
        {"rules": {"missing-bakup": "off"}},  # an unknown rule
        {"rules": {"MX203": {"min-exchanger": 2}}},  # an unknown option
        {"rules": {"MX203": {"min-exchangers": 0}}},  # below the declared minimum
        {"rules": {"MX203": {"min-exchangers": "two"}}},  # the wrong kind
        {"rules": {"implicit-mx": {"scope": "everything"}}},  # not one of the choices
        {"rules": {"MX203": {"enabled": "yes"}}},
        {"ignore": "MX208"},  # a list, not a string
        {"select": ["MX3"]},  # a prefix of no rule
        {"per-path": [{"rules": {}}]},  # no paths
    ],
)
def test_invalid_documents_fail_the_schema_and_the_loader(document: dict, tmp_path) -> None:
    assert not valid(document)
    # The loader agrees (and says more: the closest valid name).
    (tmp_path / ".mxlint.yaml").write_text(yaml.safe_dump(document))
    with pytest.raises(ConfigError):
        load_config(tmp_path / ".mxlint.yaml", load_registry())


def test_a_plugin_rule_appears_in_the_schema_generated_with_plugins() -> None:
    from mxlint.rule import Option, Severity, rule

    @rule("MX901", "acme-relay", Severity.WARNING, "Exchanges must be the relay", options={"relay": Option("relay.acme.example.")})
    def acme(zone, options):  # noqa: ANN001, ANN202
        return iter(())

    schema = build_schema([acme])
    validator = jsonschema.Draft7Validator(schema)
    assert validator.is_valid({"rules": {"acme-relay": {"relay": "mx.example."}}})
    assert not validator.is_valid({"rules": {"acme-relay": {"relay": 1}}})
