"""Which rules run, at which severity, with which options: `.mxlint.yaml` or `[tool.mxlint]`.

    extends: recommended          # or all, or a path to another configuration file
    fail-on: warning
    include-root: .               # $INCLUDE may reach anywhere below this directory
    origins:
      "zones/internal/*": corp.example.
    rules:
      missing-backup: off         # off, on, error, warning, info
      MX209: error
      implicit-mx: {severity: warning, scope: all}
    ignore: [MX208, MX3]          # ids, names or id prefixes (MX3 is every MX3xx)
    exclude: ["zones/generated/", "*.tmpl"]   # gitignore patterns, relative to this file
    per-path:
      - paths: ["zones/lab/*"]
        rules: {target-private-address: off}

Every key, rule and option is checked; a mistake is one line naming the key and the closest
valid name (exit 2).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import dns.exception
import dns.name

from mxlint.limits import PYTHON_DIGITS, number_too_long
from mxlint.origin import absolute_name
from mxlint.patterns import PatternError, Patterns
from mxlint.registry import Registry
from mxlint.rule import Rule, Severity

CONFIG_NAMES = (".mxlint.yaml", ".mxlint.yml")
PRESETS = ("recommended", "all")
TOP_KEYS = ("extends", "fail-on", "include-root", "server-config", "origins", "rules", "select", "ignore", "exclude", "per-path")
PER_PATH_KEYS = ("paths", "rules")
MAX_EXTENDS = 8


class ConfigError(Exception):
    """A configuration that cannot be used (exit 2)."""


class RuleSetting(NamedTuple):  # not a dataclass: cheaper to create at import
    """What configuration says of one rule; ``None`` keeps the rule's default."""

    enabled: bool | None = None
    severity: Severity | None = None
    options: Mapping[str, Any] = MappingProxyType({})  # shared by every setting: read-only

    def over(self, base: RuleSetting) -> RuleSetting:
        """This setting applied on top of ``base``."""
        return RuleSetting(
            self.enabled if self.enabled is not None else base.enabled,
            self.severity or base.severity,
            {**base.options, **self.options},
        )


class ActiveRule(NamedTuple):  # not a dataclass: cheaper to create at import
    rule: Rule
    severity: Severity
    options: Mapping[str, Any]


class PathOverride(NamedTuple):  # not a dataclass: cheaper to create at import
    patterns: tuple[str, ...]
    rules: Mapping[str, RuleSetting]
    base: Path


@dataclass
class Config:
    fail_on: Severity = Severity.ERROR
    rules: dict[str, RuleSetting] = field(default_factory=dict)  # by rule id
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    origins: list[tuple[str, dns.name.Name]] = field(default_factory=list)
    per_path: list[PathOverride] = field(default_factory=list)
    include_root: str | None = None
    #: server configurations (``named.conf`` ...) whose zones a run checks, absolute paths
    server_configs: list[str] = field(default_factory=list)
    #: gitignore patterns a directory walk leaves out, each relative to its own file
    exclude: list[Patterns] = field(default_factory=list)
    base: Path = field(default_factory=Path.cwd)
    source: str = "built-in defaults"

    def active_rules(self, registry: Registry, path: str | None = None) -> list[ActiveRule]:
        """The rules that run on ``path`` (every path when ``None``), with severity and options."""
        settings = dict(self.rules)
        if path is not None:
            for override in self.per_path:
                if _matches(path, override.patterns, override.base):
                    for rule_id, setting in override.rules.items():
                        settings[rule_id] = setting.over(settings.get(rule_id, RuleSetting()))
        active = []
        for rule in registry:
            setting = settings.get(rule.id, RuleSetting())
            enabled = rule.enabled if setting.enabled is None else setting.enabled
            if self.select is not None:
                enabled = enabled and rule.id in self.select
            if not enabled or rule.id in self.ignore:
                continue
            active.append(ActiveRule(rule, setting.severity or rule.severity, {**rule.defaults, **setting.options}))
        return active

    def origin_for(self, path: str) -> dns.name.Name | None:
        """The origin configuration maps a path to, if any (first matching pattern wins)."""
        return next((origin for pattern, origin in self.origins if _matches(path, (pattern,), self.base)), None)


def _matches(path: str, patterns: Sequence[str], base: Path) -> bool:
    """Shell-style patterns (``*`` crosses directories) against the path as given and as
    relative to the configuration file's directory."""
    candidates = {Path(path).as_posix()}
    try:
        candidates.add(Path(os.path.relpath(os.path.abspath(path), base)).as_posix())
    except ValueError:  # another drive on Windows
        pass
    return any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates for pattern in patterns)


# -- finding and loading ----------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest ``.mxlint.yaml`` or ``pyproject.toml`` with ``[tool.mxlint]``, from ``start`` up."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _mentions_mxlint(pyproject) and "mxlint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _mentions_mxlint(pyproject: Path) -> bool:
    """Whether the file's text holds the word at all: the pyproject.toml of a repository that
    does not configure mxlint is not parsed (``tomllib`` costs a small zone's run ~5 ms), so
    neither is its TOML judged."""
    try:
        return b"mxlint" in pyproject.read_bytes()
    except OSError:
        return True  # _read_toml says why it cannot be read


def load_config(path: Path | None, registry: Registry) -> Config:
    """The configuration in ``path`` (a ``.mxlint.yaml`` or ``pyproject.toml``), or the
    built-in defaults when ``path`` is ``None``. Raises ``ConfigError``."""
    if path is None:
        return Config()
    return _Loader(registry).load(path, depth=0)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from None
    _refuse_long_numbers(text, path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from None
    except ValueError:  # int() past 4,300 digits where _refuse_long_numbers finds no key
        raise ConfigError(f"{path}: a number has more than {PYTHON_DIGITS:,} digits") from None


#: A key and the number given it, in TOML (``key = 123``) or YAML (``key: 123``): a key, a
#: quoted key or a list item's dash, then a run of digits (with TOML's and YAML's ``_``).
_KEYED_NUMBER = re.compile(r"""(?:([A-Za-z0-9_.-]+|"[^"\n]*"|'[^'\n]*')[ \t]*[:=]|-)[ \t]*[+-]?([0-9][0-9_]*)""")


def _refuse_long_numbers(text: str, path: Path) -> None:
    """A number in a configuration is measured as text before the TOML or YAML parser converts
    it: Python's ``int()`` refuses more than 4,300 digits, with a ValueError no parser words.
    Raises ``ConfigError`` naming the file, the line and the key."""
    if not number_too_long(text, PYTHON_DIGITS):
        return  # the common case: one pass over the text
    for match in _KEYED_NUMBER.finditer(text):
        if number_too_long(match.group(2).replace("_", ""), PYTHON_DIGITS):
            line = text.count("\n", 0, match.start()) + 1
            key = match.group(1).strip("\"'") if match.group(1) else "a list item"
            raise ConfigError(f"{path}:{line}: {key}: a number of {len(match.group(2)):,} digits; Python reads at most {PYTHON_DIGITS:,}")
    # A number in no ``key: value`` form (a flow list): the parser's ValueError is worded.


class _Loader:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def load(self, path: Path, depth: int) -> Config:
        where = str(path)
        document = self._document(path)
        if not isinstance(document, dict):
            raise ConfigError(f"{where}: the configuration must be a mapping of keys such as rules and extends")
        self._known_keys(document, TOP_KEYS, where)
        config = self._extends(document.get("extends", "recommended"), path, depth)
        config = replace(config, base=path.parent.resolve(), source=where)
        if "fail-on" in document:
            config.fail_on = self._severity(document["fail-on"], f"{where}: fail-on")
        if "include-root" in document:
            root = document["include-root"]
            if not isinstance(root, str):
                raise ConfigError(f"{where}: include-root must be a directory path")
            config.include_root = str((path.parent / root).resolve())
        if "server-config" in document:
            config.server_configs = self._server_configs(document["server-config"], f"{where}: server-config", path.parent)
        config.rules = {**config.rules}
        for rule_id, setting in self._rules(document.get("rules", {}), f"{where}: rules").items():
            config.rules[rule_id] = setting.over(config.rules.get(rule_id, RuleSetting()))
        if "select" in document:
            config.select = frozenset(self._rule_list(document["select"], f"{where}: select"))
        if "ignore" in document:
            config.ignore = config.ignore | set(self._rule_list(document["ignore"], f"{where}: ignore"))
        if "exclude" in document:
            config.exclude = config.exclude + [self._exclude(document["exclude"], f"{where}: exclude", path.parent.resolve())]
        config.origins = self._origins(document.get("origins", {}), f"{where}: origins") + config.origins
        config.per_path = config.per_path + self._per_path(document.get("per-path", []), f"{where}: per-path", path.parent.resolve())
        return config

    def _document(self, path: Path) -> Any:
        if path.name == "pyproject.toml":
            return _read_toml(path).get("tool", {}).get("mxlint", {})
        from mxlint.yamlload import DocumentError, load_plain

        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: cannot be read: {getattr(error, 'strerror', None) or error}") from None
        _refuse_long_numbers(text, path)
        try:
            return load_plain(text) or {}
        except ValueError:  # int() past 4,300 digits where _refuse_long_numbers finds no key
            raise ConfigError(f"{path}: a number has more than {PYTHON_DIGITS:,} digits") from None
        except DocumentError as error:
            line = f":{error.line}" if error.line else ""
            raise ConfigError(f"{path}{line}: {error}") from None

    def _extends(self, value: Any, path: Path, depth: int) -> Config:
        if value in PRESETS:
            return preset(value, self.registry)
        if not isinstance(value, str):
            raise ConfigError(f"{path}: extends must be recommended, all, or a path")
        if depth >= MAX_EXTENDS:
            raise ConfigError(f"{path}: extends nests deeper than {MAX_EXTENDS} files (a loop?)")
        target = (path.parent / value).resolve()
        if not target.is_file():
            suggestion = _closest(value, PRESETS)
            raise ConfigError(f"{path}: extends: {value!r} is neither a preset nor a file{suggestion}")
        return self.load(target, depth + 1)

    def _known_keys(self, mapping: Mapping[str, Any], known: Sequence[str], where: str) -> None:
        for key in mapping:
            if key not in known:
                raise ConfigError(f"{where}: unknown key {key!r}{_closest(str(key), known)}")

    def _severity(self, value: Any, where: str) -> Severity:
        try:
            return Severity.parse(str(value))
        except ValueError:
            raise ConfigError(f"{where}: {value!r} is not a severity (error, warning or info)") from None

    def _rule(self, key: Any, where: str) -> Rule:
        rule = self.registry.get(str(key))
        if rule is None:
            raise ConfigError(f"{where}: unknown rule {key!r}{_closest(str(key), [r.name for r in self.registry] + [r.id for r in self.registry])}")
        return rule

    def _rule_list(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: must be a list of rule ids, id prefixes (MX1) or names")
        ids = []
        for item in value:
            # A prefix names every rule whose id starts with it; an exact id or name one rule.
            rules = self.registry.matching(str(item)) or [self._rule(item, where)]
            ids.extend(rule.id for rule in rules)
        return ids

    def _rules(self, value: Any, where: str) -> dict[str, RuleSetting]:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: must map rule ids or names to off, on, a severity, or options")
        settings: dict[str, RuleSetting] = {}
        for key, spec in value.items():
            rule = self._rule(key, where)
            settings[rule.id] = self._setting(rule, spec, f"{where}: {key}")
        return settings

    def _setting(self, rule: Rule, spec: Any, where: str) -> RuleSetting:
        # YAML 1.1 reads a bare off/on as false/true.
        if spec is False or spec == "off":
            return RuleSetting(enabled=False)
        if spec is True or spec == "on":
            return RuleSetting(enabled=True)
        if isinstance(spec, str):
            return RuleSetting(enabled=True, severity=self._severity(spec, where))
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: must be off, on, a severity, or a mapping of severity and options")
        options = {k: v for k, v in spec.items() if k not in ("severity", "enabled")}
        self._known_keys(options, list(rule.options), f"{where} ({rule.id} options)")
        # Checked here, against the rule's declaration, so a bad value is a configuration
        # error when the file loads, never a rule that crashes in the middle of a run.
        for name, value in options.items():
            problem = rule.options[name].problem(value)
            if problem is not None:
                raise ConfigError(f"{where}: {rule.id} option {name} {problem}")
        enabled = spec.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ConfigError(f"{where}: enabled must be true or false")
        severity = self._severity(spec["severity"], f"{where}: severity") if "severity" in spec else None
        return RuleSetting(enabled=enabled, severity=severity, options=options)

    def _origins(self, value: Any, where: str) -> list[tuple[str, dns.name.Name]]:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: must map path patterns to zone origins")
        origins = []
        for pattern, origin in value.items():
            try:
                name = absolute_name(str(origin))
            except dns.exception.DNSException:
                raise ConfigError(f"{where}: {pattern}: {origin!r} is not a domain name") from None
            origins.append((str(pattern), name))
        return origins

    def _server_configs(self, value: Any, where: str, base: Path) -> list[str]:
        """One path or a list, relative to the configuration file; shown relative to the
        working directory when below it, as findings show paths."""
        paths = [value] if isinstance(value, str) else value
        if not isinstance(paths, list) or not paths or not all(isinstance(item, str) and item for item in paths):
            raise ConfigError(f"{where}: must be a file path or a list of file paths (named.conf, pdns.conf, nsd.conf, knot.conf)")
        shown = []
        for item in paths:
            path = (base / item).resolve()
            relative = os.path.relpath(path)
            shown.append(str(path) if relative.startswith(os.pardir) else relative)
        return shown

    def _exclude(self, value: Any, where: str, base: Path) -> Patterns:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{where}: must be a list of gitignore-style path patterns")
        try:
            return Patterns.compile(str(base), value)
        except PatternError as error:
            raise ConfigError(f"{where}: {error}") from None

    def _per_path(self, value: Any, where: str, base: Path) -> list[PathOverride]:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: must be a list of {{paths: [...], rules: {{...}}}}")
        overrides = []
        for index, item in enumerate(value, start=1):
            item_where = f"{where}[{index}]"
            if not isinstance(item, dict):
                raise ConfigError(f"{item_where}: must be a mapping with paths and rules")
            self._known_keys(item, PER_PATH_KEYS, item_where)
            patterns = item.get("paths")
            if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
                raise ConfigError(f"{item_where}: paths must be a list of path patterns")
            overrides.append(PathOverride(tuple(patterns), self._rules(item.get("rules", {}), f"{item_where}: rules"), base))
        return overrides


STRICTER = {Severity.ERROR: Severity.ERROR, Severity.WARNING: Severity.ERROR, Severity.INFO: Severity.WARNING}


def preset(name: str, registry: Registry) -> Config:
    """``recommended``: the rules that are on by default, at their default severities.
    ``all``: every rule on, one step stricter (warnings become errors, info becomes warnings)."""
    config = Config(source=f"preset {name}")
    if name == "all":
        config.rules = {rule.id: RuleSetting(enabled=True, severity=STRICTER[rule.severity]) for rule in registry}
    return config


def _closest(key: str, candidates: Sequence[str]) -> str:
    import difflib  # only for error messages

    matches = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.5)
    return f"; did you mean {matches[0]!r}?" if matches else ""
