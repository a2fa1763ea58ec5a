"""What a user gets from `pip install`: the wheel carries the rule pages `mxlint explain` prints."""

from __future__ import annotations

import subprocess
import sysconfig
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("mxlint-*.whl")
    return built


def test_the_wheel_ships_every_rule_page(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    pages = {path.name for path in (ROOT / "rules").glob("MX*.md")}
    assert {name.rsplit("/", 1)[-1] for name in names if name.startswith("mxlint/pages/")} == pages
    assert "mxlint/data/single_mx_providers.json" in names  # MX203's provider list
    # The configuration's JSON Schema, as the checkout holds it (editors and SchemaStore read it).
    schema = zipfile.ZipFile(wheel).read("mxlint/schema/mxlint.schema.json").decode()
    assert schema == (ROOT / "mxlint" / "schema" / "mxlint.schema.json").read_text(encoding="utf-8")
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[mxlint.rules]" in text and "builtin = mxlint.rules:RULES" in text
    assert "mxlint = mxlint.cli:main" in text


def test_explain_works_from_an_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True)
    # The dependencies come from the environment running the tests (which may itself be a
    # virtual environment: --system-site-packages would skip it); mxlint from the wheel only,
    # because a path added by a .pth file does not run the editable install's own .pth hook.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    outer = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    (Path(purelib) / "test-dependencies.pth").write_text("".join(f"{path}\n" for path in sorted(outer)), encoding="utf-8")
    where = subprocess.run([str(python), "-c", "import mxlint; print(mxlint.__file__)"], capture_output=True, text=True, cwd=tmp_path)
    assert where.stdout.startswith(str(venv))
    result = subprocess.run([str(venv / "bin" / "mxlint"), "explain", "MX203"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0
    # The page (rendered for a terminal), then the options the rule declares.
    assert result.stdout.startswith("MX203 missing-backup\n\nDefault severity: info (warning with extends: all)\n")
    assert "    @     IN MX  10 mail\n" in result.stdout
    assert "min-exchangers: an integer of at least 1; default 2" in result.stdout
