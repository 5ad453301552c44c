"""Which agency published a report, for which year: the report's identity in a corpus.

:func:`report_identity` reads what the report says about itself and normalises the agency name, so
the reports of one agency form one series whatever form of the name each year's page used.

Evidence, strongest first (each normalised, then weighed):

* the title (``平潭综合实验区2016年度政府信息公开工作年度报告``; weight 3);
* the report's own heading lines: an agency line above a year-only title
  (``平潭综合实验区`` / ``2016年度政府信息公开工作年度报告``; weight 3);
* the signature, a short agency line among the last blocks (weight 2);
* the page's 发布机构 (weight 2) and 来源 (weight 1) metadata: CMS templates often carry a stale
  来源 (pages of 平潭综合实验区 say 来源：平潭县人民政府), so 来源 alone never makes a grouping sure.

Normalisation (documented in docs/guide.md):

1. spaces, brackets' contents and quotes are dropped; full-width forms folded;
2. 人民政府 is written 政府, 管理委员会 is written 管委会;
3. a place's government is the place: ``平潭县人民政府`` → ``平潭县``, ``福州市政府`` → ``福州市``;
   a zone's 管委会 is the zone: ``平潭综合实验区管委会`` → ``平潭综合实验区``;
4. the *publisher* ``XX管委会办公室`` / ``XX政府办公室`` / ``XX政府办公厅`` of a page posts its
   government's report: as 发布机构 or 来源 it counts for ``XX``. In a title the office is the
   agency (``上海市人民政府办公厅2019年…报告`` is the office's own report);
5. different names stay different agencies: 平潭综合实验区 and 平潭县 are two series (the county's
   reports 2011–2013 and the zone's are separate publications), and a short name without its place
   (``实验区地方税务局``) is not expanded.

Confidence: ``high`` when the title or heading names the agency and the year comes from the title
or period sentence; ``medium`` when the agency comes only from the signature or 发布机构, or the
year from the text; ``low`` when the agency comes only from 来源, when strong evidence conflicts,
when no agency or year was found, or when the document is a work summary. Reports of low
confidence are not compared (DL607 says so).
"""
from __future__ import annotations

import re
from dataclasses import asdict

from ..source.dataclass_cache import dataclass, field

from ..i18n import _
from ..source.nfkc import nfkc
from ..source.lazy_re import lazy

__all__ = ["ReportIdentity", "report_identity", "normalise_agency"]

_YEAR_LINE = lazy(r"^\s*(?:19|20)\d{2}\s*年")
_TITLE_AGENCY = lazy(r"^(.{2,40}?)(?:关于)?(?:(?:19|20)\d{2}\s*年)")
_AFTER_YEAR = lazy(r"^\s*(?:19|20)\d{2}\s*年度?(.{2,40}?)(?:政府信息|政务公开|信息公开|政务信息)")
_AGENCY_LIKE = lazy(r"(人民政府|政府|管委会|管理委员会|实验区|开发区|新区|办公室|办公厅|局|委员会|委|厅|办|中心|"
                    r"院|署|部|处|街道|街道办事处|乡|镇|县|市|区|州|盟|旗|省)$")
_PLACE = "省市县区州盟旗镇乡"
_OFFICE = lazy(r"^(.+?(?:政府|管委会))(?:办公室|办公厅)$")
_DROP = lazy(r"[（(【\[][^（(【\[）)】\]]*[）)】\]]|[\s\u3000\u00a0“”\"'《》·・]")  # innermost brackets: linear


def normalise_agency(name: str, *, as_publisher: bool = False) -> str:
    """The canonical form of an agency name (see the module documentation)."""
    s = nfkc(name or "")  # unicodedata.normalize("NFKC", ...), its tables left alone for plain Chinese
    s = _DROP.sub("", s)
    s = s.replace("人民政府", "政府").replace("管理委员会", "管委会")
    s = re.sub(r"^(?:关于|中共)", "", s)
    if as_publisher:
        m = _OFFICE.match(s)
        if m:
            s = m.group(1)
    if s.endswith("政府") and len(s) > 2 and s[-3] in _PLACE:
        s = s[:-2]
    if s.endswith("管委会") and len(s) > 3:
        s = s[:-3]
    return s


@dataclass
class ReportIdentity:
    """A report's place in a corpus: who, which year, which edition, and how sure.

    ``agency`` is normalised (the grouping key), ``agency_raw`` the name as the strongest evidence
    wrote it; ``level`` is government / department / town; ``year_source`` as in detect.ReportInfo;
    ``confidence`` is high / medium / low; ``evidence`` lists (where, raw name) pairs; ``notes`` say
    why confidence is not high."""

    agency: str
    agency_raw: str
    level: str
    year: int | None
    year_source: str
    edition: str | None
    kind: str
    confidence: str
    evidence: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["evidence"] = [list(e) for e in self.evidence]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ReportIdentity":
        d = dict(d)
        d["evidence"] = [tuple(e) for e in d.get("evidence", [])]
        return cls(**d)

    @property
    def sure(self) -> bool:
        return self.confidence in ("high", "medium") and bool(self.agency) and self.year is not None \
            and self.kind == "annual-report"


_WEIGHT = {"title": 3, "heading": 3, "signature": 2, "publisher": 2, "source": 1}


_GENERIC = {"政府", "人民政府", "本机关", "本单位", "我区", "我市", "我县", "我局", "本部门", "年度", "本年度"}


def _agency_like(s: str) -> bool:
    s = s.strip()
    return s not in _GENERIC and 2 <= len(s) <= 30 and not re.search(r"\d|报告|[，。；：:]", s) and bool(_AGENCY_LIKE.search(s))


def _evidence(doc) -> list[tuple[str, str]]:
    from ..document import Table

    ev: list[tuple[str, str]] = []
    if doc.title is not None:
        t = doc.title.value.strip()
        m = _TITLE_AGENCY.match(t)
        if m and _agency_like(m.group(1)):
            ev.append(("title", m.group(1).strip()))
        else:
            m = _AFTER_YEAR.match(t)
            if m and _agency_like(m.group(1)):
                ev.append(("title", m.group(1).strip()))
    blocks = [b for b in doc.blocks if not isinstance(b, Table)]
    head = blocks[:3]
    for i, b in enumerate(head):
        text = b.text.strip()
        m = _TITLE_AGENCY.match(text)
        if m and _agency_like(m.group(1)) and "报告" in text[:60]:
            ev.append(("heading", m.group(1).strip()))
            break
        if _agency_like(text) and i + 1 < len(head) and _YEAR_LINE.match(head[i + 1].text):
            ev.append(("heading", text))
            break
    for b in reversed(blocks[-4:]):
        t = b.text.strip()
        if _agency_like(t):
            ev.append(("signature", t))
            break
    for key, where in (("publisher", "publisher"), ("source", "source")):
        f = doc.metadata.get(key)
        if f is not None and f.value.strip() and _agency_like(f.value.strip()):
            ev.append((where, f.value.strip()))
    return ev


def report_identity(doc_or_ctx, options=None) -> ReportIdentity:
    """The identity of a report: normalised agency, agency level, report year, edition, confidence.

    Accepts a :class:`~disclosure_lint.document.Document`, a rule
    :class:`~disclosure_lint.engine.context.Context` (whose detected year and edition are reused), a
    :class:`~disclosure_lint.corpus.summary.ReportSummary`, or a lint result (``FileResult``) made
    with a summary (the CLI's corpus stage). The year and edition come from
    :mod:`disclosure_lint.document.detect`, so ``--year`` / ``--edition`` (*options*) apply.

        >>> report_identity(parse_path("2021.html")).agency      # doctest: +SKIP
        '平潭综合实验区'
    """
    from ..engine.context import Context

    ident = getattr(doc_or_ctx, "identity", None)
    if isinstance(ident, ReportIdentity):   # a ReportSummary
        return ident
    summary = getattr(doc_or_ctx, "summary", None)
    if summary is not None and isinstance(getattr(summary, "identity", None), ReportIdentity):  # a FileResult
        return summary.identity

    ctx = doc_or_ctx if isinstance(doc_or_ctx, Context) else Context(doc_or_ctx, options)
    doc = ctx.document
    info = ctx.info
    ev = _evidence(doc)
    notes: list[str] = []
    scores: dict[str, int] = {}
    raw_of: dict[str, str] = {}
    best_weight: dict[str, int] = {}
    for where, raw in ev:
        norm = normalise_agency(raw, as_publisher=where in ("publisher", "source"))
        if not norm:
            continue
        w = _WEIGHT[where]
        scores[norm] = scores.get(norm, 0) + w
        if w > best_weight.get(norm, 0):
            best_weight[norm], raw_of[norm] = w, raw
    agency, raw, confidence = "", "", "low"
    if scores:
        agency = max(scores, key=lambda k: (scores[k], best_weight[k]))
        raw = raw_of[agency]
        top = best_weight[agency]
        rivals = [k for k in scores if k != agency and best_weight[k] >= 2]
        strong_rivals = [k for k in rivals if best_weight[k] >= 3]
        if top >= 3 and not strong_rivals:
            confidence = "high"
        elif top >= 2 and not [k for k in rivals if best_weight[k] >= top]:
            confidence = "medium"
            notes.append(_("the agency is named only by the signature or the page's 发布机构"))
        else:
            notes.append(_("the agency is named only by the page's 来源 metadata") if top < 2 else
                         _("the report names different agencies: {names}", names="、".join([agency] + rivals)))
        if confidence == "high" and rivals:
            notes.append(_("other names on the page (not used): {names}", names="、".join(rivals)))
    else:
        notes.append(_("no agency name was found in the title, headings, signature or metadata"))
    if info.year is None:
        confidence = "low"
        notes.append(_("no report year was found"))
    elif info.year_source in ("metadata", "none"):
        confidence = "low"
        notes.append(_("the report year was only inferred from the publication date"))
    elif info.year_source == "text" and confidence == "high":
        confidence = "medium"
    if info.kind != "annual-report":
        confidence = "low"
        notes.append(_("a work summary, not an annual report"))
    from ..document.detect import agency_level

    level = (agency_level(raw) if raw else None) or info.agency_level
    return ReportIdentity(agency, raw, level, info.year, info.year_source,
                          info.edition.name if info.edition else None, info.kind, confidence, ev, notes)
