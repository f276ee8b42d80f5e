"""Feed captures of one blog through the shipped path: the pipeline's commit, a MemoryStore."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from schemas import Blog, Post, PostCreated, PostEvent, PostUpdated, Snapshot, Source
from schemas.state import KnownPost
from workers.identity import digest
from workers.pipeline import Outcome, commit_snapshot
from workers.projection import POSTS
from workers.simulate import Capture
from workers.store.memory import MemoryStore


@dataclass
class BlogFeed:
    """One blog's captures committed as a worker commits them, to a store in memory."""

    blog_id: str = "blog-1"
    store: MemoryStore = field(default_factory=MemoryStore)

    def feed(
        self,
        posts: Iterable[Post],
        *,
        captured_at: datetime,
        name: str = "capture.txt",
        sha256: str | None = None,
    ) -> Outcome:
        """Commit one capture holding these posts."""
        posts = tuple(posts)
        snapshot = Snapshot(blog=Blog(), posts=posts, captured_at=captured_at)
        sha256 = sha256 or digest([name, *(post.fingerprint for post in posts)])
        source = Source(path=name, sha256=sha256, captured_at=captured_at)
        return commit_snapshot(snapshot, source, self.store, folder=self.blog_id, now=captured_at)

    def feed_capture(self, capture: Capture) -> Outcome:
        """Commit a simulated capture's true posts, named and hashed as its file would be."""
        return self.feed(
            (shown.post for shown in capture.posts),
            captured_at=capture.captured_at,
            name=capture.name,
            sha256=digest([capture.text]),
        )

    @property
    def events(self) -> list[PostEvent]:
        """Return every post event of the log, in order."""
        return [e for e in self.store.log if isinstance(e, PostCreated | PostUpdated)]

    @property
    def known(self) -> dict[str, KnownPost]:
        """Return the blog's known posts as the projection holds them."""
        posts = self.store.table(POSTS + self.blog_id)
        return {post_id: KnownPost.model_validate_json(raw) for post_id, raw in posts.items()}
