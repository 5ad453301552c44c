"""source.dataclass_cache: a class made with the shipped code is the class dataclasses.dataclass makes (every
method's code, fields, behaviour), the cache holds every text the package's classes execute, and a damaged
or foreign cache only makes the classes compile their methods as dataclasses does."""
from __future__ import annotations

import __future__
import dataclasses
import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from disclosure_lint.source import dataclass_cache
from disclosure_lint.source.dataclass_cache import code_of

ROOT = Path(__file__).resolve().parents[1]


def _shipped() -> dict:
    try:
        return dataclass_cache.read(dataclass_cache.CACHE_FILE)
    except (OSError, ValueError):
        return {}


SHIPPED = _shipped()
FOR_THIS_PYTHON = pytest.mark.skipif(not SHIPPED, reason="the shipped dataclass cache is for another Python")


@FOR_THIS_PYTHON
def test_every_entry_is_the_code_exec_compiles_from_its_text():
    for text, data in SHIPPED.items():
        cached, fresh = marshal.loads(data), code_of(text)
        assert cached == fresh, text  # code.__eq__: name, arguments, flags, bytecode, constants, names, lines
        assert (cached.co_filename, cached.co_qualname) == (fresh.co_filename, fresh.co_qualname)
        assert not cached.co_flags & __future__.annotations.compiler_flag  # as dataclasses' own exec compiles it


_METHODS = ("__init__", "__repr__", "__eq__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__", "__setattr__",
            "__delattr__", "__getstate__", "__setstate__")


def _canon(code):
    """A code object as plain data (its repr holds no address): everything code.__eq__ compares, and more."""
    return tuple(_canon(v) if isinstance(v, type(_canon.__code__)) else v for v in (
        code.co_name, code.co_qualname, code.co_filename, code.co_firstlineno, code.co_argcount,
        code.co_posonlyargcount, code.co_kwonlyargcount, code.co_flags, code.co_code, code.co_names,
        code.co_varnames, code.co_freevars, code.co_cellvars, code.co_linetable, code.co_exceptiontable,
        *code.co_consts))


def _class_codes(cls) -> dict:
    """What dataclasses made of a class: each generated method's code (and the code inside it), the fields."""
    out = {}
    for name in _METHODS:
        fn = cls.__dict__.get(name)
        fn = getattr(fn, "__wrapped__", fn)  # __repr__ is wrapped by reprlib's recursion guard
        code = getattr(fn, "__code__", None)
        if code is not None:
            out[name] = (_canon(code), fn.__qualname__, sorted(fn.__globals__) == sorted(vars(sys.modules[
                cls.__module__])) if fn.__globals__ is not dataclasses.__dict__ else "dataclasses",
                fn.__defaults__, fn.__kwdefaults__, getattr(fn, "__annotations__", None))
    out["fields"] = [(f.name, f.type, f.default, f.init, f.repr, f.compare, f.hash, f.kw_only)
                     for f in dataclasses.fields(cls)]
    out["params"] = repr(cls.__dataclass_params__)
    out["doc"], out["slots"] = cls.__doc__, cls.__dict__.get("__slots__")
    out["match_args"] = cls.__dict__.get("__match_args__")
    return out


_PACKAGE_CLASSES = """import dataclasses, marshal, re, sys
from disclosure_lint.source import dataclass_cache
if sys.argv[1] == "off":
    dataclass_cache.CACHE_FILE = "/nonexistent/dataclass_cache.marshal"
sys.path.insert(0, {tests!r})
from test_dataclass_cache import _class_codes
from disclosure_lint.tools.re_cache import import_everything
import_everything()
out = {{}}
for name, module in sorted(sys.modules.items()):
    if name.startswith("disclosure_lint"):
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
                codes = _class_codes(value)
                out[f"{{name}}.{{value.__qualname__}}"] = re.sub(" at 0x[0-9a-f]+", "", repr(codes))  # MISSING's
print(len(dataclass_cache.asked), len(dataclass_cache.missed), file=sys.stderr)
sys.stdout.buffer.write(marshal.dumps(out))
"""


def _package_classes(cache: str) -> dict:
    code = _PACKAGE_CLASSES.format(tests=str(ROOT / "tests"))
    p = subprocess.run([sys.executable, "-c", code, cache], capture_output=True, check=True, cwd=ROOT)
    return marshal.loads(p.stdout)


@FOR_THIS_PYTHON
def test_every_class_of_the_package_is_made_as_without_the_cache():
    """The oracle: every dataclass of the package, made from the shipped code and made by compiling its texts."""
    with_cache, without = _package_classes("on"), _package_classes("off")
    assert len(with_cache) >= 40
    assert with_cache.keys() == without.keys()
    for name in with_cache:
        assert with_cache[name] == without[name], name


@FOR_THIS_PYTHON
def test_importing_the_package_compiles_no_text_missing_from_the_cache():
    """Fails when a dataclass is added or changed without regenerating the cache (the staleness test)."""
    probe = ("import sys\n"
             "from disclosure_lint.source import dataclass_cache\n"
             "from disclosure_lint.tools.re_cache import import_everything\n"
             "import_everything()\n"
             "assert dataclass_cache.asked\n"
             "print('\\n---\\n'.join(dataclass_cache.missed))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "", ("dataclass texts compiled without the cache; regenerate it with "
                               "`python -m disclosure_lint.tools.dataclass_cache`:\n" + out)


# ---- any class: made with a cache of its own texts, and without ------------------------------------

def _recorded(make):
    """The texts dataclasses executes while *make* runs (compiled as usual)."""
    texts = {}

    def record(text, globals=None, locals=None):
        texts[text] = None
        exec(code_of(text), globals, locals)

    dataclasses.exec = record
    try:
        make()
    finally:
        del dataclasses.exec
    return list(texts)


def _fresh(monkeypatch, path) -> None:
    monkeypatch.setattr(dataclass_cache, "CACHE_FILE", str(path))
    monkeypatch.setattr(dataclass_cache, "_codes", None)
    monkeypatch.setattr(dataclass_cache, "asked", {})
    monkeypatch.setattr(dataclass_cache, "missed", {})


def _make(spec, decorator):
    names, defaults, flags, doc = spec
    ns = {"__annotations__": {n: "int" if i % 2 else "list[str]" for i, n in enumerate(names)},
          "__module__": __name__, "__qualname__": "Made"}
    if doc:
        ns["__doc__"] = "A made class."
    for n, d in zip(names[len(names) - defaults:], range(defaults)):
        ns[n] = dataclasses.field(default_factory=list) if d % 2 else d
    if flags.get("post_init"):
        ns["__post_init__"] = lambda self: None
    flags = {k: v for k, v in flags.items() if k != "post_init"}
    return decorator(**flags)(type("Made", (), ns))


def _behaviour(cls, names):
    args = list(range(len(names)))
    a, b = cls(*args), cls(*args)
    out = [re.sub(" at 0x[0-9a-f]+", "", repr(a)), a == b, a != cls(*args[:-1], 99) if args else None]
    try:
        out.append(hash(a) == hash(b))
    except TypeError as exc:
        out.append(str(exc))
    try:
        out.append(a < b)
    except TypeError as exc:
        out.append(str(exc))
    try:
        setattr(a, names[0], 5) if names else None
        out.append("set")
    except dataclasses.FrozenInstanceError as exc:
        out.append(type(exc).__name__)
    try:
        cls(*args, 1)
    except TypeError as exc:
        out.append(str(exc))
    return out


SPECS = st.tuples(
    st.lists(st.sampled_from(["x", "y", "z", "start", "end", "value", "span_", "n2"]), unique=True, max_size=5),
    st.integers(0, 5),
    st.fixed_dictionaries({}, optional={"frozen": st.booleans(), "slots": st.booleans(), "order": st.booleans(),
                                        "eq": st.booleans(), "unsafe_hash": st.booleans(), "repr": st.booleans(),
                                        "init": st.booleans(), "kw_only": st.just(False),
                                        "match_args": st.booleans(), "post_init": st.booleans()}),
    st.booleans(),
).map(lambda s: (s[0], min(s[1], len(s[0])), s[2], s[3])).filter(
    lambda s: not (s[2].get("order") and s[2].get("eq") is False))


@given(SPECS)
def test_a_class_made_from_cached_code_is_the_class_dataclasses_makes(tmp_path_factory, spec):
    path = tmp_path_factory.mktemp("cache") / "dataclass_cache.marshal"
    texts = _recorded(lambda: _make(spec, dataclasses.dataclass))
    path.write_bytes(dataclass_cache.cache_bytes({t: code_of(t) for t in texts}))
    saved = (dataclass_cache.CACHE_FILE, dataclass_cache._codes, dataclass_cache.asked, dataclass_cache.missed)
    dataclass_cache.CACHE_FILE, dataclass_cache._codes, dataclass_cache.asked, dataclass_cache.missed = (
        str(path), None, {}, {})
    try:
        ours = _make(spec, dataclass_cache.dataclass)
        assert dataclass_cache.missed == {} and list(dataclass_cache.asked) == texts
    finally:
        (dataclass_cache.CACHE_FILE, dataclass_cache._codes, dataclass_cache.asked, dataclass_cache.missed) = saved
    theirs = _make(spec, dataclasses.dataclass)
    assert "exec" not in vars(dataclasses)  # the stdlib is left as it was
    assert _class_codes(ours) == _class_codes(theirs)
    if spec[2].get("init", True):
        assert _behaviour(ours, spec[0]) == _behaviour(theirs, spec[0])


SPEC = (["start", "end", "value"], 1, {"frozen": True, "slots": True, "order": True}, True)


def _damaged(data: bytes) -> dict:
    head = len(b"dlint-dataclass-code 1 ") + 4
    key_len = len(dataclass_cache.cache_key())
    return {
        "another Python": data[:head] + b"\x00" * key_len + data[head + key_len:],
        "a payload byte changed": data[:-40] + bytes([data[-40] ^ 1]) + data[-39:],
        "truncated": data[: len(data) // 2],
        "garbage": b"\x00\x01 not a cache\n" * 5,
        "empty": b"",
    }


@pytest.mark.parametrize("damage", ["another Python", "a payload byte changed", "truncated", "garbage", "empty",
                                    "no file"])
def test_a_damaged_or_foreign_cache_compiles_as_dataclasses_does(tmp_path, monkeypatch, damage):
    texts = _recorded(lambda: _make(SPEC, dataclasses.dataclass))
    good = dataclass_cache.cache_bytes({t: code_of(t) for t in texts})
    path = tmp_path / "dataclass_cache.marshal"
    if damage != "no file":
        path.write_bytes(_damaged(good)[damage])
    _fresh(monkeypatch, path)
    ours = _make(SPEC, dataclass_cache.dataclass)
    assert _class_codes(ours) == _class_codes(_make(SPEC, dataclasses.dataclass))
    assert list(dataclass_cache.missed) == texts  # every text compiled here
    path.write_bytes(good)
    _fresh(monkeypatch, path)
    _make(SPEC, dataclass_cache.dataclass)
    assert dataclass_cache.missed == {}


def test_a_damaged_entry_is_compiled(tmp_path, monkeypatch):
    texts = _recorded(lambda: _make(SPEC, dataclasses.dataclass))
    path = tmp_path / "dataclass_cache.marshal"
    path.write_bytes(dataclass_cache.cache_bytes({t: code_of(t) for t in texts}))
    _fresh(monkeypatch, path)
    codes = dataclass_cache._load()
    codes[texts[0]] = b"not marshal data"
    codes[texts[1]] = marshal.dumps("a string, not code")
    ours = _make(SPEC, dataclass_cache.dataclass)
    assert _class_codes(ours) == _class_codes(_make(SPEC, dataclasses.dataclass))
    assert list(dataclass_cache.missed) == texts[:2]


def test_another_exec_in_dataclasses_is_put_back():
    def other(text, globals=None, locals=None):
        exec(code_of(text), globals, locals)

    dataclasses.exec = other
    try:
        _make(SPEC, dataclass_cache.dataclass)
        assert dataclasses.exec is other
    finally:
        del dataclasses.exec


def test_the_tool_writes_a_cache_the_package_reads(tmp_path, monkeypatch):
    from disclosure_lint.tools import dataclass_cache as tool

    monkeypatch.setattr(tool, "recorded_texts", lambda: _recorded(lambda: _make(SPEC, dataclasses.dataclass)))
    monkeypatch.setattr(dataclass_cache, "CACHE_FILE", str(tmp_path / "c.marshal"))
    assert tool.main([]) == 0
    assert sorted(dataclass_cache.read(str(tmp_path / "c.marshal"))) == sorted(tool.recorded_texts())


@FOR_THIS_PYTHON
def test_a_docless_class_gets_its_doc_when_it_is_read(monkeypatch):
    """dataclasses' doc (name and signature) is computed at the first read, not when the class is made."""
    import inspect

    calls = []
    signature = inspect.signature
    monkeypatch.setattr(inspect, "signature", lambda obj, *a, **k: calls.append(obj) or signature(obj, *a, **k))
    spec = (["start", "end"], 1, {"frozen": True}, False)
    theirs = _make(spec, dataclasses.dataclass)
    assert calls == [theirs]  # dataclasses computes it when the class is made
    ours = _make(spec, dataclass_cache.dataclass)
    assert calls == [theirs]
    assert ours.__doc__ == theirs.__doc__ == "Made(start: 'list[str]', end: 'int' = 0)"
    assert calls == [theirs, ours]
    assert vars(ours)["__doc__"] == ours.__doc__ == ours(1).__doc__  # stored: computed once
    assert calls == [theirs, ours]
