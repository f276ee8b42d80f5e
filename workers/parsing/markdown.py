"""Turn a Markdown capture (Firecrawl, Jina Reader, html2text, markdownify) into plain lines."""

import re
from typing import Final

_MIN_MARKS: Final = 3
"""Links or headings a page's opening needs to be read as Markdown: a plain dump has none."""
_OPENING: Final = 5000

# Each pattern is one pass over the whole text at C speed, its spans bounded so that a
# line of any length costs time linear in it, and stopped at the next opening mark (a span
# running on over "[[[[" cost 500 steps a character: 100 KB in 0.4 s); in this order:
# wrapped lines joined first (a link or a heading may be cut in two), rules before bullets
# ("* * *"), images before links ("![alt](src)" holds a link's shape).
# A line break inside a paragraph is a space (html2text wraps at 78 columns), unless the
# line before ends in a hard break (two spaces) or the next opens a block of its own.
_SOFT_BREAK = re.compile(
    r"(?<=\S)\n(?![ \t]*(?:#{1,6}[ \t]|[*+-][ \t]|\d{1,3}[.)][ \t]|>|\||```|~~~"
    r"|(?:[-*_][ \t]*){3,}$|$))",
    re.MULTILINE,
)
_RULE = re.compile(r"^ {0,3}(?:[-*_] {0,2}){3,}$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^)\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]*> ?", re.MULTILINE)
_BULLET = re.compile(r"^[ \t]*(?:[*+-]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).){1,500}?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,500}?)(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_HEADINGS: Final = ("\n# ", "\n## ", "\n### ", "\n#### ")


def looks_like_markdown(text: str) -> bool:
    """Tell whether a capture is written in Markdown: links or headings in its syntax."""
    # Its opening decides (a page's links and title come first), found with str.find and
    # str.count, which scan at C speed: a regex over every capture costs more.
    if text.find("](", 0, _OPENING) < 0 and text.find("\n#", 0, _OPENING) < 0:
        return False
    marks = text.count("](", 0, _OPENING) + text.startswith("#")
    marks += sum(text.count(heading, 0, _OPENING) for heading in _HEADINGS)
    return marks >= _MIN_MARKS


def from_markdown(text: str) -> str:
    """Drop Markdown's syntax and keep its text, a paragraph a line: what a browser shows."""
    text = _SOFT_BREAK.sub(" ", text)
    text = _RULE.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _QUOTE.sub("", text)
    # A list item, numbered or not, becomes the bullet the text parser knows ("• item").
    text = _BULLET.sub("\u2022 ", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)
