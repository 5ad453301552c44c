"""document.editions' cache of the parsed edition files: the shipped cache holds exactly what tomllib makes
of every built-in file (the staleness test), editions loaded through it equal editions parsed (the oracle),
and a damaged, foreign or missing cache only means that the files are parsed."""
from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from disclosure_lint.document import editions as E
from disclosure_lint.tools.edition_cache import parsed_files

SHIPPED = E.editions_dir() / E.CACHE_NAME


def _fields(eds: dict) -> list:
    return [(k, e.name, e.description, e.years, e.kind, e.structure, e.data, e.path) for k, e in eds.items()]


def test_the_shipped_cache_holds_every_built_in_file_as_tomllib_parses_it():
    """Fails when a file in rules/ changes without `python -m disclosure_lint.tools.edition_cache`."""
    cache = E.read_cache(SHIPPED)
    files = {p.read_bytes(): p.name for p in E.toml_files(E.editions_dir())}
    assert set(cache) == set(files), "regenerate the cache: python -m disclosure_lint.tools.edition_cache"
    for raw, name in files.items():
        assert cache[raw] == tomllib.loads(raw.decode("utf-8")), name


def test_toml_files_lists_what_glob_lists(tmp_path):
    for name in ["b.toml", "a.toml", ".hidden.toml", "x.toml.bak", "toml", "c.tomlx", "Z.toml"]:
        (tmp_path / name).write_text("name = 'x'\n")
    (tmp_path / "dir.toml").mkdir()
    assert E.toml_files(tmp_path) == sorted(tmp_path.glob("*.toml"))
    assert E.toml_files(E.editions_dir()) == sorted(E.editions_dir().glob("*.toml"))
    assert E.toml_files(tmp_path / "missing") == []


def test_editions_loaded_through_the_cache_equal_editions_parsed(monkeypatch):
    through_cache = E._load.__wrapped__(())
    monkeypatch.setattr(E, "read_cache", lambda path: {})
    parsed = E._load.__wrapped__(())
    assert _fields(through_cache) == _fields(parsed)
    assert len(through_cache) >= 4


def test_each_load_gets_its_own_data_and_a_user_copy_of_a_built_in_file_replaces_it(tmp_path):
    first, second = E._load.__wrapped__(()), E._load.__wrapped__(())
    assert first["2021"].data == second["2021"].data and first["2021"].data is not second["2021"].data
    copy = tmp_path / "2021.toml"
    shutil.copy(E.editions_dir() / "2021.toml", copy)
    with_copy = E._load.__wrapped__((str(copy),))
    assert with_copy["2021"].path == str(copy) and with_copy["2021"].data == first["2021"].data


def _damaged(good: bytes) -> dict[str, bytes]:
    at = good.index(b"heading")  # a key inside the payload: the changed cache still unmarshals
    return {
        "one letter of the data changed": good[:at] + b"hexding" + good[at + 7:],
        "truncated": good[: len(good) // 2],
        "garbage": b"\x00\x01 not a cache\n" * 5,
        "empty": b"",
        "another format": good.replace(b"dlint-editions 1 ", b"dlint-editions 9 ", 1),
        "a list, not a dict": E.cache_bytes([1, 2]),  # type: ignore[arg-type]
    }


@pytest.mark.parametrize("damage", ["one letter of the data changed", "truncated", "garbage", "empty",
                                    "another format", "a list, not a dict", "no file"])
def test_a_damaged_or_missing_cache_means_the_files_are_parsed(tmp_path, monkeypatch, damage):
    for p in E.toml_files(E.editions_dir()):
        shutil.copy(p, tmp_path / p.name)
    if damage != "no file":
        (tmp_path / E.CACHE_NAME).write_bytes(_damaged(SHIPPED.read_bytes())[damage])
    assert E.read_cache(tmp_path / E.CACHE_NAME) == {}
    monkeypatch.setattr(E, "editions_dir", lambda: tmp_path)
    loaded = E._load.__wrapped__(())
    for e in loaded.values():
        assert e.data == tomllib.loads(Path(e.path).read_text("utf-8"))


def test_a_cache_written_by_the_tool_reads_back(tmp_path):
    parsed = parsed_files()
    (tmp_path / "c").write_bytes(E.cache_bytes(parsed))
    assert E.read_cache(tmp_path / "c") == parsed


@pytest.mark.parametrize("content, says", [(b"name = \n", "cannot read edition file"),
                                           (b"\xff\xfe name", "cannot read edition file"),
                                           (b"description = 'x'\n", "needs `name`")])
def test_a_bad_user_edition_file_is_a_clear_error(tmp_path, content, says):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(content)
    with pytest.raises(E.EditionError, match=says) as err:
        E._load.__wrapped__((str(bad),))
    assert str(bad) in str(err.value)
