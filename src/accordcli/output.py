"""Write to stdout and stderr safely: pipes that close early, full disks and odd encodings."""

from __future__ import annotations

import errno
import os
import sys

from accordcli.i18n import Message


class OutputClosed(Exception):
    """The reader of stdout went away (e.g. `| head`); stop quietly."""


class OutputFailed(Exception):
    """Writing stdout failed for another reason, such as a full disk."""


def prepare_streams() -> None:
    """Make text streams show what their encoding cannot hold as escapes, never crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def emit(data: str | bytes) -> None:
    """Write one command's whole output to stdout and flush it.

    Machine formats arrive as UTF-8 bytes and go to the binary buffer, so JSON is the
    same bytes whatever PYTHONIOENCODING or the locale say.
    """
    if sys.stdout is None:
        raise OutputFailed(Message("stdout is closed"))
    try:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed() from None
    except OSError as err:
        if err.errno == errno.EPIPE:
            raise OutputClosed() from None
        raise OutputFailed(err.strerror or str(err)) from None  # the system's words


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def message(text: str) -> None:
    """Write a message line to stderr, ignoring a stderr that is gone."""
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
