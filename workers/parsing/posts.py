"""Assemble one post from the lines of its segment."""

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from typing import Final

from workers.parsing.authors import (
    is_byline,
    is_dashed_sign_off,
    is_initials,
    is_name_line,
    is_person,
    read_byline,
    read_role_line,
    read_sign_off,
    split_names,
    split_role,
    tidy_name,
)
from workers.parsing.captions import (
    MAX_HEADLINE_CHARS,
    credit_line,
    duplicated_caption,
    is_caption_like,
    is_headline_like,
    is_one_sentence,
    is_orphan_credit,
    split_inline_credit,
)
from workers.parsing.layout import Headlines, Order, Segment, ends_sentence, is_headline_line
from workers.parsing.lines import (
    BLANK,
    BLOCK,
    BULLET,
    BYLINE,
    CHROME,
    COUNT,
    CREDIT,
    DATE,
    SEPARATOR,
    TEXT,
    TIME,
    UPDATED,
    VIDEO,
    Line,
)
from workers.parsing.times import TimeLabel, split_signature

_LONE_HEADLINE_CHARS: Final = 90
"""A post of one line, a headline and nothing under it: a video's title, not a paragraph."""
_TAG_WORDS: Final = 2
_CAPS_LEAD = re.compile(r"(?P<title>[A-Z0-9][A-Z0-9'\u2019.,&\- ]{2,60}[A-Z0-9!?]): (?=\S)")
_CAPS_LEAD_REST: Final = 80
"""Shorter, "NORTH BELFAST: Nuala McAllister elected" is a headline whole."""

_CHROME_KINDS: Final = frozenset({CHROME, SEPARATOR, VIDEO, BLOCK, COUNT, DATE, UPDATED, TIME})
_IMAGE_SOURCE: Final = "Image source, "
_IMAGE_CAPTION: Final = "Image caption,"
_NOTHING_ABOVE: Final = Line("", BLANK)
_LABEL_STAND_IN: Final = Line("\x00label", TIME)
_TEXT: Final = attrgetter("text")
POSTS_REMEMBERED: Final = 4096
"""Posts kept as read: a blog's next capture shows again most posts of the last, unchanged."""
POST_REMEMBERED_CHARS: Final = 16_384
"""Longer posts are read again each time: the memory kept is bounded by size, not only by
count (4,096 pages each read as one 1 MB post would hold 4 GB)."""
_NAMED_HEADLINE_CHARS: Final = 100
"""Under names set above it (NBC), a one-sentence line this short is the headline."""


@dataclass(slots=True)
class PostDraft:
    """A post being read: everything but its place on the calendar and its fingerprint.

    A read draft may be handed to every capture that shows the same post: never change one.
    """

    label: TimeLabel | None = None
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    location: str | None = None
    body: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    images: list[tuple[str, str | None]] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)


class _Cursor:
    """Walk a segment's lines, sending blank and chrome lines where they belong."""

    def __init__(self, lines: tuple[Line, ...], segment: Segment, draft: PostDraft) -> None:
        self.lines = lines
        self.index = segment.start
        self.end = segment.end
        self.draft = draft
        self.last_content = segment.start - 1
        for index in range(segment.end - 1, segment.start - 1, -1):
            if lines[index].kind not in _CHROME_KINDS and lines[index].kind is not BLANK:
                self.last_content = index
                break

    def peek(self) -> int:
        """Move past blanks and chrome (recording chrome) and return the next line's index."""
        while self.index < self.end:
            line = self.lines[self.index]
            if line.kind is BLANK:
                self.index += 1
            elif line.kind in _CHROME_KINDS and line.kind is not TIME:
                self.draft.chrome.append(line.text)
                self.index += 1
            else:
                break
        return self.index

    def next_line(self, at: int) -> int:
        """Return the first line after ``at`` that is not blank (``end`` when none is)."""
        following = at + 1
        while following < self.end and self.lines[following].kind is BLANK:
            following += 1
        return following

    def has_more_content(self, after: int) -> bool:
        """Tell whether anything but blanks and chrome follows line ``after``."""
        return after < self.last_content


def read_post(
    lines: tuple[Line, ...],
    segment: Segment,
    order: Order,
    label: TimeLabel | None,
    headlines: Headlines = Headlines.UNSURE,
) -> PostDraft:
    """Read the headline, byline, images, paragraphs and bullets of one segment."""
    # A post reads from its own lines and the line above them (a gallery's caption), nothing
    # else: the same lines under the same line read the same in any capture.
    above = lines[segment.start - 1] if segment.start > 0 else _NOTHING_ABOVE
    own = [above, *lines[segment.start : segment.end]]
    at = None if segment.label_at is None else segment.label_at - segment.start + 1
    if sum(map(len, map(_TEXT, own))) > POST_REMEMBERED_CHARS:
        return _read_remembered.__wrapped__(tuple(own), at, order, label, headlines)
    if at is None or not 0 < at < len(own) or own[at].kind is not TIME or label is None:
        return _read_remembered(tuple(own), at, order, label, headlines)
    # A time label drifts ("2 min ago", "7 min ago") where its post does not: the post is
    # remembered under a stand-in for the label line and given its own label back. Of the
    # label only what runs on after the time (a glued headline, an author) is read.
    real = own[at].text
    own[at] = _LABEL_STAND_IN
    stub = TimeLabel(raw="", glued=label.glued, author=label.author)
    draft = _read_remembered(tuple(own), at, order, stub, headlines)
    chrome = [real if text is _LABEL_STAND_IN.text else text for text in draft.chrome]
    return replace(draft, label=label, chrome=chrome)


@lru_cache(maxsize=POSTS_REMEMBERED)
def _read_remembered(
    lines: tuple[Line, ...],
    label_at: int | None,
    order: Order,
    label: TimeLabel | None,
    headlines: Headlines,
) -> PostDraft:
    return _read(lines, Segment(1, len(lines), label_at), order, label, headlines)


def forget_posts() -> None:
    """Drop the remembered post readings."""
    _read_remembered.cache_clear()


def _read(
    lines: tuple[Line, ...],
    segment: Segment,
    order: Order,
    label: TimeLabel | None,
    headlines: Headlines,
) -> PostDraft:
    draft = PostDraft(label=label)
    expected = headlines is not Headlines.UNSURE
    titled = headlines is Headlines.TITLED
    cursor = _Cursor(lines, segment, draft)
    at = cursor.peek()
    if order is Order.TIME_LAST and label is not None:
        _take_glued(draft, label)  # "Posted by Name at 14:32" under the text names its writer
        if at < cursor.end and _is_tag(lines[at]):
            after = next((i for i in range(at + 1, cursor.end) if lines[i].kind is not BLANK), at)
            if is_headline_line(lines[after]):
                # A tag over the headline ("\u2022 Key Post", "\u2022 Result").
                cursor.index = at + 1
                at = cursor.peek()
    if (
        at < cursor.end
        and at != segment.label_at
        and (
            order is Order.HEADLINE_FIRST
            or (order is Order.TIME_LAST and is_headline_line(lines[at]))
        )
    ):
        draft.headline = lines[at].text
        cursor.index = at + 1
        at = cursor.peek()
        if at < cursor.end and lines[at].kind is BYLINE:  # Politico: headline, byline, time
            _read_bylines(cursor)
            at = cursor.peek()
    if segment.label_at is not None and at < segment.label_at:
        _read_bylines(cursor)  # writers named above the time (The Athletic)
        at = cursor.peek()
    if segment.label_at is not None and at == segment.label_at:
        cursor.index = at + 1
        if label is not None:
            _take_glued(draft, label, followed=_paragraph_follows(cursor, at))
        at = cursor.peek()
    if draft.headline is None and at < cursor.end and lines[at].kind is BYLINE:
        # A byline between the time and the headline (Kyiv Independent, NBC).
        _read_bylines(cursor)
        at = cursor.peek()
    # A post whose text began on its label's line ("8.50am: For the record, ...") has no
    # headline below it.
    if (
        draft.headline is None
        and not draft.body
        and order is not Order.HEADLINE_FIRST
        and at < cursor.end
    ):
        named = at if titled else _names_above_headline(cursor, at)
        line = lines[named]
        # Under names set above it (NBC), a short sentence is the headline too.
        expected = expected or named != at
        at = named
        if (
            line.kind is TEXT
            and (is_headline_like(line.text) or _headline_by_place(cursor, at, expected=expected))
            and not is_caption_like(line.text)
            # A post that is only its headline (a video's title) where the posts around it
            # have headlines.
            and (
                order is Order.UNTIMED
                or cursor.has_more_content(at)
                or (
                    headlines is not Headlines.UNSURE
                    and len(line.text) <= _LONE_HEADLINE_CHARS
                    and (line.text[-1].isalnum() or line.text[-1] in "?!")
                )
            )
            and split_inline_credit(line.text) is None
            and not _is_repeated_name(cursor, at)
            # A headline-less post's bare byline, unless the post signs at its foot
            # ("— By Liz Capo McCormick"): then "Treasuries Extend Selloff" is its headline.
            and (titled or not _is_name_at(cursor, at) or _signed_at_foot(cursor, at))
        ):
            draft.headline = line.text
            cursor.index = at + 1
    _read_bylines(cursor)
    _skip_orphan_credit(cursor)
    _read_body(cursor)
    if draft.headline is None and not draft.body and not draft.bullets and draft.images:
        draft.body.append(draft.images[0][0])  # a photo and its caption: the post's text
    return draft


def _is_tag(line: Line) -> bool:
    """Tell whether a line is a post's tag set as a list item: a word or two, no sentence."""
    return line.kind is BULLET and len(line.text.split()) <= _TAG_WORDS and line.text[-1].isalnum()


def _names_above_headline(cursor: _Cursor, at: int) -> int:
    """Read names set between the time and the headline, maybe over a role (NBC, Sky)."""
    lines = cursor.lines
    if cursor.draft.authors or lines[at].kind is not TEXT or not is_name_line(lines[at].text):
        return at  # the label named the writer ("Alistair Walker February 20, 2016 1:04 am")
    if _signed_at_foot(cursor, at):  # the writers sign below: this line is no name
        return at
    following = cursor.next_line(at)
    role = read_role_line(lines[following].text) if following < cursor.end else None
    if role is not None:  # "News correspondent", "Reporting from Kyiv"
        following = cursor.next_line(following)
    headline = lines[following] if following < cursor.end else None
    if headline is None or not (
        is_headline_line(headline)
        or (len(headline.text) <= _NAMED_HEADLINE_CHARS and _is_short_sentence(headline))
    ):
        return at
    cursor.draft.authors.extend(tidy_name(name) for name in read_byline(lines[at].text).authors)
    if role is not None:
        _take_role(cursor.draft, lines[cursor.next_line(at)].text, role)
    cursor.index = following
    return following


def _headline_by_place(cursor: _Cursor, at: int, *, expected: bool) -> bool:
    """Tell whether a line ending in a period is still the headline, by where it stands."""
    following = cursor.next_line(at)
    if following < cursor.end and (
        cursor.lines[following].kind is BYLINE
        or (_is_name_at(cursor, following) and len(cursor.lines[at].text) <= MAX_HEADLINE_CHARS)
    ):
        return True
    # Where the page puts a headline under every label, one short sentence there is one.
    return expected and _is_short_sentence(cursor.lines[at])


def _is_short_sentence(line: Line) -> bool:
    text = line.text
    return (
        line.kind is TEXT
        and len(text) <= MAX_HEADLINE_CHARS
        and not any(stop in text for stop in (". ", "? ", "! "))
    )


def _paragraph_follows(cursor: _Cursor, at: int) -> bool:
    """Tell whether a paragraph, a sentence's end and all, comes next after line ``at``."""
    following = cursor.next_line(at)
    line = cursor.lines[following] if following < cursor.end else None
    return line is not None and line.kind is TEXT and ends_sentence(line.text)


def _signs_turn(label: TimeLabel) -> bool:
    """Tell whether a label's writer is one of a blog's few taking turns: "DM", "Kois (8:29)"."""
    author = label.author
    return is_initials(author) or (
        label.raw[:1] in "[(" and author.isalpha() and author[0].isupper()
    )


def _take_glued(draft: PostDraft, label: TimeLabel, *, followed: bool = False) -> None:
    if label.author:
        name = tidy_name(label.author)
        if is_byline(label.author):  # "By Julia Ramos 12 mins ago"
            _add_byline(draft, label.author)
        elif role := split_role(name):  # "Jeff Howe National NFL Writer 27m ago"
            _add_role(draft, role)
        elif is_person(name) or _signs_turn(label):  # "DM: Thanks everybody!", "Kois (8:29)"
            draft.authors.append(name if is_person(name) else label.author)
        elif is_name_line(label.author):
            _add_byline(draft, label.author)
        else:
            draft.chrome.append(label.author)
    if not label.glued:
        return
    # One sentence on the label's line over the post's paragraphs is its title ("10:19 p.m.
    # — That's It For Live Updates, Folks...").
    if draft.headline is None and (
        is_headline_like(label.glued) or (followed and is_one_sentence(label.glued))
    ):
        draft.headline = label.glued
    elif draft.headline is None and (lead := _caps_lead(label.glued)) is not None:
        draft.headline, text = lead  # "HO-SANG BACK DOWN: So much for Josh Ho-Sang's debut."
        draft.body.append(text)
    else:
        draft.body.append(label.glued)


def _caps_lead(text: str) -> tuple[str, str] | None:
    """Split a paragraph that opens with its title in capitals: "TITLE: Text ..."."""
    found = _CAPS_LEAD.match(text)
    if found is None or " " not in found["title"] or not found["title"].isupper():
        return None  # "BREAKING: ..." is a tag
    rest = text[found.end() :]
    return (found["title"], rest) if len(rest) > _CAPS_LEAD_REST else None


def _read_bylines(cursor: _Cursor) -> None:
    lines, draft = cursor.lines, cursor.draft
    while True:
        at = cursor.peek()
        if at >= cursor.end:
            return
        line = lines[at]
        if line.kind is BYLINE:
            _add_byline(draft, line.text)
            cursor.index = at + 1
            continue
        if _is_repeated_name(cursor, at):
            # The Guardian: the writer's name under the photo, then "Name reports from ...".
            if line.text not in draft.authors:
                draft.authors.append(line.text)
            cursor.index = at + 1
            continue
        if line.kind is TEXT and (role := split_role(line.text)) is not None:
            _add_role(draft, role)  # "Rhys Williams ITV Wales Reporter" (ITV)
            cursor.index = at + 1
            continue
        if _is_name_at(cursor, at):
            # NYT and BBC: a name on its own line, maybe "Reporting from Kyiv" on the next.
            draft.authors.extend(tidy_name(name) for name in read_byline(line.text).authors)
            cursor.index = at + 1
            role_at = cursor.next_line(at)
            place = read_role_line(lines[role_at].text) if role_at < cursor.end else None
            if place is not None and lines[role_at].kind is TEXT:
                _take_role(draft, lines[role_at].text, place)
                cursor.index = role_at + 1
            continue
        return


def _is_name_at(cursor: _Cursor, at: int) -> bool:
    """Tell whether line ``at`` is a bare byline: only names, with the post going on after it."""
    line = cursor.lines[at]
    return (
        line.kind is TEXT
        and not line.text.isupper()  # "KREMLIN SAYS PUTIN WAS NOT HURT" is a headline
        and is_name_line(line.text)
        and cursor.has_more_content(at)
    )


def _add_role(draft: PostDraft, role: tuple[str, str]) -> None:
    """Name the writer of "Name, role"; the role itself is kept as chrome."""
    draft.authors.append(role[0])
    draft.chrome.append(role[1])


def _take_role(draft: PostDraft, text: str, place: str) -> None:
    """Keep the place of "Reporting from Kyiv"; a bare role ("BBC correspondent") is chrome."""
    draft.location = draft.location or place or None
    if not place:
        draft.chrome.append(text)


def _is_repeated_name(cursor: _Cursor, at: int) -> bool:
    """Tell whether line ``at`` is a person's name that the next line opens with again."""
    lines = cursor.lines
    text = lines[at].text
    if lines[at].kind is not TEXT or not is_person(text):
        return False
    following = cursor.next_line(at)
    return following < cursor.end and lines[following].text.startswith(text)


def _add_byline(draft: PostDraft, text: str) -> None:
    signed = split_signature(text)
    byline = read_byline(signed[0] if signed else text)
    if not byline.complete:
        # "From CNN staff" credits no person: keep the line where nothing is lost.
        draft.chrome.append(text)
    for name in byline.authors:
        tidy = tidy_name(name)
        if tidy not in draft.authors:
            draft.authors.append(tidy)
    if draft.location is None:
        draft.location = byline.location


def _skip_orphan_credit(cursor: _Cursor) -> None:
    """Drop the credit an embedded video leaves under the byline ("MSNBC", "(Pool)")."""
    at = cursor.peek()
    if at >= cursor.end:
        return
    line = cursor.lines[at]
    orphan = line.kind is CREDIT or (
        line.kind is TEXT and is_orphan_credit(line.text) and cursor.has_more_content(at)
    )
    if orphan:
        cursor.draft.chrome.append(line.text)
        cursor.index = at + 1


def _read_body(cursor: _Cursor) -> None:
    lines, draft = cursor.lines, cursor.draft
    first = True
    while cursor.index < cursor.end:
        at = cursor.index
        line = lines[at]
        kind = line.kind
        cursor.index = at + 1
        if kind is BLANK:
            continue
        # Text first: it is most of the lines, and no other test needs to see it.
        if kind is BYLINE and (signed := split_signature(line.text)) is not None:
            # A post signed at its foot ("Jamie Braidwood14 August 2023 10:01") names its
            # author there: a byline above it belonged to an embedded teaser.
            draft.authors = [tidy_name(signed[0])]
        elif kind is TEXT or (kind is BYLINE and draft.authors):
            if line.text.startswith((_IMAGE_SOURCE, _IMAGE_CAPTION)):
                _read_image_block(cursor, line.text)
            else:
                _read_text(cursor, line.text, first=first)
            first = False
        elif kind is BULLET:
            draft.bullets.append(line.text)
        elif kind is BYLINE:
            _add_byline(draft, line.text)
        elif kind is CREDIT and (writer := _closing_writer(cursor, at, line.text)):
            draft.authors.append(writer)  # Reuters closes each post with "(Julien Ponthus)"
        else:
            # The chrome kinds and credits.
            draft.chrome.append(line.text)


def _closing_writer(cursor: _Cursor, at: int, text: str) -> str | None:
    """Return the writer a post's last line names in brackets: "(Julien Ponthus)"."""
    name = text[1:-1].strip() if text[:1] == "(" and text[-1:] == ")" else ""
    draft = cursor.draft
    if not name or not draft.body or draft.authors or not _ends_text(cursor, at):
        return None
    return name if is_name_line(name) and is_person(name) else None


def _read_image_block(cursor: _Cursor, text: str) -> None:
    """Read the BBC's "Image source, X" and "Image caption, Y" lines into one image."""
    lines, draft = cursor.lines, cursor.draft
    credit = None
    if text.startswith(_IMAGE_SOURCE):
        following = cursor.index
        if following < cursor.end and lines[following].text.startswith(_IMAGE_CAPTION):
            credit = text[len(_IMAGE_SOURCE) :].strip() or None
            text = lines[following].text
            cursor.index += 1
        else:
            draft.chrome.append(text)
            return
    caption = text[len(_IMAGE_CAPTION) :].strip()
    following = cursor.index
    if not caption and following < cursor.end and lines[following].kind is TEXT:
        # "Image caption," alone on its line: the caption is the next line.
        caption = lines[following].text
        cursor.index += 1
    if caption:
        draft.images.append((caption, credit))
    else:
        draft.chrome.append(text)


_TEXT_KINDS: Final = frozenset({TEXT, BULLET, CREDIT, BYLINE})
_LONGEST_SIGN_OFF: Final = 100
_SIGNED_TAIL_CHARS: Final = 48
_SIGN_OFF_DASHES: Final = ("\u2014", "\u2015", "--")
_BRACKETED_NAME = re.compile(
    r"(?<=[.!?\"\u201d])\s?(?:\((?P<name>[A-Z][^()]{3,50})\)"
    # Or set off by a dash: '... social distancing." \u2014Salvador Rodriguez' (CNBC), NPR's
    # "... the only win. --Andrew Flanagan".
    r"|(?:[\u2014\u2015]|--)\s?(?P<dashed>[A-Z][^()\u2014\u2015-]{3,40}))$"
)


def _read_text(cursor: _Cursor, text: str, *, first: bool) -> None:
    lines, draft = cursor.lines, cursor.draft
    following = lines[cursor.index] if cursor.index < cursor.end else None
    if following is not None and following.kind is not BLANK:
        # CNN prints a caption, then the same caption with its credit; others put the
        # credit alone on the next line: "(John Thys/AFP/Getty Images)", "Credit...".
        credit = duplicated_caption(text, following.text)
        if credit is None and following.kind in (CREDIT, TEXT):
            credit = credit_line(following.text)
        if credit is not None and first and not cursor.has_more_content(cursor.index):
            # All the post says, over an image with a credit alone ("Image: Apple"): its text.
            draft.body.append(text)
            draft.chrome.append(following.text)
            cursor.index += 1
            return
        if credit is not None:
            draft.images.append((text, credit or None))
            cursor.index += 1
            return
    inline = split_inline_credit(text)
    if inline is not None and inline[0]:
        draft.images.append(inline)
        return
    at = cursor.index - 1
    # A lone caption opens a post, above its text; a gallery is captions side by side.
    opening = first and cursor.has_more_content(at)
    candidate = opening or _has_text_beside(lines, at, cursor.end)
    if candidate and is_caption_like(text) and (opening or _in_gallery(lines, at, cursor.end)):
        draft.images.append((text, None))
        return
    closing = len(text) <= _LONGEST_SIGN_OFF and (not first or draft.headline is not None)
    signed = read_sign_off(text) if closing else None
    # A dash sets a signature off even where the page's footer follows the last post
    # (is_dashed_sign_off); bare names must close the post's text.
    # A post signs once: under a byline, a bare name closing its text is the next element's
    # ("Brussels Playbook", a newsletter box's title).
    if signed is not None and (signed != text or (_ends_text(cursor, at) and not draft.authors)):
        _add_byline(draft, signed)  # a post signed at its foot: "Ailbhe Conneely"
        return
    if (
        (
            text[-1] == ")"
            # A name ends it, not a full stop, as few paragraphs end: tested first.
            or (
                text[-1].isalpha()
                and any(dash in text[-_SIGNED_TAIL_CHARS:] for dash in _SIGN_OFF_DASHES)
            )
        )
        and not draft.authors
        and (credited := _bracketed_name(text)) is not None
        and _ends_text(cursor, at)
    ):
        # Haaretz closes a post's text with its writers: "... recent riots. (Jane Doe)",
        # "(Yaniv Kubovitch and Almog Ben Zikri)".
        draft.authors.extend(split_names(credited[1]))
        text = credited[0]
    draft.body.append(text)


def _bracketed_name(text: str) -> tuple[str, str] | None:
    """Split "... the riots. (Jane Doe)" into the text and the name in brackets."""
    # Searched in the tail only: the pattern opens with a look-behind, tried at every place.
    found = _BRACKETED_NAME.search(text, max(0, len(text) - _SIGNED_TAIL_CHARS))
    name = found["name"] or found["dashed"] if found is not None else ""
    if found is None or not is_name_line(name):
        return None
    return text[: found.start()].rstrip(), name


def _signed_at_foot(cursor: _Cursor, at: int) -> bool:
    """Tell whether a line after ``at`` signs the post, set off by a dash ("— By Jane Doe")."""
    lines = cursor.lines
    return any(
        lines[index].kind is TEXT and is_dashed_sign_off(lines[index].text)
        for index in range(at + 1, cursor.end)
    )


def _ends_text(cursor: _Cursor, at: int) -> bool:
    """Tell whether line ``at`` is the last of the post's text (chrome may follow)."""
    following = cursor.next_line(at)
    return following >= cursor.end or cursor.lines[following].kind not in _TEXT_KINDS


def _has_text_beside(lines: tuple[Line, ...], at: int, end: int) -> bool:
    return (at > 0 and lines[at - 1].kind is TEXT) or (at + 1 < end and lines[at + 1].kind is TEXT)


def _in_gallery(lines: tuple[Line, ...], at: int, end: int) -> bool:
    """Tell whether line ``at`` is one of adjacent caption lines (a photo gallery)."""
    return any(
        0 <= neighbour < end
        and lines[neighbour].kind is TEXT
        and is_caption_like(lines[neighbour].text)
        for neighbour in (at - 1, at + 1)
    )
