from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import dns.name
import pytest

from mxlint.config import Config
from mxlint.formats import read_yaml_text
from mxlint.formats.zonefile import read_zone_text
from mxlint.lint import Finding, lint
from mxlint.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def lint_zone_text(text: str, origin: str = "example.com.", lookups=None) -> list[Finding]:  # noqa: ANN001
    """Every finding of the default rules on master-file text (with ``--resolve`` through
    ``lookups`` when given)."""
    return _lint(read_zone_text(text, dns.name.from_text(origin), "zone.txt"), lookups)


def lint_yaml_text(text: str, origin: str = "example.com.", lookups=None) -> list[Finding]:  # noqa: ANN001
    """Every finding of the default rules on a YAML zone (octoDNS or native)."""
    return _lint(read_yaml_text(text, dns.name.from_text(origin), "zone.yaml"), lookups)


def _lint(zone, lookups) -> list[Finding]:  # noqa: ANN001
    if lookups is not None:
        from mxlint.live import resolve_outside

        resolve_outside([zone], lookups)
    return lint([zone], Config(), load_registry())


@pytest.fixture(scope="session")
def silent_lookups():
    """Lookups through a bound loopback UDP port that never answers."""
    import socket

    from mxlint.lookup import Lookups, Server

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    yield Lookups(Server("127.0.0.1", sock.getsockname()[1]), timeout=0.2, budget=30)
    sock.close()


def rules_found(findings: Sequence[Finding]) -> set[str]:
    return {finding.rule for finding in findings}


def run_mxlint(*args: str, cwd: Path | str | None = None, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process."""
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "mxlint", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str]) -> None:
    """Exit 2 with exactly one line on stderr and no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.fixture
def write(tmp_path: Path):
    """Write a file below tmp_path and return its path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write
