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
