"""The Redis adapter of the CaptureStore port: one Lua script per commit."""

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import redis

from schemas import Event
from schemas.state import KnownPost
from workers.projection import (
    CAPTURES,
    FILES,
    FINGERPRINTS,
    INDEX,
    POSTS,
    TITLES,
    VERSIONS,
    Mutation,
    mutations,
    receipt,
)
from workers.store import replies
from workers.store.keys import Keys
from workers.store.port import BlogView, CommitStatus, split_owners

# Check the file receipt and the blog's version, then append the events and apply
# the projection: all in one script, so a retried or doubled job writes nothing twice
# and two workers on one blog cannot interleave. Every key shares one hash tag.
COMMIT_SCRIPT = """
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then return 0 end
if redis.call('HDEL', KEYS[4], ARGV[3]) == 1 then
  if redis.call('HINCRBY', KEYS[5], ARGV[6], -1) <= 0 then
    redis.call('HDEL', KEYS[5], ARGV[6])
    redis.call('DEL', KEYS[6])
  end
end
if ARGV[1] ~= '' then
  local version = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
  if version ~= tonumber(ARGV[2]) then return -1 end
end
local maxlen = tonumber(ARGV[4])
local payload = cjson.decode(ARGV[5])
for _, e in ipairs(payload.events) do
  if maxlen > 0 then
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', maxlen, '*', 'type', e[1], 'data', e[2])
  else
    redis.call('XADD', KEYS[3], '*', 'type', e[1], 'data', e[2])
  end
end
for _, m in ipairs(payload.ops) do
  local key = KEYS[m[2]]
  if m[1] == 'put' then
    redis.call('HSET', key, m[3], m[4])
  elseif m[1] == 'putnx' then
    redis.call('HSETNX', key, m[3], m[4])
  elseif m[1] == 'del' then
    redis.call('HDEL', key, m[3])
  elseif m[1] == 'incr' then
    redis.call('HINCRBY', key, m[3], 1)
  else
    local members = redis.call('HGET', key, m[3])
    if not members then
      redis.call('HSET', key, m[3], m[4])
    elseif not string.find(' ' .. members .. ' ', ' ' .. m[4] .. ' ', 1, true) then
      redis.call('HSET', key, m[3], members .. ' ' .. m[4])
    end
  end
end
return 1
"""

# Keep a capture's bytes until its receipt is committed: one blob per content, counted by
# the receipts (path and content) that hold it, so a copy under another name shares it.
# Returns what the receipt was committed as (a blog id, or REJECTED), or nil once handed.
# Records the file as read (path -> signature|sha256) when a path is given.
HAND_OVER_SCRIPT = """
if ARGV[4] ~= '' then redis.call('HSET', KEYS[5], ARGV[4], ARGV[5] .. '|' .. ARGV[2]) end
local applied = redis.call('HGET', KEYS[1], ARGV[1])
if applied then return applied end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
end
if redis.call('EXISTS', KEYS[4]) == 0 then redis.call('SET', KEYS[4], ARGV[3]) end
return false
"""


POSTS_UNCHANGED = "posts_unchanged"
"""The metrics field counting posts captures showed again unchanged (no event records them)."""
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
"""Upper bounds (seconds) of the capture-duration histogram's buckets."""


class RedisStore:
    """Known state in Redis hashes; commits through COMMIT_SCRIPT."""

    def __init__(self, client: redis.Redis, keys: Keys, *, stream_maxlen: int) -> None:
        self.client = client
        self.keys = keys
        self.stream_maxlen = stream_maxlen
        self._commit = client.register_script(COMMIT_SCRIPT)
        self._hand_over = client.register_script(HAND_OVER_SCRIPT)

    def hand_over(
        self, receipt: str, sha256: str, raw: bytes, *, path: str = "", signature: str = ""
    ) -> str | None:
        """Keep a capture's bytes for a worker; return what it was committed as, if it was."""
        keys = [self.keys.table(FILES), self.keys.handed, self.keys.blob_refs]
        keys += [self.keys.blob(sha256), self.keys.seen]
        reply = self._hand_over(keys=keys, args=[receipt, sha256, raw, path, signature])
        return replies.text(reply)

    def known_unchanged(self, signatures: Mapping[str, str]) -> dict[str, tuple[str, str | None]]:
        """Return files read before and unchanged since: digest, and commit (None: handed over)."""
        paths = list(signatures)
        if not paths:
            return {}
        seen = replies.optional_bytes_list(self.client.hmget(self.keys.seen, paths))
        digests = {}
        for path, value in zip(paths, seen, strict=True):
            signature, _, sha256 = (value or b"").decode().partition("|")
            if value and signature == signatures[path]:
                digests[path] = sha256
        if not digests:
            return {}
        receipts = [receipt(path, sha256) for path, sha256 in digests.items()]
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hmget(self.keys.table(FILES), receipts)
            pipe.hmget(self.keys.handed, receipts)
            applied, handed = pipe.execute()
        return {
            path: (sha256, replies.text(done))
            for (path, sha256), done, waiting in zip(digests.items(), applied, handed, strict=True)
            if done is not None or waiting is not None
        }

    def record_capture(self, seconds: float, unchanged: int) -> None:
        """Count one capture's processing time in its histogram bucket, and its unchanged posts."""
        bucket = next((str(b) for b in DURATION_BUCKETS if seconds <= b), "+Inf")
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hincrby(self.keys.metrics, f"seconds_le_{bucket}", 1)
            pipe.hincrbyfloat(self.keys.metrics, "seconds_sum", seconds)
            pipe.hincrby(self.keys.metrics, POSTS_UNCHANGED, unchanged)
            pipe.execute()

    def metrics(self) -> dict[str, float]:
        """Return the operational counters: duration buckets, their sum, posts unchanged."""
        raw = self.client.hgetall(self.keys.metrics)
        return {str(replies.text(name)): float(value) for name, value in raw.items()}

    def forget_seen(self, path: str) -> None:
        """Drop the record of an inbox file moved aside (archived or quarantined)."""
        self.client.hdel(self.keys.seen, path)

    def blob(self, sha256: str) -> bytes | None:
        """Return the bytes of a capture handed over and not yet committed."""
        return replies.optional_bytes(self.client.get(self.keys.blob(sha256)))

    def applied_as(self, receipt: str) -> str | None:
        """Return the blog a file at this content was committed to, REJECTED, or None."""
        return replies.text(self.client.hget(self.keys.table(FILES), receipt))

    def blog_overlaps(self, fingerprints: Sequence[str]) -> Mapping[str, int]:
        """Count, per blog, how many of these fingerprints it already holds."""
        if not fingerprints:
            return {}
        owners = replies.optional_bytes_list(
            self.client.hmget(self.keys.table(FINGERPRINTS), list(fingerprints))
        )
        return Counter(owner.split()[0].decode() for owner in owners if owner)

    def blog_with_title(self, key: str) -> str | None:
        """Return the blog first seen under this folded title."""
        return replies.text(self.client.hget(self.keys.table(TITLES), key))

    def load(
        self, blog_id: str, keys: Sequence[str], fingerprints: Sequence[str], sha256: str
    ) -> BlogView:
        """Read the blog's version and the known posts indexed under these keys."""
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hget(self.keys.table(VERSIONS), blog_id)
            pipe.hexists(self.keys.table(CAPTURES + blog_id), sha256)
            pipe.hmget(self.keys.table(INDEX + blog_id), list(keys) or [""])
            pipe.hmget(self.keys.table(FINGERPRINTS), list(fingerprints) or [""])
            version, seen, indexed, owners = pipe.execute()
        earlier, elsewhere = split_owners(
            blog_id,
            [
                (fingerprint, owner.decode())
                for fingerprint, owner in zip(
                    fingerprints, replies.optional_bytes_list(owners), strict=False
                )
                if owner
            ],
        )
        return BlogView(
            version=int(version or 0),
            known=self._records(blog_id, replies.optional_bytes_list(indexed)),
            elsewhere=elsewhere,
            earlier=earlier,
            capture_seen=bool(seen),
        )

    def candidates(self, blog_id: str, keys: Sequence[str]) -> Mapping[str, KnownPost]:
        """Read the blog's known posts indexed under these keys."""
        if not keys:
            return {}
        indexed = self.client.hmget(self.keys.table(INDEX + blog_id), list(keys))
        return self._records(blog_id, replies.optional_bytes_list(indexed))

    def _records(self, blog_id: str, indexed: Sequence[bytes | None]) -> dict[str, KnownPost]:
        """Read the known posts whose ids the index entries hold."""
        ids = sorted({i for members in indexed if members for i in members.decode().split()})
        if not ids:
            return {}
        records = replies.optional_bytes_list(
            self.client.hmget(self.keys.table(POSTS + blog_id), ids)
        )
        known = (KnownPost.model_validate_json(record) for record in records if record)
        return {post.post_id: post for post in known}

    def commit(
        self, *, blog_id: str | None, expected_version: int, receipt: str, events: Sequence[Event]
    ) -> CommitStatus:
        """Append the events and apply their projection in one atomic step."""
        changes = [change for event in events for change in mutations(event)]
        sha256 = events[0].source.sha256 if events else ""
        keys, ops = self._script_args(changes, sha256)
        payload = {"events": [[e.type, e.model_dump_json()] for e in events], "ops": ops}
        result = self._commit(
            keys=keys,
            args=[
                blog_id or "",
                expected_version,
                receipt,
                self.stream_maxlen,
                _json(payload),
                sha256,
            ],
        )
        return {1: CommitStatus.APPLIED, 0: CommitStatus.ALREADY_APPLIED}.get(
            replies.integer(result), CommitStatus.CONFLICT
        )

    def apply(self, changes: Sequence[Mutation]) -> None:
        """Apply projection changes without a log append (used by replay)."""
        keys, ops = self._script_args(changes, "")
        self._commit(keys=keys, args=["", 0, "", 0, _json({"events": [], "ops": ops}), ""])

    def _script_args(
        self, changes: Sequence[Mutation], sha256: str
    ) -> tuple[list[str], list[list[Any]]]:
        """Lay out the script's keys (versions, files, events, hand-over, tables) and ops."""
        keys = [self.keys.table(VERSIONS), self.keys.table(FILES), self.keys.events]
        keys += [self.keys.handed, self.keys.blob_refs, self.keys.blob(sha256)]
        slots: dict[str, int] = {}
        ops: list[list[Any]] = []
        for change in changes:
            key = self.keys.table(change.table)
            if key not in slots:
                keys.append(key)
                slots[key] = len(keys)
            ops.append([change.op, slots[key], change.field, change.value])
        return keys, ops


def _json(payload: object) -> str:
    """Serialise the script payload compactly."""
    return json.dumps(payload, separators=(",", ":"))
