"""cli/procs.py, the workers' processes without multiprocessing: each piece behaves as multiprocessing's
(the oracle: run side by side on the same children), and run_batch gives the same results with either."""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from multiprocessing.connection import wait as mp_wait

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.cli import jobs, procs
from disclosure_lint.cli.jobs import run_batch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked")

MP = multiprocessing.get_context("fork")
BOTH = [pytest.param((procs, procs.wait), id="procs"), pytest.param((MP, mp_wait), id="multiprocessing")]


def _echo(conn):
    while True:
        msg = conn.recv_bytes()
        if msg == b"stop":  # (the child holds a copy of the parent's end too: it would never read an end)
            os._exit(0)
        conn.send_bytes(msg[::-1])


@given(st.lists(st.binary(max_size=70000), min_size=1, max_size=4))
@settings(max_examples=15, deadline=None)
def test_messages_of_any_size_cross_the_pipe_both_ways(messages):
    parent, child = procs.Pipe()
    p = procs.Process(target=_echo, args=(child,))
    p.start()
    child.close()
    try:
        for m in messages:
            parent.send_bytes(m)
            assert procs.wait([parent], 30) == [parent]
            assert parent.recv_bytes() == m[::-1]
    finally:
        parent.send_bytes(b"stop")
        p.join(30)
        parent.close()
    assert p.exitcode == 0 and not p.is_alive()


def _exits(how):
    if how == "return":
        return None
    if how == "exit 3":
        sys.exit(3)
    if how == "exit text":
        sys.exit("bye")
    if how == "raise":
        raise ValueError("boom")
    if how == "os._exit 7":
        os._exit(7)
    if how == "sleep":
        time.sleep(60)
    if how == "stdin":
        print(repr(sys.stdin.read()), file=sys.stderr)


@pytest.mark.parametrize("how", ["return", "exit 3", "exit text", "raise", "os._exit 7", "stdin"])
def test_a_child_ends_with_the_status_multiprocessing_gives(how, capfd):
    got = []
    for ctx, wait in (procs_pair(), (MP, mp_wait)):
        p = ctx.Process(target=_exits, args=(how,), daemon=True)
        p.start()
        assert wait([p.sentinel], 30) == [p.sentinel]  # the sentinel is readable once the child is gone
        p.join(30)
        err = capfd.readouterr().err
        got.append((p.exitcode, p.is_alive(), "ValueError: boom" in err, "bye" in err, "''" in err))
    assert got[0] == got[1]


def procs_pair():
    return procs, procs.wait


def test_kill_join_and_timeouts_behave_as_multiprocessing():
    got = []
    for ctx, wait in (procs_pair(), (MP, mp_wait)):
        p = ctx.Process(target=_exits, args=("sleep",), daemon=True)
        p.start()
        t = time.monotonic()
        assert wait([p.sentinel], 0.2) == []
        p.join(timeout=0.2)
        alive = (p.is_alive(), p.exitcode)
        p.kill()
        p.join(timeout=10)
        p.kill()  # again, once reaped: nothing happens
        got.append((alive, p.exitcode, p.is_alive(), time.monotonic() - t < 10))
    assert got[0] == got[1] == ((True, None), -signal.SIGKILL, False, True)


def _pickles(conn):
    conn.send(conn.recv()[::-1])
    os._exit(0)


def test_objects_cross_as_pickles():
    for ctx in (procs, MP):
        parent, child = ctx.Pipe(duplex=True)
        p = ctx.Process(target=_pickles, args=(child,), daemon=True)
        p.start()
        parent.send(("a tuple", 1, {"x": b"\x00" * 20000}))
        assert parent.recv() == ({"x": b"\x00" * 20000}, 1, "a tuple")
        p.join(30)
        assert p.exitcode == 0
        parent.close()
        child.close()


def test_a_closed_end_reads_as_the_end():
    for ctx in (procs, MP):
        a, b = ctx.Pipe(duplex=True)
        b.close()
        assert a.poll(0.0)  # readable: at its end
        with pytest.raises(EOFError):
            a.recv_bytes()
        a.close()


# ---- run_batch with either: the same results --------------------------------------------------

def _lint(name: str, die: str = "", stall: str = ""):
    if name == die:
        os._exit(9)
    if name == stall:
        time.sleep(30)
    return ("linted", name, os.getpid() != _PARENT)


_PARENT = os.getpid()


def _run(monkeypatch, which, work, jobs_n, timeout):
    monkeypatch.setattr(jobs, "_processes", lambda: which)
    results = run_batch(work, _lint, jobs_n, timeout)
    return [r if isinstance(r, tuple) else (r.diagnostics[0].code, r.diagnostics[0].message) for r in results]


@pytest.mark.parametrize("case", ["plain", "a worker dies", "a file stalls"])
def test_run_batch_gives_the_same_results_with_either(monkeypatch, case):
    names = [str(i) for i in range(9)]
    work = [(n, "3" if case == "a worker dies" else "", "5" if case == "a file stalls" else "") for n in names]
    timeout = 1.0 if case == "a file stalls" else 0.0
    ours = _run(monkeypatch, (procs, procs.wait), work, 2, timeout)
    theirs = _run(monkeypatch, (MP, mp_wait), work, 2, timeout)
    assert ours == theirs
    assert sum(r[0] == "linted" and r[2] for r in ours) == len(names) - (case != "plain")
