"""Dedupe: which posts of a capture are new, changed, repeated or stale."""

import random
from datetime import UTC, datetime, timedelta

from schemas import Blog, PostCreated, PostUpdated, Snapshot, Source
from tests.blog_feed import BlogFeed
from tests.factories import make_post, sentence_words
from workers.dedupe import Probe, changed_fields, decide, match_score, pair_posts
from workers.identity import RELATIVE, digest, field_digests, revise
from workers.projection import known_post

T0 = datetime(2023, 7, 12, 4, 51, tzinfo=UTC)
RNG = random.Random(11)
PARAGRAPHS = [sentence_words(RNG, 35) for _ in range(8)]


def post_a(**changes):
    post = make_post(
        "Zelensky's frustration looms over summit",
        *PARAGRAPHS[:3],
        authors=("Betsy Klein",),
        location="Vilnius, Lithuania",
        published_at=T0 - timedelta(minutes=17),
        published_at_raw="17 min ago",
    )
    return revise(post, **changes) if changes else post


def post_b(**changes):
    post = make_post(
        "Ukrainian military says forces are making progress",
        *PARAGRAPHS[3:6],
        published_at=T0 - timedelta(minutes=47),
        published_at_raw="47 min ago",
    )
    return revise(post, **changes) if changes else post


def test_new_posts_are_created_with_deterministic_ids():
    fold = BlogFeed()
    decision = fold.feed([post_a(), post_b()], captured_at=T0, sha256="sha-1")
    assert [type(e) for e in decision.post_events] == [PostCreated, PostCreated]
    assert [e.revision for e in decision.post_events] == [1, 1]
    first = decision.post_events[0]
    assert first.event_id == digest(["blog-1", "sha-1", "0"], 12)
    assert first.post_id == "p-" + first.event_id[:20]
    again = BlogFeed().feed([post_a(), post_b()], captured_at=T0, sha256="sha-1")
    assert again == decision


def test_a_retried_capture_gives_identical_events():
    snapshot = Snapshot(blog=Blog(), posts=(post_a(), post_b()), captured_at=T0)
    source = Source(path="x.txt", sha256="s", captured_at=T0)
    args = {"blog_id": "b", "source": source, "known": {}, "occurred_at": T0}
    assert decide(snapshot, **args) == decide(snapshot, **args)


def test_identical_repeat_and_noise_emit_nothing_and_are_counted():
    fold = BlogFeed()
    fold.feed([post_a(), post_b()], captured_at=T0)
    later = T0 + timedelta(minutes=60)
    noisy_a = post_a(
        body=tuple(p.replace(" ", "\xa0", 3) + "  " for p in PARAGRAPHS[:3]),
        published_at=later - timedelta(minutes=77),
        published_at_raw="1 hr 17 min ago",
    )
    drifted_b = post_b(
        published_at=later - timedelta(minutes=108), published_at_raw="1 hr 48 min ago"
    )
    decision = fold.feed([drifted_b, noisy_a], captured_at=later, name="later.txt")
    assert (decision.post_events, decision.unchanged, decision.stale) == ((), 2, 0)


def test_headline_typo_fix_updates_the_post():
    fold = BlogFeed()
    created = fold.feed(
        [post_a(headline="Zelensky's frustraiton looms over summit")], captured_at=T0
    )
    decision = fold.feed([post_a()], captured_at=T0 + timedelta(minutes=5), name="2.txt")
    (event,) = decision.post_events
    assert isinstance(event, PostUpdated)
    assert event.post_id == created.post_events[0].post_id
    assert event.revision == 2
    assert event.changed == ("headline",)
    assert event.post == post_a()


def test_paragraph_added_and_headline_reworded_together_update_the_post():
    fold = BlogFeed()
    fold.feed([post_b(body=tuple(PARAGRAPHS[3:5]))], captured_at=T0)
    new = post_b(headline="Ukraine says its forces advance in the south")
    (event,) = fold.feed([new], captured_at=T0 + timedelta(minutes=5), name="2.txt").post_events
    assert isinstance(event, PostUpdated)
    assert event.changed == ("headline", "body")


def test_post_grown_from_its_first_paragraph_keeps_its_identity():
    fold = BlogFeed()
    fold.feed([post_a(body=PARAGRAPHS[:1])], captured_at=T0)
    (event,) = fold.feed(
        [post_a()], captured_at=T0 + timedelta(minutes=5), name="2.txt"
    ).post_events
    assert isinstance(event, PostUpdated)
    assert event.changed == ("body",)


def test_reordered_page_changes_nothing():
    fold = BlogFeed()
    fold.feed([post_a(), post_b()], captured_at=T0)
    decision = fold.feed([post_b(), post_a()], captured_at=T0 + timedelta(minutes=5), name="2.txt")
    assert decision.post_events == ()
    assert decision.unchanged == 2


def test_absolute_time_change_is_a_change_relative_drift_is_not():
    absolute = post_b(published_at=T0, published_at_raw="6:34 a.m. ET, July 26, 2023")
    moved = absolute.model_copy(update={"published_at": T0 + timedelta(hours=1)})
    assert changed_fields(field_digests(absolute), field_digests(moved)) == ("published_at",)
    assert field_digests(post_b())["published_at"] == RELATIVE
    # A relative label that ages into an absolute one is not a change either.
    assert changed_fields(field_digests(post_b()), field_digests(absolute)) == ()


def test_alike_posts_in_one_capture_stay_two_posts_and_keep_their_identity():
    # Seed 000 has two posts sharing three paragraphs; here b repeats a's body and adds two.
    twin = make_post(
        "Alliance members reaffirm in joint declaration", *PARAGRAPHS[:3], *PARAGRAPHS[6:8]
    )
    fold = BlogFeed()
    created = fold.feed([post_a(), twin], captured_at=T0)
    assert len(created.post_events) == 2
    ids = {e.post.headline: e.post_id for e in created.post_events}
    edited_twin = revise(twin, body=(*twin.body, "A new closing paragraph about the summit talks."))
    edited_a = post_a(headline="Zelensky's frustration over NATO looms over summit")
    decision = fold.feed(
        [edited_twin, edited_a], captured_at=T0 + timedelta(minutes=5), name="2.txt"
    )
    assert {e.post_id: e.changed for e in decision.post_events} == {
        ids[twin.headline]: ("body",),
        ids[post_a().headline]: ("headline",),
    }


def test_identical_posts_in_one_capture_are_two_posts():
    fold = BlogFeed()
    created = fold.feed([post_a(), post_a()], captured_at=T0)
    assert len({e.post_id for e in created.post_events}) == 2
    again = fold.feed([post_a(), post_a()], captured_at=T0 + timedelta(minutes=5), name="2.txt")
    assert again.post_events == () and again.unchanged == 2


def test_older_capture_never_rolls_back_but_still_creates():
    fold = BlogFeed()
    fold.feed([post_a()], captured_at=T0 + timedelta(minutes=10), name="new.txt")
    old_a = post_a(body=PARAGRAPHS[:2])
    decision = fold.feed([old_a, post_b()], captured_at=T0, name="old.txt")
    assert [type(e) for e in decision.post_events] == [PostCreated]
    assert decision.post_events[0].post == post_b()
    assert decision.stale == 1
    assert {k.fingerprint for k in fold.known.values()} == {
        post_a().fingerprint,
        post_b().fingerprint,
    }


def test_unrelated_post_is_not_taken_for_a_known_one():
    fold = BlogFeed()
    fold.feed([post_a()], captured_at=T0)
    other = make_post("Something else entirely", sentence_words(RNG, 40))
    decision = fold.feed([other], captured_at=T0 + timedelta(minutes=5), name="2.txt")
    assert [type(e) for e in decision.post_events] == [PostCreated]


def test_copy_from_another_blog_names_its_original():
    other = BlogFeed(blog_id="other-blog")
    (original,) = other.feed([post_a()], captured_at=T0).post_events
    fold = BlogFeed(store=other.store)
    decision = fold.feed([post_a(), post_b()], captured_at=T0, name="copy.txt")
    assert [e.duplicate_of for e in decision.post_events] == [original.post_id, None]


def test_known_post_is_a_pure_projection_of_the_event():
    (event,) = BlogFeed().feed([post_a()], captured_at=T0).post_events
    record = known_post(event)
    assert record == known_post(event)
    assert record.post_id == event.post_id
    assert record.revision == 1
    assert record.captured_at == T0
    assert record.fingerprint == post_a().fingerprint
    assert record.field_digests == field_digests(post_a())
    assert len(record.signature) == 64 and record.shingles > 0


def test_a_late_first_version_stated_at_the_same_minute_is_that_post():
    stamp = {"published_at": T0, "published_at_raw": "4:34 a.m. ET"}
    first = post_a(body=PARAGRAPHS[:1], **stamp)
    newest = post_a(
        headline="Zelensky's frustration looms large over the summit",
        body=(PARAGRAPHS[0][:-40], PARAGRAPHS[6], PARAGRAPHS[7], *PARAGRAPHS[1:3]),
        **stamp,
    )
    fold = BlogFeed()
    fold.feed([newest], captured_at=T0 + timedelta(minutes=40), name="new.txt")
    decision = fold.feed([first], captured_at=T0, name="old.txt")
    assert decision.post_events == () and decision.stale == 1
    # Without a stated time (an age, "17 min ago") the same pair is two posts.
    fold = BlogFeed()
    fold.feed([revise(newest, published_at_raw="17 min ago")], captured_at=T0, name="new.txt")
    decision = fold.feed([revise(first, published_at_raw="17 min ago")], captured_at=T0)
    assert [type(e) for e in decision.post_events] == [PostCreated]


def test_an_age_without_ago_drifts_without_a_change():
    aged = post_b(published_at_raw="47 min")
    assert field_digests(aged)["published_at"] == RELATIVE


def test_posts_of_one_template_pair_as_if_every_pair_were_scored() -> None:
    # pair_posts keeps only each post's best candidates (as many as there are posts to
    # place): the greedy pairing over every scored pair must come out the same.
    rng = random.Random(5)
    template = sentence_words(rng, 30)
    words = [sentence_words(rng, 2) for _ in range(40)]
    known = {}
    for n in range(40):
        post = make_post(f"Update {words[n]} {words[(n * 7) % 40]}", template)
        source = Source(path="a.txt", sha256="s", captured_at=T0)
        created = PostCreated(
            event_id=f"e{n}",
            occurred_at=T0,
            post_id=f"p-{n:03}",
            blog_id="b",
            post=post,
            source=source,
        )
        record = known_post(created)
        known[record.post_id] = record
    posts = tuple(
        make_post(f"Update {words[(n * 3) % 40]} {words[(n * 11) % 40]}", template)
        for n in range(12)
    )
    scored = sorted(
        (-score, index, post_id)
        for index, post in enumerate(posts)
        for post_id, record in known.items()
        if (score := match_score(Probe.of(post), record)) > 0
    )
    expected: dict[int, str] = {}
    for _, index, post_id in scored:
        if index not in expected and post_id not in expected.values():
            expected[index] = post_id
    assert len(scored) > 12 * 12  # more pairs than any post keeps
    paired = pair_posts(posts, known)
    assert {index: record.post_id for index, record in paired.items()} == expected
