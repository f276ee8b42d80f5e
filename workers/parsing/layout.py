"""Find where the header ends and each post begins, whatever the outlet's layout."""

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, tzinfo
from enum import Enum
from itertools import pairwise
from typing import Final

from workers.parsing.authors import (
    is_dashed_sign_off,
    is_name_line,
    is_person,
    is_trailing_byline,
    read_role_line,
    split_speaker,
)
from workers.parsing.captions import is_caption_like, is_headline_like, split_inline_credit
from workers.parsing.header import title_line
from workers.parsing.lines import (
    BLANK,
    BLOCK,
    BULLET,
    BYLINE,
    CHROME,
    COUNT,
    CREDIT,
    DATE,
    LIST_NUMBER,
    SEPARATOR,
    SPOKEN_LABEL,
    TEXT,
    TIME,
    UPDATED,
    VIDEO,
    Line,
    classify_normalized,
    list_numbers,
)
from workers.parsing.times import (
    TimeLabel,
    meridian_hour,
    nearest_reading,
    parse_label,
    parse_updated,
    split_signature,
)

_QUIET: Final = frozenset({BLANK, CHROME, SEPARATOR, VIDEO})
_UPDATED_WORD = re.compile(r"(?:last )?(?:updated|update on|published)\b", re.IGNORECASE)
_CONTENT: Final = frozenset({TEXT, BULLET, CREDIT})
_PIN_MARKS: Final = frozenset({"pinned", "pinned post"})
_NO_LABEL: Final = TimeLabel(raw="")
_ORIGINAL = re.compile(
    r"(?:original (?:story|post|article)|previously):(?:\s(?=\S)|$)", re.IGNORECASE
)
_POST_HEAD_LINES: Final = 4
"""A post's first sentence comes within this many lines of its label (headline, names)."""
_CHROME_TITLES: Final = frozenset({"summary", "recap"})
_PAGE_WORDS: Final = r"newest|oldest|newer|older|previous|prev|next|first|last|page|of"
# A doubled word is a link's text and its accessible label run together ("NewestNewest").
_PAGE_LINKS: Final = re.compile(
    rf"\s*(?:(?:(?P<word>{_PAGE_WORDS})(?P=word)?|\d{{1,3}}|[<>\u00ab\u00bb\u2039\u203a|/])\s*)+"
)
_PAGE_DIRECTION: Final = re.compile(r"\b(?:newest|oldest|newer|older|previous|prev|next)")
_PAGE_NUMBER: Final = re.compile(r"\d")
_FOOTER_SENTENCE: Final = 20
_FOOTER_HEADING_CHARS: Final = 40
# "More from ABC7", "Trending on KTLA", "Most read": the page's lists under the feed.
_FOOTER_HEADING = re.compile(
    r"(?:more (?:from|on|in|stories)|trending|most (?:read|popular|viewed)|related|up next"
    r"|top stories|recommended)\b",
    re.IGNORECASE,
)
_FOOTER_LINES: Final = 3
_COPYRIGHT: Final = ("\u00a9", "Copyright", "(c) ")
_FOOT_LINES: Final = 12
"""How far into the last post a signature under its text is looked for."""
_MINUTE_LEAD = re.compile(
    r"(?:\d{1,3}(?:\+\d{1,2})? mins?(?: ?\+ ?\d{1,2})?:|Lap \d{1,3}(?:/\d{1,3})?:?"
    r"|\d{1,3}(?:\+\d{1,2})?['\u2019\u2032](?:\+\d{1,2})?:?) (?=\S)"
)
"""A match's minute or a race's lap opening a paragraph: "3 min: ", "90 min +2: ", "Lap 35/71 ",
"89' Goal hero ...", "90'+4 That will be ..."."""
_CLOCK_SHAPE = re.compile(r"\d+")
_TITLE_CHARS: Final = 60
_TITLE_SPACES: Final = 2
"""A title has three words or more; a button one or two ("Share", "Read more")."""
_CLOCK_LEAD = re.compile(
    r"(?:(?P<d>[0-3]?\d)/(?P<mo>[01]?\d) (?=\d\d?[:.]))?"  # a day first: "29/05 10:00 Welcome"
    r"(?:(?P<h>[01]?\d|2[0-3])(?P<sep>: ?|[.hH])|(?P<h4>[01]\d|2[0-3]))(?P<m>[0-5]\d)"  # "7: 11"
    # Capitals of Latin-1 too, and Spanish opening marks: "03.06 \u00bfQuieres saber ...".
    r"(?:\s?[\u2013\u2014:-]\s|\s(?=[A-Z\u00c0-\u00de0-9\"'\u201c\u2018\u00ab\u00bf\u00a1])"
    r"|(?=[A-Z][a-z]|[\"\u201c][A-Z])"
    r"|\s[^\w\s]{1,4}\s(?=[A-Z0-9])"  # an emoji for a dash: "4.50 \u26bd GOAL!"
    r"|\.\s(?=[A-Z0-9\"\u201c]))"  # "13:59. Final results: ..."
)
"""A bare clock opening a paragraph: "23:29 Forex ...", "0421 - Salmond ...", "0640Referring"."""
_LEAD_WORD = re.compile(r"([^\W\d_]{2,14}) (?=\d)")
"""A word before a paragraph's clock: "UPDATE 23.45 ...", "Ore 21.00 - ..."."""
_CLOCK_TAIL = re.compile(r"(?<=[^\d\s.!?])\s(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)$")
"""A bare clock ending a headline, after a word: "... risoluzione maggioranza-Fdi 20.00"."""
_TAIL_HEADLINE_CHARS: Final = 200
# Gizmodo's liveblogs: "[7:40] Apple Store pre-orders are go!", "Danny [5:45] : OK, so ...";
# Vulture's: "Kois (8:29): Welcome to the live blog" (in brackets only after a name); the
# Malay Mail's first post after its dateline: "KUALA LUMPUR, Nov 20 — [03.45am] Umno ...".
_BRACKET_LEAD = re.compile(
    r"(?:[A-Z][A-Z.' ]{2,30}(?:, [A-Z][a-z]{2}\.? \d\d?)? [\u2013\u2014-] (?=\[))?"
    r"(?:(?P<who>[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,2}) ?:? )?"
    r"(?P<open>\[|(?<=\w )\()(?:[Uu]pdate:? )?(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)"
    r"(?: ?(?P<ap>[aApP])\.?[mM]\.?)?(?P<tz> [A-Z]{2,4})?"
    r"(?P<close>[\])]) ?(?:[:\u2013\u2014-] ?)?(?=\S)"
)
_BRACKET_LEAD_CHARS: Final = 40
_NAME_LINE_CHARS: Final = 60
_NOON_HOUR: Final = 12
_MANY_ONE_LINERS: Final = 10
_COMMA_SIGNED: Final = " , "
"""How the Independent and the Standard set a writer after the time: "21:41 , Matt Watts"."""
_YEARS: Final = (1900, 2099)
_LIVE_TITLE = re.compile(
    r"(?:live(?: updates?| blog| coverage)?|as it happened)\s?[:|\u2013\u2014-]", re.I
)
_LINK_HEADINGS: Final = frozenset({"read more", "also read", "read next"})
_SENTENCE_CHARS: Final = 40
_PARAGRAPH: Final = 80
"""Characters a line of a schedule's item has at most, on average: a paragraph has more."""
_LOWER_CASE_LEAD = re.compile(
    r"(?P<h>1[0-2]|0?[1-9])[:.](?P<m>[0-5]\d)\s?(?P<ap>[apAP])\.?[mM]\.? (?=[a-z])"
)
_BARE_TWELVE_LEAD = re.compile(r"(?P<h>1[0-2]|[1-9])[:.](?P<m>[0-5]\d):? (?=[A-Z\"\u201c])")
_MATCH_BREAKS: Final = frozenset(
    {"ht", "ft", "half-time", "half time", "halftime", "full-time", "full time", "kick-off", "ko"}
)
_BLOCK_ENDS: Final = frozenset(
    {
        "show key events only",
        "live feed",
        "please turn on javascript to use this feature",
        "end of list",
        "show all key events",
        "see all key events",
        "view all key events",
    }
)
_BLOCK_SPAN: Final = 80
_TEASER_SPAN: Final = 3
_MIN_RUN: Final = 3
_LINK_LINES: Final = 3
_LINK_CHARS: Final = 160
_LINK_KINDS: Final = frozenset({TEXT, BULLET, CREDIT, BYLINE})
_SENTENCE_ENDS: Final = ".!?"
_PARAGRAPH_CHARS: Final = 120
_BYLINED_HEADLINE_CHARS: Final = 100
_LEAD_WORDS: Final = frozenset(
    {
        "by",
        "updated",
        "last updated",
        "published",
        "published on",
        "posted",
        "issued on",
        "modified",
    }
)
_LONGEST_LEAD: Final = max(map(len, _LEAD_WORDS)) + 2
_CONJUNCTIONS: Final = frozenset({"and", "&", ","})
_JOINED_KINDS: Final = frozenset({BYLINE, UPDATED})
_PLAY_LINES: Final = frozenset({"play", "play video", "watch", "watch video", "video", "duration"})
_DAY: Final = 24 * 60
_WRAP_GAP: Final = 6 * 60
"""Minutes: newest first, a clock this far below the next one is not the day wrapping."""
_STRAY_MINUTES: Final = 60
"""How far out of the page's order a glued clock must fall to be a time in the text."""
_CUT_WORDS: Final = 5
"""Spaces in a paragraph ending a capture under its last label: a post cut short, no footer."""
_HOUR_ONLY = re.compile(r"\d{1,2} ?[aApP][mM]")
"""An hour and its meridian, no minutes and no full stops ("10am", "8 PM")."""


class Order(Enum):
    """Where a post's headline stands relative to its time label."""

    TIME_FIRST = "time-first"
    HEADLINE_FIRST = "headline-first"
    TIME_LAST = "time-last"
    """Each post's time stands at its foot ("Posted by Name at 14:32"), under its text."""
    UNTIMED = "untimed"


@dataclass(frozen=True, slots=True)
class Segment:
    """The lines ``[start, end)`` of one post, and the line of its time label if it has one."""

    start: int
    end: int
    label_at: int | None


class Headlines(Enum):
    """What the page puts under its labels, which decides a doubtful headline."""

    UNSURE = "unsure"
    EXPECTED = "expected"
    """Most labels are followed by a headline, so a one-sentence line there is one too."""
    TITLED = "titled"
    """As EXPECTED, in Title Case: a name-like line there ("Boston Declares Snow") is one."""


@dataclass(frozen=True, slots=True)
class Layout:
    """The page cut into a header and posts."""

    lines: tuple[Line, ...]
    header_end: int
    segments: tuple[Segment, ...]
    order: Order
    labels: dict[int, TimeLabel]
    headlines: Headlines = Headlines.UNSURE


def _join_split_line(lines: list[Line], index: int) -> None:
    """Join a lone "By" or "Updated" to the line after it, as block-per-line dumps split them."""
    line = lines[index]
    if line.text.casefold().rstrip(": ") not in _LEAD_WORDS:
        return
    following = next_filled(lines, index)
    if following == len(lines):
        return
    joined = classify_normalized(f"{line.text} {lines[following].text}", indented=False)
    if joined.kind not in _JOINED_KINDS:
        return
    lines[index] = joined
    lines[following] = Line("", BLANK)
    if joined.kind is BYLINE:
        _join_more_names(lines, index, following)


def _join_split_names(lines: list[Line], conjunction: int) -> None:
    """Join names a dump split around their "and": "Jordan Pike", "and", "Mina Sato"."""
    name = conjunction - 1
    while name >= 0 and lines[name].kind is BLANK:
        name -= 1
    if name >= 0 and lines[name].kind is TEXT and is_person(lines[name].text):
        _join_more_names(lines, name, name)


def _join_more_names(lines: list[Line], byline: int, last: int) -> None:
    """Add the "and" and the name after it that a dump splits from a byline or a name."""
    while True:
        conjunction = next_filled(lines, last)
        name = next_filled(lines, conjunction)
        if name >= len(lines) or lines[conjunction].text.casefold() not in _CONJUNCTIONS:
            return
        if lines[name].kind is not TEXT or not is_name_line(lines[name].text):
            return
        text = f"{lines[byline].text} and {lines[name].text}"
        lines[byline] = Line(text, lines[byline].kind)
        lines[conjunction] = lines[name] = Line("", BLANK)
        last = name


def next_filled(lines: Sequence[Line], at: int) -> int:
    """Return the first line after ``at`` that is not blank (the end when none is)."""
    following = at + 1
    while following < len(lines) and lines[following].kind is BLANK:
        following += 1
    return following


def mark_chrome_blocks(lines: list[Line]) -> None:
    """Turn link lists ("GO DEEPER") and video teasers into chrome, join split bylines."""
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        if line.kind is TEXT or line.kind is BULLET:  # Euronews: "• Updated", then its time
            if len(line.text) <= _LONGEST_LEAD:
                _join_split_line(lines, index)
                if line.text in _CONJUNCTIONS:  # rare: only then are the names around it read
                    _join_split_names(lines, index)
        elif line.kind is BLOCK:
            index = _mark_block(lines, index)
            continue
        if line.kind is VIDEO:
            # A teaser's title and thumbnail caption sit right above its duration line.
            above = index - 1
            while above >= 0 and index - above <= _TEASER_SPAN and lines[above].kind is TEXT:
                lines[above] = Line(lines[above].text, CHROME)
                above -= 1
            lines[index] = Line(line.text, CHROME)
        index += 1


def _mark_block(lines: list[Line], heading: int) -> int:
    count = len(lines)
    lines[heading] = Line(lines[heading].text, CHROME)
    limit = min(count, heading + 1 + _BLOCK_SPAN)
    for end in range(heading + 1, limit):
        if lines[end].text.casefold() in _BLOCK_ENDS:
            for inner in range(heading + 1, end + 1):
                lines[inner] = Line(lines[inner].text, CHROME)
            return end + 1
    index = heading + 1
    while index < count and lines[index].kind is BLANK:
        index += 1
    if index < count and _is_sentence_at(lines, index) and len(lines[index].text) > _LINK_CHARS:
        return index  # a paragraph, no list's item: the list was left out of the capture
    items, timed = 0, False
    # "Read more" is also a post's last link: a headline and a label under it open the next.
    weak = lines[heading].text.casefold() in _LINK_HEADINGS
    least, chars = (1, _SENTENCE_CHARS) if weak else (_MIN_RUN - 1, _PARAGRAPH_CHARS)
    first = index
    while index < count and lines[index].kind is not BLANK:
        if lines[index].kind is TIME:
            # Untimed items ("5m agoHeadline" read as text), then a label over a paragraph:
            # the feed has begun. Where the items carry labels, a label is one more item.
            if not timed and items >= least and _has_paragraph(lines, index + 1, chars):
                if items == 1:  # the next post's headline, not an item
                    lines[first] = Line(lines[first].text, TEXT)
                break
            timed = True
        lines[index] = Line(lines[index].text, CHROME)
        items += 1
        index += 1
    return index


def merge_labels(lines: list[Line]) -> dict[int, TimeLabel]:
    """Pair labels written on two lines ("1h ago" then "17:26"); return labels by line."""
    labels: dict[int, TimeLabel] = {}
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        if line.kind is not TIME or line.label is None:
            index += 1
            continue
        label = line.label
        follower = index + 1
        while follower < count and lines[follower].kind is BLANK:
            follower += 1
        second = lines[follower].label if follower < count else None
        if second is not None and lines[follower].kind is TIME and _is_pair(label, second):
            labels[index] = TimeLabel(
                raw=f"{label.raw} {second.raw}",
                relative=label.relative if label.relative is not None else second.relative,
                clock=label.clock or second.clock,
                day=label.day or second.day,
                day_has_year=label.day_has_year if label.day else second.day_has_year,
                zone=label.zone or second.zone,
                meridian=label.meridian or second.meridian,
                glued=second.glued,
                author=second.author,
            )
            # The second line is part of the first label, not a post of its own.
            lines[follower] = Line(lines[follower].text, CHROME)
            index = follower + 1
            continue
        labels[index] = label
        index += 1
    return labels


def _stamps_as_labels(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Time the posts by their "Updated on: ..." stamps where a page gives them no other time."""
    # CBS: headline, byline, "Updated on: June 18, 2026 / 11:52 PM EDT / CBS News", text.
    # Reuters: "Updated 4 mins ago" under each post's text.
    stamps = [
        at
        for at, line in enumerate(lines)
        if line.kind is UPDATED
        and line.label is not None
        and (line.label.clock is not None or line.label.relative is not None)
    ]
    if len(stamps) < _MIN_RUN:
        return labels
    return _labelled(
        lines,
        labels,
        {
            at: replace(stamp, raw=lines[at].text, edited=True)
            for at in stamps
            if (stamp := lines[at].label) is not None
        },
    )


def _drop_page_dateline(lines: list[Line], labels: dict[int, TimeLabel]) -> None:
    """Drop a first label that dates the page, not a post."""
    if len(labels) < 3:
        return
    first, *rest = sorted(labels)
    label = labels[first]
    shape = _shape(label)
    above = next((line for line in reversed(lines[:first]) if line.kind is not BLANK), None)
    if (
        # The Independent: "Wednesday 03 May 2023 18:02 BST" above posts timed "18:02 , Name".
        (label.day is not None and all(_shape(labels[at]) != shape for at in rest))
        # "Published 6:00 a.m. ET Nov. 3, 2026 | Updated 8:14 p.m. ET Nov. 3, 2026", where no
        # post's label carries such a stamp ("Posted 14:05 | Updated 14:40 GST").
        or (label.updated and not any(labels[at].updated for at in rest))
        # Reuters: "December 4, 2025 8:30 PM GMT Updated 5 mins ago", its update run on.
        or (_UPDATED_WORD.match(label.glued) and not any(labels[at].glued for at in rest))
        # "Updated Thu, Nov 12 2026" with its time on the next line.
        or (above is not None and above.kind is DATE and _UPDATED_WORD.match(above.text))
        # The page's stamp above its newest post's, the same: "Updated on: June 18, ...".
        or (label.edited and label.raw == labels[rest[0]].raw)
    ):
        del labels[first]
        _unpair(lines, labels, first, label)
        return
    after = next_filled(lines, first)
    stamp = lines[after].text.lstrip(",|\u00b7 ") if after < len(lines) else ""
    if _UPDATED_WORD.match(stamp):
        # ABC Australia: "Wednesday 7 January 2026 at 9:40pm", ", updated 4m ago" and the
        # spoken "4 minutes ago": the page's stamp, and its update's time where it is the
        # same as the stamp's (or the stamp has none), not the first post's.
        del labels[first]
        following, edit = rest[0], parse_updated(stamp)
        time = labels[following]
        same = edit is None or (edit.relative == time.relative and edit.clock == time.clock)
        if following <= next_filled(lines, after) and same:
            del labels[following]


def _unpair(lines: list[Line], labels: dict[int, TimeLabel], first: int, label: TimeLabel) -> None:
    """Give the newest post back its own label where the page's stamp was paired with it."""
    # The Hill: "10/01/26 5:47 PM ET", the page's stamp, over "5:47 PM ET", its newest post's.
    below = next_filled(lines, first)
    if below >= len(lines) or lines[below].kind is not CHROME:
        return
    text = lines[below].text
    own = parse_label(text) if label.raw.endswith(f" {text}") else None
    if own is not None:
        lines[below] = Line(text, TIME, label=own)
        ordered = sorted({**labels, below: own}.items())
        labels.clear()
        labels.update(ordered)  # in page order, as every reader of labels expects


def _drop_video_lengths(lines: list[Line], labels: dict[int, TimeLabel]) -> None:
    """Drop bare clock times that are video lengths ("00:41"), turning their lines to video."""
    # The BBC's "published at 17:55" is a post's, whatever else the page shows.
    bare = {
        at
        for at, label in labels.items()
        if _is_bare_clock(label) and not label.raw.startswith(SPOKEN_LABEL)
    }
    clocks = sum(label.clock is not None for label in labels.values())
    zoned = sum(label.zone is not None for label in labels.values() if label.clock is not None)
    # Under a player's button a length is one, even run into its spoken form ("1:12Duration:
    # 1 minute 12 seconds").
    dropped = {
        at
        for at, label in labels.items()
        if _is_bare_clock(label, glued=True) and _after_play(lines, at)
    }
    if clocks >= _MIN_RUN and zoned * 4 >= clocks * 3:
        # Where the posts' labels name their zone, a bare clock is never a post's.
        dropped |= bare
    else:
        kept = {at: label for at, label in labels.items() if at not in dropped}
        dropped |= _out_of_order(lines, _twelve_hour_like_neighbours(kept)) & bare
    for at in dropped:
        del labels[at]
        lines[at] = Line(lines[at].text, VIDEO)


def _twelve_hour_like_neighbours(labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read bare 12-hour clocks among "p.m." labels as the half of the day nearest the last."""
    # "06:33:58 PM", "06:26:22", "06:08:02 PM": the middle one is evening, not a morning
    # clock out of order (a video's length).
    if not any(label.meridian for label in labels.values()):
        return labels
    read = dict(labels)
    last = None
    for at in sorted(labels):
        label = labels[at]
        clock = label.clock
        if clock is None:
            continue
        if last is not None and not label.meridian and 1 <= clock.hour <= _NOON_HOUR:
            read[at] = nearest_reading(label, last)
            clock = read[at].clock or clock
        last = clock.hour * 60 + clock.minute
    return read


def _drop_stray_times(lines: list[Line], labels: dict[int, TimeLabel]) -> None:
    """Read as text a clock run into its sentence that breaks the page's order by hours."""
    # A morning post's diary ("10am: ...", "3.30pm: MPs debate the bill") between posts at
    # 8.40am and 8.50am is the post's text; a post a few minutes out of order stays one.
    glued = {
        at for at, label in labels.items() if label.glued and _is_bare_clock(label, glued=True)
    }
    if not glued:
        return
    # An hour alone ("10am: A minister speaks") is a diary's or a schedule's item where it
    # breaks the order at all, among the clocks the rest keep; a post's ("8pm: Hou concedes")
    # keeps it.
    hours = {at for at in glued if _HOUR_ONLY.fullmatch(labels[at].raw)}
    timed = {at: label for at, label in labels.items() if at not in hours}
    stray = _out_of_order(lines, timed, slack=_STRAY_MINUTES) & glued
    if hours:
        stray |= _stray_hours(labels, hours, stray)
    if stray:
        stray |= _schedule_heads(lines, labels, glued - stray, stray)
    for at in stray:
        del labels[at]
        lines[at] = Line(lines[at].text, TEXT)


def _schedule_heads(
    lines: list[Line], labels: dict[int, TimeLabel], glued: set[int], stray: set[int]
) -> set[int]:
    """Find the glued clocks over stray ones that run against the page: a schedule's first."""
    # The day's programme under the standfirst ("10.20am: The procession sets off", "11am:
    # ...", "12pm: ...") on a page whose posts run newest first: its first item alone falls
    # in the feed's order, by chance. Running the page's way, it is a post's diary (its text).
    clocks: list[int | None] = [
        clock.hour * 60 + clock.minute
        for at, label in sorted(labels.items())
        if at not in stray and (clock := label.clock) is not None
    ]
    later_below = newest_first([clocks])
    heads: set[int] = set()
    for at in sorted(glued, reverse=True):
        below = next_filled(lines, at)
        if below not in stray and below not in heads:
            continue
        first, then = labels[at].clock, labels[below].clock
        if (
            first is not None
            and then is not None
            and first != then
            and (then > first) == later_below
        ):
            heads.add(at)
    return heads


def _stray_hours(labels: dict[int, TimeLabel], hours: set[int], stray: set[int]) -> set[int]:
    """Find the hours alone that fall outside the clocks around them, in the page's order."""
    timed = [
        (at, clock.hour * 60 + clock.minute)
        for at, label in labels.items()
        if at not in hours and at not in stray and (clock := label.clock) is not None
    ]
    if not timed:
        return set()
    step = -1 if newest_first([[minutes for _, minutes in timed]]) else 1
    odd = set()
    for at in hours:
        clock = labels[at].clock
        if clock is None:
            continue
        minutes = clock.hour * 60 + clock.minute
        above = next((m for position, m in reversed(timed) if position < at), None)
        below = next((m for position, m in timed if position > at), None)
        # Walking the page's way round the clock, from the label above to the one below.
        into = (above - minutes) * -step % _DAY if above is not None else 0
        out = (minutes - below) * -step % _DAY if below is not None else 0
        span = (above - below) * -step % _DAY if above is not None and below is not None else None
        if (span is not None and into + out != span) or max(into, out) > _DAY // 2:
            odd.add(at)
    return odd


def _is_bare_clock(label: TimeLabel, *, glued: bool = False) -> bool:
    """Tell whether a label is a clock and nothing else (``glued``: but for text run on)."""
    return (
        (glued or not label.glued)
        and label.clock is not None
        and label.zone is None
        and label.relative is None
        and label.day is None
        and label.days_back is None
        and label.weekday is None
        and not label.author
    )


def _after_play(lines: list[Line], at: int) -> bool:
    """Tell whether the line above ``at`` is a player's button ("Play video")."""
    index = at - 1
    while index >= 0 and lines[index].kind is BLANK:
        index -= 1
    return index >= 0 and lines[index].text.lower().rstrip(".") in _PLAY_LINES  # "Play Video."


def _out_of_order(lines: list[Line], labels: dict[int, TimeLabel], slack: int = 0) -> set[int]:
    """Find clocks off the page's order by over ``slack`` minutes where those around keep it."""
    # A video's length inside a post reads as a clock: "14:47, 00:58, 14:30" taken at its
    # word would put a whole day between two posts 17 minutes apart.
    runs: list[list[tuple[int, int | None]]] = [[]]
    for at in sorted(labels):
        label = labels[at]
        if label.day is not None:
            runs.append([])
            continue
        if runs[-1] and _date_between(lines, runs[-1][-1][0], at):
            runs.append([])
        clock = label.clock
        # A relative label ("2 hours ago") has no clock to compare: it is newer than any.
        runs[-1].append((at, None if clock is None else clock.hour * 60 + clock.minute))
    newest = newest_first([[minutes for _, minutes in run] for run in runs])
    odd: set[int] = set()
    for run in runs:
        odd |= _odd_in_run(run if newest else run[::-1], slack)
    return odd


def newest_first(runs: list[list[int | None]]) -> bool:
    """Tell whether a page's clocks (as numbers, None for no clock) mostly run down, or as often."""
    down = up = 0
    for run in runs:
        for first, second in pairwise(run):
            if first is not None and second is not None:
                down += second < first
                up += second > first
    return down >= up


def _odd_in_run(run: list[tuple[int, int | None]], slack: int) -> set[int]:
    """Find the clocks of a newest-first run that the clocks around them step over."""
    clocks = [(index, minutes) for index, (_, minutes) in enumerate(run) if minutes is not None]
    odd: set[int] = set()
    previous: int | None = None
    for position, (index, minutes) in enumerate(clocks):
        after = clocks[position + 1][1] if position + 1 < len(clocks) else None
        if after is None:
            break
        if previous is not None:
            stepped_over = previous >= after and not after - slack <= minutes <= previous + slack
        else:
            # First under "2 hours ago", a clock far before the next is no day's wrap.
            stepped_over = index > 0 and (minutes - after) % _DAY > _WRAP_GAP
        if stepped_over:
            odd.add(run[index][0])
        else:
            previous = minutes
    return odd


def _date_between(lines: list[Line], start: int, end: int) -> bool:
    return any(lines[index].kind is DATE for index in range(start + 1, end))


def _demote_listed_times(lines: list[Line], labels: dict[int, TimeLabel]) -> None:
    """Read a post's own list of times ("8:00 a.m.: Men's wheelchair", line after line) as text."""
    # Posts stand apart; the items of a schedule inside one follow each other with nothing
    # between, each its time and its text. Where most of a page's labels do that, they are
    # its posts after all.
    tight = [
        at
        for at in labels
        if labels[at].glued and any(labels.get(near, _NO_LABEL).glued for near in (at - 1, at + 1))
    ]
    if not tight or len(tight) * 2 > len(labels):
        return
    positions = sorted(labels)
    runs: list[list[int]] = []
    for at in tight:
        if runs and runs[-1][-1] == at - 1:
            runs[-1].append(at)
        else:
            runs.append([at])
    for run in runs:
        begin = positions.index(run[0])
        if all(len(labels[at].glued) >= _PARAGRAPH_CHARS for at in run) and _continues_feed(
            labels, positions, begin, begin + len(run)
        ):
            continue  # paragraphs in the feed's order: posts set without a blank line between
        for at in run:
            lines[at] = Line(lines[at].text, BULLET)
            del labels[at]


def _drop_repeated_kickers(lines: list[Line], labels: dict[int, TimeLabel]) -> None:
    """Read as chrome a line the page sets under most labels alike ("Latest Updates")."""
    # Firstpost: "01:43 (IST)", "Lok Sabha Election Results Latest Updates", then the
    # post's own headline, post after post.
    under = {}
    for at in labels:
        below = next_filled(lines, at)
        # A kicker over the post's headline; a title the blog gives every post (the
        # Independent's "Women's World Cup") has the post's text under it.
        if (
            below < len(lines)
            and lines[below].kind is TEXT
            and _is_headline_at(lines, next_filled(lines, below))
        ):
            under[below] = lines[below].text
    counts = Counter(under.values())
    for index, text in under.items():
        if counts[text] >= _MIN_RUN and counts[text] * 2 >= len(labels):
            # A writer of most posts stands there too (the Belfast Telegraph's "Gareth Hanna").
            lines[index] = Line(text, BYLINE if is_person(text) else CHROME)


def _restore_chrome_titles(lines: list[Line], labels: dict[int, TimeLabel]) -> None:
    """Read "Summary" under a label, or a line over "published at", as the post's title."""
    # The Guardian titles its wrap-up posts "Summary", a word that in a page's head
    # stands over the summary's bullets and is chrome there. Over the BBC's "published at"
    # stands the post's title, whatever it says ("Follow live updates in Russian"), or a
    # button ("Share", "Pinned").
    for at, label in labels.items():
        above = lines[at - 1] if at else None
        if (
            above is not None
            and above.kind is CHROME
            and label.raw.startswith(SPOKEN_LABEL)
            and above.text.count(" ") >= _TITLE_SPACES
        ):
            lines[at - 1] = Line(above.text, TEXT)
        below = next_filled(lines, at)
        if (
            below < len(lines)
            and lines[below].kind is CHROME
            and lines[below].text.casefold() in _CHROME_TITLES
            and (after := next_filled(lines, below)) < len(lines)
            and lines[after].kind is TEXT
        ):
            lines[below] = Line(lines[below].text, TEXT)


def _drop_paged_footer(lines: list[Line], labels: dict[int, TimeLabel]) -> None:
    """Read as chrome the feed's page links under the last label and all below them."""
    # "Newest Previous 1 of 4 Next Oldest" (or a line each) ends the feed: the page's
    # footer under it is no part of the last post.
    if not labels:
        return
    index = max(labels) + 1
    while index < len(lines):
        run = index
        while run < len(lines) and _PAGE_LINKS.fullmatch(lines[run].text.casefold()):
            run += 1
        links = " ".join(line.text.casefold() for line in lines[index:run])
        if run > index and _PAGE_DIRECTION.search(links) and _PAGE_NUMBER.search(links):
            for below in range(index, len(lines)):
                if lines[below].kind is not BLANK:
                    lines[below] = Line(lines[below].text, CHROME)
            return
        index = run + 1


def _demote_stamped_leads(
    lines: list[Line], labels: dict[int, TimeLabel], nexts: list[int]
) -> None:
    """Read a post's text that opens with a clock right under its dated stamp as text."""
    # Zee News: "2 May 2021, 08:41 AM", then "8.45 AM: Trends available ...": the stamp is
    # the post's, the clock the newsroom's note of when the trends came.
    for at in [at for at in labels if labels[at].day is not None and not labels[at].glued]:
        under = nexts[at + 1]
        lead = labels.get(under)
        if lead is not None and lead.glued and lead.day is None and lead.relative is None:
            lines[under] = Line(lines[under].text, TEXT)
            del labels[under]


def _drop_link_lists(
    lines: list[Line], labels: dict[int, TimeLabel], nexts: list[int], prevs: list[int]
) -> None:
    """Turn runs of timed links into chrome: key events, "more on this story", most read.

    A run is three or more labels in a row, each with at most a few short lines and no
    sentence before the next: a list of headlines, not posts. Posts elsewhere on the page
    must remain, so a page of nothing but one-line posts keeps them.
    """
    positions = sorted(labels)
    # Where most labels open their post's text on their own line ("4:44: Tommy Sheridan
    # is said to be ..."), a run of such lines is the posts of a busy hour, not a list.
    led = sum(bool(label.glued) for label in labels.values()) * 2 > len(labels)
    linky = [
        _is_link_item(lines, at, end, nexts)
        and not (led and labels[at].glued and labels[at].relative is None)
        for at, end in _units(positions, len(lines))
    ]
    runs: list[tuple[int, int]] = []
    start = None
    chrome = -1  # the first chrome line after the last run's end, or the page's end
    for index, is_link in enumerate([*linky, False]):
        if is_link and start is None:
            start = index
        elif not is_link and start is not None:
            end = index
            if end < len(positions) and chrome <= positions[end]:
                # Searched on from here only past the last find: once per page in all.
                chrome = _chrome_after(lines, positions[end])
            if end < len(positions) and _is_link_item(lines, positions[end], chrome, nexts):
                end += 1  # the list's last item, followed by the page's footer
            if end - start >= _MIN_RUN:
                runs.append((start, end))
            start = None
    runs = [run for run in runs if not _continues_feed(labels, positions, *run)]
    dropped = sum(end - begin for begin, end in runs)
    if not runs or len(positions) - dropped < 2:
        return
    for begin, end in runs:
        first = positions[begin]
        before = prevs[first]
        if before >= 0 and _is_headline_at(lines, before):
            first = before  # a headline-first list opens with its first headline
        last = positions[end] if end < len(positions) else len(lines)
        last = min(last, _unit_end(lines, positions[end - 1], last, nexts))
        for index in range(first, last):
            labels.pop(index, None)
            if lines[index].kind is not BLANK:
                lines[index] = Line(lines[index].text, CHROME)


def _drop_footer_after_last(lines: list[Line], labels: dict[int, TimeLabel]) -> None:
    """Read as chrome the page's footer under the last post: link lists, no more sentences."""
    # The last post's segment runs to the page's end: "Points Table", "Trending now",
    # "Other Times Group news sites"... are no part of it. Its text ends with its last
    # sentence and the writer's signature under it.
    last = max(labels)
    # The last post keeps its first line at least, a sentence or not ("We're starting!").
    last = next_filled(lines, last)
    end = next(
        (
            index
            for index in range(len(lines) - 1, last, -1)
            if lines[index].kind is TEXT
            and len(lines[index].text) >= _FOOTER_SENTENCE
            and ends_sentence(lines[index].text)
            and not lines[index].text.startswith(_COPYRIGHT)
        ),
        last,
    )
    # The footer opens with the page's furniture (a button, a "More from" heading, the
    # copyright): the post's own lines above it (a list, a caption, a signature) stay.
    opening = next(
        (
            index
            for index in range(end + 1, len(lines))
            if lines[index].kind is CHROME
            or lines[index].kind is BLOCK
            or lines[index].text.startswith(_COPYRIGHT)
            or (
                len(lines[index].text) <= _FOOTER_HEADING_CHARS
                and _FOOTER_HEADING.match(lines[index].text) is not None
            )
        ),
        len(lines),
    )
    footer = [index for index in range(opening, len(lines)) if lines[index].kind is not BLANK]
    if len(footer) >= _FOOTER_LINES:
        for index in footer:
            lines[index] = Line(lines[index].text, CHROME)


def _continues_feed(
    labels: dict[int, TimeLabel], positions: list[int], begin: int, end: int
) -> bool:
    """Tell whether a run of one-line items is the feed's own: its posts' labels, in order."""
    # A wire's one-line posts ("Hard Copies of Budget arrive at Parliament") carry the
    # labels the posts around them do and go on in their order; a key events list repeats
    # the posts' times, a "more on this story" list has labels of its own kind.
    inside = [labels[at] for at in positions[begin:end]]
    outside = [labels[at] for at in positions[:begin] + positions[end:]]
    forms = Counter(map(_label_form, outside))
    if not forms or any(_label_form(label) != forms.most_common(1)[0][0] for label in inside):
        return False
    if inside[0].clock is None:
        return False
    if {_moment(label) for label in inside} & {_moment(label) for label in outside}:
        return False
    above = _moment(labels[positions[begin - 1]]) if begin else None
    below = _moment(labels[positions[end]]) if end < len(positions) else None
    moments = [_moment(label) for label in inside]
    return all(
        earlier <= later
        for earlier, later in pairwise([below, *reversed(moments), above])
        if earlier is not None and later is not None
    ) or all(
        earlier <= later
        for earlier, later in pairwise([above, *moments, below])
        if earlier is not None and later is not None
    )


def _label_form(label: TimeLabel) -> tuple[bool, ...]:
    """Name a label's kind: which parts it gives (a day, a clock, an age, a zone...)."""
    return (
        label.day is not None,
        label.clock is not None,
        label.relative is not None,
        label.meridian,
        label.zone is not None,
        bool(label.glued),
    )


def _moment(label: TimeLabel) -> tuple[date, time] | None:
    """Return a label's day and clock, to compare with another's (no day: the minimum)."""
    if label.clock is None:
        return None
    return (label.day or date.min, label.clock)


def _chrome_after(lines: list[Line], at: int) -> int:
    index = at + 1
    while index < len(lines) and lines[index].kind is not CHROME:
        index += 1
    return index


def _units(positions: list[int], count: int) -> list[tuple[int, int]]:
    return [
        (at, positions[number + 1] if number + 1 < len(positions) else count)
        for number, at in enumerate(positions)
    ]


def _unit_end(lines: list[Line], at: int, end: int, nexts: list[int]) -> int:
    """Return where a list item's lines end: after its few content lines."""
    index, seen = at + 1, 0
    while index < end and seen < _LINK_LINES:
        following = nexts[index]
        if following >= end:
            break
        seen += 1
        index = following + 1
    return index


def _is_link_item(lines: list[Line], at: int, end: int, nexts: list[int]) -> bool:
    """Tell whether the lines after label ``at`` are a headline link, not a post."""
    label = lines[at].label
    if label is not None and label.glued and label.glued[-1] in _SENTENCE_ENDS:
        return False
    index, seen = at + 1, 0
    while True:
        following = nexts[index] if index < len(lines) else len(lines)
        if following >= end or following >= len(lines):
            # A link has its headline, over or under its label; labels stacked one on the
            # next are posts whose only content (a tweet, a video) the capture left out.
            stacked = following == end < len(lines) and lines[following].kind is TIME
            return seen > 0 or not stacked
        line = lines[following]
        seen += 1
        if seen > _LINK_LINES or line.kind not in _LINK_KINDS:
            return False
        if line.kind is TEXT and (len(line.text) > _LINK_CHARS or ends_sentence(line.text)):
            return False
        index = following + 1


def ends_sentence(text: str) -> bool:
    """Tell whether ``text`` ends a sentence (a question only where it is not alone)."""
    closing = text.rstrip("\"'\u201d\u2019)")[-1:]
    # A one-line question is a headline ("What does an emergency warning mean?").
    return bool(closing) and closing in _SENTENCE_ENDS and not (closing == "?" and "? " not in text)


def _shape(label: TimeLabel) -> tuple[bool, bool, bool]:
    return (label.relative is not None, label.clock is not None, label.day is not None)


def _is_pair(first: TimeLabel, second: TimeLabel) -> bool:
    if first.glued or first.author:
        return False
    if second.relative is not None:
        # ABC: "4m ago", then the screen reader's "4 minutes ago"; Metro: "14:05", then
        # "2 hours ago" under it.
        if first.clock is None:
            return first.relative == second.relative
        return first.relative is None and second.clock is None and not second.glued
    if first.relative is not None and first.clock is None:
        return second.clock is not None
    # BBC prints a spoken label and then the visible one: the same clock twice.
    return first.clock is not None and first.clock == second.clock


def find_layout(lines: list[Line]) -> Layout:
    """Cut ``lines`` into the header and the posts."""
    mark_chrome_blocks(lines)
    labels = _find_labels(lines)
    _drop_page_dateline(lines, labels)
    _drop_video_lengths(lines, labels)
    _drop_stray_times(lines, labels)
    _demote_listed_times(lines, labels)
    _drop_repeated_kickers(lines, labels)
    _restore_chrome_titles(lines, labels)
    _drop_paged_footer(lines, labels)
    nexts, prevs = _content_neighbours(lines)
    _demote_stamped_leads(lines, labels, nexts)
    _drop_link_lists(lines, labels, nexts, prevs)
    # Untimed posts are looked for only where labels are too few to cut the page.
    untimed_starts = _untimed_starts(lines, nexts, prevs) if len(labels) < 2 else set()
    if not labels and len(untimed_starts) < 2:
        untimed_starts = _bulleted_posts(lines, nexts, prevs) or untimed_starts
    # One label and no run of untimed posts after it: a new blog's first capture, one post.
    first_label = min(labels, default=len(lines))
    after_label = [s for s in untimed_starts if s > nexts[min(first_label + 1, len(lines))]]
    signed = bool(labels) and all(lines[at].kind is BYLINE for at in labels)
    if (signed or len(labels) >= _MIN_RUN) and (
        footed := _footed_starts(lines, labels, nexts, prevs, signed=signed)
    ):
        order, starts = Order.TIME_LAST, footed
    elif len(labels) >= 2 or (labels and len(after_label) < 2):
        order = _vote_order(lines, labels, nexts, prevs)
        if order is Order.TIME_FIRST and len(labels) >= _MIN_RUN:
            _stamp_labels(lines, labels, nexts, prevs)
        starts = _timed_starts(lines, labels, order, nexts, prevs)
        # Past the last label is the page's footer ("Sign up for ..."), not an untimed post.
        last_label = max(labels)
        starts |= {s for s in _separated_starts(lines, sorted(starts), nexts) if s < last_label}
        starts |= _untimed_posts(lines, labels, nexts)
        if order is not Order.TIME_LAST:
            _drop_footer_after_last(lines, labels)
    else:
        order = Order.UNTIMED
        starts = untimed_starts
        counts = [i for i, line in enumerate(lines) if line.kind is COUNT]
        if counts:
            # "22 Posts" closes the header: short lines above it are the blog's, not posts.
            starts = {start for start in starts if start > counts[0]}
        if starts and lines[first := min(starts)].text in {line.text for line in lines[:first]}:
            starts.discard(first)  # the page's title printed again over its standfirst
    ordered = [start for start in sorted(starts) if _has_content(lines, start, starts)]
    segments = _segments(ordered, len(lines), labels, order)
    header_end = ordered[0] if ordered else len(lines)
    headlines = Headlines.UNSURE
    if order is Order.TIME_FIRST and _headlines_expected(lines, labels, nexts):
        titled = _titled_like_names(lines, labels, nexts)
        headlines = Headlines.TITLED if titled else Headlines.EXPECTED
    return Layout(tuple(lines), header_end, tuple(segments), order, labels, headlines)


def _find_labels(lines: list[Line]) -> dict[int, TimeLabel]:
    """Find the posts' labels: lines read as labels, else paragraphs opening with times."""
    labels = _with_match_breaks(lines, merge_labels(lines))
    if len(labels) < 2:
        labels = _stamps_as_labels(lines, labels)
    if len(labels) < 2:
        labels = _minute_leads(lines, labels)
    if len(labels) < 2 or any(_is_bare_lead(label) for label in labels.values()):
        labels = _clock_leads(lines, labels)
    if len(labels) < 2:
        labels = _bracket_leads(lines, labels)
    if len(labels) < 2:
        labels = _clock_tails(lines, labels)
    if len(labels) < 2:
        labels = _signatures(lines) or _dated_headlines(lines, labels)
    else:
        labels = _titled_clock_leads(lines, labels)
    return _lower_case_leads(lines, labels)


def _titled_clock_leads(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read "19:41 SCRUB" over a paragraph as a label and its headline where labels stand alone."""
    # Spaceflight Now: "19:56" alone over most posts, "18:59 New launch time" over some.
    alone = [label.raw for label in labels.values() if _is_bare_clock(label) and not label.glued]
    if len(alone) * 3 < len(labels) * 2:
        return labels
    shapes = {_CLOCK_SHAPE.sub("0", raw) for raw in alone}
    found = {}
    for index, lead in _leads(lines, _CLOCK_LEAD).items():
        text = lines[index].text
        title = text[lead.end() :]
        below = next_filled(lines, index)
        if (
            len(title) <= _TITLE_CHARS
            and not ends_sentence(title)
            and _CLOCK_SHAPE.sub("0", text[: lead.end()].rstrip()) in shapes
            and below < len(lines)
            and lines[below].kind is TEXT
        ):
            clock = time(int(lead["h"] or lead["h4"]), int(lead["m"]))
            found[index] = TimeLabel(raw=text[: lead.end()].rstrip(), clock=clock, glued=title)
    if not found:
        return labels
    odd = _out_of_order(lines, labels | found)
    return _labelled(lines, labels, {at: label for at, label in found.items() if at not in odd})


def _with_match_breaks(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read "HT" and "FT" as labels too where match minutes ("67'") label the posts."""
    if not any(_is_minute(label) for label in labels.values()):
        return labels
    breaks = {
        index: TimeLabel(raw=line.text)
        for index, line in enumerate(lines)
        if line.kind is TEXT and line.text.casefold() in _MATCH_BREAKS
    }
    return _labelled(lines, labels, breaks)


def _labelled(
    lines: list[Line], labels: dict[int, TimeLabel], found: dict[int, TimeLabel]
) -> dict[int, TimeLabel]:
    """Make each line ``found`` the label it was read as; return all labels in page order."""
    for index, label in found.items():
        lines[index] = Line(lines[index].text, TIME, label=label)
    return dict(sorted((labels | found).items()))


def _leads(
    lines: list[Line], pattern: re.Pattern[str], initials: str = ""
) -> dict[int, re.Match[str]]:
    """Find the paragraphs that open with ``pattern`` (a digit or ``initials`` first)."""
    return {
        index: lead
        for index, line in enumerate(lines)
        if line.kind is TEXT
        and (line.text[0].isdigit() or line.text[0] in initials)
        and (lead := pattern.match(line.text)) is not None
        and lead.end() < len(line.text)
    }


def _minute_leads(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read paragraphs that open with a match's minute ("3 min: GOAL!") as labelled posts."""
    # A minute-by-minute report with no clock times: each minute's paragraph is a post.
    leads = _leads(lines, _MINUTE_LEAD, initials="L")
    if len(leads) < _MIN_RUN:
        return labels
    return _labelled(
        lines,
        labels,
        {
            index: TimeLabel(raw=text[: lead.end()].rstrip(": "), glued=text[lead.end() :])
            for index, lead in leads.items()
            if (text := lines[index].text)
        },
    )


def _clock_leads(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read paragraphs that open with a bare clock ("23:29 Forex ...", "0421 - ...") as posts."""
    # Without a zone or a meridian, a clock opening a line may be prose ("10.30 Doors open");
    # a run of them in the page's order, over text of their own, is how the page times posts.
    leads = _leads(lines, _CLOCK_LEAD) or _prefixed_leads(lines)
    if len(leads) < (2 if all(lead["sep"] for lead in leads.values()) else _MIN_RUN):
        return labels
    clocks = {
        index: time(int(lead["h"] or lead["h4"]), int(lead["m"])) for index, lead in leads.items()
    }
    up, down = _steps(clocks.values())
    positions = list(leads)
    if (
        min(up, down) > 1  # out of order
        # A schedule, item under item; not paragraphs, each a post, that a dump set without
        # blank lines between ("8:44 The girl on the show is ...").
        or (
            all(after == before + 1 for before, after in pairwise(positions))
            and sum(len(lines[index].text) for index in positions) < _PARAGRAPH * len(positions)
            # Many more than a schedule holds: a page of one-line posts set without blank
            # lines ("19:10: EFF leader Julius Malema raises a point of order").
            and len(positions) < _MANY_ONE_LINERS
        )
        # "2013: ...", "2014: ...": a timeline of years inside a post, told from a newest-first
        # evening's "1935: ...", "1932: ..." by running up
        or (
            up > down
            and all(
                lead["h4"] and _YEARS[0] <= int(lead[0][:4]) <= _YEARS[1] for lead in leads.values()
            )
        )
    ):
        return labels
    found = {
        index: TimeLabel(
            raw=text[: lead.end()].rstrip(" :\u2013\u2014-"),
            clock=clocks[index],
            day=_lead_day(lead),
            day_has_year=False,
            glued=text[lead.end() :],
        )
        for index, lead in leads.items()
        if (text := lines[index].text)
    }
    return _labelled(lines, labels, _spoken_by(found))


def _lead_day(lead: re.Match[str]) -> date | None:
    """Read the day and month before a paragraph's clock ("29/05 10:00"), in a leap year."""
    if lead["d"] is None:
        return None
    try:
        return date(2000, int(lead["mo"]), int(lead["d"]))
    except ValueError:
        return None


def _prefixed_leads(lines: list[Line]) -> dict[int, re.Match[str]]:
    """Find paragraphs opening with one word, the same on each, then a bare clock."""
    # "UPDATE 23.45 Vladimir Putin ...", "ACTUALIZARE 06.31 ...", "Ore 21.00 - Figliuolo: ...".
    found: dict[str, dict[int, re.Match[str]]] = {}
    for index, line in enumerate(lines):
        if line.kind is TEXT and (word := _LEAD_WORD.match(line.text)) is not None:
            lead = _CLOCK_LEAD.match(line.text, word.end())
            # "In 2019 Trump ...": four digits after a word are a year.
            if lead is not None and lead["sep"] and lead.end() < len(line.text):
                found.setdefault(word[1].casefold(), {})[index] = lead
    return max(found.values(), key=len) if found else {}


def _clock_tails(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read headlines that end with a bare clock, each over its text, as labelled posts."""
    # Affaritaliani: "Ucraina: Camera, ok a risoluzione 20.00", its paragraph, and so on;
    # a run of them in the page's order, as with clocks opening paragraphs.
    tails = {
        index: tail
        for index, line in enumerate(lines)
        if line.kind is TEXT
        and line.text[-1].isdigit()
        and len(line.text) <= _TAIL_HEADLINE_CHARS
        and (tail := _CLOCK_TAIL.search(line.text)) is not None
    }
    if len(tails) < _MIN_RUN:
        return labels  # most pages: the neighbours below are not worth finding
    nexts, _ = _content_neighbours(lines)
    tails = {
        index: tail for index, tail in tails.items() if _has_paragraph(lines, nexts[index + 1])
    }
    # In the page's order, one way but for a day's turn.
    if len(tails) < _MIN_RUN or min(_steps(map(_tail_clock, tails.values()))) > 1:
        return labels
    found = {
        index: TimeLabel(
            raw=tail[0].strip(), clock=_tail_clock(tail), glued=lines[index].text[: tail.start()]
        )
        for index, tail in tails.items()
    }
    return _labelled(lines, labels, found)


def _tail_clock(tail: re.Match[str]) -> time:
    return time(int(tail["h"]), int(tail["m"]))


def _steps(clocks: Iterable[time]) -> tuple[int, int]:
    """Count the steps up and the steps down from each clock to the next."""
    minutes = [clock.hour * 60 + clock.minute for clock in clocks]
    up = sum(after > before for before, after in pairwise(minutes))
    return up, sum(after < before for before, after in pairwise(minutes))


def _is_bare_lead(label: TimeLabel) -> bool:
    """Tell whether a label is a clock run into its text ('10:27 "We'll ...', "11.58am And")."""
    return bool(label.glued) and not (label.zone or label.day or label.relative)


def _spoken_by(labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Take the writers off posts' text that opens with their names: "David Braue: No ..."."""
    # Writers taking turns sign post after post; a place said once ("East Belfast: ...")
    # opens a headline.
    speakers = {at: split_speaker(label.glued) for at, label in labels.items()}
    turns = Counter(speaker[0] for speaker in speakers.values() if speaker is not None)
    if not turns or turns.most_common(1)[0][1] < 2:
        return labels
    return {
        at: label
        if (speaker := speakers[at]) is None
        else replace(label, author=speaker[0], glued=speaker[1])
        for at, label in labels.items()
    }


def _bracket_hour(lead: re.Match[str]) -> int:
    """Read a bracketed clock's hour on the 24-hour dial: "[3.40pm]" is 15."""
    hour = int(lead["h"])
    return meridian_hour(hour, lead["ap"]) if lead["ap"] and 1 <= hour <= _NOON_HOUR else hour


def _bracket_leads(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read paragraphs that open with a clock in brackets ("[7:40] ...", "Alex: [6:26] ...")."""
    leads = {
        index: lead
        for index, line in enumerate(lines)
        if line.kind is TEXT
        and ("[" in (head := line.text[:_BRACKET_LEAD_CHARS]) or "(" in head)
        and (lead := _BRACKET_LEAD.match(line.text)) is not None
        and lead.end() < len(line.text)
    }
    if len(leads) < _MIN_RUN:
        return labels
    return _labelled(
        lines,
        labels,
        {
            index: TimeLabel(
                raw=text[lead.start("open") : lead.end("close")],
                clock=time(_bracket_hour(lead), int(lead["m"])),
                glued=text[lead.end() :],
                author=lead["who"] or "",
                meridian=bool(lead["ap"]),
                zone=_bracket_zone(text, lead),  # "[1:00PM PDT] \u2013 Welcome to ..."
            )
            for index, lead in leads.items()
            if (text := lines[index].text)
        },
    )


def _bracket_zone(text: str, lead: re.Match[str]) -> tzinfo | None:
    """Return the zone a bracketed clock names, if it names one."""
    if not lead["tz"]:
        return None
    label = parse_label(text[lead.end("open") : lead.start("close")])
    return label.zone if label is not None else None


def _lower_case_leads(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read "11.59pm any moment now" as a post where the page's clocks open its paragraphs."""
    # Alone, a clock before a word in lower case is prose ("8am doors open"); on a page whose
    # posts are "12.02am The Netherlands!", it is one more post (a stray is dropped below).
    if sum(bool(label.glued and label.meridian) for label in labels.values()) < _MIN_RUN:
        return labels
    leads = _leads(lines, _LOWER_CASE_LEAD)
    found = {
        index: TimeLabel(
            raw=lead[0].rstrip(),
            clock=time(int(lead["h"]) % 12 + 12 * (lead["ap"] in "pP"), int(lead["m"])),
            meridian=True,
            glued=lines[index].text[lead.end() :],
        )
        for index, lead in leads.items()
    }
    # And a clock that left its meridian out ("9:32 Katy Perry performs ...", "5.09: The
    # couple ..."): the half of the day nearest the posts around it, as on a 12-hour dial.
    placed = sorted(labels)
    for index, lead in _leads(lines, _BARE_TWELVE_LEAD).items():
        # The label above, found by bisection: a page may hold thousands of both.
        before = bisect_left(placed, index)
        above = placed[before - 1] if before else None
        bare = TimeLabel(
            raw=lead[0].rstrip(": "),
            clock=time(int(lead["h"]), int(lead["m"])),
            glued=lines[index].text[lead.end() :],
        )
        near = labels[above].clock if above is not None else None
        found[index] = nearest_reading(bare, near.hour * 60 + near.minute) if near else bare
    return _labelled(lines, labels, found)


def _signatures(lines: list[Line]) -> dict[int, TimeLabel]:
    """Read writers' signatures under posts as labels: "Luke Baker1 September 2023 21:21"."""
    # The Independent's text without its script's times: a post's only time is at its foot.
    found = {
        at: replace(signed[1], raw=line.text, author=signed[0])
        for at, line in enumerate(lines)
        if line.kind is BYLINE
        and line.text[-1].isdigit()
        and (signed := split_signature(line.text)) is not None
    }
    return found if len(found) >= 2 else {}


def _dated_headlines(lines: list[Line], labels: dict[int, TimeLabel]) -> dict[int, TimeLabel]:
    """Read the date over each post's text as its label where a page gives no times."""
    # A daily digest: "Hundreds evacuated from steel plant", "Tuesday, May 17", its text;
    # or only the date over each update's paragraphs ("September 18, 2018").
    dates = [index for index, line in enumerate(lines) if line.kind is DATE]
    if len(dates) < 2:
        return labels
    nexts, prevs = _content_neighbours(lines)
    # The same date over post after post ("9 January 2020") stamps each, however short.
    repeated = Counter(lines[index].text for index in dates)
    found = {
        index: date.date.label(date.text)
        for index in dates
        if (date := lines[index]).date is not None
        and (
            (
                _has_paragraph(lines, index + 1)
                and (
                    _is_headline_at(lines, prevs[index]) or _is_sentence_at(lines, nexts[index + 1])
                )
            )
            or (
                repeated[date.text] >= _MIN_RUN
                and (after := nexts[index + 1]) < len(lines)
                and lines[after].kind is TEXT
            )
        )
    }
    return _labelled(lines, labels, found) if len(found) >= 2 else labels


def _is_minute(label: TimeLabel) -> bool:
    """Tell whether a label gives no time at all, only a match's minute."""
    return (
        label.clock is None and label.relative is None and label.day is None and not label.instant
    )


def _headlines_expected(lines: list[Line], labels: dict[int, TimeLabel], nexts: list[int]) -> bool:
    confirmed = 0
    for at, label in labels.items():
        after = nexts[at + 1]
        if label.glued or _is_headline_at(lines, after):
            confirmed += 1
        elif after < len(lines) and lines[after].kind is TEXT:
            following = nexts[after + 1]
            confirmed += following < len(lines) and lines[following].kind is BYLINE
    return confirmed * 2 >= len(labels)


def _titled_like_names(lines: list[Line], labels: dict[int, TimeLabel], nexts: list[int]) -> bool:
    """Tell whether lines under labels that read as names are Title Case headlines."""
    # Writers repeat from post to post and may stand over a headline (NBC); headlines do
    # neither, and where the others are in Title Case a name-like one is most likely one too.
    titled = names = 0
    seen: set[str] = set()
    for number, at in enumerate(labels):
        if (titled + len(labels) - number) * 2 < len(labels):
            return False  # too few Title Case headlines, whatever the rest are
        after = nexts[at + 1]
        if not _is_headline_at(lines, after) or not _is_title_case(text := lines[after].text):
            continue
        if not is_name_line(text):
            titled += 1
            continue
        if text in seen or _is_headline_at(lines, nexts[after + 1]):
            return False
        seen.add(text)
        names += 1
    return names > 0 and titled * 2 >= len(labels)


def _is_title_case(text: str) -> bool:
    """Tell whether every longer word is capitalised ("Flights Canceled at Major Airports")."""
    words = [word for word in text.split() if len(word) > 3 and word[0].isalpha()]
    return len(words) >= 2 and all(word[0].isupper() for word in words)


def _content_neighbours(lines: list[Line]) -> tuple[list[int], list[int]]:
    """For each line, the next and previous line that is neither blank nor chrome."""
    count = len(lines)
    nexts = [count] * (count + 1)
    for index in range(count - 1, -1, -1):
        nexts[index] = index if lines[index].kind not in _QUIET else nexts[index + 1]
    prevs = [-1] * count
    last = -1
    for index in range(count):
        prevs[index] = last
        if lines[index].kind not in _QUIET:
            last = index
    return nexts, prevs


def _is_headline_at(lines: Sequence[Line], index: int) -> bool:
    return 0 <= index < len(lines) and is_headline_line(lines[index])


def is_headline_line(line: Line) -> bool:
    """Tell whether a line reads as a headline on its own: short, titled, not a caption."""
    return line.kind is TEXT and is_headline_like(line.text) and not is_caption_like(line.text)


def _vote_order(
    lines: list[Line], labels: dict[int, TimeLabel], nexts: list[int], prevs: list[int]
) -> Order:
    time_first = headline_first = 0
    either = 0  # labels with a headline both above and below, counted as time-first
    touching = 0  # headlines right above their label, less those right below
    previous = -1
    for at, label in labels.items():
        above, previous = previous, at
        after = nexts[at + 1]
        before = _above_byline(lines, prevs, prevs[at])
        headed = (
            (_is_headline_at(lines, before) or _over_spoken(lines, before, at, label))
            and before not in labels
            # The only line under the label above is that post's text, not this one's headline;
            # but for the Independent's "21:41 , Matt Watts", whose posts may be a title alone.
            and (
                above < 0
                or nexts[above + 1] < before
                or bool(labels[above].glued)
                or _comma_signed(label, lines[at])
            )
            # A bare name above a label signs the post before it (RTE), or names this
            # post's writer, maybe over a role ("Senior NFL Insider"): none is a headline.
            and not is_name_line(lines[before].text)
            and read_role_line(lines[before].text) is None
            and not is_dashed_sign_off(lines[before].text)  # HuffPost's "\u2015 Sara Boboltz"
            # "Live updates: 2022 midterm elections" over the first label titles the page.
            and _LIVE_TITLE.match(lines[before].text) is None
        )
        if label.glued:
            # "Lynch reelected" over "1:00 a.m.: Rep. Stephen Lynch has won ...": the text
            # runs on from the label under its headline; else the label heads its post.
            glued_text = headed and ends_sentence(label.glued)
            headline_first += glued_text
            time_first += not glued_text
            continue
        if headed and (
            (before == at - 1 and label.raw.startswith(SPOKEN_LABEL))
            or _comma_signed(label, lines[at])
        ):
            # The BBC's headline run into its "published at ...": split, the two touch. The
            # Independent's and the Standard's headline over "21:41 , Matt Watts".
            headline_first += 1
        elif _is_headline_at(lines, after):
            time_first += 1
            either += headed
        elif headed:
            headline_first += 1
        touching += (headed and before == at - 1) - (
            after == at + 1 and _is_headline_at(lines, after)
        )
    # Headlines above a few labels of many are chrome over them (the page's standfirst over
    # the first, a section's heading, a newsletter's promo), not the page's shape.
    if headline_first * 2 < len(labels):
        return Order.TIME_FIRST
    # Even votes: labels that read either way side with the labels that read only one way,
    # headline first (Goal's "Penalty to West Ham!" over its time, then "And Noble buries
    # it!"); else a headline set tight against its label belongs to it (a text extractor's
    # "High turnouts across London" over "published at 00:47 GMT", then a blank line).
    if headline_first > time_first or (
        headline_first == time_first and (either > 0 or touching > 0)
    ):
        return Order.HEADLINE_FIRST
    return Order.TIME_FIRST


def _stamp_labels(
    lines: list[Line], labels: dict[int, TimeLabel], nexts: list[int], prevs: list[int]
) -> None:
    """Read a date or "Updated" line where a label stands, above a headline, as the label."""
    # Al Jazeera dates its day-old posts without a clock ("13 Nov 2025"); the Post stamps an
    # edited post "Updated 10:48 p.m. EST". A day's heading above a label ("Friday, June 2,
    # 2023", then "9:13 a.m.") stays a date line, and a label's own "Updated" stays chrome.
    for index in range(min(labels) + 1, len(lines)):
        line = lines[index]
        if line.kind is DATE and line.date is not None:
            label = line.date.label(line.text)
        elif line.kind is UPDATED and line.label is not None and prevs[index] not in labels:
            label = replace(line.label, raw=line.text, edited=True)
        else:
            continue
        after = nexts[index + 1]
        if (
            after >= len(lines)
            # A bare date with page chrome under it ("Top Stories") ends a teaser list.
            or (line.kind is DATE and after != next_filled(lines, index))
            or lines[after].kind is TIME
            or not _is_headline_at(lines, after)
            or not _has_paragraph(lines, after + 1)  # a "Related" list: titles and dates
        ):
            continue
        labels[index] = label
        lines[index] = Line(line.text, TIME, label=label)


def _comma_signed(label: TimeLabel, line: Line) -> bool:
    """Tell whether a label is signed after " , ": the Independent's "21:41 , Matt Watts"."""
    return bool(label.author) and _COMMA_SIGNED in line.text


def _over_spoken(lines: list[Line], before: int, at: int, label: TimeLabel) -> bool:
    """Tell whether a line is set right over the BBC's "published at": its post's title."""
    # Whatever it reads like: "That's all for now...", "Follow live updates in Russian".
    return (
        before == at - 1
        and label.raw.startswith(SPOKEN_LABEL)
        and lines[before].kind is TEXT
        and len(lines[before].text) <= _BYLINED_HEADLINE_CHARS
    )


def _above_byline(lines: list[Line], prevs: list[int], at: int) -> int:
    """Step over a byline set between a headline and its time (Politico)."""
    return prevs[at] if at >= 0 and lines[at].kind is BYLINE else at


def _timed_starts(
    lines: list[Line],
    labels: dict[int, TimeLabel],
    order: Order,
    nexts: list[int],
    prevs: list[int],
) -> set[int]:
    if order is Order.TIME_FIRST:
        return _named_above(lines, labels, nexts, prevs) or set(labels)
    starts: set[int] = set()
    previous_label = -1
    for at in sorted(labels):
        before = _above_byline(lines, prevs, prevs[at])
        # Above a byline above the time, a short line is the headline even with a period; so
        # above "01:28 , Miriam Burrell", a label signed after a comma ("The winner is...").
        bylined = (
            before >= 0
            and lines[before].kind is TEXT
            and (before != prevs[at] or _comma_signed(labels[at], lines[at]))
        )
        if before > previous_label and (
            _is_headline_at(lines, before)
            or (bylined and len(lines[before].text) <= _BYLINED_HEADLINE_CHARS)
            or _over_spoken(lines, before, at, labels[at])
        ):
            starts.add(before)
        else:
            starts.add(at)
        previous_label = at
    return starts


def _footed_starts(
    lines: list[Line],
    labels: dict[int, TimeLabel],
    nexts: list[int],
    prevs: list[int],
    *,
    signed: bool = False,
) -> set[int]:
    """Return where posts start when each one's time stands at its foot (The Citizen).

    ``signed``: the labels are writers' signatures, at a post's foot by their nature.
    """
    # Labels heading posts and labels closing them look alike between posts; the page's
    # edges tell: nothing but the footer after the last label, and above the first a post
    # (a headline that is not the page's title, then text), not the page's intro.
    last = max(labels)
    if not signed and (_heads_text(lines, last, nexts) or _cut_short(lines, last, nexts)):
        return set()  # most pages: a post follows the last label
    ordered = sorted(labels)
    if any(labels[at].glued for at in ordered):
        return set()
    text = prevs[ordered[0]]
    if text < 0 or lines[text].kind is not TEXT:
        return set()
    if not signed and not ends_sentence(lines[text].text):
        return set()
    top = text
    while top >= 0 and lines[top].kind is TEXT and not _is_headline_at(lines, top):
        top = prevs[top]
    # An excerpt may start mid-page: a headline under paragraphs is a post's, not the title.
    under_text = signed and prevs[top] >= 0 and ends_sentence(lines[prevs[top]].text)
    if (
        top < 0
        or not _is_headline_at(lines, top)
        or (top == title_line(lines, top + 1) and not under_text)
        # The page's picture over its intro, not a post's headline over its text.
        or split_inline_credit(lines[top].text) is not None
    ):
        return set()
    return {top} | {nexts[at + 1] for at in ordered[:-1]}


def _post_lines(lines: list[Line], label: int, nexts: list[int], limit: int) -> Iterator[Line]:
    """Yield up to ``limit`` content lines after label ``label``, up to the next label."""
    at = nexts[label + 1]
    for _ in range(limit):
        if at >= len(lines) or lines[at].kind is TIME:
            return
        yield lines[at]
        at = nexts[at + 1]


def _cut_short(lines: list[Line], label: int, nexts: list[int]) -> bool:
    """Tell whether the capture ends in paragraphs under label ``label``: a post cut short."""
    # One paragraph, or several whose last stops mid-sentence (an excerpt's end).
    first = last = nexts[label + 1]
    while last < len(lines) and _is_paragraph(lines[last]) and nexts[last + 1] < len(lines):
        last = nexts[last + 1]
    return (
        last < len(lines)
        and nexts[last + 1] >= len(lines)
        and _is_paragraph(lines[last])
        and (last == first or not ends_sentence(lines[last].text))
    )


def _is_paragraph(line: Line) -> bool:
    return (
        line.kind is TEXT
        and line.text.count(" ") >= _CUT_WORDS
        and not line.text.startswith(_COPYRIGHT)
    )


def _heads_text(lines: list[Line], label: int, nexts: list[int]) -> bool:
    """Tell whether a sentence follows label ``label`` under a headline and names: a post."""
    return any(
        line.kind is TEXT and ends_sentence(line.text) and not line.text.startswith(_COPYRIGHT)
        for line in _post_lines(lines, label, nexts, _POST_HEAD_LINES)
    )


def _named_above(
    lines: list[Line], labels: dict[int, TimeLabel], nexts: list[int], prevs: list[int]
) -> set[int]:
    """Start each post at its writer's name when every label has one above it (The Athletic)."""
    starts = set()
    for at in labels:
        above = prevs[at]
        if above >= 0 and read_role_line(lines[above].text) is not None:
            above = prevs[above]  # "Dianna Russini", "Senior NFL Insider", "8m ago"
        if above < 0 or lines[above].kind is not TEXT or not is_name_line(lines[above].text):
            return set()
        starts.add(above)
    # Where posts sign at their foot, every label but the first has a name above it, and the
    # first may have the page's byline (several names): the last post ends in a name too, one
    # of those above the labels ("Trending Tickers" under the last post is no signature).
    first = min(starts)
    names = {lines[start].text for start in starts}
    if not is_person(lines[first].text) or _foot_name(lines, max(labels), nexts) in names:
        return set()
    return starts


def _foot_name(lines: list[Line], label: int, nexts: list[int]) -> str | None:
    """Return the bare name that ends the post at ``label`` under a sentence, if any."""
    after_sentence = False
    for line in _post_lines(lines, label, nexts, _FOOT_LINES):
        if after_sentence and line.kind is TEXT and is_name_line(line.text):
            return line.text
        after_sentence = line.kind is TEXT and ends_sentence(line.text)
    return None


def _separated_starts(lines: list[Line], starts: list[int], nexts: list[int]) -> set[int]:
    """Start an untimed post after a "Link Copied!" that closes a post with a body."""
    extra: set[int] = set()
    position = 0
    content_since_start = 0
    for index, line in enumerate(lines):
        if position < len(starts) and index == starts[position]:
            position += 1
            content_since_start = 0
        if line.kind in _CONTENT:
            content_since_start += 1
        elif line.kind is SEPARATOR and content_since_start >= 2 and position:
            following = nexts[index + 1]
            if (
                following < len(lines)
                and _is_headline_at(lines, following)
                and _has_paragraph(lines, following + 1)
            ):
                extra.add(following)
                content_since_start = 0
    return extra


def _is_sentence_at(lines: list[Line], index: int) -> bool:
    line = lines[index] if index < len(lines) else None
    return line is not None and line.kind is TEXT and ends_sentence(line.text)


def _has_paragraph(lines: list[Line], start: int, chars: int = _PARAGRAPH_CHARS) -> bool:
    """Tell whether a paragraph comes before the next separator or label: a post, not a promo."""
    # Between posts, "Follow Sky News on WhatsApp" over one line of blurb is a promo.
    for index in range(start, len(lines)):
        line = lines[index]
        if line.kind is SEPARATOR or line.kind is TIME or line.kind is DATE:
            return False
        if line.kind is TEXT and len(line.text) >= chars:
            return True
    return False


def _untimed_posts(lines: list[Line], labels: dict[int, TimeLabel], nexts: list[int]) -> set[int]:
    """Find untimed posts: "Pinned" over a headline on top, "Original story: ..." below."""
    # The story a local station's timed updates stand over (KTLA) comes after them.
    starts = set()
    for index in range(min(labels)):
        line = lines[index]
        if line.kind is CHROME and line.text.casefold().rstrip(" :") in _PIN_MARKS:
            following = nexts[index + 1]
            if following < len(lines) and _is_headline_at(lines, following):
                starts.add(following)
    for index in range(max(labels) + 1, len(lines)):
        line = lines[index]
        if line.kind is not TEXT or (lead := _ORIGINAL.match(line.text)) is None:
            continue
        if lead.end() < len(line.text):
            lines[index] = classify_normalized(line.text[lead.end() :], indented=False)
            starts.add(index)
        elif (following := nexts[index + 1]) < len(lines):  # the lead on a line of its own
            lines[index] = Line(line.text, CHROME)
            starts.add(following)
    return starts


def _untimed_starts(lines: list[Line], nexts: list[int], prevs: list[int]) -> set[int]:
    starts: set[int] = set()
    bylined: set[int] = set()
    leading: set[int] = set()  # bylines over a paragraph
    text_lines = blank_after = 0
    digit_led: list[int] = []
    # A button under every post ("Share") ends each as a rule between them would.
    buttons = Counter(line.text for line in lines if line.kind is CHROME)
    for index, line in enumerate(lines):
        if line.kind is SEPARATOR or (line.kind is CHROME and buttons[line.text] >= _MIN_RUN):
            following = nexts[index + 1]
            if _is_headline_at(lines, following):
                starts.add(following)
        elif line.kind is BYLINE and not is_trailing_byline(line.text):
            before = prevs[index]
            if (after := nexts[index + 1]) < len(lines) and lines[after].kind is TEXT:
                leading.add(index)
            if _is_headline_at(lines, before):
                bylined.add(before)
        elif line.kind is TEXT:
            text_lines += 1
            if index + 1 < len(lines) and lines[index + 1].kind is BLANK:
                blank_after += 1
            if line.text[0].isdigit():
                digit_led.append(index)
    # Rappler: a headline, its writer's bare name, then the text.
    bylined |= {
        prevs[index]
        for index, line in enumerate(lines)
        if line.kind is TEXT and _names_under_headline(lines, index, nexts, prevs)
    }
    if len(leading) >= _MIN_RUN and len(leading) > 2 * len(bylined):
        # ABC: "By Dean Bilton" over each post's text, and no headline over most: the
        # bylines open the posts (a short last line of one reads as a headline over the next).
        return starts | leading
    # Where posts sign under their headlines, a heading without a byline is a post's
    # sub-heading ("If you are inside"), not a post; unless numbered with the others.
    starts |= bylined | _numbered_titles(lines, digit_led)
    if len(bylined) >= 2 or not text_lines:
        return starts
    if blank_after * 2 > text_lines:
        return starts | _standalone_headlines(lines, nexts)
    return starts | _dense_headlines(lines)


def _numbered_titles(lines: list[Line], candidates: list[int]) -> set[int]:
    """Find posts' titles numbered in a run, as the BBC numbers them ("1. London mayor ...")."""
    numbered = [
        (index, int(number[1]))
        for index in candidates
        if (number := LIST_NUMBER.match(text := lines[index].text)) is not None
        and is_headline_like(text[number.end() :])
    ]
    steps = {second - first for (_, first), (_, second) in pairwise(numbered)}
    in_step = len(numbered) >= 2 and len(steps) == 1 and steps <= {1, -1}
    return {index for index, _ in numbered} if in_step else set()


def _names_under_headline(
    lines: list[Line], index: int, nexts: list[int], prevs: list[int]
) -> bool:
    """Tell whether line ``index`` is a bare name between a headline and a paragraph."""
    text = lines[index].text
    if len(text) > _NAME_LINE_CHARS or not text[0].isupper():
        return False  # most lines: a paragraph
    after, above = nexts[index + 1], prevs[index]
    return (
        after < len(lines)
        and lines[after].kind is TEXT
        and ends_sentence(lines[after].text)
        and _is_headline_at(lines, above)
        and is_name_line(text)
        and not is_name_line(lines[above].text)
    )


def _bulleted_posts(lines: list[Line], nexts: list[int], prevs: list[int]) -> set[int]:
    """Find untimed posts set as a list: each item a headline or a first line, then paragraphs."""
    # Al Jazeera's 2014 blog as an extractor keeps it: "• Thousands celebrate Gaza truce",
    # its paragraphs indented under it. Bullet points inside a post run one under another,
    # and only the last has a paragraph under it; two or more lone items are posts.
    items = [
        index
        for index, line in enumerate(lines)
        if line.kind is BULLET
        and (following := nexts[index + 1]) < len(lines)
        and lines[following].kind is TEXT
        and (prevs[index] < 0 or lines[prevs[index]].kind is not BULLET)
    ]
    if len(items) < 2:
        return set()
    for index in items:
        lines[index] = Line(lines[index].text, TEXT)
    return set(items)


def _dense_headlines(lines: list[Line]) -> set[int]:
    """Find headlines where no blank line sets them apart: a title between sentences."""
    # A block dump without times: "Man drowns near Herzliya" under the last sentence of one
    # post and over the first of the next. Two or more, or it is one post's sub-heading.
    starts: set[int] = set()
    for index in range(len(lines) - 1):
        following, above = lines[index + 1], lines[index - 1] if index else None
        if (
            following.kind is TEXT
            and ends_sentence(following.text)
            and (above is None or above.kind is not TEXT or ends_sentence(above.text))
            and is_headline_line(lines[index])
        ):
            starts.add(index)
    return starts if len(starts) >= 2 else set()


def _standalone_headlines(lines: list[Line], nexts: list[int]) -> set[int]:
    """Find headlines set apart by blank lines and followed by a paragraph (seed 003)."""
    starts: set[int] = set()
    candidates: dict[int, str] = {}
    count = len(lines)
    for index, line in enumerate(lines):
        if line.kind is not TEXT:
            continue
        after_blank = index + 1 < count and lines[index + 1].kind is BLANK
        if not after_blank or not _is_headline_at(lines, index):
            continue
        following = nexts[index + 1]
        paragraph = following < count and lines[following].kind in (TEXT, CREDIT)
        if not paragraph or _is_headline_at(lines, following):
            continue
        if index == 0 or lines[index - 1].kind in _QUIET:
            starts.add(index)
        candidates[index] = line.text
    # A dump's list number sets a headline apart as a blank line does ("3. Gove braves ..."
    # right under the last bullet of the post above), where the numbers run on.
    return starts | set(list_numbers(candidates))


def _has_content(lines: list[Line], start: int, starts: set[int]) -> bool:
    """Tell whether the post at ``start`` holds anything but its label and chrome."""
    line = lines[start]
    if line.kind is TIME and line.label is not None and line.label.glued:
        return True
    index = start + 1 if line.kind is TIME else start
    while index < len(lines) and (index == start or index not in starts):
        kind = lines[index].kind
        if kind in _CONTENT or kind is BYLINE:
            return True
        if kind is TIME and index != start:
            return False
        index += 1
    return False


def _segments(
    starts: list[int], count: int, labels: dict[int, TimeLabel], order: Order
) -> list[Segment]:
    segments = []
    label_positions = sorted(labels)
    cursor = 0
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else count
        label_at = None
        if order is not Order.UNTIMED:
            while cursor < len(label_positions) and label_positions[cursor] < start:
                cursor += 1
            if cursor < len(label_positions) and label_positions[cursor] < end:
                label_at = label_positions[cursor]
                if order is Order.TIME_LAST:
                    end = label_at + 1  # what follows the last post's time is the footer
        segments.append(Segment(start, end, label_at))
    return segments
