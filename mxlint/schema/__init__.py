"""The JSON Schema of ``.mxlint.yaml``, generated from the rules' declarations.

Editors (through the YAML language server) complete and check keys, rule ids and names,
severities and each rule's options with it. The loader in ``mxlint/config.py`` stays the
authority: its errors name the closest valid key, which a schema validator cannot.

The shipped file (``mxlint.schema.json`` beside this module) covers the built-in rules; a test
checks it is up to date. Regenerate it with::

    python -m mxlint.schema --builtin > mxlint/schema/mxlint.schema.json

Without ``--builtin`` the schema also covers the rules of installed plugins.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from mxlint.rule import Option, Rule

SCHEMA_FILE = "mxlint.schema.json"
SCHEMA_URL = "https://raw.githubusercontent.com/mxlint/mxlint/main/mxlint/schema/mxlint.schema.json"
#: draft-07: what the YAML language server and SchemaStore's catalogue support best.
DIALECT = "http://json-schema.org/draft-07/schema#"
SEVERITIES = ["error", "warning", "info"]
PRESETS = ["recommended", "all"]

_KINDS: dict[type, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    str: {"type": "string"},
    list: {"type": "array", "items": {"type": "string"}},
}


def option_schema(option: Option) -> dict[str, Any]:
    """One option's value as its declaration allows it."""
    schema: dict[str, Any] = json.loads(json.dumps(_KINDS[option.kind]))  # a fresh copy  # type: ignore[index]
    if option.choices is not None:
        target = schema["items"] if option.kind is list else schema
        target["enum"] = list(option.choices)
    if option.minimum is not None:
        schema["minimum"] = option.minimum
    if option.maximum is not None:
        schema["maximum"] = option.maximum
    schema["default"] = option.default
    schema["description"] = f"{option.help} ({option.allowed()})" if option.help else option.allowed()
    return schema


def rule_schema(rule: Rule) -> dict[str, Any]:
    """What ``rules:`` accepts for one rule: off, on, a severity, or a mapping."""
    mapping: dict[str, Any] = {
        "type": "object",
        "description": f"{rule.id} {rule.name}: a severity and the rule's options.",
        "properties": {
            "severity": {"$ref": "#/definitions/severity"},
            "enabled": {"type": "boolean", "description": "Whether the rule runs (default true when it is configured)."},
            **{name: option_schema(option) for name, option in rule.options.items()},
        },
        "additionalProperties": False,
    }
    return {
        "title": f"{rule.id} {rule.name}",
        "description": f"{rule.summary} (default: {rule.severity}{'' if rule.enabled else ', off'}). "
        "off, on, a severity, or a mapping of severity and options.",
        "oneOf": [{"$ref": "#/definitions/switch"}, {"$ref": "#/definitions/severity"}, mapping],
    }


def build_schema(rules: Iterable[Rule]) -> dict[str, Any]:
    """The schema of a configuration file for these rules (keys by id and by name)."""
    rules = sorted(rules, key=lambda rule: rule.id)
    definitions: dict[str, Any] = {
        "severity": {"type": "string", "enum": SEVERITIES, "description": "error, warning or info."},
        "switch": {
            # YAML 1.1 (PyYAML, mxlint) reads a bare off/on as false/true; YAML 1.2 (editors)
            # as strings: both mean the same.
            "description": "off or on (false or true).",
            "oneOf": [{"type": "boolean"}, {"type": "string", "enum": ["off", "on"]}],
        },
        "rule-list": {
            "type": "array",
            "items": {
                "anyOf": [
                    {"type": "string", "enum": [key for rule in rules for key in (rule.id, rule.name)]},
                    {
                        "type": "string",
                        "enum": sorted({rule.id[:length] for rule in rules for length in (2, 3, 4)}),
                        "description": "An id prefix: MX1 is every MX1xx rule.",
                    },
                ]
            },
        },
        "rules": {
            "type": "object",
            "description": "Per rule, by id (MX203) or name (missing-backup): off, on, a severity, or a mapping of severity and options.",
            "properties": {key: {"$ref": f"#/definitions/{rule.id}"} for rule in rules for key in (rule.id, rule.name)},
            "additionalProperties": False,
        },
        **{rule.id: rule_schema(rule) for rule in rules},
    }
    # In draft-07 a "$ref" hides the keywords beside it: a described reference is an allOf.
    properties: dict[str, Any] = {
        "extends": {
            "title": "Base configuration",
            "description": "recommended (the default: the rules that are on by default), all (every rule on, one step stricter), "
            "or the path of another configuration file, relative to this one.",
            "anyOf": [{"type": "string", "enum": PRESETS}, {"type": "string"}],
            "default": "recommended",
        },
        "fail-on": {
            "title": "Failing severity",
            "description": "Exit 1 on findings at or above this severity (as --fail-on).",
            "allOf": [{"$ref": "#/definitions/severity"}],
        },
        "include-root": {
            "title": "$INCLUDE root",
            "description": "$INCLUDE may reach any file below this directory (relative to this file).",
            "type": "string",
        },
        "server-config": {
            "title": "Server configurations",
            "description": "The server configurations (named.conf, pdns.conf, nsd.conf, knot.conf) whose zones a run checks, "
            "relative to this file (as --server-config); a directory search also finds them beside the zones.",
            "anyOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}],
        },
        "origins": {
            "title": "Zone origins by path",
            "description": "Maps shell-style path patterns (* crosses directories) to the origin of the zones they match; "
            "the first matching pattern wins.",
            "type": "object",
            "additionalProperties": {"type": "string", "description": "A domain name, such as corp.example."},
        },
        "rules": {"title": "Rule settings", "allOf": [{"$ref": "#/definitions/rules"}]},
        "select": {
            "title": "Selected rules",
            "description": "Run only these rules: ids, names or id prefixes such as MX1 (as --select).",
            "allOf": [{"$ref": "#/definitions/rule-list"}],
        },
        "ignore": {
            "title": "Ignored rules",
            "description": "Never run these rules: ids, names or id prefixes such as MX1 (as --ignore).",
            "allOf": [{"$ref": "#/definitions/rule-list"}],
        },
        "exclude": {
            "title": "Excluded paths",
            "description": "gitignore-style patterns, relative to this file, of paths a directory search leaves out (as --exclude).",
            "type": "array",
            "items": {"type": "string"},
        },
        "per-path": {
            "title": "Per-path settings",
            "description": "Rule settings for some files only.",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "paths": {
                        "description": "Shell-style path patterns (* crosses directories).",
                        "type": "array",
                        "items": {"type": "string"},
                        "minItems": 1,
                    },
                    "rules": {"$ref": "#/definitions/rules"},
                },
                "required": ["paths"],
                "additionalProperties": False,
            },
        },
    }
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_URL,
        "title": "mxlint configuration",
        "description": "The configuration of mxlint, a linter for the MX records of DNS zones: .mxlint.yaml, "
        ".mxlint.yml, or [tool.mxlint] in pyproject.toml.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "definitions": definitions,
    }


def render(schema: dict[str, Any]) -> str:
    """The schema as the shipped file holds it (stable, so a diff shows what changed)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def shipped_text() -> str:
    """The schema file shipped in the package."""
    from importlib import resources

    return resources.files("mxlint.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
