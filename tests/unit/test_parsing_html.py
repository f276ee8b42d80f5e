"""HTML captures: the text a reader sees, and the schema.org live-blog markup beside it."""

import json
from datetime import UTC, datetime

from tests.factories import T0
from workers.parsing import looks_like_html, read_html
from workers.parsing.webpage import live_blog_markup, page_text, parse_html
from workers.pipeline import Capture, ingest
from workers.store.memory import MemoryStore

BODY = "The council said the bridge would reopen on Friday after repairs to its deck."


def test_visible_text_is_laid_out_as_a_browser_shows_it() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><a>Home</a> <a>World</a></nav><h1>Floods live</h1>"
        "<article><time>12:05 GMT</time><h2>Bridge <em>to reopen</em></h2>"
        "<p>First line<br>second line</p><script>var x = 1;</script>"
        '<div hidden>secret</div><p style="display: none">gone</p>'
        "<table><tr><td>a</td><td>b</td></tr></table></article></body></html>"
    )
    assert page_text(parse_html(html)).splitlines() == [
        "Home World",
        "",
        "Floods live",
        "",
        "12:05 GMT",
        "",
        "Bridge to reopen",
        "",
        "First line",
        "second line",
        "",
        "a b",
    ]


def test_html_is_told_from_text_by_its_opening() -> None:
    assert looks_like_html("<!DOCTYPE html>\n<html>")
    assert looks_like_html("  <!-- saved by a scraper -->\n<html lang='en'>")
    assert not looks_like_html("Live updates\n<b>not a page</b>")


def test_a_live_blogs_element_saved_alone_is_html() -> None:
    cards = "".join(
        f"<div class='card'><div class='time'>{age}</div><div class='author'>Jo Bloggs</div>"
        f"<p>{BODY}</p></div>"
        for age in ("2 hours ago", "3 hours ago")
    )
    fragment = f'<div id="live">\n  <div class="feed">{cards}</div>\n</div>\n'
    assert looks_like_html(fragment)
    assert not looks_like_html("<p> marks a paragraph, the guide says.\nLive updates follow.")
    posts = read_html(fragment, captured_at=datetime(2023, 8, 1, 12, tzinfo=UTC)).snapshot.posts
    assert [(p.published_at_raw, p.body) for p in posts] == [
        ("2 hours ago", (BODY,)),
        ("3 hours ago", (BODY,)),
    ]


def _json_ld(updates: list[dict[str, str]]) -> str:
    blog = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Floods"}
    return json.dumps([{"@type": "WebPage"}, {**blog, "liveBlogUpdate": updates}])


def test_json_ld_and_microdata_give_the_updates() -> None:
    ld = _json_ld(
        [{"headline": "A", "datePublished": "2025-02-10T12:05:00+01:00", "articleBody": "x"}]
    )
    markup = live_blog_markup(parse_html(f'<script type="application/ld+json">{ld}</script>'))
    assert markup is not None and markup.headline == "Floods"
    assert markup.updates[0].published_at == datetime(2025, 2, 10, 11, 5, tzinfo=UTC)

    microdata = (
        '<div itemscope itemtype="https://schema.org/LiveBlogPosting">'
        '<h1 itemprop="headline">Floods</h1>'
        '<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">'
        '<meta itemprop="datePublished" content="2025-02-10T12:05:00Z">'
        '<h2 itemprop="headline">Bridge</h2><p itemprop="articleBody">Body &amp; more</p>'
        "</div></div>"
    )
    markup = live_blog_markup(parse_html(microdata))
    assert markup is not None and markup.headline == "Floods"
    assert [(u.headline, u.body) for u in markup.updates] == [("Bridge", "Body & more")]


def _floods_page(roads: str, updates: list[dict[str, str]]) -> str:
    """Two untimed posts, a bridge's (BODY) and the roads', with the markup's updates."""
    return (
        "<!doctype html><html><body><h1>Floods live</h1>"
        f"<article><h2>Bridge to reopen</h2><p>{BODY}</p></article>"
        f"<article><h2>Roads closed</h2><p>{roads}</p></article>"
        f'<script type="application/ld+json">{_json_ld(updates)}</script></body></html>'
    )


def test_the_markup_times_a_post_the_page_text_does_not() -> None:
    update = {"headline": "Floods", "datePublished": "2025-02-10T12:05:00Z", "articleBody": BODY}
    page = _floods_page("Police closed two roads near the river.", [update])
    posts = read_html(page, captured_at=T0).snapshot.posts
    assert [p.headline for p in posts] == ["Bridge to reopen", "Roads closed"]
    assert posts[0].published_at == datetime(2025, 2, 10, 12, 5, tzinfo=UTC)
    assert posts[1].published_at is None


def test_the_markup_times_a_post_by_the_update_that_opens_as_it_does() -> None:
    # An update opening with the post's text is the post's, over an earlier one quoting it;
    # failing that, an update holding it further in (after a dateline the page leaves out).
    roads = "Police closed two roads near the river, and a third one to the east."
    updates = [
        {"datePublished": "2025-02-10T11:00:00Z", "articleBody": f"As we said: {BODY}"},
        {"datePublished": "2025-02-10T12:05:00Z", "articleBody": BODY},
        {"datePublished": "2025-02-10T12:30:00Z", "articleBody": f"LONDON (Reuters) - {roads}"},
    ]
    posts = read_html(_floods_page(roads, updates), captured_at=T0).snapshot.posts
    assert [p.published_at for p in posts] == [
        datetime(2025, 2, 10, 12, 5, tzinfo=UTC),
        datetime(2025, 2, 10, 12, 30, tzinfo=UTC),
    ]


def test_a_post_going_on_from_another_s_opening_is_timed_with_it() -> None:
    # Both posts' openings stand in one update, further in than its dateline: each is found.
    short = "The minister has resigned tonight after a week of pressure."
    longer = f"{short} Her office confirmed it in a statement to reporters."
    updates = [{"datePublished": "2025-02-10T12:30:00Z", "articleBody": f"LONDON - {longer}"}]
    page = (
        "<!doctype html><html><body><h1>Politics live</h1>"
        f"<article><h2>Resigned</h2><p>{short}</p></article>"
        f"<article><h2>Confirmed</h2><p>{longer}</p></article>"
        f'<script type="application/ld+json">{_json_ld(updates)}</script></body></html>'
    )
    posts = read_html(page, captured_at=T0).snapshot.posts
    assert [p.published_at for p in posts] == [datetime(2025, 2, 10, 12, 30, tzinfo=UTC)] * 2


def test_tags_in_a_comment_do_not_count_as_open_elements() -> None:
    # Icons push the page past the nesting walk's threshold; the divs a comment holds are
    # text, so nothing after it is dropped and hidden content stays hidden.
    icons = "<svg><path d='M0'/></svg>" * 600
    html = (
        f"<html><body>{icons}<!--{'<div>' * 300}-->"
        "<div hidden>secret</div><template>kept</template><p>shown</p></body></html>"
    )
    assert page_text(parse_html(html)).strip() == "shown"


def test_an_html_capture_goes_through_the_same_pipeline() -> None:
    page = (
        "<!doctype html><html><body><h1>Floods live</h1>"
        + "".join(
            f"<article><time>12:{m} GMT</time><h2>Update {m}</h2><p>{BODY}</p></article>"
            for m in (50, 40)
        )
        + "</body></html>"
    )
    store = MemoryStore()
    outcome = ingest(
        Capture("inbox/floods.html", page.encode(), T0), store, now=T0, max_bytes=1 << 20
    )
    created = [e for e in outcome.events if e.type == "post.created"]
    assert [e.post.headline for e in created] == ["Update 50", "Update 40"]


def test_a_page_its_script_never_drew_is_read_from_its_markup() -> None:
    updates = [
        {
            "headline": f"Deal {n} done",
            "datePublished": f"2026-01-30T1{n}:00:00+00:00",
            "articleBody": f"Deal number {n} was completed this afternoon, the club said.",
            "author": [{"@type": "Person", "name": "Dharmesh Sheth"}]
            if n % 2
            else {"@type": "Organization", "name": "Sky Sports News"},
        }
        for n in (3, 2, 1)
    ]
    markup = {
        "@type": "LiveBlogPosting",
        "headline": "Transfer Centre LIVE",
        "liveBlogUpdate": updates,
    }
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(markup)}</script></head>'
        "<body><h1>Transfer Centre LIVE</h1><div id=blog>Loading...</div></body></html>"
    )
    snapshot = read_html(html, captured_at=datetime(2026, 1, 30, 15, 45, tzinfo=UTC)).snapshot
    assert snapshot.layout == "markup" and snapshot.blog.title == "Transfer Centre LIVE"
    assert [(p.headline, p.published_at, p.authors) for p in snapshot.posts] == [
        ("Deal 3 done", datetime(2026, 1, 30, 13, tzinfo=UTC), ("Dharmesh Sheth",)),
        ("Deal 2 done", datetime(2026, 1, 30, 12, tzinfo=UTC), ()),
        ("Deal 1 done", datetime(2026, 1, 30, 11, tzinfo=UTC), ("Dharmesh Sheth",)),
    ]
    assert any("markup" in warning for warning in snapshot.warnings)


def test_list_items_stand_on_lines_of_their_own_without_blank_lines() -> None:
    html = "<body><p>Start times:</p><ul><li>8:00 a.m.: One</li><li>8:22 a.m.: Two</li></ul>"
    assert page_text(parse_html(html + "<p>Next</p></body>")).splitlines() == [
        "Start times:",
        "",
        "8:00 a.m.: One",
        "8:22 a.m.: Two",
        "",
        "Next",
    ]


def test_json_ld_as_content_systems_write_it_still_reads() -> None:
    # Line breaks unescaped inside a string, a wrapper for old browsers, the body as "text".
    ld = (
        '//<![CDATA[\n{"@type": ["LiveBlogPosting", "NewsArticle"], "headline": "Floods",\n'
        '"liveBlogUpdate": {"@type": "BlogPosting", "datePublished": "2025-02-10T12:05:00+0000",'
        '\n"text": "First line.\nSecond line."}}\n//]]>'
    )
    markup = live_blog_markup(parse_html(f'<script type="application/ld+json">{ld}</script>'))
    assert markup is not None and markup.headline == "Floods"
    assert [(u.published_at, u.body) for u in markup.updates] == [
        (datetime(2025, 2, 10, 12, 5, tzinfo=UTC), "First line. Second line.")
    ]


def _live_page(inside: str = "{}") -> str:
    posts = "".join(
        f"<article><time>12:{m} GMT</time><h2>Update {m}</h2><p>{BODY}</p></article>"
        for m in (50, 40, 30)
    )
    return f"<!doctype html><html><body><h1>Floods live</h1>{inside.format(posts)}</body></html>"


def test_a_page_nested_past_any_real_one_reads_as_the_plain_page() -> None:
    # Nested elements cost the tree builder the square of their number: a page nested deeper
    # than browsers nest is flattened first, its text and line breaks kept.
    for opening, closing in (("<div>", "</div>"), ("<x-box>", ""), ('<ul class="a"><li>', "")):
        nested = _live_page(opening * 3000 + "{}" + closing * 3000)
        read = read_html(nested, captured_at=T0).snapshot
        plain = read_html(_live_page(), captured_at=T0).snapshot
        assert [(p.headline, p.body, p.published_at) for p in read.posts] == [
            (p.headline, p.body, p.published_at) for p in plain.posts
        ]


def test_misnested_formatting_keeps_its_text() -> None:
    # Formatting elements closed out of order make the builder reconstruct them at each
    # step (cubic in their number): past the limit they are dropped, their text kept.
    count = 2000
    html = (
        "<html><body>"
        + "".join(f"<b {i}>" for i in range(count))
        + "".join(f"<i {i}>" for i in range(count))
        + "x</b>" * count
        + "</body></html>"
    )
    assert page_text(parse_html(html)).replace("\n", "") == "x" * count


def test_a_long_list_of_options_stays_unseen() -> None:
    options = "".join(f"<option value={n}>Country {n}</option>" for n in range(5000))
    html = f"<html><body><p>{BODY}</p><select>{options}</select></body></html>"
    assert page_text(parse_html(html)).strip() == BODY


def test_the_blog_takes_its_title_and_last_update_from_its_markup() -> None:
    ld = json.dumps(
        {
            "@type": "LiveBlogPosting",
            "headline": "Floods",
            "dateModified": "2025-02-10T13:00:00+01:00",
        }
    )
    page = (
        "<!doctype html><html><body><nav><a>Live TV</a></nav>"
        f"<article><h2>Bridge to reopen</h2><p>{BODY}</p></article>"
        f'<script type="application/ld+json">{ld}</script></body></html>'
    )
    blog = read_html(page, captured_at=T0).snapshot.blog
    assert (blog.title, blog.updated_at) == ("Floods", datetime(2025, 2, 10, 12, tzinfo=UTC))


def test_a_markup_headline_cut_short_gives_way_to_the_pages_own_title() -> None:
    ld = json.dumps({"@type": "LiveBlogPosting", "headline": "Floods live: the river breaks its…"})
    page = (
        "<!doctype html><html><head><title>Floods live: the river breaks its banks | Daily</title>"
        "</head><body><nav><a>Live TV</a></nav>"
        f"<article><h2>Bridge to reopen</h2><p>{BODY}</p></article>"
        f'<script type="application/ld+json">{ld}</script></body></html>'
    )
    blog = read_html(page, captured_at=T0).snapshot.blog
    assert blog.title == "Floods live: the river breaks its banks"
