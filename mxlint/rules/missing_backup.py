from collections.abc import Iterator
from fnmatch import fnmatchcase

import dns.name
import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone, is_null_mx, name_key

# Providers that publish a single MX name backed by many hosts behind it.
SINGLE_MX_PROVIDERS = [
    "*.mail.protection.outlook.com.",
    "smtp.google.com.",
    "inbound-smtp.*.amazonaws.com.",
    "mx.sendgrid.net.",
]


@rule(
    "MX203",
    "missing-backup",
    Severity.WARNING,
    "Only one mail exchanger: no backup while it is down",
    options={"min-exchangers": 2, "exempt": SINGLE_MX_PROVIDERS},
)
def missing_backup(zone: Zone, options: Options) -> Iterator[Problem]:
    minimum = options["min-exchangers"]
    exempt = [pattern.lower().rstrip(".") + "." for pattern in options["exempt"]]
    for owner, records in zone.owners(dns.rdatatype.MX):
        exchanges: dict[bytes, dns.name.Name] = {}  # by name key: letter case does not matter
        for record in records:
            if not is_null_mx(record):
                exchanges.setdefault(name_key(record.rdata.exchange), record.rdata.exchange)
        if not 0 < len(exchanges) < minimum:
            continue
        names = [exchange.to_text().lower() for exchange in exchanges.values()]
        if any(fnmatchcase(name, pattern) for name in names for pattern in exempt):
            continue
        listed = ", ".join(exchange.to_text() for exchange in exchanges.values())
        count = "only one mail exchanger" if len(exchanges) == 1 else f"only {len(exchanges)} mail exchangers"
        yield Problem.at(
            records[0],
            f"{owner} has {count} ({listed}); {minimum} or more keep mail flowing while one is down",
            "add a backup MX on another host with a higher preference value, "
            "or list a single-MX provider under the rule's `exempt` option",
        )
