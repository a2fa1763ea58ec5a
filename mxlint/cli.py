"""The command line: parse options, call the library, print, exit. No lint logic lives here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
import dns.exception
import dns.name

from mxlint import __version__
from mxlint.config import Config, ConfigError, find_config, load_config
from mxlint.lint import RuleError
from mxlint.output import FORMATS, RENDERERS, Report, resolve_format
from mxlint.progress import progress
from mxlint.readers import Found, InputError, Patterns, find_sources
from mxlint.readers.discovery import PatternError
from mxlint.safe_text import printable
from mxlint.registry import PluginError, Registry, load_registry
from mxlint.rule import Severity
from mxlint.run import FileSource, LiveSource, Source, TransferSource, UnreadSource, default_jobs, run

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
        return dns.name.from_text(text if text.endswith(".") else text + ".")
    except dns.exception.DNSException as error:
        raise click.BadParameter(f"{text!r} is not a domain name ({error})", param_hint="--origin") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mxlint")
def cli() -> None:
    """mxlint: catch MX record mistakes in DNS zones before they ship."""


def _rule_list(registry: Registry, text: str | None, option: str) -> frozenset[str] | None:
    if text is None:
        return None
    ids = set()
    for key in filter(None, (part.strip() for part in text.split(","))):
        rule = registry.get(key)
        if rule is None:
            suggestion = registry.closest(key)
            raise click.BadParameter(f"unknown rule {key!r}" + (f"; did you mean {suggestion}?" if suggestion else ""), param_hint=option)
        ids.add(rule.id)
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


def _find(paths: tuple[str, ...], config: Config, exclude: tuple[str, ...], skip_non_zones: bool) -> Found:
    """The zones among ``paths``; a named file that is not one gets a line on stderr (unless
    ``skip_non_zones``), and finding none is an error (unless ``skip_non_zones``: pre-commit
    hands the hook whatever text files changed, and a commit without zones is fine)."""
    patterns = [part.strip() for text in exclude for part in text.split(",") if part.strip()]
    try:
        extra = [Patterns.compile(os.getcwd(), patterns)] if patterns else []
    except PatternError as error:
        raise click.BadParameter(str(error), param_hint="--exclude") from None
    found = find_sources(paths, config.exclude + extra, trust_names=not skip_non_zones)
    if found.sources or found.refused or skip_non_zones:
        if not skip_non_zones:
            for path, reason in found.skipped:
                click.echo(f"mxlint: {printable(path)}: not a zone file ({reason}); skipped", err=True)
        return found
    where = ", ".join(printable(path) for path in paths)
    detail = f" ({found.skipped[0][1]})" if len(paths) == 1 and found.skipped else ""
    raise Failure(f"no zone files found in {where}{detail}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH|DOMAIN|ZONE...")
@click.option("--live", is_flag=True, help="Check domains in live DNS (the arguments are domain names).")
@click.option("--axfr", metavar="SERVER[:PORT]", help="Transfer the zones named by the arguments from SERVER and check them.")
@click.option("--resolve", is_flag=True, help="Look up exchanges outside the zone (files and transfers; off by default).")
@click.option("--resolver", metavar="HOST[:PORT]", help="The DNS server to ask (default: the system's).")
@click.option("--timeout", type=click.FloatRange(0.1, 60), default=5.0, show_default=True, help="Seconds per DNS query.")
@click.option("--budget", type=click.FloatRange(1, 3600), default=60.0, show_default=True, help="Seconds for all DNS lookups of the run.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Worker processes for reading many files (default: the number of cores).")
@click.option("--exclude", "exclude", metavar="PATTERN", multiple=True, help="Leave out paths a directory search finds (gitignore-style, relative to the working directory; repeatable or comma-separated).")
@click.option("--skip-non-zones", is_flag=True, help="Skip named files that are not zones silently, and pass when no zone is left (for pre-commit).")
@click.option("--origin", metavar="DOMAIN", help="The zone apex (default: configuration, SOA owner, $ORIGIN, or the file name).")
@click.option("--config", "config_path", metavar="FILE", type=click.Path(dir_okay=False), help="Configuration file (default: .mxlint.yaml or [tool.mxlint] in pyproject.toml, here or above).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file: the built-in defaults and the flags only.")
@click.option("--fail-on", type=SEVERITIES, default=None, help="Exit 1 on findings at or above this severity (default: error).")
@click.option("--select", metavar="RULES", help="Run only these rules (ids or names, comma-separated).")
@click.option("--ignore", metavar="RULES", help="Do not run these rules (ids or names, comma-separated).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format; auto is github under GitHub Actions, else text.")
@click.option("--show-hints", is_flag=True, help="Text format: print how to fix each finding below it.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: on a terminal, unless NO_COLOR is set).")
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
    origin: str | None,
    config_path: str | None,
    isolated: bool,
    fail_on: str | None,
    select: str | None,
    ignore: str | None,
    output_format: str,
    show_hints: bool,
    color: bool | None,
) -> None:
    """Lint zone files and YAML zones (directories are searched), live domains or transfers."""
    if live and axfr:
        raise click.UsageError("--live and --axfr cannot be combined")
    registry = _registry()
    config = _config(registry, config_path, isolated, fail_on, select, ignore)
    lookups = _lookups(resolver, timeout, budget) if (live or axfr or resolve) else None
    if live:
        sources: list[Source] = [LiveSource(domain) for domain in paths]
    elif axfr:
        server = _server(axfr, "--axfr")
        sources = [TransferSource(server, zone) for zone in paths]
    else:
        sources = _file_sources(paths, config, _origin(origin), exclude, skip_non_zones)
    try:
        result = run(sources, config, registry, lookups=lookups, resolve=resolve and not live, jobs=jobs or default_jobs(), progress=progress)
    except (InputError, RuleError) as error:
        raise Failure(str(error)) from None
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    render = RENDERERS[resolve_format(output_format)]
    noun = "domain" if live else "zone" if axfr else "file"
    click.echo(render(Report(result.findings, result.checked, registry, noun, show_hints), color), nl=False, color=color)
    failed = any(finding.severity >= config.fail_on for finding in result.findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


def _file_sources(paths: tuple[str, ...], config: Config, origin: dns.name.Name | None, exclude: tuple[str, ...], skip_non_zones: bool) -> list[Source]:
    try:
        found = _find(paths, config, exclude, skip_non_zones)
    except InputError as error:
        raise Failure(str(error)) from None
    files: list[Source] = [FileSource(path, origin or config.origin_for(path)) for path in found.sources]
    return files + [UnreadSource(path, why) for path, why in found.refused]


@cli.command("rules")
def list_rules() -> None:
    """List every rule: id, name, default severity, on or off by default, summary, origin."""
    registry = _registry()
    width = max(len(rule.name) for rule in registry)
    for rule in registry:
        state = "on " if rule.enabled else "off"
        origin = "" if rule.origin == "builtin" else f" [plugin {rule.origin}]"
        click.echo(f"{rule.id}  {rule.name:<{width}}  {str(rule.severity):<7}  {state}  {rule.summary}{origin}")


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the documentation page of a rule, by id (MX101) or name (target-is-cname)."""
    registry = _registry()
    found = registry.get(rule)
    if found is None:
        suggestion = registry.closest(rule)
        hint = f"; did you mean {suggestion}?" if suggestion else "; `mxlint rules` lists them"
        raise Failure(f"unknown rule {rule!r}{hint}")
    from mxlint.pages import page_text

    text = page_text(found.id)
    if text is None:
        click.echo(f"{found.id} {found.name} ({found.severity})\n\n{found.summary}")
    else:
        click.echo(text, nl=not text.endswith("\n"))
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
    except Exception as error:  # the last guard: a bug must still end in one line, not a traceback
        if os.environ.get("MXLINT_DEBUG"):
            raise
        click.echo(f"mxlint: internal error: {type(error).__name__}: {printable(str(error))} (set MXLINT_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code or EXIT_CLEAN)
