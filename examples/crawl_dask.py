"""Lint a crawl with Dask: the pure per-file lint mapped over a Dask bag, results written as dlint writes them.

    pip install "disclosure-lint[dask,report]"
    python examples/crawl_dask.py crawl/ --csv findings.csv --html scorecard.html
    python examples/crawl_dask.py crawl/ --scheduler tcp://10.0.0.5:8786 --json findings.json

By default the bag runs on Dask's local process scheduler (one process per core of this machine); with
``--scheduler ADDRESS`` it runs on a real cluster through ``dask.distributed`` (every worker needs
disclosure-lint installed). Each task lints one file and returns a small picklable FileResult (findings,
positions, the quoted text and the report's identity), never the page itself, so what travels back is a
few kilobytes a report. The outputs are rendered by the same formatters as ``dlint --format csv/html/json``,
so a Dask run and a plain ``dlint`` run over the same folder give the same files.
"""
from __future__ import annotations

import argparse
import sys


def lint_crawl(paths, *, scheduler: str | None = None, partitions: int | None = None, **cli):
    """FileResults for every report under *paths*, in dlint's order."""
    import dask.bag as db

    from disclosure_lint.batch import collect_files, lint_file

    files = collect_files(paths)
    if not files:
        return []
    isolated = cli.pop("isolated", False)
    corpus = len(files) > 1 and not cli.pop("no_corpus", False)
    bag = db.from_sequence(files, npartitions=partitions or min(len(files), 64))
    lazy = bag.map(lint_file, isolated=isolated, summarise=corpus, **cli)
    if scheduler:
        from dask.distributed import Client

        with Client(scheduler):
            results = lazy.compute()
    else:
        results = lazy.compute(scheduler="processes")
    if corpus:
        # Stage two, here on one machine: the cross-report rules need only each report's summary
        # (tables, metadata, sentences with figures), a few kilobytes, never the pages.
        from disclosure_lint.batch import cross_report_stage

        for line in cross_report_stage(results, isolated=isolated, **cli):
            print(f"crawl_dask: {line}", file=sys.stderr)
    return results


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="+", help="report files or folders")
    p.add_argument("--scheduler", help="a dask.distributed scheduler address (default: local processes)")
    p.add_argument("--partitions", type=int, help="bag partitions (default: one per file, at most 64)")
    p.add_argument("--select", help="rule codes or prefixes, comma-separated")
    p.add_argument("--isolated", action="store_true", help="ignore configuration files")
    p.add_argument("--no-corpus", action="store_true", help="skip the cross-report rules (DL6xx)")
    p.add_argument("--json", help="write the JSON findings here")
    p.add_argument("--csv", help="write the CSV findings here")
    p.add_argument("--html", help="write the HTML scorecard here")
    args = p.parse_args(argv)
    cli = {"isolated": args.isolated, "no_corpus": args.no_corpus}
    if args.select:
        cli["select"] = tuple(x.strip().upper() for x in args.select.split(",") if x.strip())
    try:
        results = lint_crawl(args.paths, scheduler=args.scheduler, partitions=args.partitions, **cli)
    except FileNotFoundError as exc:
        print(f"crawl_dask: {exc}", file=sys.stderr)
        return 2
    from disclosure_lint.output import render

    for fmt, dest in (("json", args.json), ("csv", args.csv), ("html", args.html)):
        if dest:
            with open(dest, "w", encoding="utf-8", newline="") as fh:
                render(fmt, [r for r in results if not r.error], fh, color=False)
    n = sum(len(r.diagnostics) for r in results)
    print(f"crawl_dask: {len(results)} reports, {n} findings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
