"""Content identity of posts: normalised text, fingerprints, MinHash signatures and index keys."""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from operator import eq
from typing import Any

import xxhash

from schemas.posts import Image, Post
from schemas.state import KnownPost

_WORD = re.compile(r"\w+")

SHINGLE_WORDS = 3
"""Words per shingle: three keeps one fixed typo from touching more than three shingles."""

SIGNATURE_BINS = 64
"""Bins of the one-permutation MinHash; the similarity estimate has a standard error of
about sqrt(J(1-J)/64), under 0.07 everywhere."""

BAND_ROWS = 2
BANDS = 16
"""LSH bands over the first BANDS*BAND_ROWS bins. Two rows a band make a post with Jaccard
0.3 a candidate with probability 1-(1-0.3**2)**16 = 0.78, 0.5 with 0.99, while an unrelated
post of the same blog (J about 0.02) collides with probability 0.006."""

_VALUE_BITS = 16
"""Bits kept of each bin's minimum: two unrelated bins agree with probability 2**-16, which
moves no estimate, and a signature stays at 64 small ints."""

_VALUE_MASK = (1 << _VALUE_BITS) - 1
_BIN_MASK = SIGNATURE_BINS - 1
_BIN_SHIFT = SIGNATURE_BINS.bit_length() - 1


def normalize_text(text: str) -> str:
    """Fold Unicode compatibility forms (non-breaking spaces) and collapse whitespace."""
    # ASCII is its own NFKC form, and CPython knows a string is ASCII without a scan.
    folded = text if text.isascii() else unicodedata.normalize("NFKC", text)
    # Every whitespace character but the space is unprintable, so printable text with no
    # double or edge space is already collapsed: skip splitting it into words and back.
    if folded.isprintable() and "  " not in folded and folded[:1] != " " and folded[-1:] != " ":
        return folded
    return " ".join(folded.split())


def digest(parts: Iterable[str], size: int = 16) -> str:
    """Hash a sequence of strings, unambiguously separated, to hex."""
    # One encode of the joined parts hashes the same bytes as one update per part.
    joined = "\x1f".join([*parts, ""])
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=size).hexdigest()


CONTENT_FIELDS = {
    "headline": "h",
    "authors": "a",
    "location": "l",
    "body": "b",
    "bullets": "k",
    "images": "i",
}
"""The fields of a post its writer edits, each with the tag that sets it apart in the
fingerprint; the post's time is not content (a relative label drifts)."""

TRACKED_FIELDS = ("headline", "published_at", "authors", "location", "body", "bullets", "images")
"""The fields an update names as changed: the content and the time the post gives itself."""

# France 24 drops the "ago": a label that is only "18 min" drifts as "18 min ago" does.
_RELATIVE_LABEL = re.compile(
    r"\bago\b|\bjust now\b|\byesterday\b|^\d{1,3}\s?(?:min|mins|minutes|h|hrs?|hours?)$",
    re.IGNORECASE,
)

RELATIVE = "~"
"""The digest of a published_at read from a relative label ("17 min ago"). Such a label
resolves against the capture time, so the instant drifts by minutes between captures of an
unchanged post; it carries no edit the writer made, so it is never compared, in either
direction, not even against an absolute time that replaces it when the page ages."""


def _normalized(value: object) -> list[str]:
    """List a field's strings, normalised: one for a text, one per item (two per image)."""
    if value is None or isinstance(value, str):
        return [normalize_text(value or "")]
    if not isinstance(value, tuple | list):
        raise TypeError(f"not a content value: {value!r}")
    texts: list[str] = []
    for item in value:
        if isinstance(item, Image):
            texts += (normalize_text(item.caption), normalize_text(item.credit or ""))
        else:
            texts.append(normalize_text(item))
    return texts


_POST_DEFAULTS = {
    name: field.default for name, field in Post.model_fields.items() if not field.is_required()
}


def content_fingerprint(fields: Mapping[str, object]) -> str:
    """Fingerprint a post's content fields, ignoring whitespace and its time label."""
    parts: list[str] = []
    for name, tag in CONTENT_FIELDS.items():
        parts += [tag, *_normalized(fields.get(name, _POST_DEFAULTS.get(name)))]
    return digest(parts)


def make_post(**fields: Any) -> Post:
    """Build a post from its fields, with the fingerprint of its content: the one factory."""
    return Post(**fields, fingerprint=content_fingerprint(fields))


def revise(post: Post, **changes: Any) -> Post:
    """Return a post with some fields changed and the fingerprint of its new content."""
    fields = {name: getattr(post, name) for name in Post.model_fields if name != "fingerprint"}
    return make_post(**{**fields, **changes})


def field_digests(post: Post) -> dict[str, str]:
    """Hash each tracked field of a post, so a change can be named without the old text."""
    # Normalised as the fingerprint is, so "same fingerprint" and "no content field
    # changed" agree; published_at is the one field the fingerprint leaves out.
    return {
        name: time_digest(post)
        if name == "published_at"
        else digest(_normalized(getattr(post, name)), 8)
        for name in TRACKED_FIELDS
    }


def time_digest(post: Post) -> str:
    """Hash the time a post states; RELATIVE for an age ("17 min ago"), which drifts."""
    if post.published_at_raw is not None and _RELATIVE_LABEL.search(post.published_at_raw):
        return RELATIVE
    stamp = post.published_at.isoformat() if post.published_at else ""
    return digest([normalize_text(stamp)], 8)


def post_words(post: Post) -> list[str]:
    """List the case-folded words of a post's text, headline first, punctuation dropped."""
    # Punctuation and case go because re-saves swap straight and curly quotes and fixes
    # recapitalise; authors and credits stay out because they are not what a post says.
    texts = [post.headline or "", *post.body, *post.bullets, *(i.caption for i in post.images)]
    return _WORD.findall(normalize_text(" ".join(texts)).casefold())


def shingles(words: Sequence[str], size: int = SHINGLE_WORDS) -> set[str]:
    """Collect the runs of ``size`` consecutive words; a shorter text is one shingle."""
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _hash64(text: str) -> int:
    # xxh3 is a fast, well-mixed, stable hash: every capture hashes every shingle it holds.
    return xxhash.xxh3_64_intdigest(text.encode("utf-8", "surrogatepass"))


def minhash(items: Iterable[str]) -> tuple[int, ...]:
    """Sign a set with a densified one-permutation MinHash of SIGNATURE_BINS small ints."""
    # One hash per shingle split into (bin, value) instead of 64 hash functions: the cost is
    # linear in the text (Li, Owen & Zhang 2012), which matters because every capture signs
    # every post it holds to compute its lookup keys.
    bins: list[int | None] = [None] * SIGNATURE_BINS
    for item in items:
        h = _hash64(item)
        index, value = h & _BIN_MASK, (h >> _BIN_SHIFT) & _VALUE_MASK
        current = bins[index]
        if current is None or value < current:
            bins[index] = value
    if all(v is None for v in bins):
        return ()
    # An empty bin borrows from the next filled bin to its right, salted with the distance,
    # so two sets agree on it with probability about their Jaccard (rotation densification,
    # Shrivastava & Li 2014) instead of agreeing on "empty" for free.
    signature: list[int] = []
    for i, kept in enumerate(bins):
        if kept is not None:
            signature.append(kept)
            continue
        distance = 1
        donor = bins[(i + 1) % SIGNATURE_BINS]
        while donor is None:
            distance += 1
            donor = bins[(i + distance) % SIGNATURE_BINS]
        signature.append(_hash64(f"{donor}:{distance}") & _VALUE_MASK)
    return tuple(signature)


@lru_cache(maxsize=4096)
def post_signature(post: Post) -> tuple[tuple[int, ...], int]:
    """Sign a post's text; return the signature and its number of distinct shingles."""
    items = shingles(post_words(post))
    return minhash(items), len(items)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimate the Jaccard similarity of two signed sets; an empty signature matches nothing."""
    if not a or not b or len(a) != len(b):
        return 0.0
    # map(eq) counts at C speed: a capture's new posts are scored against every candidate,
    # which on a page of one template is thousands of pairs (a generator took 9 us a pair).
    same: int = sum(map(eq, a, b))
    return same / len(a)


def overlap(jaccard: float, size_a: int, size_b: int) -> float:
    """Turn a Jaccard estimate into the share of the smaller set found in the larger."""
    # |A∩B| = J(|A|+|B|)/(1+J); dividing by the smaller size scores "paragraphs were added"
    # as the near-identity it is, where Jaccard alone falls with every paragraph added.
    smaller = min(size_a, size_b)
    if smaller <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / (1.0 + jaccard) / smaller)


def band_keys(signature: Sequence[int]) -> tuple[str, ...]:
    """Name the LSH buckets of a signature, one per band."""
    if len(signature) < BANDS * BAND_ROWS:
        return ()
    keys = []
    for band in range(BANDS):
        rows = signature[band * BAND_ROWS : (band + 1) * BAND_ROWS]
        keys.append(f"lsh:{band}:{digest(map(str, rows), 6)}")
    return tuple(keys)


def headline_digest(headline: str | None) -> str:
    """Hash a headline as its field digest does: whitespace folded, empty when absent."""
    return digest(_normalized(headline), 8)


EMPTY_HEADLINE = headline_digest(None)
NO_TIME = digest([normalize_text("")], 8)
"""The published_at digest of a post without a time."""


def fingerprint_key(fingerprint: str) -> str:
    """Name the index key of an exact fingerprint."""
    return f"fp:{fingerprint}"


def _near_keys(headline: str, stated: str, signature: Sequence[int]) -> tuple[str, ...]:
    # The headline key finds a post whose body grew past what LSH recalls; an absent
    # headline is shared by too many posts to be worth a key. The stated time finds a first
    # version arriving after several edits; an age ("17 min ago") states no time.
    head = (f"hl:{headline}",) if headline != EMPTY_HEADLINE else ()
    time = (f"ts:{stated}",) if stated not in (RELATIVE, NO_TIME) else ()
    return (*head, *time, *band_keys(signature))


def index_keys(known: KnownPost) -> tuple[str, ...]:
    """List the keys a known post is indexed under in its blog."""
    digests = known.field_digests
    near = _near_keys(
        digests.get("headline", EMPTY_HEADLINE),
        digests.get("published_at", RELATIVE),
        known.signature,
    )
    return (fingerprint_key(known.fingerprint), *near)


def lookup_keys(post: Post) -> tuple[str, ...]:
    """List the keys to look up to find the known posts a capture's post may be."""
    return (fingerprint_key(post.fingerprint), *near_keys(post))


def near_keys(post: Post) -> tuple[str, ...]:
    """List the keys that find near-duplicates of a post (not its exact fingerprint)."""
    signature, _ = post_signature(post)
    return _near_keys(headline_digest(post.headline), time_digest(post), signature)
