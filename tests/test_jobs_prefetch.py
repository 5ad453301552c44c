"""run_batch with files held in a worker's pipe (cli/jobs.py: each worker holds the file it lints and
the next): a file held but not started is never reported, never lost, never linted twice, whether its
worker dies or is killed for a timeout; a file that stalls as the second one held is given up on."""
from __future__ import annotations

import os
import sys
import time

import pytest

from disclosure_lint.cli import jobs
from disclosure_lint.cli.jobs import run_batch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked")

def _lint(name: str, log: str, die: str = "", stall: str = ""):
    with open(log, "a") as fh:
        fh.write(f"{name} {os.getpid()}\n")
    if name == die:
        time.sleep(0.3)  # long enough for the parent to have sent the next file to this worker
        os._exit(9)
    if name == stall:
        t = time.monotonic()
        while time.monotonic() - t < 30:
            pass
    return ("linted", name)


def _linted(log) -> list[tuple[str, int]]:
    return [(a, int(b)) for a, b in (line.split() for line in log.read_text().splitlines())]


def _code(res) -> str:
    return res.diagnostics[0].code


def test_a_worker_that_dies_gives_back_the_file_it_held_unstarted(tmp_path):
    log = tmp_path / "log"
    names = [str(i) for i in range(10)]
    # worker 1 holds 0 and 1, worker 2 holds 2 and 3: 2 dies with 3 held behind it
    work = [(n, str(log), "2") for n in names]
    results = run_batch(work, _lint, 2, 0.0)
    assert _code(results[2]) == "DL000" and "died" in results[2].diagnostics[0].message
    assert [r for i, r in enumerate(results) if i != 2] == [("linted", n) for n in names if n != "2"]
    linted = _linted(log)
    assert sorted(n for n, _pid in linted) == names  # each file once, the held one included
    pid = dict(linted)
    assert pid["3"] != pid["2"]  # 3 was linted by another worker (it was held by the one that died)


def test_a_file_that_stalls_as_the_second_held_is_given_up_and_the_rest_linted_once(tmp_path):
    log = tmp_path / "log"
    names = [str(i) for i in range(10)]
    work = [(n, str(log), "", "1") for n in names]  # 1 is the second file worker 1 holds
    t = time.monotonic()
    results = run_batch(work, _lint, 2, 1.0)
    assert time.monotonic() - t < 20
    assert _code(results[1]) == "DL000" and "gave up after 1 s" in results[1].diagnostics[0].message
    assert [r for i, r in enumerate(results) if i != 1] == [("linted", n) for n in names if n != "1"]
    linted = _linted(log)
    # every file once: the ones held behind the stalled file went back to the queue when its worker was killed
    assert sorted(n for n, _pid in linted) == names


def test_the_timeout_counts_from_when_a_held_file_starts(tmp_path):
    """The second file held starts when the first is done: a first file that takes most of the budget
    does not shorten the second's."""
    log = tmp_path / "log"

    def lint(name, log):
        with open(log, "a") as fh:
            fh.write(f"{name} {os.getpid()}\n")
        time.sleep(0.6)
        return ("linted", name)

    work = [(str(i), str(log)) for i in range(6)]
    results = run_batch(work, lint, 2, 1.0)  # each file 0.6 s: two held files together exceed 1 s
    assert results == [("linted", str(i)) for i in range(6)]


def test_a_worker_holds_two_files_while_more_are_queued_than_workers(tmp_path, monkeypatch):
    sent: list[tuple[int, int]] = []  # (worker, files it holds after a send)
    give = jobs._Worker.give

    def spy(self, idx, args):
        give(self, idx, args)
        sent.append((id(self), len(self.tasks)))

    monkeypatch.setattr(jobs._Worker, "give", spy)
    log = tmp_path / "log"
    work = [(str(i), str(log)) for i in range(12)]
    assert run_batch(work, _lint, 2, 0.0) == [("linted", str(i)) for i in range(12)]
    assert max(n for _w, n in sent) == jobs.DEPTH == 2
    assert len({w for w, _n in sent}) == 2


def test_large_bytes_are_never_held_behind_another_file():
    assert jobs._light(("a.html", {}, None, False, None, True))
    assert jobs._light(("-", {}, None, False, b"x" * 100, True))
    assert not jobs._light(("-", {}, None, False, b"x" * 100_000, True))
