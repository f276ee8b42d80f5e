"""Time labels: Eastern time with daylight saving, BST, GMT, relative times, midnight."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from workers.parsing import parse_snapshot
from workers.parsing.lines import BULLET, TIME, classify
from workers.parsing.times import LONDON, NEW_YORK, parse_date_line, parse_label, place


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("6:34 a.m. ET, July 26, 2023", "2023-07-26T10:34"),  # EDT, UTC-4
        ("6:34 a.m. ET, January 26, 2023", "2023-01-26T11:34"),  # EST, UTC-5
        ("12:01 a.m. ET, July 26, 2023", "2023-07-26T04:01"),
        ("12:30 p.m. ET, July 26, 2023", "2023-07-26T16:30"),
        ("8:34 p.m. ET, July 25, 2023", "2023-07-26T00:34"),
        ("1:30 a.m. ET, March 12, 2023", "2023-03-12T06:30"),  # the night clocks go forward
        ("May 3, 2023, 10:05 a.m. ET", "2023-05-03T14:05"),
        ("9:13 AM EDT, May 3, 2023", "2023-05-03T13:13"),
        ("published at 14:05 British Summer Time 3 May 2023", "2023-05-03T13:05"),
        ("Wed 3 May 2023 10.42 BST", "2023-05-03T09:42"),
        ("Wed 3 Jan 2024 5.51pm GMT", "2024-01-03T17:51"),
        ("Sun, 28/04/2024 - 11:20", "2024-04-28T15:20"),
    ],
)
def test_dated_labels_resolve_to_utc(label: str, expected: str) -> None:
    parsed = parse_label(label)
    assert parsed is not None and parsed.day is not None
    assert place(parsed, parsed.day, NEW_YORK) == utc(expected)


@pytest.mark.parametrize(
    ("label", "minutes"),
    [("17 min ago", 17), ("2 hr 8 min ago", 128), ("20m ago", 20), ("1h ago", 60),
     ("2 hours ago", 120), ("Just now", 0), ("an hour ago", 60), ("1 day ago", 1440),
     ("2 weeks ago", 14 * 1440), ("1 month ago", 30 * 1440), ("a month ago", 30 * 1440),
     ("3 mo ago", 90 * 1440)],
)  # fmt: skip
def test_relative_labels_read_as_durations(label: str, minutes: int) -> None:
    parsed = parse_label(label)
    assert parsed is not None
    assert parsed.relative == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("label", "clock", "glued"),
    [
        ("1329 GMT Ukraine war shifted policy", time(13, 29), "Ukraine war shifted policy"),
        ("0633 GMT \u2014 Two drones hit towns", time(6, 33), "Two drones hit towns"),
        ("20m ago (08:53 GMT)Zelenskyy denies attack", time(8, 53), "Zelenskyy denies attack"),
        ("10.42 BST", time(10, 42), ""),
        ("17:26", time(17, 26), ""),
        ("9:13 a.m.", time(9, 13), ""),
    ],
)  # fmt: skip
def test_clock_labels_keep_glued_headlines_apart(label: str, clock: time, glued: str) -> None:
    parsed = parse_label(label)
    assert parsed is not None
    assert (parsed.clock, parsed.glued) == (clock, glued)


def test_independent_label_carries_its_author() -> None:
    parsed = parse_label("03:42 , Tom Watling")
    assert parsed is not None
    assert (parsed.clock, parsed.author, parsed.raw) == (time(3, 42), "Tom Watling", "03:42")


@pytest.mark.parametrize(
    ("text", "clock"),
    [("9:42am EST, 5:42pm EAT", time(9, 42)), ("10am EST, 6pm EAT", time(10)),
     ("14:05 GMT / 10:05 ET", time(14, 5))],
)  # fmt: skip
def test_the_same_time_in_a_second_zone_is_part_of_the_label(text: str, clock: time) -> None:
    parsed = parse_label(text)
    assert parsed is not None and parsed.zone is not None
    assert (parsed.clock, parsed.raw, parsed.glued) == (clock, text, "")


def test_an_update_with_its_time_in_two_zones_opens_its_paragraph() -> None:
    parsed = parse_label("UPDATE - 10.36 pm IST (5.06 pm GMT) - The covers are off.")
    assert parsed is not None and parsed.clock == time(22, 36)
    assert parsed.zone is not None and parsed.zone.utcoffset(None) == timedelta(hours=5.5)
    assert (parsed.raw, parsed.glued) == (
        "UPDATE - 10.36 pm IST (5.06 pm GMT)",
        "The covers are off.",
    )


def test_an_hour_set_off_from_text_is_a_label_that_the_pages_order_may_drop() -> None:
    # Read as a label here; a diary's item out of the page's order is text (the layout).
    label = parse_label("10am: A minister speaks at a think tank.")
    assert label is not None
    assert (label.clock, label.glued) == (time(10), "A minister speaks at a think tank.")


def test_a_24_hour_clock_written_with_pm_is_that_clock() -> None:
    parsed = parse_label("13.28pm New goat born at the city farm!")
    assert parsed is not None
    assert (parsed.clock, parsed.glued) == (time(13, 28), "New goat born at the city farm!")


def test_a_clock_with_its_meridian_opens_a_paragraph_as_its_label() -> None:
    parsed = parse_label("12.44pm Hospitals may have to save more, a report says.")
    assert parsed is not None and parsed.clock == time(12, 44)
    assert parsed.glued == "Hospitals may have to save more, a report says."


@pytest.mark.parametrize(
    "text",
    [
        "2013: Ukraine's former President Viktor Yanukovych was under pressure.",
        "10.42 million people fled",
        "24 hours ago, the talks collapsed.",
        "02:56 - Source: CNN",
        "99:99 GMT",
        "13:00 a.m.",
        "The summit ends at 17:26 GMT",
    ],
)
def test_prose_is_not_a_label(text: str) -> None:
    assert parse_label(text) is None


def test_date_lines_read_with_and_without_year() -> None:
    friday = parse_date_line("Friday, June 2, 2023")
    assert friday is not None and (friday.day, friday.has_year) == (date(2023, 6, 2), True)
    published = parse_date_line("Published On 3 May 2023")
    assert published is not None and published.day == date(2023, 5, 3)
    bare = parse_date_line("Wednesday 3 May")
    assert bare is not None and not bare.has_year
    assert parse_date_line("31 February 2023") is None


def test_bst_and_gmt_follow_the_uk_clock_change_where_no_zone_is_printed() -> None:
    summer = parse_label("17:26")
    assert summer is not None and summer.clock is not None
    assert place(summer, date(2023, 7, 1), LONDON) == utc("2023-07-01T16:26")
    assert place(summer, date(2023, 12, 1), LONDON) == utc("2023-12-01T17:26")


def test_relative_times_resolve_against_the_capture_time() -> None:
    page = (
        "Live Updates\n\n17 min ago\n\nHeadline\n\nText.\n\n2 hr 8 min ago\n\nOther\n\nMore text.\n"
    )
    snapshot = parse_snapshot(page, captured_at=utc("2023-07-12T04:50"))
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-07-12T04:33"),
        utc("2023-07-12T02:42"),
    ]


def test_relative_times_resolve_against_the_updated_header_without_a_capture_time() -> None:
    page = (
        "Updated 12:50 a.m. ET, July 12, 2023\n17 min ago\n\nHeadline\n\nText.\n\n"
        "1 min ago\n\nOther\n\nMore.\n"
    )
    snapshot = parse_snapshot(page)
    assert snapshot.captured_at == utc("2023-07-12T04:50")
    assert snapshot.posts[0].published_at == utc("2023-07-12T04:33")


def test_relative_times_without_any_reference_stay_unresolved() -> None:
    page = "17 min ago\n\nHeadline\n\nText.\n\n1 min ago\n\nOther\n\nMore.\n"
    snapshot = parse_snapshot(page)
    assert snapshot.captured_at is None
    assert [(p.published_at, p.published_at_raw) for p in snapshot.posts] == [
        (None, "17 min ago"),
        (None, "1 min ago"),
    ]


def test_newest_first_gmt_times_cross_midnight_into_the_day_before() -> None:
    page = (
        "Friday, June 2, 2023\n\n0633 GMT — Early\n\nText.\n\n"
        "2152 GMT — Late\n\nText.\n\n2100 GMT Later\n\nText.\n"
    )
    snapshot = parse_snapshot(page)
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-06-02T06:33"),
        utc("2023-06-01T21:52"),
        utc("2023-06-01T21:00"),
    ]


def test_bare_times_roll_back_a_day_when_later_than_the_capture() -> None:
    page = "9:13 a.m.\n\nHeadline\n\nText.\n\n8:02 a.m.\n\nOther\n\nMore.\n"
    snapshot = parse_snapshot(page, captured_at=utc("2023-05-03T12:30"))  # 8:30 a.m. EDT
    # 9:13 a.m. is not yet on the capture's day, so it is the day before; newest first,
    # 8:02 a.m. below it is older still: the same day before.
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-02T13:13"),
        utc("2023-05-02T12:02"),
    ]


def test_oldest_first_bare_times_step_forward_past_midnight() -> None:
    page = "The Guardian\n\n" + "".join(
        f"{clock} BST\n\nHeadline {clock}\n\nText.\n\n"
        for clock in ("22.50", "23.40", "00.15", "00.40")
    )
    snapshot = parse_snapshot(page, captured_at=utc("2023-05-03T00:00"))
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-02T21:50"),
        utc("2023-05-02T22:40"),
        utc("2023-05-02T23:15"),
        utc("2023-05-02T23:40"),
    ]


@pytest.mark.parametrize(
    ("label", "minutes", "clock"),
    [
        ("4m ago12.50 BST", 4, time(12, 50)),  # a CSS-less dump runs the two together
        ("1h ago11.58 BST", 60, time(11, 58)),
        ("49m ago 12.05\u00a0BST", 49, time(12, 5)),
    ],
)
def test_a_relative_label_run_into_a_zoned_clock_keeps_both(
    label: str, minutes: int, clock: time
) -> None:
    parsed = parse_label(label)
    assert parsed is not None
    assert parsed.relative == timedelta(minutes=minutes)
    assert parsed.clock == clock
    assert parsed.zone is not None


def test_a_relative_label_followed_by_prose_is_not_a_label() -> None:
    assert parse_label("4m ago the minister said") is None
    assert parse_label("4m ago 12.50") is None  # a clock without its zone: not this layout


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("November02202321:06 (IST)", "2023-11-02T15:36"),  # run together, zone in brackets
        ("November 2, 2023 9:20 PM IST", "2023-11-02T15:50"),
        ("21:06 (GMT)", None),
    ],
)
def test_compact_dates_and_bracketed_zones(label: str, expected: str | None) -> None:
    parsed = parse_label(label)
    assert parsed is not None and parsed.zone is not None
    if expected is not None:
        assert parsed.day is not None
        assert place(parsed, parsed.day, LONDON) == utc(expected)


def test_a_time_in_a_list_item_is_a_label_and_other_items_stay_bullets() -> None:
    assert classify("  • November02202321:06 (IST)").kind is TIME
    assert classify("  • 5 things to know about the match").kind is BULLET
    assert classify("  • 10:30 GMT Ministers arrive at the summit").kind is BULLET


def test_a_parse_warns_of_posts_it_could_not_time() -> None:
    page = "Live\n\n10:05\nFirst post headline here\nBody of the first post.\n\n09:40\n"
    page += "Second post headline here\nBody of the second post.\n"
    snapshot = parse_snapshot(page)
    assert len(snapshot.posts) == 2
    assert snapshot.warnings == ("2 of 2 posts without a time",)  # a clock with no date known
    assert parse_snapshot(page, captured_at=datetime(2025, 3, 1, 12, tzinfo=UTC)).warnings == ()


def test_a_page_without_labels_says_so() -> None:
    page = "Live\n\nFirst headline of the day\n\nA paragraph under it, long enough to read.\n\n"
    page += "Second headline of the day\n\nAnother paragraph under that one, also long.\n"
    assert parse_snapshot(page).warnings == ("no time labels",)


def test_a_zone_named_in_any_case_is_the_pages_zone() -> None:
    page = (
        "Markets live\nAll times below are in Eastern time.\n\n"
        "8:00 p.m. Futures slip\nTraders brace for the open.\n\n"
        "7:00 p.m. Earnings ahead\nThree companies report after the bell.\n"
    )
    posts = parse_snapshot(page, captured_at=utc("2020-03-01T02:00")).posts
    assert [p.published_at for p in posts] == [utc("2020-03-01T01:00"), utc("2020-03-01T00:00")]
    pacific = page.replace("Eastern time", "Pacific Time")
    posts = parse_snapshot(pacific, captured_at=utc("2020-03-01T05:00")).posts
    assert [p.published_at for p in posts] == [utc("2020-03-01T04:00"), utc("2020-03-01T03:00")]


def test_a_zone_one_label_names_is_the_zone_of_the_bare_labels_around_it() -> None:
    page = (
        "Keynote live\n\n6.10pm\nMore stats from the stage.\n\n"
        "6.05pm\nStats, and a video.\n\n6.02pm BST\nMusic, and the lights go down.\n"
    )
    posts = parse_snapshot(page, captured_at=utc("2013-06-10T20:00")).posts
    assert [p.published_at for p in posts] == [
        utc("2013-06-10T17:10"),
        utc("2013-06-10T17:05"),
        utc("2013-06-10T17:02"),
    ]


def test_a_zone_the_prose_gives_its_clocks_is_the_zone_of_a_page_of_an_unknown_outlet() -> None:
    page = (
        "Developer conference live\nThe keynote starts at 10am PT; follow along here.\n\n"
        "11:50 AM\nThat is it: the show is over.\n\n11:47 AM\nLaunch date is July 11.\n"
    )
    posts = parse_snapshot(page, captured_at=utc("2008-06-09T22:00")).posts
    assert [p.published_at for p in posts] == [utc("2008-06-09T18:50"), utc("2008-06-09T18:47")]


def test_clocks_written_the_british_way_are_read_in_london_where_nothing_else_says() -> None:
    page = "Funeral live\n\n3.46pm\nThe procession arrives.\n\n3.42pm\nCrowds fall silent.\n"
    posts = parse_snapshot(page, captured_at=utc("2022-09-19T17:00")).posts
    assert [p.published_at for p in posts] == [utc("2022-09-19T14:46"), utc("2022-09-19T14:42")]


@pytest.mark.parametrize(
    ("text", "raw", "clock", "glued"),
    [
        ("22m ago / 12:13 AM UTC", "22m ago / 12:13 AM UTC", time(0, 13), ""),
        ("UPDATE (1858): Both countries ban oil imports.", "UPDATE (1858)", time(18, 58),
         "Both countries ban oil imports."),
        ("(Saturday 10th March 2018 10:56:33 UTC)", "(Saturday 10th March 2018 10:56:33 UTC)",
         time(10, 56, 33), ""),
        ("12.03am BST00:03", "12.03am BST00:03", time(0, 3), ""),  # and its 24-hour twin
    ],
)  # fmt: skip
def test_labels_in_brackets_after_an_age_or_with_a_twin(
    text: str, raw: str, clock: time, glued: str
) -> None:
    label = parse_label(text)
    assert label is not None
    assert (label.raw, label.clock, label.glued) == (raw, clock, glued)


@pytest.mark.parametrize("text", ["(1858)", "(10:30) and then it rained", "(1858) Founded"])
def test_a_bracketed_number_is_no_label_without_an_update_before_it(text: str) -> None:
    assert parse_label(text) is None


def test_a_post_whose_last_line_ends_in_an_exclamation_does_not_head_the_next() -> None:
    posts = "".join(
        f"{clock}\n\n{text}\n\nAnd I, meanwhile, am off. Bye!\n\n"
        for clock, text in (
            ("12.03am BST", "Big Ben strikes midnight and with that this blog closes."),
            ("11.58pm BST", "Rowing: the final is won by a huge margin, and the crowd cheer."),
            ("11.54pm BST", "Rowing: the first of twelve races this morning begins."),
        )
    )
    parsed = parse_snapshot("Games live\n\n" + posts, captured_at=utc("2021-07-30T02:00")).posts
    assert [(p.headline, p.body[0][:8]) for p in parsed] == [
        (None, "Big Ben "),
        (None, "Rowing: "),
        (None, "Rowing: "),
    ]


def test_an_hour_without_a_zone_is_no_label_and_a_date_said_twice_is_one_date() -> None:
    assert classify("9pm.").kind is not TIME  # "... until" on the line above, wrapped
    line = classify("02/23/2025February 23, 2025")
    assert parse_date_line(line.text) is not None and line.kind.value == "date"
    assert parse_date_line("02/23/2025February 24, 2025") is None


def test_a_zoned_clock_beside_a_stale_age_is_the_posts_time() -> None:
    # An aggregator's copy keeps the age of its own crawl ("9 hours ago") over the clock.
    page = (
        "PMQs live\n\n9 hours ago\n12.28pm BST\n\nThe prime minister answers questions.\n\n"
        "12.26pm BST\n\nThe leader of the opposition rises.\n"
    )
    posts = parse_snapshot(page, captured_at=utc("2024-07-24T11:40")).posts
    assert [p.published_at for p in posts] == [utc("2024-07-24T11:28"), utc("2024-07-24T11:26")]
    # A bare clock far from its age stays a video's length: the age stands.
    video = "Live\n\n3 hours ago\n\nA video.\n2:34\n\n4 hours ago\n\nAnother post.\n"
    aged = parse_snapshot(video, captured_at=utc("2024-07-24T11:40")).posts
    assert [p.published_at for p in aged] == [utc("2024-07-24T08:40"), utc("2024-07-24T07:40")]


def test_a_12_hour_clock_without_its_meridian_is_read_nearest_the_post_before_it() -> None:
    page = "All times Eastern\n\n" + "".join(
        f"{clock}\n\nHeadline {clock}\n\nText.\n\n" for clock in ("1:15", "12:40", "11:55", "8:05")
    )
    snapshot = parse_snapshot(page, captured_at=utc("2023-05-03T17:30"))  # 1:30 p.m. EDT
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T17:15"),
        utc("2023-05-03T16:40"),
        utc("2023-05-03T15:55"),
        utc("2023-05-03T12:05"),
    ]


def test_padded_morning_clocks_stay_a_24_hour_dial() -> None:
    page = "".join(f"{clock}\n\nHeadline {clock}\n\nText.\n\n" for clock in ("09:15", "08:40"))
    snapshot = parse_snapshot(page, captured_at=utc("2023-05-03T23:30"))
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T09:15"),
        utc("2023-05-03T08:40"),
    ]


@pytest.mark.parametrize(
    ("line", "clock"),
    [("8 a.m.", time(8)), ("2 p.m.", time(14)), ("11 PM", time(23)), ("Noon", time(12))],
)
def test_an_hour_alone_on_its_line_is_a_label(line: str, clock: time) -> None:
    parsed = classify(line)
    assert parsed.kind is TIME
    assert parsed.label is not None
    assert parsed.label.clock == clock


@pytest.mark.parametrize("line", ["9pm.", "8 a.m. tomorrow", "Midnight Oil tour"])
def test_a_sentence_ending_in_an_hour_is_no_label(line: str) -> None:
    assert classify(line).kind is not TIME


def test_an_ap_latest_reads_its_hours_rules_and_dateline() -> None:
    page = (
        "The Latest: Storm nears the coast\n"
        "MIAMI (AP) \u2014 The Latest on the storm (all times Hawaii local):\n"
        "TAMPA, Florida, (AP) - 12:30 p.m.\nThe storm made landfall near Naples.\n"
        "\u2013\u2013\u2013\n"
        "Noon\nThe storm is expected to weaken further.\n\u2013\u2013\u2013\n"
        "8 a.m.\nThe storm weakened overnight, forecasters said.\n"
    )
    snapshot = parse_snapshot(page, captured_at=utc("2017-09-11T23:00"))
    assert [(p.published_at, p.headline, p.body[0][:9]) for p in snapshot.posts] == [
        (utc("2017-09-11T22:30"), None, "The storm"),
        (utc("2017-09-11T22:00"), None, "The storm"),
        (utc("2017-09-11T18:00"), None, "The storm"),
    ]


def test_an_age_in_thousands_of_days_and_a_label_set_after_a_dash() -> None:
    aged = parse_label("3,392d ago / 9:25 AM EST")
    assert aged is not None
    assert aged.relative == timedelta(days=3392)
    assert classify("- 2.55 PM").kind is TIME
    assert classify("- 5 things to know").kind is not TIME


def test_a_local_page_that_names_no_zone_keeps_its_places_clock() -> None:
    page = "Colorado election live: Denver results\n\n" + "".join(
        f"{clock} p.m.\n\n{headline}\n\nColorado counties report.\n\n"
        for clock, headline in (("7:40", "Polls close"), ("7:10", "Turnout is high"))
    )
    snapshot = parse_snapshot(page, captured_at=utc("2020-11-04T03:00"))
    assert [p.published_at for p in snapshot.posts] == [
        utc("2020-11-04T02:40"),  # Mountain time, not New York's
        utc("2020-11-04T02:10"),
    ]


def test_a_standard_time_named_in_summer_is_the_regions_clock() -> None:
    label = parse_label("10:22 a.m. PST")
    assert label is not None
    assert place(label, date(2017, 9, 12), UTC) == utc("2017-09-12T17:22")  # PDT, UTC-7
    assert place(label, date(2017, 12, 12), UTC) == utc("2017-12-12T18:22")
    run_on = parse_label("9/7/2016 5:00:02 PMI've been told we're close")
    assert run_on is not None
    assert (run_on.clock, run_on.glued) == (time(17, 0, 2), "I've been told we're close")


def test_places_in_a_posts_news_do_not_move_a_national_pages_clock() -> None:
    page = "Supreme Court ruling live\n\n" + "".join(
        f"Jun 24, {clock} pm\n\n{headline}\n\nShe spoke in Plainfield, Illinois, then Chicago.\n\n"
        for clock, headline in (("4:08", "Harris condemns the ruling"), ("3:40", "Protests"))
    )
    snapshot = parse_snapshot(page, captured_at=utc("2022-06-24T20:30"))
    assert snapshot.posts[0].published_at == utc("2022-06-24T20:08")  # New York's clock
