"""Which configuration lints a file: ``--isolated`` none, ``--config`` that file, else the nearest one
found from the file's own folder up (engine/config.find_config), looked up once per folder per run."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

__all__ = ["config_for", "folder_config"]


def config_for(path: str, config_path: str | None, isolated: bool):
    """The configuration for the file at *path* (``-``: standard input, from the current folder)."""
    from ..engine.config import Config, find_config, load_config

    if isolated:
        return Config(None, {})
    if config_path:
        return load_config(Path(config_path).resolve())
    if path == "-":
        return find_config(Path.cwd())
    folder = os.path.dirname(path)
    if os.path.islink(path):  # its own folder is the one the link points into
        return find_config(Path(path).resolve().parent)
    return folder_config(os.getcwd() if not os.path.isabs(folder) else "", folder)


@lru_cache(maxsize=1024)
def folder_config(cwd: str, folder: str):
    """The configuration for the files of *folder* (relative to *cwd*, unless absolute): a batch's files
    share a few folders, and resolving each file's path (a system call and some Python per component)
    cost more than finding the configuration (find_config caches by folder already). For a file that
    is not a link, its resolved path's parent is its folder's resolved path. The command clears this
    cache at the start of each run (cli/main.py)."""
    from ..engine.config import find_config

    return find_config(Path(os.path.join(cwd, folder)).resolve())
