"""Messages in the user's language.

The convention every rule and every user-facing line follows (the catalogs behind it are filled by the
i18n work): write the English template with named fields and pass the values separately, so that the
template is the gettext msgid and a translator sees the whole sentence::

    from ..i18n import _
    yield Finding(span, _("part “{label}” {value} is larger than its whole {whole}",
                          label=lab, value=p.raw, whole=b.whole.raw))

A rule's docstring holds its English documentation, then a line ``【中文】`` and the Chinese text
(what / why / example / fix), so ``dlint explain`` and the docs can show either language.

Until catalogs exist, ``_`` formats the English template.
"""
from __future__ import annotations

__all__ = ["_", "N_"]


def _(template: str, /, **fields: object) -> str:
    """Translate *template* into the active language, then fill in *fields*."""
    return template.format(**fields) if fields else template


def N_(template: str, /) -> str:
    """Mark a string for extraction without translating it here (translated where it is shown)."""
    return template
