"""An in-memory stand-in for the store: index known posts, decide, apply the events."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from schemas import Blog, Post, PostEvent, Snapshot, Source
from schemas.state import KnownPost
from workers.dedupe import Decision, decide, known_post
from workers.identity import digest, index_keys, lookup_keys
from workers.simulate import Capture


@dataclass
class BlogFold:
    """Known posts of one blog, indexed under their keys as the Redis store keeps them."""

    blog_id: str = "blog-1"
    known: dict[str, KnownPost] = field(default_factory=dict)
    index: dict[str, set[str]] = field(default_factory=dict)
    events: list[PostEvent] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def candidates(self, posts: Iterable[Post]) -> dict[str, KnownPost]:
        """Load only the known posts found under the posts' lookup keys."""
        found = {pid for p in posts for key in lookup_keys(p) for pid in self.index.get(key, ())}
        return {pid: self.known[pid] for pid in sorted(found)}

    def apply(self, event: PostEvent) -> None:
        """Project one event onto the known posts and their index."""
        record = known_post(event)
        old = self.known.get(record.post_id)
        if old is not None:
            for key in index_keys(old):
                self.index[key].discard(old.post_id)
        self.known[record.post_id] = record
        for key in index_keys(record):
            self.index.setdefault(key, set()).add(record.post_id)
        self.events.append(event)

    def feed(
        self,
        posts: Iterable[Post],
        *,
        captured_at: datetime,
        name: str = "capture.txt",
        sha256: str | None = None,
        elsewhere: dict[str, str] | None = None,
    ) -> Decision:
        """Run one capture through decide and apply its events."""
        posts = tuple(posts)
        snapshot = Snapshot(blog=Blog(), posts=posts, captured_at=captured_at)
        source = Source(path=name, sha256=sha256 or digest([name]), captured_at=captured_at)
        decision = decide(
            snapshot,
            blog_id=self.blog_id,
            source=source,
            known=self.candidates(posts),
            occurred_at=captured_at,
            elsewhere=elsewhere or {},
        )
        for event in decision.events:
            self.apply(event)
        self.decisions.append(decision)
        return decision

    def feed_capture(self, capture: Capture) -> Decision:
        """Run a simulated capture's true posts through decide."""
        return self.feed(
            (s.post for s in capture.posts),
            captured_at=capture.captured_at,
            name=capture.name,
            sha256=digest([capture.text]),
        )
