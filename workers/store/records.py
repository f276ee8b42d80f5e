"""Known-post records as the Redis adapter stores them: packed bytes, a third of their JSON."""

import re
import struct
from datetime import UTC, datetime, timedelta
from typing import Final

from schemas.state import KnownPost
from workers.identity import RELATIVE, TRACKED_FIELDS

PACKED: Final = 1
"""The first byte of a packed record; a record that cannot be packed is stored as JSON ("{")."""
# format, revision, captured_at in microseconds since 1970, fingerprint, which time digests
# are RELATIVE, shingles, signature length, post id length; then a digest (8 bytes) per
# tracked field, the signature (16 bits a bin) and the post id.
_HEAD: Final = struct.Struct("<BIq16sBIBB")
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)
_HEX = re.compile(r"[0-9a-f]*")
_DIGEST_BYTES: Final = 8
_LIMITS: Final = {"revision": 2**32, "shingles": 2**32, "bins": 256, "id": 256}


def pack(record: KnownPost) -> bytes:
    """Pack a record into bytes; one outside the usual shapes stays JSON, read back the same."""
    packed = _pack(record)
    return packed if packed is not None else record.model_dump_json().encode()


def _pack(record: KnownPost) -> bytes | None:
    digests, post_id = record.field_digests, record.post_id.encode()
    if (
        list(digests) != list(TRACKED_FIELDS)
        or len(record.fingerprint) != 32
        or not _HEX.fullmatch(record.fingerprint)
        or not 0 <= record.revision < _LIMITS["revision"]
        or not 0 <= record.shingles < _LIMITS["shingles"]
        or len(record.signature) >= _LIMITS["bins"]
        or len(post_id) >= _LIMITS["id"]
    ):
        return None
    relative, parts = 0, []
    for position, value in enumerate(digests.values()):
        if value == RELATIVE:
            relative |= 1 << position
            parts.append(bytes(_DIGEST_BYTES))
        elif len(value) == 2 * _DIGEST_BYTES and _HEX.fullmatch(value):
            parts.append(bytes.fromhex(value))
        else:
            return None
    head = _HEAD.pack(
        PACKED,
        record.revision,
        (record.captured_at - _EPOCH) // _MICROSECOND,
        bytes.fromhex(record.fingerprint),
        relative,
        record.shingles,
        len(record.signature),
        len(post_id),
    )
    signature = struct.pack(f"<{len(record.signature)}H", *record.signature)
    return b"".join((head, *parts, signature, post_id))


def unpack(data: bytes, blog_id: str) -> KnownPost:
    """Read a record of ``blog_id`` back, packed or JSON."""
    if data[:1] != bytes((PACKED,)):
        return KnownPost.model_validate_json(data)
    _, revision, micros, fingerprint, relative, shingles, bins, id_size = _HEAD.unpack_from(data)
    at = _HEAD.size
    digests = {}
    for position, name in enumerate(TRACKED_FIELDS):
        chunk = data[at : at + _DIGEST_BYTES]
        digests[name] = RELATIVE if relative >> position & 1 else chunk.hex()
        at += _DIGEST_BYTES
    signature = struct.unpack_from(f"<{bins}H", data, at)
    at += 2 * bins
    return KnownPost(
        post_id=data[at : at + id_size].decode(),
        blog_id=blog_id,
        revision=revision,
        fingerprint=fingerprint.hex(),
        captured_at=_EPOCH + micros * _MICROSECOND,
        field_digests=digests,
        signature=signature,
        shingles=shingles,
    )
