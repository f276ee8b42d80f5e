"""The generic path reads hand-written captures in the styles of outlets not in the seeds."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas.posts import Snapshot
from workers.parsing import parse_snapshot
from workers.parsing.outlets import OUTLETS, detect_outlet

CAPTURES = Path(__file__).resolve().parent / "captures"


def parse(name: str, captured_at: str | None) -> Snapshot:
    at = datetime.fromisoformat(captured_at) if captured_at else None
    return parse_snapshot((CAPTURES / name).read_text(encoding="utf-8"), captured_at=at)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_guardian_reads_bst_labels_photograph_credits_and_skips_key_events() -> None:
    snapshot = parse("guardian.txt", "2023-05-03T11:30:00+00:00")
    assert snapshot.blog.outlet == "The Guardian"
    assert snapshot.blog.title is not None and snapshot.blog.title.startswith("Russia-Ukraine")
    assert [p.headline for p in snapshot.posts] == [
        "Summary of the day so far",
        "Zelenskiy says counteroffensive \u2018will begin soon\u2019",
        None,
        "Kyiv air defences down 21 drones",
    ]
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T10:48"),
        utc("2023-05-03T09:42"),
        utc("2023-05-03T08:15"),
        utc("2023-05-03T07:01"),
    ]
    assert snapshot.posts[0].bullets[1] == "The EU proposed new sanctions targeting Chinese firms."
    assert snapshot.posts[1].images[0].credit == "Heikki Saukkomaa/AP"
    assert "Key events" in snapshot.chrome and "Updated at 09.31 BST" in snapshot.chrome


def test_bbc_reads_spoken_labels_bylines_and_image_blocks() -> None:
    snapshot = parse("bbc.txt", None)
    assert snapshot.blog.outlet == "BBC"
    assert snapshot.blog.authors == ("Paul Kirby", "Jaroslav Lukiv")
    assert len(snapshot.posts) == 4
    first, second, third, fourth = snapshot.posts
    assert first.headline == "Kremlin says Putin was not in the building"
    assert first.published_at == utc("2023-05-03T13:05")
    assert first.images[0].caption.startswith("Smoke rises over the Kremlin")
    assert first.images[0].credit == "Reuters"
    assert second.authors == ("James Waterhouse",)
    assert third.published_at == utc("2023-05-02T23:20")
    assert fourth.published_at == utc("2023-05-02T22:55")


def test_al_jazeera_reads_labels_glued_to_headlines() -> None:
    snapshot = parse("aljazeera.txt", None)
    assert snapshot.blog.outlet == "Al Jazeera"
    assert [p.headline for p in snapshot.posts] == [
        "Zelenskyy denies Ukraine attacked Putin or Moscow",
        "Russia says it shot down two drones over the Kremlin",
        "Ukraine's air force reports overnight drone attack",
        "Wagner chief threatens to pull fighters from Bakhmut",
    ]
    # No capture time: the GMT clock times take the page's date and wrap past midnight.
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T08:53"),
        utc("2023-05-03T08:05"),
        utc("2023-05-03T07:40"),
        utc("2023-05-02T23:10"),
    ]
    assert snapshot.posts[0].published_at_raw == "20m ago (08:53 GMT)"
    assert snapshot.posts[1].images[0].credit == "Ostorozhno Novosti/Reuters"


def test_sky_pairs_relative_and_clock_lines() -> None:
    snapshot = parse("sky.txt", "2023-05-03T17:30:00+00:00")
    assert snapshot.blog.outlet == "Sky News"
    assert [p.headline for p in snapshot.posts] == [
        "Kremlin 'drone attack': Russia claims assassination attempt",
        "Zelensky denies Ukraine involvement",
        "Drone debris falls in Kyiv",
    ]
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T16:26"),
        utc("2023-05-03T15:05"),
        utc("2023-05-03T11:00"),
    ]
    assert snapshot.posts[0].published_at_raw == "1h ago 17:26"
    assert "Breaking" in snapshot.chrome


def test_independent_reads_headline_before_time_and_author() -> None:
    snapshot = parse("independent.txt", "2023-05-03T17:10:00+00:00")
    assert snapshot.blog.outlet == "The Independent"
    assert snapshot.blog.authors == ("Tom Watling", "Andy Gregory")
    assert [p.headline for p in snapshot.posts] == [
        "Kremlin vows response after alleged drone attack",
        "Zelensky: 'We don't attack Putin'",
        "Russian missile strike kills 21 in Kherson region",
        "Ukraine shoots down drones over Kyiv",
    ]
    assert [p.authors for p in snapshot.posts] == [
        ("Andy Gregory",),
        ("Tom Watling",),
        ("Tom Watling",),
        ("Tom Watling",),
    ]
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T17:02"),
        utc("2023-05-03T14:40"),
        utc("2023-05-03T00:15"),
        utc("2023-05-02T21:50"),
    ]
    assert snapshot.posts[0].body[-1] == "Moscow did not present evidence for its claim."


def test_washington_post_reads_bare_eastern_times_across_midnight() -> None:
    snapshot = parse("wapo.txt", None)
    assert snapshot.blog.outlet == "The Washington Post"
    assert snapshot.blog.authors == ("Robyn Dixon", "Mary Ilyushina", "Kyle Rempfer")
    assert snapshot.blog.updated_at == utc("2023-05-03T15:48")
    assert snapshot.captured_at == utc("2023-05-03T15:48")
    assert [p.authors for p in snapshot.posts] == [
        ("Mary Ilyushina",),
        ("Kyle Rempfer",),
        ("Robyn Dixon",),
    ]
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T13:13"),
        utc("2023-05-03T12:02"),
        utc("2023-05-03T03:40"),
    ]


def test_ap_reads_relative_labels_capital_bylines_and_ap_photo_credits() -> None:
    snapshot = parse("ap.txt", "2023-05-03T16:30:00+00:00")
    assert snapshot.blog.outlet == "AP"
    assert [p.headline for p in snapshot.posts] == [
        "KREMLIN SAYS PUTIN WAS NOT HURT",
        "ZELENSKYY DENIES ATTACKING MOSCOW",
    ]
    assert [p.authors for p in snapshot.posts] == [("Yuras Karmanau",), ("Hanna Arhirova",)]
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T14:30"),
        utc("2023-05-03T13:30"),
    ]
    assert snapshot.posts[0].images[0].credit == "AP Photo/Alexander Zemlianichenko"


def test_reuters_reads_gmt_labels_and_closing_reporting_credits() -> None:
    snapshot = parse("reuters.txt", None)
    assert snapshot.blog.outlet == "Reuters"
    assert [p.published_at for p in snapshot.posts] == [
        utc("2023-05-03T10:52"),
        utc("2023-05-03T09:30"),
    ]
    assert snapshot.posts[0].authors == ("Guy Faulconbridge", "Mark Trevelyan")
    assert snapshot.posts[1].authors == ("Anne Kauranen",)
    assert snapshot.posts[0].body[0].startswith("MOSCOW (Reuters)")


def test_nyt_reads_dated_labels_names_and_reporting_from() -> None:
    snapshot = parse("nyt.txt", None)
    assert snapshot.blog.outlet == "The New York Times"
    assert snapshot.blog.title == "Russia Accuses Ukraine of Drone Attack on Kremlin"
    first, second = snapshot.posts
    assert first.authors == ("Anton Troianovski",)
    assert first.location == "Berlin"
    assert first.published_at == utc("2023-05-03T14:05")
    assert first.images[0].credit == "Ostorozhno Novosti, via Reuters"
    assert second.authors == ("Marc Santora", "Andrew E. Kramer")
    assert second.location == "Kyiv, Ukraine"


@pytest.mark.parametrize("name", sorted(path.name for path in CAPTURES.glob("*.txt")))
def test_every_capture_has_posts_with_bodies(name: str) -> None:
    snapshot = parse(name, "2023-05-03T18:00:00+00:00")
    assert snapshot.posts
    assert all(post.body or post.bullets for post in snapshot.posts)


def test_another_outlet_named_in_key_events_and_headlines_is_not_the_pages() -> None:
    head = "US EditionUK Edition\n\nRiots LIVE: stand-off in the city centre\n\n" + "\n" * 40
    events = "Key Events\n" + "".join(
        f"  \u2022 Fox News stops its broadcast as the crowd shouts{minute}\n"
        for minute in (":35", ":20", ":05")
    )
    posts = "".join(
        f"21:{minute}\n\nFox News stops its broadcast as the crowd shouts\n\n"
        "A reporter was forced to stop her live report as a group shouted at the camera.\n\n"
        for minute in ("35", "20", "05")
    )
    page = head + events + "\n" + posts + "Subscribe to the Daily Mirror\n"
    snapshot = parse_snapshot(page, captured_at=utc("2024-08-05T20:40"))
    assert snapshot.blog.outlet != "Fox News"
    assert [p.published_at for p in snapshot.posts][:1] == [utc("2024-08-05T20:35")]


def test_a_city_papers_bare_clocks_are_in_its_own_zone() -> None:
    page = (
        "Election Live Blog: the mayoral race\n\nChicago Sun-Times\n\n"
        "10:07 p.m.\nThe council is poised to change\n\nText of the post.\n\n"
        "9:33 p.m.\nDynasties at stake\n\nText of the post.\n"
    )
    snapshot = parse_snapshot(page, captured_at=utc("2019-04-03T03:15"))
    assert snapshot.blog.outlet == "Chicago Sun-Times"
    assert [p.published_at for p in snapshot.posts] == [
        utc("2019-04-03T03:07"),
        utc("2019-04-03T02:33"),
    ]


def test_an_outlet_whose_name_holds_anothers_is_itself() -> None:
    # "bdnews24.com" holds News24's "news24": the leftmost marker names the page's.
    lines = ["Live: Election day in Bangladesh", "bdnews24.com's live coverage"]
    outlet = detect_outlet(lines)
    assert outlet is not None and outlet.name == "bdnews24.com"
    assert detect_outlet(["Live | News24"]) == next(o for o in OUTLETS if o.name == "News24")
