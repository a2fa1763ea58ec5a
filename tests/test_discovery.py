"""Discovery: a directory run finds every zone (by content, not name) and nothing else."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import assert_clean_failure, run_mxlint

from mxlint.discovery import find_sources
from mxlint.formats.zonefile import sniff_zone_text

ZONE = "$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. ( 1 7200 900 1209600 300 )\n@ IN MX 10 mx1\nmx1 IN A 198.18.0.1\n"
# No directive, no SOA: only records, as many hand-kept zones (and fragments) are.
RECORDS = "; mail\n@       IN MX 10 mx1\n@       IN MX 20 mx2\nmx1     IN A 198.18.0.1\nmx2 300 IN A 198.18.0.2\n"
OCTODNS_ZONE = "'':\n  - type: MX\n    values:\n      - {exchange: mx1.example.com., preference: 10}\n  - type: Route53Provider/ALIAS\n    value: {name: x, type: A}\nmx1:\n  type: A\n  value: 198.18.0.1\n"
NATIVE_ZONE = "origin: example.org.\nrecords:\n  - {name: '@', type: MX, priority: 10, value: mx1.example.org.}\n  - {name: mx1, type: A, value: 198.18.0.1}\n"
OCTODNS_CONFIG = "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\nzones:\n  '*':\n    sources: [config]\n    targets: [route53]\n"
HELM_VALUES = "replicaCount: 1\nimage:\n  repository: nginx\nservice:\n  type: ClusterIP\n  port: 80\n"
COMPOSE = "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n"
WORKFLOW = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
NOT_ZONES = {
    "README.md": "# Zones\n\nThe MX records of our domains.\n\n```\n$ORIGIN example.com.\n@ MX 10 mx1\n```\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2024 Example\n\nPermission is hereby granted, free of charge, to any person\n",
    "tool.py": "import os\n\nA = 1\nprint(os.getcwd())\n",
    "data.json": '{"a": 1, "type": "MX"}\n',
    "Makefile": "all: check\n\ncheck:\n\tmxlint check zones/\n",
    "Pipfile": "[packages]\noctodns = \"*\"\n",
    "pyproject.toml": "[project]\nname = \"x\"\n",
    "blob.bin": bytes(range(256)) * 4,
    "notes.txt": "Use MX records for mail.\nSee the wiki for details.\nAsk the DNS team.\n",
}


def tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return root


def found(root: Path, *args: str) -> list[str]:
    """The files a run checks: those found, and those a configuration declares."""
    sources = find_sources([str(root), *args])
    paths = [path for path, _ in sources.sources] + [located.path for located, _ in sources.declared]
    return sorted(os.path.relpath(path, root) for path in paths)


def check_json(*args: str, cwd: Path) -> tuple[int, dict, str]:
    result = run_mxlint("check", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout) if result.stdout else {}, result.stderr


def test_zones_are_found_by_content_whatever_their_name(tmp_path: Path) -> None:
    tree(tmp_path, {
        "zones/example.com": ZONE,
        "zones/zone-example.net": RECORDS,
        "zones/db.example.org": ZONE,
        "example.com.zone": ZONE,
        "legacy/example.info": "$ORIGIN example.info.\nwww A 198.18.0.9\n",
        **NOT_ZONES,
    })
    assert found(tmp_path) == ["example.com.zone", "legacy/example.info", "zones/db.example.org", "zones/example.com", "zones/zone-example.net"]


def test_yaml_counts_only_when_shaped_like_a_zone(tmp_path: Path) -> None:
    tree(tmp_path, {
        "config.yaml": OCTODNS_CONFIG,
        "chart/values.yaml": HELM_VALUES,
        "docker-compose.yml": COMPOSE,
        ".github/workflows/x.yml": WORKFLOW,
        "ci/gitlab.yml": "stages: [test]\ntest:\n  script: [make]\n",
        "zones/example.com.yaml": OCTODNS_ZONE,
        "zones/example.org.yml": NATIVE_ZONE,
    })
    assert found(tmp_path) == ["zones/example.com.yaml", "zones/example.org.yml"]
    code, report, stderr = check_json(".", cwd=tmp_path)
    assert report["summary"]["files"] == 2, report
    assert {finding["path"] for finding in report["findings"]} <= {"zones/example.com.yaml", "zones/example.org.yml"}
    assert stderr == ""


def test_broken_yaml_counts_only_when_named_after_a_zone(tmp_path: Path) -> None:
    tree(tmp_path, {"example.com.yaml": "'':\n  type: [MX\n", "templates/deployment.yaml": "spec:\n  replicas: {{ .Values.replicas }}\n"})
    assert found(tmp_path) == ["example.com.yaml"]


@pytest.mark.parametrize("text", ["", "; only a comment\n", "\n\n"])
def test_an_empty_zone_named_as_one_is_kept(tmp_path: Path, text: str) -> None:
    tree(tmp_path, {"example.com.zone": text, "db.example.net": text, "empty": text})
    assert found(tmp_path) == ["db.example.net", "example.com.zone"]


def test_sniffing_reads_only_the_head_of_a_file() -> None:
    # Prose first, a zone example far below: not a zone, and the tail is never looked at.
    prose = "".join(f"Line {n} of the manual tells a story.\n" for n in range(60))
    assert not sniff_zone_text((prose + ZONE).encode())
    assert sniff_zone_text((ZONE + prose).encode())
    assert not sniff_zone_text(b"@ MX 10 mx1\n\x00\x01")
    assert not sniff_zone_text(b"@ MX 10 mx1\n\xff\xfe")


def test_an_included_fragment_is_checked_inside_its_zone(tmp_path: Path) -> None:
    tree(tmp_path, {"example.com.zone": ZONE + "$INCLUDE hosts.include\n", "hosts.include": "mx2 IN A 198.18.0.2\nwww IN A 198.18.0.3\n"})
    assert found(tmp_path) == ["example.com.zone", "hosts.include"]
    code, report, _ = check_json(".", cwd=tmp_path)
    assert report["summary"]["files"] == 1, report
    assert all(finding["path"] != "hosts.include" for finding in report["findings"])
    code, report, _ = check_json("--jobs", "2", "example.com.zone", "hosts.include", cwd=tmp_path)
    assert report["summary"]["files"] == 1


def test_exclude_option_and_configuration(tmp_path: Path) -> None:
    tree(tmp_path, {"zones/example.com": ZONE, "zones/generated/big.example": ZONE, "old/example.net": ZONE, "zones/example.org": ZONE})
    assert found(tmp_path) == ["old/example.net", "zones/example.com", "zones/example.org", "zones/generated/big.example"]
    code, report, _ = check_json("--exclude", "generated/", "--exclude", "old,zones/example.org", ".", cwd=tmp_path)
    assert report["summary"]["files"] == 1
    (tmp_path / ".mxlint.yaml").write_text("exclude: ['generated/', '/old/']\n")
    code, report, _ = check_json("zones", "old", cwd=tmp_path)
    assert report["summary"]["files"] == 2
    # A file named on the command line is checked even when a pattern matches it.
    code, report, _ = check_json("zones/generated/big.example", cwd=tmp_path)
    assert report["summary"]["files"] == 1


def test_exclude_in_configuration_is_validated(tmp_path: Path) -> None:
    tree(tmp_path, {"example.com": ZONE, ".mxlint.yaml": "exclude: generated/\n"})
    result = run_mxlint("check", ".", cwd=tmp_path)
    assert_clean_failure(result)
    assert "exclude" in result.stderr


def test_gitignore_is_respected_in_a_git_checkout(tmp_path: Path) -> None:
    files = {"zones/example.com": ZONE, "build/example.net": ZONE, "zones/tmp/example.org": ZONE, "zones/keep/example.info": ZONE}
    tree(tmp_path, files)
    assert len(found(tmp_path)) == 4
    tree(tmp_path, {".gitignore": "build/\ntmp/\n", "zones/.gitignore": "keep/\n"})
    assert len(found(tmp_path)) == 4  # not a checkout: .gitignore means nothing
    (tmp_path / ".git").mkdir()
    assert found(tmp_path) == ["zones/example.com"]
    assert found(tmp_path / "zones") == ["example.com"]  # the top's .gitignore applies below it
    tree(tmp_path, {"zones/.gitignore": "keep/\n!tmp/\n"})
    assert found(tmp_path) == ["zones/example.com", "zones/tmp/example.org"]


def test_virtual_environments_and_packages_are_skipped(tmp_path: Path) -> None:
    tree(tmp_path, {
        "example.com": ZONE,
        "venv/pyvenv.cfg": "home = /usr/bin\n",
        "venv/lib/example.net": ZONE,
        "node_modules/pkg/example.org": ZONE,
        "__pycache__/example.info": ZONE,
        ".hidden/example.biz": ZONE,
    })
    assert found(tmp_path) == ["example.com"]


def test_a_symlink_out_of_the_tree_is_not_followed(tmp_path: Path) -> None:
    outside = tree(tmp_path / "outside", {"example.net": ZONE, "dir/example.org": ZONE})
    inside = tree(tmp_path / "repo", {"example.com": ZONE})
    os.symlink(outside / "example.net", inside / "linked.net")
    os.symlink(outside / "dir", inside / "linked-dir")
    os.symlink(inside / "example.com", inside / "again.com")
    # The link inside the tree is the same file: checked once.
    assert found(inside) == ["again.com"]


def test_nothing_found_is_an_error(tmp_path: Path) -> None:
    tree(tmp_path, {"docs/README.md": NOT_ZONES["README.md"], "values.yaml": HELM_VALUES})
    result = run_mxlint("check", "docs", "values.yaml", cwd=tmp_path)
    assert_clean_failure(result)
    assert result.stderr.startswith("mxlint: error: no zone files found in docs, values.yaml")


def test_a_named_file_that_is_no_zone_gets_one_line(tmp_path: Path) -> None:
    tree(tmp_path, {"example.com": ZONE, "values.yaml": HELM_VALUES, "hosts\x1b[2J": "just text, no zone here\n"})
    result = run_mxlint("check", "example.com", "values.yaml", "hosts\x1b[2J", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("mxlint: values.yaml: not a zone file (") and lines[0].endswith("); skipped")
    assert lines[1].startswith("mxlint: hosts\\x1b[2J: not a zone file (")
    assert "1 file" in result.stdout
    # The same file named alone: nothing left to check.
    assert_clean_failure(run_mxlint("check", "values.yaml", cwd=tmp_path))


def test_a_named_zone_is_read_whatever_its_name(tmp_path: Path) -> None:
    tree(tmp_path, {"zone-example.com": ZONE, "example.com.zone": "garbage that is named a zone\n"})
    code, report, stderr = check_json("zone-example.com", "example.com.zone", cwd=tmp_path)
    assert report["summary"]["files"] == 2 and stderr == ""


def test_skip_non_zones_is_silent_and_passes_without_zones(tmp_path: Path) -> None:
    tree(tmp_path, {"example.com": ZONE, "values.yaml": HELM_VALUES, "config.yaml": OCTODNS_CONFIG, "README.md": "# x\n"})
    result = run_mxlint("check", "--skip-non-zones", "example.com", "values.yaml", "README.md", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "1 file" in result.stdout
    result = run_mxlint("check", "--skip-non-zones", "values.yaml", "config.yaml", "README.md", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    # A tool chose these files: a name alone does not make a zone.
    tree(tmp_path, {"example.org.yaml": "- not\n- a zone\n"})
    result = run_mxlint("check", "--skip-non-zones", "example.org.yaml", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
