import re
from collections.abc import Iterator

import dns.rdatatype

from mxlint.rule import Options, Problem, Severity, listing, rule
from mxlint.zone import Zone

_MECHANISMS = {"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"}


def authorising_terms(spf: str) -> list[str]:
    """The terms of an SPF policy that let hosts send: mechanisms with a pass qualifier
    (explicit ``+`` or none) and ``redirect=``."""
    terms = []
    for term in spf.split()[1:]:
        lowered = term.lower()
        if lowered.startswith("redirect="):
            terms.append(term)
        elif lowered[:1] not in "-~?" and re.split(r"[:/]", lowered.lstrip("+"), maxsplit=1)[0] in _MECHANISMS:
            terms.append(term)
    return terms


@rule("MX207", "null-mx-with-senders", Severity.WARNING, "A null MX while the owner's SPF authorises senders")
def null_mx_with_senders(zone: Zone, options: Options) -> Iterator[Problem]:
    for mx in zone.mx_sets():
        if not mx.null:
            continue
        owner = mx.owner
        senders: list[str] = []
        for txt in zone.rrset(owner, dns.rdatatype.TXT):
            policy = b"".join(txt.rdata.strings).decode("utf-8", "replace")
            if policy.lower().startswith("v=spf1"):
                senders += authorising_terms(policy)
        if senders:
            # Reported at the null MX: it is the record that says "no mail here", and the one
            # a reviewer of the MX change sees; the SPF terms are named in the message.
            yield Problem.at(
                mx.null[0],
                f"{owner} publishes a null MX (it accepts no mail, not even bounces) but its SPF record "
                f"authorises senders: {listing(senders)}",
                "if the domain sends mail, publish real MX records so bounces can come back; "
                "if it does not, publish `v=spf1 -all`",
            )
