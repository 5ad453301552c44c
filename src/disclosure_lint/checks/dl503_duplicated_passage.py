"""DL503: duplicated-passage."""
from __future__ import annotations

import re

from ..diagnostics import Finding, Related
from ..registry import rule

_SENT = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_SENTENCE = 10   # characters (CJK) a repeated sentence must have
MIN_RUN = 8         # characters a back-to-back repeated run must have
MAX_RUN = 40
# A run of MIN_RUN..MAX_RUN characters, starting with a CJK one, written twice back to back: where the
# pattern matches is where the loop below may find a repeat (it then applies its own conditions).
_CANDIDATE = re.compile(rf"(?s)([\u4e00-\u9fff].{{{MIN_RUN - 1},{MAX_RUN - 1}}}?)\1")
BACK_TO_BACK_LIMIT = 20000
# Template labels that a flattened table repeats legitimately (table 4's two litigation blocks).
_TEMPLATE = re.compile(r"结果维持|结果纠正|其他结果|尚未审结|总计|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|\s")  # paragraphs longer than this get the sentence check only (linear)


@rule("DL503", "duplicated-passage", "warning")
def check(ctx):
    """The same sentence or clause twice in a row, or twice within a paragraph.

    **What it checks.** Within a paragraph: a sentence (up to 。！？；) that occurs twice, and a run of
    at least 8 characters repeated back to back. Between paragraphs: a paragraph identical to the
    one before it.

    **Why it matters.** Copy-paste leaves doubled passages that every reader notices.

    **Example.** ``聚焦新中国成立70周年平潭专场新闻发布会聚焦新中国成立70周年平潭专场新闻发布会``.

    **How to fix.** Delete the repetition.
    """
    prev = None
    for b in ctx.document.paragraphs():
        text = b.text
        if prev is not None and text == prev.text and len(_CJK.findall(text)) >= MIN_SENTENCE:
            yield Finding(b.span, "this paragraph repeats the one before it", [Related(prev.span, "the first copy")],
                          suggestion="")
        prev = b
        seen: dict[str, tuple[int, int]] = {}
        reported = []
        for m in _SENT.finditer(text):
            s = m.group().strip()
            key = s.rstrip("。！？!?；;，, ")
            if len(key) < MIN_SENTENCE or len(_CJK.findall(key)) < MIN_SENTENCE:
                continue
            if key in seen:
                a, z = seen[key]
                start = m.start() + (len(m.group()) - len(m.group().lstrip()))
                yield Finding(b.ptext.span(start, start + len(s)), f"this sentence already occurs in the paragraph: "
                              f"“{key[:30]}{'…' if len(key) > 30 else ''}”", [Related(b.ptext.span(a, z), "the first copy")],
                              suggestion="")
                reported.append((start, start + len(s)))
            else:
                seen[key] = (m.start(), m.end())
        if len(text) > BACK_TO_BACK_LIMIT:
            continue
        n = len(text)
        # Only where a run is written twice back to back can a repeat start: the compiled pattern finds
        # the next such place (C), so the loop visits candidates, not every character.
        m = _CANDIDATE.search(text)
        while m is not None:
            i = m.start()
            hit = 0
            ch = text[i]
            j = text.find(ch, i + MIN_RUN, i + MAX_RUN + 1)
            while j >= 0:  # a repeat of length L starts with the same character at i + L
                L = j - i
                if i + 2 * L <= n and text[i:j] == text[j:j + L] and len(_CJK.findall(text[i:j])) >= MIN_RUN - 2 \
                        and len(_TEMPLATE.sub("", text[i:j])) >= 4:
                    hit = L  # the shortest repeat: a longer one would contain it
                    break
                j = text.find(ch, j + 1, i + MAX_RUN + 1)
            if hit:
                a, z = i + hit, i + 2 * hit
                if not any(x <= a < y for x, y in reported):
                    yield Finding(b.ptext.span(a, z), f"“{text[i:i + hit]}” is written twice in a row",
                                  [Related(b.ptext.span(i, i + hit), "the first copy")], suggestion="")
                i = z
            else:
                i += 1
            m = _CANDIDATE.search(text, i)
