"""The Redis adapter of the CaptureStore port: one Lua script per commit."""

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import redis
from redis.client import Pipeline

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
    ZONES,
    Mutation,
    mutations,
    receipt,
)
from workers.store import records, replies
from workers.store.keys import Keys
from workers.store.port import BlogView, CommitStatus, split_owners

# A blog's index is a linear hash of small hashes ("{ns}:index:<blog>:<n>"), each kept under
# Valkey's listpack limit (128 entries) where an entry costs ~24 B, not ~40 in one big hash.
# The blog's index key holds the state: level, split (the next shard to split) and count.
# A shard is split when the entries pass INDEX_LOAD a shard, so no rehash ever touches more
# than one shard (Litwin's linear hashing); a field's shard comes from its first four bytes.
INDEX_LUA = """
local INDEX_LOAD = 40
local function index_state(key)
  local saved = redis.call('HMGET', key, 'level', 'split', 'count')
  local level = tonumber(saved[1] or '0')
  -- Shard numbers are whole doubles, which Lua writes without a fraction ("3").
  return {key = key .. ':', level = level, size = 2 ^ level,
          split = tonumber(saved[2] or '0'), count = tonumber(saved[3] or '0'),
          pending = {}, order = {}}
end
local function bucket(field)
  local b1, b2, b3, b4 = string.byte(field, 1, 4)
  return ((b1 * 256 + b2) * 256 + b3) * 256 + b4
end
local function shard_of(state, field)
  local h = bucket(field)
  local shard = h % state.size
  if shard < state.split then shard = h % (2 * state.size) end
  return state.key .. shard
end
local function split(state)
  local size = state.size
  local from, to = state.key .. state.split, state.key .. (state.split + size)
  local entries, moved, fields = redis.call('HGETALL', from), {}, {}
  for at = 1, #entries, 2 do
    if bucket(entries[at]) % (2 * size) ~= state.split then
      moved[#moved + 1] = entries[at]; moved[#moved + 1] = entries[at + 1]
      fields[#fields + 1] = entries[at]
    end
  end
  if #fields > 0 then
    redis.call('HSET', to, unpack(moved))
    redis.call('HDEL', from, unpack(fields))
  end
  state.split = state.split + 1
  if state.split == size then
    state.level, state.size, state.split = state.level + 1, 2 * size, 0
  end
end
local function index_add(state, field, member)
  -- Add a fixed-width member (a post reference) to a field's set, once. A field's members
  -- added by one commit are written once, at index_save: appending each in turn rewrote
  -- and rescanned the string, the square of their number (a capture of 2,000 posts
  -- sharing a key held the server for 2.4 s).
  local entry = state.pending[field]
  if not entry then
    local key = shard_of(state, field)
    if redis.call('HSETNX', key, field, member) == 1 then  -- most of a new post's fields are new
      state.count = state.count + 1
      if state.count > INDEX_LOAD * (state.size + state.split) then split(state) end
      return true
    end
    local members, width = redis.call('HGET', key, field), #member
    entry = {seen = {}, added = {}}
    for from = 1, #members, width do
      entry.seen[string.sub(members, from, from + width - 1)] = true
    end
    state.pending[field] = entry
    state.order[#state.order + 1] = field
  end
  if entry.seen[member] then return false end
  entry.seen[member] = true
  entry.added[#entry.added + 1] = member
  return false
end
local function index_save(state)
  for _, field in ipairs(state.order) do
    local added = state.pending[field].added
    if #added > 0 then
      local key = shard_of(state, field)  -- where the field is now: a split may have moved it
      redis.call('HSET', key, field, redis.call('HGET', key, field) .. table.concat(added))
    end
  end
  redis.call('HSET', string.sub(state.key, 1, -2), 'level', state.level, 'split', state.split,
             'count', state.count)
end
"""

# Check the projections' layout, the file receipt and the blog's version, then append the
# events and apply the projection: all in one script, so a retried or doubled job writes
# nothing twice and two workers on one blog cannot interleave. Every key shares one hash tag.
# ARGV: blog, version, receipt, maxlen, sha256, layout, number of events, then each event's
# type and data, then each op's name, table (a KEYS index), field and value.
COMMIT_SCRIPT = (
    INDEX_LUA
    + """
local layout = redis.call('GET', KEYS[7])
if layout ~= ARGV[6] then
  if layout or redis.call('EXISTS', KEYS[1]) == 1 then return -2 end
  redis.call('SET', KEYS[7], ARGV[6])
end
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then return 0 end
if ARGV[1] ~= '' then
  local version = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
  if version ~= tonumber(ARGV[2]) then return -1 end
end
-- The capture's bytes go only with a commit that applies: a script's writes before a
-- refusal stay, and a worker killed before its retried commit left its job nothing to read.
if redis.call('HDEL', KEYS[4], ARGV[3]) == 1 then
  if redis.call('HINCRBY', KEYS[5], ARGV[5], -1) <= 0 then
    redis.call('HDEL', KEYS[5], ARGV[5])
    redis.call('DEL', KEYS[6])
  end
end
local maxlen = tonumber(ARGV[4])
local ops = 8 + 2 * tonumber(ARGV[7])
for at = 8, ops - 1, 2 do
  if maxlen > 0 then
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', maxlen, '*', 'type', ARGV[at], 'data', ARGV[at + 1])
  else
    redis.call('XADD', KEYS[3], '*', 'type', ARGV[at], 'data', ARGV[at + 1])
  end
end
local indexes = {}
for at = ops, #ARGV, 4 do
  local op, key, field, value = ARGV[at], KEYS[tonumber(ARGV[at + 1])], ARGV[at + 2], ARGV[at + 3]
  if op == 'put' then
    redis.call('HSET', key, field, value)
  elseif op == 'putnx' then
    redis.call('HSETNX', key, field, value)
  elseif op == 'del' then
    redis.call('HDEL', key, field)
  elseif op == 'incr' then
    redis.call('HINCRBY', key, field, 1)
  else
    local state = indexes[key]
    if not state then state = index_state(key); indexes[key] = state end
    index_add(state, field, value)
  end
end
for _, state in pairs(indexes) do index_save(state) end
return 1
"""
)

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

# Read what a capture's decision needs in one round trip: the blog's version and whether it
# saw this content (when ARGV[1] names the blog), the known posts the index keys point at
# (members of POST_REF_BYTES each), and the owners of the fingerprints. ARGV: blog, sha256,
# number of index keys, the index keys, the fingerprints. Returns {version, seen, records,
# owners}.
READ_SCRIPT = (
    INDEX_LUA
    + """
local function hmget(key, names, first, last)
  local values = {}
  -- In slices: Lua unpacks at most a few thousand values at once.
  for from = first, last, 1000 do
    local slice = redis.call('HMGET', key, unpack(names, from, math.min(from + 999, last)))
    for _, value in ipairs(slice) do values[#values + 1] = value end
  end
  return values
end
local version, seen, zone = false, 0, false
if ARGV[1] ~= '' then
  version = redis.call('HGET', KEYS[1], ARGV[1])
  seen = redis.call('HEXISTS', KEYS[2], ARGV[2])
  zone = redis.call('HGET', KEYS[6], ARGV[1])
end
local n = tonumber(ARGV[3])
local ids, taken = {}, {}
local index = index_state(KEYS[3])
for at = 4, 3 + n do
  local members = redis.call('HGET', shard_of(index, ARGV[at]), ARGV[at])
  if members then
    for from = 1, #members, 10 do
      local id = string.sub(members, from, from + 9)
      if not taken[id] then taken[id] = true; ids[#ids + 1] = id end
    end
  end
end
return {version, seen, hmget(KEYS[5], ids, 1, #ids), hmget(KEYS[4], ARGV, 4 + n, #ARGV), zone}
"""
)


LAYOUT = "2"
"""How the projections lie in Redis (2: packed records; index keys and post ids as short
hashes, each blog's index a linear hash of small hashes)."""
LAYOUT_MISMATCH = -2
INDEX_FIELD_BYTES = 8
POST_REF_BYTES = 10
ScriptArg = str | bytes | int
"""An argument of a script."""


class LayoutMismatchError(RuntimeError):
    """The namespace's projections were written in another layout: rebuild them first."""

    def __init__(self, key: str) -> None:
        super().__init__(
            f"the projections beside {key} were written by another blogtail version: stop the "
            "workers and run `blogtail replay --rebuild` to rebuild them from the event log"
        )


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
        self._read = client.register_script(READ_SCRIPT)

    def hand_over(
        self, receipt: str, sha256: str, raw: bytes, *, path: str = "", signature: str = ""
    ) -> str | None:
        """Keep a capture's bytes for a worker; return what it was committed as, if it was."""
        keys, args = self._hand_over_call(receipt, sha256, raw, path, signature)
        return replies.text(self._hand_over(keys=keys, args=args))

    def hand_over_in(
        self, pipe: Pipeline, receipt: str, sha256: str, raw: bytes, *, path: str, signature: str
    ) -> None:
        """Add a hand-over to a pipeline; its reply (replies.text) is as hand_over returns."""
        # EVAL, not EVALSHA: a script unknown to a restarted server would fail alone inside
        # the transaction while the rest of it (the job) went through.
        keys, args = self._hand_over_call(receipt, sha256, raw, path, signature)
        pipe.eval(HAND_OVER_SCRIPT, len(keys), *keys, *args)

    def _hand_over_call(
        self, receipt: str, sha256: str, raw: bytes, path: str, signature: str
    ) -> tuple[list[str], list[ScriptArg]]:
        keys = [self.keys.table(FILES), self.keys.handed, self.keys.blob_refs]
        keys += [self.keys.blob(sha256), self.keys.seen]
        return keys, [receipt, sha256, raw, path, signature]

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

    def handed(self, receipt: str, sha256: str) -> tuple[bytes | None, str | None]:
        """Return, in one round trip, a capture's bytes and what it was committed as, if it was."""
        with self.client.pipeline(transaction=False) as pipe:
            handed_in(pipe, self.keys, receipt, sha256)
            return handed_from(pipe.execute())

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
        version, seen, stored, owners, zone = self._read_blog(blog_id, keys, fingerprints, sha256)
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
            known=_known(stored, blog_id),
            elsewhere=elsewhere,
            earlier=earlier,
            capture_seen=bool(seen),
            zone=replies.text(zone),
        )

    def candidates(self, blog_id: str, keys: Sequence[str]) -> Mapping[str, KnownPost]:
        """Read the blog's known posts indexed under these keys."""
        if not keys:
            return {}
        return _known(self._read_blog(blog_id, keys, (), "", version=False)[2], blog_id)

    def _read_blog(
        self,
        blog_id: str,
        keys: Sequence[str],
        fingerprints: Sequence[str],
        sha256: str,
        *,
        version: bool = True,
    ) -> list[Any]:
        """Run READ_SCRIPT: version, seen, the indexed records, the fingerprints' owners, zone."""
        tables = [self.keys.table(VERSIONS), self.keys.table(CAPTURES + blog_id)]
        tables += [self.keys.table(INDEX + blog_id), self.keys.table(FINGERPRINTS)]
        tables += [self.keys.table(POSTS + blog_id), self.keys.table(ZONES)]
        args: list[ScriptArg] = [blog_id if version else "", sha256, len(keys)]
        args += [*map(index_field, keys), *fingerprints]
        return list(self._read(keys=tables, args=args))

    def commit(
        self, *, blog_id: str | None, expected_version: int, receipt: str, events: Sequence[Event]
    ) -> CommitStatus:
        """Append the events and apply their projection in one atomic step."""
        changes = [change for event in events for change in mutations(event)]
        sha256 = events[0].source.sha256 if events else ""
        logged = [part for event in events for part in (event.type, event.model_dump_json())]
        head: list[ScriptArg] = [
            blog_id or "",
            expected_version,
            receipt,
            self.stream_maxlen,
            sha256,
        ]
        return self._run_commit([*head, LAYOUT, len(events), *logged], changes, sha256)

    def apply(self, changes: Sequence[Mutation]) -> None:
        """Apply projection changes without a log append (used by replay)."""
        self._run_commit(["", 0, "", 0, "", LAYOUT, 0], changes, "")

    def _run_commit(
        self, head: list[ScriptArg], changes: Sequence[Mutation], sha256: str
    ) -> CommitStatus:
        """Run COMMIT_SCRIPT: the head of its ARGV, then each change's op, table, field, value."""
        keys = [self.keys.table(VERSIONS), self.keys.table(FILES), self.keys.events]
        keys += [self.keys.handed, self.keys.blob_refs, self.keys.blob(sha256), self.keys.layout]
        slots: dict[str, int] = {}
        args = head
        for change in changes:
            key = self.keys.table(change.table)
            if key not in slots:
                keys.append(key)
                slots[key] = len(keys)
            args += [change.op, slots[key], *_stored(change)]
        result = replies.integer(self._commit(keys=keys, args=args))
        if result == LAYOUT_MISMATCH:
            raise LayoutMismatchError(self.keys.layout)
        return {1: CommitStatus.APPLIED, 0: CommitStatus.ALREADY_APPLIED}.get(
            result, CommitStatus.CONFLICT
        )


def handed_in(pipe: redis.client.Pipeline, keys: Keys, receipt: str, sha256: str) -> None:
    """Queue the reads of RedisStore.handed on a pipeline (handed_from reads the replies)."""
    pipe.get(keys.blob(sha256))
    pipe.hget(keys.table(FILES), receipt)


def handed_from(results: Sequence[object]) -> tuple[bytes | None, str | None]:
    """Read a capture's bytes and receipt from the last two replies of a handed_in pipeline."""
    raw, applied = results[-2:]
    return replies.optional_bytes(raw), replies.text(applied)


def stale_layout(client: redis.Redis, keys: Keys) -> bool:
    """Tell whether a namespace holds projections written in another layout (replay them)."""
    layout = replies.text(client.get(keys.layout))
    return layout != LAYOUT and (layout is not None or bool(client.exists(keys.table(VERSIONS))))


def index_field(key: str) -> bytes:
    """Name an index key as stored: 8 bytes of its hash."""
    # Valkey keeps a hash entry whose field and value are this short in 40 bytes, where the
    # readable key and post id took 70 (18 entries a post). Two keys of a blog of n posts
    # share a field with probability ~(18n)^2/2^65; a shared one only adds a candidate that
    # dedupe then weighs and turns away.
    return hashlib.blake2b(key.encode(), digest_size=INDEX_FIELD_BYTES).digest()


def post_ref(post_id: str) -> bytes:
    """Name a post as the index and the records hash store it: 10 bytes of its id's hash."""
    return hashlib.blake2b(post_id.encode(), digest_size=POST_REF_BYTES).digest()


def _stored(change: Mutation) -> tuple[str | bytes, str | bytes]:
    """Return a change's field and value as stored: index keys and post ids as short hashes."""
    if change.table.startswith(INDEX):
        return index_field(change.field), post_ref(change.value)
    if change.table.startswith(POSTS):
        return post_ref(change.field), records.pack(KnownPost.model_validate_json(change.value))
    return change.field, change.value


def _known(stored: Sequence[bytes | None], blog_id: str) -> dict[str, KnownPost]:
    """Read a blog's known posts from their stored records, keyed by post id."""
    known = (records.unpack(record, blog_id) for record in stored if record)
    return {post.post_id: post for post in known}
