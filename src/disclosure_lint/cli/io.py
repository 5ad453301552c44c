"""Where the CLI's output goes: colour, the output file, and write errors.

Exit statuses for output problems (distinct from 0/1/2, as Unix tools do):

- :data:`EXIT_PIPE` (141 = 128 + SIGPIPE): the reader closed the pipe (``dlint … | head``); nothing
  is printed, the run just ends;
- :data:`EXIT_IO` (74, ``EX_IOERR``): the output could not be written (a full disk, ``/dev/full``);
  one line on stderr says why.
"""
from __future__ import annotations

import errno
import os
import sys

from ..i18n import _
from ..output.safe import path as shown

__all__ = ["EXIT_PIPE", "EXIT_IO", "use_color", "OutputError", "same_file_as_input", "silence_stdout",
           "write_error_exit"]

EXIT_PIPE = 141
EXIT_IO = 74


class OutputError(Exception):
    pass


def use_color(choice: str | None, stream) -> bool:
    """``--color always|never`` wins; with ``auto``, ``NO_COLOR`` (any non-empty value) turns colour
    off, ``FORCE_COLOR`` (non-empty) turns it on, else colour only on a terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError, OSError):
        return False


def same_file_as_input(output: str, inputs: list[str]) -> str | None:
    """The input that *output* would overwrite, if any."""
    try:
        ost = os.stat(output)
    except OSError:
        return None
    import stat

    if not stat.S_ISREG(ost.st_mode):
        return None
    for f in inputs:
        if f == "-":
            continue
        try:
            st = os.stat(f)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (ost.st_dev, ost.st_ino):
            return f
    return None


def silence_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def write_error_exit(exc: OSError, where: str | None) -> int:
    """The exit status for a failed write, after saying so in one line (nothing for a closed pipe)."""
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        silence_stdout()
        return EXIT_PIPE
    target = shown(where) if where else _("standard output")
    try:
        print(_("dlint: error: cannot write to {target}: {reason}", target=target,
                reason=exc.strerror or exc), file=sys.stderr)
    except Exception:
        pass
    if where is None:
        silence_stdout()
    return EXIT_IO
