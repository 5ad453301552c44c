"""Folder walks: .gitignore, exclude / extend-exclude, build and VCS folders, extra suffixes."""
from __future__ import annotations

import os

from disclosure_lint.cli.main import main
from disclosure_lint.cli.walk import IgnoreRules, collect

from .conftest import seed


def tree(tmp_path, names):
    for n in names:
        p = tmp_path / n
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(seed(2).read_bytes())


def rel(tmp_path, files):
    return sorted(os.path.relpath(f, tmp_path).replace(os.sep, "/") for f in files)


def test_build_vcs_and_egg_info_folders_are_skipped(tmp_path):
    tree(tmp_path, ["a.html", "x.egg-info/SOURCES.txt", "build/b.html", ".git/c.txt", "node_modules/d.htm",
                    "__pycache__/e.txt", "sub/f.txt", ".venv/g.txt"])
    assert rel(tmp_path, collect([str(tmp_path)]).files) == ["a.html", "sub/f.txt"]


def test_gitignore_is_respected(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n*.bak.html\n/top.txt\n!keep.bak.html\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".gitignore").write_text("local.txt\n")
    tree(tmp_path, ["a.html", "drafts/x.html", "y.bak.html", "keep.bak.html", "top.txt", "sub/top.txt",
                    "sub/local.txt", "sub/z.txt"])
    got = rel(tmp_path, collect([str(tmp_path)]).files)
    assert got == ["a.html", "keep.bak.html", "sub/top.txt", "sub/z.txt"]
    # walking the subfolder still sees the root's .gitignore
    assert rel(tmp_path, collect([str(tmp_path / "sub")]).files) == ["sub/top.txt", "sub/z.txt"]
    everything = rel(tmp_path, collect([str(tmp_path)], respect_gitignore=False).files)
    assert "drafts/x.html" in everything and "sub/local.txt" in everything


def test_exclude_and_extend_exclude(tmp_path):
    tree(tmp_path, ["a.html", "old/b.html", "build/c.html", "2020/d.txt"])
    assert rel(tmp_path, collect([str(tmp_path)], extend_exclude=["old"], root=str(tmp_path)).files) == \
        ["2020/d.txt", "a.html"]
    # exclude replaces the defaults: build/ is linted again
    assert rel(tmp_path, collect([str(tmp_path)], exclude=["2020/"], root=str(tmp_path)).files) == \
        ["a.html", "build/c.html", "old/b.html"]


def test_named_files_are_linted_whatever_their_suffix(tmp_path):
    tree(tmp_path, ["r.shtml", "build/r.html"])
    assert collect([str(tmp_path / "r.shtml"), str(tmp_path / "build/r.html")]).files == \
        [str(tmp_path / "r.shtml"), str(tmp_path / "build/r.html")]


def test_extension_option_and_setting(tmp_path, capsys):
    tree(tmp_path, ["a.shtml", "b.xhtml", "c.html"])
    assert rel(tmp_path, collect([str(tmp_path)]).files) == ["c.html"]
    assert rel(tmp_path, collect([str(tmp_path)], extensions=(".shtml", ".xhtml")).files) == \
        ["a.shtml", "b.xhtml", "c.html"]
    main(["--isolated", "--format", "concise", "--extension", "shtml", str(tmp_path)])
    out = capsys.readouterr().out
    assert "a.shtml:" in out and "b.xhtml" not in out
    (tmp_path / "dlint.toml").write_text('extension = [".xhtml"]\nextend-exclude = ["c.html"]\n')
    from disclosure_lint.engine.config import find_config

    find_config.cache_clear()
    main(["--format", "concise", str(tmp_path)])
    out = capsys.readouterr().out
    assert "b.xhtml:" in out and "c.html" not in out


def test_ignore_rules_patterns():
    r = IgnoreRules()
    r.add("**/tmp/*.html", "/base")
    r.add("a?c.txt", "/base")
    r.add("[0-9]*.htm", "/base")
    assert r.ignored("/base/x/tmp/y.html", False)
    assert r.ignored("/base/tmp/y.html", False)
    assert r.ignored("/base/q/abc.txt", False) and not r.ignored("/base/q/abbc.txt", False)
    assert r.ignored("/base/9x.htm", False) and not r.ignored("/base/x9.htm", False)
