"""Split a capture into normalised lines and tell what each line is."""

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import time
from enum import Enum
from functools import lru_cache
from itertools import pairwise
from typing import Final, NamedTuple

from workers.parsing.authors import (
    is_byline,
    is_name_line,
    is_staff_line,
    is_trailing_byline,
    split_role,
)
from workers.parsing.times import (
    MAX_LABEL_CHARS,
    DateLine,
    TimeLabel,
    parse_date_line,
    parse_label,
    parse_updated,
    split_signature,
)

MAX_SHORT_CHARS: Final = 400
"""Longer lines are paragraphs: nothing structural (label, byline, chrome) is that long, and
the bound keeps the regex work per line constant on a 5 MB single-line capture."""


class Kind(Enum):
    """What a line is, read on its own."""

    BLANK = "blank"
    TEXT = "text"
    TIME = "time"
    DATE = "date"
    UPDATED = "updated"
    COUNT = "count"
    BYLINE = "byline"
    CREDIT = "credit"
    BULLET = "bullet"
    SEPARATOR = "separator"
    CHROME = "chrome"
    BLOCK = "block"
    VIDEO = "video"

    # Members are singletons compared by identity, so identity hashing is consistent with
    # equality, and is C speed where Enum's hash of the name is Python: sets of kinds are fast.
    __hash__ = object.__hash__


# Python 3.11's EnumType defines __getattr__, which sends every ``Kind.X`` lookup down the
# slow attribute path (80 ns, eight global reads); the per-line loops test kinds by these.
BLANK: Final = Kind.BLANK
TEXT: Final = Kind.TEXT
TIME: Final = Kind.TIME
DATE: Final = Kind.DATE
UPDATED: Final = Kind.UPDATED
COUNT: Final = Kind.COUNT
BYLINE: Final = Kind.BYLINE
CREDIT: Final = Kind.CREDIT
BULLET: Final = Kind.BULLET
SEPARATOR: Final = Kind.SEPARATOR
CHROME: Final = Kind.CHROME
BLOCK: Final = Kind.BLOCK
VIDEO: Final = Kind.VIDEO


class Line(NamedTuple):
    """One normalised line of a capture and what it was read as."""

    # A NamedTuple, not a frozen dataclass: a capture makes one per line, and a tuple is
    # built several times faster.

    text: str
    kind: Kind
    label: TimeLabel | None = None
    date: DateLine | None = None
    post_count: int = 0


_SEPARATORS: Final = frozenset({"link copied!", "link copied", "copy link", "share this post"})
_CHROME: Final = frozenset(
    {
        "loading...", "loading…", "loading", "advertisement", "skip advertisement",
        "ad feedback", "supported by", "share", "facebook", "twitter", "email", "whatsapp",
        "reuse this content", "show key events only", "live feed", "live", "live updates",
        "live blog", "live reporting", "live coverage", "what we covered here",
        "please turn on javascript to use this feature", "skip to content", "back to top",
        "show more", "load more", "see more updates", "more updates", "view more on twitter",
        "view more on x", "sign up", "print", "comments", "listen to this article", "breaking",
        "pinned", "key event", "key events", "key points", "summary", "latest", "get involved",
        "sort by", "newest first", "oldest first", "follow", "copy link to post",
        "save articles to read later and create your own reading list.", "skip twitter post",
        "end of twitter post", "allow twitter content?", "page 1", "previous", "next", "play",
        "watch", "video", "photos", "gallery", "link", "purchase licensing rights",
        "full story", "full post", "post by:", "posted by:", "key posts", "latest posts",
        "video loading", "video unavailable", "click to play", "tap to play",
    }
)  # fmt: skip
_BLOCK_HEADINGS: Final = frozenset(
    {"go deeper", "related", "related articles", "related stories", "more on this story",
     "most read", "most viewed", "more from", "read more", "recommended", "top stories",
     "key events", "more coverage", "related topics", "related content", "related news",
     "explore more", "more stories", "more news", "you may also like", "you might also like",
     "recommended stories", "recommended for you", "trending", "trending now", "most popular",
     "editor's picks", "editors' picks", "top headlines", "latest stories", "more live blogs",
     "also read", "more to explore", "read next", "up next", "don't miss", "leave a reply",
     "leave a comment"}
)  # fmt: skip
_KIND_BY_TEXT: Final = (
    dict.fromkeys(_CHROME, CHROME)
    | dict.fromkeys(_BLOCK_HEADINGS, BLOCK)
    | dict.fromkeys(_SEPARATORS, SEPARATOR)
)
_CHROME_PREFIXES: Final = (
    "sort by", "follow more updates", "follow our", "follow along", "skip ",
    "end of ", "latest page ", "this video can not be played", "listen:", "first published",
    "all times stated", "follow al jazeera", "follow us", "follow the latest", "follow live",
    "sign up for", "subscribe to our", "get our", "filed under:", "tags:", "topics:", "related:",
    "this was published ",
)  # fmt: skip
_READ_MORE = re.compile(r"(?:read|see|watch|listen)\b.{0,160}\bhere\s?[.:!]?", re.IGNORECASE)
_CLICK_HERE = re.compile(r".{0,160}\bclick here\s?[.:!]?", re.IGNORECASE)
_VIDEO = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s?-\s?Source:\s.{1,60}")
_ROUTE = re.compile(r"Route \d{1,3}")
_PLAYER = re.compile(r"0:00(?: ?/? ?\d{1,2}:\d\d)+")
# The Guardian's pin: "From 49m ago" above a pinned post (the post keeps its own label).
_PIN = re.compile(r"(?:From|Pinned(?: post)?:?) \d{1,3}\s?(?:m|min|mins|h|hr|hrs|d)\b ago")
_COUNT = re.compile(r"(\d{1,5}) [Pp]osts?")
# A match's minute ("67'", "90+5'"): it cuts a sports page into posts but gives no time.
_MATCH_MINUTE = re.compile(
    r"\d{1,3}(?:\+\d{1,2})?['\u2019\u2032](?:\+\d{1,2})?"  # "90+5'", "90'+4"
    # A cricket ball's place in its innings: "14.6 overs (0 Run)", "14.6 ov".
    r"|\d{1,2}\.[0-6] ov(?:ers?)?\.?(?: \(\d{1,2} Runs?\))?"
)
# A game's clock ("Q4 2:14", "OT 9:51", "3rd 4:12"): it cuts a page, it is no time of day.
_GAME_CLOCK = re.compile(
    r"(?:Q[1-4]|OT\d?|[1-4](?:st|nd|rd|th)(?:\s(?:quarter|qtr|half|period))?),?\s\d{1,2}:\d\d"
)
_BADGES: Final = ("Breaking", "BREAKING", "Pinned", "PINNED", "Key event", "KEY EVENT")
_GLUED_BADGE = re.compile(f"(?:{'|'.join(_BADGES)})(?=[A-Z][a-z])")
_BULLETS: Final = "•●▪◦‣∙·□"
_RULE_MARKS: Final = "-_=*~\u2013\u2014"
_DASHES: Final = "-\u2013\u2014"
_SENTENCE_ENDS: Final = '.!?"\u201d'
_PROMO = re.compile(r"\[ ?(?:[A-Z]+ ?){1,3}: [^\[\]]+\]")
"""A promotion set in brackets between paragraphs: "[ MORE: Full list of every transfer ]"."""
_IMAGE_ALT = re.compile(r"(?:\[[^\s\[\]]{1,40}\]){1,4}(?=[A-Za-z]|$)")
"""w3m's image alt text: run into what follows it, or alone on its line (then chrome)."""
_BUTTON_WORDS: Final = frozenset(
    {"share", "this", "copy", "link", "links", "facebook", "twitter", "x", "email", "e-mail",
     "whatsapp", "linkedin", "reddit", "print", "save", "comment", "comments", "on", "post",
     "tweet", "messenger", "telegram", "bluesky", "threads", "copied", "flipboard", "url",
     "sms", "via"}
)  # fmt: skip
_BUTTON_PREFIXES: Final = tuple(sorted(_BUTTON_WORDS))
_BUTTON_WORD = re.compile(r"\w+(?:-\w+)*")
_CASE_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LONE_BUTTONS: Final = frozenset(
    {"x", "sms", "linkedin", "reddit", "messenger", "telegram", "bluesky", "threads", "tweet"}
)
_LONGEST_BUTTON_ROW: Final = 120
# A label or date line can only open with a digit or one of these: the first three letters
# decide, cheaply, whether the regexes are worth running on a line.
_LABEL_STARTS: Final = frozenset(
    ("pub", "pos", "jus", "mom", "an ", "a m", "a h", "a d", "at ", "pin", "tod", "yes", "noo",
     "mid", "liv")
)  # fmt: skip
# A wire story's dateline: the place in capitals, maybe its state, then the agency.
_WIRE_DATELINE = re.compile(r"[A-Z][A-Z.' ]+(?:, ?[A-Z][\w.' ]*){0,2},? ?\([A-Z][\w&-]{1,15}\)")
LIST_NUMBER = re.compile(r"(\d{1,3})\.\s+(?=\D)")
"""An ordered list's number, as w3m, lynx and Markdown write it ("2. ")."""
_LIST_NUMBER_AT_ALL = re.compile(r"\d{1,3}\.\s+")
_NUMBERED_HHMM = re.compile(r"([01]\d|2[0-3]):?([0-5]\d)(?::(?:\s(?P<glued>\S.*))?)?")
_BYLINE_LABEL_CHARS: Final = 120
_SIGNED: Final = frozenset({TEXT, BYLINE})
"""Kinds a line that ends in its time can be read as first ("By A 5/21/2022 9:38:14 AM")."""
_LABEL_HEAD_CHARS: Final = 160
# How a label can end (a digit, "ago", "now", a meridian, a zone), tried on a line's last
# characters only; and where a label can start, after a name and maybe a separator.
_LABEL_LAST: Final = frozenset("0123456789owmM.TC)")
_LABEL_END = re.compile(r"(?:\d|ago|now|[ap]\.?m\.?|[AP]M|[A-Z]{2,4}\)?)$")
_WORD_START = re.compile(r"(?<=\S) (?:[|\u00b7\u2022,\u2013\u2014-] ?)?(?=\w)")
_LABEL_SEPARATORS: Final = " |\u00b7\u2022,\u2013\u2014-"
# A clock that says it is one, with a meridian: run into a name ("Nick Lachance10:57 p.m.").
# This and _HEADLINE_CLOCK match from the clock's separator, which a search finds in C:
# they are tried on most lines of prose. _clock_start steps back over the hour.
_STATED_CLOCK = re.compile(r"[:.][0-5]\d(?::[0-5]\d)?\s?[aApP]\.?[mM](?:\b|(?=[A-Z]))")
_DATE_BEFORE = re.compile(r"(?<!\S)\d{1,2}/\d{1,2}/\d{4} $")
_HANDLE = re.compile(r"[A-Za-z][\w.]{2,30}")
"""A writer's user name, as a live-blogging platform signs with it: "dan.ackerman"."""
_NAMED_LABEL_HEAD: Final = 60
_PLACE_WORDS: Final = 3
# A clock with its meridian ending a line, set off by a dash or a bar, or run into the
# headline before it by a dump ("Best Supporting Actor6:26 PM:").
_HEADLINE_CLOCK = re.compile(
    r"[:.][0-5]\d\s?[aApP]\.?[mM]\b\.?(?:\s?[A-Z]{2,4})?"
    r"(?:\s(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?:?$"
)
_MERIDIAN_OR_ZONE_END: Final = frozenset("mMABCDEFGHIJKLMNOPQRSTUVWXYZ")
_HEADLINE_DASH = re.compile(r"\s[\u2014\u2013|-]\s")
_TRAILING_HEAD: Final = 24
_TRAILING_DATED: Final = 32
_TRAILING_BRACKET: Final = 40
_DATE_STARTS: Final = frozenset(
    ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "may",
     "jun", "jul", "aug", "sep", "oct", "nov", "dec", "pub", "las", "lat", "upd", "fir",
     "iss", "mod")
)  # fmt: skip


_DATED_STARTS: Final = _DATE_STARTS | _LABEL_STARTS
"""How a line that is no digit's can open a label or a date: its first three letters."""
_RARE_SPACES: Final = tuple(
    chr(code) for code in (0x1F, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
)
_LONGEST_ENTRY: Final = max(map(len, _KIND_BY_TEXT))
_LONGEST_PREFIX: Final = max(map(len, _CHROME_PREFIXES))
_LONGEST_CHROME: Final = _LONGEST_ENTRY + _LONGEST_PREFIX
# An ASCII first letter folds to itself in lower case: chrome opens with one of these.
_CHROME_INITIALS: Final = frozenset(
    letter for text in (*_KIND_BY_TEXT, *_CHROME_PREFIXES) for letter in (text[0], text[0].upper())
)
_BYLINE_INITIALS: Final = frozenset("ABCEFOPRWabcefoprw")
# Only these first letters (and digits) can open a label or date line, whatever the case.
_DATED_INITIALS: Final = frozenset(
    {"(", *(letter for start in _DATED_STARTS for letter in (start[0], start[0].upper()))}
)


_BLANK: Final = Line("", BLANK)


def split_lines(text: str) -> list[str]:
    """Split ``text`` into lines on any line ending (CRLF, CR, LF, Unicode separators)."""
    return text.splitlines()


def normalize_line(raw: str) -> str:
    """Collapse every run of whitespace (non-breaking spaces too) and trim the ends."""
    return " ".join(raw.split())


def _has_rare_spaces(text: str) -> bool:
    """Tell whether ``text`` holds whitespace other than spaces, non-breaking spaces and tabs."""
    # isascii is O(1); of the rare spaces only U+001F is ASCII.
    if text.isascii():
        return "\x1f" in text
    return any(space in text for space in _RARE_SPACES)


_SPACE_RUN = re.compile("  +")


def _squeezed(line: str) -> str:
    """Squeeze each run of spaces in ``line`` into one."""
    return _SPACE_RUN.sub(" ", line) if "  " in line else line


_GLUED_CLOCK = re.compile(
    r"[.!?\"\u201d\u2019)](?=\d{1,2}[:.]\d\d\s?[A-Z]{2,4}\b)"
    # Or a dated label: "... casts her vote in DhakaJan 07, 2024 08:13 AM IST".
    r"|[a-z.!?\"\u201d\u2019)](?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? "
    r"\d{1,2},? \d{4},? \d)"
)
"""A zoned clock run on from a sentence: the punctuation matched, the label after it (a
pattern that opens with a set of characters is searched at C speed, a lookbehind is not)."""
# After a word or a sentence, not a number: a dated label's clock follows its date's year.
_RUN_ON_LABEL = re.compile(r"[ .!?:\"\u201d\u2019)]\d{1,2}[/.:]\d")
"""A label run on mid-paragraph, after a space ("... an dieser Stelle. 4/14/14 7:03 AM Auch")
or glued to a sentence's end ("... state below:2:30 A.M.Former President ...")."""
_BEFORE_RUN_ON: Final = '.!?:"\u201d\u2019)'
"""What a run-on label may follow, but for a letter: the end of a sentence or a quote."""
SPOKEN_LABEL: Final = "published at "
_TRAILING_CLOCK = re.compile(r"\((\d{1,2}[:.]\d\d(?: ?[ap]\.?m\.?)?)\)")
"""A headline's time in brackets at its end: "Trump wins Georgia (8.55 am)"."""
_TRAILING_CLOCK_CHARS: Final = 12


def unglued(text: str) -> str:
    """Take off a badge run into the headline it marks ("BreakingCabinet Office loses ...")."""
    badge = _GLUED_BADGE.match(text)
    return text if badge is None else text[badge.end() :]


def split_glued_labels(text: str, *, sentences: bool) -> str | None:
    """Put labels run into the text before them on lines of their own; None where none is.

    ``sentences``: look for zoned clocks run on from a sentence too (a pass over the text),
    and for posts run together in a paragraph.
    """
    # A text extractor runs a page's elements together: the BBC's headline into its spoken
    # label ("Labour holdpublished at 00:53 GMT ..."), India Today's paragraph into the next
    # post's label ("... goodbye!22:57 IST: ..."). Some pages end each headline with it.
    trailing = _trailing_clocks(text)
    if trailing:
        # "Headline (8.55 am)" becomes the headline over its label.
        pieces, done = [], 0
        for start, end, clock in trailing:
            pieces += [text[done:start].rstrip(" "), "\n", clock]
            done = end
        text = "".join([*pieces, text[done:]])
    starts = [found.end() for found in _GLUED_CLOCK.finditer(text)] if sentences else []
    run_ons = _run_on_labels(text) if sentences else []
    spoken = set()
    # Each label's line start is found from the last one, and only the first label of a line
    # looks at the text before it: one pass, however long the line (a scan back to the line's
    # start from each label took the square of a long line's length).
    line_start, previous = 0, -1
    at = text.find(SPOKEN_LABEL, 1)
    while at > 0:
        newline = text.rfind("\n", max(previous, 0), at)
        if newline >= 0:
            line_start = newline + 1
        if at > line_start and (previous >= line_start or text[line_start:at].strip()):
            spoken.add(at)  # the BBC's: a clock with or without its zone
        previous = at
        at = text.find(SPOKEN_LABEL, at + 1)
    cuts = list(run_ons)
    for start in sorted(spoken.union(starts).difference(run_ons)):
        end = text.find("\n", start, start + MAX_LABEL_CHARS)
        end = min(start + MAX_LABEL_CHARS, len(text)) if end < 0 else end
        label = parse_label(text[start:end])
        if label is not None and label.clock is not None and (label.zone or start in spoken):
            cuts.append(start)
    if not cuts:
        return text if trailing else None
    cuts.sort()
    pieces = _cut(text, cuts)
    for index, start in enumerate(cuts):
        if start in spoken:
            # The BBC numbers its posts' headlines: "2. What's coming up on Tuesdaypublished
            # at 21:58 ...": the headline, not the list's number.
            piece = pieces[index]
            line = piece[piece.rfind("\n") + 1 :]
            number = LIST_NUMBER.match(line, len(line) - len(line.lstrip()))
            if number is not None:
                pieces[index] = (
                    piece[: len(piece) - len(line) + number.start()] + line[number.end() :]
                )
    return "\n".join(pieces)


def split_run_on(text: str) -> str | None:
    """Put each post run together with others in a paragraph on lines of its own, if any is."""
    cuts = _run_on_labels(text)
    return "\n".join(_cut(text, cuts)) if cuts else None


def _cut(text: str, cuts: list[int]) -> list[str]:
    """Cut ``text`` at each of the sorted places ``cuts``."""
    return [text[start:end] for start, end in pairwise([0, *cuts, len(text)])]


def _run_on_labels(text: str) -> list[int]:
    """Find where posts run together in one paragraph start: two labels or more, mid-line."""
    # Copies that lost their line breaks; one such label may be prose ("at 10 a.m. ET Biden"),
    # a run of them, each with a clock in a zone or with its meridian and text, is a feed's.
    found = []
    # Only pages with hardly a label are searched: the scan tries every place in the text.
    for candidate in _RUN_ON_LABEL.finditer(text, 1):
        at, start = candidate.start(), candidate.start() + 1
        before = text[at - 1] if text[at] == " " else text[at]
        if not (before in _BEFORE_RUN_ON or before.isalpha()):
            continue
        label = parse_label(text[start : start + MAX_LABEL_CHARS].split("\n", 1)[0])
        if label and label.clock and label.glued and (label.zone or label.meridian):
            found.append(start)
    return found if len(found) >= 2 else []


def _trailing_clocks(text: str) -> list[tuple[int, int, str]]:
    """Find clocks in brackets ending two lines or more: where each starts, ends and reads."""
    found = []
    at = text.find(")\n")
    while at >= 0:
        # Searched from each ")" that ends a line, not over the whole text: most pages have few.
        opening = text.rfind("(", max(0, at - _TRAILING_CLOCK_CHARS), at)
        clock = _TRAILING_CLOCK.fullmatch(text, opening, at + 1) if opening >= 0 else None
        if clock is not None:
            found.append((opening, at + 1, clock[1]))
        at = text.find(")\n", at + 1)
    return found if len(found) >= 2 else []


def list_numbers(texts: dict[int, str]) -> dict[int, int]:
    """Map each text opening with a list's number to where the rest begins, if the numbers run."""
    # Two or more numbers running up or down ("1. High Court ...", "2. ...") are a list's.
    found = {at: number for at, text in texts.items() if (number := LIST_NUMBER.match(text))}
    values = [int(found[at][1]) for at in sorted(found)]
    if len(values) < 2 or {after - before for before, after in pairwise(values)} not in ({1}, {-1}):
        return {}
    return {at: number.end() for at, number in found.items()}


def classify(raw: str) -> Line:
    """Read one raw line on its own."""
    return classify_normalized(normalize_line(raw), indented=raw[:1].isspace())


def classify_normalized(text: str, *, indented: bool) -> Line:
    """Read one normalised line on its own."""
    # One function with the cheap tests first: it runs on every line of every capture, and
    # most lines are blank or paragraphs that only the first tests need to see.
    if not text:
        return _BLANK
    first = text[0]
    if first == "[" and (alt := _IMAGE_ALT.match(text)) is not None:
        # w3m writes an image as its alt text in brackets, run into what follows it.
        text = text[alt.end() :] or text
        first = text[0]
    elif text.startswith(_BADGES):
        text = unglued(text)
        first = text[0]
    if first in _BULLETS:
        listed = text[1:].strip()
        # An empty item is a share button's place, its icon gone with the styles.
        return _list_item(listed) if listed else Line(text, CHROME)
    if (
        first in "-*"
        and text[1:2] == " "
        and (indented or text[2:3].isdigit() or text[2:5].lower() in _DATED_STARTS)
    ):
        # Unindented, only a label is set in a list with a dash ("- 2.55 PM", "- Jan 07,
        # 2024 08:21 AM IST"): else a dash opens a sentence ("- 5 things to know").
        item = _list_item(text[2:].strip() or text)
        if indented or item.kind is TIME:
            return item
    size = len(text)
    if size > MAX_SHORT_CHARS:
        return _long_line(text, first)
    kind = None
    if size <= _LONGEST_CHROME and (first in _CHROME_INITIALS or not first.isascii()):
        kind = _chrome_kind(text, size)
    digit = first.isdigit()
    if kind is None and (digit or first in _DATED_INITIALS):
        # The first three letters are tested here, not in _classify_dated: most lines that
        # get this far open with a word like "The" and would pay a call only to be refused.
        start = text[:3].lower()
        if digit or start in _DATED_STARTS or first == "(":  # "(At 5:24 p.m. EST)"
            dated = _classify_dated(text, start, digit=digit)
            if dated is not None:
                return dated
    return Line(text, kind) if kind is not None else _plain_line(text, first, size)


def _marked_label(text: str, first: str) -> TimeLabel | None:
    """Read a game's clock ("Q3 04:12") or a label alone in square brackets ("[8.19pm]")."""
    if first != "[":
        return TimeLabel(raw=text) if _GAME_CLOCK.fullmatch(text) else None
    # Not w3m's image alt text: "[UPDATE - Monday, 8.19pm]" is a label.
    label = parse_label(text[1:-1].strip()) if text[-1] == "]" else None
    if label is None or label.clock is None or label.glued or label.author:
        return None
    return replace(label, raw=text)


def _ruled_label(text: str) -> TimeLabel | None:
    """Read a label set between rules: "---2:40 p.m. ET---", "== 14:05 =="."""
    inner = text.strip(_RULE_MARKS + " ")
    label = parse_label(inner) if inner[:1].isdigit() else None
    return label if label is not None and label.clock is not None and not label.glued else None


def _long_line(text: str, first: str) -> Line:
    """Read a paragraph, which may open with its post's time ("UPDATE - 10.36 pm IST - ...")."""
    start = text[:3].lower()
    if first.isdigit() or start in _DATED_STARTS:
        label = _read_label(text)
        if label is not None:
            return Line(text, TIME, label=label)
    return Line(text, TEXT)


def _read_label(text: str) -> TimeLabel | None:
    """Read a line's label; past a label's length, from the line's head, with its text run on."""
    if len(text) <= MAX_LABEL_CHARS:
        return parse_label(text)
    # The head bounds the regex work on a long line; the text run on after the label runs
    # from where it starts in the head to the end of the line.
    head = text[:_LABEL_HEAD_CHARS]
    label = parse_label(head)
    if label is None or not label.glued:
        return None
    return replace(label, glued=text[head.rfind(label.glued) :])


def _plain_line(text: str, first: str, size: int) -> Line:
    if first in _RULE_MARKS and (size >= 3 or first in _DASHES):
        if text.count(first) == size:
            # A rule drawn between posts: "-----", "_____", or a dash alone ("-", "—").
            return Line(text, SEPARATOR)
        if text[-1] in _RULE_MARKS and (ruled := _ruled_label(text)) is not None:
            return Line(text, TIME, label=ruled)
    if first in "QO[" and (marked := _marked_label(text, first)) is not None:
        return Line(text, TIME, label=marked)
    kind = _plain_kind(text, first, size)
    if (
        kind in _SIGNED
        and size <= _BYLINE_LABEL_CHARS
        and text[-1] in _LABEL_LAST
        and (first.isupper() or text.startswith("by "))
    ):
        # A byline that ends in the post's time ("By Julia Ramos 12 mins ago"): the time
        # decides where the post is, so the line is its label, naming its author.
        label = _byline_label(text, size)
        if label is not None:
            return Line(text, TIME, label=label)
    if kind is TEXT and (first.isalpha() or first.isdigit()):
        # "2.1 million now without power in Florida | 12:30 a.m. Thursday"
        label = (_named_label(text) if first.isalpha() else None) or (
            _trailing_label(text, size) if not first.islower() else None
        )
        if label is not None:
            return Line(text, TIME, label=label)
    return Line(text, kind)


def _trailing_label(text: str, size: int) -> TimeLabel | None:
    """Read "What we know about the blast — 11:06 p.m.": a headline, then its time."""
    if text[-1] == ")":
        return _bracketed_tail(text)
    if text.rstrip(".:")[-1:] not in _MERIDIAN_OR_ZONE_END and not text.endswith("day"):
        return None  # a sentence, most lines: tested before a regex scans the line's end
    start = _clock_start(_HEADLINE_CLOCK, text, max(0, size - _TRAILING_HEAD), size, _ends_headline)
    if start is None:
        # A dated label after a dash: "U.S. Open Will Be Played Without Fans — 6/16/20, 6 a.m."
        dashes = list(_HEADLINE_DASH.finditer(text, max(0, size - _TRAILING_DATED)))
        if not dashes or not text[dashes[-1].end() : dashes[-1].end() + 1].isdigit():
            return None
        start = dashes[-1].end()
    headline = text[:start].rstrip(_LABEL_SEPARATORS)
    label = parse_label(text[start:].rstrip(": "))
    if label is None or label.clock is None or label.glued or label.author or not headline:
        return None
    if headline[-1] in ".!?" or headline.count(" ") < 2:
        # A sentence that ends in a time, or a name run into it; or, set in capitals before a
        # dash, a dateline over the post: "VANCOUVER — 11:35 p.m.", "KELOWNA, B.C. — 10:40 p.m.".
        dateline = headline.count(" ") < 2 and headline.isupper()
        return replace(label, raw=text) if dateline and text[len(headline) + 1] in _DASHES else None
    raw = text[len(headline) :].strip(_LABEL_SEPARATORS).rstrip(":")
    return replace(label, raw=raw, glued=headline)


def _bracketed_tail(text: str) -> TimeLabel | None:
    """Read "Kilauea volcano, Hawaii (Update May 9 - 14:32 UTC)": a headline, then its time."""
    opening = text.rfind("(", max(0, len(text) - _TRAILING_BRACKET))
    headline = text[:opening].rstrip()
    if opening < 0 or " " not in headline or headline[-1] in ".!?":
        return None
    # Al Jazeera's label run on from a picture's caption: "... [Athit Perawongmetha/ Reuters]
    # - 14 May 2023 - 17:16(17:16 GMT)" is the next post's label; the caption is left out.
    dash = headline.find(" - ", max(0, opening - _TRAILING_DATED))
    if dash > 0 and headline[dash - 1] in ")]":
        dated = parse_label(text[dash + 3 :])
        if dated is not None and dated.clock is not None and not dated.glued:
            return dated
    label = parse_label(text[opening + 1 : -1])
    if label is None or label.clock is None or label.glued or label.author:
        return None
    if not (label.zone or label.day or label.meridian):
        return None  # "(10:30)" closing a line may be any hour the text speaks of
    return replace(label, raw=text[opening:], glued=headline)


def _clock_start(
    pattern: re.Pattern[str], text: str, pos: int, endpos: int, fits: Callable[[str, int], bool]
) -> int | None:
    """Return where the first clock starts that ``pattern`` matches from its separator on and
    whose start ``fits`` the text before it."""
    while (found := pattern.search(text, pos, endpos)) is not None:
        start = found.start()
        while start > pos and found.start() - start < 2 and text[start - 1].isdigit():
            start -= 1  # the hour: one or two digits
        if start < found.start() and fits(text, start):
            return start
        pos = found.start() + 1
    return None


def _starts_clock(text: str, at: int) -> bool:
    """Tell whether a clock can start at ``at``: not inside a number ("1.12:30")."""
    return at == 0 or not (text[at - 1].isdigit() or text[at - 1] in ":.")


def _ends_headline(text: str, at: int) -> bool:
    """Tell whether a clock at ``at`` ends a headline: run into it, or set off by a dash."""
    if at == 0:
        return False
    return "a" <= text[at - 1] <= "z" or _HEADLINE_DASH.fullmatch(text, at - 3, at) is not None


def _is_place(text: str) -> bool:
    """Tell whether ``text`` could name a place: a few capitalised words."""
    words = text.split()
    return len(words) <= _PLACE_WORDS and all(word[:1].isupper() for word in words)


def _named_label(text: str) -> TimeLabel | None:
    """Read "Glynis Traill-Nash 3.40pm: That's a wrap": a writer, the time, then the post."""
    if text.find(":", 0, _NAMED_LABEL_HEAD) < 0 and text.find(".", 0, _NAMED_LABEL_HEAD) < 0:
        return None  # no clock: found faster than by a regex, on most lines
    start = _clock_start(_STATED_CLOCK, text, 0, _NAMED_LABEL_HEAD, _starts_clock)
    if start is None:
        return None
    if (dated := _DATE_BEFORE.search(text, 0, start)) is not None:
        start = dated.start()  # ScribbleLive: "dan.ackerman 6/5/2017 5:04:16 PMThe MacBook"
    names = text[:start].rstrip(_LABEL_SEPARATORS)
    handle = dated is not None and _HANDLE.fullmatch(names) is not None
    if not names or not (handle or is_byline(names) or is_name_line(names)):
        return None
    label = parse_label(text[start:])
    if label is None or label.clock is None or label.author or not label.glued:
        return None
    return replace(label, raw=text[: len(text) - len(label.glued)].rstrip(), author=names)


def _list_item(item: str) -> Line:
    """Read a bulleted line: a bullet point, a share button, or a time label set in a list."""
    if len(item) <= _LONGEST_BUTTON_ROW and (
        _KIND_BY_TEXT.get(item.casefold()) is CHROME or _is_button_row(item)
    ):
        # A CSS-less dump lists the share buttons: "• Facebook", "• X", "• Copy link".
        return Line(item, CHROME)
    # "• Pinned published at 07:05 GMT": a Markdown list of posts.
    if item[:1].isdigit() or item[:3].lower() in _DATED_STARTS:
        label = parse_label(item)
        # Run into its text, a label says its meridian or zone and the text is a paragraph
        # ("\u2022 3:35 p.m. ET: Veteran guard ... a source said."); a key event's title is not,
        # even one that cries out ("\u2022 11.54am BST11:54 GOLD! ... the men's -100kg judo!").
        if (
            label is not None
            and label.clock is not None
            and (not label.glued or ((label.meridian or label.zone) and label.glued[-1] == "."))
        ):
            return Line(item, TIME, label=label)
        if label is None and (date := parse_date_line(item)) is not None:
            return Line(item, DATE, date=date)  # a day's heading in the list: "\u2022 26 June"
    elif item[:1].isupper() and len(item) <= _BYLINE_LABEL_CHARS and item[-1] in _LABEL_LAST:
        # ScribbleLive's feed as a list: "• James Martin 5/28/2015 4:08:44 PM".
        label = _byline_label(item, len(item))
        if label is not None:
            return Line(item, TIME, label=label)
    return Line(item, BULLET)


def _chrome_kind(text: str, size: int) -> Kind | None:
    # Case folding maps every character to one or more, each on its own: a line longer than
    # every entry folds longer still, and a prefix is decided by as many leading characters
    # as it has. Folding only what can decide saves most of the (slow, Unicode) folding.
    if size <= _LONGEST_ENTRY:
        kind = _KIND_BY_TEXT.get(text.casefold())
        if kind is not None:
            return kind
    if text[:_LONGEST_PREFIX].casefold().startswith(_CHROME_PREFIXES):
        return CHROME
    return None


def _plain_kind(text: str, first: str, size: int) -> Kind:
    if (
        # A mark an embed or a block dump left alone on its line: ">", "|", ",".
        (size <= _LONGEST_MARK and not any(char.isalnum() for char in text))
        or (size <= _LONGEST_BUTTON_ROW and _is_button_row(text))
        or (first == "h" and _is_link_line(text))
        or (first == "[" and (_IMAGE_ALT.fullmatch(text) or _PROMO.fullmatch(text)))
        or (
            size <= 200
            and (
                (first in "RSWLrswl" and _READ_MORE.fullmatch(text))
                or ("lick here" in text and _CLICK_HERE.fullmatch(text))
                or (first == "R" and text[:6] == "Route " and _ROUTE.fullmatch(text))
                or (first in "FP" and _PIN.fullmatch(text))
            )
        )
    ):
        return CHROME
    if first in _BYLINE_INITIALS and (is_byline(text) or is_trailing_byline(text)):
        return BYLINE
    if text[-1].isdigit() and first.isupper() and split_signature(text) is not None:
        return BYLINE
    if "staff" in text and is_staff_line(text):
        return BYLINE
    if first == "(" and text[-1] == ")" and size <= 120 and text.count("(") == 1:
        return CREDIT
    return TEXT


def _byline_label(text: str, size: int) -> TimeLabel | None:
    """Read "By Julia Ramos 12 mins ago" or "Jane Doe | 3:42 PM ET": names, then a label."""
    if _LABEL_END.search(text, max(0, size - 6)) is None:  # most lines fail here
        return None
    for start in _WORD_START.finditer(text):
        label = parse_label(text[start.end() :])
        if label is None or label.glued or label.author:
            continue
        names = text[: start.end()].rstrip(_LABEL_SEPARATORS)
        # Without "By", a bare clock is not taken: "Play Video 00:41" is a video's length.
        stated = label.relative is not None or label.meridian or label.zone or label.day
        if names and (is_byline(names) or (stated and (is_name_line(names) or split_role(names)))):
            return replace(label, author=names)
        if stated and "|" in text[len(names) : start.end()] and _is_place(names):
            return label  # The Hindu: "Punjab | 11:45 am", the place and the time
        if stated and names[-1] == ")" and _WIRE_DATELINE.fullmatch(names):
            return label  # "TAMPA, Florida, (AP) - 12:30 p.m.": a wire's dateline
        return None  # the label runs to the end from its first word: none further in
    return None


def _is_link_line(text: str) -> bool:
    """Tell whether a line is a bare address, maybe with share buttons (DW's short links)."""
    if not text.startswith(("http://", "https://")):
        return False
    _, _, rest = text.partition(" ")
    return not rest.strip() or _is_button_row(rest.strip())


def _is_button_row(text: str) -> bool:
    """Tell whether a line is only share buttons ("Share this -Copy link", "X")."""
    # Most lines fail on their first letters, before any regex runs.
    head = text[:16]
    if not head.lower().startswith(_BUTTON_PREFIXES):
        return False
    if _CASE_BREAK.sub(" ", head).split(" ", 1)[0].casefold() not in _BUTTON_WORDS:
        return False
    # "Copy linkLink copied": a CSS-less dump runs the buttons' labels together.
    folded = _CASE_BREAK.sub(" ", text).casefold()
    words = _BUTTON_WORD.findall(folded)
    if not words or not set(words) <= _BUTTON_WORDS:
        return False
    if _BUTTON_WORD.sub("", folded).strip(" -|\u00b7\u2022/"):
        return False
    return len(words) >= 2 or words[0] in _LONE_BUTTONS


def _classify_dated(text: str, start: str, *, digit: bool) -> Line | None:
    """Read time labels, "Updated ..." lines, date lines, post counts and video lengths."""
    date_start = start in _DATE_STARTS
    if text[:4] == "0:00" and _PLAYER.fullmatch(text):
        return Line(text, VIDEO)  # an audio player's position and length: "0:00 0:00"
    # The caller has checked that the line opens like a label or a date.
    label = _read_label(text)
    if label is not None:
        return Line(text, TIME, label=label)
    if digit and (numbered := _classify_numbered(text)) is not None:
        return numbered
    if digit or date_start:
        updated = parse_updated(text)
        if updated is not None:
            return Line(text, UPDATED, label=updated)
        date = parse_date_line(text)
        if date is not None:
            return Line(text, DATE, date=date)
    return None


def _classify_numbered(text: str) -> Line | None:
    """Read post counts ("22 Posts"), video lengths and numbered labels."""
    count = _COUNT.fullmatch(text)
    if count:
        return Line(text, COUNT, post_count=int(count[1]))
    if _VIDEO.fullmatch(text):
        return Line(text, VIDEO)
    if _MATCH_MINUTE.fullmatch(text) or _GAME_CLOCK.fullmatch(text):
        return Line(text, TIME, label=TimeLabel(raw=text))
    if (number := _LIST_NUMBER_AT_ALL.match(text)) is not None:
        # w3m numbers an ordered list of posts: " 2. published at 11:02 GMT", "1. 10:33 am";
        # the BBC's old pages "1. 1343:", the post's text on the lines under it.
        rest = text[number.end() :]
        if (hhmm := _NUMBERED_HHMM.fullmatch(rest)) is not None:
            clock = time(int(hhmm[1]), int(hhmm[2]))
            glued = hhmm["glued"] or ""  # "4. 00:49: Sophie, Chatham"
            raw = rest[: hhmm.start("glued")].rstrip() if glued else rest
            return Line(rest, TIME, label=TimeLabel(raw=raw, clock=clock, glued=glued))
        item = classify_normalized(rest, indented=False)
        if item.kind is TIME:
            return item
    return None


_LONGEST_MARK: Final = 3
LINES_REMEMBERED: Final = 32_768
"""Lines whose reading is kept: a blog's next capture repeats nearly every line of the last
(the posts below the new one), so a daemon following a few hundred blogs reads each line once."""
LINE_REMEMBERED_CHARS: Final = 2_000
"""Longer lines are read again each time (a long line's reading is cheap: a paragraph's), so
the lines kept hold at most 64 M characters, whatever the captures."""


@lru_cache(maxsize=LINES_REMEMBERED)
def _classify_remembered(text: str, indented: bool) -> Line:
    # A Line is immutable (its label and date too), so one reading serves every capture.
    return classify_normalized(text, indented=indented)


def forget_lines() -> None:
    """Drop the remembered line readings (a benchmark of cold parses calls it)."""
    _classify_remembered.cache_clear()


def classify_all(text: str) -> list[Line]:
    """Classify every line of ``text`` in order."""
    # Blank lines, a third of most captures, skip the call.
    if _has_rare_spaces(text):
        return [
            (
                _classify_remembered(line, raw[:1].isspace())
                if len(line) <= LINE_REMEMBERED_CHARS
                else classify_normalized(line, indented=raw[:1].isspace())
            )
            if (line := normalize_line(raw))
            else _BLANK
            for raw in split_lines(text)
        ]
    # The common case, normalize_line at C speed: only plain and non-breaking spaces and tabs
    # occur, so replacing them on the whole text, then stripping each line and squeezing the
    # few lines with a run of spaces, is the same (squeezing the whole text, one regex pass
    # over it, cost more than all the rest of the splitting).
    text = text.replace("\xa0", " ").replace("\t", " ")
    squeeze = "  " in text
    return [
        (
            _classify_remembered(_squeezed(line) if squeeze else line, raw[:1] == " ")
            if len(line) <= LINE_REMEMBERED_CHARS
            else classify_normalized(_squeezed(line), indented=raw[:1] == " ")
        )
        if (line := raw.strip())
        else _BLANK
        for raw in split_lines(text)
    ]
