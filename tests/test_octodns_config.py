"""The reader of octoDNS configurations: which files octoDNS reads each declared zone's
records from, in its order, as octoDNS's manager and YamlProvider decide it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import dns.name
import pytest
from conftest import SHARED

from mxlint.formats.octodns_config import (
    OctoConfig,
    OctoZone,
    looks_like_octodns_config,
    read_octodns_config,
    regex_problem,
)
from mxlint.source import InputError

MOJ = SHARED / "corpus" / "realworld" / "fullrepos" / "ministryofjustice__dns"

RECORDS = "'':\n  type: MX\n  value: {preference: 10, exchange: mail.example.com.}\n"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def read(root: Path, config: str = "octodns.yaml") -> OctoConfig:
    return read_octodns_config(str(root / config), str(root))


def zone(config: OctoConfig, name: str) -> OctoZone:
    found = [z for z in config.zones if z.name == dns.name.from_text(name)]
    assert len(found) == 1, [str(z.name) for z in config.zones]
    return found[0]


def rel(root: Path, paths: list[str]) -> list[str]:
    return [os.path.relpath(path, root) for path in paths]


def messages(config: OctoConfig) -> list[str]:
    return [issue.message for issue in config.issues]


YAML = "class: octodns.provider.yaml.YamlProvider"


def test_two_yaml_providers_are_read_in_the_order_of_the_sources(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""---
manager:
  include_meta: true
  max_workers: 2
providers:
  zones:
    {YAML}
    directory: ./zones
  shared:
    {YAML}
    directory: ./common
    populate_should_replace: true
  route53:
    class: octodns_route53.Route53Provider
    access_key_id: env/AWS_ACCESS_KEY_ID
processors:
  meta:
    class: octodns.processor.meta.MetaProcessor
zones:
  example.org.:
    sources: [zones, shared]
    targets: [route53]
  example.net.:
    sources:
      - shared
      - zones
    targets: [route53]
""",
            "zones/example.org.yaml": RECORDS,
            "zones/example.net.yaml": RECORDS,
            "common/example.org.yaml": RECORDS,
            "common/example.net.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    assert config.issues == []
    assert [str(z.name) for z in config.zones] == ["example.org.", "example.net."]
    org = zone(config, "example.org.")
    assert rel(tmp_path, org.paths) == [
        "zones/example.org.yaml",
        "common/example.org.yaml",
    ]
    assert org.missing == []
    assert rel(tmp_path, zone(config, "example.net.").paths) == [
        "common/example.net.yaml",
        "zones/example.net.yaml",
    ]
    assert rel(tmp_path, config.provider_directories) == ["zones", "common"]
    assert org.pos.file == str(tmp_path / "octodns.yaml") and (
        org.pos.line,
        org.pos.column,
    ) == (20, 3)


def test_a_zone_without_its_file_says_which_file_is_missing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"providers:\n  zones:\n    {YAML}\n    directory: zones\nzones:\n  example.org.:\n    sources: [zones]\n",
            "zones/other.org.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    org = zone(config, "example.org.")
    assert org.paths == []
    assert (
        len(org.missing) == 1
        and "no file" in org.missing[0]
        and "example.org.yaml" in org.missing[0]
    )
    assert "octoDNS refuses the zone" in org.missing[0]


def test_ignore_missing_zones_is_said(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"providers:\n  zones:\n    {YAML}\n    directory: zones\n    ignore_missing_zones: true\n"
            "zones:\n  example.org.:\n    sources: [zones]\n",
            "zones/.keep": "",
        },
    )
    assert "ignore_missing_zones" in zone(read(tmp_path), "example.org.").missing[0]


def test_split_extension_reads_the_split_directory_before_the_zone_file(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  config:
    {YAML}
    directory: ./config
    split_extension: .
  split_only:
    {YAML}
    directory: ./split
    split_extension: .
    disable_zonefile: true
  legacy:
    class: octodns.provider.yaml.SplitYamlProvider
    directory: ./legacy
    extension: .split
zones:
  example.org.:
    sources: [config]
  example.net.:
    sources: [split_only]
  example.com.:
    sources: [legacy]
""",
            "config/example.org./www.yaml": RECORDS,
            "config/example.org.yaml": RECORDS,
            "split/example.net./$example.net.yaml": RECORDS,
            "split/example.net.yaml": RECORDS,  # disable_zonefile: not read
            "legacy/example.com.split/mail.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    assert config.issues == []
    assert rel(tmp_path, zone(config, "example.org.").paths) == [
        "config/example.org.",
        "config/example.org.yaml",
    ]
    assert rel(tmp_path, zone(config, "example.net.").paths) == ["split/example.net."]
    assert rel(tmp_path, zone(config, "example.com.").paths) == [
        "legacy/example.com.split"
    ]
    assert all(not z.missing for z in config.zones)


def test_shared_filename_is_in_every_zone_of_its_provider_in_octodns_order(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  late:
    {YAML}
    directory: zones
    shared_filename: shared.yaml
  early:
    {YAML}
    directory: early
    shared_filename: _common.yaml
zones:
  example.org.:
    sources: [late]
  example.net.:
    sources: [late]
  example.com.:
    sources: [early]
""",
            "zones/example.org.yaml": RECORDS,
            "zones/example.net.yaml": RECORDS,
            "zones/shared.yaml": RECORDS,
            "early/example.com.yaml": RECORDS,
            "early/_common.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    assert config.issues == []
    # octoDNS sorts the files a provider found: the shared file's name decides its place.
    assert rel(tmp_path, zone(config, "example.org.").paths) == [
        "zones/example.org.yaml",
        "zones/shared.yaml",
    ]
    assert rel(tmp_path, zone(config, "example.net.").paths) == [
        "zones/example.net.yaml",
        "zones/shared.yaml",
    ]
    assert rel(tmp_path, zone(config, "example.com.").paths) == [
        "early/_common.yaml",
        "early/example.com.yaml",
    ]


def test_a_missing_shared_file_is_an_issue_and_missing_for_each_zone(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"providers:\n  zones:\n    {YAML}\n    directory: zones\n    shared_filename: common.yaml\n"
            "zones:\n  example.org.:\n    sources: [zones]\n  example.net.:\n    sources: [zones]\n",
            "zones/example.org.yaml": RECORDS,
            "zones/example.net.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    assert len(config.issues) == 1 and "no shared file" in config.issues[0].message
    assert (config.issues[0].pos.line, config.issues[0].pos.column) == (5, 22)
    for name in ("example.org.", "example.net."):
        found = zone(config, name)
        assert rel(tmp_path, found.paths) == [f"zones/{name}yaml"]
        assert len(found.missing) == 1 and "no shared file" in found.missing[0]


def test_a_zone_only_the_shared_file_gives_says_so(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"providers:\n  zones:\n    {YAML}\n    directory: zones\n    shared_filename: common.yaml\n"
            "zones:\n  example.org.:\n    sources: [zones]\n",
            "zones/common.yaml": RECORDS,
        },
    )
    org = zone(read(tmp_path), "example.org.")
    assert rel(tmp_path, org.paths) == ["zones/common.yaml"]
    assert len(org.missing) == 1 and "only the shared file" in org.missing[0]


def test_an_alias_zone_has_the_files_of_the_zone_it_aliases(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  config:
    {YAML}
    directory: ./config
zones:
  example.com.:
    sources: [config]
  example.net.:
    alias: example.com.
  example.info.:
    alias: example.net.
  example.biz.:
    alias: nowhere.example.
""",
            "config/example.com.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    assert rel(tmp_path, zone(config, "example.net.").paths) == [
        "config/example.com.yaml"
    ]
    assert zone(config, "example.net.").missing == []
    assert (
        zone(config, "example.info.").paths == []
        and "an alias itself" in zone(config, "example.info.").missing[0]
    )
    assert (
        zone(config, "example.biz.").paths == []
        and "not configured" in zone(config, "example.biz.").missing[0]
    )
    assert sorted((i.pos.line, i.pos.column) for i in config.issues) == [
        (11, 12),
        (13, 12),
    ]


def test_dynamic_zones_are_the_zone_files_and_split_directories_octodns_lists(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  config:
    {YAML}
    directory: ./config
    split_extension: .
    shared_filename: shared.yaml
zones:
  example.com.:
    sources: [config]
    targets: [somewhere]
  '*':
    sources: [config]
""",
            "config/example.com.yaml": RECORDS,
            "config/example.net.yaml": RECORDS,
            "config/example.org./www.yaml": RECORDS,
            "config/shared.yaml": RECORDS,  # one dot: no zone
            "config/octodns.yaml": "providers: {}\nzones: {}\n",  # one dot: no zone
            "config/notes.txt": "",
            "config/sub.example.net.yml": RECORDS,  # not .yaml: no zone
        },
    )
    (tmp_path / "config" / "dir.example.yaml").mkdir()  # a directory: no zone file
    config = read(tmp_path)
    assert config.issues == []
    assert [str(z.name) for z in config.zones] == [
        "example.com.",
        "example.net.",
        "example.org.",
    ]
    com, net, org = config.zones
    assert (com.pos.line, net.pos.line, org.pos.line) == (8, 11, 11)
    assert rel(tmp_path, net.paths) == ["config/example.net.yaml", "config/shared.yaml"]
    assert rel(tmp_path, org.paths) == ["config/example.org.", "config/shared.yaml"]
    assert net.missing == [] and org.missing == []
    assert rel(tmp_path, config.provider_directories) == ["config"]


def test_dynamic_keys_claim_in_order_with_glob_and_regex(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  config:
    {YAML}
    directory: ./config
zones:
  '*internal':
    glob: '*internal.net.'
    sources: [config]
  '*us-east-1':
    regex: '^.*us-east-1.*.com.$'
    sources: [config]
  '*':
    sources: [config]
""",
            **{
                f"config/{name}yaml": RECORDS
                for name in (
                    "a.internal.net.",
                    "us-east-1.example.com.",
                    "public.org.",
                    "us-east-1.internal.net.",
                )
            },
        },
    )
    config = read(tmp_path)
    assert config.issues == []
    lines = {str(z.name): z.pos.line for z in config.zones}
    assert lines == {
        "a.internal.net.": 6,
        "us-east-1.internal.net.": 6,
        "us-east-1.example.com.": 9,
        "public.org.": 12,
    }


def test_a_regex_that_could_backtrack_without_bound_is_not_run(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"providers:\n  config:\n    {YAML}\n    directory: config\nzones:\n  '*':\n    regex: '(a+)+$'\n    sources: [config]\n",
            "config/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!.yaml": RECORDS,
        },
    )
    started = time.monotonic()
    config = read(tmp_path)
    assert time.monotonic() - started < 5
    assert config.zones == []
    assert (
        len(config.issues) == 1
        and "not run" in config.issues[0].message
        and config.issues[0].pos.line == 7
    )
    assert regex_problem(r"^.*us-east-1.*.net.$") is None
    assert (
        regex_problem(r"(a|ab)*c") is not None and regex_problem(r"(a)\1") is not None
    )
    assert regex_problem("a?" * 30 + "a" * 30) is not None


def test_a_source_that_is_not_a_provider(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  config:
    {YAML}
    directory: ./config
zones:
  example.com.:
    sources:
      - config
      - nowhere
""",
            "config/example.com.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    com = zone(config, "example.com.")
    assert rel(tmp_path, com.paths) == ["config/example.com.yaml"]
    assert com.missing == ["source 'nowhere' is not a provider of this configuration"]
    assert [(i.pos.line, i.pos.column, i.message) for i in config.issues] == [
        (9, 9, "source 'nowhere' is not a provider of this configuration")
    ]


def test_a_route53_source_reads_no_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  config:
    {YAML}
    directory: ./config
  route53:
    class: octodns_route53.Route53Provider
    access_key_id: env/AWS_ACCESS_KEY_ID
zones:
  example.com.:
    sources: [route53, config]
    targets: [route53]
  '*':
    sources: [route53]
""",
            "config/example.com.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    com = zone(config, "example.com.")
    assert rel(tmp_path, com.paths) == ["config/example.com.yaml"]
    assert (
        len(com.missing) == 1
        and "'route53'" in com.missing[0]
        and "not a YamlProvider" in com.missing[0]
    )
    # The zones a service lists are not known offline: said where the dynamic key names it.
    assert [(i.pos.line, "not known here" in i.message) for i in config.issues] == [
        (13, True)
    ]
    assert rel(tmp_path, config.provider_directories) == ["config"]


def test_a_directory_leading_outside_the_root_is_never_read(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(
        tmp_path,
        {
            "repo/octodns.yaml": f"""providers:
  outside:
    {YAML}
    directory: ../elsewhere
  absolute:
    {YAML}
    directory: {tmp_path / "elsewhere"}
zones:
  example.com.:
    sources: [outside, absolute]
  '*':
    sources: [outside]
""",
            "elsewhere/example.com.yaml": RECORDS,
            "elsewhere/example.net.yaml": RECORDS,
        },
    )
    config = read(root)
    com = zone(config, "example.com.")
    assert com.paths == [] and len(com.missing) == 2
    assert all("leads outside" in message for message in com.missing)
    assert [str(z.name) for z in config.zones] == ["example.com."]
    assert config.provider_directories == []
    assert sorted((i.pos.line, i.pos.column) for i in config.issues) == [
        (4, 16),
        (7, 16),
    ]
    assert all("leads outside" in message for message in messages(config))


def test_a_link_leading_outside_the_root_is_not_read(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(
        tmp_path,
        {
            "repo/octodns.yaml": f"providers:\n  config:\n    {YAML}\n    directory: zones\nzones:\n  example.com.:\n    sources: [config]\n",
            "secret.yaml": RECORDS,
        },
    )
    (root / "zones").mkdir()
    (root / "zones" / "example.com.yaml").symlink_to(tmp_path / "secret.yaml")
    com = zone(read(root), "example.com.")
    assert com.paths == [] and "leads outside" in com.missing[0]


def test_a_config_directory_layout_resolves_from_the_repository_top(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            # run as ``octodns-sync --config-file=config/octodns.yaml`` from the top
            "config/octodns.yaml": f"""---
providers:
  config:
    {YAML}
    directory: ./config
  internal:
    {YAML}
    directory: internal
zones:
  '*':
    sources: [config]
  example.com.:
    sources: [config, internal]
""",
            "config/example.com.yaml": RECORDS,
            "config/example.net.yaml": RECORDS,
            "internal/example.com.yaml": RECORDS,
        },
    )
    config = read(tmp_path, "config/octodns.yaml")
    assert config.issues == []
    assert [str(z.name) for z in config.zones] == ["example.com.", "example.net."]
    assert rel(tmp_path, zone(config, "example.com.").paths) == [
        "config/example.com.yaml",
        "internal/example.com.yaml",
    ]
    assert rel(tmp_path, config.provider_directories) == ["config", "internal"]


def test_a_directory_beside_the_configuration_comes_first(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "deploy/octodns.yaml": f"providers:\n  config:\n    {YAML}\n    directory: zones\nzones:\n  example.com.:\n    sources: [config]\n",
            "deploy/zones/example.com.yaml": RECORDS,
            "zones/example.com.yaml": RECORDS,
        },
    )
    config = read(tmp_path, "deploy/octodns.yaml")
    assert rel(tmp_path, zone(config, "example.com.").paths) == [
        "deploy/zones/example.com.yaml"
    ]


def test_secrets_from_the_environment(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  config:
    {YAML}
    directory: ./config
    default_ttl: env/TTL
    split_extension: env/SPLIT
  hidden:
    {YAML}
    directory: env/ZONES_DIR
zones:
  example.com.:
    sources: [config, hidden]
""",
            "config/example.com.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    com = zone(config, "example.com.")
    # an option from the environment keeps its default; a directory is not known
    assert rel(tmp_path, com.paths) == ["config/example.com.yaml"]
    assert len(com.missing) == 1 and "secret handler 'env'" in com.missing[0]
    assert [(i.pos.line, i.pos.column) for i in config.issues] == [(9, 16)]


def test_bad_yaml_is_an_issue_not_an_exception(tmp_path: Path) -> None:
    write(tmp_path, {"octodns.yaml": "providers:\n  config: [\nzones:\n  x: {\n"})
    config = read(tmp_path)
    assert config.zones == [] and len(config.issues) == 1
    assert (
        config.issues[0].message.startswith("YAML syntax error")
        and config.issues[0].incomplete
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "- a list\n",
        "providers: 3\nzones: [a]\n",
        "providers:\n  config:\n    directory: x\nzones:\n  example.com.: 5\n",
        "!!python/object:os.system\nproviders: {}\n",
        "a: &a [*a, *a]\nproviders:\n  <<: *a\nzones: {}\n",
        "providers: {}\nzones:\n  example.com:\n    sources: [x]\n  123.:\n    sources: []\n  '*':\n    sources: x\n",
        'providers: {}\nzones:\n  "a\\x1b[31m\\u2028.":\n    sources: []\n  "b\\x1b]0;title\\x07.": {sources: ["\\x1b[2J"]}\n',
        "providers: {}\nzones: !include ../../etc/passwd\n",
        'providers:\n  x:\n    class: octodns.provider.yaml.YamlProvider\n    directory: "a\\0b"\nzones:\n  a.b.: {sources: [x]}\n',
        "\x00\xff\nproviders: {}\n",
        "e: &e {}\nb: &b {<<: ["
        + ", ".join(["*e"] * 200)
        + "]}\nc: &c {<<: ["
        + ", ".join(["*b"] * 200)
        + "]}\n"
        "f: &f {<<: ["
        + ", ".join(["*c"] * 200)
        + "]}\nproviders: {<<: *f}\nzones: {<<: *f}\n",
    ],
)
def test_whatever_the_configuration_holds_reading_gives_issues(
    tmp_path: Path, text: str
) -> None:
    (tmp_path / "octodns.yaml").write_bytes(text.encode("utf-8", "surrogateescape"))
    config = read(tmp_path)
    assert config.issues
    for issue in config.issues:
        assert not any(
            ord(char) < 0x20 or char == "\u2028" for char in issue.message
        ), issue.message
        assert issue.pos.file == str(tmp_path / "octodns.yaml")


def test_a_path_that_cannot_be_read_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_octodns_config(str(tmp_path / "nothing.yaml"), str(tmp_path))
    with pytest.raises(InputError):
        read_octodns_config(str(tmp_path), str(tmp_path))


def test_positions_of_issues(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": """providers:
  config:
    class: octodns.provider.yaml.YamlProvider
    directory: ./nowhere
  noclass:
    directory: x
zones:
  no-dot.example:
    sources: [config]
  example.com.:
    sources: [config]
  example.net.:
    targets: [config]
  Example.COM.:
    sources: [config]
""",
        },
    )
    config = read(tmp_path)
    found = sorted(
        (i.pos.line, i.pos.column, i.message.split(":")[0]) for i in config.issues
    )
    assert found == [
        (4, 16, "provider 'config'"),
        (5, 3, "provider 'noclass' has no class"),
        (8, 3, "zone 'no-dot.example' does not end with a dot"),
        (12, 3, "zone 'example.net.' has no sources"),
        (14, 3, "zone 'Example.COM.' is declared again as 'example.com.' (line 10)"),
    ]
    com = zone(config, "example.com.")
    assert (com.pos.line, com.pos.column, com.pos.end_column) == (14, 3, 15)


def test_includes_and_merge_keys_are_followed_inside_the_root(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": """providers: !include providers.yaml
zones:
  example.com.: &default
    sources: [config]
    targets: [dns]
  example.net.: *default
  example.org.:
    <<: *default
    sources: [config, unknown]
""",
            "providers.yaml": f"config:\n  {YAML}\n  directory: zones\nunknown: !include ../outside.yaml\n",
            "zones/example.com.yaml": RECORDS,
            "zones/example.net.yaml": RECORDS,
            "zones/example.org.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    assert [rel(tmp_path, z.paths) for z in config.zones] == [
        [f"zones/{n}yaml"] for n in ("example.com.", "example.net.", "example.org.")
    ]
    refused = [i for i in config.issues if "refused" in i.message]
    assert (
        len(refused) == 1
        and refused[0].pos.file == str(tmp_path / "providers.yaml")
        and refused[0].pos.line == 4
    )


def test_internationalised_zone_names_find_their_utf8_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"providers:\n  config:\n    {YAML}\n    directory: zones\nzones:\n  xn--bcher-kva.example.:\n    sources: [config]\n",
            "zones/bücher.example.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    found = zone(config, "xn--bcher-kva.example.")
    assert (
        rel(tmp_path, found.paths) == ["zones/bücher.example.yaml"]
        and found.missing == []
    )


def test_looks_like_octodns_config() -> None:
    assert looks_like_octodns_config(
        b"---\nproviders:\n  config:\n    class: x\nzones:\n  a.: {}\n"
    )
    assert looks_like_octodns_config(
        b"\xef\xbb\xbfproviders: !include p.yaml\r\nzones: !include z.yaml\r\n"
    )
    long = (
        b"providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n"
        + b"    # padding\n" * 1000
        + b"zones:\n"
    )
    assert looks_like_octodns_config(long[:8192])
    assert not looks_like_octodns_config(
        b"'':\n  type: MX\n  value: {preference: 10, exchange: mx.}\n"
    )
    assert not looks_like_octodns_config(b"providers:\n  aws: {}\n")
    assert not looks_like_octodns_config(b"config:\n  providers:\n  zones:\n")


def test_many_zones_read_in_linear_time(tmp_path: Path) -> None:
    def timed(count: int) -> float:
        lines = [f"providers:\n  config:\n    {YAML}\n    directory: zones\nzones:\n"]
        lines += [
            f"  z{index}.example.:\n    sources: [config]\n" for index in range(count)
        ]
        (tmp_path / "octodns.yaml").write_text("".join(lines), encoding="utf-8")
        started = time.process_time()
        config = read(tmp_path)
        elapsed = time.process_time() - started
        assert len(config.zones) == count and config.issues == []
        return elapsed

    (tmp_path / "zones").mkdir()
    (tmp_path / "zones" / "z1.example.yaml").write_text(RECORDS, encoding="utf-8")
    # Ten times the zones, about ten times the time (quadratic work would be a hundred).
    small = timed(4_000)
    large = timed(40_000)
    assert large < 30 * max(small, 0.05)


@pytest.mark.skipif(
    not (MOJ / "config.yaml").is_file(), reason="the real-world corpus is not here"
)
def test_the_ministry_of_justice_repository() -> None:
    config = read_octodns_config(str(MOJ / "config.yaml"), str(MOJ))
    assert config.issues == []
    assert len(config.zones) == 405
    assert config.provider_directories == [str(MOJ / "hostedzones")]
    assert all(len(z.paths) == 1 and z.missing == [] for z in config.zones)
    files = {os.path.basename(z.paths[0]) for z in config.zones}
    on_disk = {
        name for name in os.listdir(MOJ / "hostedzones") if name.endswith(".yaml")
    }
    assert on_disk - files == {"octodns.yaml"}
    # The second configuration names a directory that is not in the repository.
    stale = read_octodns_config(str(MOJ / "hostedzones" / "octodns.yaml"), str(MOJ))
    assert (
        stale.zones == []
        and len(stale.issues) == 1
        and "./config" in stale.issues[0].message
    )


def test_octodns_quirks_are_followed_and_said(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "octodns.yaml": f"""providers:
  config:
    {YAML}
    directory: zones
    shared_filename: common.records.yaml
  nothing:
    {YAML}
    directory: zones
    disable_zonefile: true
zones:
  example.com.:
    sources: [config, config]
  example.net.:
    sources: [nothing]
  example.org.:
    sources:
    targets: [x]
  '*':
    sources: [config]
""",
            "zones/example.com.yaml": RECORDS,
            "zones/common.records.yaml": RECORDS,
        },
    )
    config = read(tmp_path)
    # A source listed twice reads its files twice: octoDNS refuses the duplicates.
    assert rel(tmp_path, zone(config, "example.com.").paths) == [
        "zones/common.records.yaml",
        "zones/example.com.yaml",
    ]
    twice = [i for i in config.issues if "listed twice" in i.message]
    assert [(i.pos.line, i.pos.column) for i in twice] == [(12, 23)]
    assert "reads no zone file" in zone(config, "example.net.").missing[0]
    assert zone(config, "example.org.").missing == [
        "the zone has no sources: octoDNS skips it"
    ]
    # A shared file named like a zone is a zone to list_zones, read twice for it.
    shared = zone(config, "common.records.")
    assert rel(tmp_path, shared.paths) == ["zones/common.records.yaml"]
    assert "reads it twice" in shared.missing[0]
