"""Content identity: normalisation, MinHash signatures, LSH keys."""

import random
from datetime import UTC, datetime

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from schemas import Image, PostCreated, Source
from tests.factories import make_post, sentence_words
from workers.identity import (
    BANDS,
    SIGNATURE_BINS,
    band_keys,
    index_keys,
    lookup_keys,
    minhash,
    normalize_text,
    overlap,
    post_signature,
    post_words,
    revise,
    shingles,
    similarity,
)
from workers.projection import known_post

T0 = datetime(2023, 7, 12, 4, 51, tzinfo=UTC)


def _created(post):
    return PostCreated(
        event_id="e1",
        occurred_at=T0,
        post_id="p-1",
        blog_id="b",
        post=post,
        source=Source(path="a.txt", sha256="s", captured_at=T0),
    )


def test_normalize_folds_nbsp_and_line_endings():
    assert normalize_text("Ukraine's\xa0future\r\n is  in\tNATO ") == "Ukraine's future is in NATO"


def test_fingerprint_ignores_whitespace_but_not_words():
    a = make_post("A  headline", "One\r\ntwo").fingerprint
    assert a == make_post("A headline", "One two").fingerprint
    assert a != make_post("A headline", "One three").fingerprint


def test_words_drop_case_and_punctuation():
    post = make_post("“Quoted” Headline", "It's here, now.", images=(Image(caption="A cap"),))
    assert post_words(post) == ["quoted", "headline", "it", "s", "here", "now", "a", "cap"]


def test_short_text_is_one_shingle():
    assert shingles(["a", "b"]) == {"a b"}
    assert shingles([]) == set()
    assert shingles(["a", "b", "c", "d"]) == {"a b c", "b c d"}


def test_signature_is_deterministic_and_sized():
    post = make_post("Headline here", "Some body text that goes on for a while.")
    signature, size = post_signature(post)
    assert len(signature) == SIGNATURE_BINS
    assert all(0 <= v < 2**16 for v in signature)
    assert post_signature(post) == (signature, size)
    assert size == len(shingles(post_words(post)))


def test_empty_post_has_no_signature_and_only_a_fingerprint_key():
    post = make_post(None)
    assert post_signature(post) == ((), 0)
    assert lookup_keys(post) == (f"fp:{post.fingerprint}",)
    assert similarity((), ()) == 0.0


def test_similarity_of_identical_and_unrelated_posts():
    rng = random.Random(3)
    a = make_post(sentence_words(rng, 8), sentence_words(rng, 60))
    b = make_post(sentence_words(rng, 8), sentence_words(rng, 60))
    assert similarity(post_signature(a)[0], post_signature(a)[0]) == 1.0
    assert similarity(post_signature(a)[0], post_signature(b)[0]) < 0.1


@settings(max_examples=60, deadline=None)
@given(
    common=st.integers(0, 200),
    only_a=st.integers(0, 200),
    only_b=st.integers(0, 200),
)
def test_similarity_estimates_jaccard(common, only_a, only_b):
    a = {f"c{i}" for i in range(common)} | {f"a{i}" for i in range(only_a)}
    b = {f"c{i}" for i in range(common)} | {f"b{i}" for i in range(only_b)}
    assume(a and b)
    exact = len(a & b) / len(a | b)
    # 64 bins: a standard error under 0.07, so 0.3 is more than four of them.
    assert abs(similarity(minhash(a), minhash(b)) - exact) < 0.3


def test_overlap_of_a_contained_set_is_one():
    # |A|=10 inside |B|=30: J=1/3, and all of A is in B.
    assert overlap(1 / 3, 10, 30) == 1.0
    assert overlap(0.0, 10, 30) == 0.0
    assert overlap(0.5, 0, 30) == 0.0


def test_band_keys_name_each_band():
    keys = band_keys(tuple(range(SIGNATURE_BINS)))
    assert len(keys) == BANDS
    assert [k.split(":")[1] for k in keys] == [str(b) for b in range(BANDS)]
    assert band_keys(()) == ()


def test_lookup_keys_of_a_post_equal_the_index_keys_of_its_record():
    post = make_post(
        "A headline", "A body of some words that run on.", published_at_raw="2 min ago"
    )
    keys = lookup_keys(post)
    assert keys == index_keys(known_post(_created(post)))
    assert keys[0] == f"fp:{post.fingerprint}"
    assert keys[1].startswith("hl:")
    assert sum(k.startswith("lsh:") for k in keys) == BANDS


def test_a_headless_post_has_no_headline_key():
    assert not any(k.startswith("hl:") for k in lookup_keys(make_post(None, "Body only here.")))


def test_an_edited_post_shares_a_key_with_its_old_record():
    rng = random.Random(5)
    post = make_post(sentence_words(rng, 9), *(sentence_words(rng, 40) for _ in range(3)))
    record = known_post(_created(post))
    reworded = revise(post, headline="Officials say " + (post.headline or ""))
    grown = revise(post, body=(*post.body, sentence_words(rng, 40)))
    for edited in (reworded, grown):
        assert set(lookup_keys(edited)) & set(index_keys(record))
