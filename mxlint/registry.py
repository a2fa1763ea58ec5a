"""The rules of a run: the built-ins and every plugin of the entry-point group ``mxlint.rules``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib.metadata import EntryPoint

from mxlint.plugins import PluginError, entry_points_in
from mxlint.rule import Rule

GROUP = "mxlint.rules"
BUILTIN = EntryPoint(name="builtin", value="mxlint.rules:RULES", group=GROUP)


class Registry:
    """Rules by id and by name."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._by_key: dict[str, Rule] = {}
        for rule in rules:
            for key in (rule.id, rule.name):
                if key in self._by_key:
                    other = self._by_key[key]
                    raise PluginError(f"rule {key} from {rule.origin} collides with {other.id} ({other.name}) from {other.origin}")
                self._by_key[key] = rule
        self.rules = sorted({rule.id: rule for rule in self._by_key.values()}.values(), key=lambda r: r.id)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, key: str) -> Rule | None:
        """A rule by id (any case) or name."""
        return self._by_key.get(key.upper() if key[:2].lower() == "mx" else key.lower())

    def matching(self, key: str) -> list[Rule]:
        """The rules ``key`` names: one by id or name, or every rule whose id starts with it
        (``MX1`` is every MX1xx, as ruff's ``--select E4``); empty when it names none."""
        exact = self.get(key) if key else None
        if exact is not None:
            return [exact]
        prefix = key.upper()
        return [rule for rule in self.rules if prefix and prefix.isalnum() and rule.id.startswith(prefix)]

    def closest(self, key: str) -> str | None:
        """The id or name most like ``key``, for "did you mean" messages."""
        import difflib  # only for error messages

        matches = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.6)
        return matches[0] if matches else None


def load_registry() -> Registry:
    """The built-ins and the installed plugins. Raises ``PluginError``."""
    points = entry_points_in(GROUP)
    if not any(point.value == BUILTIN.value for point in points):
        points.insert(0, BUILTIN)  # running from a checkout that is not installed
    rules: list[Rule] = []
    for point in points:
        origin = "builtin" if point.value == BUILTIN.value else point.name
        rules.extend(replace(rule, origin=origin) for rule in _load(point))
    return Registry(rules)


def _load(point: EntryPoint) -> list[Rule]:
    try:
        loaded = point.load()
        rules = list(loaded() if callable(loaded) else loaded)
    except (Exception, SystemExit) as error:  # a plugin can fail in any way; it must not become a traceback
        raise PluginError(f"plugin {point.name} ({point.value}) failed to load: {type(error).__name__}: {error}") from None
    for rule in rules:
        if not isinstance(rule, Rule):
            raise PluginError(f"plugin {point.name} ({point.value}) provides {rule!r}, which is not an mxlint Rule")
    return rules
