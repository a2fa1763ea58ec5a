from collections.abc import Iterator

from mxlint.names import doubled_endings, doubled_origin
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.rules.fixes import exchange_fix
from mxlint.zone import Zone, name_key


@rule("MX112", "origin-doubled", Severity.ERROR, "The MX exchange ends with the origin twice: a forgotten trailing dot")
def origin_doubled(zone: Zone, options: Options) -> Iterator[Problem]:
    apex_key = name_key(zone.origin)
    origin, endings = None, ()
    for record, target in zone.mx_targets():  # a null MX's root is too short to double
        if record.origin is not origin:  # the records of a zone share one origin (a few, $ORIGIN)
            origin = record.origin
            endings = doubled_endings(origin, apex_key)
        if not target.key.endswith(endings):
            continue
        exchange = record.exchange
        meant = doubled_origin(record, exchange, zone.origin)
        if meant is not None:
            yield Problem.at(
                record,
                f"MX target {exchange} ends with the origin twice; it was probably meant as {meant}",
                f"end the name with a dot: `{meant}`",
                exchange,
                fix=exchange_fix(zone, record, meant),
            )
