"""Content identity of posts: normalised text, fingerprints, MinHash signatures and index keys."""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import xxhash

from schemas.posts import Post
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
    folded = unicodedata.normalize("NFKC", text)
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


def content_fingerprint(
    *,
    headline: str | None,
    authors: Iterable[str] = (),
    location: str | None = None,
    body: Iterable[str] = (),
    bullets: Iterable[str] = (),
    images: Iterable[tuple[str, str | None]] = (),
) -> str:
    """Fingerprint a post's content, ignoring whitespace and its time label."""
    parts = ["h", normalize_text(headline or ""), "a", *map(normalize_text, authors)]
    parts += ["l", normalize_text(location or ""), "b", *map(normalize_text, body)]
    parts += ["k", *map(normalize_text, bullets), "i"]
    for caption, credit in images:
        parts += [normalize_text(caption), normalize_text(credit or "")]
    return digest(parts)


def refingerprint(post: Post) -> Post:
    """Return the post with the fingerprint of its current content (after an edit)."""
    fingerprint = content_fingerprint(
        headline=post.headline,
        authors=post.authors,
        location=post.location,
        body=post.body,
        bullets=post.bullets,
        images=[(image.caption, image.credit) for image in post.images],
    )
    return post.model_copy(update={"fingerprint": fingerprint})


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
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


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
    """Hash a headline as dedupe compares it: whitespace folded, empty when absent."""
    return digest([normalize_text(headline or "")], 8)


EMPTY_HEADLINE = headline_digest(None)


def fingerprint_key(fingerprint: str) -> str:
    """Name the index key of an exact fingerprint."""
    return f"fp:{fingerprint}"


def _keys(fingerprint: str, headline: str, signature: Sequence[int]) -> tuple[str, ...]:
    return (fingerprint_key(fingerprint), *_near_keys(headline, signature))


def _near_keys(headline: str, signature: Sequence[int]) -> tuple[str, ...]:
    # The headline key finds a post whose body grew past what LSH recalls; an absent
    # headline is shared by too many posts to be worth a key.
    head = (f"hl:{headline}",) if headline != EMPTY_HEADLINE else ()
    return (*head, *band_keys(signature))


def index_keys(known: KnownPost) -> tuple[str, ...]:
    """List the keys a known post is indexed under in its blog."""
    headline = known.field_digests.get("headline", EMPTY_HEADLINE)
    return _keys(known.fingerprint, headline, known.signature)


def lookup_keys(post: Post) -> tuple[str, ...]:
    """List the keys to look up to find the known posts a capture's post may be."""
    return (fingerprint_key(post.fingerprint), *near_keys(post))


def near_keys(post: Post) -> tuple[str, ...]:
    """List the keys that find near-duplicates of a post (not its exact fingerprint)."""
    signature, _ = post_signature(post)
    return _near_keys(headline_digest(post.headline), signature)
