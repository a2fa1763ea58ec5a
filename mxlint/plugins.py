"""The entry points of the installed distributions: read once per process for every group
mxlint looks up (``mxlint.rules``, ``mxlint.formats``)."""

from __future__ import annotations

from importlib.metadata import EntryPoint, EntryPoints, entry_points


class PluginError(Exception):
    """A plugin that cannot be loaded, provides something else than it should, collides with
    another, or fails (exit 2)."""


_installed: EntryPoints | None = None


def entry_points_in(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` that installed distributions declare."""
    global _installed
    if _installed is None:
        _installed = entry_points()  # one scan of every distribution, shared by the groups
    return list(_installed.select(group=group))
