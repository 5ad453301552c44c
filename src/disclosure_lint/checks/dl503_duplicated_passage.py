"""DL503: duplicated-passage."""
from __future__ import annotations

import re
from itertools import islice

from ..engine.diagnostics import Edit, Finding, Fix, Related
from ..i18n import _
from ..engine.registry import rule
from ..source import Span

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


def _cjk_at_least(text: str, n: int) -> bool:
    """Whether *text* holds *n* Chinese characters, counted no further than that (a paragraph-long
    sentence would otherwise make a string object per character: 150 MB for 200,000 clauses)."""
    return sum(1 for _ in islice(_CJK.finditer(text), n)) >= n


def _deletion(ctx, span: Span) -> Fix | None:
    """Deleting the repetition, offered to editors but never applied by ``--fix`` (it removes content);
    only where the span holds no markup, so that no tag is cut."""
    if "<" in ctx.document.source.text[span.start:span.end]:
        return None
    return Fix((Edit(span, ""),), safe=False)


@rule("DL503", "duplicated-passage", "warning")
def check(ctx):
    """The same sentence or clause twice in a row, or twice within a paragraph.

    **What it checks.** Within a paragraph: a sentence (up to 。！？；) that occurs twice, and a run of
    at least 8 characters repeated back to back. Between paragraphs: a paragraph identical to the
    one before it.

    **Why it matters.** Copy-paste leaves doubled passages that every reader notices.

    **Example.** ``聚焦新中国成立70周年平潭专场新闻发布会聚焦新中国成立70周年平潭专场新闻发布会``.

    **How to fix.** Delete the repetition (an editor offers it as a quick fix; `dlint --fix` leaves content alone).

    【中文】
    同一句话或分句连续出现两次，或在同一段中出现两次。

    **检查内容。** 段内：某句话（以。！？；结尾）出现两次，或至少8个字的片段紧挨着重复。段与段之间：与上一段完全相同的段落。

    **问题影响。** 复制粘贴留下的重复文字，每位读者都会注意到。

    **示例。** ``聚焦新中国成立70周年平潭专场新闻发布会聚焦新中国成立70周年平潭专场新闻发布会``。

    **修改方法。** 删除重复内容（编辑器提供快速修复；`dlint --fix` 不改动内容）。
    """
    prev = None
    for b in ctx.document.paragraphs():
        text = b.text
        if prev is not None and text == prev.text and _cjk_at_least(text, MIN_SENTENCE):
            yield Finding(b.span, _("this paragraph repeats the one before it"), [Related(prev.span, _("the first copy"))],
                          fix=_deletion(ctx, b.span))
        prev = b
        seen: dict[str, tuple[int, int]] = {}
        reported = []
        for m in _SENT.finditer(text):
            s = m.group().strip()
            key = s.rstrip("。！？!?；;，, ")
            if len(key) < MIN_SENTENCE or not _cjk_at_least(key, MIN_SENTENCE):
                continue
            if key in seen:
                a, z = seen[key]
                start = m.start() + (len(m.group()) - len(m.group().lstrip()))
                yield Finding(b.ptext.span(start, start + len(s)),
                              _("this sentence already occurs in the paragraph: “{sentence}”",
                                sentence=key[:30] + ("…" if len(key) > 30 else "")),
                              [Related(b.ptext.span(a, z), _("the first copy"))],
                              fix=_deletion(ctx, b.ptext.span(start, start + len(s))))
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
                    yield Finding(b.ptext.span(a, z), _("“{passage}” is written twice in a row", passage=text[i:i + hit]),
                                  [Related(b.ptext.span(i, i + hit), _("the first copy"))],
                                  fix=_deletion(ctx, b.ptext.span(a, z)))
                i = z
            else:
                i += 1
            m = _CANDIDATE.search(text, i)
