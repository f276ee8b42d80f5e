"""Parse the text of a live-blog capture into a Snapshot (pure: no I/O)."""

from workers.parsing.snapshot import parse_snapshot

__all__ = ["parse_snapshot"]
