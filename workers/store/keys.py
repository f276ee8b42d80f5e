"""Key names of one blogtail namespace in Redis."""


class Keys:
    """Key names of one namespace, all under one hash tag so scripts work on a Cluster."""

    def __init__(self, namespace: str) -> None:
        self.prefix = f"{{{namespace}}}:"
        self.events = self.prefix + "events"
        # Entries a consumer group could not get through after N deliveries, set aside.
        self.dead_letters = self.prefix + "events:dead"
        # Captures handed over and not yet committed: receipt -> sha256, and how many
        # such receipts hold each content (its blob goes when the last is committed).
        self.handed = self.prefix + "handed"
        self.blob_refs = self.prefix + "blobrefs"
        # Inbox files as last read: path -> "inode:size:mtime_ns|sha256", so a restart
        # knows a file it committed before without reading it again.
        self.seen = self.prefix + "seen"
        # The layout the projections were written in (a projection too: replay rebuilds it).
        self.layout = self.prefix + "layout"
        # Operational counters no event records (capture durations, posts unchanged).
        self.metrics = self.prefix + "metrics"

    @property
    def _not_projections(self) -> tuple[str, ...]:
        return (
            self.events,
            self.dead_letters,
            self.handed,
            self.blob_refs,
            self.seen,
            self.metrics,
        )

    def table(self, name: str) -> str:
        """Return the key of a projection table."""
        return self.prefix + name

    def blob(self, sha256: str) -> str:
        """Return the key holding a handed-over capture's bytes."""
        return self.prefix + "blob:" + sha256

    def namespace_pattern(self) -> str:
        """Match every key of the namespace; `is_projection` tells the projections apart."""
        return self.prefix + "*"

    def is_projection(self, key: str) -> bool:
        """Tell a projection table (rebuilt from the log) from the log and work in flight."""
        return key not in (
            self.events,
            self.handed,
            self.blob_refs,
            self.seen,
        ) and not key.startswith(self.prefix + "blob:")
