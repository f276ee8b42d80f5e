"""Read bylines ("From CNN's Betsy Klein in Vilnius, Lithuania") into people and a place."""

import re
from dataclasses import dataclass
from typing import Final

MAX_BYLINE_CHARS: Final = 300

_LEAD = re.compile(
    r"(?:(?:Analysis|Opinion|Commentary|Reporting|Reported|Written|Posted|Edited|Compiled)\s)?"
    r"(?:from|by)\s",
    re.IGNORECASE,
)
# "CNN's ", "CNN Business' ": the outlet whose people follow.
_OUTLET_POSSESSIVE = re.compile(
    r"(?:[A-Z][\w&.-]{0,20}\s){0,2}[A-Z][\w&.-]{0,20}(?:'s|\u2019s|'|\u2019)\s"
)
_DASHES: Final = "-\u2013\u2014\u2015 "
_WIRE_WRITERS = re.compile(
    r"(?:AP|Associated Press|Reuters|AFP)(?: [a-z]+){0,2} (?:writers?|reporters?|correspondents?) "
)
_SIGN_OFF = re.compile(r"[^\W\d_][\w .'\u2019-]*")
_STAFF = re.compile(r"(?:[A-Z][\w.]*\s){0,3}staff(?:\sand\sagencies)?", re.IGNORECASE)
# ABC Australia's blog signs "by A edited by B": the editor wrote nothing either.
_EDITING = re.compile(
    r";\s?(?:additional reporting|editing|writing) by|\sedited by\s", re.IGNORECASE
)
_APOSTROPHES: Final = "'\u2019"
# A live blog's writers take turns: "David Braue: No iTunes updates?", "(Josh Lowensohn): ...".
_SPEAKER = re.compile(
    r"(?P<name>[A-Z][^():\d]{1,40}?): (?=\S)|\((?P<paren>[A-Z][^():\d]{1,40})\): (?=\S)"
)
_QUOTES: Final = "\"'\u201c\u2018"
_MAX_INITIALS: Final = 3
_SPLIT = re.compile(r",\s|\s(?:and|&)\s|;\s")
_AFFILIATION = re.compile(r"\s[\u00b7|]\s[^\u00b7|]{2,40}$")
_NOT_PEOPLE: Final = frozenset(
    {
        "staff", "team", "agencies", "agency", "newsroom", "desk", "editors", "reporters",
        "writers", "wires", "correspondents", "producers", "cnn", "reuters", "ap", "afp",
        "bbc", "news", "associated", "press", "guardian", "politics", "business", "sport",
        "jazeera", "independent", "post", "times", "sky", "help", "homepage", "home",
        # Kickers and section names set on a line of their own: "Women's World Cup".
        "world", "cup", "league", "championship", "election", "elections", "war", "live",
        "updates", "update", "breaking", "latest", "weather", "markets", "analysis", "opinion",
        "climate", "health", "science", "technology", "tech", "culture", "entertainment",
        "olympics", "final", "open", "series", "grand", "prix", "summit", "crisis", "attack",
        "storm", "protests", "ukraine", "israel", "gaza", "russia", "china", "iran",
        "market", "stocks", "sensex", "nifty", "trading", "session", "budget", "match", "game",
        "highlights", "summary", "recap", "preview", "results", "scores", "week", "today",
        "this", "the", "what", "how", "why", "in", "on", "at", "for", "with", "without",
        "after", "over", "from", "into", "amid", "is", "are", "says",
        # A match's moments set alone in capitals: "KICK OFF", "FULL TIME", "HALF TIME".
        "kick", "off", "full", "half", "time", "goal", "penalty",
        # A footer's links: "Cookie Settings", "Contact Us".
        "cookie", "cookies", "settings", "privacy", "policy", "terms", "contact", "us",
        "subscribe", "newsletter", "newsletters", "careers", "advertise",
        # Roles after a name: "By Lucy Aspinall, Consumer Editor".
        "editor", "correspondent", "reporter", "producer", "journalist", "writer",
        "columnist", "presenter", "contributor",
        # Photo credits: "Getty Images", "PA Media".
        "images", "image", "photo", "photos", "pictures", "media", "via", "courtesy",
    }
)  # fmt: skip
_LONGEST_NAME: Final = 80
"""Six words of a name fit in this; a paragraph is not split into words to find out."""
_PARTICLES: Final = frozenset(
    {"de", "da", "di", "del", "der", "van", "von", "bin", "ibn", "al", "la", "le", "du", "dos"}
)
# What a writer is, last in a role ("Senior NFL Insider", "BBC correspondent").
_ROLE_NOUNS: Final = (
    "correspondent", "editor", "reporter", "producer", "journalist", "writer", "insider",
    "analyst", "columnist", "critic", "commentator", "contributor",
)  # fmt: skip
# Words that open a role after a name: "Jeff Howe National NFL Writer".
_ROLE_OPENERS: Final = frozenset(
    {
        "senior", "chief", "national", "staff", "deputy", "associate", "lead", "political",
        "foreign", "international", "global", "special", "executive", "managing", "assistant",
        "contributing", "investigative", "digital", "live", "breaking", "news", "sports",
        "business", "politics", "economics", "white", "washington",
    }
)  # fmt: skip
_ROLE_LINKS: Final = frozenset({"of", "for", "and", "at", "the", "on"})
_ROLE_LAST_LETTERS: Final = frozenset(noun[-1] for noun in _ROLE_NOUNS) | {"s"}
_LONGEST_ROLE_LINE: Final = 100
_GLUED_ROLE = re.compile(r"(?<=[a-z])[A-Z][\w&]*")
_ROLE = re.compile(
    r"(?:reporting from\s(?P<place>.{2,60})"
    rf"|(?:[\w\u2019'.-]+\s){{0,5}}(?:{'|'.join(_ROLE_NOUNS)})s?\b.{{0,40}})",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Byline:
    """The people a byline names and the place it gives, if any."""

    authors: tuple[str, ...]
    location: str | None
    complete: bool = True
    """False when the byline also credits a desk or team ("CNN staff") left out of authors."""


def is_byline(text: str) -> bool:
    """Tell whether ``text`` is a byline such as "From CNN's ..." or "By ..., CNN"."""
    if len(text) > MAX_BYLINE_CHARS or text[-1:] in ".:;!?":
        return False
    lead = _LEAD.match(text)
    if lead is None:
        return False
    rest = text[lead.end() :]
    if not rest or not rest[0].isupper():
        return False
    if "from" in lead.group().lower():
        # "From CNN's Amanpour team and ..." and "From CNN staff" are bylines even where
        # they name no one; "From Kyiv, ..." is prose.
        if _OUTLET_POSSESSIVE.match(rest):
            return True
        return rest.split(" ", 1)[-1].lower().startswith("staff")
    return _names_only(_EDITING.split(rest, maxsplit=1)[0])


def is_staff_line(text: str) -> bool:
    """Tell whether ``text`` credits a desk, not people ("Guardian staff and agencies")."""
    return len(text) <= 60 and bool(_STAFF.fullmatch(text))


def is_trailing_byline(text: str) -> bool:
    """Tell whether ``text`` is a closing credit such as "Reporting by X; Editing by Y"."""
    if len(text) > MAX_BYLINE_CHARS or text[:3] not in {"Rep", "Wri", "rep", "wri", "REP", "WRI"}:
        return False
    return text.lower().startswith(("reporting by ", "writing by "))


def _names_only(rest: str) -> bool:
    words = rest.replace(",", " ").split()
    if len(words) > 24:
        return False
    for word in words:
        lower = word.lower()
        if lower in {"and", "&", "in", "with"} or lower in _PARTICLES:
            continue
        if not (
            word[0].isupper() or word[0] in _APOSTROPHES or word[0] == "(" or word[0].isdigit()
        ):
            return False
    return True


def read_byline(text: str) -> Byline:
    """Split a byline into people (no desks, teams or outlets) and the first place named."""
    text = without_affiliation(text)
    lead = _LEAD.match(text)
    rest = text[lead.end() :] if lead else text
    outlet = _OUTLET_POSSESSIVE.match(rest)
    if outlet:
        rest = rest[outlet.end() :]
    # Reuters closes with "Reporting by A and B; Editing by C": the editors wrote nothing.
    credits = _EDITING.split(rest, maxsplit=1)
    rest = credits[0]
    authors: list[str] = []
    location: str | None = None
    in_place = False
    complete = len(credits) == 1
    pieces = _SPLIT.split(rest)
    separators = [m.group() for m in _SPLIT.finditer(rest)]
    for index, raw_piece in enumerate(pieces):
        piece = raw_piece.strip()
        after_comma = index > 0 and separators[index - 1].startswith(",")
        if in_place and after_comma and len(piece.split()) == 1:
            # "in Vilnius, Lithuania": a one-word piece after a place continues it.
            location = f"{location}, {piece}"
            continue
        in_place = False
        name, found, place = piece.partition(" in ")
        if found:
            in_place = True
            if location is None:
                location = place.strip()
        if is_person(name.strip()):
            authors.append(name.strip())
        else:
            complete = False
    return Byline(authors=tuple(authors), location=location or None, complete=complete)


def is_person(name: str) -> bool:
    """Tell whether ``name`` names a person rather than a desk, a team or an outlet."""
    if len(name) > _LONGEST_NAME:
        return False
    words = name.split()
    if not 2 <= len(words) <= 6:
        return False
    if any(word.lower().strip(".," + _APOSTROPHES) in _NOT_PEOPLE for word in words):
        return False
    return all(
        word[0].isupper() or word.lower() in _PARTICLES or word[0] in _APOSTROPHES for word in words
    )


def split_role(text: str) -> tuple[str, str] | None:
    """Split "Jeff Howe National NFL Writer" into the writer's name and role."""
    if len(text) > _LONGEST_ROLE_LINE or text[-1] not in _ROLE_LAST_LETTERS:
        return None  # most lines: a paragraph, or a last word that is no role's
    name, comma, role_text = text.partition(", ")
    name = name[3:] if name[:3] in ("By ", "by ") else name  # "By Nick Martin, ..."
    if comma and is_person(name) and _ROLE.fullmatch(role_text):
        return name, role_text  # "Gary Gibbon, political editor"
    # A dump runs a name into its role where each had its own element: "Rhys WilliamsITV".
    words = _GLUED_ROLE.sub(_unglue_role, text).split()
    if not 3 <= len(words) <= 9 or words[-1].lower().rstrip("s") not in _ROLE_NOUNS:
        return None
    cut = 2  # most names are two words; a third only where the role plainly starts after it
    for size in (2, 3):
        opener = words[size]
        lower = opener.lower()
        if lower in _ROLE_OPENERS or lower in _ROLE_NOUNS or (opener.isupper() and len(opener) > 1):
            cut = size
            break
        if size + 1 == len(words):
            break
    name, role = " ".join(words[:cut]), words[cut:]
    # A role is a title ("Senior Producer"); "Senate Democrats criticised the editor" is prose.
    if not is_person(name) or any(word[0].islower() and word not in _ROLE_LINKS for word in role):
        return None
    return name, " ".join(role)


def _unglue_role(match: re.Match[str]) -> str:
    """Part "WilliamsITV" and "PittSenior", never "DeSantis": where a role's word begins."""
    word = match.group()
    glued = word.isupper() or word.lower() in _ROLE_OPENERS or word.lower() in _ROLE_NOUNS
    return f" {word}" if glued else word


def tidy_name(name: str) -> str:
    """Title-case a name written in capitals (AP prints "By YURAS KARMANAU"), said once."""
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        name = " ".join(
            words[:half]
        )  # "Chloe Desave Chloe Desave": a portrait's alt, then the name
    if name.isupper():
        return " ".join(part.capitalize() for part in name.split())
    return name


def read_role_line(text: str) -> str | None:
    """Read "Reporting from Kyiv" or "BBC correspondent" under a name; return the place."""
    if len(text) > 100:
        return None
    match = _ROLE.fullmatch(text)
    if match is None:
        return None
    return (match["place"] or "").strip(" .") or ""


def without_affiliation(text: str) -> str:
    """Drop the outlet a byline ends with ("Priya Sandhu · CBC News")."""
    if "\u00b7" not in text and "|" not in text:
        return text
    return _AFFILIATION.sub("", text)


def is_initials(text: str) -> bool:
    """Tell whether ``text`` is a writer's initials, as live blogs sign turns ("DM")."""
    return text.isupper() and text.isalpha() and 2 <= len(text) <= _MAX_INITIALS


def split_speaker(text: str) -> tuple[str, str] | None:
    """Split "David Braue: No iTunes updates?" into the writer and what they wrote."""
    found = _SPEAKER.match(text)
    if found is None or text[found.end()] in _QUOTES:
        return None  # 'Randy Newman: "I'll always root ..."' quotes a speaker on stage
    name = found["name"] or found["paren"]
    if is_initials(name) or (not name.isupper() and is_name_line(name)):
        return name, text[found.end() :]
    return None  # "NORTH BELFAST: Count continues" heads its post


def read_sign_off(text: str) -> str | None:
    """Return the byline of a post's closing line ("Ailbhe Conneely", "-ABC News' Dan Peck")."""
    rest = text.lstrip(_DASHES)
    if rest != text:  # a dash sets the names off, maybe after their outlet's possessive
        if (wire := _WIRE_WRITERS.match(rest)) is not None:
            rest = rest[wire.end() :]  # "— AP writers Rebecca Boone and Steven DuBois"
        outlet = _OUTLET_POSSESSIVE.match(rest)
        names = rest[outlet.end() :] if outlet else rest
    else:
        names = text
    # Letters only: a credit cut from its caption ("Birmingham Live)") is not a signature.
    if _SIGN_OFF.fullmatch(names) is None or names.isupper():
        if "," not in names:
            return None
        role = split_role(names)  # "Bryann Aguilar, CP24.com journalist"
        if role is not None:
            return role[0]
        if rest != text and is_name_line(names):
            return names  # set off by a dash, two writers: "— Ron Mizen, Kat Wong"
        # Set off by a dash, a name and its paper: "— Hannah Metzger, The Denver Gazette".
        name = names.partition(",")[0]
        return name if rest != text and is_person(name) else None
    return rest if is_name_line(names) else None


def is_dashed_sign_off(text: str) -> bool:
    """Tell whether a line is a signature a dash sets off ("-ABC News' Dan Peck")."""
    # The dash went: what is left differs. Most lines open with no dash at all.
    return text[:1] in _DASHES and read_sign_off(text) not in (None, text)


def split_names(text: str) -> list[str]:
    """Split a line of names into each person's: "Marc Santora and Andrew Kramer"."""
    return [piece.strip() for piece in _SPLIT.split(text)]


def is_name_line(text: str) -> bool:
    """Tell whether ``text`` is only people's names ("Marc Santora and Andrew Kramer")."""
    if len(text) > 120 or text[-1:] in '.:;!?"”':
        return False
    text = without_affiliation(text)
    # Most lines hold none of the separators: looking for them is cheaper than the regex.
    split = "," in text or ";" in text or "&" in text or "and" in text
    names = split_names(text) if split else [text.strip()]
    return all(is_person(name) for name in names)
