"""The ``--statistics`` table: findings counted by rule over every file of a run."""
from __future__ import annotations

from ..i18n import _n

__all__ = ["write_statistics"]


def write_statistics(results, out, as_json: bool = False) -> None:
    """``--statistics``: how many findings of each rule, most first (JSON with ``--format json``)."""
    from collections import Counter

    counts: Counter = Counter()
    names: dict[str, tuple[str, str]] = {}
    for r in results:
        for d in r.diagnostics:
            counts[d.code] += 1
            names[d.code] = (d.name, d.severity.value)
    if as_json:
        import json

        json.dump({"files": len(results), "total": sum(counts.values()),
                   "rules": [{"code": c, "name": names[c][0], "severity": names[c][1], "count": n}
                             for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name, sev = names[code]
        out.write(f"{n:6d}\t{code}\t{name}\t{sev}\n")
    total = _n("total in {n} file", "total in {n} files", len(results), n=len(results))
    out.write(f"{sum(counts.values()):6d}\t{total}\n")
