"""Parse a live-blog capture, text or HTML, into a Snapshot (pure: no I/O)."""

from workers.parsing import snapshot
from workers.parsing.explain import explain, render_explained
from workers.parsing.snapshot import Reading, parse_snapshot, read_snapshot
from workers.parsing.webpage import looks_like_html, read_html


def compiled() -> bool:
    """Tell whether the parser runs compiled by mypyc (a BLOGTAIL_COMPILE=1 build)."""
    return not snapshot.__file__.endswith(".py")


__all__ = [
    "Reading",
    "compiled",
    "explain",
    "looks_like_html",
    "parse_snapshot",
    "read_html",
    "read_snapshot",
    "render_explained",
]
