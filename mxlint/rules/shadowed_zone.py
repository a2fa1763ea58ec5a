from collections.abc import Iterator

from mxlint.record import Position
from mxlint.rule import Options, Problem, Severity, rule
from mxlint.zone import Zone


@rule("MX005", "shadowed-zone", Severity.INFO, "Two files of one run hold the same zone, and nothing says which one is served")
def shadowed_zone(zone: Zone, options: Options) -> Iterator[Problem]:
    # Said once, by the copy whose path sorts first: the copies are one problem.
    if not zone.copies or any(other.path < zone.path for other in zone.copies):
        return
    copies = [zone, *zone.copies]
    others = ", ".join(sorted(other.path for other in zone.copies))
    declared = [copy for copy in copies if copy.source is not None and copy.source.served is not None]
    if len(declared) == 1:
        answers = f"{declared[0].path}, which a configuration declares, answers the other zones' questions"
    else:
        answers = "each copy is checked on its own, and none answers the other zones' questions"
    yield Problem(
        Position(zone.path, 1, 1),
        f"zone {zone.origin} is also read from {others}: {answers}",
        "keep one copy, or let the server's configuration (named.conf views) say which one serves whom",
    )
