"""Markdown captures (Firecrawl, Jina Reader, html2text) read as the page's plain text does."""

from datetime import UTC, datetime

from workers.parsing import parse_snapshot
from workers.parsing.markdown import from_markdown, looks_like_markdown

PAGE = """[Fox News](/)

* [U.S.](/us)
* [Politics](/politics)

# Hurricane live updates

### Power outages top 640,000 across Florida

By Julia Ramos

**12 mins ago**

Utility tracker data shows more than 640,000 customers without power.

![](radar.jpg)

---

### Storm surge of 12 feet possible

By Adam Sabes

**2 hours ago**

Forecasters warned of a life\\-threatening storm surge.

1. Stay indoors
2. Charge your phone

### Evacuation orders in place

By Louis Casiano

**5 hours ago**

Mandatory evacuation orders covered coastal zones in [15 counties](/map).
"""


def test_markdown_is_told_from_plain_text() -> None:
    assert looks_like_markdown(PAGE)
    assert not looks_like_markdown("12:04 GMT\n\nThe minister said [sic] it was done.\n")
    assert not looks_like_markdown("Headline\n\n# 1 seed wins\n\nText.\n")  # one mark only


def test_its_syntax_goes_and_its_text_stays() -> None:
    text = from_markdown(PAGE)
    lines = text.splitlines()
    assert "Power outages top 640,000 across Florida" in lines
    assert "12 mins ago" in lines
    assert "\u2022 Stay indoors" in lines and "\u2022 U.S." in lines
    assert "Mandatory evacuation orders covered coastal zones in 15 counties." in lines
    assert "Forecasters warned of a life-threatening storm surge." in lines
    assert "](" not in text and "#" not in text and "**" not in text


def test_a_markdown_capture_parses_as_its_text_does() -> None:
    captured = datetime(2026, 9, 28, 16, 30, tzinfo=UTC)
    posts = parse_snapshot(PAGE, captured_at=captured).posts
    assert [(p.headline, p.authors) for p in posts] == [
        ("Power outages top 640,000 across Florida", ("Julia Ramos",)),
        ("Storm surge of 12 feet possible", ("Adam Sabes",)),
        ("Evacuation orders in place", ("Louis Casiano",)),
    ]
    assert posts[1].bullets == ("Stay indoors", "Charge your phone")
    plain = parse_snapshot(from_markdown(PAGE), captured_at=captured).posts
    assert [p.fingerprint for p in posts] == [p.fingerprint for p in plain]


def test_wrapped_lines_are_joined_into_their_paragraph() -> None:
    # html2text wraps at 78 columns, inside links and headings too; "1. Pinned" and its
    # label are one list item.
    wrapped = (
        "# Hurricane Nadine live updates: Storm makes landfall near Cedar Key as\n"
        "Category 3\n\n"
        "Gov. Ron DeSantis urged residents in the path of the eye to stay where\n"
        "they are, [said the\nstate](/fl).  \nA hard break stays.\n\n"
        "1. Pinned\n   published at 07:05 GMT\n\n  * one item\n  * another\n"
    )
    assert from_markdown(wrapped).splitlines() == [
        "Hurricane Nadine live updates: Storm makes landfall near Cedar Key as Category 3",
        "",
        "Gov. Ron DeSantis urged residents in the path of the eye to stay where they are, "
        "said the state.  ",
        "A hard break stays.",
        "",
        "\u2022 Pinned    published at 07:05 GMT",
        "",
        "\u2022 one item",
        "\u2022 another",
    ]


def test_unclosed_markup_is_left_as_it_is() -> None:
    # (Each span the patterns match is bounded, so such a line is also read in linear time.)
    for opener in ("[x ", "**a ", "![a ", "*a "):
        line = opener * 20_000
        assert from_markdown(line) == line
