"""``dataclasses.dataclass``, with the methods' compiled code served from a shipped cache.

Making a dataclass is not free: ``dataclasses`` writes the source text of ``__init__``, ``__repr__``,
``__eq__``, ``__setattr__``... and ``exec``s each text, so the C parser and compiler run at import for
every method of every class (about 1.5-3 M instructions a class, three quarters of it compiling; the ~50
dataclasses a one-report run imports cost more than the report's lint).  What ``exec`` makes of a text is
a code object, small data: ``dataclass_cache.marshal`` (beside this module, written by ``python -m
disclosure_lint.tools.dataclass_cache``) holds the code of every text our classes produce, keyed by the
text, so the cached code is executed instead of compiling the text again.

Only the Python that wrote the file uses it (its bytecode magic number, as a ``.pyc`` is keyed), and only
when its CRC-32 matches; a text not in the cache, a missing, damaged or foreign file, are compiled as
``dataclasses`` compiles them.  The cached code is the code ``exec`` compiles from the same text (the
tests compare every entry), so the class is the class ``dataclasses.dataclass`` makes: same methods, same
``fields()``, ``replace``, ``asdict``, pickling.  The stdlib is not patched for anyone else: the module's
``exec`` is replaced only while one of our classes is being made (a class another thread makes meanwhile
gets the same code either way).

Use it as ``dataclasses.dataclass``: ``from ..source.dataclass_cache import dataclass, field``.
"""
# No ``from __future__ import annotations`` here: a text compiled from this module would inherit it (the
# ``__init__`` annotations would become strings); misses are compiled with dont_inherit, as dataclasses does.

import dataclasses
import marshal
import sys
import zlib
from dataclasses import field
from types import CodeType

__all__ = ["dataclass", "field", "CACHE_FILE", "cache_key", "read", "cache_bytes", "code_of"]

CACHE_FILE = __file__.rsplit(".", 1)[0] + ".marshal"  # dataclass_cache.marshal beside this module
_MAGIC = b"dlint-dataclass-code 1 "  # then the key's length (4 hex digits), the key, the payload's CRC-32, "\n"

_codes = None  # text -> its code, marshalled (made into a code object only when used); loaded at the first class
asked: dict = {}   # every text executed through the cache in this process, in order (read by the tool and tests)
missed: dict = {}  # those compiled here (not in the cache)


def cache_key() -> bytes:
    """What cached code depends on: the bytecode format of this Python (its .pyc magic number)."""
    import _frozen_importlib_external  # already loaded: the import system itself

    return _frozen_importlib_external.MAGIC_NUMBER + sys.implementation.cache_tag.encode("ascii")


def code_of(text: str):
    """The code ``exec(text)`` runs when called from ``dataclasses`` (a module without __future__ imports)."""
    return compile(text, "<string>", "exec", dont_inherit=True)


def _exec(text, globals=None, locals=None):
    """``exec`` as ``dataclasses._create_fn`` calls it, with the text's code taken from the cache."""
    codes = _codes if _codes is not None else _load()
    asked[text] = None
    code = None
    data = codes.get(text) if type(text) is str else None
    if data is not None:
        try:
            code = marshal.loads(data)
        except Exception:  # a damaged entry: compile the text
            pass
    if type(code) is not CodeType:
        missed[text] = None
        code = code_of(text)
    exec(code, globals, locals)


def dataclass(cls=None, /, **kwargs):
    """``dataclasses.dataclass(cls, **kwargs)``, its methods' code from the shipped cache."""

    def wrap(cls):
        namespace = vars(dataclasses)
        saved = namespace.get("exec", _exec)
        namespace["exec"] = _exec  # dataclasses finds this before the builtin
        doc = _SignatureDoc() if not getattr(cls, "__doc__") and _lazy_docs() else None
        if doc is not None:
            cls.__doc__ = doc  # dataclasses reads it (a placeholder while the class is made) and writes none
        try:
            return dataclasses.dataclass(cls, **kwargs)
        finally:
            if doc is not None:
                doc.made = True
            if saved is _exec:
                namespace.pop("exec", None)
            else:  # someone else's exec was there: put it back
                namespace["exec"] = saved

    return wrap if cls is None else wrap(cls)


class _SignatureDoc:
    """The ``__doc__`` dataclasses gives a class without a docstring (its name and ``inspect.signature``),
    computed when first read instead of when the class is made: the signature costs ~0.3 M instructions a
    class, and needs ``inspect`` (which imports ast, dis and tokenize: ~30 M), while nothing of a lint reads
    these docs.  ``type.__doc__`` calls a descriptor found in the class's own dict, so ``cls.__doc__`` and
    ``obj.__doc__`` read the same text as before; the first read stores it in place of this object."""

    made = False  # until the class is made, dataclasses' "has it a docstring?" gets a placeholder

    def __get__(self, obj, cls):
        if not self.made:
            return "(being made)"
        import inspect

        try:  # as dataclasses._process_class (3.11) writes it
            text_sig = str(inspect.signature(cls)).replace(" -> None", "")
        except (TypeError, ValueError):
            text_sig = ""
        doc = cls.__name__ + text_sig
        type.__setattr__(cls, "__doc__", doc)
        return doc


def _lazy_docs() -> bool:
    """Docs are deferred only by the Python the cache was made for (whose dataclasses writes them so)."""
    return bool(_codes if _codes is not None else _load())


def _load() -> dict:
    global _codes
    _codes = {}
    try:
        _codes = read(CACHE_FILE)
    except Exception:  # no file, unreadable, damaged: every text is compiled
        pass
    return _codes


def cache_bytes(codes: dict) -> bytes:
    """The file for {text: code}: a header (the magic, the key, the payload's CRC-32), then the payload:
    {text: the code marshalled}, marshalled (a code object is made only for the texts a run executes)."""
    key = cache_key()
    payload = marshal.dumps({text: marshal.dumps(code) for text, code in codes.items()})
    return _MAGIC + b"%04x" % len(key) + key + b"%08x\n" % zlib.crc32(payload) + payload


def read(path: str) -> dict:
    """The cache file's {text: marshalled code}; empty when written for another Python (ValueError if damaged)."""
    with open(path, "rb") as f:
        data = f.read()
    n = len(_MAGIC)
    if data[:n] != _MAGIC:
        raise ValueError("not a dataclass cache")
    size = int(data[n:n + 4], 16)
    key, rest = data[n + 4:n + 4 + size], data[n + 4 + size:]
    if key != cache_key():
        return {}
    crc, newline, payload = rest[:8], rest[8:9], rest[9:]
    if newline != b"\n" or int(crc, 16) != zlib.crc32(payload):
        raise ValueError("damaged dataclass cache")
    codes = marshal.loads(payload)
    if type(codes) is not dict:
        raise ValueError("damaged dataclass cache")
    return codes
