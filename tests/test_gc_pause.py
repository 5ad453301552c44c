"""Reading and linting pause the cycle collector and give it back as it was (source/gc_pause.py)."""
from __future__ import annotations

import gc

import pytest

import disclosure_lint
from disclosure_lint.document import parse as parse_mod
from disclosure_lint.source.gc_pause import gc_paused

PAGE = "<html><body><p>一、总体情况</p><table><tr><td>1</td></tr></table></body></html>"


@pytest.fixture
def gc_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def _spy(monkeypatch, fail: bool = False) -> list[bool]:
    seen: list[bool] = []
    real = parse_mod.build_document

    def build(*args, **kwargs):
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("reader failed")
        return real(*args, **kwargs)

    monkeypatch.setattr(parse_mod, "build_document", build)
    return seen


def test_paused_while_the_rules_run(gc_on, monkeypatch):
    # (the read pauses it on its own: this is the lint functions' own pause, around the rules)
    from disclosure_lint.engine import lint as lint_mod

    seen: list[bool] = []
    real = lint_mod.lint_document

    def rules(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(lint_mod, "lint_document", rules)
    disclosure_lint.lint_text(PAGE)
    disclosure_lint.lint_bytes(PAGE.encode("utf-8"))
    assert seen == [False, False] and gc.isenabled()


@pytest.mark.parametrize("call", [
    lambda: disclosure_lint.parse_text(PAGE),
    lambda: parse_mod.parse_bytes(PAGE.encode("utf-8"), kind="html"),
    lambda: disclosure_lint.lint_text(PAGE),
])
def test_paused_while_reading_and_restored(gc_on, monkeypatch, call):
    seen = _spy(monkeypatch)
    call()
    assert seen == [False]
    assert gc.isenabled()


def test_restored_when_the_reader_raises(gc_on, monkeypatch):
    _spy(monkeypatch, fail=True)
    with pytest.raises(RuntimeError):
        disclosure_lint.parse_text(PAGE)
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused(gc_on):
    p = gc_paused()
    with p:
        with p:  # one instance, nested
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()
    disclosure_lint.parse_text(PAGE)
    assert not gc.isenabled()
