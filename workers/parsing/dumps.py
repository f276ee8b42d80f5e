"""Undo what text browsers and converters do to a page: wrapped lines, lynx's and pandoc's marks."""

import re
from itertools import pairwise
from typing import Final

from workers.parsing.times import parse_label

_OPENING: Final = 5000
_WIDTHS: Final = range(40, 101)
"""Widths a text browser wraps at (lynx and w3m: 80 columns less their margins)."""
_PAST_WIDTH: Final = 25
"""How far a heading may run past the width lines were wrapped at (lynx wraps no title)."""
_MIN_WRAPS: Final = 3
"""Wrapped paragraphs the opening needs: an innerText or block dump has none."""
_MIN_LINK_MARKS: Final = 5
# lynx numbers every link ("[12]Read more") and lists their addresses under "References".
_LINK_MARK = re.compile(r"\[\d{1,4}\]")
# lynx marks a form's buttons: "(BUTTON) Copy link", "Share (BUTTON) Copy link".
_BUTTON: Final = "(BUTTON)"
_BUTTON_MARK = re.compile(r"\(BUTTON\) ?")
# pandoc's plain text: an image without alt text is "[]", a list item "-   item".
_NO_ALT: Final = "[]"
_PANDOC_ITEM = re.compile(r"^( *)[-*] {3}(?=\S)", re.MULTILINE)
_REFERENCES = re.compile(r"\n\s*References\n\n\s*1\. \S+\n(?:\s*\d{1,4}\. \S+\n?)*\Z")
_LIST_MARKS: Final = ("* ", "+ ", "o ", "# ", "- ", "\u2022 ")
_ENDS: Final = '.!?:"\u201d)'


def looks_like_dump(text: str) -> bool:
    """Tell whether a capture is a text browser's or converter's dump: marks, wrapped lines."""
    opening = text[:_OPENING]
    if _BUTTON in opening or _has_link_marks(opening):
        return True
    return _wrap_width(opening.split("\n")[:-1]) is not None


def _has_link_marks(text: str) -> bool:
    """Tell whether ``text`` numbers its links as lynx does ("[12]Read more")."""
    # str.count first: most captures have too few brackets for the regex to be worth it.
    return text.count("[") >= _MIN_LINK_MARKS and len(_LINK_MARK.findall(text)) >= _MIN_LINK_MARKS


def from_dump(text: str) -> str:
    """Join a dump's wrapped lines and drop its marks: link numbers, references, buttons."""
    # Joined first: the link numbers count in the width the lines were wrapped at.
    lines = text.split("\n")
    width = _wrap_width(lines[: text.count("\n", 0, _OPENING)])
    if width is not None:
        # Each paragraph's pieces are joined once: growing one string a line at a time
        # took time quadratic in a paragraph's length (a page of rule lines took seconds).
        paragraphs = [[lines[0]]]
        for at in range(len(lines) - 1):
            if _continues(lines, at, width):
                pieces = paragraphs[-1]
                pieces[-1] = pieces[-1].rstrip()
                pieces.append(lines[at + 1].strip())
            else:
                paragraphs.append([lines[at + 1]])
        text = "\n".join(" ".join(pieces) for pieces in paragraphs)
    if _has_link_marks(text[:_OPENING]):
        text = _LINK_MARK.sub("", _REFERENCES.sub("\n", text))
    text = _PANDOC_ITEM.sub("\\1\u2022 ", text)  # a list item at the margin: "-   Facebook"
    return _BUTTON_MARK.sub("", text.replace(_NO_ALT, ""))


def _wrap_width(lines: list[str]) -> int | None:
    """Return the width the lines were wrapped at, or None when they were not wrapped."""
    longest = max(map(len, lines), default=0)
    if longest > _WIDTHS[-1] + _PAST_WIDTH:  # a paragraph on one line: most captures
        return None
    # The longest line that another goes on from: a heading may run past the width.
    width = max(
        (len(line.rstrip()) for line, following in pairwise(lines) if _same_block(line, following)),
        default=0,
    )
    # Wrapped, no line runs far past the width; a page's own lines do (paragraphs).
    if width not in _WIDTHS or longest > width + _PAST_WIDTH:
        return None
    wraps = 0
    for at in range(len(lines) - 1):
        wraps += _continues(lines, at, width)
    return width if wraps >= _MIN_WRAPS else None


def _indent(line: str) -> int:
    """Return where a line's text starts: under its text, for a list item's next lines."""
    text = line.lstrip()
    if text.startswith(_LIST_MARKS):
        text = text[1:].lstrip()  # "* item" (lynx), "-   item" (pandoc)
    return len(line) - len(text)


def _same_block(line: str, following: str) -> bool:
    """Tell whether ``following`` may go on with ``line``: both filled, text aligned."""
    rest = following.lstrip()
    return (
        bool(line.strip() and rest)
        and not rest.startswith(_LIST_MARKS)
        and len(following) - len(rest) == _indent(line)
    )


def _continues(lines: list[str], at: int, width: int) -> bool:
    """Tell whether line ``at + 1`` goes on with line ``at``: its first word did not fit there."""
    line, following = lines[at].rstrip(), lines[at + 1]
    if len(line) > width or not _same_block(lines[at], following):
        return False
    rest = following.strip()
    if len(line) + 1 + len(rest.split(" ", 1)[0]) <= width:
        return False
    # A post's time ("11:20 p.m. EST"), and a block's last line that is no sentence's end
    # under one ("(NOAA)", a row of share buttons), are elements of their own, though their
    # first word would not have fit; "at 5:02 a.m. EST" goes on with "Published Dec. 31".
    if not rest[0].islower() and parse_label(rest) is not None:
        return False
    if at + 2 < len(lines) and _same_block(following, lines[at + 2]):
        return True
    return not (line[-1] in _ENDS and rest[-1] not in _ENDS)
