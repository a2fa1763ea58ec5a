"""Deterministic zones for the benchmarks: about seven records per domain.

Each domain has two MX records (one relative, one absolute), an SPF TXT record, A and AAAA
records for its exchangers and a CNAME; 1 % of domains point an MX at a CNAME, 1 % at an IP
literal, 0.5 % at a name that does not exist. Owners are relative and absolute, some
inherited, and the SOA spans several lines.

    python bench/generate.py big 1000000 out/big.zone       # one zone of ~1,000,000 records
    python bench/generate.py fleet 500 out/fleet/           # 500 zone files of ~70 records
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

RECORDS_PER_DOMAIN = 7


def zone_text(origin: str, domains: int, seed: int) -> str:
    rng = random.Random(seed)
    lines = [
        f"$ORIGIN {origin}",
        "$TTL 3600",
        "@\tIN\tSOA\tns1 hostmaster (",
        "\t\t\t2024010101 ; serial",
        "\t\t\t7200 3600 1209600 300 )",
        "\tIN\tNS\tns1",
        "\tIN\tNS\tns2.example.net.",
        f"ns1\tIN\tA\t198.18.{rng.randrange(256)}.{rng.randrange(1, 255)}",
    ]
    for index in range(domains):
        name = f"d{index}"
        draw = rng.random()
        if draw < 0.01:
            first = f"alias.{name}"  # an MX to a CNAME
        elif draw < 0.02:
            first = f"198.18.{index % 256}.{index % 250 + 1}"  # an IP literal
        elif draw < 0.025:
            first = f"gone.{name}"  # dangling
        else:
            first = f"mx1.{name}"
        a, b = rng.randrange(256), rng.randrange(1, 255)
        lines += [
            f"{name}\tIN\tMX\t10 {first}",
            f"\tIN\tMX\t20 mx2.{name}.{origin}",
            f'\tIN\tTXT\t"v=spf1 mx ip4:198.18.{a}.0/24 -all"',
            f"mx1.{name}\t300\tIN\tA\t198.18.{a}.{b}",
            f"\tIN\tAAAA\t2001:2::{a:x}:{b:x}",
            f"mx2.{name}.{origin}\tIN\tA\t198.19.{a}.{b}",
            f"alias.{name}\tIN\tCNAME\tmx1.{name}",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    kind, size, out = argv[1], int(argv[2]), Path(argv[3])
    if kind == "big":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(zone_text("big.example.", size // RECORDS_PER_DOMAIN, seed=1))
    elif kind == "fleet":
        out.mkdir(parents=True, exist_ok=True)
        for number in range(size):
            origin = f"z{number}.example."
            (out / f"{origin}zone").write_text(zone_text(origin, 9, seed=number))
    else:
        raise SystemExit(f"unknown kind {kind!r}: use big or fleet")


if __name__ == "__main__":
    main(sys.argv)
