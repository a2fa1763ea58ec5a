"""The octoDNS reader must read the MX records octoDNS's own YamlProvider loads.

Every octoDNS-dialect YAML of the project's tests (tests/zones/**, the YAML examples of the rule
pages) and of ../shared/corpus (manifest ``format: yaml``) is loaded by both. octoDNS loads
leniently (as ``octodns-sync`` with lenient records does) and knows octodns-route53's
``Route53Provider/ALIAS``. Files octoDNS itself refuses are skipped with its reason; a value
octoDNS loads that is no DNS data (a preference outside 0-65535, an exchange that is no domain
name) must be one mxlint reports (MX110/MX000) rather than reads.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import pytest
import yaml
from conftest import ROOT, SHARED
from test_pages import origin_of, zone_blocks

from mxlint.formats import read_path
from mxlint.formats.yamlzone import is_native
from mxlint.yamlload import compose
from mxlint.zone import IssueKind

octodns_yaml = pytest.importorskip("octodns.provider.yaml", reason="octoDNS is not installed (pip install -e '.[test]')")
from octodns.zone import Zone as OctoZone  # noqa: E402

try:  # registers Route53Provider/ALIAS, which octoDNS alone refuses as an unknown type
    import octodns_route53  # noqa: F401
except ImportError:  # pragma: no cover - a test dependency; without it those files are skipped
    pass

MXKey = tuple[dns.name.Name, int, int, dns.name.Name]


def own_files() -> list[tuple[Path, str | None]]:
    return [(path, None) for path in sorted((ROOT / "tests" / "zones").rglob("*.yaml")) if "parts" not in path.parts]


def corpus_files() -> list[tuple[Path, str | None]]:
    found: list[tuple[Path, str | None]] = []
    for directory in (SHARED / "corpus", SHARED / "corpus" / "realworld"):
        manifest = directory / "manifest.yaml"
        if manifest.is_file():
            entries = yaml.safe_load(manifest.read_text(encoding="utf-8")).get("files", [])
            found.extend((directory / e["path"], e.get("origin")) for e in entries if e.get("format") == "yaml")
    return found


def page_blocks() -> list[tuple[str, str]]:
    """(id, block) for each YAML example of a rule page."""
    return [
        (f"{page.name}:{line}", block)
        for page in sorted((ROOT / "rules").glob("MX*.md"))
        for line, language, block in zone_blocks(page, ("yaml",))
    ]


def is_octodns_dialect(text: str) -> bool:
    try:
        root = compose(text)
    except Exception:  # a document mxlint cannot compose is compared as octoDNS refuses it
        return True
    return not (isinstance(root, yaml.MappingNode) and is_native(root))


def octodns_mx(path: Path, origin: str) -> tuple[Counter[MXKey], set[dns.name.Name]]:
    """The MX values octoDNS loads: DNS data, and the owners of values that are not (a
    preference outside 0-65535, an exchange that is no domain name)."""
    # shared_filename names the one file to read, whatever it is called, beside its includes.
    provider = octodns_yaml.YamlProvider(
        "differential",
        str(path.parent),
        enforce_order=False,
        shared_filename=path.name,
        disable_zonefile=True,
        supports_root_ns=True,
        escaped_semicolons=True,  # its default, said aloud (the default is deprecated)
    )
    zone = OctoZone(origin, [])
    try:
        provider.populate(zone, lenient=True)
    except Exception as error:  # noqa: BLE001 - whatever octoDNS refuses, it refuses
        pytest.skip(f"octoDNS itself does not load {path.name}: {type(error).__name__}")
    read: Counter[MXKey] = Counter()
    invalid: set[dns.name.Name] = set()
    for record in zone.records:
        if record._type != "MX":
            continue
        owner = dns.name.from_text(record.fqdn)
        for value in record.values:
            # octoDNS and Route 53 take an exchange without a trailing dot as absolute.
            exchange = str(value.exchange or "")
            try:
                if not exchange:
                    raise ValueError("no exchange")
                rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.MX, f"{value.preference} {exchange.rstrip('.')}.")
            except Exception:  # noqa: BLE001 - not DNS data: mxlint must report, not read, it
                invalid.add(owner)
                continue
            read[(owner, record.ttl, rdata.preference, rdata.exchange)] += 1
    return read, invalid


def compare(path: Path, origin: str | None, shown: str) -> None:
    ours = read_path(str(path), dns.name.from_text(origin) if origin else None)
    expected, invalid = octodns_mx(path, ours.origin.to_text())
    read: Counter[MXKey] = Counter(
        (r.owner, r.ttl, r.rdata.preference, r.rdata.exchange) for r in ours.records if r.rdtype == dns.rdatatype.MX
    )
    # octoDNS keeps one value per (owner, preference, exchange): compare what each side holds.
    missing = sorted(set(expected) - set(read))
    extra = sorted(set(read) - set(expected))
    assert not missing, f"{shown}: octoDNS loads MX records mxlint does not read: {_show(missing)}"
    assert not extra, f"{shown}: mxlint reads MX records octoDNS does not load: {_show(extra)}"
    reported = {issue.owner for issue in ours.errors if issue.kind in (IssueKind.SYNTAX, IssueKind.MX_VALUE)}
    unreported = sorted(invalid - reported)
    assert not unreported, f"{shown}: octoDNS loads MX values that are no DNS data and mxlint says nothing at {', '.join(map(str, unreported))}"
    # octoDNS loaded the file: none of its types or values is a syntax error (types octoDNS knows)
    types = [issue for issue in ours.errors if issue.kind is IssueKind.SYNTAX and "record type" in issue.message]
    assert not types, f"{shown}: MX000 on a type octoDNS loads: {[(i.pos.line, i.message) for i in types]}"


def _show(keys: list[MXKey]) -> str:
    return "; ".join(f"{owner} {ttl} MX {preference} {exchange}" for owner, ttl, preference, exchange in keys[:10])


OWN = own_files()
CORPUS = corpus_files()
PAGES = page_blocks()


@pytest.mark.parametrize("path,origin", OWN, ids=[str(p.relative_to(ROOT / "tests" / "zones")) for p, _ in OWN])
def test_own_octodns_yaml_reads_like_octodns(path: Path, origin: str | None) -> None:
    if not is_octodns_dialect(path.read_text(encoding="utf-8")):
        pytest.skip("the native dialect: octoDNS does not read it")
    compare(path, origin, str(path.relative_to(ROOT)))


def test_the_own_octodns_zone_exercises_what_octodns_loads() -> None:
    """The project's own parity zone loads in octoDNS and holds MX records (so the comparison
    above is not vacuous)."""
    path = ROOT / "tests" / "zones" / "octodns" / "example.org.yaml"
    expected, _ = octodns_mx(path, "example.org.")
    assert len(expected) == 5


@pytest.mark.parametrize("name,block", PAGES, ids=[name for name, _ in PAGES])
def test_rule_page_yaml_reads_like_octodns(name: str, block: str, tmp_path: Path) -> None:
    if not is_octodns_dialect(block):
        pytest.skip("the native dialect: octoDNS does not read it")
    origin = origin_of(block)
    path = tmp_path / f"{origin}yaml"
    path.write_text(block, encoding="utf-8")
    compare(path, origin, name)


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is not beside the project (a user's clone has none)")
@pytest.mark.parametrize("path,origin", CORPUS, ids=[re.sub(r".*/corpus/", "", str(p)) for p, _ in CORPUS] or None)
def test_corpus_octodns_yaml_reads_like_octodns(path: Path, origin: str | None) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if not is_octodns_dialect(text):
        pytest.skip("the native dialect: octoDNS does not read it")
    compare(path, origin, str(path.relative_to(SHARED)))
