"""Place every post's time label on the calendar, in UTC."""

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from workers.parsing.times import (
    DateLine,
    TimeLabel,
    local_day,
    nearest_reading,
    place,
    shift_day,
    subtract,
    with_year,
)

FUTURE_SLACK: Final = timedelta(minutes=5)
"""A bare clock time later than the capture by more than this belongs to the day before."""
_AGE_ROUNDING: Final = timedelta(hours=1)
_DAY: Final = timedelta(days=1)
_OUT_OF_ORDER_MINUTES: Final = 60
STALE_HEAD_DATE: Final = timedelta(hours=20)
"""Newest first, a first post placed this long before the capture by a date line above it
means the date is the blog's first day, not that post's."""
_DAY_MINUTES: Final = 24 * 60
_HALF_DAY_MINUTES: Final = 12 * 60
# A 24-hour clock pads its morning hours ("09:15"); "9:15" with no meridian is a 12-hour
# clock that left "p.m." to the page's header, or to a span the dump dropped.
_UNPADDED_HOUR = re.compile(r"(?<!\d)(?:1[0-2]|[1-9])[:.][0-5]\d")


@dataclass(frozen=True, slots=True)
class Marker:
    """A post's label or a date line, at its line in page order."""

    at: int
    label: TimeLabel | None = None
    date_line: DateLine | None = None
    pinned: bool = False
    """The page marks the post pinned ("PINNED" above its label)."""
    stamp: bool = False
    """A date line right over a label ("October 27th, 2012" above "03:33 AM ET")."""


def resolve(
    markers: list[Marker],
    *,
    captured_at: datetime | None,
    reference: datetime | None,
    zone: tzinfo,
) -> dict[int, datetime | None]:
    """Return the UTC time of every label marker, keyed by its line.

    ``captured_at`` resolves relative labels; ``reference`` (the capture or the page's own
    latest date) places bare clock times on a day when no date line precedes them.
    """
    placed: dict[int, datetime | None] = {}
    clock_markers: list[Marker] = []
    for given in markers:
        marker, label = given, given.label
        if label is None:
            clock_markers.append(marker)
            continue
        if label.instant is not None:
            placed[marker.at] = label.instant
            continue
        if label.relative is not None and captured_at is not None:
            placed[marker.at] = _from_relative(label, label.relative, captured_at, zone)
            continue
        if label.clock is None:
            placed[marker.at] = None
            continue
        if (
            label.day is None
            and (label.days_back is not None or label.weekday is not None)
            and reference is not None
        ):
            # "Yesterday at 22:10", "Tue 14:05": a date, counted back from the capture's day.
            today = local_day(reference, label, zone)
            back = label.days_back
            if back is None:
                back = (today.weekday() - (label.weekday or 0)) % 7
            day = shift_day(today, -back)
            label = replace(label, day=day, days_back=None, weekday=None) if day else label
            marker = replace(marker, label=label)
        if label.day is not None:
            day = with_year(label.day, label.day_has_year, reference, label.weekday)
            placed[marker.at] = place(label, day, zone) if label.day_has_year or reference else None
        clock_markers.append(marker)
    placed.update(_walk_days(clock_markers, reference=reference, zone=zone))
    return placed


def _from_relative(
    label: TimeLabel, relative: timedelta, captured_at: datetime, zone: tzinfo
) -> datetime | None:
    target = subtract(captured_at, relative)
    if target is None or label.clock is None:
        return target
    # Al Jazeera and Sky also print the clock time: take it, on the day that puts it
    # nearest the relative time.
    day = local_day(target, label, zone)
    best: datetime | None = None
    for offset in (-1, 0, 1):
        candidate_day = shift_day(day, offset)
        candidate = place(label, candidate_day, zone) if candidate_day else None
        if candidate is not None and (best is None or abs(candidate - target) < abs(best - target)):
            best = candidate
    # A clock far from the age is not this post's ("2:34", a video's length, over "3 hours
    # ago"): the age, rounded as pages round it, stands. One with its zone or meridian
    # ("12.28pm BST") is the post's time, and the age is stale (an aggregator's copy).
    stated = label.zone is not None or label.meridian
    if best is not None and abs(best - target) > max(_AGE_ROUNDING, relative / 2) and not stated:
        return target
    return best


def _minutes(label: TimeLabel) -> int:
    if label.clock is None:  # resolve() places labels without a clock itself
        raise ValueError(f"no clock time in {label.raw!r}")
    return label.clock.hour * 60 + label.clock.minute


def _newest_first(markers: list[Marker], *, twelve_hour: bool) -> bool:
    """Tell whether the page lists posts newest first, by how its clock times step."""
    down = up = 0
    previous: int | None = None
    for marker in markers:
        if marker.label is None:
            previous = None
            continue
        minutes = _minutes(marker.label)
        if previous is not None and twelve_hour:
            # On a 12-hour dial "1:15" after "12:40" is a step forward: the shorter way round.
            back = (previous - minutes) % _HALF_DAY_MINUTES
            down += 0 < back < _HALF_DAY_MINUTES // 2
            up += back > _HALF_DAY_MINUTES // 2
        elif previous is not None:
            down += minutes < previous
            up += minutes > previous
        previous = minutes
    return down >= up


def _twelve_hour(markers: list[Marker]) -> bool:
    """Tell whether the page's bare clocks are a 12-hour dial's: 1-12, unpadded, no meridian."""
    # Where other labels say "p.m." ("10:05", "9:40", then "9:35 p.m."), so much the surer.
    bare = [
        m.label
        for m in markers
        if m.label is not None and m.label.day is None and not m.label.meridian
    ]
    return bool(bare) and all(
        label.clock is not None
        and 1 <= label.clock.hour <= 12
        and _UNPADDED_HOUR.search(label.raw) is not None
        for label in bare
    )


def _twelve_hour_reading(
    label: TimeLabel,
    *,
    previous: int | None,
    day: date | None,
    reference: datetime | None,
    zone: tzinfo,
    step: int,
) -> TimeLabel:
    """Read a 12-hour clock as morning or afternoon: nearest the post before it in the walk."""
    if label.meridian:
        return label  # "9:35 p.m." says which
    toward = previous
    if toward is None and step < 0 and reference is not None:
        local = reference.astimezone(label.zone or zone)
        if day is None or day == local.date():
            # The newest post: the reading nearest before the capture.
            toward = local.hour * 60 + local.minute + int(FUTURE_SLACK.total_seconds()) // 60
    if toward is None or label.clock is None:
        return label
    return nearest_reading(label, toward, step=step)


def _walk_days(
    markers: list[Marker], *, reference: datetime | None, zone: tzinfo
) -> dict[int, datetime | None]:
    """Give bare clock times a day, stepping back a day where a newest-first list wraps."""
    twelve = _twelve_hour(markers)
    newest_first = _newest_first(markers, twelve_hour=twelve)
    anchored = any(m.date_line is not None or (m.label and m.label.day) for m in markers)
    if not newest_first and not anchored:
        # An oldest-first page ends at its newest post: walk it from the bottom up.
        return _walk(
            list(reversed(markers)), reference=reference, zone=zone, step=-1, twelve=twelve
        )
    step = -1 if newest_first else 1
    pinned = _pinned(markers) if newest_first else None
    if pinned is None:
        return _walk(markers, reference=reference, zone=zone, step=step, twelve=twelve)
    # A pinned post at the top is older than the posts under it: placed on its own, it
    # does not make the walk step back a day.
    rest = [marker for marker in markers if marker is not pinned]
    placed = _walk([pinned], reference=reference, zone=zone, step=step, twelve=twelve)
    placed.update(_walk(rest, reference=reference, zone=zone, step=step, twelve=twelve))
    return placed


def _pinned(markers: list[Marker]) -> Marker | None:
    """Return the first label when it is marked pinned, or no later than the two under it."""
    top = next((marker for marker in markers if marker.label is not None), None)
    if top is not None and top.pinned:
        return top
    labels = [marker for marker in markers[:4] if marker.label is not None]
    # Under a date line, "06:33, 21:52, 21:00" is a night crossing, not a pin.
    if len(labels) < 3 or any(m.date_line is not None for m in markers[:4]):
        return None
    first, second, third = (_minutes(m.label) for m in labels[:3] if m.label is not None)
    return labels[0] if first <= third <= second and first < second else None


def _before(instant: datetime | None, reference: datetime | None) -> datetime | None:
    """Move an instant later than the capture to the day before."""
    if instant is None or reference is None or instant <= reference + FUTURE_SLACK:
        return instant
    return instant - timedelta(days=1)


def _no_wrap_after(markers: list[Marker], number: int, previous: int) -> bool:
    """Tell whether, newest first, the clock goes on down past the date line at ``number``."""
    # A new day's heading sits where the clock wraps (00:15, "7 May", 23:40); where it
    # keeps going down (11:20, "7 May", 10:35) the posts are a day's and the date is not
    # theirs (a more than a day's pause in a live blog is the rarer case).
    following = next((m.label for m in markers[number + 1 :] if m.label is not None), None)
    return following is not None and following.clock is not None and _minutes(following) < previous


def _stamped(markers: list[Marker]) -> bool:
    """Tell whether the page dates its posts: most labels stand under a date line of their own."""
    # Then a date over a label is that post's day, however the clocks run: a blog that went
    # quiet for days (04:50 on the 9th, then 03:33 on the 27th). One such date alone may be a
    # teaser's, run up against the next post's label.
    stamps = sum(marker.stamp for marker in markers)
    return stamps >= 2 and 2 * stamps >= sum(marker.label is not None for marker in markers)


def _walk(
    markers: list[Marker], *, reference: datetime | None, zone: tzinfo, step: int, twelve: bool
) -> dict[int, datetime | None]:
    placed: dict[int, datetime | None] = {}
    day: date | None = None
    previous: int | None = None
    stamped = _stamped(markers)
    for number, marker in enumerate(markers):
        if marker.date_line is not None:
            heading = with_year(
                marker.date_line.day,
                marker.date_line.has_year,
                reference,
                marker.date_line.weekday,
            )
            if (
                step < 0
                and previous is not None
                and not (stamped and marker.stamp)
                and _no_wrap_after(markers, number, previous)
            ) or (reference is not None and heading > reference.date() + _DAY):
                # A teaser's date inside a post ("Read more: ..., 7 May 2026"), or a site's
                # "today" in its header, past the capture: neither is the posts' day.
                continue
            day, previous = heading, None
            continue
        label = marker.label
        if label is None:  # a date line, handled above; no other marker lacks a label
            continue
        label = (
            _twelve_hour_reading(
                label, previous=previous, day=day, reference=reference, zone=zone, step=step
            )
            if twelve and label.day is None
            else label
        )
        minutes = _minutes(label)
        if label.day is not None:
            day = with_year(label.day, label.day_has_year, reference, label.weekday)
            previous = minutes
            continue
        if day is not None and not placed and step < 0 and reference is not None:
            first = place(label, day, zone)
            if first is not None and reference - first > STALE_HEAD_DATE:
                # Above a newest-first page, a date a day before its newest post is the
                # day the blog began (Reuters: "December 4, 2025" over a 5 December feed).
                day = None
        if day is None:
            if reference is None:
                placed[marker.at] = None
                continue
            day = local_day(reference, label, zone)
        elif label.edited:
            # An edit's stamp is out of the list's order by nature: it moves no day.
            placed[marker.at] = _before(place(label, day, zone), reference)
            continue
        elif previous is not None and (minutes - previous) * step < -_OUT_OF_ORDER_MINUTES:
            # Newest first, a later clock time going down the page is the day before; a few
            # minutes later is a post set out of order ("8:30, 8:40, 8:10"), not a day's wrap.
            day = shift_day(day, step)
        previous = minutes
        instant = place(label, day, zone) if day else None
        if instant is not None and reference is not None and instant > reference + FUTURE_SLACK:
            day = shift_day(day, -1) if day else None
            instant = place(label, day, zone) if day else None
        placed[marker.at] = instant
    return placed
