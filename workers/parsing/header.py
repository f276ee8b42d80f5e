"""Read the blog's own header: title, byline, update time, post count and lead."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from workers.parsing.authors import is_name_line, read_byline, tidy_name
from workers.parsing.captions import (
    credit_line,
    duplicated_caption,
    is_headline_like,
    is_orphan_credit,
    split_inline_credit,
)
from workers.parsing.lines import BLANK, BULLET, BYLINE, COUNT, DATE, TEXT, TIME, UPDATED, Line
from workers.parsing.times import DateLine, TimeLabel

_TITLE_PREFIX = re.compile(r"(?:live updates?|live blog|live|latest)\s?:\s", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"\s(?:\||-|\u2013|\u2014)\s(?P<site>[^|\u2013\u2014-]{2,40})")
_LIVE = re.compile(r"\blive\b", re.IGNORECASE)
_LABELS: Final = frozenset({"key points", "key events", "summary", "live", "live updates"})


@dataclass(slots=True)
class HeaderDraft:
    """The header as read, before times are resolved."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    updated: TimeLabel | None = None
    updated_raw: str | None = None
    declared_post_count: int | None = None
    lead: list[str] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    dated: list[tuple[int, TimeLabel]] = field(default_factory=list)
    date_lines: list[tuple[int, DateLine]] = field(default_factory=list)


def read_header(lines: tuple[Line, ...], end: int, site_names: frozenset[str]) -> HeaderDraft:
    """Read lines ``[0, end)`` as the blog's header."""
    return _HeaderReader(lines, end, site_names).read()


class _HeaderReader:
    """Read the header's lines one by one into a HeaderDraft."""

    def __init__(self, lines: tuple[Line, ...], end: int, site_names: frozenset[str]) -> None:
        self.lines = lines
        self.end = end
        self.site_names = site_names
        self.draft = HeaderDraft()
        self.captions: set[str] = set()
        self.title_at = title_line(lines, end)

    def read(self) -> HeaderDraft:
        """Read every header line and return the draft."""
        draft = self.draft
        index = 0
        while index < self.end:
            line = self.lines[index]
            index += 1
            kind, text = line.kind, line.text
            if kind is BLANK:
                continue
            if kind is UPDATED and draft.updated is None and line.label is not None:
                draft.updated, draft.updated_raw = line.label, text
            elif kind is COUNT and draft.declared_post_count is None:
                draft.declared_post_count = line.post_count
            elif kind is BYLINE:
                self._byline(text)
            elif kind is BULLET:
                draft.lead.append(text)
            elif kind is TEXT:
                index = self._text(index)
            else:
                if kind is TIME and line.label is not None:
                    draft.dated.append((index - 1, line.label))
                elif kind is DATE and line.date is not None:
                    draft.date_lines.append((index - 1, line.date))
                draft.chrome.append(text)
        return draft

    def _byline(self, text: str) -> None:
        byline = read_byline(text)
        names = [tidy_name(name) for name in byline.authors]
        self.draft.authors.extend(name for name in names if name not in self.draft.authors)
        if not byline.complete or byline.location:
            # A blog has no place of its own and no desks: keep the line where nothing is lost.
            self.draft.chrome.append(text)

    def _text(self, index: int) -> int:
        """Read the header line just before ``index``; return where reading goes on."""
        draft, lines, end = self.draft, self.lines, self.end
        text = lines[index - 1].text
        following = lines[index].text if index < end and lines[index].kind is not BLANK else ""
        # The lead image's caption is page furniture here: the blog has no images of its own.
        if following and (
            duplicated_caption(text, following) is not None or credit_line(following) is not None
        ):
            draft.chrome += [text, following]
            self.captions.add(text)
            return index + 1
        inline = split_inline_credit(text)
        if inline is not None or text in self.captions:
            draft.chrome.append(text)
            self.captions.add(inline[0] if inline else text)
            if following and is_orphan_credit(following):
                draft.chrome.append(following)
                return index + 1
            return index
        at = index - 1
        if text.casefold() in _LABELS or (self.title_at is not None and at < self.title_at):
            # Above the title sit the site's name and navigation ("World", "Europe").
            draft.chrome.append(text)
        elif at == self.title_at:
            draft.title = _clean_title(draft, text, self.site_names)
        elif is_name_line(text) and self._dated_next(index):
            draft.authors.extend(tidy_name(name) for name in read_byline(text).authors)
        else:
            draft.lead.append(text)
        return index

    def _dated_next(self, index: int) -> bool:
        """Tell whether the next non-blank line is a date, as under a byline of names."""
        while index < self.end and self.lines[index].kind is BLANK:
            index += 1
        return index < self.end and self.lines[index].kind in (TIME, DATE, UPDATED)


def title_line(lines: Sequence[Line], end: int) -> int | None:
    """Find the title: a headline saying "live", else the first of four words or more."""
    candidates = [
        index
        for index in range(end)
        if lines[index].kind is TEXT
        and is_headline_like(lines[index].text)
        and lines[index].text.casefold() not in _LABELS
        and split_inline_credit(lines[index].text) is None
    ]
    for index in candidates:
        if _LIVE.search(lines[index].text):
            return index
    for index in candidates:
        if len(lines[index].text.split()) >= 4:
            return index
    return candidates[0] if candidates else None


def _clean_title(draft: HeaderDraft, text: str, site_names: frozenset[str]) -> str:
    """Drop a "Live updates:" label and a " | CNN Politics" site name from a title."""
    title = text
    prefix = _TITLE_PREFIX.match(title)
    if prefix and prefix.end() < len(title):
        draft.chrome.append(prefix.group().strip())
        title = title[prefix.end() :]
    suffix = None
    for found in _SITE_SUFFIX.finditer(title):
        suffix = found
    if suffix is not None and suffix.end() == len(title):
        site = suffix["site"].strip()
        if any(site.startswith(name) for name in site_names) or suffix.group().lstrip()[0] == "|":
            draft.chrome.append(suffix.group().strip())
            title = title[: suffix.start()]
    return title
