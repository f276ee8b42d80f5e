"""Print how a capture's parse time grows with its size, for pages made to be hard.

The parser must stay linear in its input: a worker gives one capture at most the job timeout,
and a page that costs the square of its size takes minutes at the 16 MB a capture may have.
Each shape is parsed at three sizes; the exponent is how the time grew (1: linear, 2: square).
"""

import argparse
import math
import random
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, datetime

from workers.parsing.snapshot import forget
from workers.pipeline import parse_capture

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
_WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "would",
    "go",
    "on",
    "after",
    "a",
    "night",
    "of",
    "strikes",
]


def _sentence(words: int) -> str:
    return " ".join(_WORDS[n % len(_WORDS)] for n in range(words)).capitalize() + "."


def _shuffled(tokens: list[str], separator: str, size: int) -> str:
    rng = random.Random(1)
    return separator.join(rng.choice(tokens) for _ in range(size // 4))


def _html(body: str) -> str:
    return f"<!doctype html><html><body>{body}</body></html>"


SHAPES: dict[str, Callable[[int], str]] = {
    # Text: what a live blog is, at any length, and what it never is.
    "text: posts": lambda n: "".join(
        f"{i % 12 + 1}:{i % 60:02d} p.m. ET\n\nHeadline {i}\n\n{_sentence(40)}\n\n"
        for i in range(n // 280)
    ),
    "text: one wrapped paragraph (lynx)": lambda n: textwrap.fill(_sentence(n // 6), 72),
    "text: rule lines": lambda n: ("-" * 70 + "\n") * (n // 71),
    "text: a clock on every line": lambda n: "12:00\n" * (n // 6),
    "text: one line": lambda n: _sentence(n // 6),
    # Tokens in a random order (a fixed seed): shapes fuzzing found, each once quadratic.
    "text: labels, buttons and scraps, a line each": lambda n: _shuffled(
        ["14.6", "Copy link", "4m ago12.50 BST", "'", "ET"], "\n", n
    ),
    "text: one line of scraps and 'published at'": lambda n: _shuffled(
        ["Photograph:", "AP", "ago", "published at", "_", "BST"], " ", n
    ),
    "markdown: brackets and stars never closed": lambda n: (
        "# Live\n\n[a](/a) [b](/b) [c](/c)\n\n" + "[**" * (n // 3)
    ),
    # HTML: a live blog, and markup that costs a tree builder the square of its size.
    "html: posts": lambda n: _html(
        "".join(
            f"<article><time>12:{i % 60:02d} GMT</time><h2>Update {i}</h2>"
            f"<p>{_sentence(30)}</p></article>"
            for i in range(n // 260)
        )
    ),
    "html: untimed posts, timed in the markup": lambda n: _html(
        "".join(
            f"<article><h2>Update {i}</h2><p>{_sentence(20)} {i}.</p></article>"
            for i in range(n // 400)
        )
        + '<script type="application/ld+json">{"@type": "LiveBlogPosting", "liveBlogUpdate": ['
        + ", ".join(
            f'{{"datePublished": "2026-01-01T10:00:00Z", "articleBody": "{_sentence(20)} {i}."}}'
            for i in range(n // 400)
        )
        + "]}</script>"
    ),
    "html: nested <div>": lambda n: _html("<div>" * (n // 11) + "x" + "</div>" * (n // 11)),
    "html: nested lists": lambda n: _html("<ul><li>" * (n // 8)),
    "html: misnested <b><i>": lambda n: _html(
        "".join(f"<b {i}>" for i in range(n // 20))
        + "".join(f"<i {i}>" for i in range(n // 20))
        + "x</b>" * (n // 20)
    ),
    "html: a list of options": lambda n: _html("<select>" + "<option>x" * (n // 9) + "</select>"),
    "html: lists left open among stray end tags": lambda n: _html(
        _shuffled(["**", "</time>", "</h2>", "<ul>", "[1]", "-", "<li>"], "", n)
    ),
    "html: scripts and svg left open": lambda n: _html(
        _shuffled(
            ["<script>", "<svg>", "&amp;", '<script type="application/ld+json">', "-->"], "", n
        )
    ),
    "html: tags left open, nested deep": lambda n: _html("<div>" * 600 + "<a x" * (n // 4)),
}


def seconds(text: str) -> float:
    """Parse ``text`` as a capture cold; return the seconds it took."""
    forget()
    started = time.perf_counter()
    parse_capture(text.encode(), name="capture.txt", max_bytes=1 << 30, captured_at=NOW)
    return time.perf_counter() - started


def main() -> None:
    """Parse each shape at each size and print the times and the exponent."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 1_600_000])
    args = parser.parse_args()
    print(f"{'shape':46} " + " ".join(f"{size // 1000:>7} KB" for size in args.sizes) + "  exp")
    for name, make in SHAPES.items():
        texts = [make(size) for size in args.sizes]
        times = [seconds(text) for text in texts]
        growth = math.log(times[-1] / times[0]) / math.log(len(texts[-1]) / len(texts[0]))
        cells = " ".join(f"{1000 * took:8.1f}ms" for took in times)
        print(f"{name:46} {cells}  {growth:.2f}", flush=True)


if __name__ == "__main__":
    main()
