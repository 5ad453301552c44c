"""Output formats: each module renders a list of FileResults; the CLI picks one by name."""
from __future__ import annotations

import importlib

FORMATS = {
    "full": "full",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "csv": "csv_format",
    "html": "html_report",
}


def render(name: str, results, stream, **kw) -> None:
    mod = importlib.import_module(f"{__name__}.{FORMATS[name]}")
    mod.render(results, stream, **kw)
