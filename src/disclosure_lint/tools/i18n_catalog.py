"""Maintain the message catalogs (needs the ``i18n`` extra: ``pip install -e ".[i18n]"``).

    python -m disclosure_lint.tools.i18n_catalog update     extract every message, merge into each .po, compile the .mo
    python -m disclosure_lint.tools.i18n_catalog check      list messages without a translation (exit 1 if any), stale .mo
    python -m disclosure_lint.tools.i18n_catalog compile    .po → .mo only
    python -m disclosure_lint.tools.i18n_catalog set "English template {x}" "中文模板 {x}"   add or change one translation
    python -m disclosure_lint.tools.i18n_catalog todo > todo.tsv      the untranslated messages, one per line, a tab after each
    python -m disclosure_lint.tools.i18n_catalog import todo.tsv      read back "English<TAB>中文" lines (blank ones skipped)

What is extracted (Babel's Python extractor over ``src/disclosure_lint``, keywords ``_``, ``N_`` and
``_n``), plus two kinds of message that are not literals in a ``_()`` call: the display title of
every built-in rule (``Table row total``, derived from its kebab-case name) and the description of
every identity in ``rules/*.toml``.

After merging a branch that adds messages: ``update``, fill in the empty ``msgstr ""`` (and the
entries marked ``#, fuzzy``, whose old translation is only a guess) in
``src/disclosure_lint/locale/zh_CN/LC_MESSAGES/dlint.po`` — or use ``set`` — then ``update`` again
(it compiles) and commit the .po and the .mo.  ``check`` is what the test suite enforces.
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent.parent
EDITIONS = ROOT / "rules" if (ROOT / "rules").is_dir() else PACKAGE / "editions"
KEYWORDS = {"_": None, "N_": None, "_n": (1, 2)}
LOCALES = ("zh_CN",)
PROJECT = "disclosure-lint"
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


def _babel():
    try:
        import babel  # noqa: F401
    except ImportError:
        print("dlint: error: the catalog tools need Babel: pip install 'disclosure-lint[i18n]'", file=sys.stderr)
        raise SystemExit(2)


def po_path(locale: str) -> Path:
    return PACKAGE / "locale" / locale / "LC_MESSAGES" / "dlint.po"


def template():
    """Every message of the package as a Babel catalog (the POT)."""
    _babel()
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    cat = Catalog(project=PROJECT, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("NOTE:",),
            strip_comment_tags=True):
        if filename.startswith("locale"):
            continue
        cat.add(message, None, [(f"src/disclosure_lint/{filename}", None)], auto_comments=comments,
                context=context)
    for msgid, where, note in _extra_messages():
        if msgid in cat:
            cat[msgid].locations.append((where, None))
        else:
            cat.add(msgid, None, [(where, None)], auto_comments=[note])
    return cat


def _extra_messages():
    """Messages that are not string literals in a ``_()`` call: rule titles and identity descriptions."""
    import inspect

    from ..engine.registry import all_rules

    from ..cli.args import cli_help_texts

    for text in cli_help_texts():
        yield text, "src/disclosure_lint/cli.py", "a help text of the command line"
    for spec in all_rules():
        if spec.plugin != "builtin":
            continue
        try:
            where = Path(inspect.getsourcefile(spec.func)).resolve().relative_to(ROOT).as_posix()
        except (TypeError, ValueError):
            where = spec.module
        yield spec.title, where, f"the display title of rule {spec.code} ({spec.name})"
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    for f in sorted(EDITIONS.glob("*.toml")):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        for ident in data.get("identities", []):
            if ident.get("description"):
                yield ident["description"], f"rules/{f.name}", f"identity {ident.get('code', '')} (the 勾稽关系)"


def literal_messages(root: Path = PACKAGE) -> dict[str, str]:
    """Every string-literal msgid of a ``_()``, ``N_()`` or ``_n()`` call under *root* (Babel-free, by
    the ``ast`` module), with where it is: ``{msgid: "path:line"}`` (the singular of a ``_n``: the
    catalog keys a plural by it)."""
    import ast

    out: dict[str, str] = {}
    for f in sorted(root.rglob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"), str(f))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in KEYWORDS and node.args):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                out.setdefault(arg.value, f"{f.relative_to(root.parent)}:{node.lineno}")
    return out


def untranslated(messages, lang: str = "zh") -> list[str]:
    """The messages the compiled catalog of *lang* does not translate (read as the runtime reads it)."""
    import gettext

    from ..i18n import DOMAIN, LOCALE_DIR, _LOCALES

    tr = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[_LOCALES[lang]])
    known = {k[0] if isinstance(k, tuple) else k for k in tr._catalog}
    return [m for m in messages if m not in known or not tr._catalog.get(m, tr._catalog.get((m, 0), "x"))]


def _read(locale: str):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    p = po_path(locale)
    if not p.is_file():
        return Catalog(locale=locale, project=PROJECT, domain="dlint", fuzzy=False)
    with open(p, "rb") as fh:
        return read_po(fh, locale=locale, domain="dlint")


def _write_po(cat, locale: str) -> None:
    from babel.messages.pofile import write_po

    p = po_path(locale)
    p.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    # no line numbers and a fixed header: the .po changes only when a message does (clean merges)
    write_po(buf, cat, width=120, include_lineno=False, sort_output=True, ignore_obsolete=True)
    text = re.sub(rb'"(POT-Creation-Date|PO-Revision-Date|Generated-By): [^"]*\\n"\n', b"", buf.getvalue())
    p.write_bytes(text)


def _mo_bytes(cat) -> bytes:
    import datetime as dt

    from babel.messages.mofile import write_mo

    # a fixed date in the header: the .mo changes only when a translation does
    cat.creation_date = cat.revision_date = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def _mo_dict(data: bytes) -> dict:
    """What a compiled catalog translates (the header, which names the Babel version, left out)."""
    import gettext

    tr = gettext.GNUTranslations(io.BytesIO(data))
    return {k: v for k, v in tr._catalog.items() if k != ""}


def compile_catalogs() -> None:
    for locale in LOCALES:
        cat = _read(locale)
        po_path(locale).with_suffix(".mo").write_bytes(_mo_bytes(cat))


def update() -> int:
    tmpl = template()
    for locale in LOCALES:
        cat = _read(locale)
        cat.update(tmpl, no_fuzzy_matching=False, update_header_comment=False)
        cat.fuzzy = False
        _write_po(cat, locale)
    compile_catalogs()
    for locale in LOCALES:
        print(f"updated {po_path(locale).relative_to(ROOT)} and its .mo")
    return check()


def fields(text: str) -> set[str]:
    return set(_FIELD.findall(text))


def problems(locale: str = "zh_CN") -> list[str]:
    """What is wrong with one catalog: untranslated or fuzzy messages, fields a translation uses
    that its message does not pass, and a .mo that does not match the .po."""
    tmpl = template()
    cat = _read(locale)
    out = []
    for msg in tmpl:
        if not msg.id:
            continue
        tr = cat.get(msg.id, msg.context)
        shown = msg.id if isinstance(msg.id, str) else msg.id[0]
        where = ", ".join(loc for loc, _ in msg.locations)
        if tr is None or not tr.string or (isinstance(tr.string, tuple) and not all(tr.string)):
            out.append(f"untranslated: {shown!r} ({where})")
        elif tr.fuzzy:
            out.append(f"fuzzy (check and remove the fuzzy mark): {shown!r} ({where})")
        else:
            ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
            strs = tr.string if isinstance(tr.string, tuple) else (tr.string,)
            allowed = set().union(*(fields(i) for i in ids))
            for s in strs:
                extra = fields(s) - allowed
                if extra:
                    out.append(f"translation uses fields the message does not pass ({', '.join(sorted(extra))}): "
                               f"{shown!r} ({where})")
    mo = po_path(locale).with_suffix(".mo")
    if not mo.is_file() or _mo_dict(mo.read_bytes()) != _mo_dict(_mo_bytes(cat)):
        out.append(f"{mo.relative_to(ROOT)} is stale: run `python -m disclosure_lint.tools.i18n_catalog compile`")
    return out


def check() -> int:
    bad = 0
    for locale in LOCALES:
        for p in problems(locale):
            print(f"{locale}: {p}")
            bad += 1
    if bad:
        print(f"{bad} problem(s); fill in {', '.join(str(po_path(x).relative_to(ROOT)) for x in LOCALES)} "
              "and run `python -m disclosure_lint.tools.i18n_catalog update`")
        return 1
    print("every message has a translation")
    return 0


def todo(locale: str = "zh_CN") -> list[str]:
    """The msgids (the singular of a plural) that have no translation yet, or only a fuzzy one."""
    tmpl = template()
    cat = _read(locale)
    out = []
    for msg in tmpl:
        if not msg.id:
            continue
        tr = cat.get(msg.id, msg.context)
        if tr is None or tr.fuzzy or not tr.string or (isinstance(tr.string, tuple) and not all(tr.string)):
            out.append(msg.id if isinstance(msg.id, str) else msg.id[0])
    return out


def import_tsv(path: str, locale: str = "zh_CN") -> int:
    """Set the translations of a file of ``English template<TAB>中文`` lines; returns the exit status."""
    pairs = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if "\t" not in line:
            print(f"{path}:{n}: no tab between the message and its translation", file=sys.stderr)
            return 2
        en, zh = line.split("\t", 1)
        if zh.strip():
            pairs.append((en, zh.strip()))
    status = 0
    for en, zh in pairs:
        status = max(status, set_translation(en, zh, locale, compile_=False))
    compile_catalogs()
    print(f"{len(pairs)} translation(s) read from {path}")
    return status


def set_translation(msgid: str, msgstr: str, locale: str = "zh_CN", compile_: bool = True) -> int:
    cat = _read(locale)
    msg = cat.get(msgid)
    if msg is None:  # the singular of a plural
        msg = next((m for m in cat if isinstance(m.id, tuple) and m.id[0] == msgid), None)
    if msg is None:
        tmpl = template()
        if tmpl.get(msgid) is None:
            print(f"dlint: error: no message {msgid!r} in the package (run update after adding it)", file=sys.stderr)
            return 2
        m = tmpl[msgid]
        cat.add(m.id, (msgstr,) * cat.num_plurals if isinstance(m.id, tuple) else msgstr, m.locations,
                auto_comments=m.auto_comments)
    else:
        extra = fields(msgstr) - set().union(*(fields(i) for i in (msg.id if isinstance(msg.id, tuple) else (msg.id,))))
        if extra:
            print(f"dlint: error: the translation of {msgid!r} uses fields the message does not pass: "
                  f"{', '.join(sorted(extra))}", file=sys.stderr)
            return 2
        msg.string = (msgstr,) * cat.num_plurals if isinstance(msg.id, tuple) else msgstr
        msg.flags.discard("fuzzy")
    _write_po(cat, locale)
    if compile_:
        compile_catalogs()
    return 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cmd = argv[0] if argv else "check"
    if cmd == "update":
        return update()
    if cmd == "check":
        return check()
    if cmd == "compile":
        _babel()
        compile_catalogs()
        return 0
    if cmd == "set" and len(argv) == 3:
        _babel()
        return set_translation(argv[1], argv[2])
    if cmd == "todo":
        for m in todo():
            print(f"{m}\t")
        return 0
    if cmd == "import" and len(argv) == 2:
        _babel()
        return import_tsv(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
