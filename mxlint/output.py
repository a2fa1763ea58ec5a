"""Renderers: plain functions from findings to text, looked up by format name."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import click

from mxlint.lint import Finding
from mxlint.rule import Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@dataclass(frozen=True)
class Report:
    findings: Sequence[Finding]
    files: int

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


def render_text(report: Report, color: bool) -> str:
    lines = []
    for f in report.findings:
        severity = click.style(str(f.severity), fg=_COLOURS[f.severity], bold=True) if color else str(f.severity)
        where = click.style(f"{f.path}:{f.line}:{f.column}:", bold=True) if color else f"{f.path}:{f.line}:{f.column}:"
        lines.append(f"{where} {severity} {f.rule} {f.message} [{f.name}]")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _summary(report: Report) -> str:
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    if not report.findings:
        return f"No problems found in {files}."
    counts = [
        (report.count(Severity.ERROR), "error", "errors"),
        (report.count(Severity.WARNING), "warning", "warnings"),
        (report.count(Severity.INFO), "info", "info"),
    ]
    parts = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
    return f"Found {len(report.findings)} problem{'s' if len(report.findings) != 1 else ''} ({parts}) in {files}."


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


RENDERERS: dict[str, Callable[[Report, bool], str]] = {
    "text": render_text,
    "json": render_json,
}
