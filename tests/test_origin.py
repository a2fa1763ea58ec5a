"""The zone apex is decided in one place, in the order DESIGN.md §4 gives."""

from __future__ import annotations

import dns.exception
import dns.name
import pytest

from mxlint import origin
from mxlint.formats import origin_from_file_name
from mxlint.formats.zonefile import PATTERNS
from mxlint.origin import absolute_name

N = dns.name.from_text


@pytest.mark.parametrize("text", ["example.com", "example.com.", "EXAMPLE.com"])
def test_absolute_name_reads_from_the_root(text: str) -> None:
    assert absolute_name(text) == N("example.com.")


def test_absolute_name_raises_for_no_domain_name() -> None:
    with pytest.raises(dns.exception.DNSException):
        absolute_name("bad..name")


@pytest.mark.parametrize(
    "path,origin",
    [
        ("zones/example.com.zone", "example.com."),
        ("example.com.db", "example.com."),
        ("db.example.com", "example.com."),
        ("example.com", "example.com."),
        ("example.com.yaml", "example.com."),
        ("example.com.yml", "example.com."),
        ("config/example.com.", "example.com."),  # octoDNS's split directory
        ("example.com./", "example.com."),
        ("$example.com.yaml", "example.com."),
        ("db.miek.nl@85c44af6", None),  # a snapshot's name, not a zone's
        (".hidden", None),
        ("...", None),
        # Names that are no domain under a known top-level domain declare nothing (issue 31).
        ("db.local", None),
        ("db.cosi", None),
        ("website", None),
        ("placeholder", None),
        ("db.example.co.uk", "example.co.uk."),
        ("example.test.zone", "example.test."),
        ("db.example.com.signed", "example.com."),
        ("common.inc", None),  # .inc is a top-level domain, and in a file name an include
        ("xn--80ak6aa92e.com.zone", "xn--80ak6aa92e.com."),
    ],
)
def test_origin_from_file_name(path: str, origin: str | None) -> None:
    assert origin_from_file_name(path) == (N(origin) if origin else None)


def decide_origin(given, file_name, **clues):  # noqa: ANN001, ANN003, ANN202 - a zone file's clues
    return origin.decide_origin(given, file_name, patterns=PATTERNS, **clues)


def test_decide_origin_order() -> None:
    clues = {"soa_owner": N("soa."), "origin_key": N("key."), "first_origin_directive": N("directive.")}
    assert decide_origin(N("given."), "name.com.zone", **clues) == N("given.")
    assert decide_origin(None, "name.com.zone", **clues) == N("soa.")
    assert decide_origin(None, "name.com.zone", origin_key=N("key."), first_origin_directive=N("directive.")) == N("key.")
    assert decide_origin(None, "name.com.zone", first_origin_directive=N("directive.")) == N("directive.")
    assert decide_origin(None, "name.com.zone") == N("name.com.")
    # A file name that is no domain under a known top-level domain declares nothing.
    assert decide_origin(None, "name.zone") is None
    assert decide_origin(None, "db.local") is None
    assert decide_origin(None, "example.test.zone") == N("example.test.")
    assert decide_origin(None, None) is None  # text from no file: nothing names it
    assert decide_origin(None, ".hidden") is None


def test_every_reader_says_the_same_when_nothing_names_the_apex(tmp_path) -> None:  # noqa: ANN001
    from mxlint.formats import read_path, read_yaml_text
    from mxlint.origin import NO_ORIGIN

    (tmp_path / ".hidden").write_text("$TTL 60\n@ MX 10 mail\n")
    zone_file = read_path(str(tmp_path / ".hidden"))
    yaml_text = read_yaml_text("'':\n  type: MX\n  value: {preference: 10, exchange: mail.example.com.}\n", None)
    assert [issue.message for issue in zone_file.errors] == [issue.message for issue in yaml_text.errors] == [NO_ORIGIN]
    assert zone_file.origin == yaml_text.origin == dns.name.root
