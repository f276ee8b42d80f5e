"""Text browsers' dumps: lines wrapped at 80 columns, lynx's link numbers and buttons."""

from datetime import UTC, datetime
from pathlib import Path

from workers.parsing import parse_snapshot
from workers.parsing.dumps import from_dump, looks_like_dump

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

LYNX = """\
   [1]Fox News
     * [2]U.S.
     * [3]Politics
     * [4]World
     * [5]Opinion

Hurricane Nadine live updates: Storm makes landfall near Cedar Key as Category 3

Power outages top 640,000 across Florida

   By Julia Ramos
   12 mins ago

   Utility tracker data shows more than 640,000 customers without power in
   Florida, most of them in Levy, Citrus and Marion counties, officials said.
   (BUTTON) Share (BUTTON) Copy link

DeSantis: 'Do not go outside to look at the storm'

   By Greg Norman
   38 mins ago

   Gov. Ron DeSantis urged residents in the path of the eye to stay where
   they are until the winds subside, warning that the calm of the eye can
   last less than an hour.
   (NOAA)

Storm surge of 12 feet possible, NHC warns

   By Adam Sabes
   2 hours ago

   Forecasters warned of a life-threatening storm surge of 8 to 12 feet
   between the Suwannee River and Yankeetown, the hurricane center said.

References

   1. https://www.foxnews.com/
   2. https://www.foxnews.com/us
   3. https://www.foxnews.com/politics
   4. https://www.foxnews.com/world
   5. https://www.foxnews.com/opinion
"""


def test_a_lynx_dump_reads_as_its_page() -> None:
    assert looks_like_dump(LYNX)
    posts = parse_snapshot(LYNX, captured_at=datetime(2026, 9, 28, 16, tzinfo=UTC)).posts
    assert [(p.headline, p.authors) for p in posts] == [
        ("Power outages top 640,000 across Florida", ("Julia Ramos",)),
        ("DeSantis: 'Do not go outside to look at the storm'", ("Greg Norman",)),
        ("Storm surge of 12 feet possible, NHC warns", ("Adam Sabes",)),
    ]
    assert posts[1].body == (
        "Gov. Ron DeSantis urged residents in the path of the eye to stay where they are until "
        "the winds subside, warning that the calm of the eye can last less than an hour.",
    )
    assert "https://www.foxnews.com/us" not in from_dump(LYNX)


def test_wrapped_lines_join_but_a_time_or_a_credit_under_them_does_not() -> None:
    dump = (
        "  A fallen tree blocks a road in Wan Chai on Wednesday, near the tram lines. Photo:\n"
        "  Jelly Tse\n"
        "  16 Sep 2026 - 1:30PM\n\n"
        "  Today's version is about 12 feet in diameter, covered in more than 2,600\n"
        "  Waterford crystal triangles and lit by tens of thousands of LEDs, it said.\n"
        "  11:20 p.m. EST\n\n"
        "  Forecasters warned of a life-threatening storm surge of 8 to 12 feet near the\n"
        "  coast.\n"
        "  FacebookTwitterEmail\n\n"
        "  Updated Thursday, January 1, 2026 at 12:21 a.m. EST | First published on Dec. 31\n"
        "  at 5:02 a.m. EST\n"
    )
    assert from_dump(dump).split("\n") == [
        "  A fallen tree blocks a road in Wan Chai on Wednesday, near the tram lines. Photo:"
        " Jelly Tse",
        "  16 Sep 2026 - 1:30PM",
        "",
        "  Today's version is about 12 feet in diameter, covered in more than 2,600 Waterford"
        " crystal triangles and lit by tens of thousands of LEDs, it said.",
        "  11:20 p.m. EST",
        "",
        "  Forecasters warned of a life-threatening storm surge of 8 to 12 feet near the coast.",
        "  FacebookTwitterEmail",
        "",
        "  Updated Thursday, January 1, 2026 at 12:21 a.m. EST | First published on Dec. 31"
        " at 5:02 a.m. EST",
        "",
    ]


def test_a_page_as_a_browser_shows_it_is_no_dump() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        assert not looks_like_dump(seed.read_text(encoding="utf-8")), seed.name


def test_pandocs_plain_text_lists_and_empty_image_alts_are_dropped_marks() -> None:
    dump = "".join(
        f"Some words that fill a line of pandoc's plain text, which wraps at {n}\n"
        f"columns, and goes on here.\n\n"
        for n in range(4)
    )
    dump += "-   Facebook\n-   X\n\n[]Alicia Navarro\n"
    assert from_dump(dump).split("\n")[-5:] == [
        "\u2022 Facebook",
        "\u2022 X",
        "",
        "Alicia Navarro",
        "",
    ]
