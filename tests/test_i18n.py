"""Messages in Chinese and English: catalogs complete, language chosen from the environment,
--lang and the configuration, and carried into worker processes."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from disclosure_lint import lint_text
from disclosure_lint.cli.main import main
from disclosure_lint.i18n import (_, _n, get_language, language_from_env, normalize_language, rule_doc,
                                  rule_summary, rule_title, severity_label, split_doc, use_language)
from disclosure_lint.tools.i18n_catalog import literal_messages, untranslated
from disclosure_lint.engine.registry import all_rules, get_rule

from .conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
# The example with planted defects: a late publication, tables that do not reconcile, a missing section.
REPORT = ROOT / "examples" / "defects-2022.html"
ZH_WORDS = ("勾稽关系", "超过发布时限", "缺少章节", "正文称")   # only in the Chinese messages of REPORT
EN_WORDS = ("would satisfy", "days after the deadline", "missing section", "the text says")


def _zh(text: str) -> bool:
    return all(w in text for w in ZH_WORDS) and not any(w in text for w in EN_WORDS)


def _en(text: str) -> bool:
    return all(w in text for w in EN_WORDS) and not any(w in text for w in ZH_WORDS)


# ---- the catalogs ---------------------------------------------------------------------------------

def test_every_message_in_the_package_has_a_chinese_translation():
    msgs = literal_messages()
    assert len(msgs) > 150  # the collector finds the messages (it is not looking at the wrong folder)
    missing = untranslated(msgs, "zh")
    assert not missing, "messages without a Chinese translation (run `python -m disclosure_lint.tools.i18n_catalog " \
                        "update`, then translate them in locale/zh_CN/LC_MESSAGES/dlint.po):\n" + \
                        "\n".join(f"{msgs[m]}: {m!r}" for m in missing)


def test_the_translation_check_can_fail(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text('from .i18n import _\nx = _("a message nobody translated {x}", x=1)\n',
                                           encoding="utf-8")
    msgs = literal_messages(tmp_path / "pkg")
    assert list(msgs) == ["a message nobody translated {x}"]
    assert untranslated(msgs, "zh") == ["a message nobody translated {x}"]


def test_catalog_is_complete_and_compiled():
    pytest.importorskip("babel")
    from disclosure_lint.tools.i18n_catalog import problems

    assert problems("zh_CN") == []  # titles, identity descriptions, fuzzy entries, stale .mo


def test_every_rule_docstring_has_a_chinese_part():
    for r in all_rules():
        if r.plugin != "builtin":
            continue
        assert r.doc_zh, f"{r.code}: the docstring has no 【中文】 part"
        assert CJK.search(r.doc_zh.splitlines()[0]), r.code
        # what / why / example / how to fix (the headings we use first; a close synonym passes)
        for words in (("检查内容", "检查什么"), ("问题影响", "为什么", "为何", "重要"), ("示例", "例"),
                      ("修改方法", "如何修改", "修改", "改正", "更正")):
            assert any(w in r.doc_zh for w in words), (r.code, words[0])
        assert "【中文】" not in r.doc, r.code  # the English doc stops at the marker


def test_split_doc():
    assert split_doc("Summary.\n\nBody.\n【中文】\n摘要。\n\n正文。") == ("Summary.\n\nBody.", "摘要。\n\n正文。")
    assert split_doc("Only English.") == ("Only English.", None)


def test_rule_texts_in_both_languages():
    spec = get_rule("DL201")
    assert rule_title(spec, "en") == "Table row total"
    assert rule_title(spec, "zh") == "表三各行总计不符"
    assert rule_summary(spec, "en").startswith("Table 3, each row")
    assert rule_summary(spec, "zh").startswith("表三逐行核对")
    assert "How to fix" in rule_doc(spec, "en") and "修改方法" in rule_doc(spec, "zh")
    assert severity_label("error", "zh") == "错误" and severity_label("info", "en") == "info"
    with use_language("zh"):
        assert rule_title(spec) == "表三各行总计不符"


# ---- choosing the language ------------------------------------------------------------------------

@pytest.mark.parametrize("env,lang", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),               # LC_ALL wins
    ({"LANG": "C.UTF-8", "LC_MESSAGES": "zh_CN.GB18030"}, "zh"),  # LC_MESSAGES before LANG
    ({"LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}, "en"),             # LANGUAGE is ignored in the C locale
    ({"LANG": "en_GB.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),      # … and comes first otherwise
    ({"LANG": "fr_FR.UTF-8"}, "en"),
])
def test_language_from_env(env, lang):
    assert language_from_env(env) == lang


def test_normalize_language():
    assert normalize_language("zh") == normalize_language("zh-CN") == normalize_language("zh_CN.UTF-8") == "zh"
    assert normalize_language("en") == normalize_language("C") == "en"
    assert normalize_language("xx") is None and normalize_language("") is None
    assert normalize_language("Chinese (Simplified)_China") == "zh"  # how Windows names its locale


def test_rule_markdown_for_hovers():
    from disclosure_lint.i18n import rule_markdown

    spec = get_rule("DL304")
    assert rule_markdown(spec, "zh").startswith("**DL304 逾期发布（`published-late`，默认级别：错误）**\n\n报告逾期发布。")
    assert rule_markdown(spec, "en").startswith("**DL304 Published late (`published-late`, default severity: error)**")


def test_use_language_nests_and_restores(monkeypatch):
    assert get_language() == "en"
    with use_language("zh"):
        assert _("All checks passed.") == "全部检查通过。"
        with use_language(None):  # None keeps the active language
            assert get_language() == "zh"
        with use_language("en"):
            assert _("All checks passed.") == "All checks passed."
    assert get_language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert get_language() == "zh"


def test_fields_and_plurals():
    with use_language("zh"):
        assert _("{path}: no such file or directory", path="a.html") == "a.html：文件或文件夹不存在"
        assert _n("{n} error", "{n} errors", 3, n=3) == "3 个错误"
        assert _("a message with no translation {x}", x=1) == "a message with no translation 1"
    assert _n("{n} error", "{n} errors", 1, n=1) == "1 error"
    assert _n("{n} error", "{n} errors", 2, n=2) == "2 errors"


def test_a_broken_translation_falls_back_to_english(monkeypatch):
    import gettext

    from disclosure_lint import i18n

    class Broken(gettext.NullTranslations):
        def gettext(self, message):
            return "坏的 {no_such_field}"

    monkeypatch.setattr(i18n, "_translations", lambda lang: Broken())
    with use_language("zh"):
        assert _("{path}: not a regular file", path="x") == "x: not a regular file"


# ---- the library, the CLI, explain and rules ------------------------------------------------------

def test_library_lang_option():
    text = REPORT.read_text(encoding="utf-8")
    en = lint_text(text)
    zh = lint_text(text, lang="zh")
    assert len(en) >= 8
    assert [(d.code, d.name, d.span, d.suggestion) for d in en] == [(d.code, d.name, d.span, d.suggestion) for d in zh]
    assert all(a.message != b.message for a, b in zip(en, zh))
    assert _en("\n".join(d.message for d in en)) and _zh("\n".join(d.message for d in zh))
    assert get_language() == "en"  # the option does not leak


def _run(args, lang_env, tmp_path=None):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG")}
    env["LANG"] = lang_env
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "disclosure_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=tmp_path or ROOT, timeout=300)


def test_cli_and_explain_follow_lang_env():
    zh = _run(["--isolated", "--format", "concise", str(REPORT)], "zh_CN.UTF-8")
    en = _run(["--isolated", "--format", "concise", str(REPORT)], "C.UTF-8")
    assert zh.returncode == en.returncode == 1
    assert "DL201 error:" in zh.stdout  # codes and machine-read severities stay as they are
    assert _zh(zh.stdout) and "（建议：" in zh.stdout
    assert _en(en.stdout) and "(suggestion: " in en.stdout
    assert [ln.split(": ", 1)[0] for ln in zh.stdout.splitlines()] == \
        [ln.split(": ", 1)[0] for ln in en.stdout.splitlines()]
    ex_zh = _run(["explain", "DL202"], "zh_CN.UTF-8")
    ex_en = _run(["explain", "DL202"], "C.UTF-8")
    assert "勾稽关系" in ex_zh.stdout and "修改方法" in ex_zh.stdout and "How to fix" not in ex_zh.stdout
    assert "How to fix" in ex_en.stdout and "修改方法" not in ex_en.stdout
    assert ex_en.stdout.startswith("DL202 table-balance (default severity: error)")


def test_cli_own_lines_in_chinese(tmp_path):
    r = _run(["--isolated", str(tmp_path / "nothing.html")], "zh_CN.UTF-8")
    assert r.returncode == 2 and "文件或文件夹不存在" in r.stderr
    clean = tmp_path / "ok.txt"
    clean.write_text("x\n", encoding="utf-8")
    r = _run(["--isolated", "--format", "full", "--select", "DL501", str(clean)], "zh_CN.UTF-8")
    assert "全部检查通过" in r.stdout


def test_lang_option_overrides_env(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["--isolated", "--format", "concise", "--lang", "en", str(REPORT)]) == 1
    assert _en(capsys.readouterr().out)
    assert main(["--isolated", "--format", "concise", str(REPORT)]) == 1
    assert _zh(capsys.readouterr().out)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["--isolated", "--format", "concise", "--lang", "zh", str(REPORT)]) == 1
    assert _zh(capsys.readouterr().out)
    assert get_language() == "en"  # --lang holds for that run only
    assert main(["explain", "--lang", "zh", "DL201"]) == 0
    assert "修改方法" in capsys.readouterr().out
    assert main(["rules", "--lang", "zh"]) == 0
    assert "错误" in capsys.readouterr().out


def test_config_lang(tmp_path, capsys):
    from disclosure_lint.engine.config import find_config, load_config

    (tmp_path / "dlint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    report = tmp_path / "r.html"
    report.write_bytes(REPORT.read_bytes())
    find_config.cache_clear()
    assert main(["--format", "concise", str(report)]) == 1
    assert _zh(capsys.readouterr().out)
    assert main(["--format", "concise", "--lang", "en", str(report)]) == 1  # the command line wins
    assert _en(capsys.readouterr().out)
    (tmp_path / "dlint.toml").write_text('lang = "klingon"\n', encoding="utf-8")
    find_config.cache_clear()
    load_config.cache_clear()
    assert main(["--format", "concise", str(report)]) == 2
    assert "lang" in capsys.readouterr().err
    find_config.cache_clear()


def test_jobs_workers_speak_the_language(tmp_path):
    for i in range(5):
        (tmp_path / f"r{i}.html").write_bytes(REPORT.read_bytes())
    r = _run(["--isolated", "--format", "json", "--jobs", "2", "--lang", "zh", str(tmp_path)], "C.UTF-8")
    data = json.loads(r.stdout)
    assert len({d["path"] for d in data}) == 5
    for i in range(5):
        assert _zh("\n".join(d["message"] for d in data if d["path"].endswith(f"r{i}.html")))
    # JSON keys and codes do not change with the language
    en = json.loads(_run(["--isolated", "--format", "json", str(tmp_path / "r0.html")], "C.UTF-8").stdout)
    zh = [d for d in data if d["path"].endswith("r0.html")]
    assert [sorted(d) for d in en] == [sorted(d) for d in zh]
    assert [(d["code"], d["start"], d["end"]) for d in en] == [(d["code"], d["start"], d["end"]) for d in zh]


def test_severity_does_not_depend_on_the_language():
    from disclosure_lint import lint_bytes

    data = b"\xef\xbb\xbf<p>2022\xe5\xb9\xb4\xff\xfe</p>"  # UTF-8 BOM, then invalid bytes: replaced, an error
    en = [(d.code, d.severity) for d in lint_bytes(data, kind="html", select=["DL001"])]
    zh = [(d.code, d.severity) for d in lint_bytes(data, kind="html", select=["DL001"], lang="zh")]
    assert en == zh and en and en[0][1].value == "error"
