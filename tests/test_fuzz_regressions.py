"""Inputs the fuzzers (fuzz/fuzz_readers.py) found that once broke mxlint, and the fuzzers'
seeds (the hostile shapes among them), read the way the fuzz targets read them: each must
give a clean answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import dns.name
import pytest

from mxlint.config import Config
from mxlint.formats import read_path
from mxlint.lint import lint
from mxlint.registry import load_registry

FOUND = Path(__file__).parent / "fuzz_regressions"
SEEDS = Path(__file__).parent.parent / "fuzz" / "corpus"
CASES = sorted(FOUND.iterdir()) + sorted(SEEDS.glob("*/*"))


@pytest.mark.parametrize("case", CASES, ids=[f"{case.parent.name}/{case.name}" for case in CASES])
def test_a_fuzzer_finding_gives_a_clean_answer(case: Path, tmp_path: Path) -> None:
    # The "-files" targets write the input as the file and as every file it may include.
    top = tmp_path / f"fuzz.example{case.suffix}"
    for name in (top.name, "a.zone", "b.zone", "a.yaml"):
        shutil.copyfile(case, tmp_path / name)
    zone = read_path(str(top), dns.name.from_text("fuzz.example."))
    findings = lint([zone], Config(), load_registry())
    assert findings == sorted(findings, key=lambda finding: finding.order())
