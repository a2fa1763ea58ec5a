"""Renderers: plain functions from a report to text, looked up by format name."""

from __future__ import annotations

import json
import os
from functools import lru_cache
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import click

from mxlint import PROJECT_URL, __version__
from mxlint.registry import Registry
from mxlint.rule import Edit, Finding, Fix, Rule, Severity, fingerprints
from mxlint.safe_text import printable

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@dataclass(frozen=True)
class Report:
    findings: Sequence[Finding]
    files: int
    registry: Registry
    #: what a source is called in the summary: file, domain or zone
    noun: str = "file"
    #: text format: print each finding's hint on an indented line below it
    show_hints: bool = False
    #: text and github formats: the findings only, no summary line
    quiet: bool = False
    #: text format: a count per rule instead of the findings (as ruff's ``--statistics``)
    statistics: bool = False
    #: the directory paths are shown relative to (default: the working directory)
    cwd: str = field(default_factory=os.getcwd)
    #: whether fixes that choose for the user count as fixable (``--unsafe-fixes``)
    unsafe_fixes: bool = False
    #: how many findings ``--fix`` fixed (the findings are those left)
    fixed: int = 0

    def __post_init__(self) -> None:
        # Paths as users see them, once for every format: GitHub attaches no annotation to
        # `./zones/a.zone`, and a SARIF or GitLab report must name the file the same way.
        # Done here, not when findings are stamped: suppressions match the paths as read. The
        # path is sanitised after it is cut: `./::error …` would start with `::` once cut.
        shown = [
            replace(finding, path=printable(shown_path(finding.path, self.cwd)), fix=_shown_fix(finding.fix, self.cwd))
            for finding in self.findings
        ]
        object.__setattr__(self, "findings", sorted(shown, key=Finding.order))

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def fixable(self, finding: Finding) -> bool:
        """Whether ``--fix`` (with ``--unsafe-fixes`` when it was given) fixes ``finding``."""
        return finding.fix is not None and (finding.fix.safe or self.unsafe_fixes)


def _shown_fix(fix: Fix | None, cwd: str) -> Fix | None:
    """A fix as printed: paths as findings show them, texts sanitised line by line (a fix
    carries no text the sanitiser changes, so the edits stay exact; line ends stay for JSON
    to escape)."""
    if fix is None:
        return None

    def text(value: str) -> str:
        return "".join(printable(part) if part not in ("\r\n", "\n", "\r") else part for part in re.split(r"(\r\n|\r|\n)", value))

    edits = tuple(Edit(printable(shown_path(e.path, cwd)), e.line, e.column, text(e.old), text(e.new)) for e in fix.edits)
    return Fix(edits, fix.safe)


@lru_cache(maxsize=4096)
def shown_path(path: str, cwd: str) -> str:
    """How a path is printed: its directory resolved (``link/..`` is where the link leads, not
    ``.``; the file's own name stays, a link too), relative to ``cwd`` when it lies below it,
    without a leading ``./``. A path outside ``cwd`` stays as it was given unless resolving
    its directory changes it."""
    directory, name = os.path.split(path)
    real_directory = os.path.realpath(directory or os.curdir)
    real_cwd = os.path.realpath(cwd)
    if real_directory == real_cwd:
        return name or os.curdir
    if real_directory.startswith(real_cwd.rstrip(os.sep) + os.sep):
        return os.path.join(os.path.relpath(real_directory, real_cwd), name)
    if os.path.isabs(path) and real_directory == os.path.normpath(directory):
        return path
    if not os.path.isabs(path) and real_directory == os.path.normpath(os.path.join(real_cwd, directory)):
        return os.path.normpath(path)
    return os.path.join(real_directory, name)


def rule_url(rule: Rule) -> str:
    return f"{PROJECT_URL}/blob/main/rules/{rule.id}.md"


# -- text and JSON ----------------------------------------------------------------------------


def render_text(report: Report, color: bool) -> str:
    lines = statistics(report, color) if report.statistics else _finding_lines(report, color)
    if not report.quiet:
        if report.fixed:
            lines.append(fixed_line(report))
        lines.append(summary(report))
    return "".join(line + "\n" for line in lines)


def _finding_lines(report: Report, color: bool) -> list[str]:
    lines = []
    for f in report.findings:
        severity = click.style(str(f.severity), fg=_COLOURS[f.severity], bold=True) if color else str(f.severity)
        where = click.style(f"{f.path}:{f.line}:{f.column}:", bold=True) if color else f"{f.path}:{f.line}:{f.column}:"
        # `[*]` marks what --fix fixes, as ruff marks it.
        mark = " [*]" if report.fixable(f) else ""
        lines.append(f"{where} {severity} {f.rule}{mark} {f.message} [{f.name}]")
        if report.show_hints and f.hint:
            lines.append(f"    hint: {f.hint}")
    return lines


def statistics(report: Report, color: bool) -> list[str]:
    """One line per rule, ``count<TAB>id<TAB>name``, most frequent first, then by id: the
    layout of ruff's (and flake8's) ``--statistics``, so scripts written for them read it."""
    counts = Counter((f.rule, f.name) for f in report.findings)
    rows = sorted(counts.items(), key=lambda row: (-row[1], row[0][0]))
    count_width = max((len(str(count)) for _, count in rows), default=1)
    id_width = max((len(rule) for (rule, _), _ in rows), default=0)
    lines = []
    for (rule, name), count in rows:
        number, rule_id = f"{count:>{count_width}}", f"{rule:<{id_width}}"
        if color:
            number, rule_id = click.style(number, bold=True), click.style(rule_id, fg="red", bold=True)
        lines.append(f"{number}\t{rule_id}\t{name}")
    return lines


def summary(report: Report) -> str:
    files = f"{report.files} {report.noun}{'s' if report.files != 1 else ''}"
    if not report.findings:
        return f"No problems found in {files}."
    counts = [
        (report.count(Severity.ERROR), "error", "errors"),
        (report.count(Severity.WARNING), "warning", "warnings"),
        (report.count(Severity.INFO), "info", "info"),
    ]
    parts = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
    return f"Found {len(report.findings)} problem{'s' if len(report.findings) != 1 else ''} ({parts}) in {files}{_fixable(report)}."


def _fixable(report: Report) -> str:
    """``; 2 fixable with --fix`` and how many more ``--unsafe-fixes`` would fix."""
    fixable = sum(1 for f in report.findings if report.fixable(f))
    hidden = sum(1 for f in report.findings if f.fix is not None and not report.fixable(f))
    if fixable and hidden:
        return f"; {fixable} fixable with --fix ({hidden} more with --unsafe-fixes)"
    if fixable:
        return f"; {fixable} fixable with --fix"
    return f"; {hidden} fixable with --fix --unsafe-fixes" if hidden else ""


def fixed_line(report: Report) -> str:
    return f"Fixed {report.fixed} problem{'s' if report.fixed != 1 else ''}."


def render_json(report: Report, color: bool) -> str:
    document = {
        "version": 1,
        "findings": [finding.as_dict() for finding in report.findings],
        "summary": {
            "files": report.files,
            "error": report.count(Severity.ERROR),
            "warning": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
        },
    }
    return json.dumps(document, indent=2) + "\n"


# -- SARIF 2.1.0 (GitHub code scanning and other viewers) ---------------------------------------

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: Report, color: bool) -> str:
    rules = list(report.registry)
    index = {rule.id: position for position, rule in enumerate(rules)}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mxlint",
                        "version": __version__,
                        "informationUri": PROJECT_URL,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": finding.rule,
                        "ruleIndex": index[finding.rule],
                        "level": _SARIF_LEVEL[finding.severity],
                        "message": {"text": f"{finding.message}. Fix: {finding.hint}" if finding.hint else finding.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": _uri(finding.path)},
                                    "region": _finding_region(finding),
                                }
                            }
                        ],
                        "partialFingerprints": {"mxlint/v1": fingerprint},
                    }
                    | ({"fixes": [_sarif_fix(finding.fix)]} if finding.fix is not None else {})
                    for finding, fingerprint in zip(report.findings, fingerprints(report.findings))
                ],
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def _finding_region(finding: Finding) -> dict[str, int]:
    """Where a finding starts, and ends when its format said (``Format.extent``)."""
    region = {"startLine": finding.line, "startColumn": finding.column}
    if finding.end_line is not None and finding.end_column is not None:
        region |= {"endLine": finding.end_line, "endColumn": finding.end_column}
    return region


def _sarif_fix(fix: Fix) -> dict[str, object]:
    """A SARIF ``fix``: per file, each edit as a deleted region and the text put there (an
    empty region is an insertion point)."""
    changes: dict[str, list[dict[str, object]]] = {}
    for edit in fix.edits:
        changes.setdefault(edit.path, []).append({"deletedRegion": _region(edit), "insertedContent": {"text": edit.new}})
    return {
        "description": {"text": "safe fix (--fix)" if fix.safe else "unsafe fix (--fix --unsafe-fixes)"},
        "artifactChanges": [{"artifactLocation": {"uri": _uri(path)}, "replacements": replacements} for path, replacements in changes.items()],
        "properties": {"safe": fix.safe},
    }


def _region(edit: Edit) -> dict[str, int]:
    """The region ``edit.old`` takes: up to the start of the next line when it ends a line."""
    lines = re.split(r"\r\n|\r|\n", edit.old)
    end_line = edit.line + len(lines) - 1
    end_column = (edit.column if len(lines) == 1 else 1) + len(lines[-1])
    return {"startLine": edit.line, "startColumn": edit.column, "endLine": end_line, "endColumn": end_column}


def _sarif_rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "name": _camel(rule.name),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what_it_does(rule) or rule.summary},
        "helpUri": rule_url(rule),
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity], "enabled": rule.enabled},
        "properties": {"tags": ["dns", "mx"]},
    }


def what_it_does(rule: Rule) -> str | None:
    """The first paragraph of the rule page's *What it does*, as plain text."""
    from mxlint.pages import page_text

    page = page_text(rule.id)
    if page is None or "## What it does" not in page:
        return None
    section = page.split("## What it does", 1)[1].strip().split("\n\n", 1)[0]
    return re.sub(r"\s+", " ", section.replace("`", "")).strip()


def _camel(name: str) -> str:
    # SARIF's rule name is conventionally PascalCase (TargetIsCname).
    return "".join(part.capitalize() for part in name.split("-"))


def _uri(path: str) -> str:
    """A SARIF artifact URI: relative paths as relative references, both percent-encoded."""
    return Path(path).as_uri() if os.path.isabs(path) else quote(Path(path).as_posix(), safe="/")


# -- GitHub Actions workflow commands ----------------------------------------------------------

_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(report: Report, color: bool) -> str:
    lines = []
    for f in report.findings:
        properties = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (("file", f.path), ("line", f.line), ("col", f.column), ("title", f"{f.rule} {f.name}"))
        )
        lines.append(f"::{_GITHUB_COMMAND[f.severity]} {properties}::{_escape_data(f'{f.message} (hint: {f.hint})')}")
    if not report.quiet:
        lines.append(summary(report))
    return "".join(line + "\n" for line in lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: object) -> str:
    return _escape_data(str(value)).replace(":", "%3A").replace(",", "%2C")


# -- GitLab Code Quality -----------------------------------------------------------------------

_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render_gitlab(report: Report, color: bool) -> str:
    issues = [
        {
            "type": "issue",
            "description": f"{f.rule} {f.message}",
            "check_name": f"{f.rule} {f.name}",
            "categories": ["Bug Risk"],
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITY[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line}},
        }
        for f, fingerprint in zip(report.findings, fingerprints(report.findings))
    ]
    return json.dumps(issues, indent=2) + "\n"


RENDERERS: dict[str, Callable[[Report, bool], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "gitlab": render_gitlab,
}
FORMATS = [*RENDERERS, "auto"]
#: The formats that show where a finding ends: the run works the ends out only for them.
RANGED = frozenset({"sarif"})


def resolve_format(name: str) -> str:
    """``auto``: GitHub workflow commands under GitHub Actions, text elsewhere."""
    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


class Output(NamedTuple):  # not a dataclass: cheaper to create at import
    """Where one rendering of the report goes: a file, or standard output when ``file`` is
    ``None``."""

    format: str
    file: str | None = None


def parse_outputs(specs: Sequence[str]) -> list[Output]:
    """``--format FORMAT[:FILE]`` values (repeatable, as pylint's ``--output-format``), with
    ``auto`` resolved; ``text`` on standard output when there are none. Raises ``ValueError``."""
    outputs = []
    for spec in specs or ["text"]:
        name, colon, file = spec.partition(":")
        if name.lower() not in FORMATS:
            raise ValueError(f"{spec!r}: unknown format {name!r}; choose from {', '.join(FORMATS)}, each optionally :FILE")
        if colon and not file:
            raise ValueError(f"{spec!r}: no file after the colon")
        outputs.append(Output(resolve_format(name.lower()), file or None))
    if sum(output.file is None for output in outputs) > 1:
        raise ValueError("only one format can go to standard output; give the others a file (FORMAT:FILE)")
    files = [os.path.abspath(output.file) for output in outputs if output.file is not None]
    if len(set(files)) != len(files):
        raise ValueError("two formats name the same file")
    return outputs


def wants_colour(flag: bool | None, terminal: bool) -> bool:
    """``--color``/``--no-color`` win; then ``NO_COLOR`` turns colour off and ``FORCE_COLOR``
    on (set and not empty, as no-color.org and force-color.org define them; NO_COLOR first,
    as CPython orders them: the user's wish for no colour outranks a CI default); then a
    ``dumb`` terminal has none; else colour exactly on a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return terminal and os.environ.get("TERM") != "dumb"
