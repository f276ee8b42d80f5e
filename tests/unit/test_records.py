"""Known-post records pack into bytes and read back equal."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from schemas.state import KnownPost
from workers.identity import RELATIVE, TRACKED_FIELDS
from workers.store.records import PACKED, pack, unpack

DIGEST = st.one_of(st.just(RELATIVE), st.binary(min_size=8, max_size=8).map(bytes.hex))


@given(
    post_id=st.text(min_size=1, max_size=40),
    revision=st.integers(0, 2**32 - 1),
    fingerprint=st.binary(min_size=16, max_size=16).map(bytes.hex),
    captured_at=st.datetimes(
        min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
    ),
    digests=st.lists(DIGEST, min_size=len(TRACKED_FIELDS), max_size=len(TRACKED_FIELDS)),
    signature=st.one_of(st.just(()), st.tuples(*[st.integers(0, 65535)] * 64)),
    shingles=st.integers(0, 2**32 - 1),
)
def test_a_record_packs_and_reads_back_equal(
    post_id: str,
    revision: int,
    fingerprint: str,
    captured_at: datetime,
    digests: list[str],
    signature: tuple[int, ...],
    shingles: int,
) -> None:
    record = KnownPost(
        post_id=post_id,
        blog_id="blog",
        revision=revision,
        fingerprint=fingerprint,
        captured_at=captured_at,
        field_digests=dict(zip(TRACKED_FIELDS, digests, strict=True)),
        signature=signature,
        shingles=shingles,
    )
    packed = pack(record)
    assert packed[0] == PACKED
    assert len(packed) < len(record.model_dump_json())
    assert unpack(packed, "blog") == record


def test_a_record_of_another_shape_stays_json_and_reads_back() -> None:
    record = KnownPost(
        post_id="p1",
        blog_id="blog",
        revision=1,
        fingerprint="not hex",
        captured_at=datetime(2024, 1, 1, tzinfo=UTC),
        field_digests={"headline": "x"},
    )
    assert pack(record).startswith(b"{")
    assert unpack(pack(record), "blog") == record
