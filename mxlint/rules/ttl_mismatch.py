from collections.abc import Iterator

from mxlint.rule import Options, Problem, Severity, listing, rule
from mxlint.rules.fixes import ttl_fix
from mxlint.zone import Zone


@rule("MX109", "ttl-mismatch", Severity.WARNING, "Records of one MX RRset have different TTLs")
def ttl_mismatch(zone: Zone, options: Options) -> Iterator[Problem]:
    for mx in zone.mx_sets():
        records = mx.records
        if len(records) < 3 and records[0].ttl == records[-1].ttl:
            continue  # most owners: one or two records, compared without a set
        ttls = sorted({record.ttl for record in records})
        if len(ttls) > 1:
            yield Problem.at(
                mx.first,
                f"the MX records of {mx.owner} have different TTLs ({listing(ttls)}); "
                f"servers and caches treat the RRset as one and may lower it to {ttls[0]}",
                "give every MX record of the owner the same TTL",
                # Unsafe: the first record's TTL is a guess at the one meant.
                fix=ttl_fix(zone, [record for record in mx.records if record.ttl != mx.first.ttl], mx.first.ttl, safe=False),
            )
