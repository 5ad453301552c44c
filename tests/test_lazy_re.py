"""source.lazy_re: a pattern compiled at its first use behaves as the compiled pattern, and costs
nothing extra after it (its methods are the compiled pattern's own bound methods)."""
import re

import pytest

from disclosure_lint.source.lazy_re import LazyPattern, lazy


def test_not_compiled_until_used():
    p = lazy(r"(?P<n>\d+)件")
    assert "_compiled" not in p.__dict__
    assert p.pattern == r"(?P<n>\d+)件"  # no compile needed for the source text
    assert "_compiled" not in p.__dict__
    assert p.search("共12件").group("n") == "12"
    assert "_compiled" in p.__dict__


@pytest.mark.parametrize("method", ["search", "match", "fullmatch", "findall", "split"])
def test_same_results_as_re(method):
    text = "收到12件，办结3件。其中1件结转"
    src, flags = r"(\d+)件", re.I
    want = getattr(re.compile(src, flags), method)(text)
    got = getattr(lazy(src, flags), method)(text)
    if method in ("search", "match", "fullmatch"):
        assert (want and want.span(), want and want.groups()) == (got and got.span(), got and got.groups())
    else:
        assert want == got


def test_other_methods_and_attributes():
    src = r"(?P<a>甲)(乙)?"
    c, p = re.compile(src), lazy(src)
    assert [m.span() for m in c.finditer("甲乙甲")] == [m.span() for m in p.finditer("甲乙甲")]
    assert c.sub("x", "甲乙甲") == p.sub("x", "甲乙甲") and c.subn("x", "甲") == p.subn("x", "甲")
    assert (c.groups, c.groupindex, c.flags) == (p.groups, p.groupindex, p.flags)
    assert p.compiled() is p.compiled() and p.compiled().pattern == src


def test_later_calls_are_the_compiled_patterns_bound_methods():
    p = lazy(r"[一二三]")
    p.search("二")
    compiled = p.compiled()
    for name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
        bound = p.__dict__[name]  # found before __getattr__, which is not called again
        assert bound.__self__ is compiled and bound == getattr(compiled, name)


def test_unknown_attribute_and_repr():
    p = LazyPattern("a")
    with pytest.raises(AttributeError):
        p.no_such_attribute
    with pytest.raises(AttributeError):
        p.__wrapped__
    assert repr(p) == "lazy('a')"


def test_bad_pattern_fails_at_first_use_like_re():
    p = lazy("(")
    with pytest.raises(re.error):
        p.search("x")
