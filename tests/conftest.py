"""Shared test helpers. Tests read ../shared/ only when it exists; the seeds are copied in fixtures/."""
from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = HERE / "fixtures"
SHARED = ROOT.parent / "shared"

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("heavy", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def best_cpu(fn, repeat: int = 3) -> float:
    """Best CPU time of *repeat* runs of *fn*, the cyclic garbage collector paused as the CLI pauses it per
    file (its passes grow with the heap the test itself has built, which is noise for a timing ratio)."""
    best = float("inf")
    for _ in range(repeat):
        was = gc.isenabled()
        gc.disable()
        try:
            t = time.process_time()
            fn()
            best = min(best, time.process_time() - t)
        finally:
            if was:
                gc.enable()
    return best


def write_reports(folder: Path, reports) -> Path:
    """Write generated reports (``tools.series``) under *folder*, each at its own relative path."""
    for r in reports:
        p = folder / r.path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(r.html, encoding="utf-8")
    return folder


def seed(n: int) -> Path:
    return next(FIXTURES.glob(f"{n:03d}_*.txt"))


def shared_files(*patterns: str) -> list[Path]:
    out: list[Path] = []
    for pat in patterns:
        out.extend(sorted(SHARED.glob(pat)))
    return out


needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/ is not present")


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch):
    """Messages follow LANG / LC_ALL / LC_MESSAGES: every test starts in an English (C) locale, so no
    result depends on the machine's locale; tests of the Chinese output set the language explicitly."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
