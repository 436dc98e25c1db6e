"""Readers never raise anything but BadInput, whatever bytes they get; decoded text is always clean."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import BadInput
from pipeline.sources import Source
from pipeline.text import decode, read_text

MEDIA_TYPES = ["text/plain", "text/html", "application/pdf", "application/xml"]
BYTES = (st.binary(max_size=3000)
         | st.text(max_size=1000).map(lambda t: t.encode("utf-8", "surrogatepass"))
         | st.sampled_from([b"%PDF-1.4\n", b"<html><body>", b"<?xml version='1.0'?><TED_EXPORT>", b"\xff\xfe"])
         .flatmap(lambda head: st.binary(max_size=2000).map(lambda tail: head + tail)))


@settings(max_examples=150, deadline=None)
@given(data=BYTES, media_type=st.sampled_from(MEDIA_TYPES))
def test_any_bytes_give_text_or_bad_input(data: bytes, media_type: str) -> None:
    source = Source("x", data, hashlib.sha256(data).hexdigest(), media_type)
    try:
        result = read_text(source)
    except BadInput as err:
        assert err.message.startswith("x: ")
        return
    assert result.text.strip() and "\x00" not in result.text
    assert all(0 <= start < end <= len(result.text) for start, end, _ in result.entities)
    assert list(result.page_starts) == sorted(result.page_starts)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000))
def test_decode_always_returns_a_string(data: bytes) -> None:
    assert isinstance(decode(data), str)
