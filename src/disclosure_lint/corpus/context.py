"""What a cross-report (corpus) rule receives: the summaries, grouped, and facts shared between rules."""
from __future__ import annotations

from functools import cached_property

from .group import Grouping, group_reports
from .summary import ReportSummary

__all__ = ["CorpusContext"]


class CorpusContext:
    """``reports``: every per-report summary; ``grouping``: series by agency (``.series``) and the
    reports kept apart (``.unsure``); ``pairs()``: consecutive reports of each series."""

    def __init__(self, reports: list[ReportSummary], grouping: Grouping | None = None) -> None:
        self.reports = reports
        self.grouping = grouping if grouping is not None else group_reports(reports)
        self.selected: frozenset[str] | None = None

    def pairs(self):
        """(series, earlier, later) for every report and each report of the year before it; a year with
        more reports than :data:`~.group.MAX_SAME_YEAR` is not chained (see :meth:`.Series.crowded`)."""
        for s in self.grouping.series:
            by_year = s.by_year()
            crowded = s.crowded()
            for y in sorted(by_year):
                if y in crowded or y - 1 in crowded:
                    continue
                for later in by_year[y]:
                    for earlier in by_year.get(y - 1, ()):
                        yield s, earlier, later

    @cached_property
    def chains(self):
        from .chains import evaluate_chains

        return evaluate_chains(self)

    @cached_property
    def copies(self):
        from .copies import find_copies

        return find_copies(self)
