
from disclosure_lint.cli.main import main
from disclosure_lint.engine.config import find_config, options_for

from .conftest import seed

REPORT = "三、存在的问题\n四、下一步工作\n三、提高时效性。\n"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_pyproject_ignore_beside_the_report_is_honoured(tmp_path, capsys):
    r = write(tmp_path, "r.txt", REPORT)
    assert main(["--format", "concise", str(r)]) == 1
    assert "DL103" in capsys.readouterr().out
    write(tmp_path, "pyproject.toml", '[tool.dlint]\nignore = ["DL103"]\n')
    find_config.cache_clear()
    main(["--format", "concise", str(r)])
    assert "DL103" not in capsys.readouterr().out


def test_closest_config_wins_and_extend_inherits(tmp_path):
    write(tmp_path, "dlint.toml", 'ignore = ["DL1"]\nfail-on = "error"\n')
    write(tmp_path, "sub/dlint.toml", 'extend = "../dlint.toml"\nselect = ["DL2"]\n')
    find_config.cache_clear()
    cfg = find_config((tmp_path / "sub").resolve())
    o = options_for(str(tmp_path / "sub/r.html"), {}, cfg)
    assert o.select == ("DL2",) and o.ignore == ("DL1",) and o.fail_on.value == "error"


def test_per_file_ignores_and_severity(tmp_path):
    write(tmp_path, "dlint.toml", '[per-file-ignores]\n"drafts/*.txt" = ["DL3"]\n[severity]\nDL103 = "error"\n')
    find_config.cache_clear()
    cfg = find_config(tmp_path.resolve())
    o = options_for(str(tmp_path / "drafts/a.txt"), {}, cfg)
    assert "DL3" in o.ignore and o.severity["DL103"].value == "error"
    o2 = options_for(str(tmp_path / "final/a.txt"), {}, cfg)
    assert "DL3" not in o2.ignore


def test_unknown_setting_is_a_clear_error(tmp_path, capsys):
    write(tmp_path, "dlint.toml", 'selct = ["DL"]\n')
    r = write(tmp_path, "r.txt", REPORT)
    find_config.cache_clear()
    assert main([str(r)]) == 2
    assert "unknown setting" in capsys.readouterr().err


def test_isolated_and_show_settings(tmp_path, capsys):
    write(tmp_path, "dlint.toml", 'ignore = ["DL103"]\n')
    r = write(tmp_path, "r.txt", REPORT)
    find_config.cache_clear()
    assert main(["--isolated", "--format", "concise", str(r)]) == 1
    assert "DL103" in capsys.readouterr().out
    assert main(["--show-settings", str(r)]) == 0
    out = capsys.readouterr().out
    assert "dlint.toml" in out and "DL103" in out


def test_explain_and_rules(capsys):
    assert main(["explain", "DL201"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DL201 table-row-total") and "How to fix" in out
    assert main(["explain", "DL999"]) == 2
    assert main(["rules"]) == 0
    assert "DL501" in capsys.readouterr().out


def test_select_and_ignore_by_prefix(capsys):
    main(["--isolated", "--format", "concise", "--select", "DL3", "--ignore", "DL305", str(seed(3))])
    out = capsys.readouterr().out
    assert "DL305" not in out and "DL211" not in out
