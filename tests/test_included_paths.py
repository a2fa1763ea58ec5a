"""A finding, a suppression and a fix name the file whose bytes were read.

``$INCLUDE link/../x.zone`` through ``link -> a/b`` reads ``a/x.zone``; collapsing ``..``
lexically names ``x.zone`` instead, another file or one outside the tree. The readers name an
included file by its resolved path (``mxlint.source.path_in_tree``), so ``--diff`` never shows
and ``--fix`` never writes a file that was not read, and a comment suppresses only findings of
its own file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dns.name
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mxlint.formats import read_path
from mxlint.source import path_in_tree

RELATIVE_EXCHANGE_DOUBLED = "sub MX 10 .\n"  # MX106: a null MX whose preference is not 0 (a safe fix)


def mxlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "MXLINT_DEBUG")}
    return subprocess.run([sys.executable, "-m", "mxlint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def linked_tree(root: Path) -> Path:
    """``root/tree`` with ``link -> a/b``: ``link/..`` is ``a`` once resolved, ``.`` lexically."""
    tree = root / "tree"
    (tree / "a" / "b").mkdir(parents=True)
    (tree / "link").symlink_to(Path("a") / "b", target_is_directory=True)
    return tree


def test_diff_never_shows_a_file_outside_the_tree(tmp_path: Path) -> None:
    tree = linked_tree(tmp_path)
    # Lexically link/../../inc.zone is tmp_path/inc.zone, outside the tree; it reads tree/inc.zone.
    (tree / "example.com.zone").write_text("$TTL 60\n@ MX 10 mx1\nmx1 A 192.0.2.1\n$INCLUDE link/../../inc.zone\n")
    (tree / "inc.zone").write_text(RELATIVE_EXCHANGE_DOUBLED)
    (tmp_path / "inc.zone").write_text("; SECRET line one\n" + RELATIVE_EXCHANGE_DOUBLED)
    result = mxlint("check", "--diff", "tree", cwd=tmp_path)
    assert "SECRET" not in result.stdout + result.stderr
    assert "--- tree/inc.zone" in result.stdout, result.stdout
    listed = mxlint("check", "--format", "json", "tree", cwd=tmp_path)
    assert '"path": "tree/inc.zone"' in listed.stdout


def test_fix_writes_the_file_that_was_read_and_no_other(tmp_path: Path) -> None:
    tree = linked_tree(tmp_path)
    # Lexically link/../x.zone is tree/x.zone; it reads tree/a/x.zone.
    (tree / "example.com.zone").write_text("$TTL 60\n@ MX 10 mx1\nmx1 A 192.0.2.1\n$INCLUDE link/../x.zone\n")
    (tree / "a" / "x.zone").write_text(RELATIVE_EXCHANGE_DOUBLED)
    (tree / "x.zone").write_text(RELATIVE_EXCHANGE_DOUBLED)  # the same bytes: a planner that names it would write it
    before = (tree / "x.zone").read_bytes()
    result = mxlint("check", "--fix", "tree", cwd=tmp_path)
    assert (tree / "x.zone").read_bytes() == before
    assert (tree / "a" / "x.zone").read_text() == "sub MX 0 .\n", result.stdout + result.stderr
    assert "MX106" not in result.stdout


def test_a_comment_suppresses_only_the_findings_of_its_own_file(tmp_path: Path) -> None:
    tree = linked_tree(tmp_path)
    (tree / "example.com.zone").write_text("$TTL 60\n@ MX 10 mx1\nmx1 A 192.0.2.1\n$INCLUDE link/../other.example.zone\n")
    (tree / "a" / "other.example.zone").write_text("; mxlint: ignore-file=MX103\n")
    # The zone the lexical path names, with an error of its own that nothing suppresses.
    (tree / "other.example.zone").write_text("$TTL 60\n@ MX 10 nowhere\n")
    result = mxlint("check", "--format", "json", "tree", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert '"rule": "MX103"' in result.stdout and '"path": "tree/other.example.zone"' in result.stdout
    assert "MX001" in result.stdout  # the comment in tree/a suppressed nothing of its file, and says so


def test_a_yaml_include_through_a_link_is_named_as_the_file_read(tmp_path: Path) -> None:
    tree = linked_tree(tmp_path)
    (tree / "example.com.yaml").write_text("'':\n  type: MX\n  values: !include link/../values.yaml\n")
    (tree / "a" / "values.yaml").write_text("- exchange: mx1\n  preference: 10\n")
    (tree / "values.yaml").write_text("- exchange: other.example.net.\n  preference: 10\n")
    result = mxlint("check", "--format", "json", "tree", cwd=tmp_path)
    assert '"path": "tree/a/values.yaml"' in result.stdout, result.stdout  # MX111 at the value read


def test_path_in_tree_keeps_the_tree_as_named(tmp_path: Path) -> None:
    (tmp_path / "real" / "inc").mkdir(parents=True)
    (tmp_path / "named").symlink_to("real", target_is_directory=True)
    real = str((tmp_path / "real" / "inc" / "x.zone").resolve())
    assert path_in_tree(real, str(tmp_path / "named")) == str(tmp_path / "named" / "inc" / "x.zone")
    os.chdir(tmp_path / "real")
    assert path_in_tree(real, ".") == os.path.join("inc", "x.zone")


# -- the rule, for any tree of links and any include path ------------------------------------

DIRECTORIES = ["d0", "d1", "d0/e0", "d1/e1", "d0/e0/f0"]
COMPONENTS = st.sampled_from(["d0", "d1", "e0", "e1", "f0", "l0", "l1", "..", "."])


@st.composite
def trees_and_paths(draw: st.DrawFn) -> tuple[dict[str, str], list[str], list[str]]:
    """Links (name in a directory -> a directory of the tree), and include paths made of
    directory names, link names, ``..`` and ``.``."""
    links = {}
    for name in ("l0", "l1"):
        place = draw(st.sampled_from(["", *DIRECTORIES]))
        links[os.path.join(place, name)] = draw(st.sampled_from(DIRECTORIES))
    paths = draw(st.lists(st.lists(COMPONENTS, min_size=0, max_size=6), min_size=1, max_size=4))
    return links, [os.path.join(*parts, "x.zone") if parts else "x.zone" for parts in paths], [str(index) for index in range(len(paths))]


@settings(max_examples=int(os.environ.get("MXLINT_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(trees_and_paths())
def test_a_record_is_placed_in_the_file_whose_bytes_were_read(tmp_path_factory: pytest.TempPathFactory, drawn: tuple[dict[str, str], list[str], list[str]]) -> None:
    links, includes, _ = drawn
    root = tmp_path_factory.mktemp("tree")
    try:
        for directory in DIRECTORIES:
            (root / directory).mkdir(parents=True, exist_ok=True)
        for index, place in enumerate(["", *DIRECTORIES]):
            # Each x.zone names an exchange of its own: the record tells which file was read.
            (root / place / "x.zone").write_text(f"@ MX 10 mx-{index}.example.net.\n")
        for link, target in links.items():
            if not (root / link).exists():
                (root / link).symlink_to(os.path.relpath(root / target, (root / link).parent), target_is_directory=True)
        (root / "example.com.zone").write_text("$TTL 60\n" + "".join(f"$INCLUDE {path}\n" for path in includes))
        zone = read_path(str(root / "example.com.zone"), dns.name.from_text("example.com."), include_root=str(root))
        for record in zone.records:
            shown = record.pos.file
            assert os.path.realpath(shown).startswith(str(root.resolve())), shown
            assert str(record.rdata.exchange).rstrip(".") in Path(shown).read_text(), (shown, record)
            assert ".." not in Path(shown).relative_to(root).parts
        # A refused include (outside the tree) leaves a finding, never a record from outside.
        for issue in zone.errors:
            assert "refused" in issue.message or "cannot" in issue.message or "not" in issue.message, issue.message
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_a_tree_named_through_a_link_and_dotdot_is_not_the_working_directory(tmp_path: Path) -> None:
    """``link/..`` is the directory above the link's target, not ``.``: the include it reads is
    named below ``link/..``, and a decoy of the same name in the working directory is untouched."""
    top = tmp_path / "T"
    (top / "w").mkdir(parents=True)
    (top / "k").mkdir()
    (top / "db.example.com.zone").write_text("$ORIGIN example.com.\n$TTL 60\n@ MX 10 mx1\nmx1 A 192.0.2.1\n$INCLUDE x.inc\n")
    (top / "x.inc").write_text("sub MX 10 .\n")
    (top / "w" / "x.inc").write_text("sub MX 10 .\n; DECOY\n")
    (top / "w" / "link").symlink_to("../k", target_is_directory=True)
    shown = mxlint("check", "--diff", "link/..", cwd=top / "w")
    assert "DECOY" not in shown.stdout, shown.stdout
    assert shown.stdout.splitlines()[0] == f"--- {top / 'x.inc'}", shown.stdout  # the file read, outside w: by its path
    mxlint("check", "--fix", "link/..", cwd=top / "w")
    assert (top / "x.inc").read_text() == "sub MX 0 .\n"
    assert (top / "w" / "x.inc").read_text() == "sub MX 10 .\n; DECOY\n"
