"""accord's shell completion for bash, zsh and fish: its scripts, protocol and installer.

Typer's completion scripts cannot carry untrusted text: its zsh script `eval`s accord's
answer (and `_arguments` evaluates it again), its bash script word-splits and globs it, and
its descriptions pass through Rich markup. accord ships its own small scripts instead
(accord.bash, accord.zsh, accord.fish next to this file). They run accord with
_ACCORD_COMPLETE=lines_SHELL and the words typed so far as arguments, and accord answers
with one offer a line:

    value<TAB>description        (or just the value)

The scripts read those lines as plain text into arrays, never as shell code; a value that
could not travel on one line (a control character, a tab, a newline) is not offered, and a
description is flattened to one line of visible, plain text.

Imported only to complete, show or install: a command's start-up never pays for it.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from typer._click import Command
from typer._click.shell_completion import CompletionItem, ShellComplete, split_arg_string

from accordcli.environment import COMPLETE_VAR, Environment
from accordcli.i18n import N_, Message
from accordcli.text import visible

SHELLS = ("bash", "zsh", "fish")
# Translators: the shells accord completes in, as in "accord completes in bash, zsh or fish".
_NAMES = N_("bash, zsh or fish")
# A description longer than this is cut (with "…"): a listing shows one line per offer.
DESCRIPTION_LIMIT = 100
_SCRIPTS = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Offer:
    """One completion: the exact text to insert, and a one-line plain-text description."""

    value: str
    description: str = ""

    def line(self) -> str:
        """Return the offer as one protocol line, without the newline."""
        return f"{self.value}\t{self.description}" if self.description else self.value


def offerable(value: str) -> bool:
    """True if `value` can be offered: it is not empty and travels on one line as itself.

    A value holding a control character (tab, newline, escape), a line separator or a bidi
    override could not be typed or shown as what it is, so it is never offered.
    """
    return bool(value) and "\n" not in value and visible(value) == value


def describe(text: str) -> str:
    """Return `text` as a description: one line of plain, visible text, never markup.

    Every run of whitespace (tabs, newlines, line separators) becomes one space, so the
    description cannot break the one-line protocol; other control characters become
    escapes such as \\x1b; brackets stay brackets. Long text is cut to DESCRIPTION_LIMIT.
    """
    flat = visible(" ".join(text.split()))
    if len(flat) > DESCRIPTION_LIMIT:
        flat = flat[:DESCRIPTION_LIMIT - 1].rstrip() + "…"
    return flat


def _dequote(word: str) -> str:
    """Return a word from bash's COMP_WORDS as the command will receive it (quotes removed).

    bash passes words as typed; zsh and fish scripts remove the quoting themselves.
    """
    return "".join(split_arg_string(word)) if word else ""


def _bash_words(words: Sequence[str]) -> tuple[list[str], str, str]:
    """Return (args, incomplete, kept) from bash's words, which bash splits at `=` and `:`.

    `--data=x.toml` arrives as three words ("--data", "=", "x.toml") and is joined again.
    bash replaces only the last word it split off, so `kept` is what stays in front of it,
    which every offer must drop.
    """
    groups: list[list[str]] = []
    glue = False
    for word in words:
        separator = word in ("=", ":")
        if groups and (glue or separator):
            groups[-1].append(_dequote(word))
        else:
            groups.append([_dequote(word)])
        glue = separator
    if not groups:
        return [], "", ""
    return ["".join(group) for group in groups[:-1]], "".join(groups[-1]), "".join(groups[-1][:-1])


class _Completions(ShellComplete):
    """Click's completion engine, used only for what to offer: accord formats the rest."""

    def source_vars(self) -> dict[str, object]:
        return {}

    def get_completion_args(self) -> tuple[list[str], str]:
        return [], ""

    def format_completion(self, item: CompletionItem) -> str:
        return str(item.value)


def offers(command: Command, words: Sequence[str], shell: str, env: Environment) -> list[Offer]:
    """Return what to offer after `words`, the last of which is the word being completed;
    the callbacks that find the offers read the data `env` names, through its index."""
    if shell == "bash":
        args, incomplete, kept = _bash_words(words)
    else:
        args, incomplete, kept = list(words[:-1]), (words[-1] if words else ""), ""
    completions = _Completions(command, {"obj": env}, "accord", COMPLETE_VAR)
    items = completions.get_completions(args, incomplete)
    # After `--lang=e` Click offers values ("en"); the shell's word is the whole "--lang=en".
    option, equals, _ = incomplete.partition("=")
    prefix = option + equals if equals and option.startswith("-") else ""
    found: list[Offer] = []
    seen: set[str] = set()
    for item in items:
        value = prefix + str(item.value)
        if kept:
            if not value.startswith(kept):
                continue
            value = value[len(kept):]
        if offerable(value) and value not in seen:
            seen.add(value)
            found.append(Offer(value, describe(str(item.help or ""))))
    return found


def script(shell: str) -> str:
    """Return accord's completion script for `shell` (one of SHELLS)."""
    if shell not in SHELLS:
        raise ValueError(shell)
    return (_SCRIPTS / f"accord.{shell}").read_text(encoding="utf-8")


def respond(command: Command, instruction: str, words: Sequence[str], env: Environment) -> int:
    """Answer a completion request (_ACCORD_COMPLETE=instruction, as `env.completion` holds
    it) about the words after `accord`, and return the exit code.

    source_SHELL prints the script; lines_SHELL prints the offers for `words`. Anything
    else, including the instructions of Typer's old scripts, prints no offer: 2 and a line
    on stderr. A failure while completing is no offer and 0: a TAB never prints a traceback.
    """
    from accordcli.output import emit, message

    kind, _, shell = instruction.partition("_")
    if shell in SHELLS and kind == "source":
        emit(script(shell).encode("utf-8"))
        return 0
    if shell in SHELLS and kind == "lines":
        try:
            # A callback that prints (--version) must not print into the offers.
            with contextlib.redirect_stdout(io.StringIO()):
                found = offers(command, words, shell, env)
        except (Exception, SystemExit):
            return 0
        emit("".join(offer.line() + "\n" for offer in found).encode("utf-8"))
        return 0
    if shell in ("powershell", "pwsh"):
        said = Message("no PowerShell completion; accord completes in {shells}",
                       shells=Message(_NAMES))
    elif kind == "complete":
        said = Message("this shell completion script is from an older accord and unsafe with "
                       "untrusted data; run 'accord --install-completion' again")
    else:
        # Translators: source_SHELL and lines_SHELL are what the variable may be set to,
        # SHELL standing for the name of a shell.
        said = Message("{variable}: unknown instruction {instruction}; use source_SHELL or "
                       "lines_SHELL for SHELL {shells}", variable=COMPLETE_VAR,
                       instruction=visible(repr(instruction)), shells=Message(_NAMES))
    message(f"accord: error: {said}")
    return 2


# Showing and installing --------------------------------------------------------------------

def detect_shell(login_shell: str) -> str | None:
    """Return the name of the shell accord runs in (as Typer did), or None; with no process
    tree to read, the name of `login_shell` (SHELL, as Environment.shell holds it)."""
    try:
        import shellingham  # type: ignore[import-untyped]  # Typer's, as Typer detected

        name, _ = shellingham.detect_shell()
        return str(name).lower()
    except Exception:
        return Path(login_shell).name.lower() or None


@dataclass(frozen=True, slots=True)
class Installed:
    """Where --install-completion put a script, and the start-up file it edited, if any."""

    shell: str
    script: Path
    rc_file: Path | None


def _add_line(path: Path, line: str) -> None:
    """Append `line` to a start-up file unless it is already there."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if line in text.splitlines():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    separator = "" if not text or text.endswith("\n") else "\n"
    path.write_text(f"{text}{separator}{line}\n", encoding="utf-8")


def install(shell: str, home: Path) -> Installed:
    """Write accord's script where Typer's went, replacing an old one, and hook it up.

    bash: ~/.bash_completions/accord.sh, sourced from ~/.bashrc; zsh: ~/.zfunc/_accord,
    with ~/.zfunc on fpath in ~/.zshrc; fish: ~/.config/fish/completions/accord.fish.
    """
    if shell == "bash":
        target, rc = home / ".bash_completions" / "accord.sh", home / ".bashrc"
        line: str | None = f"source '{target}'"
    elif shell == "zsh":
        target, rc = home / ".zfunc" / "_accord", home / ".zshrc"
        line = "fpath+=~/.zfunc; autoload -Uz compinit; compinit"
    elif shell == "fish":
        target, rc, line = home / ".config" / "fish" / "completions" / "accord.fish", None, None
    else:
        raise ValueError(shell)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script(shell), encoding="utf-8")
    if rc is not None and line is not None:
        _add_line(rc, line)
    return Installed(shell, target, rc)


def chosen_shell(login_shell: str) -> str:
    """Return the shell --install-completion and --show-completion are for (see
    detect_shell)."""
    from accordcli.errors import UsageError

    shell = detect_shell(login_shell)
    if shell not in SHELLS:
        found = (Message("this shell is {shell}", shell=visible(repr(shell))) if shell
                 else Message("cannot tell the shell"))
        # Translators: {found} is "this shell is 'tcsh'" or "cannot tell the shell"; the
        # command in quotes is typed as it is.
        raise UsageError(Message("completion is for {shells}, and {found}; for one of those, "
                                 "'{variable}=source_bash accord' prints its script (or "
                                 "source_zsh, source_fish)", shells=Message(_NAMES),
                                 found=found, variable=COMPLETE_VAR))
    return shell


def show_completion(login_shell: str) -> None:
    """Print the current shell's script (--show-completion)."""
    from accordcli.output import emit

    emit(script(chosen_shell(login_shell)).encode("utf-8"))


def install_completion(login_shell: str) -> None:
    """Install the current shell's script (--install-completion) and say where."""
    from accordcli.output import emit

    done = install(chosen_shell(login_shell), Path.home())
    installed = Message("{shell} completion installed in {path}", shell=done.shell,
                        path=done.script)
    restart = Message("Completion will take effect once you restart the terminal")
    emit(f"{installed}\n{restart}\n")

