"""``dlint server`` end to end: a real LSP client (pytest-lsp) talks to ``python -m disclosure_lint server``
over stdio: open, change, hover, code action, configuration, shutdown. The findings must be the CLI's, with
ranges (UTF-16 code units) that slice to the same text."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as T  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from .conftest import seed  # noqa: E402


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "disclosure_lint", "server"]))
async def client(lsp_client: LanguageClient):
    caps = client_capabilities("neovim")
    caps.general.position_encodings = [T.PositionEncodingKind.Utf16]  # as VS Code (which sends none)
    params = T.InitializeParams(capabilities=caps, initialization_options={"dlint": {"debounce": 50}})
    result = await lsp_client.initialize_session(params)
    assert result.capabilities.position_encoding == T.PositionEncodingKind.Utf16
    yield
    await lsp_client.shutdown_session()


def offset_of(text: str, pos: T.Position) -> int:
    """An independent UTF-16 reading of an LSP position (not the server's converter)."""
    lines = text.splitlines(keepends=True)
    # splitlines also breaks at U+2028 and friends; the reports used here have only \n and \r\n
    start = sum(len(x) for x in lines[:pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    units = line.encode("utf-16-le")[:pos.character * 2]
    return start + len(units.decode("utf-16-le"))


def apply_edits(text: str, edits) -> str:
    spans = sorted(((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for a, z, new in spans:
        text = text[:a] + new + text[z:]
    return text


def report_text() -> str:
    # The seed mirror page (pinyin, traditional characters), with characters outside the BMP before the
    # findings on their line, so a column in code points would be wrong in UTF-16.
    text = seed(0).read_text(encoding="utf-8")
    return text.replace("2017年政府信息公開", "📄𠀀2017年政府信息公開", 1).replace("一、概述", "一、概述\u200b", 1)


def cli_findings(path) -> list[tuple[str, str, str]]:
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", "--format", "json", "--no-progress", str(path)],
                       capture_output=True, text=True, encoding="utf-8")
    assert p.returncode in (0, 1), p.stderr
    text = path.read_bytes().decode("utf-8")  # line ends as they are (read_text would translate \r\n)
    return sorted((d["code"], d["message"], text[d["start"]["offset"]:d["end"]["offset"]])
                  for d in json.loads(p.stdout))


def lsp_findings(text: str, diags) -> list[tuple[str, str, str]]:
    return sorted((d.code, d.message, text[offset_of(text, d.range.start):offset_of(text, d.range.end)])
                  for d in diags)


async def open_report(client: LanguageClient, tmp_path, text: str) -> str:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8", newline="")
    uri = path.as_uri()
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


@pytest.mark.asyncio
async def test_open_gives_the_cli_findings_with_utf16_ranges(client: LanguageClient, tmp_path):
    text = report_text()
    uri = await open_report(client, tmp_path, text)
    diags = client.diagnostics[uri]
    got = lsp_findings(text, diags)
    assert got == cli_findings(tmp_path / "report.txt")
    codes = {d.code for d in diags}
    assert {"DL501", "DL502", "DL507"} <= codes
    # the line with 📄𠀀 before its finding: UTF-16 columns differ from code points there
    d = next(d for d in diags if d.code == "DL501" and d.range.start.line == 1 and "machine" not in d.message)
    line = text.splitlines()[1]
    assert d.range.start.character == len(line[:line.index("報(")].encode("utf-16-le")) // 2
    assert d.range.start.character == line.index("報(") + 2
    for d in diags:
        assert d.source == "dlint" and d.severity in (1, 2, 3)
        assert d.code_description.href.endswith("#" + d.code.lower() + "-" + {
            "DL501": "pinyin-residue", "DL502": "mixed-script", "DL507": "invisible-character"}.get(d.code, "")
            ) or d.code not in ("DL501", "DL502", "DL507")


@pytest.mark.asyncio
async def test_hover_shows_the_rule_documentation_in_the_configured_language(client: LanguageClient, tmp_path):
    text = report_text()
    uri = await open_report(client, tmp_path, text)
    d = next(d for d in client.diagnostics[uri] if d.code == "DL501")
    hover = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), d.range.start))
    assert "DL501" in hover.contents.value and "mirror sites" in hover.contents.value.lower()
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"dlint": {"lang": "zh"}}))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    hover = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), d.range.start))
    assert "镜像网站" in hover.contents.value
    nothing = await client.text_document_hover_async(
        T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(len(text.splitlines()) + 5, 0)))
    assert nothing is None


@pytest.mark.asyncio
async def test_code_actions_fix_and_change_relints(client: LanguageClient, tmp_path):
    text = report_text()
    uri = await open_report(client, tmp_path, text)
    before = client.diagnostics[uri]
    n_before = len(before)
    one_by_one = []
    fix_all = None
    for d in before:
        if d.code not in ("DL501", "DL502", "DL507"):
            continue
        actions = await client.text_document_code_action_async(T.CodeActionParams(
            T.TextDocumentIdentifier(uri), d.range, T.CodeActionContext(diagnostics=[d])))
        fix_all = next(a for a in actions if a.kind == T.CodeActionKind.SourceFixAll)
        fix = [a for a in actions if a.is_preferred]
        assert len(fix) <= 1 and all(list(a.diagnostics) == [d] for a in fix)
        if fix:
            one_by_one.append(fix[0].edit.changes[uri])
    assert len(one_by_one) > 10
    # the edits of one finding, applied alone, remove what it names
    first = apply_edits(text, one_by_one[0])
    assert first != text and first.splitlines()[2:] == text.splitlines()[2:]  # only its own line changed
    # "every safe fix" is what `dlint --fix` writes
    fixed = apply_edits(text, fix_all.edit.changes[uri])
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8", newline="")
    subprocess.run([sys.executable, "-m", "disclosure_lint", "--fix", "--no-progress", str(path)], capture_output=True)
    assert fixed == path.read_text(encoding="utf-8")
    pinyin = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zàáèéìíòóùúüāēěīōūǎǐǒǔǖǘǚǜ]+\)")
    left = pinyin.findall(fixed)
    assert "\u200b" not in fixed and len(left) < len(pinyin.findall(text)) / 5
    # what is left is next to a figure: a fix never touches a number (those stay suggestions)
    for m in pinyin.finditer(fixed):
        assert any(ch in "0123456789零〇一二两三四五六七八九十百千万亿兩萬億" for ch in fixed[m.start() - 2:m.end() + 1]), m
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [T.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    after = client.diagnostics[uri]
    assert len(after) < n_before
    assert not [d for d in after if d.code == "DL507"]
    # the same findings as the CLI on the fixed file
    (tmp_path / "report.txt").write_text(fixed, encoding="utf-8", newline="")
    assert lsp_findings(fixed, after) == cli_findings(tmp_path / "report.txt")


@pytest.mark.asyncio
async def test_incremental_change_and_select_setting(client: LanguageClient, tmp_path):
    text = "政府信息公开工作年度報告\n本年度共收到申请２８件\n"
    uri = await open_report(client, tmp_path, text)
    assert [d.code for d in client.diagnostics[uri]].count("DL505") == 1
    # an incremental edit: replace the full-width digits
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [T.TextDocumentContentChangePartial(range=T.Range(T.Position(1, 8), T.Position(1, 10)), text="28")]))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "DL505" not in [d.code for d in client.diagnostics[uri]]
    assert [d.code for d in client.diagnostics[uri]] == ["DL502"]
    client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"select": ["DL505"]}))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_word_and_pdf_files_are_linted_from_disk_on_save(client: LanguageClient, tmp_path):
    """A .pdf is not held by the editor: on save it is read from disk through the CLI's reader selection, and
    gets what the CLI reports for it (a DL001 finding until a PDF reader is installed, its findings after)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    uri = path.as_uri()
    client.text_document_did_save(T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(uri)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", "--format", "json", "--no-progress", str(path)],
                       capture_output=True, text=True, encoding="utf-8")
    cli = sorted((d["code"], d["message"]) for d in json.loads(p.stdout))
    assert cli and sorted((d.code, d.message) for d in client.diagnostics[uri]) == cli


def test_without_pygls_the_server_says_how_to_install_it():
    code = ("import sys; sys.modules['pygls'] = None; from disclosure_lint.cli.main import main; "
            "sys.exit(main(['server']))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 2 and "disclosure-lint[server]" in p.stderr and "Traceback" not in p.stderr


def test_editor_setups_in_the_docs_are_well_formed():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    from .conftest import ROOT

    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    blocks = {}
    for chunk in text.split("```")[1::2]:
        lang, _, body = chunk.partition("\n")
        blocks.setdefault(lang.strip(), []).append(body)
    vscode = json.loads(blocks["json"][0])
    assert vscode["glspc.server.command"] == "dlint" and vscode["glspc.server.commandArguments"] == ["server"]
    helix = tomllib.loads(blocks["toml"][0])
    assert helix["language-server"]["dlint"] == {"command": "dlint", "args": ["server"],
                                                 "config": {"dlint": {"lang": "zh"}}}
    assert 'cmd = { "dlint", "server" }' in blocks["lua"][0]
    assert '("dlint" "server"' in blocks["elisp"][0]


@pytest.mark.asyncio
async def test_an_html_report_with_crlf_and_entities_gives_the_cli_findings(client: LanguageClient, tmp_path):
    from .conftest import ROOT

    text = (ROOT / "examples" / "defects-2022.html").read_text(encoding="utf-8")
    text = text.replace("\r\n", "\n").replace("\n", "\r\n").replace(
        "规范公开属性源头认定", "😀&nbsp;𠀀規(guī)范公开属性源头&#8203;认定", 1)
    path = tmp_path / "report.html"
    path.write_text(text, encoding="utf-8", newline="")
    uri = path.as_uri()
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=uri, language_id="html", version=1, text=text)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    got = lsp_findings(text, client.diagnostics[uri])
    assert got == cli_findings(path)
    assert {"DL201", "DL501", "DL507"} <= {code for code, _m, _t in got}
    assert any(d.related_information for d in client.diagnostics[uri])
    for d in client.diagnostics[uri]:
        for r in d.related_information or ():
            assert r.location.uri == uri and offset_of(text, r.location.range.start) <= len(text)


@pytest.mark.asyncio
async def test_configuration_files_are_read_as_the_cli_reads_them(client: LanguageClient, tmp_path):
    (tmp_path / "dlint.toml").write_text('ignore = ["DL502"]\n', encoding="utf-8")
    text = "政府信息公开工作年度報告\n本年度共收到申请２８件\n"
    uri = await open_report(client, tmp_path, text)
    assert [d.code for d in client.diagnostics[uri]] == ["DL505"]
    assert lsp_findings(text, client.diagnostics[uri]) == cli_findings(tmp_path / "report.txt")
    # edited while the server runs: the next lint reads it again
    (tmp_path / "dlint.toml").write_text('ignore = ["DL505"]\n', encoding="utf-8")
    client.text_document_did_save(T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(uri)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[uri]] == ["DL502"]
    (tmp_path / "dlint.toml").write_text('select = "DL5"\nbogus = 1\n', encoding="utf-8")
    client.text_document_did_save(T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(uri)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    [d] = client.diagnostics[uri]
    assert d.code == "DL000" and "configuration error" in d.message and "bogus" in d.message


@pytest.mark.asyncio
async def test_close_clears_the_diagnostics(client: LanguageClient, tmp_path):
    uri = await open_report(client, tmp_path, "政府信息公开工作年度報告\n")
    assert client.diagnostics[uri]
    client.text_document_did_close(T.DidCloseTextDocumentParams(T.TextDocumentIdentifier(uri)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []
