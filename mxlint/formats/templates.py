"""Template syntax in zone files: ``{{ serial }}``, ``<%= ip %>``, ``{% for %}``, ``${ttl}``, ...

Repositories keep templates of zones that a tool fills in. A template is not a zone: a file
made of template syntax is not recognised as a zone file (``template_verdict``). A real zone
with a few placeholders is read, but the records that hold them are set aside, not judged, and
the file says so once (MX004). Both ask of a line whether it holds template syntax, and which
(``template_marks``); reading records stays with the zone-file reader, which also says what a
line would be without its template syntax (``template_verdict``'s ``reads_as_zone``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from mxlint.format import Verdict

#: The patterns are compiled when first used: most runs read no file with ``{`` or ``%``, and
#: compiling them costs a small zone's run 3 % of its start-up.
_pattern = functools.lru_cache(maxsize=None)(re.compile)

#: The template syntaxes of the tools that write zone files, one group each (tried in this
#: order at each place of a line). Each matches within one line and a bounded stretch of it,
#: and none runs over the character that would close it (``[^%]``, ``[^{}]``): an opening
#: never closed costs little to give up, however many a hostile line holds.
_TEMPLATE = (
    r"(?P<erb_output><%=[^%]{0,256}%>)"
    r"|(?P<erb><%[^%]{0,256}%>)"
    r"|(?P<section>\{\{\s*(?:[#/^!>]|else\b)[^{}]{0,256}\}\})"
    r"|(?P<mustache>\{\{[^{}]{0,256}\}\})"
    r"|(?P<jinja>\{%[^%]{0,256}%\}|\{#[^#]{0,256}#\})"
    r"|(?P<directive>%\{[^{}]{0,256}\})"
    r"|(?P<shell>\$\{[^{}]{0,256}\})"
    r"|(?P<percent>%%[A-Za-z_][\w.-]{0,64}%%)"
    r"|(?P<percent_directive>^\s*%%.*)"
    r"|(?P<toolkit_control>\[%-?\s*(?:FOREACH|IF|UNLESS|ELSIF|ELSE|END|WHILE|BLOCK|INCLUDE|PROCESS|WRAPPER|SWITCH|CASE|TRY|CATCH)\b[^%]{0,256}%\])"
    r"|(?P<toolkit>\[%[^%]{0,256}%\])"
    r"|(?P<printf>%\([A-Za-z_]\w{0,64}\)[-#0 +]{0,4}\d{0,4}[sdifr])"
)
#: Lines longer than this are never looked at for template syntax (no template writes one;
#: a hostile line of megabytes is read as it is).
_TEMPLATE_LINE_LONGEST = 16384
#: A Python ``str.format`` field where DNS data belongs (``{serial}``, ``{0}``, ``{zone.name}``);
#: only outside quoted strings (a BIND zone file has no ``{`` elsewhere).
_FORMAT_FIELD = r"(?<![{$%])\{(?:[A-Za-z_]\w{0,64}(?:\.\w{1,64}|\[\w{1,64}\]){0,8}|\d{1,4})?(?:![rsa])?(?::[^{}\s]{0,32})?\}(?!\})"
#: ``$GENERATE``'s own ``${offset,width,base}``, which is no placeholder.
_GENERATE_MODIFIER = r"\$\{[+-]?\d+(?:,\d+(?:,[doxXnN])?)?\}"
#: An SPF macro (RFC 7208 §7: ``%{d}``, ``%{ir}``, ``%{l1r-}``), which is TXT data, not a
#: Terraform directive (``%{ if ... }``).
_SPF_MACRO = r"%\{[slodiphcrtvSLODIPHCRTV]\d{0,3}[rR]?[-.+,/_=]{0,7}\}"
#: What each syntax is called in messages.
_SYNTAX_NAMES = {
    "erb_output": "ERB placeholders <%= %>",
    "erb": "ERB tags <% %>",
    "section": "Mustache/Handlebars sections {{# }}",
    "mustache": "Jinja/Mustache placeholders {{ }}",
    "jinja": "Jinja tags {% %}",
    "directive": "Terraform directives %{ }",
    "shell": "shell/Terraform placeholders ${ }",
    "percent": "placeholders %%NAME%%",
    "percent_directive": "%% directives",
    "toolkit_control": "Template Toolkit directives [% %]",
    "toolkit": "Template Toolkit placeholders [% %]",
    "printf": "Python placeholders %(name)s",
    "format": "Python format fields {name}",
}
#: Syntaxes of control (loops, conditions, comments): what they make is not in the text.
CONTROL_KINDS = frozenset({"erb", "section", "jinja", "directive", "percent_directive", "toolkit_control"})
#: A quoted string of a master file (its closing quote may be missing).
_QUOTED = r'"(?:[^"\\]|\\.)*"?'
#: A quoted string, an escaped character, or the comment mark.
_QUOTED_OR_COMMENT = r'"(?:[^"\\]|\\.)*"?|\\.|;'


def may_hold_templates(data: bytes) -> bool:
    """Whether bytes may hold template syntax at all: every syntax has ``{`` or ``%`` (two
    scans of a byte each, a millisecond for a file of millions of records)."""
    return b"{" in data or b"%" in data


def template_marks(content: str) -> list[tuple[str, str]]:
    """The template syntax in the content of a line (its comment left out): (syntax, text)
    pairs in the order they are written; none in nearly every line of a zone."""
    if "{" not in content and "%" not in content or len(content) > _TEMPLATE_LINE_LONGEST:
        return []
    marks = [(match.lastgroup or "", match.group()) for match in _pattern(_TEMPLATE).finditer(content)]
    if marks and content.lstrip()[:9].upper() == "$GENERATE":
        marks = [mark for mark in marks if not (mark[0] == "shell" and _pattern(_GENERATE_MODIFIER).fullmatch(mark[1]))]
    if marks and "%{" in content:
        marks = [mark for mark in marks if not (mark[0] == "directive" and _pattern(_SPF_MACRO).fullmatch(mark[1]))]
    rest = _pattern(_TEMPLATE).sub(" ", content) if marks else content
    if "{" in rest:
        blanked = _pattern(_QUOTED).sub('""', rest) if '"' in rest else rest
        marks += [("format", match.group()) for match in _pattern(_FORMAT_FIELD).finditer(blanked)]
    return marks


def without_comment(line: str) -> str:
    """The line without its ``;`` comment (quoted strings and escapes kept)."""
    if ";" not in line:
        return line
    if '"' not in line and "\\" not in line:
        return line.partition(";")[0]
    for match in _pattern(_QUOTED_OR_COMMENT).finditer(line):
        if match.group() == ";":
            return line[: match.start()]
    return line


def template_verdict(lines: list[str], reads_as_zone: Callable[[str, str, list[tuple[str, str]]], bool]) -> Verdict | None:
    """The verdict on a template of a zone, ``None`` for any other text. A template is text
    that reads as a zone's (a directive, or a class or record type where a record has one)
    whose entries (records, directives, lines) hold template syntax: a third of them or more,
    or any line of control (a loop, a condition). The reason names the syntax.

    ``reads_as_zone(line, content, marks)`` is the zone-file format's judgement of one line
    (its content without the comment, the template syntax it holds): whether it is a zone's."""
    entries = marked = 0
    control = zone_like = entry_marked = False
    syntaxes: dict[str, None] = {}
    depth = 0
    for line in lines:
        if line.startswith(("```", "~~~")):
            return None  # a zone quoted in documentation
        content = without_comment(line)
        marks = template_marks(content)
        plain = _pattern(_TEMPLATE).sub(" ", content) if marks else content
        blanked = _pattern(_QUOTED).sub('""', plain) if '"' in plain else plain
        change = blanked.count("(") - blanked.count(")")
        if depth > 0:  # inside a record's parentheses
            depth = max(0, depth + change)
            if marks and not entry_marked:
                marked, entry_marked = marked + 1, True
        elif not content.strip():
            continue
        else:
            entries += 1
            entry_marked = bool(marks)
            marked += entry_marked
            depth = max(0, change)
        if marks:
            syntaxes.update(dict.fromkeys(kind for kind, _ in marks))
            control = control or any(kind in CONTROL_KINDS for kind, _ in marks)
        zone_like = zone_like or reads_as_zone(line, content, marks)
    if not syntaxes or not zone_like or not control and marked * 3 < entries:
        return None
    return Verdict(False, f"a template ({', '.join(_SYNTAX_NAMES[kind] for kind in syntaxes)}), not a zone")
