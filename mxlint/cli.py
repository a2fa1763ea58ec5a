"""The command line: parse options, call the library, print, exit. No lint logic lives here."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
import dns.exception
import dns.name

from mxlint import __version__
from mxlint.config import Config, ConfigError, find_config, load_config
from mxlint.discovery import Found, PatternError, Patterns, find_sources, given_format, render_found
from mxlint.lint import RuleError
from mxlint.origin import absolute_name
from mxlint.output import RANGED, RENDERERS, Output, Report, parse_outputs, wants_colour
from mxlint.progress import progress
from mxlint.registry import PluginError, Registry, load_registry
from mxlint.rule import Severity
from mxlint.record import ReadIssue
from mxlint.run import STDIN, ConfigProblems, FixRequest, Input, LiveSource, Session, TransferSource, UnreadSource, default_jobs
from mxlint.safe_text import printable
from mxlint.source import InputError, Served, Source

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

SEVERITIES = click.Choice(["error", "warning", "info"], case_sensitive=False)


class Failure(click.ClickException):
    """One line on stderr and exit 2: configuration, plugin or I/O errors."""

    exit_code = EXIT_ERROR


def _registry() -> Registry:
    try:
        return load_registry()
    except PluginError as error:
        raise Failure(str(error)) from None


def _origin(text: str | None) -> dns.name.Name | None:
    if text is None:
        return None
    try:
        return absolute_name(text)
    except dns.exception.DNSException as error:
        raise click.BadParameter(f"{printable(repr(text))} is not a domain name ({error})", param_hint="--origin") from None


def _epilog(examples: list[str], codes: list[str]) -> str:
    """A command's help after its options: examples, then exit codes (``\\b`` keeps click
    from rewrapping the lines)."""
    return "\n\n".join("\b\n" + "\n".join([title, *(f"  {line}" for line in lines)]) for title, lines in (("Examples:", examples), ("Exit codes:", codes)))


#: The exit codes of ``check`` (and of mxlint in general).
EXIT_CODES = [
    "0  nothing found at or above --fail-on (or --exit-zero)",
    "1  findings at or above --fail-on (default: error)",
    "2  usage, configuration, plugin or I/O error (one line on stderr)",
]
CHECK_EXAMPLES = [
    "mxlint check zones/                          # every zone below zones/",
    "mxlint check --select MX1 --ignore MX105 .   # rule id prefixes, ids or names",
    "mxlint check --format github --format sarif:mxlint.sarif zones/",
    "git show HEAD:db.example.com | mxlint check --stdin-filename db.example.com -",
    "mxlint check --live example.com example.org  # live DNS",
    "mxlint check --statistics --exit-zero zones/ # a count per rule, never failing",
    "mxlint check --diff zones/ | patch -p0        # the safe fixes, shown, then applied",
    "mxlint check --fix --unsafe-fixes zones/     # every fix, applied in place",
]
#: ``rules`` and ``explain`` print; they fail only on their input or a plugin.
PRINT_CODES = ["0  printed", "2  usage error, an unknown rule or a plugin that fails to load (one line on stderr)"]


def _complete_rules(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule ids and names for shell completion; in a comma-separated list, the last item."""
    from click.shell_completion import CompletionItem  # only a completion request needs it

    done, comma, last = incomplete.rpartition(",")
    try:
        registry = load_registry()
    except PluginError:
        return []  # a completion must never print an error into the user's command line
    chosen = set(done.split(",")) if comma else set()
    return [
        CompletionItem(f"{done}{comma}{key}", help=rule.summary)
        for rule in registry
        for key in (rule.id, rule.name)
        if key.lower().startswith(last.lower()) and key not in chosen
    ]


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=_epilog(["mxlint check zones/", "mxlint rules", "mxlint explain MX101"], EXIT_CODES))
@click.version_option(__version__, "-V", "--version", prog_name="mxlint")
def cli() -> None:
    """mxlint: catch MX record mistakes in DNS zones before they ship."""


def _rule_list(registry: Registry, text: str | None, option: str) -> frozenset[str] | None:
    if text is None:
        return None
    ids = set()
    for key in filter(None, (part.strip() for part in text.split(","))):
        rules = registry.matching(key)
        if not rules:
            suggestion = registry.closest(key)
            raise click.BadParameter(f"unknown rule or rule prefix {key!r}" + (f"; did you mean {suggestion}?" if suggestion else ""), param_hint=option)
        ids.update(rule.id for rule in rules)
    return frozenset(ids)


def _server(text: str, option: str):  # noqa: ANN202 - imported only for network runs
    from mxlint.lookup import Server

    try:
        return Server.parse(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not HOST[:PORT]", param_hint=option) from None


def _lookups(resolver: str | None, timeout: float, budget: float):  # noqa: ANN202
    from mxlint.lookup import Lookups

    return Lookups(_server(resolver, "--resolver") if resolver else None, timeout, budget)


def _config(registry: Registry, path: str | None, isolated: bool, fail_on: str | None, select: str | None, ignore: str | None) -> Config:
    if isolated and path:
        raise click.UsageError("--isolated and --config cannot be combined")
    try:
        # --isolated: a pull request's own .mxlint.yaml must not decide what is checked.
        config = Config() if isolated else load_config(Path(path) if path else find_config(Path.cwd()), registry)
    except ConfigError as error:
        raise Failure(str(error)) from None
    # Flags win over the file.
    if fail_on is not None:
        config.fail_on = Severity.parse(fail_on)
    chosen = _rule_list(registry, select, "--select")
    if chosen is not None:
        config.select = chosen
    config.ignore = config.ignore | (_rule_list(registry, ignore, "--ignore") or frozenset())
    return config


def _find(paths: tuple[str, ...], config: Config, exclude: tuple[str, ...], skip_non_zones: bool, server_configs: tuple[str, ...] = ()) -> Found:
    """The zones among ``paths``; a named file that is not one gets a line on stderr (unless
    ``skip_non_zones``), and finding none is an error (unless ``skip_non_zones``: pre-commit
    hands the hook whatever text files changed, and a commit without zones is fine)."""
    patterns = [part.strip() for text in exclude for part in text.split(",") if part.strip()]
    try:
        extra = [Patterns.compile(os.getcwd(), patterns)] if patterns else []
    except PatternError as error:
        raise click.BadParameter(str(error), param_hint="--exclude") from None
    try:
        found = find_sources(paths, config.exclude + extra, trust_names=not skip_non_zones, server_configs=[*config.server_configs, *server_configs])
    except (InputError, PluginError) as error:
        raise Failure(str(error)) from None
    if found.undeclared:
        # Not silent: a configuration that declares fewer zones than the tree holds hides them.
        count = len(found.undeclared)
        click.echo(f"mxlint: {count} file{'s' if count != 1 else ''} no configuration declares {'were' if count != 1 else 'was'} not checked on {'their' if count != 1 else 'its'} own; --show-files says why", err=True)
    if found.sources or found.refused or found.declared or found.config_issues or skip_non_zones:
        if not skip_non_zones:
            for path, reason in found.skipped:
                click.echo(f"mxlint: {printable(path)}: not a zone file ({reason}); skipped", err=True)
        return found
    where = ", ".join(printable(path) for path in paths)
    detail = f" ({found.skipped[0][1]})" if len(paths) == 1 and found.skipped else ""
    raise Failure(f"no zone files found in {where}{detail}")


def _outputs(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[Output]:
    try:
        return parse_outputs(value)
    except ValueError as error:
        raise click.BadParameter(str(error), ctx, param) from None


@cli.command(epilog=_epilog(CHECK_EXAMPLES, EXIT_CODES))
@click.argument("paths", nargs=-1, required=True, metavar="PATH|DOMAIN|ZONE|-...")
@click.option("--live", is_flag=True, help="Check domains in live DNS (the arguments are domain names).")
@click.option("--axfr", metavar="SERVER[:PORT]", help="Transfer the zones named by the arguments from SERVER and check them.")
@click.option("--resolve", is_flag=True, help="Look up exchanges outside the zone (files and transfers; off by default).")
@click.option("--resolver", metavar="HOST[:PORT]", help="The DNS server to ask (default: the system's).")
@click.option("--timeout", type=click.FloatRange(0.1, 60), default=5.0, show_default=True, help="Seconds per DNS query.")
@click.option("--budget", type=click.FloatRange(1, 3600), default=60.0, show_default=True, help="Seconds for all DNS lookups of the run.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Worker processes for reading many files (default: the number of cores).")
@click.option("--exclude", "exclude", metavar="PATTERN", multiple=True, help="Leave out paths a directory search finds (gitignore-style, relative to the working directory; repeatable or comma-separated).")
@click.option("--skip-non-zones", is_flag=True, help="Skip named files that are not zones silently, and pass when no zone is left (for pre-commit).")
@click.option("--server-config", "server_configs", metavar="FILE", multiple=True, type=click.Path(dir_okay=False), help="A configuration that declares zones (named.conf, pdns.conf, nsd.conf, knot.conf, octoDNS's config.yaml) whose zones to check; found beside the zones by default. Repeatable.")
@click.option("--show-files", is_flag=True, help="List the files a run would check (with each zone's name and who declares it) and those it passes over and why; check nothing.")
@click.option("--stdin-filename", metavar="PATH", help="The file name standard input (-) stands for: it decides the reader, the origin, per-path configuration and the path findings show.")
@click.option("--origin", metavar="DOMAIN", help="The zone apex (default: configuration, SOA owner, $ORIGIN, or the file name).")
@click.option("--config", "config_path", metavar="FILE", type=click.Path(dir_okay=False), help="Configuration file (default: .mxlint.yaml or [tool.mxlint] in pyproject.toml, here or above).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file: the built-in defaults and the flags only.")
@click.option("--fail-on", type=SEVERITIES, default=None, help="Exit 1 on findings at or above this severity (default: error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 whatever is found (errors of usage, configuration and I/O still exit 2).")
@click.option("--select", metavar="RULES", shell_complete=_complete_rules, help="Run only these rules (ids, id prefixes such as MX1, or names; comma-separated).")
@click.option("--ignore", metavar="RULES", shell_complete=_complete_rules, help="Do not run these rules (ids, id prefixes such as MX1, or names; comma-separated).")
@click.option(
    "--format",
    "outputs",
    metavar="FORMAT[:FILE]",
    multiple=True,
    callback=_outputs,
    help=f"Output format, one of {', '.join(RENDERERS)}, auto (github under GitHub Actions, else text); with :FILE written to FILE. Repeatable; at most one without a file (default: text).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only, no summary line (text and github formats).")
@click.option("--statistics", is_flag=True, help="Text format: print a count per rule (count, id, name) instead of the findings.")
@click.option("--show-hints", is_flag=True, help="Text format: print how to fix each finding below it.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply the safe fixes in place (only the fixed tokens change), then report what is left.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff (patch -p0 applies it) and write nothing; exit as for the findings left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also the fixes that choose for the user (MX109, MX111, MX201).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal; FORCE_COLOR forces it, NO_COLOR and TERM=dumb turn it off).")
def check(
    paths: tuple[str, ...],
    live: bool,
    axfr: str | None,
    resolve: bool,
    resolver: str | None,
    timeout: float,
    budget: float,
    jobs: int | None,
    exclude: tuple[str, ...],
    skip_non_zones: bool,
    server_configs: tuple[str, ...],
    show_files: bool,
    stdin_filename: str | None,
    origin: str | None,
    config_path: str | None,
    isolated: bool,
    fail_on: str | None,
    exit_zero: bool,
    select: str | None,
    ignore: str | None,
    outputs: list[Output],
    quiet: bool,
    statistics: bool,
    show_hints: bool,
    apply_fixes: bool,
    show_diff: bool,
    unsafe_fixes: bool,
    color: bool | None,
) -> None:
    """Lint zone files and YAML zones (directories are searched), standard input (-), live
    domains or transfers."""
    if live and axfr:
        raise click.UsageError("--live and --axfr cannot be combined")
    if STDIN in paths and (live or axfr):
        raise click.UsageError("standard input (-) holds a zone: it cannot be combined with --live or --axfr")
    if stdin_filename is not None and STDIN not in paths:
        raise click.UsageError("--stdin-filename names standard input: pass - among the paths")
    if sys.stdout is None and (show_diff or any(output.file is None for output in outputs)):
        raise Failure("standard output is closed: write the findings to a file instead (--format FORMAT:FILE)")
    registry = _registry()
    config = _config(registry, config_path, isolated, fail_on, select, ignore)
    lookups = _lookups(resolver, timeout, budget) if (live or axfr or resolve) else None
    if live:
        inputs: list[Input] = [LiveSource(domain) for domain in paths]
    elif axfr:
        server = _server(axfr, "--axfr")
        inputs = [TransferSource(server, zone) for zone in paths]
    else:
        files = tuple(path for path in paths if path != STDIN)
        found = _find(files, config, exclude, skip_non_zones, server_configs) if files else None
        if show_files:
            click.echo(render_found(found) if found else "", nl=False)
            sys.exit(EXIT_CLEAN)
        inputs = _file_sources(found, config, _origin(origin)) if found else []
        if STDIN in paths:
            inputs.append(_stdin_source(stdin_filename, config, _origin(origin)))
    session = Session(config, registry, lookups=lookups, resolve=resolve and not live, jobs=jobs or default_jobs(), progress=progress, skip_unnamed=skip_non_zones)
    fixes = None
    if apply_fixes or show_diff:
        from mxlint.fix import roots_of

        fixes = FixRequest(write=not show_diff, unsafe=unsafe_fixes, roots=roots_of(path for path in paths if path != STDIN))
    try:
        # Ranges only for an output that shows them and is shown (with --diff, stdout is the diff).
        ranges = any(output.format in RANGED and (output.file is not None or not show_diff) for output in outputs)
        outcome = session.run(inputs, fixes, ranges=ranges)
    except (InputError, RuleError, PluginError) as error:
        raise Failure(str(error)) from None
    for note in outcome.notes:
        click.echo(note, err=True)
    if outcome.diff:
        click.echo(outcome.diff, nl=False)
    noun = "domain" if live else "zone" if axfr else "file"
    report = Report(outcome.findings, outcome.checked, registry, noun, show_hints, quiet, statistics, unsafe_fixes=unsafe_fixes, fixed=outcome.fixed)
    # Files first: one that cannot be written is exit 2 before anything reaches stdout.
    for output in outputs:
        if output.file is not None:
            _write(output.file, RENDERERS[output.format](report, False))
    for output in outputs:
        if output.file is None and not show_diff:  # the diff is what --diff prints
            colour = wants_colour(color, sys.stdout.isatty())
            click.echo(RENDERERS[output.format](report, colour), nl=False, color=colour)
    if outcome.failed:
        sys.exit(EXIT_ERROR)
    failed = any(finding.severity >= config.fail_on for finding in outcome.findings)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_CLEAN)


def _write(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise Failure(f"cannot write {printable(path)}: {error.strerror or error}") from None


def _stdin_source(name: str | None, config: Config, origin: dns.name.Name | None) -> Source:
    """Standard input, read as the file ``name`` stands for would be."""
    try:
        data = sys.stdin.buffer.read()
    except OSError as error:
        raise Failure(f"cannot read standard input: {error.strerror or error}") from None
    path = name or STDIN
    try:
        format = given_format(name, data)
    except (InputError, PluginError) as error:
        raise Failure(str(error)) from None
    return Source(path, format, origin or (config.origin_for(path) if name else None), data, name=name, named=True)


def _file_sources(found: Found, config: Config, origin: dns.name.Name | None) -> list[Input]:
    files: list[Input] = [
        Source(path, format, origin or config.origin_for(path), include_root=config.include_root or found.roots.get(path), named=path in found.named)
        for path, format in found.sources
    ]
    # A declared zone is what its configuration says: its name, view and the server's directory.
    files += [
        Source(
            located.path,
            located.format,
            located.zone.name,
            include_root=config.include_root or root,
            served=Served(located.zone.server, located.zone.view, located.zone.internal, located.directory, located.parts),
        )
        for located, root in found.declared
    ]
    files += [UnreadSource(path, why) for path, why in found.refused]
    problems: dict[str, list[ReadIssue]] = {}
    for issue in found.config_issues:
        problems.setdefault(issue.pos.file, []).append(issue)
    return files + [ConfigProblems(path, tuple(issues)) for path, issues in problems.items()]


@cli.command("rules", epilog=_epilog(["mxlint rules", "mxlint rules | grep ' off '   # the rules off by default"], PRINT_CODES))
def list_rules() -> None:
    """List every rule: id, name, default severity, on or off by default, summary, origin."""
    registry = _registry()
    width = max(len(rule.name) for rule in registry)
    for rule in registry:
        state = "on " if rule.enabled else "off"
        origin = "" if rule.origin == "builtin" else f" [plugin {rule.origin}]"
        click.echo(f"{rule.id}  {rule.name:<{width}}  {str(rule.severity):<7}  {state}  {rule.summary}{origin}")


@cli.command(epilog=_epilog(["mxlint explain MX101", "mxlint explain target-is-cname"], PRINT_CODES))
@click.argument("rule", shell_complete=_complete_rules)
def explain(rule: str) -> None:
    """Print the documentation page of a rule, by id (MX101) or name (target-is-cname)."""
    registry = _registry()
    found = registry.get(rule)
    if found is None:
        suggestion = registry.closest(rule)
        hint = f"; did you mean {suggestion}?" if suggestion else "; `mxlint rules` lists them"
        raise Failure(f"unknown rule {rule!r}{hint}")
    from mxlint.pages import page_text, render_page

    # As `check` decides it: a terminal, FORCE_COLOR, never with NO_COLOR or TERM=dumb.
    color = wants_colour(None, sys.stdout.isatty())
    text = page_text(found.id)
    if text is None:
        click.echo(f"{found.id} {found.name} ({found.severity})\n\n{found.summary}")
    else:
        click.echo(render_page(text, color), nl=False, color=color)
    # From the declarations, not the page: this is what configuration is checked against,
    # and a plugin rule without a page still says what it accepts.
    if found.options:
        import json  # a default shown as JSON reads as YAML too: 2, [], true

        click.echo(f"\nOptions (rules: {{{found.name}: {{option: value}}}} in .mxlint.yaml):")
        for name, option in found.options.items():
            # Strings quoted as the allowed values and the error messages quote them.
            default = repr(option.default) if isinstance(option.default, str) else json.dumps(option.default)
            # A plugin's text reaches the terminal: sanitised like every other line.
            click.echo(printable(f"  {name}: {option.allowed()}; default {default}"))
            if option.help:
                click.echo(printable(f"      {option.help}"))


def main() -> None:
    try:
        _main()
    except SystemExit as done:
        # While the exit is under way, the run's zones are still held (by the frame that
        # exited): the process ends here, without freeing them one object at a time, which
        # took a big zone a third of a second (as mypy ends with os._exit, for the same reason).
        if done.code is None or isinstance(done.code, int):
            _end_process(done.code or EXIT_CLEAN)
        raise


def _end_process(code: int) -> None:
    """End the process with ``code`` once the output is out; return when it cannot be flushed
    (the interpreter's own exit then says what went wrong, as it would have)."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the descriptor was closed when the process started
                stream.flush()
    except (OSError, ValueError):  # a closed pipe, a closed stream
        return
    os._exit(code)


def _main() -> None:
    # A run allocates hundreds of thousands of long-lived objects (records, keys, findings) and
    # makes few reference cycles; at the default thresholds the collector rescans them every
    # 700 allocations, which cost a quarter of a big zone's run. Cycles are still collected.
    gc.set_threshold(50_000, 20, 100)
    try:
        code = cli.main(prog_name="mxlint", standalone_mode=False)
    except click.UsageError as error:
        command = f" {error.ctx.command_path.split(' ', 1)[1]}" if error.ctx and " " in error.ctx.command_path else ""
        click.echo(f"mxlint: error: {printable(error.format_message())} (see 'mxlint{command} --help')", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as error:
        click.echo(f"mxlint: error: {printable(error.format_message())}", err=True)
        sys.exit(EXIT_ERROR)
    except click.Abort:
        sys.exit(130)
    except MemoryError:
        # Formatting anything may fail again: a fixed line, written as bytes.
        os.write(2, b"mxlint: out of memory: the run holds more than this machine gives it; check fewer files at once\n")
        sys.exit(EXIT_ERROR)
    except Exception as error:  # the last guard: a bug must still end in one line, not a traceback
        if os.environ.get("MXLINT_DEBUG"):
            raise
        click.echo(f"mxlint: internal error: {type(error).__name__}: {printable(str(error))} (set MXLINT_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code or EXIT_CLEAN)
