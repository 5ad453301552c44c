"""The CLI in hostile surroundings: bad option values, special files, full disks, closed pipes,
signals, stuck and dying workers, output files that are inputs, odd file names."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from disclosure_lint.cli import main as cli
from disclosure_lint.cli.main import main

from .conftest import ROOT, seed

EXAMPLE = str(ROOT / "examples" / "defects-2022.html")


def run(*args, stdin=None, **kw):
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", *args], capture_output=True, input=stdin,
                       cwd=ROOT, timeout=120, **kw)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# ---- bad values: exit 2 naming the bad value and the valid ones -----------------------------------

@pytest.mark.parametrize("args,bad,valid", [
    (["--select", "XYZ"], "'XYZ'", "DL201"),
    (["--ignore", "DL9"], "'DL9'", "DL201"),
    (["--extend-select", "E501"], "'E501'", "DL201"),
    (["--edition", "2030"], "'2030'", "2021"),
    (["--year", "10000"], "10000", "2008"),
    (["--year", "9999"], "9999", "2008"),
    (["--year", "1999"], "1999", "2008"),
    (["--format", "xml"], "'xml'", "sarif"),
    (["--timeout-per-file", "-1"], "-1", ">= 0"),
])
def test_bad_values_exit_2_naming_them(args, bad, valid, capsys):
    assert main(["--isolated", *args, EXAMPLE]) == 2
    err = capsys.readouterr().err
    assert bad in err and valid in err, err
    assert err.count("\n") <= 3 and "Traceback" not in err


def test_good_prefixes_are_accepted(capsys):
    assert main(["--isolated", "--select", "DL2,DL30", "--ignore", "DL213", "--format", "concise", EXAMPLE]) == 1
    assert main(["--isolated", "--select", "ALL", "--edition", "2021", "--year", "2022", "--format", "concise",
                 EXAMPLE]) == 1


# ---- special files ----------------------------------------------------------------------------------

def test_fifo_in_a_folder_is_skipped_with_a_note(tmp_path):
    (tmp_path / "a.html").write_bytes(open(EXAMPLE, "rb").read())
    os.mkfifo(tmp_path / "stuck.html")
    code, out, err = run("--isolated", "--format", "concise", "--jobs", "1", str(tmp_path))
    assert code == 1 and "a.html" in out
    assert "stuck.html" in err and "FIFO" in err
    code, out, err = run("--isolated", "--format", "concise", "--jobs", "2", str(tmp_path))
    assert code == 1 and "a.html" in out


def test_named_fifo_and_devices_are_refused(tmp_path):
    os.mkfifo(tmp_path / "p.html")
    code, _, err = run("--isolated", str(tmp_path / "p.html"))
    assert code == 2 and "FIFO" in err
    code, _, err = run("parse", "/dev/zero")
    assert code == 2 and "device" in err
    code, out, err = run("--dump-tree", "/dev/zero")
    assert code == 2 and out == ""


def test_stdin_is_bounded(monkeypatch):
    from disclosure_lint.source import safe_io

    class Endless:
        read_calls = 0

        def read(self, n):
            Endless.read_calls += 1
            return b"\0" * n

    data = safe_io.read_stream(Endless(), 5 * 1024 * 1024)
    assert len(data) == 5 * 1024 * 1024 + 1


def test_config_paths_must_be_regular_files(tmp_path):
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "dlint.toml").write_text('extend = "fifo.toml"\n')
    (tmp_path / "r.txt").write_bytes(seed(2).read_bytes())
    code, _, err = run(str(tmp_path / "r.txt"))
    assert code == 2 and "FIFO" in err and "dlint.toml:1" in err
    (tmp_path / "dlint.toml").write_text('edition-files = "abc"\n')
    code, _, err = run(str(tmp_path / "r.txt"))
    assert code == 2 and "edition-files" in err and "array" in err
    (tmp_path / "dlint.toml").write_text('extend = "/dev/zero"\n')
    code, _, err = run(str(tmp_path / "r.txt"))
    assert code == 2 and "device" in err


# ---- output errors --------------------------------------------------------------------------------

def test_full_disk_is_one_line_and_exit_74():
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "disclosure_lint", "--isolated", EXAMPLE], stdout=full,
                           stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
    err = p.stderr.decode()
    assert p.returncode == 74 and "Traceback" not in err and "No space left" in err and err.count("\n") == 1
    code, _, err = run("--isolated", "-o", "/dev/full", EXAMPLE)
    assert code == 74 and "/dev/full" in err and "Traceback" not in err


def test_closed_pipe_ends_quietly(tmp_path):
    for i in range(30):
        (tmp_path / f"r{i}.html").write_bytes(open(EXAMPLE, "rb").read())
    p = subprocess.Popen([sys.executable, "-m", "disclosure_lint", "--isolated", "--format", "json", "--jobs", "1",
                          str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    p.stdout.read(10)
    p.stdout.close()  # what `| head -c 10` does
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 141
    assert err == "", err


def test_output_file_that_is_an_input_is_refused(tmp_path):
    target = tmp_path / "x.txt"
    target.write_bytes(seed(2).read_bytes())
    before = target.read_bytes()
    code, _, err = run("--isolated", "-o", str(target), str(target))
    assert code == 2 and "one of the inputs" in err
    assert target.read_bytes() == before
    code, _, err = run("--isolated", "-o", str(target), str(tmp_path))
    assert code == 2 and target.read_bytes() == before


def test_undecodable_file_name_is_shown_as_typed(tmp_path):
    name = os.fsencode(tmp_path) + b"/r\xff.txt"
    with open(name, "wb") as fh:
        fh.write(seed(2).read_bytes())
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", "--isolated", "--format", "concise",
                        os.fsencode(tmp_path)], capture_output=True, cwd=ROOT, timeout=120)
    out = p.stdout.decode("utf-8")
    assert "r\\xff.txt:" in out and "\\udcff" not in out
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", "--isolated", "--format", "json",
                        os.fsencode(tmp_path)], capture_output=True, cwd=ROOT, timeout=120)
    assert json.loads(p.stdout)[0]["path"].endswith("r\\xff.txt")


# ---- colour ---------------------------------------------------------------------------------------

def test_no_color_force_color_and_flag():
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    args = [sys.executable, "-m", "disclosure_lint", "--isolated", "--format", "full", EXAMPLE]
    def out(extra_env, *flags):
        return subprocess.run(args[:3] + list(flags) + args[3:], capture_output=True, cwd=ROOT, timeout=120,
                              env={**env, **extra_env}).stdout

    assert b"\x1b[" not in out({})                      # not a terminal
    assert b"\x1b[" in out({"FORCE_COLOR": "1"})
    assert b"\x1b[" not in out({"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert b"\x1b[" in out({"NO_COLOR": "1"}, "--color", "always")
    assert b"\x1b[" not in out({"FORCE_COLOR": "1"}, "--color", "never")


# ---- batches: timeouts, dying workers, signals -----------------------------------------------------

def _slow_for(name: str, seconds: float):
    real = cli.lint_one

    def lint_one(path, *a, **kw):
        if path.endswith(name):
            t = time.monotonic()
            while time.monotonic() - t < seconds:  # Python code, as the super-linear paths are
                pass
        return real(path, *a, **kw)
    return lint_one


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_timeout_per_file_reports_dl000_and_the_batch_goes_on(jobs, tmp_path, monkeypatch, capsys):
    for i in range(5):
        (tmp_path / f"r{i}.txt").write_bytes(seed(2).read_bytes())
    monkeypatch.setattr(cli, "lint_one", _slow_for("r2.txt", 30))
    t = time.monotonic()
    code = main(["--isolated", "--format", "json", "--jobs", jobs, "--timeout-per-file", "1", str(tmp_path)])
    assert time.monotonic() - t < 25
    items = json.loads(capsys.readouterr().out)
    assert code == 2
    stuck = [i for i in items if i["path"].endswith("r2.txt")]
    assert [i["code"] for i in stuck] == ["DL000"] and "gave up after 1 s" in stuck[0]["message"]
    for n in (0, 1, 3, 4):
        assert any(i["path"].endswith(f"r{n}.txt") and i["code"] == "DL303" for i in items)


def test_a_dead_worker_is_replaced_and_nothing_is_linted_twice(tmp_path, monkeypatch, capsys):
    for i in range(8):
        (tmp_path / f"r{i}.txt").write_bytes(seed(2).read_bytes())
    log = tmp_path / "log"
    real = cli.lint_one

    def lint_one(path, *a, **kw):
        with open(log, "a") as fh:
            fh.write(path + "\n")
        if path.endswith("r3.txt"):
            os._exit(9)
        return real(path, *a, **kw)

    monkeypatch.setattr(cli, "lint_one", lint_one)
    code = main(["--isolated", "--format", "json", "--jobs", "2", str(tmp_path)])
    items = json.loads(capsys.readouterr().out)
    assert code == 2
    assert [i["code"] for i in items if i["path"].endswith("r3.txt")] == ["DL000"]
    assert sum(1 for i in items if i["code"] == "DL303") == 7
    linted = log.read_text().split()
    assert len(linted) == len(set(linted)) == 8


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    out.append(int(d))
            except OSError:
                continue
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _two_worker_run(tmp_path, stderr):
    """A --jobs 2 run over 400 copies of the example, once both of its workers are up: (process, worker pids)."""
    with open(EXAMPLE, "rb") as fh:
        data = fh.read()
    for i in range(400):
        (tmp_path / f"r{i}.html").write_bytes(data)
    p = subprocess.Popen([sys.executable, "-m", "disclosure_lint", "--isolated", "--format", "concise", "--jobs", "2",
                          str(tmp_path)], stdout=subprocess.DEVNULL, stderr=stderr, cwd=ROOT)
    workers = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = _children(p.pid)
    assert len(workers) == 2, "the workers did not start"
    return p, workers


def _all_gone(workers) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    return not any(_alive(w) for w in workers)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig,status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_during_a_two_worker_run_leaves_no_process(sig, status, tmp_path):
    p, workers = _two_worker_run(tmp_path, subprocess.PIPE)
    time.sleep(0.5)
    p.send_signal(sig)
    assert p.wait(timeout=30) == status
    assert "Traceback" not in p.stderr.read().decode()
    assert _all_gone(workers)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_do_not_outlive_a_killed_parent(tmp_path):
    p, workers = _two_worker_run(tmp_path, subprocess.DEVNULL)
    p.kill()
    p.wait(timeout=30)
    assert _all_gone(workers)
