"""Property-based robustness: generated zone files and YAML documents — valid, near-valid and
garbage — always read into a zone and lint without an exception, with every issue placed on a
line of its file."""

from __future__ import annotations

import os
import re

import dns.name
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_differential_generated import record_lines

from mxlint.config import Config
from mxlint.formats import read_yaml_text
from mxlint.formats.zonefile import read_zone_text
from mxlint.lint import lint
from mxlint.registry import load_registry

ORIGIN = dns.name.from_text("prop.example.")
REGISTRY = load_registry()
# MXLINT_EXAMPLES=5000 for a longer hunt than the suite's.
SETTINGS = settings(max_examples=int(os.environ.get("MXLINT_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

ZONE_PIECES = st.sampled_from(
    [
        "$TTL 60", "$ORIGIN sub.prop.example.", "$ORIGIN", "$INCLUDE x", "$GENERATE 1-3 h$ A 198.18.0.$", "$GENERATE 1-x",
        "@ MX 10 mx1", "@ MX", "@ MX 10", "MX 10 mx1", "  MX 20 mx2", "mx1 A 198.18.0.1", "mx1 A 1.2.3", "mx1 AAAA ::1",
        "x CNAME mx1", "@ MX 0 .", '@ TXT "v=spf1 -all"', '@ TXT "open', "@ SOA ns1 h ( 1 2", ")", "(", "\\", "\\0",
        "; mxlint: ignore=MX203", "; mxlint: ignore", "*.w MX 10 mx1", "d DNAME x.example.", "s NS ns.example.",
        "@ 99999999999 MX 10 a", "@ IN IN MX 10 a", "@ CLASS9 TYPE9 \\# 1 00", "é A 198.18.0.1", "a..b A 198.18.0.1",
        "$INCLUDE a.zone", "$INCLUDE b.zone sub.prop.example.", "$INCLUDE ../a.zone", "$INCLUDE /etc/hostname",
        "$GENERATE 1-300 g$ MX 10 mx1", "$GENERATE 1-10/0 h$ A 198.18.0.1", "$GENERATE 0-4 ${1,3,x} CNAME mx1",
        "; mxlint: ignore=MX103,MX203 -- why", "; mxlint: ignore-file=MX205", "@ MX 10 x ; mxlint: ignore=MX103",
        "; mxlint: ignore=nope", "x A ( 198.18.0.1", "y A ( 198.18.0.2 )",
    ]
)
YAML_PIECES = st.sampled_from(
    [
        "'':", "  type: MX", "  type: A", "  type: URLFWD", "  value: 198.18.0.1", "  value:", "    exchange: mx1.prop.example.",
        "    preference: 10", "    preference: x", "  values:", "    - exchange: mx2", "      preference: 20", "    - 1",
        "mx1:", "- a", "origin: prop.example.", "records:", "  - {name: '@', type: MX, priority: 10, value: mx1}",
        "  - {name: mx1, type: A, value: 198.18.0.1}", "a: &x [1, 2]", "b: *x", "c: *y", "d: !!python/name:os.system x",
        "  ttl: -1", "  ttl: 60", "<<: {type: A}", "# mxlint: ignore=MX203", "'*':", "---", "...", "? complex", "{", "[", '"',
        "base: &base {type: A, value: 198.18.0.1}", "m1: &m1 {<<: [*base, *base], ttl: 60}", "m2:", "  <<: [*m1, *base]",
        "  <<: *base", "inc: !include a.yaml", "  value: !include a.yaml", "  type: Route53Provider/ALIAS", "  type: ALIAS",
        "  octodns: {route53: {healthcheck: x}}", "  - exchange: mx1.prop.example.  # mxlint: ignore=MX203",
        "# mxlint: ignore-file=MX111", "  value: [{exchange: mx3.prop.example., preference: 30}]",
    ]
)


def check(zone, text: str) -> None:
    # CR, LF and CRLF end lines; YAML also breaks at NEL and the Unicode separators.
    lines = max(len(re.split(r"\r\n|\r|\n", text)), len(text.splitlines()) + 1)
    for issue in zone.errors:
        assert 1 <= issue.pos.line <= lines, issue
    lint([zone], Config(), REGISTRY)


@SETTINGS
@given(st.lists(st.one_of(ZONE_PIECES, record_lines()), max_size=30))
def test_near_valid_zone_files_always_lint(pieces: list[str]) -> None:
    text = "\n".join(pieces) + "\n"
    check(read_zone_text(text, ORIGIN), text)


@SETTINGS
@given(st.text(max_size=400))
def test_garbage_zone_text_always_lints(text: str) -> None:
    check(read_zone_text(text, ORIGIN), text)


@SETTINGS
@given(st.lists(YAML_PIECES, max_size=30))
def test_near_valid_yaml_always_lints(pieces: list[str]) -> None:
    text = "\n".join(pieces) + "\n"
    check(read_yaml_text(text, ORIGIN), text)


@SETTINGS
@given(st.text(max_size=400))
def test_garbage_yaml_always_lints(text: str) -> None:
    check(read_yaml_text(text, ORIGIN), text)


def read_as_files(text: str, name: str):  # noqa: ANN201
    """``text`` as a file, and again as every file it may include (``a.zone``, ``b.zone``,
    ``a.yaml``), read as a run reads it: includes, their loops and bounds are exercised."""
    import tempfile

    from mxlint.formats import read_path

    with tempfile.TemporaryDirectory() as directory:
        for file in (name, "a.zone", "b.zone", "a.yaml"):
            with open(os.path.join(directory, file), "w", encoding="utf-8") as handle:
                handle.write(text)
        return read_path(os.path.join(directory, name), ORIGIN)


@SETTINGS
@given(st.lists(st.one_of(ZONE_PIECES, record_lines()), max_size=30))
def test_near_valid_zone_files_with_includes_always_lint(pieces: list[str]) -> None:
    text = "\n".join(pieces) + "\n"
    zone = read_as_files(text, "prop.example.zone")
    lint([zone], Config(), REGISTRY)


@SETTINGS
@given(st.lists(YAML_PIECES, max_size=30))
def test_near_valid_yaml_with_includes_and_merge_keys_always_lints(pieces: list[str]) -> None:
    text = "\n".join(pieces) + "\n"
    zone = read_as_files(text, "prop.example.yaml")
    lint([zone], Config(), REGISTRY)
