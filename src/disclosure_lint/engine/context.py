"""What a rule receives: the document, the options, and facts derived once and shared."""
from __future__ import annotations

from functools import cached_property

from ..document import Document
from .options import Options

__all__ = ["Context"]


class Context:
    def __init__(self, document: Document, options: Options | None = None) -> None:
        self.document = document
        self.options = options or Options()
        self.selected: frozenset[str] | None = None  # the codes the engine runs (None: all)

    @cached_property
    def editions(self):
        from ..document.editions import load_editions

        return load_editions(self.options.edition_files)

    @cached_property
    def info(self):
        """Report year, kind, agency level and edition (detected, or as the options force)."""
        from ..document.detect import detect

        return detect(self.document, self.editions, self.options)

    @property
    def edition(self):
        return self.info.edition

    @cached_property
    def paragraphs(self) -> list:
        """The document's paragraphs and headings, in order (``document.paragraphs()`` once, as a list)."""
        return list(self.document.paragraphs())

    @cached_property
    def prose(self) -> list[tuple]:
        """(paragraph or heading, its text with ASCII digits) for each text block, in order: the
        digits translated once for the number, date and prose-figure readers."""
        from ..document.normalize import ascii_digits_each

        paragraphs = self.paragraphs
        return list(zip(paragraphs, ascii_digits_each([b.text for b in paragraphs])))

    @cached_property
    def numbers(self):
        from ..facts.numbers import document_numbers

        return document_numbers(self.document, self.prose)

    @cached_property
    def dates(self):
        from ..facts.dates import document_dates

        return document_dates(self.document, self.info.year, self.prose)

    @cached_property
    def breakdowns(self):
        """Wholes stated in the prose with their parts (共N件，其中…), read by DL211–DL213 and DL403."""
        from ..facts.breakdowns import find_breakdowns

        return find_breakdowns(self.document, self.numbers)

    @cached_property
    def rate_pairs(self):
        """受理 / 办结 pairs with the rate written beside them, read by DL212 and DL213."""
        from ..facts.breakdowns import find_rate_pairs

        return find_rate_pairs(self.document, self.numbers)

    @cached_property
    def tables(self):
        """The document's tables matched against the edition's schemas (table 2, 3, 4)."""
        from ..facts.shift import repair_short_rows
        from ..document.tables import match_tables

        views = match_tables(self.document, self.edition)
        repair_short_rows(views, self.edition)  # a dropped cell: find the gap, read nothing one column off
        return views

    @cached_property
    def section_matches(self):
        """The document's top-level sections matched to the edition's required ones (read by DL101–DL107)."""
        from ..document.structure import match_sections

        return match_sections(self.document.sections(), self.edition)

    @cached_property
    def identity_findings(self):
        """The findings of the edition's identities (勾稽关系), each tagged with its code: several rules
        (DL201–DL204, DL010) report from them."""
        from ..facts.identity_report import identity_findings

        return identity_findings(self)
