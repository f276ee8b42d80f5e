"""Tell headlines, captions and photo credits apart."""

import re
from typing import Final

MAX_HEADLINE_CHARS: Final = 250
MAX_CREDIT_CHARS: Final = 150
# A full stop after a word of two lower-case letters or more, then a capital: not "Mr. Smith"
# nor "U.S. Open" (one capital before the stop), nor "Mrs. Jones" (its own exception).
# Not after a title's abbreviation: "Mrs.", "St.", "Sen.", "Rep.", "Gov.", "Gen.", "Col.".
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z][a-z]{2})(?<!\bSt)(?<=[a-z]{2})\. [A-Z]")

_SENTENCE_STOPS: Final = ".!?\u2026"
_TITLE_SENTENCE_CHARS: Final = 80
_INLINE_MARKERS: Final = (
    " / Photo: ", " Photograph: ", " Photo: ", " Picture: ", " Pic: ", " Image: ",
    " Credit: ", " Illustration: ", " Photo by ", " Photo credit: ",
)  # fmt: skip
_CREDIT_LINE_PREFIXES: Final = (
    "Credit...", "Credit…", "Credit: ", "Photograph: ", "Photo: ", "Image: ", "Picture: ",
    "Pic: ", "Photo credit: ",
)  # fmt: skip
_CREDIT_INITIALS: Final = frozenset("(" + "".join(p[0] for p in _CREDIT_LINE_PREFIXES))
_AGENCY_HINTS: Final = (
    "/", "Photo", "Getty", "AFP", "Reuters", "EPA", "via ", "Shutterstock", "Anadolu",
    "Pool", "Handout", "Associated Press", "Images", "PA Wire", "Alamy",
)  # fmt: skip
_CAPTION_MARKS: Final = (
    "(not seen)", "(FILE)", "File photo", "In this photo",
    "This photo", "A satellite image", "Satellite image", "Screengrab", "A still from",
)  # fmt: skip
# Captions describe the picture in the present tense: "Zelensky speaks in Kyiv on ...".
_PHOTO_VERBS: Final = frozenset(
    {
        "address",
        "addresses",
        "arrive",
        "arrives",
        "attend",
        "attends",
        "carries",
        "carry",
        "chairs",
        "clear",
        "clears",
        "cries",
        "cry",
        "deliver",
        "delivers",
        "drive",
        "drives",
        "embrace",
        "embraces",
        "exchange",
        "exchanges",
        "fire",
        "fires",
        "gather",
        "gathers",
        "gesture",
        "gestures",
        "give",
        "gives",
        "greet",
        "greets",
        "hold",
        "holds",
        "hug",
        "hugs",
        "inspect",
        "inspects",
        "lay",
        "lays",
        "leave",
        "leaves",
        "line",
        "lines",
        "listen",
        "listens",
        "look",
        "looks",
        "march",
        "marches",
        "meet",
        "meets",
        "mourn",
        "mourns",
        "pass",
        "passes",
        "patrol",
        "patrols",
        "pauses",
        "place",
        "places",
        "pose",
        "poses",
        "prepare",
        "prepares",
        "queue",
        "queues",
        "react",
        "reacts",
        "rest",
        "rests",
        "ride",
        "rides",
        "shake",
        "shakes",
        "show",
        "shows",
        "sit",
        "sits",
        "smile",
        "smiles",
        "speak",
        "speaks",
        "stand",
        "stands",
        "take",
        "takes",
        "talk",
        "talks",
        "view",
        "visit",
        "visits",
        "wait",
        "waits",
        "walk",
        "walks",
        "watch",
        "watches",
        "wave",
        "waves",
        "work",
        "works",
    }
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember|embre)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# "\bon" written as o(?<!\wo)n: a pattern opening on literals lets the regex engine skip
# to the next "o", "i" or "," at C speed instead of trying every position (4x faster).
_CAPTION_DATE = re.compile(
    rf"(?:o(?<!\wo)n|i(?<!\wi)n|,)\s(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    rf"|\d{{1,2}}\s{_MONTH}\b|{_MONTH}\s\d{{1,4}}\b)"
)
_NOT_CAPTION_WORDS: Final = (
    " said", " says", " told ", "according to", " will ", " would ", " could ", " has ",
    " have ", " had ", " was ", " were ",
)  # fmt: skip
_CLOSING_QUOTES: Final = "\"'\u201d\u2019"

_CAPTION_MARK = re.compile("|".join(map(re.escape, _CAPTION_MARKS)))
_POSITION_MARK = re.compile(r"\([LRC]\)")
_NOT_CAPTION_PATTERN: Final = "|".join(re.escape(word.strip()) for word in _NOT_CAPTION_WORDS).join(
    (r"\b(?:", r")\b")
)
_NOT_CAPTION = re.compile(_NOT_CAPTION_PATTERN, re.IGNORECASE)
_NOT_CAPTION_LOWER = re.compile(_NOT_CAPTION_PATTERN)
_PHOTO_VERB = re.compile(
    "|".join(sorted(_PHOTO_VERBS, key=len, reverse=True)).join((r"\b(?:", r")\b")),
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def is_headline_like(text: str) -> bool:
    """Tell whether ``text`` reads as a headline: short, capitalised, not a sentence."""
    if not 3 <= len(text) <= MAX_HEADLINE_CHARS:
        return False
    first, last = text[0], text[-1]
    if first.islower() or last in ".:;,":
        return False
    if last in _CLOSING_QUOTES and len(text) > 1 and text[-2] in ".,:;":
        return False
    if last in "!?" and _SENTENCE_BREAK.search(text):
        return False  # two sentences: "And I, meanwhile, am off. Bye!" ends a post's text
    # A picture's credit alone ("Photo: Kelly Ho/SCMP"), or a sentence, then its writer or a
    # pointer in brackets ("... hurt in the raid. (Jack Khoury)", "... (See 3.21pm.)").
    if text.startswith(_CREDIT_LINE_PREFIXES) or (
        last == ")" and text[: text.rfind("(")].rstrip()[-1:] in _SENTENCE_STOPS
    ):
        return False
    return len(text.split()) <= 40


def is_one_sentence(text: str) -> bool:
    """Tell whether ``text`` is a single short sentence, as a title may be."""
    # Longer, it is the post's first sentence ("Turnout in Cork South-Central is estimated at
    # 61 per cent, according to tallymen at the count centre.").
    return (
        len(text) <= _TITLE_SENTENCE_CHARS
        and text[-1] in _SENTENCE_STOPS
        and not _SENTENCE_BREAK.search(text)
        and "? " not in text
        and "! " not in text
    )


def split_inline_credit(text: str) -> tuple[str, str] | None:
    """Split "Caption. Photograph: Name/Agency" into caption and credit."""
    if len(text) > 400 or (": " not in text and text[-1] not in ")]" and "Photo by" not in text):
        return None
    for marker in _INLINE_MARKERS:
        at = text.rfind(marker)
        if at > 0:
            credit = text[at + len(marker) :].strip()
            if 0 < len(credit) <= MAX_CREDIT_CHARS and credit[-1:] not in ".!?":
                return text[:at].strip(" /"), credit
    closing = text[-1:]
    if closing in ")]":
        opening = "(" if closing == ")" else "["
        at = text.rfind(opening)
        inner = text[at + 1 : -1].strip()
        if (
            at > 0
            and 0 < len(inner) <= MAX_CREDIT_CHARS
            and inner not in {"R", "L", "C"}
            and any(hint in inner for hint in _AGENCY_HINTS)
        ):
            return text[:at].strip(), inner
    return None


def credit_line(text: str) -> str | None:
    """Return the credit a line gives on its own ("(Pool)", "Credit...Name"), if any."""
    if len(text) > MAX_CREDIT_CHARS + 12 or text[:1] not in _CREDIT_INITIALS:
        return None
    if text[:1] == "(" and text[-1:] == ")" and text.count("(") == 1 and not text.endswith(".)"):
        return text[1:-1].strip() or None
    for prefix in _CREDIT_LINE_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :].strip() or None
    return None


def duplicated_caption(caption: str, following: str) -> str | None:
    """Return the credit when ``following`` repeats ``caption`` and adds a credit (CNN)."""
    if len(following) < len(caption) or not following.startswith(caption):
        return None
    if following[len(caption) : len(caption) + 1].isalnum():
        return None  # the line goes on with the caption's word ("0", then "00"): no credit
    credit = following[len(caption) :].strip()
    if len(credit) > MAX_CREDIT_CHARS or (credit and credit[-1] in ".!?"):
        return None
    return credit


def is_caption_like(text: str) -> bool:
    """Tell whether ``text``, without a credit, still reads as a photo caption."""
    if not 20 <= len(text) <= 400 or text[-1] not in ".)":
        return False
    if '"' in text or "\u201c" in text or "\u201d" in text:
        return False
    if _CAPTION_MARK.search(text) or (
        # "Biden (L) greets Zelensky (R) in Kyiv", unless the letter is a party's: "Maryland
        # Gov. Larry Hogan (R)." closes a sentence of the post's text.
        "(" in text and _POSITION_MARK.search(text) and _PHOTO_VERB.search(text)
    ):
        return True
    # The date test goes first: it is the cheapest and rejects most lines.
    if _CAPTION_DATE.search(text) is None:
        return False
    if text.isascii():
        # In ASCII, IGNORECASE equality is lower(): one lowering serves both word tests, the
        # regex without the flag runs twice as fast, and the verbs are looked up in their set
        # instead of by a hundred-branch regex at every word (8x faster).
        lowered = text.lower()
        return _NOT_CAPTION_LOWER.search(lowered) is None and not _PHOTO_VERBS.isdisjoint(
            _WORD.findall(lowered)
        )
    return _NOT_CAPTION.search(text) is None and _PHOTO_VERB.search(text) is not None


def is_orphan_credit(text: str) -> bool:
    """Tell whether ``text`` is a lone media credit ("MSNBC", "Reuters") left by an embed."""
    if len(text) > 40 or text[-1:] in '.:;,!?"”':
        return False
    words = text.split()
    return 0 < len(words) <= 3 and all(word[:1].isupper() for word in words)
