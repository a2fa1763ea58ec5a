"""The reader must read exactly the records dnspython's own zone parser reads."""

from __future__ import annotations

from pathlib import Path

import dns.name
import dns.rdatatype
import dns.zone
import pytest
import yaml
from conftest import ROOT, SHARED

from mxlint.formats.zonefile import read_zone_file

OWN_ZONES = sorted((ROOT / "tests" / "zones").glob("*.zone")) + sorted((ROOT / "examples").rglob("*.zone"))


def corpus_zones() -> list[tuple[Path, str]]:
    manifest = SHARED / "corpus" / "manifest.yaml"
    if not manifest.is_file():
        return []
    entries = yaml.safe_load(manifest.read_text(encoding="utf-8"))["files"]
    return [(SHARED / "corpus" / e["path"], e["origin"]) for e in entries if e["format"] == "zone"]


def rrsets(pairs) -> dict[tuple, tuple[set, int]]:
    """(owner, type, covered type) -> (the set of rdata, the smallest TTL). Rdata compare as
    DNS does (names without regard to case), so duplicates collapse as dnspython collapses them."""
    found: dict[tuple, tuple[set, int]] = {}
    for owner, rdata, ttl in pairs:
        key = (owner, rdata.rdtype, rdata.covers())
        rdatas, smallest = found.get(key, (set(), ttl))
        if dns.rdatatype.is_singleton(rdata.rdtype):
            rdatas = set()  # a second CNAME, DNAME or SOA replaces the first in dnspython
        rdatas.add(rdata)
        found[key] = (rdatas, min(smallest, ttl))
    return found


def compare(path: Path, origin: dns.name.Name | None) -> None:
    ours = read_zone_file(str(path), origin)
    text = path.read_text(encoding="utf-8")
    theirs = dns.zone.from_text(text, ours.origin, relativize=False, check_origin=False, filename=str(path))
    expected = rrsets((name, rdata, rdataset.ttl) for name, rdataset in theirs.iterate_rdatasets() for rdata in rdataset)
    read = rrsets((r.owner, r.rdata, r.ttl) for r in ours.records if r.owner.is_subdomain(ours.origin))
    assert read == expected


@pytest.mark.parametrize("path", OWN_ZONES, ids=[p.name for p in OWN_ZONES])
def test_own_zones_read_like_dnspython(path: Path) -> None:
    assert read_zone_file(str(path)).errors == []
    compare(path, None)


CORPUS = corpus_zones()


@pytest.mark.skipif(not CORPUS, reason="../shared/corpus is not beside the project (a user's clone has none)")
@pytest.mark.parametrize("path,origin", CORPUS, ids=[f"{p.parent.name}/{p.name}" for p, _ in CORPUS] or None)
def test_corpus_zones_read_like_dnspython_where_dnspython_reads_them(path: Path, origin: str) -> None:
    apex = dns.name.from_text(origin)
    try:
        dns.zone.from_text(path.read_text(encoding="utf-8"), apex, relativize=False, check_origin=False)
    except Exception as error:  # dnspython stops at the first error; those files are the reader tests' business
        pytest.skip(f"dnspython itself does not load it: {type(error).__name__}")
    compare(path, apex)
