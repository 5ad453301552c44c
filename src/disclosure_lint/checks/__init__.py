"""The built-in rules, one module each; importing this package registers them all."""
from __future__ import annotations

import importlib
import os


def module_names(paths) -> list[str]:
    """The rule modules in *paths* (this package's ``__path__``): what ``pkgutil.iter_modules`` lists there,
    less private names, sorted; read with ``os.listdir`` (pkgutil imports typing, ~10 M instructions a
    process; a test compares the two)."""
    names = set()
    for path in paths:
        for entry in os.listdir(path):
            name = entry[:-3] if entry.endswith(".py") else entry
            if entry.endswith(".py") or os.path.isfile(os.path.join(path, entry, "__init__.py")):
                if name.isidentifier() and not name.startswith("_"):
                    names.add(name)
    return sorted(names)


for _mod in module_names(__path__):
    importlib.import_module(f"{__name__}.{_mod}")
