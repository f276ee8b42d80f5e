"""Simulate a live blog captured every few minutes, and the post events it must give rise to."""

import json
import os
import random
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from schemas import Blog, Post, PostEvent
from schemas.posts import Value
from workers.identity import CONTENT_FIELDS, revise

EASTERN = ZoneInfo("America/New_York")
DEFAULT_START = datetime(2023, 7, 12, 4, 51, tzinfo=UTC)
EXPECTED_FILE = ".expected.json"

COPY_AT = 3
"""Capture 3 is a byte-identical copy of capture 2, under another name."""
RESAVE_AT = 5
"""Capture 5 is capture 4 saved again with CRLF line endings."""
BODY_EDIT_AT = 2
HEADLINE_FIX_AT = 4
DELETE_AT = 6


class SimulatedPost(Value):
    """A post as one capture shows it, and which seed post it is."""

    key: int
    post: Post


class Capture(Value):
    """One simulated capture: its file name, exact text, capture time and true posts."""

    name: str
    text: str
    captured_at: datetime
    posts: tuple[SimulatedPost, ...]


class ExpectedEvent(Value):
    """A post event in the terms a simulation and a real run share."""

    capture: str
    type: Literal["post.created", "post.updated"]
    key: int
    revision: int
    changed: tuple[str, ...] = ()
    headline: str | None
    fingerprint: str


class Simulation(Value):
    """A sequence of captures of one blog and the events a correct system emits for it."""

    blog: Blog
    captures: tuple[Capture, ...]
    expected: tuple[ExpectedEvent, ...]


class _Story:
    """The mutable truth of one post while the timeline is built."""

    def __init__(self, key: int, post: Post, published: datetime) -> None:
        self.key = key
        self.post = post
        self.published = published
        self.deleted = False


def _with_typo(headline: str) -> str:
    """Swap two letters of the headline's longest word, the typo a later capture fixes."""
    words = headline.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 4:
        return headline + "s"
    words[longest] = word[:1] + word[2] + word[1] + word[3:]
    return " ".join(words)


def _usable(post: Post) -> Post | None:
    """Give a seed post a headline the layout can show, or drop it when it says nothing."""
    if not post.body and not post.bullets and not post.headline:
        return None
    if post.headline:
        return post
    # The relative-time layout puts a headline after every time label; a seed post without
    # one gets the opening words of its text so the parser can read it back.
    words = " ".join((*post.body, *post.bullets)).split()
    return revise(post, headline="Update: " + " ".join(words[:8]))


def _label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{rest} min ago" if not hours else f"{hours} hr {rest} min ago"


def _clock(at: datetime) -> str:
    local = at.astimezone(EASTERN)
    meridian = "a.m." if local.hour < 12 else "p.m."
    hour = (local.hour - 1) % 12 + 1
    return f"{hour}:{local.minute:02d} {meridian} ET, {local:%B} {local.day}, {local.year}"


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def render(blog: Blog, posts: Sequence[Post], captured_at: datetime) -> str:
    """Write posts, newest first, as a capture in the CNN relative-time layout of seed 000."""
    lines = ["Live Updates", "", blog.title or "Live updates", ""]
    lines += [f"By {_names(blog.authors or ('CNN staff',))}, CNN", ""]
    lines.append(f"Updated {_clock(captured_at)}")
    for number, post in enumerate(posts):
        if number:
            lines.append("")
        lines += [post.published_at_raw or "1 min ago", "", post.headline or "", ""]
        place = f" in {post.location}" if post.location else ""
        if post.authors:
            lines += [f"From CNN's {_names(post.authors)}{place}", ""]
        elif place:
            # A byline naming only a desk gives no authors, only the place.
            lines += [f"From CNN staff{place}", ""]
        for image in post.images:
            credit = f" {image.credit}" if image.credit else ""
            lines += [image.caption, image.caption + credit, ""]
        for paragraph in post.body:
            lines += [paragraph, ""]
        lines += [f"  • {bullet}" for bullet in post.bullets]
    return "\n".join(lines).rstrip("\n") + "\n"


def _capture_name(at: datetime, number: int) -> str:
    return f"{at.astimezone(UTC):%Y-%m-%dT%H-%M-%SZ}_{number}.txt"


def _show(stories: Iterable[_Story], at: datetime) -> tuple[SimulatedPost, ...]:
    shown = sorted((s for s in stories if not s.deleted), key=lambda s: s.published, reverse=True)
    result = []
    for story in shown:
        minutes = max(1, int((at - story.published).total_seconds()) // 60)
        post = story.post.model_copy(
            update={
                "published_at": at - timedelta(minutes=minutes),
                "published_at_raw": _label(minutes),
            }
        )
        result.append(SimulatedPost(key=story.key, post=post))
    return tuple(result)


def _expected(captures: Sequence[Capture]) -> tuple[ExpectedEvent, ...]:
    """Derive the events from the true posts: first sight creates, a content change updates."""
    last: dict[int, tuple[int, Post]] = {}
    events = []
    for capture in captures:
        for shown in capture.posts:
            post, seen = shown.post, last.get(shown.key)
            changed: tuple[str, ...] = ()
            if seen is None:
                kind: Literal["post.created", "post.updated"] = "post.created"
                revision = 1
            else:
                old = seen[1]
                changed = tuple(f for f in CONTENT_FIELDS if getattr(post, f) != getattr(old, f))
                if not changed:
                    continue
                kind, revision = "post.updated", seen[0] + 1
            last[shown.key] = (revision, post)
            events.append(
                ExpectedEvent(
                    capture=capture.name,
                    type=kind,
                    key=shown.key,
                    revision=revision,
                    changed=changed,
                    headline=post.headline,
                    fingerprint=post.fingerprint,
                )
            )
    return tuple(events)


class _Timeline:
    """The stories of one simulated blog and the scripted edits still to come."""

    def __init__(
        self,
        posts: Sequence[Post],
        snapshots: int,
        rng: random.Random,
        now: datetime,
        *,
        new_blog: bool = False,
    ) -> None:
        self.rng = rng
        usable: list[tuple[int, Post]] = []
        for key, post in enumerate(posts):
            shown = _usable(post)
            if shown is not None:
                usable.append((key, shown))
        # Page order is newest first, so the seed's last post is the oldest story; the older
        # half is on the page from the start, the rest arrives over the fresh captures.
        # A new blog's first capture holds its first post alone.
        chronological = usable[::-1]
        visible = 1 if new_blog else max(1, (len(chronological) + 1) // 2)
        self.stories: list[_Story] = []
        published = now - timedelta(minutes=1)
        for key, post in reversed(chronological[:visible]):
            self.stories.append(_Story(key, post, published))
            published -= timedelta(minutes=rng.randint(4, 40))
        waiting = chronological[visible:]
        fresh = [i for i in range(1, snapshots) if i not in (COPY_AT, RESAVE_AT)]
        self.arrivals: dict[int, list[tuple[int, Post]]] = {i: [] for i in fresh}
        for n, item in enumerate(waiting):
            if fresh:
                self.arrivals[fresh[n * len(fresh) // len(waiting)]].append(item)
        picks: list[_Story | None] = list(self.stories)
        rng.shuffle(picks)
        picks += [None, None, None]
        self.edited, self.fixed, self.doomed = picks[0], picks[1], picks[2]
        self.final_body: tuple[str, ...] = ()
        self.final_headline = ""
        if self.edited is not None and snapshots > BODY_EDIT_AT:
            body = self.edited.post.body
            self.final_body = body if len(body) > 1 else (*body, "This post has been updated.")
            self.edited.post = revise(self.edited.post, body=self.final_body[:-1])
        if self.fixed is not None and self.fixed.post.headline and snapshots > HEADLINE_FIX_AT:
            self.final_headline = self.fixed.post.headline
            typo = _with_typo(self.final_headline)
            self.fixed.post = revise(self.fixed.post, headline=typo)

    def step(self, number: int, now: datetime) -> tuple[SimulatedPost, ...]:
        """Apply what happens by capture ``number`` and show the page at ``now``."""
        for key, post in self.arrivals.get(number, []):
            published = now - timedelta(minutes=self.rng.randint(1, 2))
            self.stories.append(_Story(key, post, published))
        if number == BODY_EDIT_AT and self.edited is not None and self.final_body:
            self.edited.post = revise(self.edited.post, body=self.final_body)
        if number == HEADLINE_FIX_AT and self.fixed is not None and self.final_headline:
            self.fixed.post = revise(self.fixed.post, headline=self.final_headline)
        if number == DELETE_AT and self.doomed is not None:
            self.doomed.deleted = True
        alive = [s for s in self.stories if not s.deleted]
        if number > DELETE_AT and number % 2 and alive:
            # Late captures keep editing: a paragraph added to a post still on the page.
            story = self.rng.choice(alive)
            line = f"Update {number}: officials gave no further details when asked."
            story.post = revise(story.post, body=(*story.post.body, line))
        return _show(self.stories, now)


def simulate_posts(
    blog: Blog,
    posts: Sequence[Post],
    *,
    snapshots: int = 8,
    seed: int = 0,
    start: datetime | None = None,
    new_blog: bool = False,
) -> Simulation:
    """Play posts (page order, newest first) out over ``snapshots`` captures of one blog.

    ``new_blog`` starts from the blog's first capture, one post on the page.
    """
    rng = random.Random(seed)
    now = start or DEFAULT_START
    timeline = _Timeline(posts, snapshots, rng, now, new_blog=new_blog)
    captures: list[Capture] = []
    for number in range(snapshots):
        if number in (COPY_AT, RESAVE_AT):
            previous = captures[-1]
            text = previous.text if number == COPY_AT else previous.text.replace("\n", "\r\n")
            update = {"name": _capture_name(now, number), "text": text}
            captures.append(previous.model_copy(update=update))
            continue
        if number:
            now += timedelta(minutes=rng.randint(3, 7))
        shown = timeline.step(number, now)
        text = render(blog, [s.post for s in shown], now)
        name = _capture_name(now, number)
        captures.append(Capture(name=name, text=text, captured_at=now, posts=shown))
    return Simulation(blog=blog, captures=tuple(captures), expected=_expected(captures))


def simulate(
    seed_text: str,
    *,
    snapshots: int = 8,
    seed: int = 0,
    start: datetime | None = None,
    new_blog: bool = False,
) -> Simulation:
    """Parse a seed capture and simulate ``snapshots`` captures of its blog."""
    # Imported here so the simulator's pure parts load while the parser is being written.
    from workers.parsing import parse_snapshot  # noqa: PLC0415

    parsed = parse_snapshot(seed_text)
    return simulate_posts(
        parsed.blog, parsed.posts, snapshots=snapshots, seed=seed, start=start, new_blog=new_blog
    )


def observe(events: Iterable[PostEvent], simulation: Simulation) -> tuple[ExpectedEvent, ...]:
    """Express real post events in the simulation's terms, to compare with ``expected``."""
    # A created post is recognised by its fingerprint among the simulated versions; its
    # updates by the post_id it was given. An unknown fingerprint maps to key -1.
    keys = {s.post.fingerprint: s.key for c in simulation.captures for s in c.posts}
    by_post_id: dict[str, int] = {}
    observed = []
    for event in events:
        if event.type == "post.created":
            by_post_id[event.post_id] = keys.get(event.post.fingerprint, -1)
        observed.append(
            ExpectedEvent(
                capture=Path(event.source.path).name,
                type=event.type,
                key=by_post_id.get(event.post_id, -1),
                revision=event.revision,
                changed=() if event.type == "post.created" else event.changed,
                headline=event.post.headline,
                fingerprint=event.post.fingerprint,
            )
        )
    return tuple(observed)


def describe(simulation: Simulation) -> list[str]:
    """Print-ready lines: each capture, then the events a correct system emits for it."""
    lines = []
    for capture in simulation.captures:
        lines.append(f"{capture.name}: {len(capture.posts)} posts")
        for event in simulation.expected:
            if event.capture == capture.name:
                changed = f" changed={','.join(event.changed)}" if event.changed else ""
                lines.append(
                    f"  {event.type} key={event.key} revision={event.revision}{changed}"
                    f" {event.headline!r}"
                )
    return lines


def write_simulation(
    simulation: Simulation, out_dir: Path, *, on_written: Callable[[], object] = lambda: None
) -> None:
    """Write each capture as a file dated by its capture time, and ``.expected.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for capture in simulation.captures:
        path = out_dir / capture.name
        # Bytes, not text mode: the CRLF re-save must reach the disk as CRLF.
        path.write_bytes(capture.text.encode("utf-8"))
        stamp = capture.captured_at.timestamp()
        os.utime(path, (stamp, stamp))
        on_written()
    expected = {
        "captures": [
            {
                "name": c.name,
                "captured_at": c.captured_at.isoformat(),
                "posts": [{"key": s.key, "headline": s.post.headline} for s in c.posts],
            }
            for c in simulation.captures
        ],
        "events": [e.model_dump(mode="json") for e in simulation.expected],
    }
    rendered = json.dumps(expected, indent=2, ensure_ascii=False)
    # Hidden, so a watcher or `ingest` of the folder takes the captures only.
    (out_dir / EXPECTED_FILE).write_text(rendered + "\n", encoding="utf-8")
