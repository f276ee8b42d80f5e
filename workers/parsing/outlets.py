"""Recognise the outlet a capture comes from and the zone its bare times are in."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Final

from workers.parsing.times import LONDON, NEW_YORK

MAX_MARKER_LINE_CHARS: Final = 160
"""Markers are looked for in short lines only: a paragraph saying "told CNN" or "the BBC
reported" names another outlet, not the page's own."""


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet, the markers its pages carry and the zone of its bare clock times."""

    name: str
    markers: tuple[str, ...]
    zone: tzinfo


OUTLETS: Final = (
    Outlet("CNN", ("From CNN", "Analysis from CNN", ", CNN", "| CNN", "Source: CNN",
                   "Link Copied!", "CNN staff"), NEW_YORK),
    Outlet("TRT World", ("TRT World", "trtworld", "Route 6"), UTC),
    Outlet("The Guardian", ("Photograph: ", "The Guardian", "theguardian.com",
                            "Guardian staff"), LONDON),
    Outlet("BBC", ("BBC News", "British Summer Time", "Image source, ", "Image caption, ",
                   "bbc.co.uk", "BBC Live"), LONDON),
    Outlet("Al Jazeera", ("Al Jazeera", "aljazeera"), UTC),
    Outlet("Sky News", ("Sky News", "news.sky.com"), LONDON),
    Outlet("The Independent", ("The Independent", "independent.co.uk"), LONDON),
    Outlet("The Washington Post", ("The Washington Post", "washingtonpost.com"), NEW_YORK),
    Outlet("The New York Times", ("The New York Times", "nytimes.com", "Credit..."), NEW_YORK),
    Outlet("AP", ("Associated Press", "AP Photo", "apnews.com", "AP News"), NEW_YORK),
    Outlet("Reuters", ("(Reuters)", "Reuters.com", "Reporting by ", "Editing by "), UTC),
)  # fmt: skip


_MARKERS: Final = {marker: outlet for outlet in OUTLETS for marker in outlet.markers}
_MARKER_PATTERN: Final = re.compile("|".join(map(re.escape, _MARKERS)))


def detect_outlet(lines: Iterable[str]) -> Outlet | None:
    """Pick the outlet whose markers the page's short lines carry most often."""
    page = "\n".join(text for text in lines if len(text) <= MAX_MARKER_LINE_CHARS)
    scores: Counter[str] = Counter()
    for marker in _MARKER_PATTERN.findall(page):
        scores[_MARKERS[marker].name] += 1
    if not scores:
        return None
    # Ties go to the outlet listed first, so the result never depends on dict order.
    return max(OUTLETS, key=lambda outlet: (scores[outlet.name], -OUTLETS.index(outlet)))


def default_zone(outlet: Outlet | None, *, meridian: bool) -> tzinfo:
    """Return the zone of bare clock times: the outlet's, else by the clock's style."""
    if outlet is not None:
        return outlet.zone
    # "9:13 a.m." is how American pages write time; a bare "17:26" is read as UTC.
    return NEW_YORK if meridian else UTC
