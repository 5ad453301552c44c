"""Messages in the user's language (English and Simplified Chinese).

The convention every rule and every user-facing line follows: write the English template with
named fields and pass the values separately, so that the template is the gettext msgid and a
translator sees the whole sentence::

    from ..i18n import _
    yield Finding(span, _("part “{label}” {value} is larger than its whole {whole}",
                          label=lab, value=p.raw, whole=b.whole.raw))

Plurals: ``_n("{n} row", "{n} rows", n, n=n)``.  A string that is shown elsewhere (a table of
names, a title) is marked with ``N_("…")`` and translated with ``_(value)`` where it is shown.
Never put ``_()`` inside an f-string (it cannot be extracted there).

A rule's docstring holds its English documentation, then a line ``【中文】`` and the Chinese text
(what / why / example / fix); :func:`rule_doc` gives either language.

Catalogs are standard gettext catalogs in ``disclosure_lint/locale/<ll_CC>/LC_MESSAGES/dlint.po``
(compiled to ``.mo``, read with the standard library :mod:`gettext`; Babel is needed only to
extract and compile them: ``python -m disclosure_lint.tools.i18n_catalog update``).

The language is a context variable: :func:`use_language` (a context manager) or
:func:`set_language` set it; unset, it follows the environment as gettext does
(``LANGUAGE`` when the locale is not C, then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; ``zh_*`` is
Chinese, anything else English).  The CLI's ``--lang`` and ``lang = "zh"`` in the configuration
set it per run; worker processes receive it as an option, so ``--jobs`` does not lose it.
"""
from __future__ import annotations

import contextvars
import gettext as _gettext
import os
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Iterator, Mapping

__all__ = ["_", "N_", "_n", "LANGUAGES", "DOMAIN", "LOCALE_DIR", "ZH_MARKER",
           "normalize_language", "language_from_env", "get_language", "set_language", "reset_language", "use_language",
           "translate", "split_doc", "rule_doc", "rule_title", "rule_summary", "severity_label",
           "english_title", "display_name", "rule_markdown"]

LANGUAGES = ("en", "zh")
DOMAIN = "dlint"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# gettext locale name of each language that has a catalog
_LOCALES = {"zh": "zh_CN"}
ZH_MARKER = "【中文】"

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("dlint_language", default=None)


def normalize_language(value: object) -> str | None:
    """``"zh"``, ``"zh_CN.UTF-8"``, ``"zh-Hans"``, ``"chinese"`` → ``"zh"``; ``"en_US"``, ``"C"`` → ``"en"``;
    anything else (empty, unknown) → ``None``."""
    if not isinstance(value, str):
        return None
    v = value.strip().lower().replace("-", "_")
    if not v:
        return None
    v = v.split(".", 1)[0].split("@", 1)[0]
    if v in ("c", "posix") or v.startswith("en") or v == "english":
        return "en"
    if v.startswith(("zh", "chinese")) or v in ("cn", "中文", "简体中文"):
        return "zh"
    return None


_ENV_KEYS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
_env_cache: dict[tuple, str] = {}


def _env_key() -> tuple:
    """The four variables the language depends on, read cheaply: ``os.environ.get`` of an unset variable
    raises and catches a KeyError inside, which costs more than deciding the language."""
    data, encode = getattr(os.environ, "_data", None), getattr(os.environ, "encodekey", None)
    if isinstance(data, dict) and encode is not None:
        return tuple(data.get(encode(k)) for k in _ENV_KEYS)
    return tuple(os.environ.get(k) for k in _ENV_KEYS)


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, with gettext's precedence.

    The locale is the first non-empty of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; when it is ``C`` or
    ``POSIX`` (or unset) the messages are English whatever ``LANGUAGE`` says, as in GNU gettext;
    otherwise ``LANGUAGE`` (a colon-separated priority list) comes first, then the locale.
    The answer for the process environment is cached against the values of those four variables.
    """
    if environ is not None:
        return _language_from_env(environ)
    key = _env_key()
    lang = _env_cache.get(key)
    if lang is None:
        if len(_env_cache) > 64:
            _env_cache.clear()
        lang = _env_cache[key] = _language_from_env(None)
    return lang


def _language_from_env(environ: Mapping[str, str] | None) -> str:
    env = os.environ if environ is None else environ
    locale = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    if not locale and environ is None and sys.platform == "win32":
        return normalize_language(_windows_locale()) or "en"  # Windows sets no LANG: ask the system
    loc = normalize_language(locale) if locale else None
    if not locale or locale.split(".", 1)[0] in ("C", "POSIX"):
        return "en"
    for item in env.get("LANGUAGE", "").split(":"):
        lang = normalize_language(item)
        if lang:
            return lang
    return loc or "en"


def _windows_locale() -> str:
    try:
        import ctypes
        import locale

        return locale.windows_locale.get(ctypes.windll.kernel32.GetUserDefaultUILanguage(), "")
    except Exception:  # not Windows after all, or no ctypes
        return ""


def get_language() -> str:
    """The active language: the one set in this context, else the environment's."""
    return _current.get() or language_from_env()


def set_language(lang: str | None) -> contextvars.Token:
    """Set the language for this context (``None``: follow the environment); returns a token for
    ``_current.reset``.  Prefer :func:`use_language`."""
    norm = normalize_language(lang) if lang is not None else None
    if lang is not None and norm is None:
        raise ValueError(f"unknown language {lang!r} (use zh or en)")
    return _current.set(norm)


def reset_language(token: contextvars.Token) -> None:
    """Undo a :func:`set_language`."""
    _current.reset(token)


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """``with use_language("zh"): …`` — messages made inside are Chinese.  ``None`` keeps the
    active language (so ``use_language(options.lang)`` is always safe).  Yields the language."""
    if lang is None:
        yield get_language()
        return
    token = set_language(lang)
    try:
        yield get_language()
    finally:
        _current.reset(token)


@lru_cache(maxsize=None)
def _translations(lang: str) -> _gettext.NullTranslations:
    locale = _LOCALES.get(lang)
    if locale is None:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[locale], fallback=True)


def translate(message: str, lang: str | None = None) -> str:
    """The translation of *message* (a msgid) into *lang* (default: the active language), without
    filling in fields; the message itself when there is none."""
    lang = _lang(lang)
    if lang == "en" or not message:
        return message
    return _translations(lang).gettext(message)


def _fill(template: str, english: str, fields: dict) -> str:
    if not fields:
        return template
    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError):  # a broken translation must never break a lint
        return english.format(**fields)


def _(template: str, /, **fields: object) -> str:
    """Translate *template* into the active language, then fill in *fields*."""
    lang = get_language()
    text = template if lang == "en" else _translations(lang).gettext(template)
    return _fill(text, template, fields)


def _n(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """Plural-aware :func:`_`: ``_n("{n} row", "{n} rows", k, n=k)``."""
    lang = get_language()
    english = singular if n == 1 else plural
    text = english if lang == "en" else _translations(lang).ngettext(singular, plural, n)
    return _fill(text, english, fields)


def N_(template: str, /) -> str:
    """Mark a string for extraction without translating it here (translated where it is shown)."""
    return template


# ---- rule documentation and titles ---------------------------------------------------------------

def split_doc(doc: str) -> tuple[str, str | None]:
    """A cleaned docstring → (English part, Chinese part or None), split at the line ``【中文】``."""
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == ZH_MARKER:
            en = "\n".join(lines[:i]).strip()
            zh = "\n".join(lines[i + 1:]).strip()
            return en, (zh or None)
    return doc.strip(), None


def _lang(lang: str | None) -> str:
    return (normalize_language(lang) or "en") if lang is not None else get_language()


def rule_doc(spec, lang: str | None = None) -> str:
    """A rule's documentation in *lang* (default: the active language); English when the rule has
    no Chinese part (a plugin, say)."""
    en, zh = split_doc(spec.full_doc if hasattr(spec, "full_doc") else spec.doc)
    return zh if _lang(lang) == "zh" and zh else en


def rule_summary(spec, lang: str | None = None) -> str:
    """The first line of :func:`rule_doc`."""
    doc = rule_doc(spec, lang)
    return doc.splitlines()[0] if doc else ""


def english_title(name: str) -> str:
    """The display title derived from a kebab-case rule name: ``table-row-total`` → ``Table row total``."""
    return name.replace("-", " ").capitalize()


def rule_title(spec, lang: str | None = None) -> str:
    """A rule's title for display (``Table row total`` / ``表三各行总计``); the kebab-case name stays
    the stable identifier (JSON, configuration)."""
    title = getattr(spec, "title", None) or english_title(spec.name)
    return translate(title, _lang(lang))


def display_name(name: str, lang: str | None = None) -> str:
    """How a finding's rule is shown to people: the kebab-case name in English; the translated
    title and the name (``繁简混用 mixed-script``) in another language."""
    title = translate(english_title(name), _lang(lang))
    return name if title == english_title(name) else f"{title} {name}"


def rule_markdown(spec, lang: str | None = None) -> str:
    """A rule's documentation as one Markdown text for a hover or a help page: a heading line with
    code, title, name and default severity, then :func:`rule_doc`."""
    lang = _lang(lang)
    title = rule_title(spec, lang)
    with use_language(lang):
        head = _("{code} {title} (`{name}`, default severity: {severity})", code=spec.code, title=title,
                 name=spec.name, severity=severity_label(spec.severity))
    return f"**{head}**\n\n{rule_doc(spec, lang)}"


_SEVERITY = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def severity_label(severity, lang: str | None = None) -> str:
    """The severity word for people (``error`` / ``错误``); machine formats keep the English value."""
    value = getattr(severity, "value", severity)
    return translate(_SEVERITY.get(value, value), _lang(lang))
