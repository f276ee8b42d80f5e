"""Key names of one blogtail namespace in Redis."""


class Keys:
    """Key names of one namespace, all under one hash tag so scripts work on a Cluster."""

    def __init__(self, namespace: str) -> None:
        self.prefix = f"{{{namespace}}}:"
        self.events = self.prefix + "events"

    def table(self, name: str) -> str:
        """Return the key of a projection table."""
        return self.prefix + name

    def projection_pattern(self) -> str:
        """Match every projection key (everything but the log)."""
        return self.prefix + "*"
