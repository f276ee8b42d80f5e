"""Parse the text of a live-blog capture into a Snapshot (pure: no I/O)."""

import re
from collections import Counter, OrderedDict
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from itertools import islice
from typing import Final
from zoneinfo import ZoneInfo

from schemas.posts import Blog, Image, Post, Snapshot
from workers.identity import make_post
from workers.parsing.dumps import from_dump, looks_like_dump
from workers.parsing.header import HeaderDraft, read_header
from workers.parsing.layout import (
    Layout,
    Order,
    Segment,
    find_layout,
    newest_first,
    next_filled,
)
from workers.parsing.lines import (
    BLANK,
    BYLINE,
    CHROME,
    CREDIT,
    DATE,
    SEPARATOR,
    SPOKEN_LABEL,
    TEXT,
    TIME,
    VIDEO,
    Line,
    classify_all,
    forget_lines,
    list_numbers,
    split_glued_labels,
    split_run_on,
    unglued,
)
from workers.parsing.markdown import from_markdown, looks_like_markdown
from workers.parsing.outlets import OUTLETS, Outlet, default_zone, detect_outlet
from workers.parsing.posts import (
    POST_REMEMBERED_CHARS,
    POSTS_REMEMBERED,
    PostDraft,
    forget_posts,
    read_post,
)
from workers.parsing.timeline import FUTURE_SLACK, Marker, resolve
from workers.parsing.times import (
    NEW_YORK,
    TimeLabel,
    labels_zone,
    mentioned_zones,
    nearest_reading,
    page_zone,
    place,
    place_zone,
)

_SITE_NAMES = frozenset(outlet.name.removeprefix("The ") for outlet in OUTLETS)
_MARKER_KINDS = frozenset({CHROME, BYLINE, CREDIT, VIDEO, SEPARATOR, TIME})
_HEAD_LINES = 40
_OPENING: Final = 24
"""Characters that tell a headline repeated in a list of key events."""
ZONES_AHEAD: Final = tuple(
    timedelta(minutes=minutes)
    for minutes in (60, 120, 180, 210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 540, 570)
)
"""The offsets zones east of UTC keep, from Europe's to Japan's and South Australia's: a page
further ahead is read as a day behind instead."""
ZONES_FAR_AHEAD: Final = (
    *ZONES_AHEAD,
    *(timedelta(minutes=minutes) for minutes in (600, 630, 660, 720, 765, 780)),
)
"""And Australia's east, New Zealand's and their summer times."""
_OCEANIA = re.compile(
    r"\b(?:Australia|Australian|New Zealand|NZ|Sydney|Melbourne|Brisbane|Canberra|Queensland"
    r"|Auckland|Wellington|Christchurch|Kiwis?|Aussies?|New Zealanders?|Aotearoa"
    r"|Hawke's Bay|Tair\u0101whiti|Waikato|Tasmania|Hobart)\b"
)
_DAY: Final = timedelta(days=1)
_EXACT_AGE: Final = timedelta(hours=1)
"""Ages under it ("17 min ago") are given to the minute; "2 hours ago" is rounded."""
_DOTTED: Final = re.compile(r"\d\d?\.\d\d\s?[ap]m", re.IGNORECASE)
"""A clock written "3.46pm", as British and Irish pages do, not "3:46 p.m."."""
_STORE_DATE = re.compile(r"\s*date:? \d{4}-\d\d-\d\d ")
"""The date a page store sets before a copy's text: " date 2020-09-03 1:30 PM: ..."."""
_RUN_ON_SPOKEN = re.compile(r"[a-z?!'\u2019]published at ")
"""A headline run into the BBC's spoken label: "Where did the shootings take place?published at"."""
_PLACE_CHARS: Final = 4_000
"""How much of a page's head is looked at for the place it names."""
_NOON_HOUR: Final = 12
_FEW_POSTS: Final = 3
_UNTITLED: Final = "Post"
FRESH_NEWEST: Final = timedelta(hours=1)
"""A newest clock time this close before the capture in UTC is read in UTC, not a day back."""
_WESTERN: Final = (ZoneInfo("America/Denver"), ZoneInfo("America/Los_Angeles"))
_LATE_IN_NEW_YORK: Final = timedelta(hours=2)
"""A US page's newest post older than this in New York's clock may keep a western one."""


def parse_snapshot(text: str, *, captured_at: datetime | None = None) -> Snapshot:
    """Parse a capture's text into its blog, its posts in page order and the chrome left out."""
    return read_snapshot(text, captured_at=captured_at).snapshot


@dataclass(frozen=True, slots=True)
class Reading:
    """A parsed capture with the layout it was cut along (for ``parse --explain``)."""

    snapshot: Snapshot
    layout: Layout
    zone: tzinfo = UTC
    """The zone the page's bare clock times were read in."""
    zone_guessed: bool = False
    """Neither the page, its markup nor its outlet said the zone: it was inferred (from a place
    the page names, the clocks' style or the capture time) or taken from ``usual_zone``."""


def read_snapshot(
    text: str,
    *,
    captured_at: datetime | None = None,
    zone: tzinfo | None = None,
    usual_zone: tzinfo | None = None,
) -> Reading:
    """Parse a capture's text and keep the layout the posts were cut from.

    ``zone`` is where the page's bare clock times are, when something beside the text (an
    HTML page's markup) tells it; else the page's or its outlet's, else the capture time's
    evidence. ``usual_zone``, the zone the blog's earlier captures were read in, stands in
    for that evidence: a guess made once stays, where a fit to each capture's time would
    move every post of a blog captured hours after its last.
    """
    if (tag := _STORE_DATE.match(text)) is not None:
        # A page store's copy opens with its date, run into the page's first line.
        text = text[tag.end() :]
    if looks_like_markdown(text):
        text = from_markdown(text)
    elif looks_like_dump(text):
        text = from_dump(text)
    layout = find_layout(classify_all(text))
    found = len(layout.labels)
    # Labels too few to cut the page, maybe as some run into the text before them; where a
    # dump runs each label onto the paragraph above, the first, under the header, stands alone.
    # The BBC's headline run into its "published at ...": split, whatever else reads as labels
    # (the visible "13:29 GMT 15 March 2019New Zealand's ..." under it).
    glued = found < 2 or (SPOKEN_LABEL in text and _RUN_ON_SPOKEN.search(text) is not None)
    if glued and (split := split_glued_labels(text, sentences=found == 1)) is not None:
        layout = find_layout(classify_all(split))
    # Where no label stands alone and the page holds hardly a post, posts may run together
    # in paragraphs (a copy that lost its line breaks); most untimed pages have posts enough.
    if (
        found == 0
        and len(layout.labels) < 2
        and len(layout.segments) < _FEW_POSTS
        and (split := split_run_on(text)) is not None
    ):
        layout = find_layout(classify_all(split))
    lines = layout.lines
    header = read_header(lines, layout.header_end, _SITE_NAMES)
    outlet = detect_outlet(_marker_lines(lines))
    guessed = False
    if zone is None:
        zone, guessed = _zone_of(text, layout, header, outlet, captured_at, usual=usual_zone)
    updated_at = _header_instant(header, zone)
    # A page is captured at or shortly after its last update, so without a capture time the
    # "Updated ..." header stands in for it (relative labels resolve against it).
    captured = _utc(captured_at) if captured_at is not None else updated_at
    reference = captured or _latest_header_time(header, zone)
    drafts = [
        read_post(
            lines,
            segment,
            layout.order,
            _label_of(layout, segment.label_at),
            layout.headlines,
        )
        for segment in layout.segments
    ]
    numbered = list_numbers({i: draft.headline for i, draft in enumerate(drafts) if draft.headline})
    listed_chrome: list[str] = []
    if numbered:
        # A dump of a page that lists its posts in an ordered list: the numbers go, and an
        # untimed block above the first numbered post is the page's, not a post.
        first = min(numbered)
        keep = [
            index
            for index, segment in enumerate(layout.segments)
            if index >= first or segment.label_at is not None
        ]
        for index in sorted(set(range(len(drafts))) - set(keep)):
            listed_chrome += _texts(drafts[index])
        drafts = [
            replace(
                drafts[index], headline=unglued((drafts[index].headline or "")[numbered[index] :])
            )
            if index in numbered
            else drafts[index]
            for index in keep
        ]
        layout = replace(layout, segments=tuple(layout.segments[index] for index in keep))
    times = resolve(
        _markers(layout, header),
        captured_at=captured,
        reference=reference,
        zone=zone,
    )
    posts = [
        _post(draft, times.get(segment.label_at) if segment.label_at is not None else None)
        for draft, segment in zip(drafts, layout.segments, strict=True)
    ]
    kept = _without_repeats(posts)
    if len(kept) < len(posts):
        # A pinned post is printed again in its place in the feed: one post, kept there.
        layout = replace(layout, segments=tuple(layout.segments[index] for index in kept))
        drafts = [drafts[index] for index in kept]
    posts = [posts[index] for index in kept]
    chrome = [*header.chrome, *listed_chrome, *_between_posts(lines, layout)]
    for draft in drafts:
        chrome += draft.chrome
    blog = Blog(
        title=header.title,
        outlet=outlet.name if outlet else None,
        authors=tuple(header.authors),
        updated_at=updated_at,
        updated_at_raw=header.updated_raw,
        declared_post_count=header.declared_post_count,
        lead=tuple(header.lead),
    )
    snapshot = Snapshot(
        blog=blog,
        posts=tuple(posts),
        captured_at=captured,
        chrome=tuple(chrome),
        layout=shape_of(drafts, layout.order),
        warnings=warnings_of(tuple(posts), layout),
    )
    return Reading(snapshot, layout, zone, guessed)


def shape_of(drafts: list[PostDraft], order: Order) -> str:
    """Name the parts most posts have, in page order ("time > headline > byline > body")."""
    if not drafts:
        return "none"
    shapes = Counter(_parts(draft, order) for draft in drafts)
    return " > ".join(shapes.most_common(1)[0][0])


def _parts(draft: PostDraft, order: Order) -> tuple[str, ...]:
    parts = []
    if draft.label is not None:
        parts.append("time")
    if draft.headline is not None:
        parts.insert(0 if order is Order.HEADLINE_FIRST else len(parts), "headline")
    if draft.authors:
        parts.append("byline")
    if draft.body or draft.bullets or draft.images:
        parts.append("body")
    if order is Order.TIME_LAST and draft.label is not None:
        parts.append(parts.pop(0))
    return tuple(parts)


def _between_posts(lines: tuple[Line, ...], layout: Layout) -> list[str]:
    """Return the lines neither the header nor a kept post took (a repeat's): chrome."""
    left, start = [], layout.header_end
    for segment in (*layout.segments, Segment(len(lines), len(lines), None)):
        left += [line.text for line in lines[start : segment.start] if line.kind is not BLANK]
        start = max(start, segment.end)
    return left


def _without_repeats(posts: list[Post]) -> list[int]:
    """Return the indexes of the posts to keep: of a post printed twice, the last print."""
    # The same text at the same known time: identical one-liners without a time stay apart.
    last = {(post.fingerprint, post.published_at): index for index, post in enumerate(posts)}
    return [
        index
        for index, post in enumerate(posts)
        if post.published_at is None or last[post.fingerprint, post.published_at] == index
    ]


def warnings_of(posts: tuple[Post, ...], layout: Layout) -> tuple[str, ...]:
    """Say what in a parse an operator should look at: missing times, no labels at all."""
    warnings = []
    if posts and not layout.labels:
        warnings.append("no time labels")
    untimed = sum(post.published_at is None for post in posts)
    if untimed and layout.labels:
        warnings.append(f"{untimed} of {len(posts)} posts without a time")
    return tuple(warnings)


def _marker_lines(lines: tuple[Line, ...]) -> list[str]:
    """Return the lines an outlet's markers are looked for in: the head, then the chrome."""
    # A key event repeats a post's headline ("Sky News stops broadcast as ...17:35" over the
    # Mirror's post "Sky News stops broadcast as ..."): another outlet named in the news.
    openings = {
        line.text[:_OPENING] for line in lines if line.kind is TEXT and len(line.text) >= _OPENING
    }
    return [line.text for line in lines[:_HEAD_LINES]] + [
        line.text
        for line in lines[_HEAD_LINES:]
        if line.kind in _MARKER_KINDS and line.text[:_OPENING] not in openings
    ]


def _zone_of(
    text: str,
    layout: Layout,
    header: HeaderDraft,
    outlet: Outlet | None,
    captured_at: datetime | None,
    *,
    usual: tzinfo | None,
) -> tuple[tzinfo, bool]:
    """Choose the zone of the page's bare clock times, from the strongest evidence there is.

    Return it and whether it is a guess (``usual`` or the page's place, style or capture time).
    """
    zone = page_zone(text)
    if zone is None and header.updated is not None:
        # "Updated: Oct 20, 2026 / 02:40 PM PDT" over bare "UPDATE 2:40 p.m." labels.
        zone = header.updated.zone
    if zone is None:
        # "6.02pm BST" over the post and "6.15pm" under it: the page's zone, said once.
        zone = labels_zone(layout.labels.values())
    if zone is None and outlet is None and (mentioned := mentioned_zones(text)):
        zone = _freshest(mentioned, layout, captured_at)
    if zone is not None:
        return zone, False
    if outlet is not None and not outlet.syndicated:
        return outlet.zone, False
    if usual is not None:
        return usual, True
    labels = layout.labels.values()
    meridian = any(label.meridian for label in labels)
    dotted = any(_DOTTED.match(label.raw) for label in labels)
    zone = default_zone(outlet, meridian=meridian, dotted=dotted)
    # A local page keeps its place's clock without naming it: Denver's "7:40 p.m.". Named
    # in the page's head (its title, its standfirst), not in a post's news: a national
    # page's "remarks in Plainfield, Illinois" keeps New York's clock.
    head = "\n".join(line.text for line in layout.lines[: layout.header_end])[:_PLACE_CHARS]
    # A place the title names counts twice: "Earthquake hits parts of Bangladesh".
    head = f"{header.title or ''}\n{head}"
    zone = place_zone(head, american=zone is NEW_YORK) or zone
    if outlet is None and captured_at is not None:
        # Australia's and New Zealand's clocks, 10 to 13 hours ahead, are tried only where
        # the page names those countries: elsewhere a clock that far ahead of the capture is
        # the day before's (a blog captured the morning after its last post).
        ahead = ZONES_FAR_AHEAD if _OCEANIA.search(text) else ZONES_AHEAD
        zone = _zone_from_capture(text, layout, _utc(captured_at), zone, ahead)
    return zone, True


def _zone_from_capture(
    text: str,
    layout: Layout,
    captured_at: datetime,
    default: tzinfo,
    zones: tuple[timedelta, ...],
) -> tzinfo:
    """Check the zone ``default`` against the capture time, which no post can be later than."""
    # A live blog is captured minutes after its newest post: "21:00" on a page captured at
    # 20:00 UTC is 21:00 in a zone an hour ahead, not 21:00 the day before; so is
    # "16 Sep 2026 - 3:45PM" on a page captured at 07:50 UTC that day, eight hours ahead.
    labels = [label for _, label in sorted(layout.labels.items())]
    newest = _newest_label(labels)
    if newest is None or newest.zone or newest.relative:
        # An age and a clock ("8 minutes ago 9:45AM") tell the zone outright.
        aged = _zone_from_age(newest, captured_at) if newest and not newest.zone else None
        return aged or default
    first = _read_by_neighbour(newest, labels)
    if first.clock is None:
        return default
    day = captured_at.date()
    if first.day is not None and first.day_has_year:
        day = first.day
    elif first.day is not None:
        if (first.day.month, first.day.day) == (2, 29):
            return default  # no such day in most years: guess nothing
        day = first.day.replace(year=day.year)
    ahead = datetime.combine(day, first.clock, tzinfo=UTC) - captured_at
    if first.day is None and ahead + _DAY <= zones[-1]:
        # "0005" captured at 23:10 UTC: five past midnight tomorrow in a zone ahead, not a
        # newest post that is a day old.
        ahead += _DAY
    local = datetime.combine(day, first.clock, tzinfo=default) - captured_at
    # "12:50 PM" captured at 07:30 UTC on a page set in Dhaka: forty minutes old there.
    fresh_here = default is not UTC and -FRESH_NEWEST < local <= FUTURE_SLACK
    if FUTURE_SLACK < ahead <= zones[-1] and not fresh_here:
        # The nearest zone that puts it before the capture: "15:25" captured at 15:00 UTC is
        # Europe's hour ahead, not a half-hour zone that no country keeps; unless a place the
        # page names keeps a clock within the hour after it ("8.09pm" captured half an hour
        # after it on a page naming Delhi: India's half hour, not Pakistan's hour).
        named = place_zone(text, american=False, mentions=1)
        offset = named.utcoffset(datetime.combine(day, first.clock)) if named else None
        fits = offset is not None and ahead <= offset <= ahead + FRESH_NEWEST
        return named if named and fits else timezone(next(z for z in zones if z >= ahead))
    if -FRESH_NEWEST < ahead <= FUTURE_SLACK and local > FUTURE_SLACK:
        # "11.20am" captured at 11:30 UTC: ten minutes old in UTC, not New York's 11:20 of
        # the day before (in New York's today it is five hours after the capture).
        return UTC
    western = default is NEW_YORK and first.day is None
    return (_west_of_new_york(text, first.clock, day, captured_at) if western else None) or default


def _west_of_new_york(text: str, clock: time, day: date, captured_at: datetime) -> tzinfo | None:
    """Read a US page's newest post in a western clock where only that one makes it fresh."""
    # Coachella's "4:35 p.m." on a page captured at 00:05 UTC: half an hour old in California,
    # three and a half hours in New York. A live page is captured minutes after its newest
    # post; more than two hours late in New York's clock, the page keeps a western one.
    late = _age_in(NEW_YORK, clock, day, captured_at)
    if late is None or late <= _LATE_IN_NEW_YORK:
        return None
    # The place the page names most decides, where it names one ("Utah", or "Fort Myers" on a
    # page captured three hours after its last post): else the clock that makes it fresh.
    named = place_zone(text, american=True, mentions=1)
    ages = {
        zone: age
        for zone in ((named,) if named else _WESTERN)
        if (age := _age_in(zone, clock, day, captured_at)) is not None and age <= FRESH_NEWEST
    }
    return min(ages, key=ages.__getitem__) if ages else None


def _freshest(zones: list[tzinfo], layout: Layout, captured_at: datetime | None) -> tzinfo:
    """Choose of ``zones`` (named as often) the one the newest post is freshest in."""
    # "9am PDT (5pm BST)" on a page captured half an hour after its "10:54": London's.
    newest = _newest_label([label for _, label in sorted(layout.labels.items())])
    if len(zones) == 1 or captured_at is None or newest is None or newest.clock is None:
        return zones[0]
    captured = _utc(captured_at)
    day = newest.day or captured.date()
    clocks = [newest.clock]
    if not newest.meridian and 1 <= newest.clock.hour < _NOON_HOUR:
        clocks.append(newest.clock.replace(hour=newest.clock.hour + _NOON_HOUR))  # "10:59" p.m.
    ages = {
        zone: min(found)
        for zone in zones
        if (found := [a for c in clocks if (a := _age_in(zone, c, day, captured)) is not None])
    }
    return min(ages, key=ages.__getitem__) if ages else zones[0]


def _age_in(zone: tzinfo, clock: time, day: date, captured_at: datetime) -> timedelta | None:
    """Return how long before the capture ``clock`` fell in ``zone``, that day or the one before."""
    for when in (day, day - _DAY):
        age = captured_at - datetime.combine(when, clock, tzinfo=zone)
        if age >= -FUTURE_SLACK:
            return age
    return None


def _zone_from_age(label: TimeLabel, captured_at: datetime) -> tzinfo | None:
    """Read the zone off a label giving an age and a clock: "8 minutes ago 9:45AM"."""
    # An age under an hour is exact to its minute: the capture less the age is the post's
    # instant, and its clock says how far ahead of UTC the page's clocks run.
    if label.clock is None or label.relative is None or label.relative >= _EXACT_AGE:
        return None
    at = captured_at - label.relative
    ahead = (label.clock.hour - at.hour) * 60 + label.clock.minute - at.minute
    ahead = (ahead + 12 * 60) % (24 * 60) - 12 * 60  # the nearest way round the day
    quarter = round(ahead / 15) * 15
    return timezone(timedelta(minutes=quarter)) if abs(ahead - quarter) <= 2 else None


def _read_by_neighbour(first: TimeLabel, labels: list[TimeLabel]) -> TimeLabel:
    """Read a bare newest clock on a page of "p.m." labels as the hour nearest after theirs."""
    # "10:05" over "9:40" over "9:35 p.m." is evening; "10:08" over "8.55 am" is morning.
    clock = first.clock
    anchors = [label.clock for label in labels if label.meridian and label.clock is not None]
    if clock is None or first.meridian or not anchors or not 1 <= clock.hour <= _NOON_HOUR:
        return first
    anchor = anchors[0] if labels[0] is first else anchors[-1]
    return nearest_reading(first, anchor.hour * 60 + anchor.minute, step=1)


def _newest_label(labels: list[TimeLabel]) -> TimeLabel | None:
    """Return the newest post's label: the first, or the last where the clocks run up."""
    clocks: list[int | None] = [
        label.clock.hour * 3600 + label.clock.minute * 60 + label.clock.second
        for label in labels
        if label.clock is not None
    ]
    return next(iter(labels), None) if newest_first([clocks]) else labels[-1]


def _label_of(layout: Layout, at: int | None) -> TimeLabel | None:
    return layout.labels.get(at) if at is not None else None


def _utc(instant: datetime) -> datetime:
    """Read a naive capture time as UTC and return every capture time in UTC."""
    if instant.tzinfo is None:
        return instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC)


def _header_instant(header: HeaderDraft, zone: tzinfo) -> datetime | None:
    label = header.updated
    if label is None or label.day is None:
        return None
    if not label.day_has_year:
        return None
    return place(label, label.day, zone)


def _latest_header_time(header: HeaderDraft, zone: tzinfo) -> datetime | None:
    """Return the latest full date and time the header prints ("Wed 3 May 2023 10.42 BST")."""
    instants = [
        place(label, label.day, zone)
        for _, label in header.dated
        if label.day is not None and label.day_has_year
    ]
    known = [instant for instant in instants if instant is not None]
    return max(known) if known else None


def _markers(layout: Layout, header: HeaderDraft) -> list[Marker]:
    markers = [Marker(at=at, date_line=date_line) for at, date_line in header.date_lines]
    for index in range(layout.header_end, len(layout.lines)):
        line = layout.lines[index]
        if line.kind is DATE and line.date is not None:
            stamp = next_filled(layout.lines, index) in layout.labels
            markers.append(Marker(at=index, date_line=line.date, stamp=stamp))
    markers += [
        Marker(
            at=segment.label_at,
            label=layout.labels[segment.label_at],
            pinned=_marked_pinned(layout.lines, segment.label_at),
        )
        for segment in layout.segments
        if segment.label_at is not None
    ]
    markers.sort(key=lambda marker: marker.at)
    return markers


def _texts(draft: PostDraft) -> list[str]:
    """List the text a draft read, for a block taken out of the posts."""
    return [text for text in (draft.headline, *draft.body, *draft.bullets) if text]


def _marked_pinned(lines: tuple[Line, ...], at: int) -> bool:
    """Tell whether a label or one of the two lines above it says the post is pinned."""
    above = (line.text for line in reversed(lines[max(0, at - 8) : at + 1]) if line.text)
    return any(text.casefold().startswith("pinned") for text in islice(above, 3))


_POSTS: OrderedDict[tuple[object, ...], Post] = OrderedDict()
"""Posts as last built, by content, oldest first (bounded by POSTS_REMEMBERED)."""


def _post(draft: PostDraft, published_at: datetime | None) -> Post:
    raw = draft.label.raw if draft.label else None
    # "Postpublished at 14:46 ...": the BBC's word for a post without a title.
    headline = None if draft.headline == _UNTITLED else draft.headline
    content = (
        headline,
        tuple(draft.authors),
        draft.location,
        tuple(draft.body),
        tuple(draft.bullets),
        tuple(draft.images),
    )
    post = _POSTS.get(content)
    if post is not None:
        with suppress(KeyError):  # another thread may have just let it go
            _POSTS.move_to_end(content)
        if post.published_at_raw == raw and _same_instant(post.published_at, published_at):
            return post
        # The time is not content (the fingerprint leaves it out) and drifts with "2 min
        # ago": the post is copied with this capture's time rather than built again.
        return post.model_copy(update={"published_at": published_at, "published_at_raw": raw})
    post = make_post(
        headline=headline,
        published_at=published_at,
        published_at_raw=raw,
        authors=content[1],
        location=draft.location,
        body=content[3],
        bullets=content[4],
        images=tuple(Image(caption=caption, credit=credit) for caption, credit in draft.images),
    )
    if sum(map(len, draft.body)) > POST_REMEMBERED_CHARS:
        return post
    _POSTS[content] = post
    if len(_POSTS) > POSTS_REMEMBERED:
        with suppress(KeyError):
            _POSTS.popitem(last=False)
    return post


def _same_instant(a: datetime | None, b: datetime | None) -> bool:
    """Tell whether two times are the same instant written the same way (same offset)."""
    if a is None or b is None:
        return a is b
    return a == b and a.utcoffset() == b.utcoffset()


def forget() -> None:
    """Drop the remembered lines and posts, so the next parse starts cold (benchmarks)."""
    forget_lines()
    forget_posts()
    _POSTS.clear()
