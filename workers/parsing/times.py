"""Read the time labels and date lines of live blogs and resolve them to UTC."""

import re
from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

NEW_YORK: Final = ZoneInfo("America/New_York")
LONDON: Final = ZoneInfo("Europe/London")

MAX_LABEL_CHARS: Final = 320
"""Longer lines are never read as labels: it bounds the regex work per line (TRT glues a
headline to its label, so the bound is a headline's length, not a label's)."""

_ZONES: Final[dict[str, tzinfo]] = {
    "ET": NEW_YORK,
    "Eastern Time": NEW_YORK,
    # Writers keep "EST" and "PST" all year: the clock is the region's ("10am PST" for an
    # Apple event in September is 10am in California).
    "EDT": NEW_YORK,
    "Eastern Daylight Time": timezone(timedelta(hours=-4)),
    "EST": NEW_YORK,
    "Eastern Standard Time": timezone(timedelta(hours=-5)),
    "CT": ZoneInfo("America/Chicago"),
    "CDT": ZoneInfo("America/Chicago"),
    "CST": ZoneInfo("America/Chicago"),
    "PT": ZoneInfo("America/Los_Angeles"),
    "PDT": ZoneInfo("America/Los_Angeles"),
    "PST": ZoneInfo("America/Los_Angeles"),
    "BST": timezone(timedelta(hours=1)),
    "British Summer Time": timezone(timedelta(hours=1)),
    "GMT": UTC,
    "Greenwich Mean Time": UTC,
    "UTC": UTC,
    "CET": ZoneInfo("Europe/Berlin"),  # kept all year as "EST" is: "16:28 CET" in July
    "CEST": timezone(timedelta(hours=2)),
    "EET": timezone(timedelta(hours=2)),
    "EEST": timezone(timedelta(hours=3)),
    "MSK": timezone(timedelta(hours=3)),
    "IST": timezone(timedelta(hours=5, minutes=30)),  # India's, as Indian outlets print it
    "Indian Standard Time": timezone(timedelta(hours=5, minutes=30)),
    "UK time": LONDON,
    "AEDT": timezone(timedelta(hours=11)),
    "AEST": timezone(timedelta(hours=10)),
    "ACDT": timezone(timedelta(hours=10, minutes=30)),
    "ACST": timezone(timedelta(hours=9, minutes=30)),
    "AWST": timezone(timedelta(hours=8)),
    "NZDT": timezone(timedelta(hours=13)),
    "NZST": timezone(timedelta(hours=12)),
    "JST": timezone(timedelta(hours=9)),
    "KST": timezone(timedelta(hours=9)),
    "HKT": timezone(timedelta(hours=8)),
    "SGT": timezone(timedelta(hours=8)),
    "PKT": timezone(timedelta(hours=5)),
    "WIB": timezone(timedelta(hours=7)),
    "SAST": timezone(timedelta(hours=2)),
    "EAT": timezone(timedelta(hours=3)),
    "WAT": timezone(timedelta(hours=1)),
    "IDT": timezone(timedelta(hours=3)),
    "GST": timezone(timedelta(hours=4)),  # the Gulf's
    "Gulf Standard Time": timezone(timedelta(hours=4)),
    "PHT": timezone(timedelta(hours=8)),
    "ICT": timezone(timedelta(hours=7)),
    "CAT": timezone(timedelta(hours=2)),
    "MDT": timezone(timedelta(hours=-6)),
    "MST": timezone(timedelta(hours=-7)),
    "MT": ZoneInfo("America/Denver"),
    "AKST": timezone(timedelta(hours=-9)),
    "HST": timezone(timedelta(hours=-10)),
    "Central Time": ZoneInfo("America/Chicago"),
    "Eastern": NEW_YORK,  # "3:21 p.m. Eastern"; not "Central": "Central European Time"
    "Pacific": ZoneInfo("America/Los_Angeles"),
    "AET": ZoneInfo("Australia/Sydney"),
    "Mountain Time": ZoneInfo("America/Denver"),
    "Pacific Time": ZoneInfo("America/Los_Angeles"),
    # "9:40 p.m. Central time: Gov. Scott Walker is ..." (Mother Jones)
    "Eastern time": NEW_YORK,
    "Central time": ZoneInfo("America/Chicago"),
    "Mountain time": ZoneInfo("America/Denver"),
    "Pacific time": ZoneInfo("America/Los_Angeles"),
}
_FOLDED_ZONES: Final = {name.casefold(): zone for name, zone in _ZONES.items()}
"""The zones by name in any case: "All times below are in Eastern time"."""

_MONTHS: Final = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_ZONE_PATTERN = "|".join(sorted(map(re.escape, _ZONES), key=len, reverse=True))
_MONTH_NAMES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember|embre)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_WEEKDAY_NAMES = (
    r"Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:rs|rsday)?|Fri(?:day)?"
    r"|Sat(?:urday)?|Sun(?:day)?"
)
# Capitalised or in capitals ("OCT 15, 6:42 PM": a page's CSS uppercases its labels and a
# browser's innerText keeps it), never in lower case, where "may" and "sun" are words.
_MONTH_PATTERN = rf"(?:{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\.?"
_WEEKDAY_PATTERN = rf"(?:{_WEEKDAY_NAMES}|{_WEEKDAY_NAMES.upper()})\.?,?\s"
_NAMED_WEEKDAY = rf"(?P<wd>{_WEEKDAY_NAMES}|{_WEEKDAY_NAMES.upper()})\.?,?\s"

# Every pattern below is anchored with .match at a position and has no nested unbounded
# repetition, so a line costs time linear in its (bounded) length.
# "UPDATE 2:40 p.m.: ..." opens each new paragraph of a local station's story (KTLA).
_PREFIX = re.compile(
    r"(?:pinned:?\s)?"
    r"(?:(?:published at|published|posted at|posted|at"
    r"|(?:live )?up ?date(?:\s\d{1,3}(?=\s[-\u2013\u2014])| at)?(?:\s?[-\u2013:@|]|,)?)\s)?",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"(?:(?P<units>(?:(?:\d{1,3},\d{3}|\d{1,4})\s?"
    r"(?:years?|yrs?|y|months?|mo|weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)"
    r"\b[ ,]{0,2}"
    r"){1,3})ago|(?P<now>just now|moments ago)"
    r"|an? (?P<one>hour|minute|day|week|month|year) ago)",
    re.IGNORECASE,
)
# AP's "The Latest": an hour alone on its line, "8 a.m.", "Noon". Undotted, a meridian takes
# no full stop after it: "9pm." alone is a sentence's end that a text browser wrapped.
_HOUR_ALONE = re.compile(
    r"(?:(?P<h>1[0-2]|[1-9])\s?(?:(?P<ap>[aApP])\.\s?[mM]\.|(?P<ap2>[aApP])[mM])"
    r"|(?:12\s)?(?P<noon>[Nn]oon|NOON)|(?:12\s)?(?P<midnight>[Mm]idnight|MIDNIGHT))"
    # Or set off from its post's text: "8 p.m.: Biden holds his edge", "4 pm -- It's not",
    # or only by a space before a capital: "4 a.m. Trump wins" (not a zone: "4 a.m. ET"), or
    # by nothing where a dump ran them together: "9amTaoiseach Leo Varadkar said ...".
    r"(?:(?P<sep> ?:| [-\u2013\u2014/|]{1,2}) (?P<glued>\S.*)"
    # An acronym opens a headline too, where a word in lower case follows: "7 p.m. PG&E says".
    rf"|(?: |(?<=[ap]m))(?P<titled>[A-Z][a-z].*"
    rf"|(?!(?:{_ZONE_PATTERN})\b)[A-Z][A-Z&.'-]+ [a-z].*)|:)?"
)
_HOUR_AFTER_DATE = re.compile(
    rf"(?P<h>1[0-2]|0?[1-9])\s?(?P<ap>[aApP])\.?\s?[mM]\b\.?(?:\s?(?P<tz>{_ZONE_PATTERN})\b)?"
)
_HOUR_INITIALS: Final = frozenset("123456789NnMm")
_MAX_SPEAKER: Final = 42
_NAME_MARK: Final = "\u00b7"
_UPDATE_WORD = re.compile(r"update:?", re.IGNORECASE)
_UPDATE_TAIL = re.compile(r"update\s?[:\u2013\u2014-]\s?(?=\S)", re.IGNORECASE)
_COMPACT_AGE = re.compile(r"\d{1,3}[mhd] ago")
_LONGEST_KICKER: Final = 48
_UNIT = re.compile(r"(\d{1,3},\d{3}|\d{1,4})\s?([a-zA-Z]+)")  # NBC: "3,392d ago"
_SECONDS: Final = {
    "y": 365 * 86400, "mo": 30 * 86400, "w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1,
}  # fmt: skip
"""Seconds a unit of age stands for, by its first letter ("mo" for months: "m" is minutes)."""
# France 24 and some apps drop the "ago": a line that is only "18 min" or "2h" is an age.
_BARE_AGE = re.compile(r"\d{1,3}\s?(?:min|mins|minutes|h|hrs?|hours?)", re.IGNORECASE)
_CLOCK = re.compile(
    r"(?:(?P<h>[012]?\d)(?::\s?|\.|[hH])(?P<m>[0-5]\d)"  # "18h38": French, Portuguese
    r"(?::(?P<s>[0-5]\d)(?:\.\d{1,6}(?=Z|[+\-]\d\d:\d\d))?)?"  # ISO's fraction: ":36.505Z"
    # "5:04 PMThe", "PMI've", "9.04amTV presenters"
    r"(?:\s?(?P<ap>[aApP])\.?\s?[mM](?:\b|(?=[A-Z][a-z'\u2019])|(?<=[ap]m)(?=[A-Z]))\.?)?"
    rf"|(?P<hm>[012]\d[0-5]\d)(?=\s?(?:GMT|UTC|BST|ET)\b)"
    # An hour alone where a zone follows: "10am EST" (alone, "10am:" opens a diary's line,
    # and "9pm." a line of text wrapped at 80 columns).
    rf"|(?P<h1>1[0-2]|0?[1-9])\s?(?P<ap1>[aApP])\.?\s?[mM]\.?(?=\s?(?:{_ZONE_PATTERN})\b))"
    r"(?:\s?(?:hrs|h|Uhr)\b\.?)?"  # "14:05 hrs IST", "22:31 Uhr", "10:37 h"
    # An offset first: "GMT+1" is not "GMT" with "+1" run on; ISO's "Z" and "+01:00" unspaced.
    r"(?:\s?\(?(?P<off>(?:GMT|UTC)\s?[+\-\u2212]\d{1,2}(?::?\d\d)?)\)?"
    r"|(?P<iso>Z\b|\s?[+\-]\d\d:\d\d)"  # "1:07:56 AM +00:00" (Daily Kos)
    rf"|\s?(?P<tz>{_ZONE_PATTERN})(?:\b|(?=\d\d:))|\s?\((?P<ptz>{_ZONE_PATTERN})\))?"
)
# A year ends at a word's end, or where a dump runs a clock with its meridian or zone on
# ("May 15, 201312:39 pm", "23 August 202019:02 GMT"; NBC's "Nov. 20, 201906:59" is a video's
# date and length).
_YEAR_END = (
    r"(?:\b|(?=[012]?\d[:.][0-5]\d\s?[aApP]\.?[mM]|[A-Z][a-z]"
    rf"|[012]\d[:.][0-5]\d\s?(?:{_ZONE_PATTERN})\b))"
)
_DATE = re.compile(
    rf"(?:{_NAMED_WEEKDAY})?(?:(?P<mon>{_MONTH_PATTERN})\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<mon2>{_MONTH_PATTERN}))(?:,?\s(?P<y>\d{{4}}){_YEAR_END})?"
    # A CSS-less dump of NDTV runs month, day, year and clock together: "November022023".
    rf"|(?P<mon3>{_MONTH_PATTERN})(?P<d3>\d\d)(?P<y3>\d{{4}})"
    # Numbers: "15/11/2026", "03.12.2026"; day first unless the numbers or the clock say not.
    rf"|(?:{_WEEKDAY_PATTERN})?(?P<n1>\d{{1,2}})(?P<sep>[/.])(?P<n2>\d{{1,2}})(?P=sep)"
    # A year in two digits only after a slash, and before a space: "6/16/20, 12:48 p.m.";
    # none before a clock: "29/05 10:00" (Mail & Guardian).
    rf"(?:(?P<y4>\d{{4}}){_YEAR_END}|(?<=/)(?P<yy>\d\d)(?=,?\s))"
    r"|(?P<n3>\d{1,2})/(?P<n4>\d{1,2})(?=\s[012]?\d[:.][0-5]\d)"
    # ISO 8601: "2026-12-03 10:15", "2026-12-03T10:15:00Z".
    r"|(?P<iy>\d{4})(?P<isep>[-/])(?P<im>\d\d)(?P=isep)(?P<id>\d\d)(?:T(?=\d))?"  # "2023/01/11"
)
# "Tue 14:05", "Thursday 10.15am": a weekday with no date, the last such day.
_WEEKDAY_ONLY = re.compile(
    rf"(?P<weekday>{_WEEKDAY_NAMES}|{_WEEKDAY_NAMES.upper()})\.?,?\s(?:at\s)?"
)
# The same after a clock, alone or set off from the post's text.
_WEEKDAY_AFTER = re.compile(
    rf"\(?(?P<weekday>{_WEEKDAY_NAMES}|{_WEEKDAY_NAMES.upper()})\.?\)?"
    r"(?:\s?[-\u2013\u2014:,]\s?(?=\S)|\s?$)"
)
_WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_INITIALS: Final = frozenset("MTWFS")
# "Today at 10:42", "Yesterday, 22:10" (Irish Independent): a clock on a day counted back
# from the capture's.
_DAY_WORD = re.compile(r"(?P<word>today|yesterday)\b,?\s?(?:at\s)?", re.IGNORECASE)
_SEPARATOR = re.compile(r"[ ,]{0,3}(?:(?:on|at|-|\u2013|\u2014|\||[\u00b7\u2022]|/)\s)?")
# CBS: "June 18, 2026 / 11:52 PM EDT / CBS News": the outlet signs the stamp.
_SIGNED_TAIL = re.compile(r"/\s?(?:[A-Z][\w&.'-]*\s?){1,4}")
_PAREN_CLOCK = re.compile(r"\s?\((?P<clock>[^()]{4,40})\)")
_DATE_LINE_PREFIX = re.compile(
    r"(?:published on|published|last updated|last update|updated|first published on)\s?:?\s",
    re.IGNORECASE,
)
# France 24's page stamps: "Issued on: 13/01/2026 - 07:02", "Modified: 13/01/2026 - 16:48".
_UPDATED_PREFIX = re.compile(
    r"(?:last updated|last update|updated|latest update|last modified|modified|issued)"
    r"(?: at| on)?(?:\s?[:|])?\s?",  # TheJournal: "LAST UPDATE | 9 minutes ago"
    re.IGNORECASE,
)
_DATE_TAIL = re.compile(rf"(?:\s(?:\d{{1,2}}\s{_MONTH_PATTERN}|{_MONTH_PATTERN}\s\d{{1,2}}))?")
_GLUE_MARKS: Final = "\u2014\u2013-:|"
_TAIL_MARKS: Final = _GLUE_MARKS + "\u00b7 "
EPOCH_RANGE: Final = (946684800, 4102444800)
"""Unix times from 2000 to 2100: a ten-digit number outside it is a count, not a time."""
_MAX_NAME_WORDS: Final = 5
_MAX_SIGNATURE_CHARS: Final = 90
_MAX_OFFSET: Final = 14 * 60
# "(all times Hawaii local)": a page's zone given by the place it keeps.
_PLACE_ZONES: Final[dict[str, tzinfo]] = {
    "hawaii": ZoneInfo("Pacific/Honolulu"),
    "alaska": ZoneInfo("America/Anchorage"),
    "arizona": ZoneInfo("America/Phoenix"),
    "india": timezone(timedelta(hours=5, minutes=30)),
    "israel": ZoneInfo("Asia/Jerusalem"),
    "kyiv": ZoneInfo("Europe/Kyiv"),
    "ukraine": ZoneInfo("Europe/Kyiv"),
    "moscow": ZoneInfo("Europe/Moscow"),
    "japan": ZoneInfo("Asia/Tokyo"),
    "tokyo": ZoneInfo("Asia/Tokyo"),
    "beijing": timezone(timedelta(hours=8)),
    "hong kong": timezone(timedelta(hours=8)),
    "singapore": timezone(timedelta(hours=8)),
    "sydney": ZoneInfo("Australia/Sydney"),
    "new zealand": ZoneInfo("Pacific/Auckland"),
    "mexico city": ZoneInfo("America/Mexico_City"),
    "london": LONDON,
    "paris": ZoneInfo("Europe/Paris"),
    "brussels": ZoneInfo("Europe/Brussels"),
    "berlin": ZoneInfo("Europe/Berlin"),
    "doha": timezone(timedelta(hours=3)),
    "dubai": timezone(timedelta(hours=4)),
}
_ALL_TIMES = re.compile(
    rf"all times\b[^.\n]{{0,50}}?(?:\b(?P<zone>{_ZONE_PATTERN})\b|(?:UTC|GMT)\s?[+\-\u2212]\d)",
    re.IGNORECASE,
)
# "All times are Hawaii local", "Updates are in New Zealand time".
_TIMES_PLACE = re.compile(
    rf"(?:all times\b[^.\n]{{0,30}}?|updates are in\b[^.\n]{{0,12}}?)"
    rf"\b(?P<place>{'|'.join(_PLACE_ZONES)})\b",
    re.IGNORECASE,
)
_ALL_TIMES_PREFILTER = re.compile(r"ll [Tt]imes")
_UTC_OFFSET = re.compile(r"(?:UTC|GMT)\s?(?P<sign>[+\-\u2212])(?P<h>\d{1,2})(?::?(?P<m>\d\d))?")
_SIGNED_OFFSET = re.compile(r"(?P<sign>[+\-\u2212])(?P<h>\d{1,2})(?::?(?P<m>\d\d))?")
_OPENING_QUOTES: Final = "\"'\u201c\u2018"
_FOUR_DIGITS = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
# A zone named right after a clock: "at 10am PT", "22:00 BST", "8:30 a.m. Pacific Time".
_ZONE_MENTION = re.compile(
    rf"(?:\d[:.]\d\d|\d\s?[aApP]\.?[mM]\b\.?|\b\d{{4}})\s?\(?"
    # "reconvene at 7 p.m. central time"
    rf"(?P<zone>{_ZONE_PATTERN}|(?:eastern|central|mountain|pacific) time)\b"
)


@dataclass(frozen=True, slots=True)
class TimeLabel:
    """A post's time label as read, before it is placed on a calendar."""

    raw: str
    relative: timedelta | None = None
    clock: time | None = None
    day: date | None = None
    day_has_year: bool = True
    zone: tzinfo | None = None
    meridian: bool = False
    glued: str = ""
    author: str = ""
    instant: datetime | None = None
    """A label that names its instant outright (a Unix epoch a script never rendered)."""
    edited: bool = False
    """An "Updated ..." stamp standing for a post's label: later than the post's place."""
    days_back: int | None = None
    """"Today at 10:42" is 0, "Yesterday at 22:10" 1: days before the capture's, in its zone."""
    weekday: int | None = None
    """"Tue 14:05" is 1 (Monday is 0): the last such day on or before the capture's; with a
    day but no year ("Fri 22 Feb"), it tells the year."""
    updated: str = ""
    """The "Updated ..." stamp printed after the time ("Posted 14:05 | Updated 14:40 GST")."""

    @property
    def needs_day(self) -> bool:
        """Tell whether the label gives a time of day without its date."""
        return self.clock is not None and self.day is None


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that gives only a date ("Friday, June 2, 2023")."""

    day: date
    has_year: bool
    weekday: int | None = None
    """The weekday named with a date that has no year ("Friday 22 February"): it tells the year."""

    def label(self, raw: str) -> TimeLabel:
        """Read the date as a label that gives a day and no time (a post stamped with it)."""
        return TimeLabel(raw=raw, day=self.day, day_has_year=self.has_year, weekday=self.weekday)


def _skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Return where ``pattern``, which always matches, ends when matched at ``pos``."""
    match = pattern.match(text, pos)
    return match.end() if match else pos


def _year_or(value: str | None, default: int) -> tuple[int, bool]:
    return (int(value), True) if value else (default, False)


def _yearless_weekday(match: re.Match[str]) -> int | None:
    """Return the weekday a date without a year names ("Fri 22 Feb"), which tells its year."""
    if match["wd"] is None or match["y"] or match["y3"]:
        return None
    return _weekday(match["wd"])


def _read_date(match: re.Match[str], default_year: int = 2000) -> tuple[date, bool] | None:
    if match["iy"]:
        try:
            return date(int(match["iy"]), int(match["im"]), int(match["id"])), True
        except ValueError:
            return None
    if match["n1"] or match["n3"]:
        first, second = int(match["n1"] or match["n3"]), int(match["n2"] or match["n4"])
        day, month = (second, first) if second > 12 else (first, second)
        has_year = not match["n3"]
        try:
            year = int(match["y4"] or f"20{match['yy']}") if has_year else 2000
            return date(year, month, day), has_year
        except ValueError:
            return None
    month_name = match["mon"] or match["mon2"] or match["mon3"]
    day_text = match["d"] or match["d2"] or match["d3"]
    month = _MONTHS[month_name[:3].lower()]
    year, has_year = _year_or(match["y"] or match["y3"], default_year)
    try:
        # Without a year, 29 February must still read; the real year is chosen later.
        return date(year if has_year else 2000, month, int(day_text)), has_year
    except ValueError:
        return None


def _month_first(match: re.Match[str]) -> bool:
    """Tell whether a numeric date may be month first: both numbers could be months."""
    first, second = match["n1"] or match["n3"], match["n2"] or match["n4"]
    return bool(first) and int(first) <= 12 and int(second) <= 12


def meridian_hour(hour: int, meridian: str) -> int:
    """Read a 12-hour clock's hour (1-12) on the 24-hour dial: "12am" is 0, "3pm" 15."""
    return hour % 12 + (12 if meridian in "pP" else 0)


def nearest_reading(label: TimeLabel, toward: int, *, step: int = 0) -> TimeLabel:
    """Read a bare 12-hour clock as the half of the day nearest ``toward`` (minutes)."""
    # step -1 takes the reading nearest before ``toward``, step 1 the one nearest after it,
    # step 0 the nearest either way.
    if label.clock is None:
        return label
    morning = label.clock.hour % 12 * 60 + label.clock.minute
    day = 24 * 60
    minutes = min(
        (morning, morning + day // 2),
        key=lambda reading: (
            ((toward - reading) * -step) % day
            if step
            else min((toward - reading) % day, (reading - toward) % day)
        ),
    )
    clock = label.clock.replace(hour=minutes // 60)
    return label if clock == label.clock else replace(label, clock=clock)


def _read_clock(match: re.Match[str]) -> tuple[time, tzinfo | None, bool] | None:
    meridian = match["ap"] or match["ap1"]
    if match["hm"]:
        hour, minute = int(match["hm"][:2]), int(match["hm"][2:])
    elif match["h1"]:
        hour, minute = int(match["h1"]), 0
    else:
        hour, minute = int(match["h"]), int(match["m"])
    # "13.28pm" is a 24-hour clock with a habit of writing "pm" after it.
    if meridian and not (12 < hour < 24 and meridian in "pP"):
        if not 1 <= hour <= 12:
            return None
        hour = meridian_hour(hour, meridian)
    if hour > 23:
        return None
    zone_name = match["tz"] or match["ptz"]
    zone = _ZONES[zone_name] if zone_name else None
    if match["off"] or match["iso"]:
        zone = _offset(match["off"] or match["iso"])
        if zone is None:
            return None
    return time(hour, minute, int(match["s"] or 0)), zone, bool(meridian)


def _offset(text: str) -> tzinfo | None:
    """Read "GMT+5:30", "UTC-4", "+01:00" or "Z" as a fixed zone."""
    if text == "Z":
        return UTC
    found = _SIGNED_OFFSET.search(text)
    if found is None:
        return None
    minutes = int(found["h"]) * 60 + int(found["m"] or 0)
    if minutes > _MAX_OFFSET:
        return None
    return timezone(timedelta(minutes=-minutes if found["sign"] in "-\u2212" else minutes))


def _read_relative(match: re.Match[str]) -> timedelta:
    if match["now"]:
        return timedelta()
    if match["one"]:
        return _age(f"1 {match['one']}")
    return _age(match["units"])


def _age(units: str) -> timedelta:
    """Add up "1h 5m" or "18 min"."""
    total = timedelta()
    for amount, unit in _UNIT.findall(units):
        folded = unit.lower()
        scale = _SECONDS["mo" if folded.startswith("mo") else folded[0]]
        total += timedelta(seconds=int(amount.replace(",", "")) * scale)
    return total


def parse_label(text: str) -> TimeLabel | None:
    """Read ``text`` as a post's time label, or return None when it is something else."""
    if not text or len(text) > MAX_LABEL_CHARS:
        return None
    if text.isdigit() and len(text) in (10, 13):
        return _epoch(text)
    prefix = _PREFIX.match(text)
    pos = prefix.end() if prefix else 0
    relative = _RELATIVE.match(text, pos)
    if relative:
        return _after_relative(text, relative)
    bare_age = _BARE_AGE.fullmatch(text)
    if bare_age:
        return TimeLabel(raw=text, relative=_age(text))
    if text[pos : pos + 1] == "(":
        return _bracketed(text, pos, prefixed=pos > 0)
    return (
        _hour_alone(text, pos)
        or _on_day_word(text, pos)
        or _clock_or_dated(text, pos)
        or _on_weekday(text, pos)
    )


def _hour_alone(text: str, pos: int) -> TimeLabel | None:
    """Read "8 p.m." or "Noon" standing alone, or set off from its text, as a post's label."""
    if text[pos : pos + 1] not in _HOUR_INITIALS or (
        (match := _HOUR_ALONE.fullmatch(text, pos)) is None
    ):
        return None
    titled = match["titled"]
    spaced = titled and text[match.start("titled") - 1] == " "
    if titled and ((spaced and not match["ap"]) or _WEEKDAY_AFTER.match(titled)):
        return None  # a capital after "9pm " or before a weekday may be prose's
    glued = match["glued"] or titled or ""
    if _UPDATE_WORD.fullmatch(glued):
        glued = ""  # "10 p.m. Update:": a mark, no text
    start = match.start("glued") if match["glued"] else match.start("titled")
    raw = text[:start].rstrip(" :-\u2013\u2014/|") if glued else text.rstrip(" :")
    author = glued if match["sep"] and match["sep"][-1] in "/|" and _is_name(glued) else ""
    if match["noon"] or match["midnight"]:
        clock = time(12 if match["noon"] else 0)
    else:
        meridian = match["ap"] or match["ap2"]
        clock = time(meridian_hour(int(match["h"]), meridian))
    # "11pm / Ike Morris": the writer after a slash or a bar.
    return TimeLabel(
        raw=raw, clock=clock, meridian=True, glued="" if author else glued, author=author
    )


def _on_day_word(text: str, pos: int) -> TimeLabel | None:
    """Read "Today at 10:42", "Yesterday at 22:10"."""
    if text[pos : pos + 1] not in ("T", "t", "Y", "y"):
        return None  # most lines tried here are no labels at all
    day_word = _DAY_WORD.match(text, pos)
    return _on_day(text, day_word, days_back=int(day_word["word"][0] in "yY")) if day_word else None


def _bracketed(text: str, pos: int, *, prefixed: bool) -> TimeLabel | None:
    """Read a label in brackets: "(Saturday 10th March 2018 10:56:33 UTC)", "UPDATE (1858): ..."."""
    close = text.find(")", pos)
    inner = text[pos + 1 : close] if close > pos else ""
    if prefixed and _FOUR_DIGITS.fullmatch(inner):
        label: TimeLabel | None = TimeLabel(raw=inner, clock=time(int(inner[:2]), int(inner[2:])))
    else:
        # "(At 5:24 p.m. EST)" under its headline (TheStreet), "UPDATE (As of 3:15 p.m.):".
        start = 6 if inner[:6].lower() == "as of " else _skip(_PREFIX, inner, 0)
        label = _clock_or_dated(inner, start) if inner[:1].isalnum() else None
    if label is None or label.clock is None or label.glued or label.author or label.raw != inner:
        return None
    rest = text[close + 1 :].strip().lstrip(_GLUE_MARKS).strip()
    if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENING_QUOTES):
        return None  # prose: "(10:30) and then ..."
    return replace(label, raw=text[: close + 1].strip(), glued=rest)


def _on_weekday(text: str, pos: int) -> TimeLabel | None:
    """Read "Tue 14:05": a clock on a weekday with no date."""
    if text[pos : pos + 1] not in _WEEKDAY_INITIALS:
        return None  # most lines tried here are no labels at all
    weekday = _WEEKDAY_ONLY.match(text, pos)
    return _on_day(text, weekday, weekday=_weekday(weekday["weekday"])) if weekday else None


def _on_day(
    text: str, match: re.Match[str], *, days_back: int | None = None, weekday: int | None = None
) -> TimeLabel | None:
    """Read the clock after a day named without its date ("Yesterday at", "Tue")."""
    label = _clock_or_dated(text, match.end())
    if label is None or label.day is not None:
        return None
    return replace(label, days_back=days_back, weekday=weekday)


def _weekday(name: str) -> int:
    return _WEEKDAYS.index(name[:3].lower())


def _epoch(text: str) -> TimeLabel | None:
    """Read a Unix time in seconds or milliseconds, as a page whose script never ran shows it."""
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    if not EPOCH_RANGE[0] <= seconds <= EPOCH_RANGE[1]:
        return None
    return TimeLabel(raw=text, instant=datetime.fromtimestamp(seconds, UTC))


def _after_relative(text: str, match: re.Match[str]) -> TimeLabel | None:
    delta = _read_relative(match)
    rest = text[match.end() :]
    if not rest:
        return TimeLabel(raw=text, relative=delta)
    spoken = _RELATIVE.fullmatch(rest.strip())
    if spoken is not None and _read_relative(spoken) == delta:
        # ABC prints "4m ago" and, for screen readers, "4 minutes ago": run together by w3m.
        return TimeLabel(raw=text, relative=delta)
    # Al Jazeera: "20m ago (08:53 GMT)", often glued to the headline that follows; a
    # CSS-less dump of the Guardian runs the two together: "4m ago12.50 BST".
    paren = _PAREN_CLOCK.match(rest)
    if paren is None:
        # NBC: "22m ago / 12:13 AM UTC".
        after = rest.lstrip().lstrip("/|\u00b7").lstrip()
        inner = _clock_or_dated(after, 0)
        # ABC: "2h agoFri 2 May 2025 at 12:07pm", a dated clock.
        if inner is None or inner.clock is None or inner.author or not (inner.zone or inner.day):
            return _age_and_clock(text, after, delta) or _age_over_text(text, match, delta)
        return replace(inner, raw=text.strip(), relative=delta)
    inner = parse_label(paren["clock"])
    if inner is None or inner.clock is None or inner.glued or inner.author:
        return None
    glued = rest[paren.end() :].strip()
    glued = glued.lstrip(_GLUE_MARKS).strip() if glued[:1] in _GLUE_MARKS else glued
    raw = text[: match.end() + paren.end()].strip()
    return replace(inner, raw=raw, relative=delta, glued=glued)


def _age_over_text(text: str, match: re.Match[str], delta: timedelta) -> TimeLabel | None:
    """Read "1m ago In addition to ...", a page's compact age over its text, or its kicker."""
    # Written "1m", "21m", "2h", an age is a page's; "2 days ago Trump said" may be prose.
    rest = text[match.end() :]
    raw = text[: match.end()].strip()
    if rest[:3] == " | " and len(rest) <= _LONGEST_KICKER:
        return TimeLabel(raw=raw, relative=delta)  # Politico: "2 mins ago | Inside the court"
    if rest[:1] != " " or not rest[1:2].isupper() or not _COMPACT_AGE.match(text, match.start()):
        return None
    return TimeLabel(raw=raw, relative=delta, glued=rest.strip())


def _age_and_clock(text: str, after: str, delta: timedelta) -> TimeLabel | None:
    """Read "3m ago 20.55 We all know ...": an age, its bare clock, then the post's text."""
    lead = _CLOCK.match(after)
    if lead is None or (clock := _read_clock(lead)) is None:
        return None
    glued = after[lead.end() :]
    # Over a sentence, or alone with its meridian ("8 minutes ago 9:45AM"; a bare "12.50"
    # alone under an age is no clock this layout writes).
    if (glued[:1] != " " or not glued[1:2].isupper()) if glued else not clock[2]:
        return None
    raw = text[: len(text) - len(glued)].strip()
    return TimeLabel(
        raw=raw, relative=delta, clock=clock[0], meridian=clock[2], glued=glued.strip()
    )


def _clock_or_dated(text: str, pos: int) -> TimeLabel | None:
    day: tuple[date, bool] | None = None
    weekday = None
    dated = _DATE.match(text, pos)
    if dated:
        # Date first (NYT "May 3, 2023, 9:13 a.m. ET", Guardian "Wed 3 May 2023 10.42 BST").
        day = _read_date(dated)
        if day is None:
            return None
        weekday = _yearless_weekday(dated)
        pos = _skip(_SEPARATOR, text, dated.end())
    clock_match = _CLOCK.match(text, pos)
    if clock_match is None:
        # An hour alone after a date: "6/17/2020, 6 a.m.", "March 3, 9 p.m. ET".
        return _dated_hour(text, pos, day) if day is not None else None
    clock = _read_clock(clock_match)
    if clock is None:
        return None
    if day is not None and dated is not None and clock[2] and _month_first(dated):
        day = (date(day[0].year, day[0].day, day[0].month), day[1])  # "11/05/2026 3:45 PM"
    pos = clock_match.end()
    if day is None:
        after = _skip(_SEPARATOR, text, pos)
        dated = _DATE.match(text, after)
        if dated:
            day = _read_date(dated)
            if day is None:
                return None
            weekday = _yearless_weekday(dated)
            pos = dated.end()
            # BBC repeats the visible label after the spoken one: "... 3 May 2023 14:05 3 May".
            echo = _CLOCK.match(text, _skip(_SEPARATOR, text, pos))
            if echo:
                pos = _skip(_DATE_TAIL, text, echo.end())
    return _with_rest(text, pos, clock, day, weekday)


def _dated_hour(text: str, pos: int, day: tuple[date, bool]) -> TimeLabel | None:
    hour = _HOUR_AFTER_DATE.match(text, pos)
    if hour is None:
        return None
    zone = _ZONES[hour["tz"]] if hour["tz"] else None
    clock = time(meridian_hour(int(hour["h"]), hour["ap"]))
    return _with_rest(text, hour.end(), (clock, zone, True), day)


def _with_rest(
    text: str,
    pos: int,
    clock: tuple[time, tzinfo | None, bool],
    day: tuple[date, bool] | None,
    weekday: int | None = None,
) -> TimeLabel | None:
    at, zone, meridian = clock
    pos, zone = _past_second_zone(text, pos, at, zone)
    raw, rest = text[:pos].rstrip(" ,"), text[pos:].strip()
    rest = "" if rest and _nothing_after(rest) else rest
    if (echo := _CLOCK.fullmatch(rest)) is not None and (_read_clock(echo) or (None,))[0] == at:
        # The Guardian's "12.03am BST00:03": the label, then its 24-hour twin for machines.
        raw, rest = text.rstrip(), ""
    author = glued = updated = ""
    if rest and day is None and (after := _WEEKDAY_AFTER.match(rest)) is not None:
        # "10.15am Thursday", "12:52 p.m. Friday - KHOU reporter ...", "1:40 p.m. (Wednesday):"
        weekday, rest = _weekday(after["weekday"]), rest[after.end() :]
        raw = text[: len(text) - len(rest)].rstrip(" :,-\u2013\u2014")
    if (
        rest
        and (text[pos].isalpha() or _quote_opens(rest))
        and (day is None or text[pos].isupper())
    ):
        # A CSS-less dump runs a label into the next element: "21:00Antony Clements-Thrower",
        # "20:42KEY EVENT", "June 16, 2023 23:01AUS 14/0". In prose a space follows a time.
        if rest.isupper():
            pass  # a tag ("KEY EVENT", "PINNED"): page chrome
        elif _is_name(rest):
            author = rest
        else:
            glued = rest
    elif rest and rest[0] == "/" and day is not None and _SIGNED_TAIL.fullmatch(rest):
        raw = text.rstrip()  # the outlet's name after the stamp: part of the label
    elif rest and rest[0] in _GLUE_MARKS and (edit := parse_updated(rest.lstrip(_TAIL_MARKS))):
        # "Posted 14:05 | Updated 14:40 GST": the post's time, in the zone the edit names.
        updated, raw, zone = rest.lstrip(_TAIL_MARKS), text.rstrip(), zone or edit.zone
    elif rest and rest[0] == "," and zone is None and (day is None or text[pos:].startswith(" , ")):
        # The Independent: "03:42 , Name", "Wednesday 15 January 2025 19:12 , Name".
        author = rest[1:].strip()
        if not (author and len(author.split()) <= 6 and author[0].isupper()):
            return None
    elif rest:
        # TRT: "1329 GMT Headline" and "0633 GMT — Headline".
        found = _glued_text(rest, zoned=zone is not None, meridian=meridian)
        if found is None:
            return None
        author, glued = found
    # Built once, after reading what follows the time: a frozen label costs a microsecond.
    return TimeLabel(
        raw=raw,
        clock=at,
        day=day[0] if day else None,
        day_has_year=day[1] if day else True,
        zone=zone,
        meridian=meridian,
        glued=glued,
        author=author,
        weekday=weekday,
        updated=updated,
    )


def _nothing_after(rest: str) -> bool:
    """Tell whether what follows a clock says nothing: a mark, "update", or its age."""
    if not rest.strip(_TAIL_MARKS) or _UPDATE_WORD.fullmatch(rest):
        return True  # "23:10:", "10:24 -", "7:45 p.m. update"
    # SBS: "14 Oct 6:31pm, an hour ago.", ", 8m ago."
    return rest[0] == "," and _RELATIVE.fullmatch(rest[1:].strip().rstrip(".")) is not None


def _quote_opens(rest: str) -> bool:
    """Tell whether a quotation opens right after the label: '22:19"I've been ...'."""
    return rest[0] in _OPENING_QUOTES and rest[1:2].isupper()


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        len(words) <= _MAX_NAME_WORDS
        and all(word[0].isupper() for word in words)
        and text[-1] not in ".?!:"
    )


def _past_second_zone(
    text: str, pos: int, at: time, zone: tzinfo | None
) -> tuple[int, tzinfo | None]:
    """Step over what tells a clock's zone after it: the time again in a zone ("(5.06 pm GMT)",
    ", 5:42pm EAT") or a place ("17.43 Jakarta"); return where the label ends and its zone."""
    paren = _PAREN_CLOCK.match(text, pos) if "(" in text[pos : pos + 2] else None
    if zone is None:
        # Al Jazeera: "29 Jul 2024 - 11:59(11:59 GMT)": the clock again, with its zone.
        twin = _zoned_clock(paren["clock"]) if paren is not None else None
        if paren and twin and twin[0] == at:
            return paren.end(), twin[1]
        # New Mandala: "17.43 Jakarta", "17.20 Jakarta time - Yogyakarta": the clock's place.
        start = pos + (text[pos : pos + 1] == " ")
        named = _PLACE_AFTER_CLOCK.match(text, start) if text[start : start + 1].isupper() else None
        return (named.end(), _ALL_PLACES[named["place"].casefold()]) if named else (pos, None)
    if paren is not None and _zoned_clock(paren["clock"]):
        return paren.end(), zone
    # ", 5:42pm EAT", "06:31 GMT/ 00:31 CST: War has reached ...": the clock in a second zone.
    mark = len(text) - len(text[pos:].lstrip())
    if text[mark : mark + 1] in (",", "/", "|"):
        start = mark + 1 + (text[mark + 1 : mark + 2] == " ")
        second = _CLOCK.match(text, start)
        if second is not None and second["tz"]:
            return second.end(), zone
    return pos, zone


def _zoned_clock(text: str) -> tuple[time, tzinfo | None, bool] | None:
    """Read ``text`` as a clock in a named zone and nothing else ("5:42pm EAT")."""
    found = _CLOCK.match(text)
    if found is None or found.end() != len(text.rstrip()) or not found["tz"]:
        return None
    return _read_clock(found)


def _uncapped(name: str) -> str:
    """Write a name set in capitals as names are written: "JOANNA BAILEY" as "Joanna Bailey"."""
    return name.title() if name.isupper() else name


def _glued_text(rest: str, *, zoned: bool, meridian: bool) -> tuple[str, str] | None:
    """Return the writer and the headline glued after a label, or None when it is prose."""
    if not zoned and not meridian:
        return None
    if rest[0] == _NAME_MARK and _is_name(name := rest[1:].strip()):
        return name, ""  # Daily Kos: "Mar 11, 2020 · 1:07:56 AM +00:00 · Steve Singiser"
    # Simple Flying: "UPDATE: 2023/01/11 12:26 EST BY JOANNA BAILEY"; Central News:
    # "10.30pm / Chris Lo".
    signed = rest[1:] if rest[0] in "/|" else rest[3:] if rest[:3] in ("BY ", "By ", "by ") else ""
    if signed and _is_name(name := _uncapped(signed.strip())):
        return name, ""
    if rest[0] == "(" and (close := rest.find("): ", 2, _MAX_SPEAKER)) > 0:
        # CoverItLive: "10:16 a.m. PT (Josh Lowensohn): And here we go ...".
        return (rest[1:close], rest[close + 3 :]) if _is_name(rest[1:close]) else None
    if rest[0] in _GLUE_MARKS:
        text = rest.lstrip(_GLUE_MARKS).strip()
    elif rest[:2] == ". " and rest[2:3].isupper():
        text = rest[2:]  # "3:21 p.m. Pacific. Renee Fleming sings the anthem."
    elif (update := _UPDATE_TAIL.match(rest)) is not None:
        text = rest[update.end() :]  # "8.45am update: What is the meaning behind ..."
    elif rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENING_QUOTES:
        text = rest
    else:
        return None
    return "", text


def split_signature(text: str) -> tuple[str, TimeLabel] | None:
    """Split a signed footer: a name run into a date and time ("Jane Doe14 August 2023 10:01")."""
    if not text[-1:].isdigit() or len(text) > _MAX_SIGNATURE_CHARS:
        return None
    cut = next((at for at, char in enumerate(text) if char.isdigit()), 0)
    name = text[:cut].strip()
    if not name or not _is_name(name):
        return None
    label = _clock_or_dated(text, cut)
    if label is None or label.day is None or label.glued or label.author:
        return None
    return name, label


def _place_named(found: re.Match[str] | None) -> tzinfo | None:
    return _PLACE_ZONES[" ".join(found["place"].casefold().split())] if found else None


def _local_dateline_zone(text: str) -> tzinfo | None:
    """Read AP's "(all times local)" as the zone of its dateline: "HILO, Hawaii (AP) —"."""
    found = _WIRE_DATELINE_PLACE.search(text)
    for name in (found["state"], found["city"], found["capital"]) if found else ():
        if name and (zone := _ALL_PLACES.get(" ".join(name.casefold().split()))) is not None:
            return zone
    # Or of the place its standfirst names: "The Latest on CES in Las Vegas (all times local):".
    said = text.find("times local")
    line = text[text.rfind("\n", 0, said) + 1 : said]
    named = _ANY_PLACE.findall(line)
    return _ALL_PLACES[" ".join(named[-1].casefold().split())] if named else None


def page_zone(text: str) -> tzinfo | None:
    """Read the zone a page says its times are in: "All times are Kyiv time (UTC+2)", "(CET)"."""
    # A case-blind search runs at a tenth of the speed of a plain one: look for the usual
    # spellings first, as most pages state no zone at all.
    if "times local" in text and (local := _local_dateline_zone(text)) is not None:
        return local
    if _ALL_TIMES_PREFILTER.search(text) is None and "LL TIMES" not in text:
        # "All updates are in Mexico City's time".
        placed = _TIMES_PLACE.search(text) if "pdates are" in text else None
        return _place_named(placed)
    stated = _ALL_TIMES.search(text)
    if stated is None:
        return _place_named(_TIMES_PLACE.search(text))
    offset = _UTC_OFFSET.search(text, stated.start(), stated.end() + 8)
    if offset is not None:
        sign = -1 if offset["sign"] in "-\u2212" else 1
        minutes = int(offset["h"]) * 60 + int(offset["m"] or 0)
        return timezone(sign * timedelta(minutes=minutes)) if minutes <= _MAX_OFFSET else None
    return _FOLDED_ZONES[stated["zone"].casefold()] if stated["zone"] else None


_PACIFIC: Final = ZoneInfo("America/Los_Angeles")
_MOUNTAIN: Final = ZoneInfo("America/Denver")
_CENTRAL: Final = ZoneInfo("America/Chicago")
_US_PLACES: Final[dict[str, tzinfo]] = {
    **dict.fromkeys(
        ("California", "Calif.", "Los Angeles", "Hollywood", "Beverly Hills", "San Francisco",
         "Bay Area", "San Diego", "Sacramento", "Oregon", "Portland, Ore.", "Seattle",
         "Western Washington", "Puget Sound", "Tacoma", "Sea-Tac", "King County", "Nevada",
         "Las Vegas"),
        _PACIFIC,
    ),
    **dict.fromkeys(
        ("Colorado", "Denver", "Utah", "Salt Lake City", "Idaho", "Montana", "Wyoming",
         "New Mexico", "Albuquerque"),
        _MOUNTAIN,
    ),
    **dict.fromkeys(("Arizona", "Phoenix", "Maricopa", "Tucson"), ZoneInfo("America/Phoenix")),
    **dict.fromkeys(
        ("Texas", "Houston", "Dallas", "San Antonio", "Chicago", "Illinois", "Minnesota",
         "Minneapolis", "Wisconsin", "Milwaukee", "Missouri", "St. Louis", "Kansas City", "Iowa",
         "Louisiana", "New Orleans", "Oklahoma", "Nashville", "Alabama", "Mississippi",
         "Arkansas", "Nebraska"),
        _CENTRAL,
    ),
    **dict.fromkeys(("Alaska", "Anchorage"), ZoneInfo("America/Anchorage")),
    # Canada's, as its pages write the time as American ones do.
    **dict.fromkeys(("British Columbia", "B.C.", "Vancouver", "Victoria, B.C."), _PACIFIC),
    **dict.fromkeys(("Alberta", "Calgary", "Edmonton"), ZoneInfo("America/Edmonton")),
    **dict.fromkeys(("Saskatchewan", "Regina", "Saskatoon"), ZoneInfo("America/Regina")),
    **dict.fromkeys(("Manitoba", "Winnipeg"), ZoneInfo("America/Winnipeg")),
    **dict.fromkeys(("Nova Scotia", "Halifax", "New Brunswick", "Moncton", "Prince Edward Island"),
                    ZoneInfo("America/Halifax")),
    **dict.fromkeys(("Newfoundland", "St. John's"), ZoneInfo("America/St_Johns")),
    **dict.fromkeys(("Hawaii", "Honolulu", "Maui", "Lahaina", "Oahu"),
                    ZoneInfo("Pacific/Honolulu")),
}  # fmt: skip
"""Places west of New York whose local pages keep their own clocks and seldom name them."""
_WORLD_PLACES: Final[dict[str, tzinfo]] = {
    **dict.fromkeys(
        ("London", "Manchester", "Birmingham", "Liverpool", "Leeds", "Glasgow", "Edinburgh",
         "Cardiff", "Belfast", "Scotland", "Wales", "Westminster"),
        LONDON,
    ),
    **dict.fromkeys(("Dublin", "Cork", "Galway", "Limerick"), ZoneInfo("Europe/Dublin")),
    **dict.fromkeys(
        ("India", "Delhi", "Mumbai", "Kolkata", "Chennai", "Bengaluru", "Hyderabad"),
        timezone(timedelta(hours=5, minutes=30)),
    ),
}  # fmt: skip
"""Places a page of British-style or 24-hour clocks may be set in."""
_FAR_PLACES: Final[dict[str, tzinfo]] = {
    **dict.fromkeys(("Australia", "Sydney", "Canberra", "New South Wales"),
                    ZoneInfo("Australia/Sydney")),
    **dict.fromkeys(("Melbourne", "Victoria"), ZoneInfo("Australia/Melbourne")),
    **dict.fromkeys(("Brisbane", "Queensland"), ZoneInfo("Australia/Brisbane")),
    **dict.fromkeys(("Adelaide",), ZoneInfo("Australia/Adelaide")),
    **dict.fromkeys(("Perth",), ZoneInfo("Australia/Perth")),
    **dict.fromkeys(("Tasmania", "Hobart"), ZoneInfo("Australia/Hobart")),
    **dict.fromkeys(
        ("New Zealand", "New Zealanders", "Aotearoa", "Auckland", "Wellington", "Christchurch",
         "Otago", "Dunedin", "Hawke's Bay", "Napier", "Gisborne", "Tair\u0101whiti", "Coromandel",
         "Northland", "Tauranga", "Rotorua", "Palmerston North", "Whanganui", "Taranaki",
         "Waikato", "Queenstown", "Invercargill"),
        ZoneInfo("Pacific/Auckland"),
    ),
    **dict.fromkeys(("South Africa", "Johannesburg", "Cape Town", "Pretoria"),
                    ZoneInfo("Africa/Johannesburg")),
    **dict.fromkeys(("Nigeria", "Lagos", "Abuja"), ZoneInfo("Africa/Lagos")),
    **dict.fromkeys(("Kenya", "Nairobi"), ZoneInfo("Africa/Nairobi")),
    **dict.fromkeys(("Ghana", "Accra"), ZoneInfo("Africa/Accra")),
    **dict.fromkeys(("Uganda", "Kampala", "Ethiopia", "Addis Ababa", "Tanzania", "Dar es Salaam"),
                    ZoneInfo("Africa/Nairobi")),
    **dict.fromkeys(("Egypt", "Cairo"), ZoneInfo("Africa/Cairo")),
    **dict.fromkeys(("Zimbabwe", "Harare", "Zambia", "Lusaka"), ZoneInfo("Africa/Harare")),
    **dict.fromkeys(("Jamaica", "Kingston, Jamaica"), ZoneInfo("America/Jamaica")),
    **dict.fromkeys(("Trinidad", "Port of Spain"), ZoneInfo("America/Port_of_Spain")),
    **dict.fromkeys(("Barbados", "Bridgetown"), ZoneInfo("America/Barbados")),
    **dict.fromkeys(("Haiti", "Port-au-Prince"), ZoneInfo("America/Port-au-Prince")),
    **dict.fromkeys(("Mexico City", "Guadalajara", "Monterrey"), ZoneInfo("America/Mexico_City")),
    **dict.fromkeys(("Brazil", "Brasilia", "Bras\u00edlia", "S\u00e3o Paulo", "Sao Paulo",
                     "Rio de Janeiro"), ZoneInfo("America/Sao_Paulo")),
    **dict.fromkeys(("Argentina", "Buenos Aires"), ZoneInfo("America/Argentina/Buenos_Aires")),
    **dict.fromkeys(("Chile",), ZoneInfo("America/Santiago")),
    **dict.fromkeys(("Colombia", "Bogota", "Bogot\u00e1"), ZoneInfo("America/Bogota")),
    **dict.fromkeys(("Peru", "Lima, Peru"), ZoneInfo("America/Lima")),
    **dict.fromkeys(("Venezuela", "Caracas"), ZoneInfo("America/Caracas")),
    **dict.fromkeys(("Bangladesh", "Dhaka"), ZoneInfo("Asia/Dhaka")),
    **dict.fromkeys(("Karachi", "Lahore", "Islamabad"), ZoneInfo("Asia/Karachi")),
    **dict.fromkeys(("Sri Lanka", "Colombo"), ZoneInfo("Asia/Colombo")),
    **dict.fromkeys(("Kathmandu",), ZoneInfo("Asia/Kathmandu")),
    **dict.fromkeys(("Singapore", "Kuala Lumpur", "Manila"), timezone(timedelta(hours=8))),
    **dict.fromkeys(("Indonesia", "Jakarta", "Bangkok"), timezone(timedelta(hours=7))),
}  # fmt: skip
"""Places far from both London and New York, whichever way their pages write the time."""


def _place_names(places: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, places), key=len, reverse=True))


def _place_pattern(places: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_place_names(places)})\b")


_EASTERN_PLACES: Final = dict.fromkeys(
    ("New York", "Washington, D.C.", "Florida", "Miami", "Tampa", "Orlando", "Fort Myers",
     "Georgia", "Atlanta", "North Carolina", "South Carolina", "Virginia", "Pennsylvania",
     "Philadelphia", "Pittsburgh", "Ohio", "Michigan", "Detroit", "Massachusetts", "Boston",
     "New Jersey", "Maryland", "Baltimore", "Connecticut", "Maine", "Vermont", "New Hampshire"),
    NEW_YORK,
)  # fmt: skip
"""Places that keep New York's clock: named on a page, they keep it there."""
_AMERICAN_PLACES: Final = {**_US_PLACES, **_EASTERN_PLACES, **_FAR_PLACES}
_ALL_PLACES: Final = {
    name.casefold(): zone
    for name, zone in {**_PLACE_ZONES, **_US_PLACES, **_WORLD_PLACES, **_FAR_PLACES}.items()
}
_WIRE_DATELINE_PLACE = re.compile(
    r"(?P<city>[A-Z][A-Za-z.' ]{2,30}?)(?:, (?P<state>[A-Z][A-Za-z. ]{2,20}?))?"
    r" \((?:AP|Reuters)(?:/[A-Z]{2,8})?\)"  # "MINNEAPOLIS (AP/WHDH) \u2014"
    # A copy that drops the agency keeps the city in capitals: "PARIS — The latest on ...".
    r"|^(?P<capital>[A-Z][A-Z.' ]{2,30}) [\u2014\u2013-]{1,2} ",
    re.MULTILINE,
)
_OTHER_PLACES: Final = {**_WORLD_PLACES, **_FAR_PLACES}
_ANY_PLACE = _place_pattern({**_US_PLACES, **_OTHER_PLACES})
# New Mandala: "17.43 Jakarta", "17.20 Jakarta time \u2013 Yogyakarta": the place whose clock it is.
_PLACE_AFTER_CLOCK = re.compile(
    rf"(?P<place>{_place_names({**_US_PLACES, **_OTHER_PLACES})})(?: [Tt]ime)?"
    r"(?=$|\s?[-\u2013\u2014:|,]\s)"
)
_AMERICAN_PLACE = _place_pattern(_AMERICAN_PLACES)
_OTHER_PLACE = _place_pattern(_OTHER_PLACES)


def place_zone(text: str, *, american: bool, mentions: int = 2) -> tzinfo | None:
    """Return the zone of the place a page names most, where it names one ``mentions`` times."""
    places = _AMERICAN_PLACES if american else _OTHER_PLACES
    pattern = _AMERICAN_PLACE if american else _OTHER_PLACE
    zones = Counter(places[found] for found in pattern.findall(text))
    if not zones:
        return None
    zone, named = zones.most_common(1)[0]
    return zone if named >= mentions else None


def mentioned_zones(text: str) -> list[tzinfo]:
    """Return the zones a page's prose gives its clock times most: "Polls close at 22:00 BST".

    More than one where they are named as often: "9am PDT (5pm BST)".
    """
    named = Counter(
        _FOLDED_ZONES[found["zone"].casefold()] for found in _ZONE_MENTION.finditer(text)
    )
    ranked = named.most_common()
    return [zone for zone, count in ranked if count == ranked[0][1]]


def labels_zone(labels: Iterable[TimeLabel]) -> tzinfo | None:
    """Return the zone a page's labels name most, for those that name none."""
    named = Counter(label.zone for label in labels if label.zone is not None)
    return named.most_common(1)[0][0] if named else None


def parse_date_line(text: str) -> DateLine | None:
    """Read a line that holds only a date, possibly after "Published On"."""
    if len(text) > 80 or not text:
        return None
    prefix = _DATE_LINE_PREFIX.match(text)
    pos = prefix.end() if prefix else 0
    match = _DATE.match(text, pos)
    if match is None:
        return None
    read = _read_date(match)
    if match.end() != len(text.rstrip(" .")):
        # DW: "02/23/2025February 23, 2025", the date in numbers, then in words.
        echo = _DATE.match(text, match.end())
        if echo is None or echo.end() != len(text.rstrip(" .")) or _read_date(echo) != read:
            return None
    return (
        DateLine(day=read[0], has_year=read[1], weekday=_yearless_weekday(match)) if read else None
    )


def parse_updated(text: str) -> TimeLabel | None:
    """Read an "Updated 12:50 a.m. ET, July 12, 2023" header line."""
    if len(text) > 120:
        return None
    prefix = _UPDATED_PREFIX.match(text)
    if prefix is None:
        return None
    label = parse_label(text[prefix.end() :])
    if label is None or label.glued or label.author:
        return None
    return label


def place(label: TimeLabel, day: date, default_zone: tzinfo) -> datetime | None:
    """Put a label's time of day on ``day`` in its zone and return it in UTC."""
    if label.clock is None:
        return None
    zone = label.zone or default_zone
    try:
        return datetime.combine(day, label.clock, tzinfo=zone).astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def local_day(instant: datetime, label: TimeLabel, default_zone: tzinfo) -> date:
    """Return the calendar day of ``instant`` in the label's zone."""
    return instant.astimezone(label.zone or default_zone).date()


_CALENDAR_YEARS: Final = 28


def with_year(
    day: date, has_year: bool, reference: datetime | None, weekday: int | None = None
) -> date:
    """Give a date read without a year the year that puts it at or before ``reference``."""
    if has_year or reference is None:
        return day
    year = reference.year
    try:
        candidate = day.replace(year=year)
        if candidate > reference.date() + timedelta(days=1):
            candidate = day.replace(year=year - 1)
    except ValueError:
        return day
    if weekday is None or candidate.weekday() == weekday:
        return candidate
    # "Fri 22 Feb" on a blog that ran into the next year: the latest earlier year whose 22
    # February was a Friday (the calendar repeats within 28 years).
    for earlier in range(candidate.year - 1, candidate.year - _CALENDAR_YEARS, -1):
        with suppress(ValueError):
            if (named := day.replace(year=earlier)).weekday() == weekday:
                return named
    return candidate


def subtract(instant: datetime, delta: timedelta) -> datetime | None:
    """Return ``instant - delta``, or None where the calendar ends."""
    try:
        return instant - delta
    except OverflowError:
        return None


def shift_day(day: date, days: int) -> date | None:
    """Return ``day`` moved by ``days``, or None where the calendar ends."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def zone_name(zone: tzinfo) -> str:
    """Name a zone so that named_zone gives it back: "Europe/London", "UTC", "UTC+05:30"."""
    return zone.key if isinstance(zone, ZoneInfo) else str(zone)


def named_zone(name: str) -> tzinfo | None:
    """Read a zone_name back; None for a name this machine does not know."""
    if name == "UTC":
        return UTC
    if name.startswith("UTC"):
        return _offset(name)
    try:
        return ZoneInfo(name)
    except (ValueError, LookupError):  # a malformed key; a key no zone has
        return None
