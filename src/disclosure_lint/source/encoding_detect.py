"""Encoding detection for the inputs the fast path cannot decide.

:func:`~disclosure_lint.source.decode` settles almost every page without this module: a byte-order
mark, the page's own declaration, or strict UTF-8. What is left (no declaration, not UTF-8) is
usually GBK/GB18030, sometimes Big5 (Taiwan, Hong Kong, Macao pages), sometimes UTF-16 without a
byte-order mark (a Windows "Unicode" text export). Big5 bytes are nearly always *also* valid
GB18030, and UTF-16 bytes often are too, so a strict GB18030 decode is not evidence; guessing it
turns those files into mojibake. Here beautifulsoup4's ``UnicodeDammit`` — backed by
charset-normalizer, both imported only when needed — decides, and the answer is accepted only when
the bytes decode strictly in it. Nothing is ever silently replaced: when no candidate decodes
cleanly the caller falls back and reports DL001.
"""
from __future__ import annotations

import logging

__all__ = ["detect", "plausible_text", "gb_or_big5"]


def _quiet(record: logging.LogRecord) -> bool:
    return False

# Encodings a Chinese report plausibly comes in (besides UTF-8, which the fast path handles).
_ACCEPT = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030", "hz": "hz",
    "big5": "big5", "big5hkscs": "big5hkscs", "cp950": "cp950",
    "utf-16": "utf-16", "utf_16": "utf-16", "utf-16-le": "utf-16-le", "utf_16_le": "utf-16-le",
    "utf-16le": "utf-16-le", "utf-16-be": "utf-16-be", "utf_16_be": "utf-16-be", "utf-16be": "utf-16-be",
    "utf-32": "utf-32", "utf_32": "utf-32", "utf-32-le": "utf-32-le", "utf_32_le": "utf-32-le",
    "utf-32-be": "utf-32-be", "utf_32_be": "utf-32-be",
}  # Japanese and Korean encodings are left out on purpose: on short GBK text detectors name them wrongly

_SAMPLE = 256 * 1024  # the detector sees at most this much (whole characters are re-checked below)


def plausible_text(text: str, threshold: float = 0.85) -> bool:
    """Most characters are what a report is made of: ASCII, CJK, CJK punctuation, full-width forms."""
    if not text:
        return False
    sample = text[:20000]
    good = 0
    for c in sample:
        o = ord(c)
        if (0x20 <= o < 0x7F or c in "\t\n\r" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
                or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0x3400 <= o <= 0x4DBF or 0xA0 <= o <= 0xFF):
            good += 1
    return good >= threshold * len(sample)


def _utf16_shape(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit almost only at odd/even positions (BOM-less UTF-16)."""
    sample = data[:8192]
    if len(sample) < 16:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.2 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.2 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def detect(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` when a detector names an encoding in which *data* decodes strictly and
    reads as text; None when nothing does (the caller falls back and says so)."""
    shape = _utf16_shape(data)
    if shape is not None and len(data) % 2 == 0:
        try:
            text = data.decode(shape)
        except UnicodeDecodeError:
            pass
        else:
            if plausible_text(text):
                return text, shape
    try:
        from bs4.dammit import UnicodeDammit
    except ImportError:  # pragma: no cover - bs4 is a core dependency
        return None
    try:
        sample = data
        if len(data) > _SAMPLE:  # cut at a line break: never inside a multi-byte character
            cut = data.rfind(b"\n", 0, _SAMPLE)
            sample = data[:cut + 1] if cut > 0 else data[:_SAMPLE]
        # UnicodeDammit logs a warning when it falls back to replacement characters; that is
        # DL001's to say (once, as a finding), not a stray line on stderr
        log = logging.getLogger("bs4.dammit")
        log.addFilter(_quiet)
        try:
            dammit = UnicodeDammit(sample, is_html=False)
        finally:
            log.removeFilter(_quiet)
        if dammit.contains_replacement_characters:
            return None
        guess = dammit.original_encoding
    except Exception:  # a detector bug must not stop a lint
        return None
    enc = _ACCEPT.get((guess or "").lower().replace(" ", ""))
    if enc is None:
        return None
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None
    if enc.startswith(("utf-16", "utf-32")) and not plausible_text(text):
        return None
    return text, enc


def _common_share(text: str, codec: str, lo: int, hi: int) -> float:
    """The share of non-ASCII characters of *text* that are common in *codec*: punctuation rows
    (lead byte 0xA1-0xA3) or frequent hanzi (lead byte *lo*..*hi*)."""
    n = common = 0
    for c in text[:20000]:
        if c < "\x80":
            continue
        n += 1
        try:
            lead = c.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        if 0xA1 <= lead <= 0xA3 or lo <= lead <= hi:
            common += 1
    return common / n if n else 1.0


def gb_or_big5(gb_text: str, big5_text: str) -> tuple[str, str]:
    """Bytes valid in both GB18030 and Big5: the reading made of common characters wins.

    GB2312's frequent hanzi have lead bytes 0xB0-0xD7 and Big5's 0xA4-0xC6. Big5 bytes read as
    GB18030 turn into kana, Greek and Cyrillic (GB rows 0xA4-0xAF); GBK bytes read as Big5 into
    rare hanzi and symbols (Big5 rows past 0xC6). Ties go to GB18030, the usual encoding."""
    gb = _common_share(gb_text, "gb2312", 0xB0, 0xD7)
    big5 = _common_share(big5_text, "big5", 0xA4, 0xC6)
    return (big5_text, "big5") if big5 > gb + 0.05 else (gb_text, "gb18030")
