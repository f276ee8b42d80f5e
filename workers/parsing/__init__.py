"""Parse a live-blog capture, text or HTML, into a Snapshot (pure: no I/O)."""

from workers.parsing.explain import explain, render_explained
from workers.parsing.snapshot import Reading, parse_snapshot, read_snapshot
from workers.parsing.webpage import looks_like_html, read_html

__all__ = [
    "Reading",
    "explain",
    "looks_like_html",
    "parse_snapshot",
    "read_html",
    "read_snapshot",
    "render_explained",
]
