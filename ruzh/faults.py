"""Faults of the machine (permissions, a full disk, a name too long…) in one line a translator acts on."""
from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

ADVICE = {
    errno.EACCES: "permission denied; check who may read and write it (ls -l)",
    errno.EPERM: "permission denied; check who may read and write it (ls -l)",
    errno.EROFS: "the file system is read-only; choose another output folder with -o",
    errno.ENOSPC: "the disk is full; free some space and run again (the previous output is untouched)",
    errno.EDQUOT: "your disk quota is used up; free some space and run again (the previous output is untouched)",
    errno.ENAMETOOLONG: "the name is too long for the file system; choose a shorter one",
    errno.ENOTDIR: "a part of this path is a file, not a folder",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "too many symbolic links (a link that points to itself?)",
    errno.EMFILE: "too many open files; close other programs and run again",
    errno.EIO: "the device reported an input/output error; check the disk or the network share",
}


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that cleanup runs as for Ctrl-C."""


def describe(error: OSError) -> str:
    """`PATH: what went wrong and what to do`."""
    advice = ADVICE.get(error.errno or 0, error.strerror or str(error))
    paths = [p for p in (error.filename, error.filename2) if p]
    return f"{' → '.join(map(str, paths))}: {advice}" if paths else advice


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises Terminated (Python's default would end the process at once,
    skipping the cleanup that Ctrl-C gets)."""
    def handler(signum, frame):
        raise Terminated()
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def silence_stdout() -> None:
    """After a closed pipe (`ruzh lookup … | head -1`): point stdout at /dev/null, so that Python's
    final flush does not fail a second time with a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
