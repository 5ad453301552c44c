"""Bounded reads that never block: every file dlint reads (reports, configuration, editions) and
standard input go through here.

A FIFO, a socket or a device named where a file is expected would block a plain ``open``/``read``
forever (a FIFO with no writer) or never end (``/dev/zero``). :func:`read_regular` opens without
blocking, refuses anything but a regular file, and reads at most *cap* + 1 bytes, so the caller can
tell that the file was larger than the cap.
"""
from __future__ import annotations

import os
import stat

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import BinaryIO

__all__ = ["NotRegularFile", "read_regular", "read_stream", "kind_of", "MAX_CONFIG_BYTES"]

MAX_CONFIG_BYTES = 1024 * 1024  # a configuration or edition file larger than this is refused


class NotRegularFile(OSError):
    """The path names a FIFO, socket, device or folder, not a regular file."""


def kind_of(mode: int) -> str:
    from ..i18n import _

    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("not a regular file")


def read_regular(path: str | os.PathLike, cap: int) -> bytes:
    """At most ``cap + 1`` bytes of the regular file *path*.

    Raises :class:`NotRegularFile` for anything else (without blocking on a FIFO) and ``OSError``
    for a file that cannot be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(0, f"{kind_of(st.st_mode)}, not a regular file", os.fspath(path))
        chunks = []
        left = cap + 1
        while left > 0:
            b = os.read(fd, min(left, 1 << 20))
            if not b:
                break
            chunks.append(b)
            left -= len(b)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, cap: int) -> bytes:
    """At most ``cap + 1`` bytes of *stream* (standard input)."""
    chunks = []
    left = cap + 1
    while left > 0:
        b = stream.read(min(left, 1 << 20))
        if not b:
            break
        chunks.append(b)
        left -= len(b)
    return b"".join(chunks)
