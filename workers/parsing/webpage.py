"""Read an HTML capture: the text a reader sees, and the page's schema.org live-blog markup."""

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timezone, tzinfo
from typing import Any, Final

from ahocorasick_rs import AhoCorasick, MatchKind
from selectolax.lexbor import LexborHTMLParser, LexborNode

from schemas.posts import Post
from workers.identity import make_post, normalize_text, revise
from workers.parsing.snapshot import Reading, read_snapshot

# Never shown to a reader: their text is code, styling or a fallback for other browsers.
_UNSEEN: Final = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "canvas", "select",
     "object", "embed", "math", "-comment", "-doctype"}
)  # fmt: skip
# Each starts on a line of its own (CSS's display: block and friends, as browsers default them).
_BLOCKS: Final = frozenset(
    {"address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div",
     "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
     "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p",
     "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
     "amp-live-list", "amp-img"}
)  # fmt: skip
# Set apart by a blank line, as a browser's innerText does for paragraphs and headings.
_SPACED: Final = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
_CELLS: Final = frozenset({"td", "th"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^<>]{0,400}>")
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)
_FRAGMENT_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:body|div|section|article|main|header|ul|ol|table|figure"
    r"|h[1-6]|p|span|script|style|meta|link|title)[\s>]",
    re.I | re.S,
)
_MIN_FRAGMENT_ENDS: Final = 3
_LIVE_BLOG: Final = "LiveBlogPosting"
# Old CMSs wrap a script's JSON for old browsers: "<!-- ... -->", "//<![CDATA[ ... //]]>".
_JSON_WRAPPER = re.compile(r"^\s*(?:<!--|(?://\s*)?<!\[CDATA\[)|(?:-->|(?://\s*)?\]\]>)\s*$")
_OPENING_CHARS: Final = 80
_MIN_OPENING_CHARS: Final = 24


def looks_like_html(text: str) -> bool:
    """Tell whether a capture is an HTML page, or a fragment of one, rather than a text dump."""
    head = text[:4096]
    if _HTML_START.match(head) is not None:
        return True
    # A scraper that keeps only the live blog's element saves "<div id=...>" and no <html>.
    return _FRAGMENT_START.match(head) is not None and head.count("</") >= _MIN_FRAGMENT_ENDS


def parse_html(text: str) -> LexborHTMLParser:
    """Parse an HTML page (lexbor: the HTML5 algorithm browsers use, in C)."""
    return LexborHTMLParser(_tamed(text))


_MAX_NESTING: Final = 256
"""Elements open inside each other that the tree builder is given at most. Its work per tag
grows with how many are open (the HTML5 algorithm's scope checks and formatting elements), so
nested elements cost the square of their number: 400 KB of "<div>" took 16 s, 40 KB of
misnested "<b>" and "<i>" 4 s (lexbor issue 340). Browsers stop nesting at 512; live blogs
nest under 30."""
_MAX_OPTIONS: Final = 1000
"""Options of lists the tree builder is given at most: each costs time in proportion to those
before it in its list (selectolax issue 221). A list's text is never shown."""
# Elements that never hold others (void) or that a sibling's start closes: no deeper nesting.
_UNNESTED: Final = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image", "p", "li",
     "dd", "dt", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb", "rt",
     "rp", "colgroup", "caption", "html", "head", "body"}
)  # fmt: skip
_TAG_NAME = re.compile(r"<(/?)([a-z][^\s/<>]*)", re.I)
# A tag is matched up to the next "<" at most, so a "<" left unclosed costs one short look,
# not a scan to the end of the page from each (a page of "<a x" took 13 s at 128 KB).
_ELEMENT = re.compile(r"<!--|<(/?)([a-z][^\s/<>]*)([^<>]*)>", re.I)
# Elements whose content is text, not tags (noscript's is markup to a parser without scripts).
_RAW_TEXT_ENDS: Final = {
    name: re.compile(rf"</{name}[\s/>]", re.I)
    for name in ("script", "style", "textarea", "title", "xmp")
}
_OPTION_TAG = re.compile(r"</?option(?=[\s/>])[^<>]*>", re.I)


def _tamed(text: str) -> str:
    """Take out of a page what would make the tree builder's work quadratic, if it has any."""
    # Only a page whose nesting may pass twice the limit is walked tag by tag.
    if _nesting_bound(text) > 2 * _MAX_NESTING:
        text = _flattened(text)
    if len(_OPTION_TAG.findall(text)) > _MAX_OPTIONS:
        text = _OPTION_TAG.sub("", text)
    return text


def _nesting_bound(text: str) -> int:
    """Bound the page's nesting from above: the most of each element open at once, summed."""
    # Counted by name, so a stray end tag ("</h2>" with no h2 open, which the builder
    # ignores) closes nothing that is open (one count of all tags took the page of unclosed
    # lists it ran through for flat). svg's "<path/>" counts as open, a script's "i<n" too:
    # an overcount that costs only a walk. 1-2 ms on a 1 MB page.
    level: dict[str, int] = {}
    floor: dict[str, int] = {}
    most: dict[str, int] = {}
    for slash, written in _TAG_NAME.findall(text):
        name = written.lower()
        if name in _UNNESTED:
            continue
        at = level[name] = level.get(name, 0) + (-1 if slash else 1)
        lowest = floor.get(name, 0)
        if at < lowest:
            floor[name] = at
        elif at - lowest > most.get(name, 0):
            most[name] = at - lowest
    return sum(most.values())


def _flattened(text: str) -> str:
    """Drop the start tags nested past the limit, and their end tags; blocks leave a break."""
    pieces: list[str] = []
    stack: list[str] = []
    opened: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    done = at = 0
    while (tag := _ELEMENT.search(text, at)) is not None:
        at = tag.end()
        if tag[2] is None:  # a comment: its tags are text
            closing = text.find("-->", at)
            at = len(text) if closing < 0 else closing + 3
            continue
        name = tag[2].lower()
        if name in _UNNESTED:
            continue
        if tag[1]:
            if not dropped[name]:
                if opened[name]:  # closes it and what is open inside it, as the builder does
                    while (top := stack.pop()) != name:
                        opened[top] -= 1
                    opened[name] -= 1
                continue
            dropped[name] -= 1
        elif name in _RAW_TEXT_ENDS and not (opened["svg"] or opened["math"]):
            # Its content is text, not tags (in HTML: svg's script holds tags): go on from its
            # end tag.
            end = _RAW_TEXT_ENDS[name].search(text, at)
            at = len(text) if end is None else end.start()
            continue
        elif tag[3].endswith("/") and (opened["svg"] or opened["math"]):
            continue  # "<path ... />": closed where it opens, in svg and MathML only
        elif len(stack) < _MAX_NESTING:
            stack.append(name)
            opened[name] += 1
            continue
        else:
            dropped[name] += 1
        pieces += [text[done : tag.start()], "<br>" if name in _BLOCKS else ""]
        done = tag.end()
    return "".join([*pieces, text[done:]]) if pieces else text


def page_text(tree: LexborHTMLParser) -> str:
    """Return the page's visible text laid out as a browser's innerText lays it out."""
    root = tree.body or tree.root
    if root is None:
        return ""
    # Text, and the line breaks a block asks for around it (1, or 2 for a paragraph): as in
    # innerText, adjacent requests give the largest, not their sum, so list items stand on
    # consecutive lines and paragraphs a blank line apart.
    out: list[str | int] = []
    # An explicit stack, not recursion: a broken or hostile page can nest deeper than
    # Python's recursion limit.
    stack: list[LexborNode | str | int] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, (str, int)):
            out.append(item)
            continue
        tag = item.tag
        if tag == "-text":
            out.append(item.text_content or "")
            continue
        if tag in _UNSEEN or tag is None or _hidden(item):
            continue
        if tag == "br":
            out.append("\n")
            continue
        close: str | int = (
            2 if tag in _SPACED else 1 if tag in _BLOCKS else " " if tag in _CELLS else ""
        )
        out.append(close)
        stack.append(close)
        stack.extend(reversed(list(_children(item))))
    return _lay_out(_with_breaks(out))


def _with_breaks(tokens: list[str | int]) -> str:
    """Join text and break requests: a run of requests is its largest, spaces between lost."""
    parts: list[str] = []
    pending = 0
    for token in tokens:
        if isinstance(token, int):
            pending = max(pending, token)
        elif pending and token.strip():
            parts += ["\n" * pending, token]
            pending = 0
        elif not pending:
            parts.append(token)
    return "".join(parts)


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _hidden(node: LexborNode) -> bool:
    attributes = node.attributes
    if not attributes:
        return False
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _lay_out(text: str) -> str:
    """Collapse spaces within lines and runs of blank lines into one."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


@dataclass(frozen=True, slots=True)
class MarkedUpdate:
    """One update of a live blog as the page's schema.org markup describes it."""

    published_at: datetime | None
    headline: str | None
    body: str
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LiveBlogMarkup:
    """A page's schema.org LiveBlogPosting: its headline and updates, newest first."""

    headline: str | None
    updates: tuple[MarkedUpdate, ...]
    modified: datetime | None = None


def live_blog_markup(tree: LexborHTMLParser) -> LiveBlogMarkup | None:
    """Read the page's LiveBlogPosting from JSON-LD, else from microdata; None without one."""
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            # Not strict: CMSs write line breaks unescaped inside an articleBody's string.
            data = json.loads(_JSON_WRAPPER.sub("", script.text(deep=False) or ""), strict=False)
        except ValueError:
            continue  # a page's broken JSON-LD is the page's; the microdata may still serve
        for item in _json_items(data):
            if _LIVE_BLOG in str(item.get("@type", "")):
                return _from_json(item)
    node = tree.css_first(f'[itemtype*="{_LIVE_BLOG}"]')
    return _from_microdata(node) if node is not None else None


def _json_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_items(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_items(data.get("@graph", []))


def _from_json(item: dict[str, Any]) -> LiveBlogMarkup:
    raw = item.get("liveBlogUpdate") or []
    updates = [
        MarkedUpdate(
            published_at=_instant(update.get("datePublished")),
            headline=_clean(update.get("headline")),
            body=_clean(update.get("articleBody") or update.get("text")) or "",
            authors=tuple(_names(update.get("author"))),
        )
        for update in (raw if isinstance(raw, list) else [raw])
        if isinstance(update, dict)
    ]
    modified = _instant(item.get("dateModified"))
    return LiveBlogMarkup(_clean(item.get("headline")), tuple(updates), modified)


def _names(author: Any) -> Iterator[str]:
    """Yield the people a JSON-LD "author" names: a name, a Person, or a list of them."""
    for item in author if isinstance(author, list) else [author]:
        name = _clean(item.get("name") if isinstance(item, dict) else item)
        kind = str(item.get("@type", "Person")) if isinstance(item, dict) else "Person"
        if name and "Organization" not in kind:
            yield name


def _from_microdata(node: LexborNode) -> LiveBlogMarkup:
    updates = [
        MarkedUpdate(
            published_at=_instant(_property(update, "datePublished")),
            headline=_clean(_property(update, "headline")),
            body=_clean(_property(update, "articleBody")) or "",
        )
        for update in node.css('[itemprop~="liveBlogUpdate"]')
    ]
    own = (n for n in node.css('[itemprop~="headline"]') if not _inside_update(n))
    first = next(own, None)
    headline = _clean(_value(first)) if first is not None else None
    return LiveBlogMarkup(headline, tuple(updates))


def _inside_update(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if "liveBlogUpdate" in (parent.attributes.get("itemprop") or ""):
            return True
        parent = parent.parent
    return False


def _property(scope: LexborNode, name: str) -> str | None:
    node = scope.css_first(f'[itemprop~="{name}"]')
    return _value(node) if node is not None else None


def _value(node: LexborNode) -> str | None:
    attributes = node.attributes
    for attribute in ("content", "datetime"):
        if attributes.get(attribute):
            return attributes[attribute]
    return node.text(deep=True, separator=" ")


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", _TAGS.sub(" ", html.unescape(value))).strip()
    return text or None


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        instant = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return instant if instant.tzinfo is not None else None


def read_html(
    text: str, *, captured_at: datetime | None = None, usual_zone: tzinfo | None = None
) -> Reading:
    """Parse an HTML capture: its visible text, reconciled with its live-blog markup."""
    tree = parse_html(text)
    markup = live_blog_markup(tree)
    if markup is not None and markup.headline and markup.headline.endswith(("…", "...")):
        markup = replace(markup, headline=_whole_title(tree, markup.headline))
    reading = read_snapshot(
        page_text(tree), captured_at=captured_at, zone=_zone_of(markup), usual_zone=usual_zone
    )
    if markup is None:
        return reading
    reading = _with_blog_markup(reading, markup)
    return reconcile(reading, markup) if markup.updates else reading


def _whole_title(tree: LexborHTMLParser, cut: str) -> str:
    """Return the page's own title that a markup's headline cut short with "…" opens."""
    stem = _fold(cut.rstrip(".…"))
    # The heading a reader sees first, then the title shared with social sites, then the tab's.
    headings = [node.text(deep=True, separator=" ") for node in tree.css("h1")]
    shared = [node.attributes.get("content") for node in tree.css('meta[property="og:title"]')]
    tabs = [node.text(deep=True) for node in tree.css("title")]
    for candidate in map(_clean, [*headings, *shared, *tabs]):
        if candidate and len(candidate) > len(stem) and _fold(candidate).startswith(stem):
            title = candidate.rsplit(" | ", 1)[0]  # a tab's title ends with the site's name
            return title if len(title) > len(stem) else candidate
    return cut


def _with_blog_markup(reading: Reading, markup: LiveBlogMarkup) -> Reading:
    """Take the blog's title and last update from its markup: a menu's item is no title."""
    blog = reading.snapshot.blog
    changes: dict[str, object] = {}
    if markup.headline:
        changes["title"] = markup.headline
    if blog.updated_at is None and markup.modified is not None:
        changes["updated_at"] = markup.modified.astimezone(UTC)
    if not changes:
        return reading
    snapshot = reading.snapshot.model_copy(update={"blog": blog.model_copy(update=changes)})
    return replace(reading, snapshot=snapshot)


def _zone_of(markup: LiveBlogMarkup | None) -> tzinfo | None:
    """Return the zone the markup writes its times in, when it is not UTC."""
    if markup is None:
        return None
    offsets = Counter(
        update.published_at.utcoffset()
        for update in markup.updates
        if update.published_at is not None
    )
    offset = offsets.most_common(1)[0][0] if offsets else None
    return timezone(offset) if offset else None


def reconcile(reading: Reading, markup: LiveBlogMarkup) -> Reading:
    """Give posts the page's text could not time the time its markup gives them."""
    shown = reading.snapshot.posts
    # Only the posts the text left untimed need their update, but with fewer than two timed
    # posts every post is looked up, to tell whether the page shows any of the markup's.
    few_timed = sum(post.published_at is not None for post in shown) < 2
    wanted = [post for post in shown if few_timed or post.published_at is None]
    updates = dict(zip(map(id, wanted), _matching_updates(wanted, markup), strict=True))
    # None shown: no timed posts in the text and none the markup holds (a body cut short in
    # the markup still matches the opening of the post the page shows).
    if few_timed and not any(updates.values()):
        return _from_markup(reading, markup)
    posts = []
    for post in shown:
        update = updates.get(id(post)) if post.published_at is None else None
        if update is not None and update.published_at is not None:
            posts.append(revise(post, published_at=update.published_at.astimezone(UTC)))
        else:
            posts.append(post)
    snapshot = reading.snapshot.model_copy(update={"posts": tuple(posts)})
    return replace(reading, snapshot=snapshot)


def _from_markup(reading: Reading, markup: LiveBlogMarkup) -> Reading:
    """Read the posts from the markup where the page shows none of them (drawn by script)."""
    updates = [update for update in markup.updates if update.body]
    if not updates:
        return reading
    # The Guardian titles every update with the blog's headline: that is no post's.
    titles = {update.headline for update in updates}
    titled = not (len(updates) > 1 and len(titles) == 1) and markup.headline not in titles
    posts = tuple(
        make_post(
            headline=update.headline if titled else None,
            published_at=update.published_at.astimezone(UTC) if update.published_at else None,
            published_at_raw=update.published_at.isoformat() if update.published_at else None,
            authors=update.authors,
            body=(update.body,),
        )
        for update in updates
    )
    warning = f"{len(posts)} posts read from the page's schema.org markup: the page shows none"
    snapshot = reading.snapshot.model_copy(
        update={
            "posts": posts,
            "layout": "markup",
            "warnings": (*reading.snapshot.warnings, warning),
        }
    )
    return replace(reading, snapshot=snapshot)


def _matching_updates(posts: list[Post], markup: LiveBlogMarkup) -> list[MarkedUpdate | None]:
    """Find each post's update: the first whose body opens as the post does, else holds it."""
    # Looked up, not searched post by post through every body: a page of thousands of posts
    # and updates took the square of their number (4,000 of each: 1 s, and growing).
    openings = [_opening(post) for post in posts]
    bodies = [(_fold(update.body), update) for update in markup.updates]
    found: dict[str, MarkedUpdate] = {}
    for size in {len(opening) for opening in openings if opening}:
        for body, update in bodies:
            found.setdefault(body[:size], update)
    # Shortest first: of two posts, one opening as the other does and going on, each is found.
    inside = sorted({o for o in openings if o and o not in found}, key=lambda o: (len(o), o))
    if inside:
        # An opening further into a body: Aho-Corasick passes over each body, in order, the
        # longest match at a place, then the first listed (the shortest).
        finders = [
            AhoCorasick(inside, matchkind=MatchKind.LeftmostLongest),
            AhoCorasick(inside, matchkind=MatchKind.LeftmostFirst),
        ]
        for body, update in bodies:
            for finder in finders:
                for index, _, _ in finder.find_matches_as_indexes(body):
                    found.setdefault(inside[index], update)
    return [found.get(opening) if opening else None for opening in openings]


def _opening(post: Post) -> str | None:
    """Return how a post's text opens, folded, when it is long enough to tell posts apart."""
    opening = _fold(" ".join(post.body[:1] or post.bullets[:1]))[:_OPENING_CHARS]
    return opening if len(opening) >= _MIN_OPENING_CHARS else None


def _fold(text: str) -> str:
    return normalize_text(text).casefold()
