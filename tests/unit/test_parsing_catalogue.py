"""Labels as CSS-less dumps and unrun scripts leave them, and the shapes around posts."""

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from schemas.posts import Post
from workers.parsing import parse_snapshot
from workers.parsing.authors import is_name_line, split_role
from workers.parsing.captions import is_one_sentence
from workers.parsing.lines import BYLINE, CHROME, DATE, SEPARATOR, TIME, classify
from workers.parsing.snapshot import read_snapshot
from workers.parsing.times import (
    NEW_YORK,
    mentioned_zones,
    page_zone,
    parse_label,
    place,
    place_zone,
    split_signature,
)

CAPTURED = datetime(2024, 8, 5, 20, 0, tzinfo=UTC)


def _posts(page: str, *captured: int) -> tuple[Post, ...]:
    """Parse ``page`` captured at the UTC time given as year, month, day, hour[, minute]."""
    return parse_snapshot(page, captured_at=datetime(*captured, tzinfo=UTC)).posts


def _feed(title: str, entries: tuple[tuple[str, str], ...], text: str) -> str:
    """Write a page: its title, then each entry's label and headline over ``text``."""
    return f"{title}\n\n" + "".join(
        f"{label}\n{headline}\n\n{text}\n\n" for label, headline in entries
    )


def _entries(label: str, entries: tuple[tuple[str, str, str], ...]) -> str:
    """Write posts: ``label`` with each entry's clock put in, its headline, then its text."""
    return "".join(
        f"{label.format(clock)}\n\n{headline}\n\n{text}\n\n" for clock, headline, text in entries
    )


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


def test_a_blog_platforms_post_footer_is_chrome() -> None:
    for line in (
        "FULL STORY",
        "Full post",
        "Post by:",
        "Filed under: U.S. \u2022 World",
        "Tags: Syria",
    ):
        assert classify(line).kind is CHROME, line
    assert classify("Post by: Jane Doe").kind is not CHROME


def test_a_badge_run_into_its_headline_comes_off() -> None:
    assert classify("BreakingCabinet Office loses its challenge").text == (
        "Cabinet Office loses its challenge"
    )
    assert classify("Breaking news from the court.").text == "Breaking news from the court."


def test_a_dumps_numbers_on_listed_posts_come_off_and_the_block_above_is_chrome() -> None:
    # A text dump of a page that lists its posts in an ordered list, its times not kept; the
    # last item's number stands right under the bullets of the one before.
    items = "".join(
        f"  {number}. {headline}\n\n    What happened, in a sentence.\n\n{bullets}"
        for number, headline, bullets in (
            (1, "Court sides with inquiry", ""),
            (2, "BreakingMinisters lose", "    \u2022 One thing\n    \u2022 Another\n"),
            (3, "What comes next", ""),
        )
    )
    page = "Got a licence?\n\nYou need one to watch, it is the law.\n\nLive Reporting\n\n" + items
    snapshot = parse_snapshot(page, captured_at=datetime(2023, 7, 6, 12, tzinfo=UTC))
    assert [post.headline for post in snapshot.posts] == [
        "Court sides with inquiry",
        "Ministers lose",
        "What comes next",
    ]
    assert snapshot.posts[1].bullets == ("One thing", "Another")
    assert "Got a licence?" in snapshot.chrome


def test_headlines_between_sentences_cut_a_dense_dump_without_times() -> None:
    # A block dump that kept neither the times nor a blank line between the elements.
    page = "The blog followed the day's events as they unfolded.\n" + "".join(
        f"{headline}\nWhat happened, in a sentence.\nWhat it means, in another.\n"
        for headline in ("New infections recorded Friday; cases rise", "Climate activists march")
    )
    posts = _posts(page, 2021, 9, 3, 20)
    assert [post.headline for post in posts] == [
        "New infections recorded Friday; cases rise",
        "Climate activists march",
    ]
    assert posts[1].body == ("What happened, in a sentence.", "What it means, in another.")


def test_a_post_whose_text_begins_on_its_label_line_has_no_headline_below() -> None:
    page = (
        "Politics live\n\n8.40am: Here is the day ahead, in a sentence.\n\n"
        "8.50am: For the record, here are the latest polls.\n\nLabour: 42%\nConservatives: 37%\n"
    )
    posts = _posts(page, 2011, 6, 20, 10)
    assert [post.headline for post in posts] == [None, None]
    assert posts[1].body[:2] == ("For the record, here are the latest polls.", "Labour: 42%")


def test_a_diary_time_hours_out_of_the_pages_order_is_the_posts_text() -> None:
    # Oldest first: 8.40am, 8.50am, 9.40am; "3.30pm" is on the morning post's diary.
    page = (
        "Politics live | The Guardian\n\n8.40am: Here are the items in the diary.\n\n"
        "10am: A minister speaks at a think tank.\n\n3.30pm: MPs debate the pensions bill.\n\n"
        "8.50am: For the record, the latest polls.\n\n9.40am: All today's stories are here.\n"
    )
    posts = _posts(page, 2011, 6, 20, 10)
    assert [post.published_at for post in posts] == [
        datetime(2011, 6, 20, 7, 40, tzinfo=UTC),  # BST
        datetime(2011, 6, 20, 7, 50, tzinfo=UTC),
        datetime(2011, 6, 20, 8, 40, tzinfo=UTC),
    ]
    assert "3.30pm: MPs debate the pensions bill." in posts[0].body


def test_a_schedule_under_the_standfirst_is_no_post_and_dumps_run_meridians_on() -> None:
    # Newest first; the day's programme runs the other way, its first item in the feed's
    # order by chance. A dump runs each label into its text: "9.04amTV", "9amTaoiseach".
    page = (
        "Coronation live\n\nCrowds have gathered in London for the ceremony at Westminster.\n\n"
        "10.20am: The procession sets off from the Palace\n\n11am: The ceremony begins\n\n"
        "12pm: The King is crowned\n\n2.15pm: The royal family appear on the balcony\n\n"
        "9.04amTV presenters entered the abbey, greeting other guests with waves.\n\n"
        "9.02amMusician Lionel Richie has arrived for the ceremony too.\n\n"
        "9amTaoiseach Leo Varadkar said the coronation is a historic moment.\n"
    )
    posts = _posts(page, 2023, 5, 6, 8, 34)
    assert [(p.published_at_raw, p.published_at, p.body[0][:9]) for p in posts] == [
        ("9.04am", datetime(2023, 5, 6, 8, 4, tzinfo=UTC), "TV presen"),
        ("9.02am", datetime(2023, 5, 6, 8, 2, tzinfo=UTC), "Musician "),
        ("9am", datetime(2023, 5, 6, 8, 0, tzinfo=UTC), "Taoiseach"),
    ]


def test_paragraphs_opening_with_a_matchs_minute_are_its_posts() -> None:
    for minutes in (
        (
            ("1 min:", "And we're off."),
            ("3 min:", "GOAL! 1-0 England! What a start!"),
            ("90 min +2:", "Two minutes of added time."),
        ),
        (
            ("90'+4", "NIGERIA HAVE WON! A third title for the Super Eagles."),
            ("90'+1", "Four extra minutes to play...."),
            ("89\u2019", "Goal hero Mba comes off, Yobo on for Nigeria."),
        ),
    ):
        page = "Portugal 2-2 England\n\nPre-amble: So here we go then.\n\n" + "".join(
            f"{minute} {text}\n\n" for minute, text in minutes
        )
        posts = _posts(page, 2004, 6, 24, 22)
        assert [(p.published_at_raw, p.headline or p.body[0]) for p in posts] == [
            (minute.rstrip(":"), text) for minute, text in minutes
        ]


def test_a_long_paragraph_opening_with_its_time_is_a_post() -> None:
    sentence = "The ground staff are out with the covers, and the umpires will inspect again. "
    page = "Live score\n" + "".join(
        f"UPDATE - {clock} pm IST - {sentence * 5}\n" for clock in ("10.36", "10.24", "10.11")
    )
    posts = _posts(page, 2024, 6, 27, 17, 10)
    assert [p.published_at for p in posts] == [
        datetime(2024, 6, 27, 17, 6, tzinfo=UTC),
        datetime(2024, 6, 27, 16, 54, tzinfo=UTC),
        datetime(2024, 6, 27, 16, 41, tzinfo=UTC),
    ]
    assert posts[0].body == ((sentence * 5).strip(),)


def test_a_page_says_the_zone_of_its_times() -> None:
    assert page_zone("All times are Kyiv time (UTC+2).") == timezone(timedelta(hours=2))
    assert page_zone("All times are in Paris time (CET)") == ZoneInfo("Europe/Berlin")
    assert page_zone("Times of the day") is None


def test_share_buttons_run_together_are_chrome() -> None:
    for row in ("Share this -Copy link", "Copy linkLink copied", "X", "Share Copy link"):
        assert classify(row).kind is CHROME, row
    assert classify("Share prices fell").kind is not CHROME


def _times(page: str, captured: datetime = CAPTURED) -> list[tuple[str | None, datetime | None]]:
    posts = parse_snapshot(page, captured_at=captured).posts
    return [(post.headline, post.published_at) for post in posts]


def test_a_video_length_between_two_posts_is_not_a_post() -> None:
    page = (
        "15:41\n\nFarmers spray manure\n\nFarmers sprayed manure on the prefecture.\n\n"
        "Play\n00:41\n\nA caption under the video\n\n"
        "15:18\n\nMinister speaks\n\nThe minister said she heard the anger.\n\n"
        "14:52\n\nUnion head speaks\n\nThe union head spoke to reporters.\n\n"
        "14:30\n\nMarket blocked\n\nThe market was partly blocked.\n"
    )
    assert [headline for headline, _ in _times(page)] == [
        "Farmers spray manure", "Minister speaks", "Union head speaks", "Market blocked"
    ]  # fmt: skip
    # Without the player's button, the clock the times around it step over is the video's.
    unmarked = page.replace("Play\n", "")
    assert _times(unmarked) == _times(page)
    assert {at.date() for _, at in _times(unmarked) if at} == {CAPTURED.date()}


def test_a_video_length_under_relative_labels_is_not_a_time() -> None:
    page = (
        "1 hour ago\n\nVillages evacuated\n\nAuthorities ordered an evacuation.\n\n02:14\n\n"
        "A caption of the video.\n\n2 hours ago\n\nFirefighter dies\n\nA volunteer died.\n\n"
        "16:40\n\nHeat records\n\nRecords were broken.\n\n16:05\n\nHelp asked\n\nHelp was asked.\n"
    )
    times = _times(page)
    assert [headline for headline, _ in times] == [
        "Villages evacuated", "Firefighter dies", "Heat records", "Help asked"
    ]  # fmt: skip
    assert times[2][1] == datetime(2024, 8, 5, 16, 40, tzinfo=UTC)


def test_a_night_crossing_under_relative_labels_is_kept() -> None:
    page = (
        "5 min ago\n\nNewest post\n\nText of the newest.\n\n00:10\n\nAfter midnight\n\nText.\n\n"
        "23:50\n\nBefore midnight\n\nText.\n\n23:30\n\nEarlier\n\nText.\n"
    )
    captured = datetime(2024, 8, 6, 0, 30, tzinfo=UTC)
    assert [at for _, at in _times(page, captured)][1:] == [
        datetime(2024, 8, 6, 0, 10, tzinfo=UTC),
        datetime(2024, 8, 5, 23, 50, tzinfo=UTC),
        datetime(2024, 8, 5, 23, 30, tzinfo=UTC),
    ]


def test_an_age_without_ago_is_a_label() -> None:
    label = parse_label("18 min")
    assert label is not None and label.relative == timedelta(minutes=18)
    assert parse_label("5 min read") is None


def test_a_date_where_a_label_stands_opens_a_post_without_a_time() -> None:
    said = (
        " the agency said on Friday, adding that its crews were still at work in the districts"
        " that the earthquake hit worst."
    )
    page = (
        f"11:52 GMT\nTsunami warning lifted\n\nThe warning was lifted,{said}\n\nShare\nCopy link\n"
        f"11:30 GMT\nPresident to visit\n\nThe president will travel,{said}\n\nShare\nCopy link\n"
        f"06:30 GMT\nPower down\n\nPower is out,{said}\n\nShare\nCopy link\n"
        f"13 Nov 2025\nAt least 32 killed\n\nAt least 32 were killed,{said}\n\nShare\nCopy link\n"
        "Sign up for our newsletter\nAsia Pacific Newsletter\n\nYour guide to the news.\n"
        "Related\nQuake explained\n12 Nov 2025\nTsunami history\n11 Nov 2025\n"
    )
    times = _times(page, datetime(2025, 11, 14, 12, 0, tzinfo=UTC))
    assert [headline for headline, _ in times] == [
        "Tsunami warning lifted", "President to visit", "Power down", "At least 32 killed"
    ]  # fmt: skip
    assert times[-1][1] is None


def test_a_post_marked_pinned_stays_out_of_the_day_walk() -> None:
    page = (
        "Updated 14 January 2026\n\nPINNED\npublished at\n07:05 GMT\nWhat we know so far\n\n"
        "A recap.\n\npublished at\n11:02 GMT\nAirport suspends flights\n\nNo flights.\n\n"
        "published at\n10:58 GMT\nRail cancelled\n\nNo trains.\n"
    )
    times = _times(page, datetime(2026, 1, 14, 11, 6, tzinfo=UTC))
    assert {at.date() for _, at in times if at} == {datetime(2026, 1, 14).date()}


def test_a_bare_link_line_is_chrome_and_names_the_outlet() -> None:
    assert classify("https://p.dw.com/p/4yTq8 Share Copy link").kind is CHROME
    assert (
        classify("https://example.com/report is where the report was published").kind is not CHROME
    )
    page = (
        "14:40\n\nHeat records\n\nRecords fell.\n\nhttps://p.dw.com/p/4yTq8\n\n"
        "12:05\n\nHelp asked\n\nHelp was asked.\n\nhttps://p.dw.com/p/4yTn2\n"
    )
    snapshot = parse_snapshot(page, captured_at=datetime(2025, 8, 13, 13, 58, tzinfo=UTC))
    assert snapshot.blog.outlet == "DW"
    assert snapshot.posts[0].published_at == datetime(2025, 8, 13, 12, 40, tzinfo=UTC)


def test_a_by_split_from_its_name_is_one_byline() -> None:
    page = (
        "12:12 a.m. EST\n\nCrews clear the confetti\n\nBy\n\nDaniel Ostrowski\n\n"
        "Confetti is still falling.\n\n12:04 a.m. EST\n\nThe ball drops\n\nby \nNoa Shapiro\n\n"
        "The crowd counted down.\n"
    )
    posts = _posts(page, 2026, 1, 1, 5, 30)
    assert [post.authors for post in posts] == [("Daniel Ostrowski",), ("Noa Shapiro",)]


def test_a_name_alone_under_the_headline_is_the_author() -> None:
    page = (
        "5 min ago\nThe shadow heads out to sea\n\nColin Ashby\n\nReporting from Houlton, Maine\n\n"
        "The shadow slipped off the coast.\n\n12 min ago\nTotality has ended\n\nHallie Brennan\n\n"
        "Houlton was the last town to see the sun go dark.\n"
    )
    posts = parse_snapshot(page, captured_at=CAPTURED).posts
    assert [(post.authors, post.location) for post in posts] == [
        (("Colin Ashby",), "Houlton, Maine"),
        (("Hallie Brennan",), None),
    ]
    assert posts[1].body == ("Houlton was the last town to see the sun go dark.",)


def test_names_and_a_role_above_the_headline_are_the_byline() -> None:
    page = (
        "15:21\n\nHarriet Osei\n\nNews correspondent\n\n'It's like working in an oven'\n\n"
        "I'm on a building site in Stratford.\n\n15:02\n\nAlicia Navarro\n\n"
        "Tornado watch extended until 2 a.m.\n\nThe watch now covers Missouri.\n"
    )
    posts = _posts(page, 2025, 7, 10, 14, 38)
    assert [(post.headline, post.authors) for post in posts] == [
        ("'It's like working in an oven'", ("Harriet Osei",)),
        ("Tornado watch extended until 2 a.m.", ("Alicia Navarro",)),
    ]


def test_listed_share_buttons_and_promos_between_posts_are_chrome() -> None:
    paragraph = (
        "The Met Office says 33.6C has been recorded at Heathrow, the highest of the year. " * 2
    )
    page = (
        f"15:33\n\nHeat record\n\n{paragraph}\n\nShare this -\n\n  • Facebook\n  • X\n\n"
        "Copy link\n\nFollow Sky News on WhatsApp\n\nKeep up with the latest news.\n\nTap here\n\n"
        f"15:02\n\nHosepipe ban\n\n{paragraph}\n\nCopy link\n\n14:47\n\nBeach\n\n{paragraph}\n"
    )
    snapshot = parse_snapshot(page, captured_at=datetime(2025, 7, 10, 14, 38, tzinfo=UTC))
    assert [post.headline for post in snapshot.posts] == ["Heat record", "Hosepipe ban", "Beach"]
    assert "Facebook" in snapshot.chrome


def test_a_numbered_list_of_posts_reads_its_labels() -> None:
    page = (
        " 1. Pinned published at 07:05 GMT\n\n    What we know so far\n\n    A recap.\n\n"
        " 2. published at 11:02 GMT\n\n    Airport suspends flights\n\n    [catri]\n\n"
        "    Catriona Baird\n\n    Reporting from the A9\n\n    No flights today.\n\n"
        " 3. published at 10:58 GMT\n\n    Rail cancelled\n\n    No trains.\n"
    )
    posts = _posts(page, 2026, 1, 14, 11, 6)
    assert [(post.headline, post.published_at) for post in posts] == [
        ("What we know so far", datetime(2026, 1, 14, 7, 5, tzinfo=UTC)),
        ("Airport suspends flights", datetime(2026, 1, 14, 11, 2, tzinfo=UTC)),
        ("Rail cancelled", datetime(2026, 1, 14, 10, 58, tzinfo=UTC)),
    ]
    assert posts[1].authors == ("Catriona Baird",)
    assert classify("[catri]").kind is CHROME


def test_a_blog_start_date_above_a_newer_feed_is_not_the_posts_day() -> None:
    page = (
        "Markets live\n\nDecember 4, 2025\n\n8:30 PM GMT\n\nUpdated\n\n5 mins ago\n\n"
        "2:16 PM GMT\n\nFutures extend gains\n\nStock futures rose.\n\n"
        "2:05 PM GMT\n\nYields fall\n\nTreasury yields fell.\n"
    )
    posts = _posts(page, 2025, 12, 5, 14, 21)
    assert [post.published_at for post in posts if post.headline] == [
        datetime(2025, 12, 5, 14, 16, tzinfo=UTC),
        datetime(2025, 12, 5, 14, 5, tzinfo=UTC),
    ]


def test_a_byline_between_headline_and_time_belongs_to_that_post() -> None:
    body = (
        "Maricopa County has reported only about 45 per cent of its expected vote so far tonight."
    )
    page = (
        f"Arizona race too early to call\n\nBy Elena Marchetti and Priya Raman\n\n4 min ago\n\n"
        f"{body}\n\nIt's midnight in the East. Here's where things stand.\n\nBy Jonah Whitcomb\n\n"
        f"41 min ago\n\n{body}\n\nLeaders cancel party\n\nBy Priya Raman\n\n58 min ago\n\n{body}\n"
    )
    posts = parse_snapshot(page, captured_at=CAPTURED).posts
    assert [(post.headline, post.authors) for post in posts] == [
        ("Arizona race too early to call", ("Elena Marchetti", "Priya Raman")),
        ("It's midnight in the East. Here's where things stand.", ("Jonah Whitcomb",)),
        ("Leaders cancel party", ("Priya Raman",)),
    ]


def test_bylines_with_an_outlet_or_a_role_name_only_people() -> None:
    body = "Ottawa police say they have responded to more than 120 collisions since midnight."
    page = (
        f"2:05 p.m. ET\n\nPriya Sandhu, Dan Ferreira · CBC News\n\n{body}\n\n"
        f"1:05 p.m. ET\n\nWhat are my rights?\n\nBy Lucy Aspinall, Consumer Editor\n\n{body}\n"
    )
    posts = _posts(page, 2026, 3, 12, 19, 0)
    assert [(post.headline, post.authors) for post in posts] == [
        (None, ("Priya Sandhu", "Dan Ferreira")),
        ("What are my rights?", ("Lucy Aspinall",)),
    ]


def test_a_label_and_its_spoken_copy_are_one_label() -> None:
    label = parse_label("4m ago4 minutes ago")
    assert label is not None and label.relative == timedelta(minutes=4)
    page = (
        "4m ago\n4 minutes ago\n\nWarning upgraded\n\nThe warning was upgraded.\n\n"
        "1h ago\n1 hours ago\n\nPremier speaks\n\nThe Premier spoke.\n\n"
        "11:42am AEDT\n\nResidents told to shelter\n\nResidents were told to shelter.\n"
    )
    posts = _posts(page, 2026, 1, 8, 3, 23)
    assert [post.published_at for post in posts] == [
        datetime(2026, 1, 8, 3, 19, tzinfo=UTC),
        datetime(2026, 1, 8, 2, 23, tzinfo=UTC),
        datetime(2026, 1, 8, 0, 42, tzinfo=UTC),
    ]


def test_a_byline_ending_in_the_time_is_the_posts_label() -> None:
    for text, raw in (
        ("By Julia Ramos 12 mins ago", "12 mins ago"),
        ("By Jane Doe and John Roe, 2 hours ago", "2 hours ago"),
        ("Jane Doe | 3:42 PM ET", "3:42 PM ET"),
        ("By Jane Doe \u00b7 Sep 28, 2026 3:42 PM", "Sep 28, 2026 3:42 PM"),
    ):
        line = classify(text)
        assert line.kind is TIME and line.label is not None, text
        assert line.label.raw == raw
    assert classify("Play Video 00:41").kind is not TIME  # a length, not a named time
    assert classify("The company was founded 12 years ago").kind is not TIME
    page = "\n".join(
        f"Headline number {n} of the day\nBy Julia Ramos and Greg Norman {n + 1} hours ago\n\n"
        f"The body of post {n} says what happened.\n"
        for n in range(3)
    )
    snapshot = parse_snapshot(page, captured_at=CAPTURED)
    assert [p.headline for p in snapshot.posts] == [
        f"Headline number {n} of the day" for n in range(3)
    ]
    assert all(p.authors == ("Julia Ramos", "Greg Norman") for p in snapshot.posts)
    assert snapshot.posts[0].published_at == CAPTURED - timedelta(hours=1)


def test_posts_signed_at_their_foot_keep_their_headlines_and_writers() -> None:
    page = "".join(
        f"1{n}:{10 + n}\n\nHeadline {n} of the storm\n\nThe body of post {n} tells what "
        f"happened on the coast today.\n\n{name}\n\n"
        for n, name in enumerate(["Ailbhe Conneely", "Pat McGrath", "Emma O Kelly"])
    )
    posts = parse_snapshot(page, captured_at=CAPTURED).posts
    assert [(p.headline, p.authors) for p in posts] == [
        ("Headline 0 of the storm", ("Ailbhe Conneely",)),
        ("Headline 1 of the storm", ("Pat McGrath",)),
        ("Headline 2 of the storm", ("Emma O Kelly",)),
    ]
    assert all(len(p.body) == 1 for p in posts)


def test_the_pages_published_and_updated_stamp_is_not_a_post() -> None:
    posts = "".join(
        f"{t} p.m. ET Nov. 3, 2026\nHeadline at {t}\n\nWhat happened at {t} today.\n\n"
        for t in ("8:14", "7:46", "6:55")
    )
    for stamp in (
        "Published 6:00 a.m. ET Nov. 3, 2026 | Updated 8:14 p.m. ET Nov. 3, 2026\n",
        "Updated Tue, Nov 3 2026\n\n8:14 PM EST\n\nJane Doe, John Roe\n",
    ):
        page = f"Election Day live updates\n\n{stamp}\n{posts}"
        snapshot = parse_snapshot(page, captured_at=datetime(2026, 11, 4, 1, 20, tzinfo=UTC))
        assert [p.headline for p in snapshot.posts] == [
            "Headline at 8:14",
            "Headline at 7:46",
            "Headline at 6:55",
        ]


def test_a_label_in_capitals_reads() -> None:
    label = parse_label("OCT 15, 6:42 PM")
    assert label is not None and label.day is not None and label.day.month == 10
    assert parse_label("THU, NOV 12 2026 3:58 PM EST") is not None
    assert parse_label("may 15, 6:42 PM") is None  # in lower case, "may" is a word


def test_a_signature_set_off_by_a_dash_names_the_writers() -> None:
    page = "".join(
        f"Oct 15, {h}:10 PM\nHeadline {h} about the fire\n\nWhat the crews did at {h}.\n\n"
        f"-ABC News' {name}\n\n"
        for h, name in (
            (6, "Jason Volack"),
            (5, "Meredith Deliso and Emily Shapiro"),
            (4, "Dan Peck"),
        )
    )
    page += "Up Next in News\n\nHow to pack a go-bag\n\nCopyright 2026 ABC News\n"
    posts = _posts(page, 2026, 10, 15, 23)
    assert [p.authors for p in posts] == [
        ("Jason Volack",),
        ("Meredith Deliso", "Emily Shapiro"),
        ("Dan Peck",),
    ]


def test_updated_stamps_time_the_posts_of_a_page_that_gives_no_other_time() -> None:
    stamp = "Updated on: June 18, 2026 / {} PM EDT / CBS News"
    page = "House passes spending bill\n\n" + stamp.format("11:52") + "\n\n"
    for t, name in (
        ("11:52", "Caitlin Yilek"),
        ("10:40", "Scott MacFarlane"),
        ("9:15", "Kaia Hubbard"),
    ):
        page += (
            f"Headline at {t}\n\nBy {name}\n\n{stamp.format(t)}\n\nWhat the House did at {t}.\n\n"
        )
    posts = _posts(page, 2026, 6, 19, 4)
    assert [p.headline for p in posts] == [
        "Headline at 11:52",
        "Headline at 10:40",
        "Headline at 9:15",
    ]
    assert posts[0].published_at == datetime(2026, 6, 19, 3, 52, tzinfo=UTC)
    assert posts[2].authors == ("Kaia Hubbard",)


def test_dated_clocks_ahead_of_the_capture_give_an_unknown_outlets_zone() -> None:
    page = "Typhoon live\n\n" + "".join(
        f"16 Sep 2026 - {t}PM\nHeadline at {t}\n\nWhat happened at {t} in the city.\n\n"
        for t in ("3:45", "2:58", "1:30")
    )
    posts = _posts(page, 2026, 9, 16, 7, 50)
    assert posts[0].published_at == datetime(2026, 9, 16, 7, 45, tzinfo=UTC)  # UTC+8


def test_a_title_case_headline_is_not_a_name_where_the_post_signs_at_its_foot() -> None:
    page = "".join(
        f"February 11, 2026 at {t} PM EST\n{headline}\n\n"
        f"What the market did at {t}, in a sentence.\n\n\u2014 By {name}\n\n"
        for t, headline, name in (
            ("3:40", "Treasuries Extend Selloff", "Liz Capo McCormick"),
            ("2:55", "Tech Shares Lead Declines", "Jess Menton"),
            ("1:20", "Dollar Rises Against Major Peers", "Ruth Carson"),
        )
    )
    posts = _posts(page, 2026, 2, 11, 21)
    assert [(p.headline, p.authors) for p in posts] == [
        ("Treasuries Extend Selloff", ("Liz Capo McCormick",)),
        ("Tech Shares Lead Declines", ("Jess Menton",)),
        ("Dollar Rises Against Major Peers", ("Ruth Carson",)),
    ]


def test_title_case_headlines_that_read_as_names_are_headlines_where_the_others_are_titled() -> (
    None
):
    page = "Storm live\n\n" + "".join(
        f"Dec 02, {t} AM EST\n{headline}\n\nWhat the city said at {t}, in a longer sentence.\n\n"
        for t, headline in (
            ("11:58", "Boston Declares Snow Emergency"),
            ("11:12", "Flights Canceled at Three Major Airports"),
            ("10:40", "New York Governor Activates National Guard"),
            ("9:55", "Power Outages Top 150,000 Across New England"),
        )
    )
    posts = _posts(page, 2026, 12, 2, 17, 40)
    assert [(p.headline, p.authors) for p in posts] == [
        ("Boston Declares Snow Emergency", ()),
        ("Flights Canceled at Three Major Airports", ()),
        ("New York Governor Activates National Guard", ()),
        ("Power Outages Top 150,000 Across New England", ()),
    ]


def test_a_writer_named_with_a_role_before_the_time_is_an_author() -> None:
    page = "Trade deadline live\n\n" + "".join(
        f"{writer} {ago} ago\n\nWhat the team did, {ago} before the capture.\n\n"
        for writer, ago in (
            ("Dianna Russini Senior NFL Insider", "8m"),
            ("Jeff Howe National NFL Writer", "27m"),
            ("Mike Jones NFL Writer", "1h"),
        )
    )
    posts = _posts(page, 2026, 11, 3, 19)
    assert [p.authors for p in posts] == [("Dianna Russini",), ("Jeff Howe",), ("Mike Jones",)]
    assert posts[2].published_at == datetime(2026, 11, 3, 18, tzinfo=UTC)


def test_writers_named_above_every_label_open_their_posts() -> None:
    page = "Trade deadline live\n" + "".join(
        f"{name}\n{role}\n{ago} ago\nWhat the team did, {ago} before the capture.\n"
        for name, role, ago in (
            ("Dianna Russini", "Senior NFL Insider", "8m"),
            ("Jeff Howe", "National NFL Writer", "27m"),
            ("Nate Tice", "NFL Analyst", "1h"),
        )
    )
    posts = _posts(page, 2026, 11, 3, 19)
    assert [(p.headline, p.authors) for p in posts] == [
        (None, ("Dianna Russini",)),
        (None, ("Jeff Howe",)),
        (None, ("Nate Tice",)),
    ]
    assert posts[0].body == ("What the team did, 8m before the capture.",)


def test_a_pinned_post_without_a_time_is_a_post() -> None:
    page = (
        "Trade deadline live\n\nPinned\nEvery trade so far\n\nA running list of every deal.\n\n"
        + ("".join(f"{ago} ago\n\nWhat the team did, {ago} before.\n\n" for ago in ("8m", "1h")))
    )
    posts = _posts(page, 2026, 11, 3, 19)
    assert [(p.headline, p.published_at is None) for p in posts] == [
        ("Every trade so far", True),
        (None, False),
        (None, False),
    ]


def test_a_newest_clock_minutes_before_the_capture_in_utc_is_read_in_utc() -> None:
    page = "Tube strike live\n\n" + "".join(
        f"{t}\n\nHeadline at {t}\n\nWhat happened at {t} in the city.\n\n"
        for t in ("11.20am", "10.48am", "9.31am")
    )
    posts = _posts(page, 2026, 11, 18, 11, 30)
    # Not New York's 11:20 the day before: that is nineteen hours before the capture.
    assert posts[0].published_at == datetime(2026, 11, 18, 11, 20, tzinfo=UTC)
    assert posts[2].published_at == datetime(2026, 11, 18, 9, 31, tzinfo=UTC)


def test_match_minutes_and_half_time_cut_a_sports_page_into_posts() -> None:
    page = _feed(
        "Arsenal vs. Chelsea live",
        (
            ("90+5'", "FULL TIME: Arsenal 2-1 Chelsea"),
            ("71\u2019", "GOAL! Arsenal 2-1 Chelsea (Saka)"),
            ("HT", "Half-time: Arsenal 1-0 Chelsea"),
            ("12'", "GOAL! Arsenal 1-0 Chelsea (Odegaard)"),
        ),
        "What happened on the pitch, in a sentence.",
    )
    posts = _posts(page, 2026, 11, 22, 18, 40)
    assert [(p.headline, p.published_at_raw, p.published_at) for p in posts] == [
        ("FULL TIME: Arsenal 2-1 Chelsea", "90+5'", None),
        ("GOAL! Arsenal 2-1 Chelsea (Saka)", "71\u2019", None),
        ("Half-time: Arsenal 1-0 Chelsea", "HT", None),
        ("GOAL! Arsenal 1-0 Chelsea (Odegaard)", "12'", None),
    ]
    assert classify("HT").kind is not TIME  # only where match minutes label the page


def test_today_and_yesterday_labels_count_back_from_the_capture_day() -> None:
    page = "Storm live\n\n" + "".join(
        f"{label}\n\nHeadline {n}\n\nWhat happened, in a sentence.\n\n"
        for n, label in enumerate(("Today at 10:42", "Today at 07:55", "Yesterday at 22:10"))
    )
    posts = _posts(page, 2026, 11, 27, 10, 50)
    assert [p.published_at for p in posts] == [
        datetime(2026, 11, 27, 10, 42, tzinfo=UTC),
        datetime(2026, 11, 27, 7, 55, tzinfo=UTC),
        datetime(2026, 11, 26, 22, 10, tzinfo=UTC),
    ]


def test_numeric_dates_read_day_first_unless_the_numbers_or_a_meridian_say_not() -> None:
    gulf = parse_label("15/11/2026 - 14:25 GST")
    assert gulf is not None and gulf.day == date(2026, 11, 15)
    assert gulf.zone is not None and gulf.zone.utcoffset(None) == timedelta(hours=4)
    european = parse_label("03.12.2026 10:15")
    assert european is not None and european.day == date(2026, 12, 3)
    american = parse_label("11/05/2026 3:45 PM")
    assert american is not None and american.day == date(2026, 11, 5)
    plain = parse_label("12/25/2026 09:00")
    assert plain is not None and plain.day == date(2026, 12, 25)


def test_writers_signing_at_the_foot_under_a_page_byline_stay_with_their_posts() -> None:
    page = "Storm live\n\nRalph Riegel, Allison Bray and Ciara O'Loughlin\n\n" + "".join(
        f"Today at {t}\n\nHeadline at {t}\n\nWhat happened at {t}, in a sentence.\n\n{name}\n\n"
        for t, name in (("10:42", "Allison Bray"), ("10:05", "Ciara O'Loughlin"))
    )
    posts = _posts(page, 2026, 11, 27, 10, 50)
    assert [p.authors for p in posts] == [("Allison Bray",), ("Ciara O'Loughlin",)]


def test_a_page_stamp_split_from_its_word_is_no_post() -> None:
    page = "Farmers live\n\nIssued on:\n\n13/01/2026 - 07:02\n\nModified:\n\n13/01/2026 - 16:48\n\n"
    page += "".join(
        f"{t}\n\nHeadline at {t}\n\nWhat happened at {t}, in a sentence.\n\n"
        for t in ("16:48", "15:02", "11:30")
    )
    posts = _posts(page, 2026, 1, 13, 16, 0)
    assert [p.headline for p in posts] == [
        "Headline at 16:48",
        "Headline at 15:02",
        "Headline at 11:30",
    ]


def test_writers_above_labels_lead_their_posts_over_a_footer_heading() -> None:
    page = "Jobs report live\n\nUpdated Fri, December 4, 2026 at 9:41 AM EST\n\n" + "".join(
        f"{name}\n\nFri, December 4, 2026 at {t} AM EST\n\nHeadline at {t}\n\n"
        f"What the market did at {t}, in a sentence.\n\n"
        for name, t in (
            ("Josh Schafer", "9:41"),
            ("Myles Udland", "8:31"),
            ("Josh Schafer", "7:55"),
        )
    )
    page += "Trending Tickers\nNVDA\nTSLA\n"
    posts = _posts(page, 2026, 12, 4, 14, 45)
    assert [p.authors for p in posts] == [("Josh Schafer",), ("Myles Udland",), ("Josh Schafer",)]


def test_update_leads_time_a_stations_story_in_the_zone_of_its_stamp() -> None:
    page = (
        "Canyon Fire live\n\nUpdated: Oct 20, 2026 / 02:40 PM PDT\n\n"
        "UPDATE 2:40 p.m.: The fire has grown to 4,200 acres, Cal Fire said.\n\n"
        "UPDATE 11:50 a.m.: The utility shut off power to 9,000 customers.\n\n"
        "Original story:\n\nA brush fire broke out early Tuesday north of Moorpark.\n\n"
    )
    posts = _posts(page, 2026, 10, 20, 21, 45)
    assert [(p.published_at, p.body[0][:12]) for p in posts] == [
        (datetime(2026, 10, 20, 21, 40, tzinfo=UTC), "The fire has"),
        (datetime(2026, 10, 20, 18, 50, tzinfo=UTC), "The utility "),
        (None, "A brush fire"),
    ]


def test_times_at_the_foot_of_posts_close_them() -> None:
    page = "Load shedding LIVE: Eskom moves to Stage 4\n\nFollow our live updates.\n\n" + "".join(
        f"{headline}\n\nWhat Eskom said at {t}, in a sentence.\n\nPosted by {name} at {t}\n\n"
        for headline, name, t in (
            ("Stage 4 from 4pm", "Marizka Coetzer", "14:32"),
            ("City Power warns of overloading", "Enkosi Selane", "13:05"),
            ("Stage 2 this morning", "Marizka Coetzer", "07:50"),
        )
    )
    page += "Read more on these topics\nEskom\nload shedding\n\u00a9 2026 The Citizen.\n"
    posts = _posts(page, 2026, 6, 3, 12, 40)
    assert [(p.headline, p.published_at_raw, p.authors) for p in posts] == [
        ("Stage 4 from 4pm", "at 14:32", ("Marizka Coetzer",)),
        ("City Power warns of overloading", "at 13:05", ("Enkosi Selane",)),
        ("Stage 2 this morning", "at 07:50", ("Marizka Coetzer",)),
    ]
    assert posts[2].body == ("What Eskom said at 07:50, in a sentence.",)


def test_a_post_that_is_one_line_over_a_credited_image_keeps_it_as_its_text() -> None:
    page = "Apple event live\n\n" + "".join(
        f"{name}\n \n{t} PM EDT\n{text}\n{credit}\n\n"
        for name, t, text, credit in (
            ("Chris Welch", "1:58", "And that's a wrap.", ""),
            ("Allison Johnson", "1:51", "The iPhone 18 Pro starts at $1,099.", "Image: Apple"),
            ("Allison Johnson", "1:44", "A new camera button, again.", ""),
        )
    )
    posts = _posts(page, 2026, 9, 9, 18, 5)
    assert [p.body for p in posts] == [
        ("And that's a wrap.",),
        ("The iPhone 18 Pro starts at $1,099.",),
        ("A new camera button, again.",),
    ]


def test_a_clock_with_seconds_is_a_label() -> None:
    label = parse_label("09:47:12 UTC")
    assert label is not None and label.clock is not None and label.clock.second == 12
    page = "Earthquake live\n" + "".join(
        f"{t} UTC\nHeadline at {t}\nWhat happened at {t}, in a sentence.\n"
        for t in ("09:47:12", "09:15:40", "08:52:03")
    )
    posts = _posts(page, 2026, 11, 30, 9, 50)
    assert posts[1].published_at == datetime(2026, 11, 30, 9, 15, 40, tzinfo=UTC)


def test_iso_dates_weekdays_and_utc_offsets_are_labels() -> None:
    iso = parse_label("2026-12-03T10:15:00+01:00")
    assert iso is not None and iso.day == date(2026, 12, 3)
    assert iso.zone is not None and iso.zone.utcoffset(None) == timedelta(hours=1)
    offset = parse_label("10:15 (GMT+5:30)")
    assert offset is not None and offset.zone is not None
    assert offset.zone.utcoffset(None) == timedelta(hours=5, minutes=30)
    hours = parse_label("14:05 hrs IST")
    assert hours is not None and hours.zone is not None
    assert hours.zone.utcoffset(None) == timedelta(hours=5, minutes=30)
    before = parse_label("10.15am Thursday")
    assert before is not None and before.weekday == 3 and not before.author
    page = "Budget live\n\n" + "".join(
        f"{label}\n\nHeadline {n}\n\nWhat happened, in a sentence.\n\n"
        for n, label in enumerate(("Thu 10:15", "Wed 22:40", "Tuesday 09:00"))
    )
    posts = _posts(page, 2026, 12, 3, 11)
    assert [p.published_at for p in posts] == [
        datetime(2026, 12, 3, 10, 15, tzinfo=UTC),  # a Thursday
        datetime(2026, 12, 2, 22, 40, tzinfo=UTC),
        datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
    ]


def test_a_page_stamp_under_a_listed_updated_is_no_post() -> None:
    page = (
        "Etna live\n\nPublished on\n16/02/2026 - 23:48 GMT+1\n\u2022 Updated\n"
        "17/02/2026 - 14:55 GMT+1\n\n"
    ) + "".join(
        f"{t}\n\nHeadline at {t}\n\nWhat happened at {t}, in a sentence.\n\n"
        for t in ("14:55", "13:20", "11:05")
    )
    posts = _posts(page, 2026, 2, 17, 14, 0)
    assert [p.headline for p in posts] == [
        "Headline at 14:55",
        "Headline at 13:20",
        "Headline at 11:05",
    ]


def test_a_name_run_into_its_role_under_a_headline_is_the_author() -> None:
    page = "Storm live\n\n" + "".join(
        f"{t}\n{headline}\n{byline}\n\nWhat happened at {t}, in a sentence.\n\n"
        for t, headline, byline in (
            ("10:52", "Tree crushes car in Cardiff", "Rhys WilliamsITV Wales Reporter"),
            ("10:05", "Over 200,000 homes without power", "Lucy Watson ITV News Correspondent"),
            ("09:40", "Trains cancelled across Wales", "Ellie PittSenior Producer"),
        )
    )
    posts = _posts(page, 2026, 12, 2, 11)
    assert [p.authors for p in posts] == [("Rhys Williams",), ("Lucy Watson",), ("Ellie Pitt",)]


def test_game_clocks_cut_a_sports_page_and_give_no_time() -> None:
    page = _feed(
        "Chiefs vs. Bills live",
        (
            ("Q4 2:14", "Allen scrambles for the go-ahead touchdown"),
            ("HALFTIME", "Bills lead 17-10 at the break"),
            ("Q1 11:32", "Cook opens the scoring"),
        ),
        "What happened on the field, in a sentence.",
    )
    posts = _posts(page, 2026, 11, 23, 4, 30)
    assert [(p.headline, p.published_at_raw, p.published_at) for p in posts] == [
        ("Allen scrambles for the go-ahead touchdown", "Q4 2:14", None),
        ("Bills lead 17-10 at the break", "HALFTIME", None),
        ("Cook opens the scoring", "Q1 11:32", None),
    ]


def test_a_bylined_post_takes_no_second_name_from_what_follows_it() -> None:
    page = "EU summit live\n\n" + "".join(
        f"{headline}\nBy {name} \u00b7 December 18, 2026 {t} pm CET\n"
        f"What the leaders did at {t}, in a sentence.\n\n"
        for headline, name, t in (
            ("Orban leaves the room", "Jacopo Barigazzi", "6:42"),
            ("Costa: 'We are close'", "Gregorio Sorgi", "5:15"),
        )
    )
    page += "Brussels Playbook\nSign up for the essential morning newsletter.\n"
    posts = _posts(page, 2026, 12, 18, 17, 50)
    assert [p.authors for p in posts] == [("Jacopo Barigazzi",), ("Gregorio Sorgi",)]


def test_a_schedule_inside_a_post_is_its_text_not_its_posts() -> None:
    page = "Marathon live\n\n" + "".join(
        f"{t} AM\n\nHeadline at {t}\n\nWhat happened at {t}, in a sentence.\n\n{extra}"
        for t, extra in (
            ("10:50", ""),
            ("9:10", "8:00 a.m.: Men's wheelchair\n8:22 a.m.: Women's wheelchair\n"
             "8:40 a.m.: Professional women\n\n"),
            ("7:30", ""),
        )
    )  # fmt: skip
    posts = _posts(page, 2026, 11, 1, 17, 50)
    assert [p.headline for p in posts] == [
        "Headline at 10:50",
        "Headline at 9:10",
        "Headline at 7:30",
    ]
    assert "8:22 a.m.: Women's wheelchair" in posts[1].bullets


def test_a_teasers_date_inside_a_post_is_no_day_heading() -> None:
    page = "Election live\n\n" + "".join(
        f"{t}\n\nHeadline at {t}\n\nWhat happened at {t}, in a sentence.\n\n{extra}"
        for t, extra in (
            ("11:48", "Read more: Who are the new councillors?\n\n7 May 2026\n\n"),
            ("10:35", ""),
            ("09:58", ""),
        )
    )
    posts = _posts(page, 2026, 5, 8, 10, 55)
    assert [p.published_at for p in posts] == [
        datetime(2026, 5, 8, 10, 48, tzinfo=UTC),  # BST
        datetime(2026, 5, 8, 9, 35, tzinfo=UTC),
        datetime(2026, 5, 8, 8, 58, tzinfo=UTC),
    ]


def test_a_date_over_every_label_dates_its_post_however_the_clocks_run() -> None:
    # A blog quiet for days: 04:50 on the 9th, then 03:33 on the 27th, each under its date.
    page = "World news blog\n\n" + "".join(
        f"{day}\n{clock}\n\n{headline}\n\nWhat happened, in a sentence.\n\n"
        for day, clock, headline in (
            ("November 9th, 2012", "04:50 AM ET", "Drone fired on"),
            ("October 27th, 2012", "03:33 AM ET", "Ceasefire unravels"),
            ("October 26th, 2012", "10:17 AM ET", "Truce declared"),
        )
    )
    posts = _posts(page, 2012, 11, 9, 12)
    assert [p.published_at for p in posts] == [
        datetime(2012, 11, 9, 9, 50, tzinfo=UTC),
        datetime(2012, 10, 27, 7, 33, tzinfo=UTC),
        datetime(2012, 10, 26, 14, 17, tzinfo=UTC),
    ]


def test_a_posted_time_with_its_update_is_the_label_in_the_updates_zone() -> None:
    label = parse_label("Posted 14:05 | Updated 14:40 GST")
    assert label is not None and label.clock is not None and label.clock.hour == 14
    assert label.zone is not None and label.zone.utcoffset(None) == timedelta(hours=4)
    assert label.updated == "Updated 14:40 GST" and not label.glued


def test_a_name_and_its_role_after_a_comma_name_the_writer() -> None:
    page = "Budget live\n\n" + "".join(
        f"{ago} ago\n{headline}\n{byline}\nWhat the Chancellor did, {ago} ago, in a sentence.\n\n"
        for ago, headline, byline in (
            ("2 hours", "Analysis: the numbers", "Helia Ebrahimi, business correspondent"),
            ("4 hours", "What to expect", "Gary Gibbon, political editor"),
        )
    )
    posts = _posts(page, 2026, 11, 26, 16)
    assert [p.authors for p in posts] == [("Helia Ebrahimi",), ("Gary Gibbon",)]


def test_a_clock_over_its_age_is_one_label() -> None:
    page = "Rail strike live\n\n" + "".join(
        f"{clock}\n{ago} hours ago\nHeadline at {clock}\nWhat happened at {clock}, in short.\n\n"
        for clock, ago in (("14:05", 2), ("12:40", 3), ("11:15", 5))
    )
    posts = _posts(page, 2026, 12, 4, 16, 5)
    assert [p.published_at for p in posts] == [
        datetime(2026, 12, 4, 14, 5, tzinfo=UTC),
        datetime(2026, 12, 4, 12, 40, tzinfo=UTC),
        datetime(2026, 12, 4, 11, 15, tzinfo=UTC),
    ]


def test_relative_updated_stamps_under_posts_time_them() -> None:
    page = "Live: Fed holds rates steady\n\n" + "".join(
        f"Headline {n}\nWhat the Fed did, in a sentence number {n}.\nUpdated {ago} ago\n\n"
        for n, ago in enumerate(("4 mins", "22 mins", "2 hours"))
    )
    posts = _posts(page, 2026, 12, 16, 19, 40)
    assert [(p.headline, p.published_at) for p in posts] == [
        ("Headline 0", datetime(2026, 12, 16, 19, 36, tzinfo=UTC)),
        ("Headline 1", datetime(2026, 12, 16, 19, 18, tzinfo=UTC)),
        ("Headline 2", datetime(2026, 12, 16, 17, 40, tzinfo=UTC)),
    ]


def test_a_pages_stamp_with_its_update_and_a_players_length_are_no_posts() -> None:
    page = (
        "Live: Grampians bushfire\n\nPosted Wed 7 Jan\nWednesday 7 January 2026 at 9:40pm\n"
        ", updated 4m ago\n4 minutes ago\n\n"
    ) + "".join(
        f"{label}\n\nHeadline {n}\n\n{extra}What happened, in sentence number {n}.\n\n"
        for n, (label, extra) in enumerate(
            (
                ("4m ago", ""),
                ("32m ago", "Play Video.\n1:12Duration: 1 minute 12 seconds\n"),
                ("11:42am AEDT", ""),
            )
        )
    )
    posts = _posts(page, 2026, 1, 8, 3, 23)
    assert [p.headline for p in posts] == ["Headline 0", "Headline 1", "Headline 2"]


def test_names_a_dump_split_around_their_and_are_one_byline() -> None:
    page = "Storms live\n" + "".join(
        f"{ago} ago\n\n\nShare this -\nFacebook\nX\nCopy link\nLink copied\n\n\n{names}\n\n\n"
        f"Headline {ago}\n\n\nWhat the storm did, {ago} ago, in a sentence.\n\n\n"
        for ago, names in (("4m", "Ben Kaplan"), ("1h", "Jordan Pike\n and \nMina Sato"))
    )
    posts = _posts(page, 2026, 4, 15, 0, 5)
    assert [p.authors for p in posts] == [("Ben Kaplan",), ("Jordan Pike", "Mina Sato")]


def test_a_posts_only_line_is_its_text_not_the_headline_of_the_post_below() -> None:
    # Posts of one line each; a line without a full stop, alone under its label, reads like
    # a headline over the next label, but it is all the post above has.
    page = (
        "11:05am CST\nLive footage of the ground action is broadcast now.\n\n"
        "11:16am CST\nShells are landing very close to the reporters' position \u2013 Fox News\n\n"
        "11:20am CST\nLive night-vision video of the city is on the network's page.\n\n"
        "11:25am CST\nThe White House briefing begins in five minutes.\n\n"
        "11:30am CST\nTwo divisions are ready to surrender, sources say.\n\n- Sky News Online\n\n"
        "11:31am CST\nLarge explosions are reported around the port.\n\n"
        "Leave a Reply\n\nYour email address will not be published.\n"  # a blog's comment form
    )
    posts = _posts(page, 2003, 3, 20, 18)
    assert [(p.published_at_raw, p.headline, p.body[0][:10]) for p in posts] == [
        ("11:05am CST", None, "Live foota"),
        ("11:16am CST", None, "Shells are"),
        ("11:20am CST", None, "Live night"),
        ("11:25am CST", None, "The White "),
        ("11:30am CST", None, "Two divisi"),
        ("11:31am CST", None, "Large expl"),
    ]
    assert posts[-1].body == ("Large explosions are reported around the port.",)


def test_an_oldest_first_pages_last_clock_tells_its_zone_from_the_capture() -> None:
    # Oldest first, the newest post is the last: "08.30 am" half an hour after the capture
    # in UTC is in a zone ahead of UTC that morning (the nearest that countries keep: an
    # hour), not New York's 08.30 the day before.
    page = "War live\n\n" + "".join(
        f"{clock} am \u2013 {text}\n\n"
        for clock, text in (("07.00", "Talks begin."), ("07.45", "Talks go on."), ("08.30", "End."))
    )
    posts = _posts(page, 2023, 10, 10, 8)
    assert [p.published_at for p in posts] == [
        datetime(2023, 10, 10, 6, 0, tzinfo=UTC),
        datetime(2023, 10, 10, 6, 45, tzinfo=UTC),
        datetime(2023, 10, 10, 7, 30, tzinfo=UTC),
    ]


def test_paragraphs_opening_with_bare_clocks_are_the_posts_of_a_page_without_labels() -> None:
    # A 2010 election night: four digits run into each paragraph, newest first, UK time.
    glued = "Election night as it happened | BBC News\n\n" + "".join(
        f"{clock}{text}\n\n"
        for clock, text in (
            ("0640", "Referring to the result, the leader says people should take time."),
            ("0638", " The editor tweets: can he survive as leader?"),
            ("0635", "He keeps his seat."),
        )
    )
    posts = _posts(glued, 2010, 5, 7, 7)
    assert [(p.published_at, (p.headline or p.body[0])[:10]) for p in posts] == [
        (datetime(2010, 5, 7, 5, 40, tzinfo=UTC), "Referring "),
        (datetime(2010, 5, 7, 5, 38, tzinfo=UTC), "The editor"),
        (datetime(2010, 5, 7, 5, 35, tzinfo=UTC), "He keeps h"),
    ]
    dashed = "Election night liveblog\n\n" + "".join(
        f"{clock} \u2013 {text}\n\n"
        for clock, text in (("0421", "A seat falls."), ("0417", "A rumour."), ("0414", "Rosettes."))
    )
    assert [p.published_at_raw for p in _posts(dashed, 2017, 6, 9, 3, 30)] == [
        "0421",
        "0417",
        "0414",
    ]
    # A typed "7: 11" among "7:13" and "7:09".
    typed = "Golden Globes live\n\n" + "".join(
        f"{clock} {text}\n\n"
        for clock, text in (("7:13", "Earrings: huge."), ("7: 11", "OH HAI."), ("7:09", "Hi."))
    )
    assert [p.published_at_raw for p in _posts(typed, 2010, 1, 18, 1)] == ["7:13", "7: 11", "7:09"]
    # A clock and a headline on one line, over the post's text (Rediff), in India's time.
    listed = "LIVE | Rediff.com\nFri, 08 October 2021\n\n" + "".join(
        f"{clock}   {headline}\n{BODY}\n\n"
        for clock, headline in (
            ("23:29", "Forex reserves fall"),
            ("23:10", "Airport terminal to open"),
        )
    )
    posts = _posts(listed, 2021, 10, 8, 18, 30)
    assert [(p.published_at, p.headline) for p in posts] == [
        (datetime(2021, 10, 8, 17, 59, tzinfo=UTC), "Forex reserves fall"),
        (datetime(2021, 10, 8, 17, 40, tzinfo=UTC), "Airport terminal to open"),
    ]


def test_years_and_schedules_opening_lines_are_no_clocks() -> None:
    years = "How the war began\n\n" + "".join(
        f"{year}: {BODY}\n\n" for year in ("2013", "2014", "2015")
    )
    assert [p.published_at_raw for p in _posts(years, 2024, 2, 24, 9)] == [None]
    # A new blog's first capture: one post, its schedule line after line.
    schedule = "Games live\n\n08:55 GMT\nStart times\n\n10:30 Opening\n11:00 Keynote\n11:45 Panel\n"
    assert [p.body for p in _posts(schedule, 2024, 2, 24, 9)] == [
        ("10:30 Opening", "11:00 Keynote", "11:45 Panel")
    ]


def test_labels_an_extractor_ran_into_the_text_before_them_are_split_off() -> None:
    # The BBC's headline runs into its spoken label; the posts are numbered.
    bbc = "Summary\n\n  \u2022 The count goes on.\n\n" + "".join(
        f"  {n}. {headline}published at {clock} Greenwich Mean Time 13 December 2019\n\n"
        f"    {BODY}\n\n"
        for n, headline, clock in ((1, "Labour hold", "00:53"), (2, "High turnouts", "00:47"))
    )
    posts = _posts(bbc, 2019, 12, 13, 8)
    assert [(p.headline, p.published_at) for p in posts] == [
        ("Labour hold", datetime(2019, 12, 13, 0, 53, tzinfo=UTC)),
        ("High turnouts", datetime(2019, 12, 13, 0, 47, tzinfo=UTC)),
    ]
    # India Today's dump runs each label onto the end of the paragraph above it.
    dump = (
        "Live updates\n\n23:05 IST: We are closing the live blog now, goodbye!22:57 IST:\n"
        "The minister said the talks would resume on Monday.22:50 IST:\nRain stopped play.\n"
    )
    posts = _posts(dump, 2024, 6, 27, 18)
    assert [(p.published_at_raw, (p.headline or p.body[0])[:8]) for p in posts] == [
        ("23:05 IST", "We are c"),
        ("22:57 IST", "The mini"),
        ("22:50 IST", "Rain sto"),
    ]


def test_related_links_and_the_standfirst_head_no_post() -> None:
    # A minute-by-minute report: the standfirst over the first label, "Related: ..." links
    # over others; the posts have no headlines.
    page = (
        "Arsenal 3-0 Dundalk - as it happened\n\n"
        "Arsenal win for the second time in two games, but Celtic toss a two-goal lead\n\n"
        "10.02pm GMT\n\nThat's about us. Thanks for your company.\n\n"
        "9.59pm GMT\n\nBut Celtic are not.\n\nRelated: Celtic blow two-goal lead in Lille\n\n"
        "9.58pm GMT\n\nLeicester, meanwhile, are doing alright.\n\n"
        "Related: Leicester ease to a clinical win\n\n"
        "9.57pm GMT\n\nIt appears that Spurs are still Spurs.\n"
    )
    page += "\nTopics: Football \u2022 Europa League\n"  # a blog's footer
    posts = _posts(page, 2020, 10, 29, 22, 10)
    assert [(p.headline, p.body) for p in posts] == [
        (None, ("That's about us. Thanks for your company.",)),
        (None, ("But Celtic are not.",)),
        (None, ("Leicester, meanwhile, are doing alright.",)),
        (None, ("It appears that Spurs are still Spurs.",)),
    ]


def test_a_date_under_each_headline_labels_a_daily_digests_posts() -> None:
    page = "Russia-Ukraine live updates\n\nHere are the latest updates.\n\n" + "".join(
        f"{headline}\n\n{day}\n\n{BODY} {BODY}\n\n"
        for headline, day in (
            ("Hundreds evacuated from the steel plant", "Tuesday, May 17"),
            ("What Putin said in his speech", "Monday, May 9"),
        )
    )
    posts = _posts(page, 2022, 5, 17, 20)
    assert [(p.headline, p.published_at_raw) for p in posts] == [
        ("Hundreds evacuated from the steel plant", "Tuesday, May 17"),
        ("What Putin said in his speech", "Monday, May 9"),
    ]
    # No headlines: a date over each update's paragraphs, under the page's stamp.
    dated = "LATEST UPDATE: September 18, 2018 - 11:36am\n\n" + "".join(
        f"{day}\n\nThe toll rose again, officials said.\n\n{BODY} {BODY}\n\n"
        for day in ("September 18, 2018", "September 18, 2018", "September 17, 2018")
    )
    posts = _posts(dated, 2018, 9, 18, 4)
    assert [(p.published_at_raw, p.body[0][:8]) for p in posts] == [
        ("September 18, 2018", "The toll"),
        ("September 18, 2018", "The toll"),
        ("September 17, 2018", "The toll"),
    ]
    assert parse_snapshot(dated, captured_at=None).blog.updated_at_raw == (
        "LATEST UPDATE: September 18, 2018 - 11:36am"
    )


def test_where_untimed_posts_sign_under_their_headlines_a_heading_without_is_a_sub_heading() -> (
    None
):
    # An archived page whose times a text extractor dropped: each post a headline over its
    # writer; a post's own sub-headings ("If you are inside") stay in it.
    page = (
        "As it happened: Victoria hit by earthquake\n\nThis was published 2 years ago\n\n"
        "Key posts\n\nLatest posts\n\n"
        "Watch: the COVID-19 update\n\nBy Broede Carmody\n\n" + BODY + "\n\n"
        "What to do in an earthquake\n\nBy Broede Carmody\n\n" + BODY + "\n\n"
        "If you are inside\n\n" + BODY + "\n\nIf in an elevator\n\n" + BODY + "\n"
    )
    posts = _posts(page, 2021, 9, 22, 5)
    assert [(p.headline, p.authors, len(p.body)) for p in posts] == [
        ("Watch: the COVID-19 update", ("Broede Carmody",), 1),
        ("What to do in an earthquake", ("Broede Carmody",), 5),
    ]


def test_untimed_posts_set_as_a_list_are_posts() -> None:
    # Each post a list item, its paragraphs indented under it; a post's own bullet points
    # run one under another.
    page = (
        "Gaza Blog\n\nFor live updates on the offensive.\n\n"
        "  \u2022 Chiefs make rare public appearances\n\n    " + BODY + "\n\n"
        "  \u2022 The UN chief welcomed the announcement of a ceasefire.\n\n    " + BODY + "\n"
        "    \u2022 The blockade must stop.\n    \u2022 The ceasefire must hold.\n\n    "
        + BODY
        + "\n"
    )
    posts = _posts(page, 2014, 8, 26, 20)
    assert [((p.headline or p.body[0])[:12], len(p.bullets)) for p in posts] == [
        ("Chiefs make ", 0),
        ("The UN chief", 2),
    ]


def test_balls_of_a_cricket_innings_cut_a_ball_by_ball_page_and_give_no_time() -> None:
    page = "India vs England Live Score Ball by Ball\n\n" + "".join(
        f"{ball}\n{text}\n\n"
        for ball, text in (
            ("14.6 overs (0 Run)", "So nearly sneaked through!"),
            ("14.5 overs (0 Run)", "OUT! RUN OUT!"),
            ("14.4 overs (6 Runs)", "SIX! Clean strike!"),
        )
    )
    posts = _posts(page, 2024, 6, 27, 17)
    assert [(p.published_at_raw, p.published_at) for p in posts] == [
        ("14.6 overs (0 Run)", None),
        ("14.5 overs (0 Run)", None),
        ("14.4 overs (6 Runs)", None),
    ]


def test_the_pages_title_printed_again_over_its_standfirst_is_no_untimed_post() -> None:
    title = "George Floyd protests live updates"
    page = f"{title}\n\nUpdated June 5, 2020\n\n{title}\n\nFollow for live updates.\n\n" + "".join(
        f"    {headline}\n\n    {BODY}\n\n"
        for headline in ("One day without tear gas", "Arrest tally tops 10,000")
    )
    posts = _posts(page, 2020, 6, 5, 10)
    assert [p.headline for p in posts] == ["One day without tear gas", "Arrest tally tops 10,000"]


def test_a_time_in_brackets_ending_each_headline_labels_its_post() -> None:
    # A Gulf paper's live page: each headline ends in its time, a rule drawn between posts.
    page = "LIVE: US ELECTION\n\n" + "".join(
        f"{headline} ({clock})\n{BODY}\n{'-' * 60}\n"
        for headline, clock in (
            ("Trump wins the presidency", "10:08"),
            ("Trump wins Georgia", "8.55 am"),
        )
    )
    posts = _posts(page, 2024, 11, 6, 8)
    assert [(p.headline, p.published_at, p.body) for p in posts] == [
        ("Trump wins the presidency", datetime(2024, 11, 6, 7, 8, tzinfo=UTC), (BODY,)),
        ("Trump wins Georgia", datetime(2024, 11, 6, 5, 55, tzinfo=UTC), (BODY,)),
    ]


def test_a_newest_clock_past_midnight_ahead_of_a_late_capture_is_tomorrow_in_a_zone_ahead() -> None:
    # A deadline-day blog in UK summer time, captured at 23:10 UTC: "0005" is five minutes
    # old in a zone an hour ahead, not a day old in UTC.
    page = "Deadline day as it happened\n\n" + "".join(
        f"{clock} \u2013 DONE DEAL \u2013 {BODY}\n\n" for clock in ("0005", "2350", "2345")
    )
    posts = _posts(page, 2023, 8, 31, 23, 10)
    assert [p.published_at for p in posts] == [
        datetime(2023, 8, 31, 23, 5, tzinfo=UTC),
        datetime(2023, 8, 31, 22, 50, tzinfo=UTC),
        datetime(2023, 8, 31, 22, 45, tzinfo=UTC),
    ]


def test_a_clock_with_a_space_after_its_colon_is_a_label() -> None:
    label = parse_label("08: 30")
    assert label is not None and label.clock is not None and label.clock.hour == 8
    assert parse_label("08. 30") is None


def test_paragraphs_opening_with_a_races_lap_are_its_posts() -> None:
    # The key events' list was left out of the capture: under its heading, the first post.
    page = "Brazilian Grand Prix: F1 - live\n\nKey events\n\n" + "".join(
        f"Lap {lap}/71 {BODY} {BODY}\n\n" for lap in (35, 34, 33)
    )
    posts = _posts(page, 2023, 11, 5, 18)
    assert [(p.published_at_raw, p.published_at) for p in posts] == [
        ("Lap 35/71", None),
        ("Lap 34/71", None),
        ("Lap 33/71", None),
    ]


def test_headlines_above_a_few_labels_of_many_are_chrome_not_the_pages_shape() -> None:
    # A news feed: a section's heading over the first label, a newsletter's promo cut short
    # over another; every post is a time over a paragraph.
    clocks = ("7:27 AM", "6:50 AM", "5:49 AM", "4:36 AM", "5:50 PM", "5:15 PM")
    page = "News Feed\n" + "".join(
        ("Ukraine Daily\nNews from\nUkraine in your\n" if clock == "5:50 PM" else "")
        + f"{clock}\n{BODY}\n"
        for clock in clocks
    )
    posts = _posts(page, 2023, 10, 1, 5)
    assert [(p.published_at_raw, p.headline) for p in posts] == [(c, None) for c in clocks]


def test_a_clock_before_a_word_in_lower_case_is_a_post_where_clocks_open_the_pages_posts() -> None:
    page = "Eurovision 2019 live\n\n" + "".join(
        f"{clock} {text}\n\n"
        for clock, text in (
            ("12.02am", "The Netherlands!!!!!"),
            ("11.59pm", "any moment now..."),
            ("11.58pm", "And the winner of Eurovision 2019 is..."),
            ("11.54pm", "On the plus side, a great night for Norway."),
        )
    )
    posts = _posts(page, 2019, 5, 18, 23, 30)
    assert [p.published_at_raw for p in posts] == ["12.02am", "11.59pm", "11.58pm", "11.54pm"]
    assert posts[1].body == ("any moment now...",)


def test_a_busy_hours_one_line_posts_opening_with_their_clocks_are_no_link_list() -> None:
    # Election night: each post its clock and its text on one line, some without a full stop.
    lines = [
        ("6:10:", "A reporter takes over the blog. We have just heard the first result."),
        ("6:00:", "That looks like a wrap for tonight, and the blog changes hands."),
        ("5:12", "Northfield: YES: 39,762 NO: 44,442"),
        ("5:06", "Southfield: YES: 34,402 NO: 47,247"),
        ("4:53", "A big win for the Yes camp in the city"),
        ("4:46:", "Eastvale: YES: 115,783; NO: 110,922"),
        ("4:44:", "A former leader is said to be heartbroken at the way the night is going"),
        ("4:34", "The results are coming in thick and fast now."),
    ]
    page = "Referendum night live\n\n" + "".join(f"{clock} {text}\n\n" for clock, text in lines)
    posts = _posts(page, 2014, 9, 19, 6, 20)
    assert [p.published_at_raw for p in posts] == [clock.rstrip(":") for clock, _ in lines]


def test_four_digit_clocks_running_down_an_evening_are_clocks_not_years() -> None:
    page = "The Open live\n\nFinal leaderboard\n-13 Smith\n-12 Jones\n" + "".join(
        f"{clock}: {text}\nThe crowd have seen nothing like it.\n" for clock, text in (
            ("1935", "This is a day which will go down in history."),
            ("1932", "A line of players waits to congratulate him."),
            ("1928", "In goes the putt and the crowd are chanting his name."),
        )
    )  # fmt: skip
    posts = _posts(page, 2019, 4, 14, 18, 40)  # in UK summer time, an hour ahead
    assert [p.published_at for p in posts] == [
        datetime(2019, 4, 14, 18, minute, tzinfo=UTC) for minute in (35, 32, 28)
    ]


def test_an_iso_stamp_with_a_fraction_of_a_second_under_a_headline_is_the_label() -> None:
    page = (
        "Matchday live\n\nGoal disallowed!\n2021-12-28T16:27:36.505Z\nThe referee checks it.\n\n"
        "Kick-off\n2021-12-28T15:00:01.105+00:00\nWe are under way.\n"
    )
    posts = _posts(page, 2021, 12, 28, 17)
    assert [(p.headline, p.published_at) for p in posts] == [
        ("Goal disallowed!", datetime(2021, 12, 28, 16, 27, 36, tzinfo=UTC)),
        ("Kick-off", datetime(2021, 12, 28, 15, 0, 1, tzinfo=UTC)),
    ]


def test_a_year_run_into_its_clock_is_one_label() -> None:
    for raw, expected in (
        ("May 15, 201312:39 pm", datetime(2013, 5, 15, 16, 39, tzinfo=UTC)),
        ("05/11/20178:15 am", datetime(2017, 5, 11, 12, 15, tzinfo=UTC)),
    ):
        label = parse_label(raw)
        assert label is not None and label.clock is not None and label.day is not None
        assert place(label, label.day, NEW_YORK) == expected


def test_a_weekday_tells_the_year_of_a_date_printed_without_one() -> None:
    # A blog that ran from one February into the next April: 22 February 2014 was a Saturday.
    entries = (
        ("12:10:33 pm - Mon 7 Apr", "He says he wakes up in complete terror."),
        ("4:41:05 pm - Fri 22 Feb", "The athlete is granted bail."),
        ("2:40:51 pm - Fri 22 Feb", "The ruling is about to begin."),
    )
    page = "In the words of the athlete\n\n" + "".join(
        f"{label}\n\n{text}\n\n" for label, text in entries
    )
    posts = _posts(page, 2014, 4, 7, 12)
    assert [post.published_at and post.published_at.date() for post in posts] == [
        date(2014, 4, 7),
        date(2013, 2, 22),
        date(2013, 2, 22),
    ]


def test_bylines_over_untimed_posts_without_headlines_open_them() -> None:
    texts = (
        "It was Melbourne taking it the length of the ground in quick time.",
        "Here we go!",  # a short last line: read alone, it would head the next post
        "The Dogs are on the board thanks to a rushed behind after a scramble.",
        "Brown misses badly. Barely a behind, and the crowd groans.",
        "The hottest of starts in the centre as the ball is won at the bounce.",
        "A rushed behind, and the margin is a point at the first change.",
    )
    page = "Live: the grand final\n\nFollow our live blog.\n\n" + "".join(
        f"By Dana Smith\n\n{text}\n\n" for text in texts
    )
    posts = _posts(page, 2021, 9, 25, 12)
    assert [((p.headline or p.body[0])[:12], p.authors) for p in posts] == [
        (text[:12], ("Dana Smith",)) for text in texts
    ]


def test_a_writer_run_into_the_time_and_the_headline_is_one_label() -> None:
    page = "Oscars live\n\n" + "".join(
        f"{writer}{clock} {headline}\n\n{BODY}\n\n"
        for writer, clock, headline in (
            ("Gail Traill-Nash ", "3.40pm:", "That's a wrap"),
            ("Nick Lachance", "3:22 p.m.", "Protester interrupts the speech"),
            ("By Gail Traill-Nash ", "3.05pm", "Best actor goes to a newcomer"),
        )
    )
    posts = _posts(page, 2020, 2, 10, 16)
    assert [(p.headline, p.authors, p.published_at_raw) for p in posts] == [
        ("That's a wrap", ("Gail Traill-Nash",), "Gail Traill-Nash 3.40pm:"),
        ("Protester interrupts the speech", ("Nick Lachance",), "Nick Lachance3:22 p.m."),
        ("Best actor goes to a newcomer", ("Gail Traill-Nash",), "By Gail Traill-Nash 3.05pm"),
    ]


def test_one_line_posts_a_dump_set_without_blank_lines_are_no_schedule() -> None:
    page = "Election liveblog\n\nIntro paragraph of the night, set above the posts.\n\n" + "".join(
        f"{clock} {text} The panel has a lot to say about it, and little of it is new.\n"
        for clock, text in (
            ("8:57", "A feature on editorial cartoons."),
            ("9:00", "All three networks are up and running."),
            ("9:04", "A panel wonders aloud whether the winner will take a majority."),
        )
    )
    posts = _posts(page, 2007, 10, 10, 13, 10)
    assert [p.published_at_raw for p in posts] == ["8:57", "9:00", "9:04"]


def test_a_button_under_every_untimed_post_ends_each() -> None:
    entries = (
        ("Match tonight", "If you could not make the match tonight, follow it here!"),
        ("Horse rescued from a fence", BODY),
        ("Slow traffic after a crash", "Traffic is queuing after a crash on the motorway."),
        ("Road remains closed", "The road will stay closed for the investigation."),
    )
    page = (
        "Live: news from the city\n\nVideo Loading\n\nThat is it for tonight.\n\n  \u2022 Share\n\n"
    )
    page += "".join(f"{headline}\n\n{text}\n\n  \u2022 Share\n\n" for headline, text in entries)
    posts = _posts(page, 2017, 1, 31, 23)
    assert [(p.headline, p.authors) for p in posts][-4:] == [
        (headline, ()) for headline, _ in entries
    ]


def test_a_headline_that_ends_in_its_time_is_the_label() -> None:
    page = "Live updates: the blast\n\n" + "".join(
        f"{headline}{mark}{clock}\n\nBy A Reporter\n\n{BODY}\n\n"
        for headline, mark, clock in (
            ("What we know about the explosion at the hospital", " \u2014 ", "11:06 p.m."),
            ("In the city, an embrace came with a warning", " | ", "9:59 p.m."),
            ("Best Supporting Actor Goes to a Veteran", "", "6:26 PM:"),
        )
    )
    posts = _posts(page, 2023, 10, 19, 3, 15)
    assert [(p.headline, p.published_at_raw) for p in posts] == [
        ("What we know about the explosion at the hospital", "11:06 p.m."),
        ("In the city, an embrace came with a warning", "9:59 p.m."),
        ("Best Supporting Actor Goes to a Veteran", "6:26 PM"),
    ]
    assert classify("The vote was held at 8:00 p.m.").kind is not TIME  # prose


def test_a_clock_in_a_line_of_prose_is_found_whole_and_where_a_label_can_stand() -> None:
    labels = {
        text: (line.label.author, line.label.glued) if (line := classify(text)).label else None
        for text in (
            "Jane Doe 12:30pm: results are in",
            "Jane Doe 112:30pm: results are in",  # a number, not a clock
            "Turnout update across the state \u2014 12:30 PM",
            "Turnout update across the state 112:30 PM",
            "Gates open at the stadium 12:30 pm",  # a sentence that ends in a time
        )
    }
    assert list(labels.values()) == [
        ("Jane Doe", "results are in"),
        None,
        ("", "Turnout update across the state"),
        None,
        None,
    ]


def test_an_emoji_between_a_clock_and_its_headline_reads_as_a_dash() -> None:
    page = "Deadline day live\n\n" + "".join(
        f"{clock} {mark} {headline}\n{BODY}\n\n"
        for clock, mark, headline in (
            ("16.50", "\u26bd", "GOAL! HOME 2-3 AWAY"),
            ("16.45", "-", "GREAT SAVE BY THE KEEPER"),
            ("16.35", "\U0001f534", "RED CARD FOR THE CAPTAIN"),
        )
    )
    posts = _posts(page, 2020, 2, 1, 16, 5)
    assert [p.published_at_raw for p in posts] == ["16.50 \u26bd", "16.45", "16.35 \U0001f534"]


def test_a_posts_read_more_link_does_not_hide_the_posts_below_it() -> None:
    entries = (
        ("Striker scores the winner on his return", "The goal lifts the side into the top four."),
        ("Hundreds disappointed by bouquets", "Customers complain about late deliveries."),
        ("Accused says the woman died at his flat", "A court hears she took drugs at his flat."),
    )
    page = "Summary\n\n" + "".join(
        f"{number}. {headline}\npublished at 2{number}:13 Greenwich Mean Time 15 March 2021\n\n"
        f"{text}\n\nRead More\n"
        for number, (headline, text) in enumerate(entries, start=1)
    )
    posts = _posts(page, 2021, 3, 15, 23, 48)
    assert [p.headline for p in posts] == [headline for headline, _ in entries]


def test_a_partys_letter_closing_a_sentence_is_no_photo_caption() -> None:
    text = "The winner will face Maryland Gov. Larry Hogan (R) in the general election (R)."
    page = (
        f"Primaries live\n\n10:07 p.m. ET\n\nA race is called.\n\n{text}\n\n"
        f"9:58 p.m. ET\n\n{BODY}\n"
    )
    posts = _posts(page, 2018, 6, 27, 2, 15)
    assert posts[0].body == ("A race is called.", text) and not posts[0].images


def test_the_same_date_over_each_untimed_post_stamps_it_however_short() -> None:
    texts = (
        "The couple will keep the cottage as their UK base, the website confirms.",
        "A disappointed fan...",
        "Downing Street refused to be drawn on the move.",
        "A late-night host offers the couple a job.",
    )
    page = "Royals latest\n\nThe couple settle into life abroad.\n\n" + "".join(
        f"9 January 2020\n\n{text}\n\n" for text in texts
    )
    posts = _posts(page, 2020, 1, 9, 18)
    assert [(p.published_at_raw, (p.headline or p.body[0])) for p in posts] == [
        ("9 January 2020", text) for text in texts
    ]


def test_a_place_and_its_time_set_apart_by_a_bar_is_a_label() -> None:
    page = "Results live\n\n" + "".join(
        f"{place} | {clock}\n{headline}\n\n{BODY}\n\n"
        for place, clock, headline in (
            ("Punjab", "11:45 am", "Candidate concedes in the city"),
            ("Kerala", "11:30 am", "Early trends favour the front"),
        )
    )
    posts = _posts(page, 2019, 5, 23, 6, 30)
    assert [(p.headline, p.published_at_raw) for p in posts] == [
        ("Candidate concedes in the city", "11:45 am"),
        ("Early trends favour the front", "11:30 am"),
    ]


def test_labels_stacked_without_text_are_no_link_list_and_the_last_keeps_its_post() -> None:
    page = "Election live\n\nLive feed\n\n16:40\nThe party leader speaks to reporters.\n"
    page += "16:37\n\nThe leader says the party should have won more votes.\n\n"
    page += "16:33\n16:31\n16:29\n\nA journalist responds to the rejection of his claims.\n"
    page += "16:26\n\nThe secretary-general answers questions on corruption.\n"
    posts = _posts(page, 2019, 5, 10, 14, 50)
    raws = [p.published_at_raw for p in posts]
    assert "16:29" in raws and "16:26" in raws
    assert next(p for p in posts if p.published_at_raw == "16:29").body == (
        "A journalist responds to the rejection of his claims.",
    )


def test_the_pages_live_updates_title_over_the_first_label_heads_no_post() -> None:
    page = (
        "Early voting begins in the city\n\nLive updates: 2022 midterm elections\n\n"
        f"1:03 a.m.\n\n{BODY}\n\n12:44 a.m.\n\n{BODY}\n"
    )
    snapshot = parse_snapshot(page, captured_at=datetime(2022, 11, 9, 6, 15, tzinfo=UTC))
    assert [p.headline for p in snapshot.posts] == [None, None]
    assert snapshot.blog.title is not None and "midterm" in snapshot.blog.title


def test_a_writer_in_brackets_closing_a_posts_text_is_its_author() -> None:
    page = (
        "Live updates\n\n8:41 A.M.\nState of emergency extended in the city\n\n"
        "The minister signed the order. The decision follows recent riots. (Yaniv Kubovich)\n\n"
        "7:30 A.M.\nRockets launched overnight\n\nNinety rockets were launched. (Reuters)\n"
    )
    first = _posts(page, 2021, 5, 17, 5, 50)[0]
    assert (first.authors, first.body[-1][-12:]) == (("Yaniv Kubovich",), "ecent riots.")


def test_a_live_blogging_platforms_stamps_in_a_list_or_run_into_the_text_are_labels() -> None:
    listed = "Developer conference live blog\n\nFollow along here.\n\n" + "".join(
        f"  \u2022 {writer} 5/28/2015 4:{minute} PM\n    {text}\n"
        for writer, minute, text in (
            ("Richard Nieva", "09:17", "Somebody lost their wallet, and the hall laughs."),
            ("Scott Stein", "09:58", "I lost my jacket here two years ago."),
        )
    )
    posts = _posts(listed, 2015, 5, 28, 20, 15)
    assert [(p.published_at, p.authors) for p in posts] == [
        (datetime(2015, 5, 28, 20, 9, 17, tzinfo=UTC), ("Richard Nieva",)),
        (datetime(2015, 5, 28, 20, 9, 58, tzinfo=UTC), ("Scott Stein",)),
    ]
    run_on = "Keynote live\n\n" + "".join(
        f"{writer} 6/5/2017 5:{minute} PM{text}\n\n"
        for writer, minute, text in (
            ("dan.ackerman", "04:16", "The laptop gets a refresh at last."),
            ("Shara Tibken", "04:29", "And yeah, the tablet needs something."),
        )
    )
    assert [p.body for p in _posts(run_on, 2017, 6, 5, 21, 10)] == [
        ("The laptop gets a refresh at last.",),
        ("And yeah, the tablet needs something.",),
    ]


def test_a_headline_run_into_its_spoken_label_heads_its_post_over_a_name_or_subtitle() -> None:
    page = "Summary\n\n  \u2022 Storm closes schools\n\n" + "".join(
        f"  {n}. {headline}published at {clock} Greenwich Mean Time 23 January\n\n"
        f"    {under}\n\n    {text}\n\n"
        for n, headline, clock, under, text in (
            (1, "Take this seriously - minister", "15:37", "Emma Little-Pengelly", "She says."),
            (2, "Team news", "15:33", "Everton v Man City (17:30 GMT)", "Two changes."),
        )
    )
    posts = _posts(page, 2025, 1, 23, 16)
    assert [(p.headline, p.published_at) for p in posts] == [
        ("Take this seriously - minister", datetime(2025, 1, 23, 15, 37, tzinfo=UTC)),
        ("Team news", datetime(2025, 1, 23, 15, 33, tzinfo=UTC)),
    ]


def test_a_bare_clock_with_a_full_stop_or_a_quotation_run_on_opens_a_post() -> None:
    stopped = "Final round live\n\n" + "".join(
        f"{clock}. {text}\n\n"
        for clock, text in (("13:59", "Final results: Molinari wins."), ("13:57", "A lip out."))
    )
    assert [p.body[0] for p in _posts(stopped, 2018, 7, 22, 14)] == [
        "Final results: Molinari wins.",
        "A lip out.",
    ]
    quoted = "Live blog\n\n22:51And that's it.\n\n22:19\"I've been saying it,\" she said.\n"
    assert [p.published_at_raw for p in _posts(quoted, 2012, 7, 7, 23)] == ["22:51", "22:19"]


def test_a_posts_foot_signed_by_its_writer_and_editor_with_the_time_closes_it() -> None:
    page = "Federal election live\n\n" + "".join(
        f"    \u2022 Result\n\n    {headline}\n\n    {text}\n\n"
        f"    by {writer} edited by Jessica Riga 5/21/2022 {clock}\n\n"
        for headline, text, writer, clock in (
            ("Green calls Warringah", "He called the seat.", "Nicholas McElroy", "9:38:14 AM"),
            ("Liberals retain Cook", "The ABC projects it.", "Georgia Hitch", "9:36:41 AM"),
            ("Polls close in WA", "Voting has ended.", "Matthew Doran", "9:31:02 AM"),
        )
    )
    posts = _posts(page, 2022, 5, 21, 9, 45)
    assert [(p.headline, p.authors, p.published_at) for p in posts] == [
        (
            "Green calls Warringah",
            ("Nicholas McElroy",),
            datetime(2022, 5, 21, 9, 38, 14, tzinfo=UTC),
        ),
        ("Liberals retain Cook", ("Georgia Hitch",), datetime(2022, 5, 21, 9, 36, 41, tzinfo=UTC)),
        ("Polls close in WA", ("Matthew Doran",), datetime(2022, 5, 21, 9, 31, 2, tzinfo=UTC)),
    ]


def test_a_clock_opening_the_text_under_a_dated_stamp_is_the_posts_text() -> None:
    page = "Results live\n\n" + "".join(
        f"2 May 2021, {stamp}\n{text}\n"
        for stamp, text in (
            ("08:53 AM", "Mamata Banerjee is trailing in Nandigram."),
            ("08:41 AM", "8.45 AM: Trends available for 103 seats: TMC ahead."),
            ("08:40 AM", "BJP takes a lead in Assam."),
        )
    )
    posts = _posts(page, 2021, 5, 2, 3, 30)
    assert [(p.published_at_raw, p.body[0][:9]) for p in posts] == [
        ("2 May 2021, 08:53 AM", "Mamata Ba"),
        ("2 May 2021, 08:41 AM", "8.45 AM: "),
        ("2 May 2021, 08:40 AM", "BJP takes"),
    ]


def test_a_writer_signing_with_a_role_under_the_text_is_its_author() -> None:
    page = "Election live\n\n" + "".join(
        f"{clock} a.m. EDT: {headline}\n\n{text}\n\n{signature}\n\nA photo of the leader.\n\n"
        for clock, headline, text, signature in (
            ("12:52", "Singh speaks", "He is disappointed.", "Bryann Aguilar, CP24.com journalist"),
            ("12:42", "Singh concedes", "He has conceded.", "Jane Doe, political writer"),
        )
    )
    posts = _posts(page, 2025, 4, 29, 5)
    assert [(p.headline, p.authors) for p in posts] == [
        ("Singh speaks", ("Bryann Aguilar",)),
        ("Singh concedes", ("Jane Doe",)),
    ]


def test_an_hour_set_off_from_its_text_and_an_update_with_a_comma_are_labels() -> None:
    for line, clock, glued in (
        ("8 p.m.: Biden holds his edge in AZ", time(20), "Biden holds his edge in AZ"),
        ("4 pm -- It's not about the count.", time(16), "It's not about the count."),
        ("Update, 2:16 a.m.: The count goes on.", time(2, 16), "The count goes on."),
    ):
        label = parse_label(line)
        assert label is not None
        assert (label.clock, label.glued) == (clock, glued)


def test_a_headline_over_a_label_that_runs_into_its_text_heads_that_post() -> None:
    page = "Election live\n\n" + "".join(
        f"{headline}\n\n{clock}: {text}\n\n"
        for headline, clock, text in (
            ("Rep. Keating reelected", "1:10 a.m.", "Rep. Bill Keating has also been reelected."),
            ("Rep. Lynch reelected", "1:00 a.m.", "Rep. Stephen Lynch has won reelection."),
            ("Rep. Moulton reelected", "12:45 a.m.", "Rep. Seth Moulton has won reelection."),
        )
    )
    posts = _posts(page, 2020, 11, 4, 6, 30)
    assert [(p.headline, p.body[0][:8]) for p in posts] == [
        ("Rep. Keating reelected", "Rep. Bil"),
        ("Rep. Lynch reelected", "Rep. Ste"),
        ("Rep. Moulton reelected", "Rep. Set"),
    ]


def test_writers_taking_turns_and_clocks_in_brackets_sign_and_time_their_posts() -> None:
    turns = "iPad launch live\n\n" + "".join(
        f"{clock} {name}: {text}\n\n"
        for clock, name, text in (
            ("6:39", "David Braue", "No iTunes updates? Odd."),
            ("6:33", "DM", "Thanks everybody! Sorry for our tech issues."),
            ("6:31", "David Braue", "Still no mention of fingerprints."),
        )
    )
    assert [p.authors for p in _posts(turns, 2010, 1, 27, 19, 45)] == [
        ("David Braue",),
        ("DM",),
        ("David Braue",),
    ]
    places = "Count live\n\n17:59 NORTH BELFAST: McAllister elected\n\n17:58 NORTH BELFAST: "
    places += "Mallon eliminated\n\n16:40 West Belfast: MLAs declared\n"
    assert [p.authors for p in _posts(places, 2022, 5, 7, 17, 10)] == [(), (), ()]
    bracketed = "Apple event liveblog\n\n" + "".join(
        f"{who}[{clock}] {text}\n\n"
        for who, clock, text in (
            ("", "7:40", "Pre-orders are go!"),
            ("Alex: ", "6:26", "It's just the new iPad."),
            ("Danny ", "6:25", "Yep that's it."),
        )
    )
    posts = _posts(bracketed, 2012, 3, 7, 20)
    assert [(p.published_at_raw, p.headline or p.body[0]) for p in posts] == [
        ("[7:40]", "Pre-orders are go!"),
        ("[6:26]", "It's just the new iPad."),
        ("[6:25]", "Yep that's it."),
    ]


def test_a_transcripts_writer_in_brackets_after_the_time_signs_the_post() -> None:
    label = parse_label("10:16 a.m. PT (Josh Lowensohn): And here we go...")
    assert label is not None
    assert (label.author, label.glued) == ("Josh Lowensohn", "And here we go...")


def test_a_sign_off_with_a_horizontal_bar_or_the_writers_paper_names_the_writer() -> None:
    page = "Debate live\n\n" + "".join(
        f"{clock} p.m. ET\n\n{headline}\n\n{text}\n\n{signature}\n\n"
        for clock, headline, text, signature in (
            ("9:40", "Sanders speaks", "He spoke on health care.", "\u2015 Paige Lavender"),
            ("9:30", "Warren speaks", "She spoke on taxes.", "\u2014 Hannah Metzger, The Gazette"),
        )
    )
    assert [p.authors for p in _posts(page, 2019, 7, 31, 2)] == [
        ("Paige Lavender",),
        ("Hannah Metzger",),
    ]


def test_untimed_posts_with_their_writers_bare_names_under_the_headlines() -> None:
    page = "Typhoon updates\n\nBookmark this page for the latest.\n\n" + "".join(
        f"{headline}\n\n{name}\n\n{text}\n\nRating: FALSE\n\nThe facts: it is false.\n\n"
        for headline, name, text in (
            ("DSWD gives aid to victims", "Bonz Magsambol", "The DSWD said it gave aid."),
            ("FALSE: Robredo donated chicharon", "Pauline Macaraeg", "Claim: she donated it."),
        )
    )
    posts = _posts(page, 2020, 11, 18, 12)
    assert [(p.headline, p.authors) for p in posts] == [
        ("DSWD gives aid to victims", ("Bonz Magsambol",)),
        ("FALSE: Robredo donated chicharon", ("Pauline Macaraeg",)),
    ]


def test_a_label_in_a_list_runs_into_its_paragraph_and_a_promo_in_brackets_is_chrome() -> None:
    assert (
        classify("\u2022 3:35 p.m. ET: Crawford would join the Lakers, a source said.").kind is TIME
    )
    assert classify("\u2022 02:12 PM Kyiv metro resumes full service").kind is not TIME
    assert classify("[ MORE: Full list of every transfer this summer ]").kind is CHROME


def test_bare_clocks_opening_most_posts_are_read_beside_the_few_read_as_labels() -> None:
    page = "Keynote live\n\n" + "".join(
        f"{clock} {text}\n\n"
        for clock, text in (
            ("10:40", "Keynote ends. Stay with us all week."),
            ("10:38", "Introducing a song from Toy Story."),
            ("10:27", '"We\'ll continue to make progress," Jobs says.'),
            ("10:25", "Environmental update: the case is recyclable."),
            ("10:24", '"And we are pricing this notebook at $1,799."'),
        )
    )
    assert [p.published_at_raw for p in _posts(page, 2008, 1, 15, 10, 45)] == [
        "10:40",
        "10:38",
        "10:27",
        "10:25",
        "10:24",
    ]


def test_one_short_sentence_on_the_labels_line_over_paragraphs_is_the_title() -> None:
    page = "Count live\n\n" + "".join(
        f"{clock}: {lead}\n\n{text}\n\n"
        for clock, lead, text in (
            ("16:28", "EAST BELFAST: Brooks and Allen elected.", "The count is concluded."),
            (
                "12:10",
                "Turnout in Cork South-Central is estimated at 61 per cent, according "
                "to tallymen at the count centre.",
                "That is slightly up on the last election.",
            ),
        )
    )
    posts = _posts(page, 2022, 5, 7, 17)
    assert [p.headline for p in posts] == ["EAST BELFAST: Brooks and Allen elected.", None]


def test_an_hour_set_off_from_its_text_in_the_pages_order_is_a_posts_label() -> None:
    page = "Election night live\n\n" + "".join(
        f"{clock}: {text}\n\n"
        for clock, text in (
            ("8:05pm", "Lai claims victory in the presidential race."),
            ("8pm", "Hou You-yi concedes defeat to supporters."),
            ("7:50pm", "The count nears its end in Taipei."),
        )
    )
    posts = _posts(page, 2024, 1, 13, 12, 30)
    assert [p.published_at_raw for p in posts] == ["8:05pm", "8pm", "7:50pm"]


def test_a_writers_turn_with_the_time_in_brackets_and_an_age_before_a_bare_clock() -> None:
    turns = "Oscars live blog\n\n" + "".join(
        f"{who} ({clock}): {text}\n\n"
        for who, clock, text in (
            ("Kois", "8:34", "Looks like they started the opening number."),
            ("Brown", "8:31", "Wow, they are Westminster Dog Show hosts."),
            ("Kois", "8:29", "Welcome to the live blog."),
        )
    )
    posts = _posts(turns, 2010, 3, 8, 1, 40)
    assert [(p.published_at_raw, p.authors) for p in posts] == [
        ("(8:34)", ("Kois",)),
        ("(8:31)", ("Brown",)),
        ("(8:29)", ("Kois",)),
    ]
    aged = parse_label("3m ago 20.55 We all know Lizzo can wear anything.")
    assert aged is not None
    assert (aged.relative, aged.clock, aged.glued) == (
        timedelta(minutes=3),
        time(20, 55),
        "We all know Lizzo can wear anything.",
    )
    zoned = parse_label("3:21 p.m. Pacific. Renee Fleming sings the anthem.")
    assert zoned is not None
    assert (zoned.clock, zoned.glued) == (time(15, 21), "Renee Fleming sings the anthem.")


def test_a_clock_in_brackets_with_its_meridian_and_a_numbered_time_run_into_a_name() -> None:
    page = "Election live\n\n" + "".join(
        f"[{clock}] {text}\n\n"
        for clock, text in (
            ("03.45am", "Umno president speaks to the press."),
            ("3.40am", "Pakatan Harapan chairman says he has the numbers."),
            ("3.10am", "Perikatan Nasional claims a majority."),
        )
    )
    assert [p.published_at_raw for p in _posts(page, 2022, 11, 19, 20)] == [
        "[03.45am]",
        "[3.40am]",
        "[3.10am]",
    ]
    numbered = classify("1. 10:33 amBertrand Borg")
    assert numbered.kind is TIME
    assert numbered.label is not None
    assert (numbered.label.clock, numbered.label.author) == (time(10, 33), "Bertrand Borg")


def test_a_sites_today_in_its_header_after_the_capture_dates_no_post() -> None:
    page = (
        "Bangkok\nTuesday, May 7, 2024\n\nThailand election live\n\n"
        "5:55 p.m. Move Forward leads the count.\n\n5:20 p.m. Turnout is high.\n"
    )
    posts = _posts(page, 2023, 5, 14, 11)
    assert [p.published_at for p in posts] == [
        datetime(2023, 5, 14, 10, 55, tzinfo=UTC),  # "(Thailand time)": seven hours ahead
        datetime(2023, 5, 14, 10, 20, tzinfo=UTC),
    ]


def test_a_schedule_of_hours_inside_a_post_stays_its_text() -> None:
    page = (
        "Results live\n\n11:45\n\nCounts resume\n\nHere is when results are expected:\n\n"
        "12pm: Birmingham\n2pm: Leeds and Sheffield\n4pm: Manchester\n\n"
        "11:20\n\nTurnout is up\n\nTurnout rose in most councils.\n"
    )
    posts = _posts(page, 2026, 5, 8, 11)
    assert [p.published_at_raw for p in posts] == ["11:45", "11:20"]
    assert "12pm: Birmingham" in posts[0].body


def test_a_name_in_capitals_under_a_label_that_names_the_writer_is_the_headline() -> None:
    page = "EU summit live\n\n" + _entries(
        "Alistair Walker February 20, 2016{} am",
        (
            ("1:16", "GERMANY CAN USE IT", "Merkel says the deal is one Germany can use."),
            ("1:04", "FRANCOIS HOLLANDE QUOTES", "The President of France speaks to the press."),
        ),
    )
    posts = _posts(page, 2016, 2, 20, 1)
    assert [(p.headline, p.authors) for p in posts] == [
        ("GERMANY CAN USE IT", ("Alistair Walker",)),
        ("FRANCOIS HOLLANDE QUOTES", ("Alistair Walker",)),
    ]


def test_a_headline_over_a_time_signed_after_a_comma_heads_that_post() -> None:
    page = "COP26 live\n\n" + "".join(
        f"{headline}\n\n{clock} , Matt Watts\n\n{subtitle}\n\n{text}\n\n"
        for headline, clock, subtitle, text in (
            (
                "Biden and Prince William meet",
                "21:41",
                "A warm meeting",
                "They met at a reception.",
            ),
            ("India sets a 2070 target", "18:21", "Modi speaks", "India will reach net zero."),
            ("Leaders arrive", "17:15", "The summit opens", "Leaders arrived in Glasgow."),
        )
    )
    posts = _posts(page, 2021, 11, 1, 22)
    assert [(p.headline, p.authors) for p in posts] == [
        ("Biden and Prince William meet", ("Matt Watts",)),
        ("India sets a 2070 target", ("Matt Watts",)),
        ("Leaders arrive", ("Matt Watts",)),
    ]
    run_on = parse_label("23 August 202019:02 GMT")
    assert run_on is not None
    assert (run_on.day, run_on.clock) == (date(2020, 8, 23), time(19, 2))


def test_a_weekday_after_the_time_and_a_headline_ending_in_its_time_and_weekday() -> None:
    for line, weekday, glued in (
        (
            "12:52 p.m. Friday - Our reporter is out in the rain.",
            4,
            "Our reporter is out in the rain.",
        ),
        ("1:40 p.m. (Wednesday): Results come in.", 2, "Results come in."),
    ):
        label = parse_label(line)
        assert label is not None
        assert (label.weekday, label.glued) == (weekday, glued)
    headed = classify("2.1 million now without power in Florida | 12:30 a.m. Thursday")
    assert headed.kind is TIME
    assert headed.label is not None
    assert (headed.label.raw, headed.label.glued) == (
        "12:30 a.m. Thursday",
        "2.1 million now without power in Florida",
    )
    bracketed = classify("(At 5:24 p.m. EST)")
    assert bracketed.kind is TIME
    assert classify("(AP Photo/Evan Vucci)").kind is not TIME


def test_a_post_a_few_minutes_out_of_order_is_no_days_wrap_and_a_spoken_label_no_video() -> None:
    page = "Blizzard live\n\n" + "".join(
        f"{clock} AM: {text}\n\n"
        for clock, text in (
            ("8:48", "Roads are closed."),
            ("8:30", "Snow is falling."),
            ("8:40", "Trains are delayed."),
            ("8:10", "The storm arrives."),
        )
    )
    posts = _posts(page, 2026, 2, 22, 14)
    assert {p.published_at.date() for p in posts if p.published_at} == {date(2026, 2, 22)}
    spoken = (
        "Live\n\n  1. Tonight's weather: cold and wintrypublished at 17:55\n\n    Snow tonight.\n\n"
        "  2. Rail delayspublished at 17:40 Greenwich Mean Time 12 February\n\n    Trains late.\n"
    )
    assert [p.headline for p in _posts(spoken, 2016, 2, 12, 18)] == [
        "Tonight's weather: cold and wintry",
        "Rail delays",
    ]
    leads = "Budget live\n\n" + "".join(
        f"{clock}: {headline}\n\nText.\n\n"
        for clock, headline in (
            ("12.45pm", "Fiscal rules met"),
            ("12.43", "Age of optimism"),
            ("12.39", "Driver shortages"),
            ("12.30pm", "Sunak stands up"),
        )
    )
    posts = _posts(leads, 2021, 10, 27, 12)
    assert [p.published_at_raw for p in posts] == ["12.45pm", "12.43", "12.39", "12.30pm"]


def test_bare_clocks_over_pm_labels_are_evening_and_a_title_in_capitals_opens_a_paragraph() -> None:
    page = "Ontario election live\n\nFollow along below:\n\n" + "".join(
        f"{clock}\n{text}\n"
        for clock, text in (
            ("10:05", "Saunders has been defeated."),
            ("9:40", "Ford learns he has won."),
            ("9:35 p.m.", "Del Duca has been defeated."),
            ("9:22 p.m.", "The NDP will form the opposition."),
        )
    )
    posts = _posts(page, 2022, 6, 3, 2, 10)
    assert [p.published_at for p in posts] == [
        datetime(2022, 6, 3, 2, 5, tzinfo=UTC),
        datetime(2022, 6, 3, 1, 40, tzinfo=UTC),
        datetime(2022, 6, 3, 1, 35, tzinfo=UTC),
        datetime(2022, 6, 3, 1, 22, tzinfo=UTC),
    ]
    caps = (
        "Trade deadline blog\n\n1:07pm - HO-SANG BACK DOWN: So much for Josh Ho-Sang's NHL debut, "
        "as the Islanders send the forward back down to the minors.\n\n--\n\n"
        "12:50pm - NORTH STARS: Minnesota adds a depth defenceman.\n"
    )
    assert next(p.headline for p in _posts(caps, 2017, 2, 28, 18, 30)) == "HO-SANG BACK DOWN"


def test_a_page_in_new_zealand_time_and_one_naming_oceania_reads_clocks_far_ahead() -> None:
    said = "Floods live\n\nUpdates are in New Zealand time.\n\n"
    said += "11.05pm: Rain eases.\n\n10.40pm: Roads shut.\n"
    assert _posts(said, 2011, 1, 14, 10, 30)[0].published_at == datetime(
        2011, 1, 14, 10, 5, tzinfo=UTC
    )
    named = "Budget 2012: As it happened\n\nNew Zealand's budget.\n\n" + "".join(
        f"{clock} {text}\n\n"
        for clock, text in (("4:27pm", "That ends our updates."), ("4:26pm", "Mr Harawira ends."))
    )
    assert _posts(named, 2012, 5, 24, 4, 35)[0].published_at == datetime(
        2012, 5, 24, 4, 27, tzinfo=UTC
    )
    update = parse_label("UPDATE @ 1.00PM: Jacqui Lambie is set to win.")
    assert update is not None
    assert update.clock == time(13)


def test_many_one_line_posts_without_blank_lines_are_posts_not_a_schedule() -> None:
    events = (
        "EFF leader raises a point of order",
        "ATM leader asked to leave",
        "EFF disrupts the address with points of order",
        "Speaker says she will not allow more points of order",
        "EFF MPs asked to leave",
        "Violence breaks out as EFF MPs leave the chamber",
        "Riot police remove EFF members",
        "Speaker apologises for the disruption",
        "EFF members address the media outside Parliament",
        "The President delivers the address",
    )
    intro = "President Cyril Ramaphosa delivers his annual State of the Nation Address to a joint "
    intro += "sitting of Parliament in Cape Town, and we follow it as it happens."
    page = f"SONA live\n{intro}\n" + "".join(
        f"19:{10 + 3 * number:02d}: {text}\n" for number, text in enumerate(events)
    )
    assert len(_posts(page, 2023, 2, 9, 17, 45)) == len(events)


def test_numbered_updates_an_offset_after_the_meridian_and_a_kicker_under_every_label() -> None:
    numbered = parse_label("Up Date 1 \u2013 2005 ET: CNN, MSNBC have called New Jersey.")
    assert numbered is not None
    assert (numbered.clock, numbered.glued) == (time(20, 5), "CNN, MSNBC have called New Jersey.")
    signed = parse_label("Wednesday, Mar 11, 2020 \u00b7 1:07:56 AM +00:00 \u00b7 Steve Singiser")
    assert signed is not None
    assert (signed.clock, signed.zone, signed.author) == (time(1, 7, 56), UTC, "Steve Singiser")
    page = "Results live\n\n" + "".join(
        f"\u2022 {clock} (IST)\n\nLok Sabha Election Results Latest Updates\n\n{headline}\n\n"
        f"{text}\n\n"
        for clock, headline, text in (
            ("01:43", "Jitendra Singh wins from Udhampur", "He won by a wide margin."),
            ("01:20", "BJP crosses 300 seats", "The party leads in most states."),
            ("00:58", "Congress concedes in Amethi", "Rahul Gandhi lost the seat."),
        )
    )
    assert [p.headline for p in _posts(page, 2019, 5, 23, 20, 30)] == [
        "Jitendra Singh wins from Udhampur",
        "BJP crosses 300 seats",
        "Congress concedes in Amethi",
    ]


def test_update_said_before_or_after_the_time() -> None:
    for line, clock, glued in (
        (
            "Update: 12:30 p.m. EST\u2014 NASA has broadcast it.",
            time(12, 30),
            "NASA has broadcast it.",
        ),
        ("Update at 3 p.m. ET: Dubai puts on a show", time(15), "Dubai puts on a show"),
        ("8.45am update: What is Auld Lang Syne?", time(8, 45), "What is Auld Lang Syne?"),
    ):
        label = parse_label(line)
        assert label is not None
        assert (label.clock, label.glued) == (clock, glued)


def test_headlines_run_into_the_bbcs_spoken_label_beside_its_visible_twin() -> None:
    page = "Christchurch shootings\n\n" + "".join(
        f"{headline}published at {clock} Greenwich Mean Time 15 March 2019\n\n"
        f"{clock} GMT 15 March 2019{text}\n\n"
        for headline, clock, text in (
            ("Where did the shootings take place?", "13:34", "Two mosques were attacked."),
            ("Attack calls for reflection, says ex-PM", "13:29", "Helen Clark spoke."),
            ("Police name the suspect", "13:10", "A man has been charged."),
        )
    )
    assert [p.headline for p in _posts(page, 2019, 3, 15, 14)] == [
        "Where did the shootings take place?",
        "Attack calls for reflection, says ex-PM",
        "Police name the suspect",
    ]


def test_live_updates_at_an_hour_in_brackets_and_aps_local_times_by_its_dateline() -> None:
    for line, clock, glued in (
        ("Live Update @ 1:40 PM: Delhi HC closed", time(13, 40), "Delhi HC closed"),
        ("UPDATE 4 P.M.:", time(16), ""),
        ("UPDATE 9 p.m.: Houston Mayor speaks.", time(21), "Houston Mayor speaks."),
    ):
        label = parse_label(line)
        assert label is not None
        assert (label.clock, label.glued) == (clock, glued)
    assert page_zone("MEXICO CITY (AP) \u2014 The Latest on the earthquake (all times local):") == (
        ZoneInfo("America/Mexico_City")
    )
    page = "Sandy live\n\n" + "".join(
        f"[Update {clock} p.m.] {text}\n\n"
        for clock, text in (
            ("11:02", "Sandy weakens over Pennsylvania."),
            ("10:40", "Power is out for 8 million."),
            ("10:15", "The subway is flooded."),
        )
    )
    assert [p.published_at_raw for p in _posts(page, 2012, 10, 30, 3, 30)] == [
        "[Update 11:02 p.m.]",
        "[Update 10:40 p.m.]",
        "[Update 10:15 p.m.]",
    ]


def test_bare_clock_leads_beside_labels_with_a_meridian_run_into_their_text() -> None:
    page = "Tournament live\n\n" + "".join(
        f"{clock}: {text}\n\n"
        for clock, text in (
            ("11:40 a.m.", "Harvard leads at the break, and the arena is loud."),
            ("11:25", "With Syracuse up big late in the second half, the rout is on."),
            ("11:20", "No. 14 seed Harvard starts well."),
        )
    )
    page += "11 a.m.\n\nVCU and Colorado State tip off in Lexington.\n"
    posts = _posts(page, 2013, 3, 22, 15, 50)
    assert [p.published_at_raw for p in posts] == ["11:40 a.m.", "11:25", "11:20", "11 a.m."]


def test_a_numbered_bare_clock_alone_and_a_writers_name_said_twice() -> None:
    page = "London Marathon as it happened\n\n" + "".join(
        f"  {number}. {clock}: \n\n    {text}\n\n"
        for number, clock, text in (
            (1, "1343", "The last of the elite runners cross the line."),
            (2, "1335", "Go on, Blackpool Tower man! Keep going!"),
            (3, "1322", "Mo Farah waves to the crowd."),
        )
    )
    assert [p.published_at_raw for p in _posts(page, 2012, 4, 22, 13)] == [
        "1343:",
        "1335:",
        "1322:",
    ]
    signed = "Election night live\n\n" + "".join(
        f"Chloe Desave Chloe Desave 8 June 2017{clock}pm\n\n{text}\n\n"
        for clock, text in (("8:59", "Polls close soon."), ("8:40", "Turnout looks high."))
    )
    assert {p.authors for p in _posts(signed, 2017, 6, 8, 21)} == {("Chloe Desave",)}


def test_a_wrap_up_titled_summary_a_photo_post_and_the_page_links_under_the_feed() -> None:
    page = (
        "Mars rover briefing live\n\n"
        "Key events\n\n17m ago Summary\n1h ago New images released\n\n"
        "17m ago19.30 GMT\n\nSummary\n\n"
        "That's it for our live coverage of the briefing after the landing.\n\n"
        "To recap:\n\n  \u2022 The rover is healthy.\n  \u2022 \n  \u2022 \n\n"
        "1h ago18.50 GMT\n\nNew images released\n\n"
        "Nasa has released the first colour images from the surface.\n\n"
        "1h ago18.42 GMT\n\n"
        "This photo released on 19 February shows the rover landing on the surface.\n"
        "This photo released on 19 February shows the rover landing on the surface. "
        "Photograph: Nasa/AFP\n\n"
        "Newest Previous 1 of 4 Next Oldest\n\n  \u2022 Help\n  \u2022 Privacy policy\n\n"
        "\u00a9 2021 Guardian News & Media Limited. All rights reserved.\n"
    )
    posts = _posts(page, 2021, 2, 19, 19, 47)
    assert [p.headline for p in posts] == ["Summary", "New images released", None]
    assert posts[0].bullets == ("The rover is healthy.",)
    photo = posts[-1]
    assert photo.body == (
        "This photo released on 19 February shows the rover landing on the surface.",
    )
    assert not photo.bullets


def test_one_line_posts_that_go_on_in_the_feeds_order_are_posts_not_a_link_list() -> None:
    posts = [
        ("4:50 AM", "The minister says the budget is a routine thing, and nothing more."),
        ("4:46 AM", "An MP says they will try to hoodwink the people with this budget."),
        ("4:34 AM", "Union Cabinet meets in Parliament ahead of the budget."),
        ("4:19 AM", "Defence Minister arrives at Parliament complex for the budget"),
        ("4:07 AM", "Hard copies of the budget arrive at Parliament"),
        ("4:03 AM", "Finance Minister leaves for Parliament with the tablet"),
    ]
    page = "Budget live\n\nLive Updates\n" + "".join(
        f"1 Feb 2024 {clock} GMT\n{text}\n" for clock, text in posts
    )
    assert len(_posts(page, 2024, 2, 1, 5)) == 6
    listed = "Budget live\n\nKey events\n" + "".join(
        f"1 Feb 2024 {clock} GMT\n{text.rstrip('.')}\n" for clock, text in posts[:3]
    )
    listed += "\n" + "".join(f"1 Feb 2024 {clock} GMT\n\n{text}\n\n" for clock, text in posts)
    assert len(_posts(listed, 2024, 2, 1, 5)) == 6  # the key events repeat the posts' times


def test_labels_between_rules_bare_evening_clocks_and_titles_run_into_bare_clocks() -> None:
    assert classify("\u2014\u20132:40 p.m. ET\u2014\u2013").kind is TIME
    assert classify("-- hello --").kind is not TIME
    page = "Budget live\n\n" + "".join(
        f"{clock}\n{text}\n\n"
        for clock, text in (
            ("06:33:58 PM", "The minister arrives at the party headquarters."),
            ("06:26:22", "The budget is inclusive, says the industry body."),
            ("06:08:02 PM", "A chief minister will boycott the meeting."),
        )
    )
    assert len(_posts(page, 2024, 7, 23, 13)) == 3  # not a video's length, six hours long
    launch = "Launch live\n\n" + "".join(
        f"{clock}\n{text}\n\n"
        for clock, text in (
            ("19:56", "Musk says the issue was with an actuator."),
            ("19:41 SCRUB", "SpaceX has called off tonight's launch attempt."),
            ("19:02", "The launch team adjusted the target time."),
            ("18:59 New launch time", "SpaceX has reset tonight's launch for 7:40 p.m."),
            ("18:51", "No new launch time has been set."),
        )
    )
    posts = _posts(launch, 2016, 5, 27, 0)
    assert [p.headline for p in posts] == [None, "SCRUB", None, "New launch time", None]


def test_a_caption_over_the_intro_is_no_post_and_a_paper_quoted_is_not_the_pages() -> None:
    page = (
        "Moon landing live\n\nLast Updated: August 21, 2023, 07:43 IST\n\n"
        "The lander will undergo a check before touchdown. (Image: X/ISRO)\n\n"
        "The last step of the mission was completed on Sunday, the agency said.\n\n"
        + _entries(
            "Aug 21, 2023 {} IST",
            (
                ("07:43", "Where to watch the landing", "You can watch it on the website."),
                ("07:35", "Two days left", "The mission is in its final leg."),
                ("07:30", "Russia's mission fails", "The Russian probe crashed, TASS said."),
            ),
        )
    )
    posts = _posts(page, 2023, 8, 21, 2, 20)
    assert [p.headline for p in posts] == [
        "Where to watch the landing",
        "Two days left",
        "Russia's mission fails",
    ]
    assert posts[0].published_at == datetime(2023, 8, 21, 2, 13, tzinfo=UTC)
    quoted = "Live updates\n\n" + "".join(
        f"{clock}\n\nThe mayor is mulling a bid, The New York Times reported.\n\n"
        for clock in ("23:36", "23:10", "22:50")
    )
    snapshot = parse_snapshot(quoted, captured_at=datetime(2016, 1, 23, 23, 40, tzinfo=UTC))
    assert snapshot.blog.outlet is None


def test_a_page_set_in_dhaka_and_its_stamp_over_last_update_on() -> None:
    page = (
        "Bangladesh\nStar Digital Report\nTue Jul 16, 2024 12:54 PM\n"
        "Last update on: Tue Jul 16, 2024 01:29 PM\n\n"
        "Students blocked the Dhaka highway, protesting attacks on students in Dhaka.\n\n"
        + _entries(
            "{} | 16 Jul 2024",
            (
                ("12:50 PM", "Students block a road", "A brief clash broke out at noon."),
                ("11:00 AM", "Highway blocked", "Students blocked the highway this morning."),
                ("10:10 AM", "Campuses tense", "Police were deployed at the campuses."),
            ),
        )
    )
    posts = _posts(page, 2024, 7, 16, 7, 30)
    assert [p.published_at for p in posts] == [
        datetime(2024, 7, 16, 6, 50, tzinfo=UTC),
        datetime(2024, 7, 16, 5, 0, tzinfo=UTC),
        datetime(2024, 7, 16, 4, 10, tzinfo=UTC),
    ]


def test_dated_labels_after_a_headline_and_its_dash_or_in_its_brackets() -> None:
    for line, day, clock in (
        ("Record Highs In Daily Infections \u2014 6/17/2020, 6 a.m.", date(2020, 6, 17), time(6)),
        ("U.S. Open Will Be Played Without Fans \u2014 6/16/20, 12:48 p.m. ET", date(2020, 6, 16),
         time(12, 48)),
        ("Kilauea volcano, Hawaii (Update May 9 - 14:32 UTC)", date(2000, 5, 9), time(14, 32)),
        ("Polls close (5:00 p.m.)", None, time(17)),
    ):  # fmt: skip
        line_read = classify(line)
        assert line_read.kind is TIME and line_read.label is not None, line
        assert (line_read.label.day, line_read.label.clock) == (day, clock)
        assert line_read.label.glued
    assert classify("The meeting moved to the hall (10:30)").kind is not TIME
    assert parse_label("3/4/25 pounds") is None


def test_a_kicker_in_title_case_is_no_writer() -> None:
    page = "Markets live\n\n" + _entries(
        "September 20, 2024 {} IST",
        (
            ("16:08", "Market Close | Sensex up 1,360 pts", "Indices ended on a strong note."),
            ("16:03", "Market This Week", "The market ended higher for a second week."),
            ("15:40", "Rupee closes higher", "The rupee closed at 83.55 against the dollar."),
        ),
    )
    posts = _posts(page, 2024, 9, 20, 11)
    assert [p.authors for p in posts] == [(), (), ()]
    assert posts[0].headline == "Market Close | Sensex up 1,360 pts"


def test_numbered_clocks_with_a_colon_dashes_alone_and_a_datelines_city_in_capitals() -> None:
    for line, clock, glued in (
        ("  1. 01:18:", time(1, 18), ""),
        ("4. 00:49: Sophie, Chatham", time(0, 49), "Sophie, Chatham"),
    ):
        read = classify(line)
        assert read.label is not None and (read.label.clock, read.label.glued) == (clock, glued)
    assert classify("-").kind is classify("\u2014").kind is SEPARATOR
    assert page_zone("PARIS \u2014 The latest on the attacks in Paris (all times local):") == (
        ZoneInfo("Europe/Paris")
    )


def test_a_post_that_is_only_a_headline_among_posts_with_headlines() -> None:
    page = "Sudan live\n\n" + "".join(
        f"{label}\n{headline}\n{text}-\n"
        for label, headline, text in (
            ("1h ago(18:10 GMT)", "Blinken speaks to army chief", "Blinken welcomed the truce.\n"),
            ("1h ago(18:06 GMT)", "What role do outside players have? | Inside Story", ""),
            ("1h ago(17:52 GMT)", "No evacuation planned, US says", "Citizens should stay put.\n"),
        )
    )
    posts = _posts(page, 2023, 4, 21, 19, 15)
    assert [p.headline for p in posts] == [
        "Blinken speaks to army chief",
        "What role do outside players have? | Inside Story",
        "No evacuation planned, US says",
    ]
    assert all("-" not in p.body for p in posts)


def test_the_pages_footer_under_the_last_post_is_no_part_of_it() -> None:
    page = _entries(
        "{} GMT",
        (
            ("14:05", "Roads reopen", "The bridge and two roads reopened this afternoon."),
            ("13:40", "Crews at work", "Crews cleared the fallen trees from the main road."),
        ),
    )
    page += (
        "  \u2022 The road to the coast stays shut.\n\n"
        "More from ABC7\n\nMarathon spectator guide\n\nPrivacy Policy\n\nTerms of Use\n\n"
        "Copyright \u00a9 2026 WABC-TV. All Rights Reserved.\n"
    )
    last = _posts("Storm live\n\n" + page, 2026, 11, 1, 14, 10)[-1]
    assert last.body == ("Crews cleared the fallen trees from the main road.",)
    assert last.bullets == ("The road to the coast stays shut.",)


def test_clocks_of_other_languages_are_labels() -> None:
    for raw, clock in (
        ("18h38", time(18, 38)),
        ("22:31 Uhr", time(22, 31)),
        ("10:37 h", time(10, 37)),
    ):
        label = parse_label(raw)
        assert label is not None and label.clock == clock and not label.glued, raw
    stamped = parse_label("17.1.2021 \u2022 23:05 Uhr")
    assert stamped is not None and stamped.day == date(2021, 1, 17)
    page = "Guerre en Ukraine, en direct\n\n" + "".join(
        f"{lead} {text}\n\n"
        for lead, text in (
            ("18h38 :", "Qu'il est loin le temps des sommets."),
            ("18h15 -", "Le président arrive à Kiev."),
            ("17.52", "\u00bfQuieres saber qué ambiente hay?"),
            ("17h40 :", "\u00c9lections : les bureaux ferment."),
        )
    )
    posts = _posts(page, 2022, 6, 15, 17)
    assert [p.published_at for p in posts] == [
        datetime(2022, 6, 15, 16, 38, tzinfo=UTC),
        datetime(2022, 6, 15, 16, 15, tzinfo=UTC),
        datetime(2022, 6, 15, 15, 52, tzinfo=UTC),
        datetime(2022, 6, 15, 15, 40, tzinfo=UTC),
    ]


def test_even_votes_go_to_headlines_above_where_some_labels_read_either_way() -> None:
    # Goal's feed: a headline over its time, then text that may open with a short line.
    entries = (
        ("Goal disallowed!", "16:27:36", "The cross is fumbled and the ball goes in."),
        ("Penalty to West Ham!", "16:14:35", "Bachmann is deemed to have fouled Bowen."),
        ("Another VAR call!", "16:11:24", "Kane had just strayed beyond the last man."),
        ("Second half under way", "16:05:23", "We go again."),
    )
    page = "Matchday live\n\n" + "".join(
        f"{headline}\n\n2021-12-28T{clock}.000Z\n\n{short}\n\n{text}\n\n"
        for (headline, clock, text), short in zip(
            entries,
            ("What a moment!", "Noble over it!", "It was close.", "Off we go."),
            strict=True,
        )
    )
    posts = _posts(page, 2021, 12, 28, 16, 30)
    assert [p.headline for p in posts] == [headline for headline, _, _ in entries]


def test_a_headline_over_a_comma_signed_label_may_end_in_an_ellipsis() -> None:
    page = "Oscars 2024 live\n\nFollow latest updates below...\n\n" + "".join(
        f"{headline}\n{clock} , Miriam Burrell\n{text}\n\n"
        for headline, clock, text in (
            ("The winner is...", "01:28", "The Zone of Interest wins the best sound award."),
            ("The next award celebrates sound", "01:27", "The best sound nominees are named."),
            ("Fourth track performed", "01:19", "Becky G performs The Fire Inside."),
        )
    )
    posts = _posts(page, 2024, 3, 11, 1, 30)
    assert [p.headline for p in posts] == [
        "The winner is...",
        "The next award celebrates sound",
        "Fourth track performed",
    ]


def test_posts_run_together_in_one_paragraph_are_cut_at_their_labels() -> None:
    page = (
        "Das war DerMorgen\n\nDie Nachrichten aus der Nacht.\n\n"
        "4/14/14 7:09 AM Es ist kurz nach 9 Uhr, hier in Hamburg. Schluss für heute. "
        "4/14/14 7:03 AM Auch wenn hier gleich Schluss ist, lesen Sie weiter. "
        "6:58 AM Der Morgen neigt sich dem Ende zu, um 7 Uhr geht es weiter.\n"
    )
    posts = _posts(page, 2014, 4, 14, 7, 30)
    assert [p.published_at for p in posts] == [
        datetime(2014, 4, 14, 7, 9, tzinfo=UTC),
        datetime(2014, 4, 14, 7, 3, tzinfo=UTC),
        datetime(2014, 4, 14, 6, 58, tzinfo=UTC),
    ]
    assert posts[1].body == ("Auch wenn hier gleich Schluss ist, lesen Sie weiter.",)


def test_headlines_ending_with_a_bare_clock_are_labelled_posts() -> None:
    more = (
        " Lo ha detto in aula, davanti ai deputati, dopo un lungo dibattito sulla crisi in"
        " Ucraina e sulle sanzioni."
    )
    page = "Guerra Ucraina-Russia, tutti gli aggiornamenti\n\n" + "".join(
        f"{headline} {clock}\n\n{text}{more}\n\n"
        for headline, clock, text in (
            ("Ucraina: Camera, ok a risoluzione", "20.00", "L'Aula approva la risoluzione."),
            ('Zelensky: "Fermare i bombardamenti"', "19.52", "Il presidente pone condizioni."),
            ("Anonymous, presto informazioni", "19.20", "Il gruppo annuncia un archivio."),
        )
    )
    posts = _posts(page, 2022, 3, 1, 19, 10)
    assert [(p.headline, p.published_at) for p in posts] == [
        ("Ucraina: Camera, ok a risoluzione", datetime(2022, 3, 1, 19, tzinfo=UTC)),
        ('Zelensky: "Fermare i bombardamenti"', datetime(2022, 3, 1, 18, 52, tzinfo=UTC)),
        ("Anonymous, presto informazioni", datetime(2022, 3, 1, 18, 20, tzinfo=UTC)),
    ]


def test_paragraphs_in_the_feeds_order_set_without_a_blank_line_are_posts() -> None:
    long = " The party's leaders spoke to reporters outside its headquarters in the capital."
    page = "Delhi election results live\n\n" + "".join(
        f"{label}: {text}{long}\n{gap}"
        for label, text, gap in (
            ("10pm", "Here is how the map looked in 2020.", "\n"),
            ("8pm", "The final tally is in.", "\n"),
            ("7.30 pm", "Modi said the Congress speaks the language of anarchy.", ""),
            ("7.25 pm", "Modi also accused AAP of misplaced priorities.", "\n"),
        )
    )
    posts = _posts(page, 2025, 2, 8, 17)
    assert [p.published_at_raw for p in posts] == ["10pm", "8pm", "7.30 pm", "7.25 pm"]


def test_more_label_forms_of_2024_and_2025() -> None:
    update = parse_label("Update | 2 June, 6am:")
    assert update is not None and update.clock == time(6) and update.day is not None
    signed = parse_label("Wednesday 15 January 2025 19:12 , Julia Musto")
    assert signed is not None and signed.author == "Julia Musto"
    assert signed.day == date(2025, 1, 15)
    aged = parse_label("2h agoFri 2 May 2025 at 12:07pm")
    assert aged is not None and aged.day == date(2025, 5, 2) and aged.clock == time(12, 7)
    assert aged.relative == timedelta(hours=2)


def test_paragraphs_opening_with_the_same_word_then_a_clock_are_posts() -> None:
    page = "Razboi in Ucraina, live text\n\n" + "".join(
        f"{word} {clock} {text}\n\n"
        for word, clock, text in (
            ("UPDATE", "23.45", "Vladimir Putin nu mai poate calatori in SUA."),
            ("UPDATE", "23.40", "Bulgaria a inchis spatiul aerian."),
            ("UPDATE", "23.10", "Explozii puternice zguduie Kievul."),
        )
    )
    posts = _posts(page, 2022, 2, 25, 22)
    assert [p.published_at_raw for p in posts] == ["UPDATE 23.45", "UPDATE 23.40", "UPDATE 23.10"]
    years = "Elections\n\n" + "".join(
        f"In {year} Trump {verb} the election.\n\n"
        for year, verb in (("2016", "won"), ("2020", "lost"))
    )
    assert all(p.published_at is None for p in _posts(years, 2024, 11, 5, 22))


def test_a_dashed_sign_off_over_the_next_label_signs_the_post_above() -> None:
    page = "Kavanaugh hearing live\n\nRead live updates below.\n\n" + "".join(
        f"{clock}\n\n{text}\n\n\u2015 {name}\n\n"
        for clock, text, name in (
            ("4:48 p.m. ET", "Trump tweeted a critique of the senators.", "Sara Boboltz"),
            ("2:59 p.m. ET", "Hirono plans to ask about harassment.", "Marina Fang"),
            (
                "2:58 p.m. ET",
                "Hirono said Kavanaugh was nominated to protect Trump.",
                "Sara Boboltz",
            ),
        )
    )
    posts = _posts(page, 2018, 9, 4, 21)
    assert [(p.headline, p.authors) for p in posts] == [
        (None, ("Sara Boboltz",)),
        (None, ("Marina Fang",)),
        (None, ("Sara Boboltz",)),
    ]


def test_dated_labels_in_a_dash_list_or_run_on_from_the_text_above() -> None:
    listed = classify("- Jan 07, 2024 08:21 AM IST")
    assert listed.kind is TIME and listed.label is not None and listed.label.zone is not None
    glued = parse_label("June 16, 2023 23:01AUS 14/0 in 4 overs - STUMPS")
    assert glued is not None and glued.glued == "AUS 14/0 in 4 overs - STUMPS"
    page = (
        "Bangladesh election live\n\nVoting began at 8am.\n\n- Jan 07, 2024 08:21 AM IST\n"
        "Sheikh Hasina casts her vote in DhakaJan 07, 2024 08:13 AM IST\n"
        "When are the results expected?\nThe initial results are expected by Monday."
        "Jan 07, 2024 08:10 AM IST\nBangladesh goes to polls today\nThe prime minister is set"
        " to win a fourth straight term.\n"
    )
    posts = _posts(page, 2024, 1, 7, 3)
    assert [p.headline for p in posts] == [
        "Sheikh Hasina casts her vote in Dhaka",
        "When are the results expected?",
        "Bangladesh goes to polls today",
    ]


def test_a_usual_zone_stands_in_for_a_guess_not_for_a_zone_the_page_says() -> None:
    bare = "Floods live\n\n22:00\nRiver peaks\n\nThe river rose all evening.\n\n"
    later = datetime(2025, 6, 2, 15, tzinfo=UTC)  # fits the clocks to a zone 7 hours ahead
    guessed = read_snapshot(bare, captured_at=later)
    assert guessed.zone_guessed and guessed.zone.utcoffset(None) == timedelta(hours=7)
    kept = read_snapshot(bare, captured_at=later, usual_zone=UTC)
    assert kept.zone is UTC and kept.zone_guessed
    assert kept.snapshot.posts[0].published_at == datetime(2025, 6, 1, 22, tzinfo=UTC)
    said = read_snapshot(bare.replace("22:00", "22:00 BST"), captured_at=later, usual_zone=UTC)
    assert not said.zone_guessed
    assert said.snapshot.posts[0].published_at == datetime(2025, 6, 1, 21, tzinfo=UTC)


def test_an_age_beside_a_clock_tells_the_pages_zone() -> None:
    page = (
        "Liveblog: Budget 2024\n\nLAST UPDATE | 9 minutes ago\n\nBudget day is here.\n\n"
        + "".join(
            f"{age} minutes ago {clock}AM\n\n{text}\n\n"
            for age, clock, text in (
                (8, "9:45", "A new grants scheme for small businesses."),
                (14, "9:39", "The package will be worth 6.5 billion."),
            )
        )
    )
    posts = _posts(page, 2023, 10, 10, 8, 53)
    assert [p.published_at for p in posts] == [
        datetime(2023, 10, 10, 8, 45, tzinfo=UTC),
        datetime(2023, 10, 10, 8, 39, tzinfo=UTC),
    ]
    assert classify("LAST UPDATE | 9 minutes ago").kind.value == "updated"
    colon = parse_label("23:10:")
    assert colon is not None and colon.clock == time(23, 10)


def test_writers_signed_after_a_dash_at_a_paragraphs_end_or_two_on_a_line() -> None:
    page = "Coronavirus live\n\nThe latest on the outbreak.\n\n" + "".join(
        f"{clock}\n\n{headline}\n\n{text}\n\n"
        for clock, headline, text in (
            (
                "11:54 AM ET",
                "Facebook tells staff to stay home",
                'It spoke today.\n\nMr Zuckerberg said: "Stay home." \u2014Salvador Rodriguez',
            ),
            (
                "11:40 AM ET",
                "The count goes on",
                "It went on all night.\n\n\u2014 Ron Mizen, Kat Wong",
            ),
        )
    )
    posts = _posts(page, 2020, 3, 23, 16)
    assert [p.authors for p in posts] == [("Salvador Rodriguez",), ("Ron Mizen", "Kat Wong")]
    assert posts[0].body == ("It spoke today.", 'Mr Zuckerberg said: "Stay home."')


def test_a_writer_in_brackets_on_a_posts_last_line_signs_it() -> None:
    page = "Live markets\n\nReal-time coverage of markets.\n\n" + "".join(
        f"{headline} ({clock} GMT)\n\n{text}\n\n({name})\n\n"
        for headline, clock, text, name in (
            ("UK STOCKS LEAD AT THE OPEN", "0830", "The FTSE 100 is up 0.8%.", "Julien Ponthus"),
            ("SANTA RALLY RUNS OUT OF GAS", "0715", "Futures are down 0.1%.", "Danilo Masoni"),
        )
    )
    posts = _posts(page, 2021, 12, 29, 9)
    assert [p.authors for p in posts] == [("Julien Ponthus",), ("Danilo Masoni",)]


def test_an_hour_before_a_title_or_update_and_the_bbcs_numbered_titles() -> None:
    titled = parse_label("4 a.m. Trump wins")
    assert titled is not None and (titled.clock, titled.glued) == (time(4), "Trump wins")
    for raw in ("12 a.m. Update:", "7:45 p.m. update"):
        marked = parse_label(raw)
        assert marked is not None and marked.clock is not None and not marked.glued, raw
    assert parse_label("4 a.m. Tuesday") is None and parse_label("9pm The end") is None
    page = "Olympics day three\n\nSummary\n\n" + "".join(
        f"  {n}. {title}published at {clock} British Summer Time 29 July\n\n{text}\n\n"
        for n, title, clock, text in (
            (1, "That's all for now...", "22:01", "Team GB picked up six medals today."),
            (2, "Follow live updates in French", "21:58", "Gold medal events: 14."),
            (3, "How's stat?!", "21:40", "Six medals in a day."),
        )
    )
    posts = _posts(page, 2024, 7, 29, 21, 10)
    assert [p.headline for p in posts] == [
        "That's all for now...",
        "Follow live updates in French",
        "How's stat?!",
    ]


def test_writers_signatures_time_posts_that_show_no_other_time() -> None:
    posts_signed = "".join(
        f"{headline}\n\n{text}\n\n{name}{stamp}\n\n"
        for headline, text, name, stamp in (
            (
                "Trump orders agencies to shut down",
                "The budget office has posted a letter to agencies.",
                "Rachel Dobkin",
                "1 October 2025 01:00",
            ),
            (
                "What is a government shutdown?",
                "Federal agencies run out of money at midnight.",
                "Io Dodds",
                "30 September 2025 21:05",
            ),
        )
    )
    # An excerpt may start mid-page, under the page's intro: no title above the first post.
    for head in (
        "Government shutdown live\n\nCongress fails to reach a deal.\n\n",
        "The Senate vote failed tonight.\n\nThat leaves agencies until midnight, eastern time.\n\n",
    ):
        posts = _posts(head + posts_signed, 2025, 10, 1, 1, 30)
        assert [(p.headline, p.authors, p.published_at) for p in posts] == [
            (
                "Trump orders agencies to shut down",
                ("Rachel Dobkin",),
                datetime(2025, 10, 1, 1, tzinfo=UTC),
            ),
            (
                "What is a government shutdown?",
                ("Io Dodds",),
                datetime(2025, 9, 30, 21, 5, tzinfo=UTC),
            ),
        ]


def test_a_compact_age_over_its_sentence_and_maui_for_hawaii() -> None:
    glued = parse_label("1m ago In addition to 24 people still missing")
    assert glued is not None and glued.relative == timedelta(minutes=1)
    assert glued.glued == "In addition to 24 people still missing"
    assert parse_label("2 days ago Trump said so") is None
    head = (
        "LIVE: Maui Wildfire Photos And Updates, Lahaina And Kula\n\nThe latest on the Maui fires."
    )
    assert place_zone(head, american=True) == ZoneInfo("Pacific/Honolulu")


def test_ages_in_years_and_an_age_over_its_kicker() -> None:
    for raw, age in (("1 year ago", 365), ("a year ago", 365), ("2y ago", 730)):
        label = parse_label(raw)
        assert label is not None and label.relative == timedelta(days=age), raw
    kicker = parse_label("2 mins ago | Inside the courthouse")
    assert kicker is not None and kicker.relative == timedelta(minutes=2) and not kicker.glued


def test_a_wire_writers_sign_off_names_them() -> None:
    page = "The Latest: eclipse\n\nThe latest on the eclipse (all times EDT).\n\n" + "".join(
        f"{clock}\n\n{text}\n\n\u2014 {sign}\n\n___\n\n"
        for clock, text, sign in (
            (
                "12:15 p.m.",
                "The moon began to cover the sun.",
                "AP writers Rebecca Boone and Steven DuBois",
            ),
            ("12:05 p.m.", "Crowds gathered in Oregon.", "AP science writer Seth Borenstein"),
            ("11:50 a.m.", "Skies cleared over Idaho.", "Associated Press writer Jill Colvin"),
        )
    )
    posts = _posts(page, 2017, 8, 21, 16, 30)
    assert [p.authors for p in posts] == [
        ("Rebecca Boone", "Steven DuBois"),
        ("Seth Borenstein",),
        ("Jill Colvin",),
    ]


def test_a_clock_with_its_zone_in_brackets_and_a_day_before_it_without_a_year() -> None:
    # Al Jazeera: "29 Jul 2024 - 11:59(11:59 GMT)", the clock again with its zone.
    label = parse_label("29 Jul 2024 - 11:59(11:59 GMT)")
    assert label is not None and (label.day, label.clock, label.zone) == (
        date(2024, 7, 29),
        time(11, 59),
        UTC,
    )
    # Mail & Guardian: "29/05 10:00 Welcome ...", day and month over a bare clock.
    page = "Elections 2024\n\nFollow our coverage. \u2014 Mail & Guardian\n\n" + "".join(
        f"29/05 {clock} {text}\n\n"
        for clock, text in (
            ("11:30", "Wondering what's the best time to vote? Check out this chart."),
            ("11:16", "Voters queue outside a school in Soweto for hours."),
            ("10:00", "Welcome to our coverage of the elections."),
        )
    )
    posts = _posts(page, 2024, 5, 29, 10)
    assert [p.published_at for p in posts] == [
        datetime(2024, 5, 29, 9, 30, tzinfo=UTC),  # South Africa's, from the outlet
        datetime(2024, 5, 29, 9, 16, tzinfo=UTC),
        datetime(2024, 5, 29, 8, 0, tzinfo=UTC),
    ]


def test_a_page_stores_date_and_a_capture_cut_short_under_its_last_label() -> None:
    # A page store's copy opens " date 2017-09-19 ..."; its last post is cut mid-sentence,
    # which is no sign that each label closes its post.
    page = (
        " date 2017-09-19 Strong earthquake hits Mexico Live updates\n"
        "19 September 201720:37 GMT\nAt least 42 people are dead in Morelos, its governor said.\n"
        "Primer reporte preliminar de personas fallecidas\n"
        "Five more are now reported dead in the state of Mexico, its governor said.\n"
    ) + "".join(
        f"- {clock} GMT\n{text}\n"
        for clock, text in (
            ("20:32", "Shocking footage of building collapses has been shared online."),
            ("20:30", "Two people were killed in Puebla after a school collapsed."),
            ("20:29", "Mexico City's mayor said there were no reports of deaths yet."),
            ("20:17", "At least two people are dead in the state of Mexico according"),
        )
    )
    posts = _posts(page, 2017, 9, 19, 21)
    assert [(p.published_at_raw, p.body[0][:8]) for p in posts][-4:] == [
        ("20:32 GMT", "Shocking"),
        ("20:30 GMT", "Two peop"),
        ("20:29 GMT", "Mexico C"),
        ("20:17 GMT", "At least"),
    ]


def test_a_place_after_the_clock_or_in_the_title_or_the_wires_standfirst_gives_the_zone() -> None:
    # New Mandala: "17.43 Jakarta", "17.20 Jakarta time - Yogyakarta".
    for raw, shown in (("17.43 Jakarta", "17.43 Jakarta"), ("17.20 Jakarta time - Jogja", "")):
        label = parse_label(raw)
        assert label is not None and label.zone == timezone(timedelta(hours=7))
        assert not shown or label.raw == shown
    # AP: "The Latest on the CES technology show in Las Vegas (all times local):".
    ap = "The Latest: CES\n\nThe Latest on the CES show in Las Vegas (all times local):\n\n" + (
        "".join(f"{clock}\n\n{BODY}\n\n" for clock in ("2 p.m.", "1:30 p.m.", "11:45 a.m."))
    )
    assert _posts(ap, 2018, 1, 10, 23)[0].published_at == datetime(2018, 1, 10, 22, tzinfo=UTC)
    # A place the title names once: Sri Lanka's half-hour zone, not the nearest whole hour.
    vote = "Sri Lanka election 2015 live\n\nMillions cast their votes.\n\n" + "".join(
        f"{clock}: {text}\n\n"
        for clock, text in (("10.38 am", "The opposition leader votes."), ("9.50 am", "Queues."))
    )
    posts = _posts(vote, 2015, 1, 9, 5, 40)
    assert posts[0].published_at == datetime(2015, 1, 9, 5, 8, tzinfo=UTC)


def test_a_place_the_page_names_picks_the_zone_among_those_the_capture_allows() -> None:
    # "8.09pm" captured 31 minutes after it: Pakistan's hour fits the capture first, but the
    # page names India, whose half hour fits it too.
    page = "Assembly election results live\n\n" + "".join(
        f"{clock}: {text}\n\n"
        for clock, text in (
            ("8.09pm", "We defeated the BJP today, says the Congress chief in Delhi."),
            ("7.45pm", "Counting ends in Rajasthan."),
            ("7.30pm", "Celebrations outside the party office in India's capital."),
        )
    )
    assert _posts(page, 2018, 12, 11, 15, 10)[0].published_at == datetime(
        2018, 12, 11, 14, 39, tzinfo=UTC
    )


def test_zone_words_after_a_clock_and_marks_alone_on_their_lines() -> None:
    label = parse_label("9:40 p.m. Central time: Gov. Scott Walker is the projected winner")
    assert label is not None and label.raw == "9:40 p.m. Central time"
    assert label.glued == "Gov. Scott Walker is the projected winner"
    assert label.zone == ZoneInfo("America/Chicago")
    assert mentioned_zones("They reconvene at 7 p.m. central time.") == [
        ZoneInfo("America/Chicago")
    ]
    assert [classify(mark).kind for mark in (">", "|", ",", "\u2715")] == [CHROME] * 4
    assert split_role("By Nick Martin, people and politics correspondent") == (
        "Nick Martin",
        "people and politics correspondent",
    )


def test_numbered_titles_of_untimed_posts_each_open_one() -> None:
    # The BBC numbers its posts; an image's label under two of them names a person, which
    # reads as a writer under a headline, but the first title has none and is a post too.
    page = "Live Reporting\n\nJoseph Lee and Kate Whannel\n\n" + "".join(
        f"{number}. {title}\n\n{label}{BODY}\n\nThe count goes on in the city.\n\n"
        for number, title, label in (
            (1, "London mayor declaration not likely before 10pm", ""),
            (2, "Alex Salmond fails in bid to return to Holyrood", "Alex Salmond\n\n"),
            (3, "Rayner sacking a knee-jerk reaction, says MP", "Ian Lavery\n\n"),
        )
    )
    assert [p.headline for p in _posts(page, 2021, 5, 8, 20)] == [
        "London mayor declaration not likely before 10pm",
        "Alex Salmond fails in bid to return to Holyrood",
        "Rayner sacking a knee-jerk reaction, says MP",
    ]


def test_cet_kept_all_year_and_a_stations_copy_of_the_wires_dateline() -> None:
    label = parse_label("16:28 CET - MARKETA VONDROUSOVA IS WIMBLEDON CHAMPION!")
    assert label is not None and label.clock is not None and label.zone is not None
    assert place(label, date(2023, 7, 15), UTC) == datetime(2023, 7, 15, 14, 28, tzinfo=UTC)
    assert place(label, date(2023, 1, 15), UTC) == datetime(2023, 1, 15, 15, 28, tzinfo=UTC)
    # "MINNEAPOLIS (AP/WHDH) — The Latest on the Super Bowl (all times local):".
    page = (
        "The Latest: Eagles win\n\nMINNEAPOLIS (AP/WHDH) \u2014 The Latest on the Super Bowl "
        "(all times local):\n\n"
        + "".join(f"{clock}\n\n{BODY}\n\n" for clock in ("9:20 p.m.", "9:05 p.m."))
    )
    posts = _posts(page, 2018, 2, 5, 4)
    assert posts[0].published_at == datetime(2018, 2, 5, 3, 20, tzinfo=UTC)


def test_signed_labels_under_titles_alone_and_a_stamp_signed_in_capitals() -> None:
    # The Independent: a title over "09:45 , Sam Rkaina", some posts a picture and no text.
    titles = ("Mass strikes leave Paddington deserted", "Pictures from protests across UK")
    page = (
        "Strikes \u2013 latest\n\nWorkers walk out today.\n\n"
        + "".join(
            f"{title}\n\n{clock} , Sam Rkaina\n\n"
            for title, clock in zip(titles, ("09:45", "09:42"), strict=True)
        )
        + f"Half a million walk out\n\n09:40 , Sam Rkaina\n\n{BODY}\n"
    )
    posts = _posts(page, 2023, 2, 1, 10)
    assert [(p.headline, p.published_at_raw) for p in posts] == [
        ("Mass strikes leave Paddington deserted", "09:45"),
        ("Pictures from protests across UK", "09:42"),
        ("Half a million walk out", "09:40"),
    ]
    # Simple Flying: "UPDATE: 2023/01/11 12:26 EST BY JOANNA BAILEY".
    label = parse_label("UPDATE: 2023/01/11 12:26 EST BY JOANNA BAILEY")
    assert label is not None and (label.day, label.author) == (date(2023, 1, 11), "Joanna Bailey")


def test_a_us_page_hours_late_in_new_yorks_clock_and_fresh_in_californias_keeps_that() -> None:
    page = "Coachella 2018 live blog\n\nThe festival opens.\n\n" + "".join(
        f"{clock} {text}\n\n"
        for clock, text in (
            ("4:35 p.m.", "A costumed fan is spotted near the main stage."),
            ("4:10 p.m.", "The first acts take the stage under the sun."),
        )
    )
    # Captured at 00:05 UTC: 4:35 p.m. is half an hour old in California, 3.5 hours in New York.
    assert _posts(page, 2018, 4, 14, 0, 5)[0].published_at == datetime(
        2018, 4, 13, 23, 35, tzinfo=UTC
    )
    # Captured minutes after it in New York's clock, it stays there.
    assert _posts(page, 2018, 4, 13, 20, 45)[0].published_at == datetime(
        2018, 4, 13, 20, 35, tzinfo=UTC
    )
    # A place the page names decides: Florida's page captured three hours after its last post
    # keeps New York's clock; Utah's, two hours late there, is in Mountain time.
    for town, expected in (
        ("Fort Myers, Florida", datetime(2018, 4, 13, 20, 35, tzinfo=UTC)),
        ("Salt Lake City, Utah", datetime(2018, 4, 13, 22, 35, tzinfo=UTC)),
    ):
        placed = page.replace("The festival opens.", f"Storm news from {town}.")
        assert _posts(placed, 2018, 4, 13, 23, 5)[0].published_at == expected, town


def test_a_bracketed_clock_then_a_dash_opens_the_headline() -> None:
    # The Brussels Times: "[08:37] - Strike disrupts trains across Belgium".
    page = "Live: Belgian news of the day\n\n" + "".join(
        f"[{clock}] - {title}\n\n{BODY}\n\n"
        for clock, title in (
            ("08:37", "Strike disrupts trains"),
            ("08:12", "Fog warning issued"),
            ("07:50", "Minister resigns"),
        )
    )
    posts = _posts(page, 2025, 2, 4, 8, 10)
    assert [(p.headline, p.published_at_raw) for p in posts] == [
        ("Strike disrupts trains", "[08:37]"),
        ("Fog warning issued", "[08:12]"),
        ("Minister resigns", "[07:50]"),
    ]


def test_an_acronym_opens_a_headline_after_the_hour_and_a_dateline_may_precede_it() -> None:
    # "7 p.m. PG&E says ..." (a zone after the hour is not a headline: "8 p.m. ET").
    label = parse_label("7 p.m. PG&E says 300,000 customers without power")
    assert label is not None and label.glued == "PG&E says 300,000 customers without power"
    assert parse_label("4 a.m. ET") is not None and not parse_label("4 a.m. ET").glued
    # The Canadian Press: "VANCOUVER — 11:35 p.m." over each post.
    page = "B.C. election: Live updates\n\n" + "".join(
        f"{place} — {clock}\n\n{BODY}\n\n"
        for place, clock in (("VANCOUVER", "11:35 p.m."), ("KELOWNA, B.C.", "10:40 p.m."))
    )
    posts = _posts(page, 2024, 10, 20, 7, 10)
    assert [p.published_at for p in posts] == [
        datetime(2024, 10, 20, 6, 35, tzinfo=UTC),
        datetime(2024, 10, 20, 5, 40, tzinfo=UTC),
    ]


def test_a_label_alone_in_square_brackets_is_a_label_not_an_images_alt_text() -> None:
    for raw, hour, minute in (("[8.19pm]", 20, 19), ("[UPDATE - Monday, 8.19pm]", 20, 19)):
        line = classify(raw)
        assert line.kind is TIME and line.label is not None, raw
        assert line.label.clock == time(hour, minute), raw
    assert classify("[Image]").kind is not TIME


def test_a_writer_after_a_slash_or_a_bar_signs_the_post() -> None:
    # Central News: "10.30pm / Chris Lo", "11pm / Ike Morris".
    for raw, name in (("10.30pm / Chris Lo", "Chris Lo"), ("11pm / Ike Morris", "Ike Morris")):
        label = parse_label(raw)
        assert label is not None and (label.author, label.glued) == (name, ""), raw
    label = parse_label("11pm | Polls close across the state")
    assert label is not None and label.glued == "Polls close across the state"


def test_a_picture_credit_alone_is_no_headline_and_a_cut_excerpt_keeps_labels_on_top() -> None:
    page = (
        "Hong Kong rally: Live updates\n\nProtesters march on Legco\n\nPhoto: Kelly Ho/SCMP\n\n"
        f"{BODY}\n\n"
        + "".join(f"[UPDATE - Monday, {clock}]\n\n{BODY}\n\n" for clock in ("8.19pm", "8.12pm"))
        + f"[UPDATE - Monday, 8.11pm]\n\n{BODY}\n\nThe party said in a statement that it was"
    )
    posts = _posts(page, 2019, 7, 1, 12, 50)
    assert [p.published_at_raw for p in posts] == [
        "[UPDATE - Monday, 8.19pm]",
        "[UPDATE - Monday, 8.12pm]",
        "[UPDATE - Monday, 8.11pm]",
    ]
    assert posts[-1].body[-1] == "The party said in a statement that it was"


def test_new_zealand_regions_set_the_clock_and_a_senators_title_ends_no_sentence() -> None:
    page = "Updates: what residents in Hawke's Bay need to know\n\nHawke's Bay\n\n" + "".join(
        f"{clock}: {BODY}\n\n" for clock in ("9:20pm", "8:56pm", "8:51pm")
    )
    assert _posts(page, 2023, 2, 16, 8, 50)[0].published_at == datetime(
        2023, 2, 16, 8, 20, tzinfo=UTC
    )
    assert is_one_sentence("Democratic Sen. Dianne Feinstein wins reelection.")


def test_posts_run_together_are_cut_even_where_no_label_stands_alone() -> None:
    # A copy that lost every line break: no label opens a line, yet each post's is there.
    page = (
        "Poilievre projected to lose seat\n\nThe Conservative leader struggled to win. "
        "12:37 PM BST That's all for today Thanks for following our coverage. "
        "Here's what happened overnight: 12:25 PM BST Carleton's new MP thanks voters Liberal "
        "MP Bruce Fanjoy has thanked voters. 11:42 AM BST Nato chief looks to the alliance.\n"
    )
    posts = _posts(page, 2025, 4, 29, 12, 0)
    assert [p.published_at_raw for p in posts] == ["12:37 PM BST", "12:25 PM BST", "11:42 AM BST"]


def test_a_bracketed_label_after_a_dateline_and_a_day_in_a_list_are_read() -> None:
    # The Malay Mail: "KUALA LUMPUR, Nov 20 — [03.45am] Umno ..." opens its first post only.
    page = "GE15 live\n\nKUALA LUMPUR, Nov 20 \u2014 [03.45am] Umno kept the seat.\n\n" + "".join(
        f"[{clock}] {BODY}\n\n" for clock in ("3.40am", "3.20am")
    )
    posts = _posts(page, 2022, 11, 19, 20, 15)
    assert [p.published_at_raw for p in posts] == ["[03.45am]", "[3.40am]", "[3.20am]"]
    assert classify("\u2022 26 June").kind is DATE
    # "9am PDT (5pm BST)" names two zones as often: the newest post's freshness chooses.
    page = "Google I/O live\n\nIt starts at 9am PDT (5pm BST) on 25 June.\n\n" + "".join(
        f"{clock}\n\n{BODY}\n\n" for clock in ("10:54", "10:33", "10:31")
    )
    assert _posts(page, 2014, 6, 26, 10, 25)[0].published_at == datetime(
        2014, 6, 26, 9, 54, tzinfo=UTC
    )


def test_al_jazeeras_label_run_on_from_a_caption_is_the_next_posts_alone() -> None:
    text = (
        "Paetongtarn Shinawatra speaks to the media in Bangkok, Thailand, May 14, 2023 "
        "[Athit Perawongmetha/ Reuters] - 14 May 2023 - 17:16(17:16 GMT)"
    )
    line = classify(text)
    assert line.kind is TIME and line.label is not None
    assert (line.label.glued, line.label.clock) == ("", time(17, 16))


def test_a_clock_again_in_a_second_zone_and_as_of_in_brackets_are_part_of_the_label() -> None:
    label = parse_label("06:31 GMT/ 00:31 CST: War has reached downtown Kyiv.")
    assert label is not None
    assert (label.raw, label.glued, label.zone) == (
        "06:31 GMT/ 00:31 CST",
        "War has reached downtown Kyiv.",
        UTC,
    )
    label = parse_label("UPDATE (As of 3:15 p.m.): The defense accused the state of delay.")
    assert label is not None and label.clock == time(15, 15)
    assert label.glued == "The defense accused the state of delay."


def test_a_bracketed_lead_names_its_zone() -> None:
    # HitFix: "[1:00PM PDT] \u2013 Welcome to The Walking Dead panel ..."
    page = "Live Blog: The Walking Dead at Comic-Con\n\n" + "".join(
        f"[{clock} PDT] \u2013 {BODY}\n\n" for clock in ("1:09PM", "1:05PM", "1:00PM")
    )
    assert _posts(page, 2016, 7, 22, 20, 45)[0].published_at == datetime(
        2016, 7, 22, 20, 9, tzinfo=UTC
    )


def test_writers_closing_a_post_in_brackets_or_after_two_hyphens_sign_it() -> None:
    page = "Gaza live\n\n" + "".join(
        f"{clock}\n\nRockets were fired at {number} towns overnight, officials said.\n\n"
        f"The army said {number} soldiers were hurt in the raid.{sign}\n\n"
        for number, (clock, sign) in enumerate(
            (
                ("12:07 P.M.", "(Jack Khoury)"),
                ("10:50 A.M.", " (Yaniv Kubovitch and Almog Ben Zikri)"),
                ("10:35 A.M.", " --Andrew Flanagan"),
            ),
            start=2,
        )
    )
    posts = _posts(page, 2021, 5, 20, 10, 0)
    assert [p.authors for p in posts] == [
        ("Jack Khoury",),
        ("Yaniv Kubovitch", "Almog Ben Zikri"),
        ("Andrew Flanagan",),
    ]
    assert posts[0].body[-1] == "The army said 2 soldiers were hurt in the raid."


def test_labels_glued_to_sentences_split_a_flattened_page_and_a_players_clock_is_no_label() -> None:
    page = (
        "Election live\n\nSee more updates from across the state below:2:30 A.M.Former "
        "President Trump has won Pennsylvania.12:30 A.M.Allegheny County officials issued "
        "an update.11:50 P.M.Senator Casey spoke to supporters.\n"
    )
    posts = _posts(page, 2024, 11, 6, 8, 0)
    assert [p.published_at_raw for p in posts] == ["2:30 A.M.", "12:30 A.M.", "11:50 P.M."]
    assert classify("0:00 0:00").kind is not TIME


def test_a_key_event_that_cries_out_is_no_post_to_walk_the_days_from() -> None:
    page = (
        "Tokyo 2020 Olympics - as it happened\n\nKey events Show\n"
        "\u2022 11.54am BST11:54 GOLD! Aaron Wolf of Japan wins the men's -100kg judo!\n"
        "\u2022 10.42am BST10:42 Gold! Shori Hamada of Japan wins\nLive feed Show\n\n"
        + "".join(
            f"{clock}\n\nRowing: race {number} is under way on the Sea Forest course.\n\n"
            for number, clock in enumerate(("12.03am BST00:03", "11.58pm BST23:58", "11.54pm"))
        )
    )
    posts = _posts(page, 2021, 7, 29, 23, 33)
    assert [p.published_at for p in posts[:2]] == [
        datetime(2021, 7, 29, 23, 3, tzinfo=UTC),
        datetime(2021, 7, 29, 22, 58, tzinfo=UTC),
    ]


def test_the_bbcs_post_without_a_title_has_no_headline() -> None:
    page = "Armagh v Galway live\n\n" + "".join(
        f"  {n}. {title}published at 14:{minute} British Summer Time 28 July\n\n"
        f"    Supporters number {n} arrive at Croke Park for the final.\n\n"
        for n, (title, minute) in enumerate((("Boylan hailed", "54"), ("Post", "46")), start=1)
    )
    posts = _posts(page, 2024, 7, 28, 14, 30)
    assert [p.headline for p in posts] == ["Boylan hailed", None]


def test_a_matchs_moment_in_capitals_is_no_writer() -> None:
    assert not is_name_line("KICK OFF")
    assert not is_name_line("FULL TIME")
    assert is_name_line("JOANNA BAILEY")


def test_a_writer_under_most_labels_signs_the_posts_not_the_page() -> None:
    page = "Storm Darragh live\n\n" + "".join(
        f"{age} minutes ago\nGareth Hanna\n\nTravel update number {age}\n\n"
        f"Services number {age} were suspended until further notice, the operator said.\n\n"
        for age in (5, 35, 38)
    )
    posts = _posts(page, 2024, 12, 7, 12, 0)
    assert [p.authors for p in posts] == [("Gareth Hanna",)] * 3
    assert posts[0].headline == "Travel update number 5"


def test_a_clock_that_left_its_meridian_out_among_posts_that_give_it_is_one_more_post() -> None:
    page = "Grammys 2017 live blog\n\n" + "".join(
        f"{clock} {text}\n\n"
        for clock, text in (
            ("9:32", "Katy Perry performs her new single with Skip Marley."),
            ("9:18 p.m.", "You knew he'd reference Car Pool Karaoke."),
            ("9:15 p.m.", "Best Country Music Performance goes to Maren Morris."),
            ("9:10 p.m.", "Snoop Dogg cameos in the most bizarre ad for sneakers."),
        )
    )
    posts = _posts(page, 2017, 2, 13, 3, 0)
    assert [p.published_at for p in posts[:2]] == [
        datetime(2017, 2, 13, 2, 32, tzinfo=UTC),
        datetime(2017, 2, 13, 2, 18, tzinfo=UTC),
    ]
