"""Narrow redis-py's reply types to what blogtail reads: the one typed boundary."""

# redis-py types a reply as a union of every result any client could give (sync or
# async, bytes or decoded str); our clients never decode, so each reply is checked
# here once, instead of a cast at every call site.

StreamEntry = tuple[str, dict[bytes, bytes]]


def optional_bytes(reply: object) -> bytes | None:
    """Return a bulk string reply, None for a missing value."""
    if reply is None or isinstance(reply, bytes):
        return reply
    raise TypeError(f"expected bytes or nil, got {type(reply).__name__}")


def text(reply: object) -> str | None:
    """Return a bulk string reply decoded, None for a missing value."""
    value = optional_bytes(reply)
    return value.decode() if value is not None else None


def optional_bytes_list(reply: object) -> list[bytes | None]:
    """Return an array of bulk strings (HMGET), None where a field is missing."""
    if not isinstance(reply, list):
        raise TypeError(f"expected a list, got {type(reply).__name__}")
    return [optional_bytes(item) for item in reply]


def integer(reply: object) -> int:
    """Return an integer reply."""
    if isinstance(reply, bool) or not isinstance(reply, int):
        raise TypeError(f"expected an int, got {type(reply).__name__}")
    return reply


def entries(reply: object) -> list[StreamEntry]:
    """Return a stream range reply (XRANGE, XREVRANGE) as (id, fields) pairs."""
    if not isinstance(reply, list):
        raise TypeError(f"expected a list, got {type(reply).__name__}")
    found: list[StreamEntry] = []
    for entry_id, fields in reply:
        # A pending entry trimmed away since comes back with no fields.
        found.append((str(text(entry_id)), dict(fields or {})))
    return found


def read_entries(reply: object) -> list[StreamEntry]:
    """Return the entries of a one-stream XREAD or XREADGROUP reply."""
    if not reply:
        return []
    if not isinstance(reply, list):
        raise TypeError(f"expected a list, got {type(reply).__name__}")
    return entries(reply[0][1])


def pending(reply: object) -> list[tuple[str, str, int, int]]:
    """Return an XPENDING range reply as (id, consumer, idle ms, deliveries) tuples."""
    if not isinstance(reply, list):
        raise TypeError(f"expected a list, got {type(reply).__name__}")
    return [
        (
            str(text(item["message_id"])),
            str(text(item["consumer"])),
            int(item["time_since_delivered"]),
            int(item["times_delivered"]),
        )
        for item in reply
    ]
