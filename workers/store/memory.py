"""The in-memory adapter of the CaptureStore port: for tests and simulations."""

from collections import Counter
from collections.abc import Mapping, Sequence

from schemas import Event
from schemas.state import KnownPost
from workers.projection import FILES, ZONES, Mutation, mutations
from workers.store.port import BlogView, CommitStatus, split_owners


class MemoryStore:
    """A CaptureStore in dictionaries: for tests, simulations and `ingest --dry-run`."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, str]] = {}
        self.log: list[Event] = []

    def table(self, name: str) -> dict[str, str]:
        """Return a projection table, created empty on first use."""
        return self.tables.setdefault(name, {})

    def apply(self, change: Mutation) -> None:
        """Apply one projection change."""
        table = self.table(change.table)
        if change.op == "put":
            table[change.field] = change.value
        elif change.op == "putnx":
            table.setdefault(change.field, change.value)
        elif change.op == "del":
            table.pop(change.field, None)
        elif change.op == "incr":
            table[change.field] = str(int(table.get(change.field, "0")) + 1)
        else:  # append: a small set kept as space-separated ids, as in Redis
            members = table.get(change.field, "").split()
            if change.value not in members:
                table[change.field] = " ".join([*members, change.value])

    def applied_as(self, receipt: str) -> str | None:
        """Return the blog a file at this content was committed to, REJECTED, or None."""
        return self.table(FILES).get(receipt)

    def blog_overlaps(self, fingerprints: Sequence[str]) -> Mapping[str, int]:
        """Count, per blog, how many of these fingerprints it already holds."""
        owners = self.table("fingerprints")
        return Counter(owners[fp].split()[0] for fp in fingerprints if fp in owners)

    def blog_with_title(self, key: str) -> str | None:
        """Return the blog first seen under this folded title."""
        return self.table("titles").get(key)

    def load(
        self, blog_id: str, keys: Sequence[str], fingerprints: Sequence[str], sha256: str
    ) -> BlogView:
        """Read the blog's version and the known posts indexed under these keys."""
        owners = self.table("fingerprints")
        earlier, elsewhere = split_owners(
            blog_id, [(fp, owners[fp]) for fp in fingerprints if fp in owners]
        )
        return BlogView(
            version=int(self.table("versions").get(blog_id, "0")),
            known=self.candidates(blog_id, keys),
            elsewhere=elsewhere,
            earlier=earlier,
            capture_seen=sha256 in self.table("captures:" + blog_id),
            zone=self.table(ZONES).get(blog_id),
        )

    def candidates(self, blog_id: str, keys: Sequence[str]) -> Mapping[str, KnownPost]:
        """Read the blog's known posts indexed under these keys."""
        index, posts = self.table("index:" + blog_id), self.table("posts:" + blog_id)
        ids = {post_id for key in keys for post_id in index.get(key, "").split()}
        return {i: KnownPost.model_validate_json(posts[i]) for i in sorted(ids) if i in posts}

    def commit(
        self, *, blog_id: str | None, expected_version: int, receipt: str, events: Sequence[Event]
    ) -> CommitStatus:
        """Append the events and apply their projection, all or nothing."""
        if receipt in self.table("files"):
            return CommitStatus.ALREADY_APPLIED
        if (
            blog_id is not None
            and int(self.table("versions").get(blog_id, "0")) != expected_version
        ):
            return CommitStatus.CONFLICT
        for event in events:
            self.log.append(event)
            for change in mutations(event):
                self.apply(change)
        return CommitStatus.APPLIED
