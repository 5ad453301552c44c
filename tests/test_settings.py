"""Configuration validated against the settings schema: wrong types, unknown keys and values are
one clear message (key, expected type, file, line) and exit 2, never a traceback. Hypothesis
writes random configurations over the schema's keys."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from disclosure_lint.cli.main import main
from disclosure_lint.engine.config import ConfigError, find_config, load_config, options_for
from disclosure_lint.engine.settings import SCHEMA

from .conftest import ROOT, seed


def _clear():
    find_config.cache_clear()
    load_config.cache_clear()


@pytest.mark.parametrize("text,key,expected", [
    ("per-file-ignores = 5\n", "per-file-ignores", "table"),
    ("severity = {DL104 = 5}\n", "severity.DL104", "string"),
    ("fail-on = 5\n", "fail-on", "string"),
    ("edition-files = 5\n", "edition-files", "array"),
    ('edition-files = "abc"\n', "edition-files", "array"),
    ("extend = 5\n", "extend", "string"),
    ("tool = 5\n", "tool", "table"),
    ("[tool]\ndlint = 5\n", "tool.dlint", "table"),
    ('select = ["XYZ"]\n', "select", "XYZ"),
    ('ignore = ["DL2", 7]\n', "ignore", "array"),
    ("year = 10000\n", "year", "2008"),
    ('year = "x"\n', "year", "integer"),
    ('agency-level = "city"\n', "agency-level", "government"),
    ('town-deadline = "13-45"\n', "town-deadline", "MM-DD"),
    ('edition = "2030"\n', "edition", "2021"),
    ('extension = ["a/b"]\n', "extension", "suffix"),
    ("colour = 1\n", "colour", "valid settings"),
])
def test_wrong_types_are_clear_errors(tmp_path, capsys, text, key, expected):
    (tmp_path / "dlint.toml").write_text("# a comment\n" + text, encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(seed(2).read_bytes())
    _clear()
    assert main([str(tmp_path / "r.txt")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert key.split(".")[-1] in err and expected in err and "dlint.toml" in err, err
    if key not in ("tool", "tool.dlint"):
        assert "dlint.toml:2:" in err, err  # the line of the key


def test_config_with_non_utf8_bytes(tmp_path, capsys):
    (tmp_path / "dlint.toml").write_bytes(b'select = ["DL\xff"]\n')
    (tmp_path / "r.txt").write_bytes(seed(2).read_bytes())
    _clear()
    assert main([str(tmp_path / "r.txt")]) == 2
    err = capsys.readouterr().err
    assert "UTF-8" in err and "Traceback" not in err


def test_valid_settings_still_work(tmp_path):
    (tmp_path / "dlint.toml").write_text(
        'select = "DL2"\nignore = ["dl213"]\nseverity = {DL201 = "Warning"}\nfail-on = "error"\nyear = 2022\n'
        'agency-level = "department"\ntown-deadline = "03-31"\nextension = ["shtml"]\nexclude = ["old"]\n',
        encoding="utf-8")
    _clear()
    o = options_for(str(tmp_path / "r.txt"), {}, find_config(tmp_path))
    assert o.select == ("DL2",) and o.ignore == ("DL213",) and o.severity["DL201"].value == "warning"
    assert o.year == 2022 and o.fail_on.value == "error"


# ---- hypothesis over the schema --------------------------------------------------------------------

def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)  # a JSON string is a valid TOML basic string for these characters
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(v)


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_scalar = st.one_of(st.booleans(), st.integers(-10**6, 10**6), _text,
                    st.sampled_from(["DL2", "DL201", "ALL", "error", "warning", "2021", "2019", "03-31", "2022",
                                     ".shtml", "town", "x.toml", "DL9", "XYZ", ""]))
_value = st.recursive(_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(_text, inner, max_size=3)), max_leaves=8)


@given(st.dictionaries(st.sampled_from(sorted(SCHEMA) + ["bogus"]), _value, max_size=5))
def test_any_configuration_is_accepted_or_a_config_error(tmp_path_factory, table):
    d = tmp_path_factory.mktemp("cfg")
    (d / "dlint.toml").write_text("".join(f"{json.dumps(k)} = {_toml_value(v)}\n" for k, v in table.items()),
                                  encoding="utf-8")
    _clear()
    try:
        o = options_for(str(d / "r.txt"), {}, find_config(d))
    except ConfigError as exc:
        assert str(exc).startswith(str(d / "dlint.toml")), exc
        return
    assert isinstance(o.select, tuple) and isinstance(o.ignore, tuple)


def test_bad_config_through_the_cli_is_exit_2_not_a_traceback(tmp_path):
    (tmp_path / "dlint.toml").write_text("severity = {DL104 = 5}\n", encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(seed(2).read_bytes())
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", str(tmp_path / "r.txt")], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "severity" in p.stderr
