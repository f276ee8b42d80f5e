"""Parse the text of a live-blog capture into a Snapshot (pure: no I/O)."""

from workers.parsing.explain import explain, render_explained
from workers.parsing.snapshot import Reading, parse_snapshot, read_snapshot

__all__ = ["Reading", "explain", "parse_snapshot", "read_snapshot", "render_explained"]
