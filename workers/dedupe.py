"""Decide which posts of a capture are new, changed, repeated or stale (pure: no I/O)."""

import heapq
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import NamedTuple

from schemas import Post, PostCreated, PostEvent, PostUpdated, Snapshot, Source
from schemas.posts import Value
from schemas.state import KnownPost
from workers.identity import (
    EMPTY_HEADLINE,
    NO_TIME,
    RELATIVE,
    TRACKED_FIELDS,
    digest,
    field_digests,
    headline_digest,
    overlap,
    post_signature,
    time_digest,
)
from workers.identity import similarity as jaccard

# Thresholds measured by benchmarks/dedupe_thresholds.py over the seeds: different posts of
# one blog score at most J=0.20 (overlap 0.65), both from the two posts of seed 000 that
# share three paragraphs; versions of one post score J>=0.86 for headline edits, >=0.75 for
# a paragraph edited, and down to 0.30 when a paragraph is added, where overlap stays >=0.84.

_CONTENT_FIELDS = frozenset(TRACKED_FIELDS) - {"published_at"}
"""The tracked fields the fingerprint covers: with an equal fingerprint, none changed."""

MATCH_JACCARD = 0.4
"""A capture's post is a known post when their estimated Jaccard reaches this: twice the
closest different pair, four standard errors of the 64-bin estimate above it."""

MATCH_OVERLAP = 0.8
"""...or when this share of the smaller post is in the larger (a post that grew)..."""

OVERLAP_MIN_JACCARD = 0.25
"""...and, unless the headlines or the stated times agree, their Jaccard reaches this: the
overlap estimate multiplies the Jaccard error by the size ratio, so alone it cannot tell a
post that grew from a post quoting three paragraphs of another (seed 000: 0.65 for that pair)."""

MIN_OVERLAP_SHINGLES = 12
"""Overlap is not trusted below this many shingles: a one-line post is "contained" in anything
that quotes it."""

DISTINCTIVE_WORDS = 4
"""A headline of this many words names one post of a blog; shorter ones ("Analysis",
"What we know") recur."""

SAME_HEADLINE_SCORE = 0.01
"""The score of a match on the same distinctive headline alone."""

_NOWHERE: Mapping[str, str] = MappingProxyType({})


class Decision(Value):
    """The events a capture gives rise to, and how many of its posts gave none and why."""

    events: tuple[PostEvent, ...]
    unchanged: int = 0
    stale: int = 0


def changed_fields(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[str, ...]:
    """Name the tracked fields whose digests differ, a relative time never counting."""
    changed = []
    for name in TRACKED_FIELDS:
        before, after = old.get(name), new.get(name)
        if name == "published_at" and RELATIVE in (before, after):
            continue
        if before != after:
            changed.append(name)
    return tuple(changed)


class Probe(NamedTuple):
    """What matching needs of a capture's post, computed once per capture."""

    signature: tuple[int, ...]
    shingles: int
    headline: str
    distinctive_headline: bool = False
    stated_time: str = ""
    """The digest of the post's own time, when a clock label states it (not "17 min ago")."""

    @classmethod
    def of(cls, post: Post) -> "Probe":
        """Sign a post for matching."""
        signature, size = post_signature(post)
        words = len((post.headline or "").split())
        stated = time_digest(post)
        return cls(
            signature,
            size,
            headline_digest(post.headline),
            words >= DISTINCTIVE_WORDS,
            "" if stated in (RELATIVE, NO_TIME) else stated,
        )


def match_score(probe: Probe, known: KnownPost) -> float:
    """Score how likely a probed post is a version of a known post; 0 when it is not."""
    j = jaccard(probe.signature, known.signature)
    if j >= MATCH_JACCARD:
        return j
    same_headline = probe.headline == known.field_digests.get("headline")
    # The same headline or the same stated minute vouches for a post that grew several
    # paragraphs (or whose first version arrives late), where Jaccard alone falls short.
    same_time = probe.stated_time and probe.stated_time == known.field_digests.get("published_at")
    if (
        (same_headline and probe.headline != EMPTY_HEADLINE)
        or same_time
        or j >= OVERLAP_MIN_JACCARD
    ):
        o = overlap(j, probe.shingles, known.shingles)
        if o >= MATCH_OVERLAP and min(probe.shingles, known.shingles) >= MIN_OVERLAP_SHINGLES:
            # Ranked below any Jaccard match of the same strength: containment is the
            # weaker evidence, so a post that is merely quoted loses to its real successor.
            return o * MATCH_JACCARD
    if same_headline and probe.distinctive_headline:
        # The headline is the writer's own name for the post: it stays while a one-line
        # post grows into paragraphs, a jump neither Jaccard nor a tiny overlap sample
        # can see (an older, shorter capture arriving late). Ranked below every text match.
        return SAME_HEADLINE_SCORE
    return 0.0


def pair_posts(
    posts: tuple[Post, ...],
    known: Mapping[str, KnownPost],
    earlier: Mapping[str, str] = _NOWHERE,
) -> dict[int, KnownPost]:
    """Match a capture's posts one-to-one to known posts: exact text now or before, then alike.

    ``earlier`` maps fingerprints to the posts that once had that text.
    """
    # Within a capture two posts are never one post, so each known post is claimed at most
    # once; claims go in a fixed order (page index, post_id) so a retry pairs identically.
    free = dict(sorted(known.items()))
    matches: dict[int, KnownPost] = {}
    by_fingerprint: dict[str, list[str]] = {}
    for post_id, record in free.items():
        by_fingerprint.setdefault(record.fingerprint, []).append(post_id)
    for index, post in enumerate(posts):
        same = by_fingerprint.get(post.fingerprint)
        if same:
            matches[index] = free.pop(same.pop(0))
    for index, post in enumerate(posts):
        # A late capture showing a post as it was three edits ago shares no text with it
        # now, but its exact text is on record as that post's.
        owner = earlier.get(post.fingerprint)
        if index not in matches and owner in free:
            matches[index] = free.pop(owner)
    if not free:
        return matches
    scored: list[tuple[float, int, str]] = []
    placing = len(posts) - len(matches)
    for index, post in enumerate(posts):
        if index in matches:
            continue
        probe = Probe.of(post)
        ranked = [
            (-score, index, post_id)
            for post_id, record in free.items()
            if (score := match_score(probe, record)) > 0
        ]
        # The others can claim at most placing - 1 of this post's candidates, so its match
        # is among its best `placing`: the rest cannot change the pairing, and kept they
        # held every pair (a page of one template: 2 M pairs, hundreds of MB).
        scored += ranked if len(ranked) <= placing else heapq.nsmallest(placing, ranked)
    # Greedy best-first is enough: true pairs score far above the threshold, false ones
    # below it, so the rare contest (two near-twins edited at once) is between true pairs.
    for _, index, post_id in sorted(scored):
        if index not in matches and post_id in free:
            matches[index] = free.pop(post_id)
    return matches


def decide(
    snapshot: Snapshot,
    *,
    blog_id: str,
    source: Source,
    known: Mapping[str, KnownPost],
    occurred_at: datetime,
    elsewhere: Mapping[str, str] = _NOWHERE,
    earlier: Mapping[str, str] = _NOWHERE,
) -> Decision:
    """Match a capture's posts to known candidates and emit what is new or changed.

    ``known`` holds the blog's posts found under the capture's lookup keys; ``elsewhere``
    maps fingerprints to posts of other blogs, which a new post names as ``duplicate_of``;
    ``earlier`` maps fingerprints to this blog's posts that once had that text.
    """
    matches = pair_posts(snapshot.posts, known, earlier)
    events: list[PostEvent] = []
    unchanged = stale = 0
    for index, post in enumerate(snapshot.posts):
        # Ids are a function of (blog, file, position) only, so a retried job, or the same
        # file delivered twice, yields byte-identical events the log can refuse by id.
        event_id = digest([blog_id, source.sha256, str(index)], 12)
        record = matches.get(index)
        if record is None:
            events.append(
                PostCreated(
                    event_id=event_id,
                    occurred_at=occurred_at,
                    post_id="p-" + event_id[:20],
                    blog_id=blog_id,
                    post=post,
                    source=source,
                    duplicate_of=elsewhere.get(post.fingerprint),
                )
            )
            continue
        if (
            post.fingerprint == record.fingerprint
            and record.field_digests.keys() >= _CONTENT_FIELDS
        ):
            # The same text, digested as the field digests are: only the time may differ, so
            # only its digest is computed (most of a re-capture's posts are so).
            digests = {**record.field_digests, "published_at": time_digest(post)}
        else:
            digests = field_digests(post)
        changed = changed_fields(record.field_digests, digests)
        if not changed:
            unchanged += 1
        elif source.captured_at < record.captured_at:
            # An older capture arriving late must not roll the post back to older text.
            stale += 1
        else:
            events.append(
                PostUpdated(
                    event_id=event_id,
                    occurred_at=occurred_at,
                    post_id=record.post_id,
                    revision=record.revision + 1,
                    blog_id=blog_id,
                    post=post,
                    source=source,
                    changed=changed,
                )
            )
    return Decision(events=tuple(events), unchanged=unchanged, stale=stale)


__all__ = [
    "Decision",
    "Probe",
    "changed_fields",
    "decide",
    "match_score",
    "pair_posts",
]
