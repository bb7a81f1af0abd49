"""output.py in-process: one write of a command's output, and what a broken stdout means."""

from __future__ import annotations

import errno
import io

import pytest

from accordcli import output


class Stdout(io.TextIOWrapper):
    """A text stdout over bytes, that can be made to fail."""

    def __init__(self, error: OSError | None = None) -> None:
        self.raw_bytes = io.BytesIO()
        super().__init__(self.raw_bytes, encoding="ascii", errors="backslashreplace")
        self.error = error

    def write(self, text: str) -> int:
        if self.error is not None:
            raise self.error
        return super().write(text)


def test_text_goes_through_the_encoding_and_bytes_around_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = Stdout()
    monkeypatch.setattr("sys.stdout", stdout)
    output.emit("ı\n")
    output.emit("ı\n".encode())  # machine formats: UTF-8 whatever the encoding
    assert stdout.raw_bytes.getvalue() == b"\\u0131\n\xc4\xb1\n"


@pytest.mark.parametrize(("error", "raised"), [
    (BrokenPipeError(errno.EPIPE, "Broken pipe"), output.OutputClosed),
    (OSError(errno.EPIPE, "Broken pipe"), output.OutputClosed),
    (OSError(errno.ENOSPC, "No space left on device"), output.OutputFailed),
])
def test_a_closed_pipe_stops_quietly_and_a_full_disk_is_a_failure(
        monkeypatch: pytest.MonkeyPatch, error: OSError, raised: type[Exception]) -> None:
    monkeypatch.setattr("sys.stdout", Stdout(error))
    with pytest.raises(raised):
        output.emit("x\n")


def test_no_stdout_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", None)
    with pytest.raises(output.OutputFailed, match="stdout is closed"):
        output.emit("x")


def test_messages_go_to_stderr_and_survive_its_loss(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    output.message("accord: error: x")
    assert capsys.readouterr().err == "accord: error: x\n"
    monkeypatch.setattr("sys.stderr", None)
    output.message("lost")  # no exception


def test_streams_escape_what_their_encoding_cannot_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr("sys.stdout", stdout)
    output.prepare_streams()
    stdout.write("ı")
    stdout.flush()
    assert stdout.buffer.read() == b"" and stdout.buffer.seek(0) == 0
    assert stdout.buffer.read() == b"\\u0131"
