"""Issue 32, items 6 and 7: a `.gitignore` is read bounded, and matched without catastrophic
backtracking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_mxlint

from mxlint.patterns import PatternError, Patterns

ZONE = "example.com. 3600 IN SOA ns1.example.com. h.example.com. 1 2 3 4 5\nexample.com. 3600 IN NS ns1.example.com.\n"


def checkout(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "db.example.com").write_text(ZONE)
    (root / "db.example.org").write_text(ZONE.replace("example.com", "example.org"))
    return root


def shown(root: Path) -> list[str]:
    result = run_mxlint("check", "--isolated", "--show-files", ".", cwd=root, timeout=30)
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return sorted(line.split(":")[0] for line in result.stdout.splitlines() if ": checked as" in line)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_gitignore_link_to_a_device_is_not_read(tmp_path: Path, target: str) -> None:
    root = checkout(tmp_path)
    os.symlink(target, root / ".gitignore")
    assert shown(root) == ["db.example.com", "db.example.org"]


def test_gitignore_link_out_of_the_tree_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("db.example.org\n")
    root = checkout(tmp_path / "tree")
    os.symlink(outside, root / ".gitignore")
    assert shown(root) == ["db.example.com", "db.example.org"]


def test_gitignore_fifo_does_not_block(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    os.mkfifo(root / ".gitignore")
    assert shown(root) == ["db.example.com", "db.example.org"]


def test_gitignore_over_the_size_bound_is_not_read(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    (root / ".gitignore").write_text("db.example.org\n" + "#" * (2 * 1024 * 1024) + "\n")
    assert shown(root) == ["db.example.com", "db.example.org"]


def test_regular_gitignore_still_applies(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    (root / ".gitignore").write_text("db.example.org\n")
    assert shown(root) == ["db.example.com"]


def test_star_pattern_against_a_long_name_finishes(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    (root / ".gitignore").write_text("*a*a*a*a*a*a*a*a*a*a*b\n*e*a*p*e*o*g\n")
    (root / ("a" * 60 + ".zone")).write_text(ZONE)
    assert shown(root) == ["a" * 60 + ".zone", "db.example.com"]


def test_too_many_double_stars_skips_that_line_only(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    deep = root / "/".join(["a"] * 100)
    deep.mkdir(parents=True)
    (deep / "c.zone").write_text(ZONE)
    (root / ".gitignore").write_text("**/a/**/a/**/a/**/b\ndb.example.org\n")
    assert shown(root) == ["/".join(["a"] * 100) + "/c.zone", "db.example.com"]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*a*a*b", "xaxayb", True),
        ("*a*a*b", "xaxay", None),
        ("*a*a*b", "aab", True),
        ("*a*a*b", "ab", None),
        ("a*b*c", "abbbc", True),
        ("a*b*c", "abcx", None),
        ("*.z?ne", "dir/x.zone", True),
        ("*[0-9]*x", "a1b2x", True),
        ("*[0-9]*x", "abx", None),
        (r"a\**b", "a*zb", True),
        (r"a\**b", "azb", None),
        ("**/a/**/b", "q/a/r/s/b", True),
    ],
)
def test_star_semantics_kept(pattern: str, path: str, expected: bool | None) -> None:
    patterns = Patterns.compile("/base", [pattern])
    assert patterns.check("/base/" + path, False, "/base") is expected


def test_exclude_with_too_many_double_stars_is_an_error() -> None:
    with pytest.raises(PatternError):
        Patterns.compile("/base", ["**/a/**/b/**/c"])
