"""Seeded mutations of a report PDF for the fuzz harness (``benchmarks/fuzz.py``).

Each mutator takes a ``random.Random`` and the PDF's bytes and returns the mutant. The
fixture PDFs are ReportLab's: classic xref table, content streams in
``/Filter [ /ASCII85Decode /FlateDecode ]``. Byte flips inside such a stream mostly end
at the ASCII85 decoder, so the ``content`` and ``plain`` mutators decode a stream first,
damage what pdfminer and PDFium then interpret (operators, operands, fonts), store it
again and rebuild the xref, so that the damage reaches the content parsers.
"""

from __future__ import annotations

import base64
import random
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Mutator = Callable[[random.Random, bytes], bytes]

_STREAM = re.compile(
    rb"<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>)*)>>\s*stream\r?\n(.*?)\r?\nendstream", re.S
)
_OBJ = re.compile(rb"(\d+) (\d+) obj\b")
_REF = re.compile(rb"\b(\d+) 0 R\b")
_NUMBER = re.compile(rb"(?<=[\s\[/<>])-?\d+(?:\.\d+)?(?=[\s\]/<>])")
_HOSTILE_NUMBERS = (
    b"0",
    b"-1",
    b"1",
    b"-0.0001",
    b"2147483648",
    b"4294967296",
    b"10000000000",
    b"99999999999999999999",
    b"1" + b"0" * 40,
    b"-99999999",
    b"3.4e38",
)


def _decode(dictionary: bytes, data: bytes) -> bytes | None:
    """The stream's decoded bytes, or None when its filters are not A85/Flate."""
    try:
        if b"ASCII85Decode" in dictionary:
            text = data.strip()
            data = base64.a85decode(text[:-2] if text.endswith(b"~>") else text)
        if b"FlateDecode" in dictionary:
            data = zlib.decompress(data)
    except (ValueError, zlib.error):
        return None
    return data


def rebuild_xref(data: bytes) -> bytes:
    """A classic xref table and startxref pointing at every ``N G obj`` header."""
    cut = data.rfind(b"xref\n")
    body = data[:cut] if cut > 0 else data
    offsets: dict[int, int] = {}
    for match in _OBJ.finditer(body):
        # A header whose number was made huge stays out of the table (it would have
        # billions of rows); the readers find such an object, or not, by scanning.
        if int(match.group(1)) < 100_000:
            offsets[int(match.group(1))] = match.start()
    trailer = re.search(rb"trailer\s*<<.*?>>", data[cut:] if cut > 0 else b"", re.S)
    size = max(offsets, default=0) + 1
    out = bytearray(body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    if trailer is not None:
        text = re.sub(rb"/Size \d+", b"/Size %d" % size, trailer.group(0))
        out += text + b"\n"
    else:
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % size
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def _restream(data: bytes, span: tuple[int, int], dictionary: bytes, payload: bytes) -> bytes:
    """Replace one stream (dictionary and data) by ``payload``, Flate only, new /Length."""
    rest = re.sub(rb"/Filter\s*(\[[^\]]*\]|/\w+)", b"", dictionary)
    rest = re.sub(rb"/Length\s+\d+(\s+\d+\s+R)?", b"", rest)
    packed = zlib.compress(payload)
    stream = b"<<" + rest + b" /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
    return data[: span[0]] + stream + packed + b"\nendstream" + data[span[1] :]


def _streams(data: bytes) -> list[re.Match[bytes]]:
    return list(_STREAM.finditer(data))


def flip(rng: random.Random, data: bytes) -> bytes:
    """1-16 random bytes set to random values."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def bits(rng: random.Random, data: bytes) -> bytes:
    """1-8 single bits flipped."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    """The file cut short anywhere after its header."""
    return data[: rng.randint(16, len(data) - 1)]


def stream(rng: random.Random, data: bytes) -> bytes:
    """A span of one stream's raw bytes overwritten, zeroed, deleted or doubled."""
    found = _streams(data)
    if not found:
        return flip(rng, data)
    match = rng.choice(found)
    start, end = match.span(2)
    if end - start < 2:
        return flip(rng, data)
    a = rng.randrange(start, end - 1)
    b = min(end, a + rng.randint(1, 256))
    how = rng.randrange(4)
    if how == 0:
        middle = bytes(rng.randrange(256) for _ in range(b - a))
    elif how == 1:
        middle = b"\0" * (b - a)
    elif how == 2:
        middle = b""
    else:
        middle = data[a:b] * 2
    return data[:a] + middle + data[b:]


def xref(rng: random.Random, data: bytes) -> bytes:
    """The xref table or startxref damaged: digits changed, the table or keyword gone."""
    at = data.rfind(b"xref\n")
    if at < 0:
        return flip(rng, data)
    how = rng.randrange(4)
    if how == 0:  # digits of the table changed
        out = bytearray(data)
        digits = [i for i in range(at, len(data)) if 48 <= data[i] <= 57]
        for _ in range(rng.randint(1, 12)):
            out[rng.choice(digits)] = rng.randrange(48, 58)
        return bytes(out)
    if how == 1:  # startxref points elsewhere
        return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.randrange(len(data) * 2), data)
    if how == 2:  # the table gone, trailer kept
        trailer = data.find(b"trailer", at)
        return data[:at] + data[trailer:] if trailer > 0 else data[:at]
    return data[:at] + b"xref\n0 %d\n" % rng.randrange(1 << 31) + data[at + 5 :]


def number(rng: random.Random, data: bytes) -> bytes:
    """One to three numbers outside streams (lengths, boxes, widths, counts) made hostile."""
    spans = [m.span(0) for m in _streams(data)]
    head = 0
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        pieces.append((head, start))
        head = end
    pieces.append((head, data.rfind(b"xref\n") if b"xref\n" in data else len(data)))
    candidates = [m.span() for a, b in pieces for m in _NUMBER.finditer(data, a, b)]
    out = data
    for start, end in sorted(rng.sample(candidates, min(len(candidates), rng.randint(1, 3))))[::-1]:
        value = (
            rng.choice(_HOSTILE_NUMBERS) if rng.random() < 0.7 else b"%d" % rng.randrange(-9, 99999)
        )
        out = out[:start] + value + out[end:]
    return rebuild_xref(out) if rng.random() < 0.5 else out


def swap(rng: random.Random, data: bytes) -> bytes:
    """Object references pointed at other objects (or themselves), or two headers swapped."""
    numbers = sorted({int(m.group(1)) for m in _OBJ.finditer(data)})
    refs = list(_REF.finditer(data))
    if not refs or not numbers:
        return flip(rng, data)
    if rng.random() < 0.3:
        headers = list(_OBJ.finditer(data))
        one, two = sorted(rng.sample(headers, 2), key=lambda m: m.start())
        out = (
            data[: one.start()]
            + two.group(0)
            + data[one.end() : two.start()]
            + one.group(0)
            + data[two.end() :]
        )
        return out
    out = data
    for match in sorted(
        rng.sample(refs, min(len(refs), rng.randint(1, 3))), key=lambda m: -m.start()
    ):
        target = rng.choice([*numbers, numbers[-1] + 1, 0])
        out = out[: match.start(1)] + b"%d" % target + out[match.end(1) :]
    return out


def _content_tokens(rng: random.Random, content: bytes) -> bytes:
    tokens = content.split(b" ")
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(tokens))
        how = rng.randrange(5)
        if how == 0:
            del tokens[i]
        elif how == 1:
            tokens.insert(i, rng.choice(tokens))
        elif how == 2:
            j = rng.randrange(len(tokens))
            tokens[i], tokens[j] = tokens[j], tokens[i]
        elif how == 3:
            tokens[i] = rng.choice(
                [
                    b"Tf",
                    b"Tj",
                    b"TJ",
                    b"Do",
                    b"cm",
                    b"re",
                    b"BT",
                    b"ET",
                    b"q",
                    b"Q",
                    b"[",
                    b"]",
                    b"<<",
                    b"(",
                    b"/F9",
                    b"gs",
                ]
            )
        else:
            token = bytearray(tokens[i] or b"x")
            token[rng.randrange(len(token))] = rng.randrange(256)
            tokens[i] = bytes(token)
    return b" ".join(tokens)


def content(rng: random.Random, data: bytes) -> bytes:
    """One decoded stream's tokens deleted, doubled, swapped or replaced, stored again."""
    found = [(m, _decode(m.group(1), m.group(2))) for m in _streams(data)]
    usable = [(m, d) for m, d in found if d]
    if not usable:
        return stream(rng, data)
    match, decoded = rng.choice(usable)
    assert decoded is not None
    mutated = _content_tokens(rng, decoded) if rng.random() < 0.7 else flip(rng, decoded)
    return rebuild_xref(_restream(data, match.span(0), match.group(1), mutated))


def hostile(rng: random.Random, data: bytes) -> bytes:
    """A known-hostile construct spliced in: a cycle, deep nesting, a two-number MediaBox,
    a huge width, a garbage tail, an inflate bomb."""
    how = rng.randrange(7)
    numbers = sorted({int(m.group(1)) for m in _OBJ.finditer(data)})
    top = (numbers[-1] if numbers else 0) + 1
    if how == 0:  # a reference cycle used where an object is expected
        refs = list(_REF.finditer(data))
        cycle = b"%d 0 obj\n%d 0 R\nendobj\n%d 0 obj\n%d 0 R\nendobj\n" % (
            top,
            top + 1,
            top + 1,
            top,
        )
        at = data.rfind(b"xref\n")
        out = data[:at] + cycle + data[at:]
        if refs:
            match = rng.choice(refs)
            out = out[: match.start(1)] + b"%d" % top + out[match.end(1) :]
        out = re.sub(rb"/Length (\d+)", b"/Length %d 0 R" % top, out, count=rng.randint(0, 1))
        return rebuild_xref(out)
    if how == 1:  # nesting
        depth = rng.choice([100, 1000, 10000, 100000])
        nest = (
            b"[" * depth + b"]" * depth if rng.random() < 0.5 else b"<</A " * depth + b">>" * depth
        )
        return rebuild_xref(
            re.sub(rb"/MediaBox \[[^\]]*\]", b"/MediaBox " + nest, data, count=1)
            if rng.random() < 0.5
            else data.replace(b"/Resources", b"/Nest " + nest + b" /Resources", 1)
        )
    if how == 2:  # a MediaBox with two numbers
        return rebuild_xref(
            re.sub(
                rb"/MediaBox \[[^\]]*\]",
                rng.choice([b"/MediaBox [0 0]", b"/MediaBox [ 595 842 ]", b"/MediaBox []"]),
                data,
            )
        )
    if how == 3:  # one width huge
        return rebuild_xref(
            re.sub(rb"/W \[ (\d+) \[ (\d+)", rb"/W [ \1 [ 99999999999", data, count=1).replace(
                b"/FirstChar 0", b"/FirstChar 0 /LastChar 2000000000", 1
            )
        )
    if how == 4:  # garbage after %%EOF
        return (
            data
            + bytes(rng.randrange(256) for _ in range(rng.choice([10, 1000, 100000])))
            + b"\0" * rng.choice([0, 1 << 20, 4 << 20])
        )
    if how == 5:  # a content stream replaced by a small bomb
        found = _streams(data)
        if not found:
            return data
        match = rng.choice(found)
        return rebuild_xref(
            _restream(
                data, match.span(0), match.group(1), b"0 0 m " * (1 << rng.choice([10, 16, 20, 23]))
            )
        )
    # a Kids or Contents reference pointing at its own object
    own = re.search(rb"(\d+) 0 obj\s*<<[^>]*?/(Kids \[|Contents )(\d+) 0 R", data)
    if own is None:
        return flip(rng, data)
    return data[: own.start(3)] + own.group(1) + data[own.end(3) :]


MUTATORS: dict[str, Mutator] = {
    "flip": flip,
    "bits": bits,
    "truncate": truncate,
    "stream": stream,
    "xref": xref,
    "number": number,
    "swap": swap,
    "content": content,
    "hostile": hostile,
}


def _walk(value: Any, key: str, names: set[str], ids: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, str(k), names, ids)
    elif isinstance(value, list):
        for item in value:
            _walk(item, key, names, ids)
    elif isinstance(value, str):
        if key.endswith("id_number") or re.fullmatch(r"\d{15}|\d{17}[\dX]", value):
            ids.add(value)
        elif key.endswith("name") and re.fullmatch(r"[\u4e00-\u9fff·]{2,6}", value):
            names.add(value)


def secrets(cases: Path) -> tuple[set[str], set[str]]:
    """Every person's name and ID number in the fixture cases under ``cases``."""
    names: set[str] = set()
    ids: set[str] = set()
    for path in sorted(cases.rglob("*.yaml")):
        _walk(yaml.safe_load(path.read_text(encoding="utf-8")), "", names, ids)
    return names, ids


def leaks(text: str, names: set[str], ids: set[str], window: int = 6) -> list[str]:
    """The names, and the runs of ``window`` or more digits of an ID number, in ``text``."""
    found = [name for name in names if name in text]
    for run in re.findall(rf"\d{{{window},}}", text):
        if any(run[i : i + window] in ident for ident in ids for i in range(len(run) - window + 1)):
            found.append(run)
    return found
