"""Properties of the parser on arbitrary text and on variants of the seeds."""

import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from schemas.posts import Snapshot
from workers.parsing import parse_snapshot
from workers.parsing.lines import normalize_line, split_lines

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
CAPTURES = sorted((Path(__file__).resolve().parent / "captures").glob("*.txt"))
PAGES = [path.read_text(encoding="utf-8") for path in (*SEEDS, *CAPTURES)]

MODEST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text built from the pieces pages are made of, so that examples reach the layouts.
FRAGMENTS = st.sampled_from(
    [
        "17 min ago", "2 hr 8 min ago", "Updated 12:50 a.m. ET, July 12, 2023", "1329 GMT Head",
        "0633 GMT — Headline", "6:34 a.m. ET, July 26, 2023", "Friday, June 2, 2023",
        "From CNN's Betsy Klein in Vilnius, Lithuania", "By Tara Subramaniam, CNN",
        "Link Copied!", "19 Posts", "  • Label: text", "Caption.", "Caption. Getty Images",
        "(Pool)", "10.42 BST", "20m ago (08:53 GMT)Headline", "1h ago", "17:26",
        "03:42 , Tom Watling", "9:13 a.m.", "GO DEEPER", "02:56 - Source: CNN", "Key events",
        "Headline without a period", "A paragraph that ends.", "", " ", "\u00a0", "Read more here.",
        "published at 14:05 British Summer Time 3 May 2023", "Image source, Reuters",
        "Image caption, A caption", "Marc Santora", "Reporting from Kyiv", "31 February 2023",
        "99:99 GMT", "9999 days ago", "May 3, 2023, 10:05 a.m. ET",
    ]
)  # fmt: skip
PAGE_LIKE = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=60).map("\n".join)


@MODEST
@given(st.text(max_size=2000))
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    parse_snapshot(text)


@MODEST
@given(PAGE_LIKE)
def test_parse_never_raises_on_page_like_text(text: str) -> None:
    parse_snapshot(text)


def test_a_5_mb_single_line_parses() -> None:
    snapshot = parse_snapshot("Ukraine 17:26 GMT (08:53 GMT) " * 180_000)
    # Posts run together on one line: each zoned clock after the first starts one.
    assert len(snapshot.posts) == 179_999


def test_a_5_mb_page_of_many_lines_parses() -> None:
    page = "\n".join(PAGES)
    # Each copy's posts differ (a post printed twice is one post: the pinned-post rule).
    copies = [page.replace(" the ", f" the {n} ") for n in range(5_000_000 // len(page) + 1)]
    snapshot = parse_snapshot("\n".join(copies))
    assert len(snapshot.posts) > 1000


def test_a_page_of_20000_tiny_posts_parses() -> None:
    snapshot = parse_snapshot("Link Copied!\n17 min ago\n\nHeadline\nText.\n" * 20_000)
    assert len(snapshot.posts) == 20_000
    assert {(p.headline, p.body, p.published_at_raw) for p in snapshot.posts} == {
        ("Headline", ("Text.",), "17 min ago")
    }


def fingerprints(snapshot: Snapshot) -> list[str]:
    return [post.fingerprint for post in snapshot.posts]


@MODEST
@given(
    st.sampled_from(PAGES),
    st.sampled_from(["\r\n", "\r", "\n"]),
    st.sampled_from(["", " ", "  ", "\t", "\u00a0"]),
    st.booleans(),
)
def test_line_endings_trailing_spaces_and_nbsp_keep_fingerprints(
    page: str, ending: str, trailing: str, nbsp: bool
) -> None:
    variant = ending.join(line + trailing for line in page.split("\n"))
    if nbsp:
        variant = variant.replace(" ", "\u00a0", 50)
    assert fingerprints(parse_snapshot(variant)) == fingerprints(parse_snapshot(page))


# Words the parser folds into structure rather than keeping as text: the "From" of a byline,
# its outlet, the "Updated" of a header.
STRUCTURAL = {
    *("from", "by", "and", "in", "analysis", "updated", "posts", "post", "edited", "reporting"),
    *("posted", "written", "opinion", "commentary", "compiled", "reported"),
    *("image", "source", "caption", "credit", "photograph", "photo", "picture", "pic"),
    *("cnn", "cnn's", "cnn\u2019s", "business"),
}
WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def accounted_words(snapshot: Snapshot) -> set[str]:
    blog = snapshot.blog
    texts = [blog.title or "", blog.outlet or "", blog.updated_at_raw or "", *blog.lead]
    texts += [*blog.authors, str(blog.declared_post_count), *snapshot.chrome]
    for post in snapshot.posts:
        texts += [post.headline or "", post.published_at_raw or "", post.location or ""]
        texts += [*post.authors, *post.body, *post.bullets]
        texts += [part for image in post.images for part in (image.caption, image.credit or "")]
    found: set[str] = set()
    for text in texts:
        found |= words(text)
    return found


def assert_no_line_lost(text: str) -> None:
    snapshot = parse_snapshot(text)
    accounted = accounted_words(snapshot)
    for raw in split_lines(text):
        line = normalize_line(raw)
        if not line:
            continue
        lost = words(line) - accounted - STRUCTURAL
        assert not lost, f"{line!r} lost {sorted(lost)}"


def test_no_seed_or_capture_line_is_lost() -> None:
    for page in PAGES:
        assert_no_line_lost(page)


@MODEST
@given(PAGE_LIKE)
# A line that repeats the one above and runs on ("0", then "00") is no caption with its credit.
@example("17 min ago\n0\n00\nFrom CNN's Betsy Klein in Vilnius, Lithuania")
def test_no_line_of_page_like_text_is_lost(text: str) -> None:
    assert_no_line_lost(text)
