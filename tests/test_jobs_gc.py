"""run_batch pauses the parent's cycle collector while it reads the workers' results (cli/jobs.py): the
workers collect as the parent did before the batch, and the parent collects again once it is done."""
from __future__ import annotations

import gc
import sys

import pytest

from disclosure_lint.cli.jobs import run_batch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked")


def _collecting(name: str):
    return name, gc.isenabled()


@pytest.mark.parametrize("enabled", [True, False])
def test_workers_collect_as_the_parent_did_before_the_batch(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        results = run_batch([(str(i),) for i in range(6)], _collecting, 2, 0.0)
        assert results == [(str(i), enabled) for i in range(6)]
        assert gc.isenabled() == enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_run_leaves_nothing_frozen(tmp_path):
    """--jobs freezes the parent's objects during the run (cli/jobs.py); main() gives them back to the
    collector, so a program calling it again and again does not keep every run's results."""
    import gc

    from disclosure_lint.cli.main import main

    for i in range(5):  # (four files or more: workers)
        (tmp_path / f"r{i}.txt").write_text("某县2022年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    gc.unfreeze()  # (earlier tests run batches directly: run_batch alone leaves its results frozen)
    assert gc.get_freeze_count() == 0
    main(["--isolated", "--no-progress", "--jobs", "2", "--format", "concise", str(tmp_path)])
    assert gc.get_freeze_count() == 0
