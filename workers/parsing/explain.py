"""Show how a capture was read: each line's kind and the post it went to."""

from typing import NamedTuple

from workers.parsing.lines import TEXT
from workers.parsing.snapshot import Reading
from workers.parsing.times import zone_name


class ExplainedLine(NamedTuple):
    """One line of a capture as the parser read it; ``post`` is 1-based, 0 outside every post."""

    number: int
    kind: str
    post: int
    text: str


def explain(reading: Reading) -> list[ExplainedLine]:
    """Return every line of the capture with its kind and the post it belongs to."""
    lines = reading.layout.lines
    owner = [0] * len(lines)
    for number, segment in enumerate(reading.layout.segments, start=1):
        owner[segment.start : segment.end] = [number] * (segment.end - segment.start)
    posts = reading.snapshot.posts
    explained = []
    for index, line in enumerate(lines):
        post = owner[index]
        kind = line.kind.value
        if post and line.kind is TEXT:
            # A text line's part in its post: what a reader checks first.
            read_as = posts[post - 1]
            if line.text == read_as.headline:
                kind = "headline"
            elif any(line.text == image.caption for image in read_as.images):
                kind = "caption"
        explained.append(ExplainedLine(index + 1, kind, post, line.text))
    return explained


def render_explained(reading: Reading) -> str:
    """Format the explanation for a terminal: a line per input line, then a summary."""
    rows = [
        f"{line.number:>5}  {line.kind:<9} {('#' + str(line.post)) if line.post else '':>4}  "
        f"{line.text}".rstrip()
        if line.text
        else f"{line.number:>5}"
        for line in explain(reading)
    ]
    snapshot = reading.snapshot
    untimed = sum(post.published_at is None for post in snapshot.posts)
    rows += [
        "",
        f"layout: {snapshot.layout}",
        f"posts: {len(snapshot.posts)} ({untimed} without a time)",
        f"clocks read in: {zone_name(reading.zone)}{' (guessed)' if reading.zone_guessed else ''}",
        f"warnings: {'; '.join(snapshot.warnings) or 'none'}",
    ]
    return "\n".join(rows)
