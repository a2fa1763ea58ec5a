"""Which pyproject.toml the configuration search takes, and which it leaves unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from mxlint.config import ConfigError, find_config


def test_a_pyproject_without_a_tool_mxlint_section_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'zones'\n")
    (tmp_path / "zones").mkdir()
    (tmp_path / "zones" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "zones") is None


def test_a_pyproject_that_does_not_mention_mxlint_is_not_parsed(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = \n")  # not TOML: not mxlint's business
    assert find_config(tmp_path) is None


def test_a_pyproject_with_the_section_is_found_above(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mxlint]\nignore = ['MX206']\n")
    (tmp_path / "zones").mkdir()
    (tmp_path / "zones" / "pyproject.toml").write_text("[project]\nname = 'mxlint-zones'\n")  # mentions it, no section
    assert find_config(tmp_path / "zones") == tmp_path / "pyproject.toml"


def test_a_broken_pyproject_that_mentions_mxlint_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mxlint\nignore = \n")
    with pytest.raises(ConfigError, match="cannot be read"):
        find_config(tmp_path)
