"""Labels as CSS-less dumps and unrun scripts leave them, and the shapes around posts."""

from datetime import UTC, datetime, timedelta, timezone

from workers.parsing import parse_snapshot
from workers.parsing.lines import BYLINE, CHROME, TIME, classify
from workers.parsing.times import page_zone, parse_label, split_signature

CAPTURED = datetime(2024, 8, 5, 20, 0, tzinfo=UTC)


def test_a_unix_epoch_is_a_label_with_its_instant() -> None:
    label = parse_label("1692003712")
    assert label is not None
    assert label.instant == datetime(2023, 8, 14, 9, 1, 52, tzinfo=UTC)
    assert parse_label("1692003712000") == parse_label("1692003712").__class__(
        raw="1692003712000", instant=label.instant
    )
    assert parse_label("0123456789") is None  # a number, not a time in this century


def test_a_clock_run_into_a_name_or_a_tag_is_a_label() -> None:
    named = parse_label("21:00Antony Clements-Thrower")
    assert named is not None and named.author == "Antony Clements-Thrower"
    tagged = parse_label("20:42KEY EVENT")
    assert tagged is not None and not tagged.author and not tagged.glued
    assert parse_label("21:00 Antony said the police had arrived") is None  # prose


def test_a_signed_footer_splits_into_name_and_time() -> None:
    signed = split_signature("Jamie Braidwood14 August 2023 10:01")
    assert signed is not None and signed[0] == "Jamie Braidwood"
    assert classify("Jamie Braidwood14 August 2023 10:01").kind is BYLINE
    assert split_signature("The score was 14 August 2023 10:01") is None


def test_an_updated_line_run_into_its_time_reads() -> None:
    assert classify("Updated20:49, 5 Aug 2024").kind.value == "updated"
    assert classify("20:42").kind is TIME


def _post(label: str, headline: str, body: str) -> str:
    return f"{label}\n\n{headline}\n\n{body}\n\n"


BODY = "Officers said the crowd had dispersed by early evening, and roads reopened."


def test_bare_clocks_and_a_capture_time_give_the_zone_a_page_is_in() -> None:
    page = "Riots live\n\n" + "".join(
        _post(f"{hour}:00Antony Clements-Thrower", f"Update at {hour}", BODY) for hour in (21, 20)
    )
    posts = parse_snapshot(page, captured_at=CAPTURED).posts
    assert [p.published_at for p in posts] == [CAPTURED, CAPTURED.replace(hour=19)]
    assert posts[0].authors == ("Antony Clements-Thrower",)


def test_a_list_of_timed_links_is_chrome_and_the_feed_stays() -> None:
    feed = "".join(
        _post(f"{m}m ago12.{50 - m} BST", f"Headline number {m}", BODY) for m in (4, 20, 30)
    )
    related = "More on this story\n\n" + "".join(
        f"Related story number {n} about the war\n\n{n}h ago\n\n[{n}00]\n\n" for n in (5, 3, 8, 9)
    )
    snapshot = parse_snapshot("War live\n\n" + feed + related, captured_at=CAPTURED)
    assert [p.headline for p in snapshot.posts] == [
        "Headline number 4",
        "Headline number 20",
        "Headline number 30",
    ]


def test_a_video_length_among_zoned_labels_is_not_a_post() -> None:
    feed = "".join(_post(f"12.{m} BST", f"Headline {m}", BODY) for m in (50, 40, 30))
    page = "War live\n\n" + feed.replace(
        "Headline 40", "00:41\n\nThe speech in full - video\n\nHeadline 40"
    )
    snapshot = parse_snapshot(page, captured_at=CAPTURED)
    assert [p.published_at_raw for p in snapshot.posts] == ["12.50 BST", "12.40 BST", "12.30 BST"]
    assert classify("00:41").kind is TIME  # on its own line it reads; the page decides


def test_a_pinned_post_older_than_the_feed_does_not_shift_its_day() -> None:
    pinned = _post("13.24 GMT", "Snap verdict", BODY)
    feed = "".join(_post(f"17.{m} GMT", f"Headline {m}", BODY) for m in (25, 21, 10))
    captured = datetime(2023, 12, 13, 17, 30, tzinfo=UTC)
    posts = parse_snapshot(
        "PMQs live\n\nPinned post\n\n" + pinned + feed, captured_at=captured
    ).posts
    assert {p.published_at.date() for p in posts if p.published_at} == {captured.date()}


def test_a_post_printed_twice_is_one_post() -> None:
    post = _post("12.05 BST", "Sunak on jets", BODY)
    feed = post + _post("12.50 BST", "Later news", BODY) + post
    snapshot = parse_snapshot("War live\n\n" + feed, captured_at=CAPTURED)
    assert [p.headline for p in snapshot.posts] == ["Later news", "Sunak on jets"]


def test_a_pin_label_is_chrome() -> None:
    assert classify("From 49m ago").kind is CHROME


def test_a_page_says_the_zone_of_its_times() -> None:
    assert page_zone("All times are Kyiv time (UTC+2).") == timezone(timedelta(hours=2))
    assert page_zone("All times are in Paris time (CET)") == timezone(timedelta(hours=1))
    assert page_zone("Times of the day") is None


def test_share_buttons_run_together_are_chrome() -> None:
    for row in ("Share this -Copy link", "Copy linkLink copied", "X", "Share Copy link"):
        assert classify(row).kind is CHROME, row
    assert classify("Share prices fell").kind is not CHROME
