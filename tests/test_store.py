"""store.py: where indexes live, and the index among other users and odd files (issue #11):
the ssh rule for its directory, nothing removed or replaced that accord did not write,
nothing at an index path blocks."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import accordcli.load as loader
from accordcli import cache, environment, read, store
from accordcli.environment import STORE_NAME
from accordcli.model import Dataset
from conftest import SAMPLE, clean_env, process_cache_dir, write_data

ACCORD = str(Path(sys.executable).parent / "accord")
NOBODY = 65534  # a second user (nobody/nogroup), made real with setpriv
DAY = 24 * 3600

# Tests as root: root passes every permission check, so another user's files, directories
# and attacks are made real with chown and setpriv; elsewhere these are skipped.
as_root = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                             reason="needs root and setpriv to act as a second user")


def _index_path(source: Path) -> Path:
    return store.index_path(source, process_cache_dir())


def load(path: Path | None, *, use_cache: bool = True) -> Dataset:
    """Load as a command does, with the cache directory of this process's environment."""
    return loader.load(path, use_cache=use_cache, cache_dir=process_cache_dir())


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_data(tmp_path / "events.toml", SAMPLE.read_bytes())


@pytest.fixture
def given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """ACCORD_CACHE_DIR (not yet made); accord's own directory is given / STORE_NAME."""
    where = tmp_path / "given"
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(where))
    return where


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each TOML parse, so a test can tell an index read from a bypass (a test
    clears it once its setup, which parses too, is done)."""
    calls: list[str] = []
    real = read.parse_toml

    def parse_toml(text: str, name: str) -> dict[str, Any]:
        calls.append("parsed")
        return real(text, name)

    monkeypatch.setattr(read, "parse_toml", parse_toml)
    return calls


@pytest.fixture
def reachable() -> Iterator[Path]:
    """A directory the second user can reach (pytest's own are private to root)."""
    where = Path(tempfile.mkdtemp(prefix="accord-shared-"))
    where.chmod(0o755)
    yield where
    shutil.rmtree(where)


def _as_nobody(script: str) -> None:
    """Run a shell script as the second user; what the system forbids it simply fails."""
    subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                    "sh", "-c", script], capture_output=True, timeout=20, check=False)


def _titles(dataset: Dataset) -> set[str]:
    return {e.title.en for e in dataset.events}


def _forged_index(data: Path, where: Path) -> Path:
    """Write what another user could: a current-looking index of `data`, titles FORGED."""
    forged_toml = where / "forged.toml"
    forged_toml.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        '"Withdrawal"', '"FORGED"'), encoding="utf-8")
    forged = load(forged_toml, use_cache=False)
    path = where / "forged.sqlite"
    connection = sqlite3.connect(path)
    cache._fill(connection, data, cache.identity(data.stat()), cache.digest(data.read_bytes()),
                forged)
    connection.close()
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o644)
    return path


def _old(path: Path, days: float) -> None:
    info = os.lstat(path)
    os.utime(path, (info.st_atime - days * DAY, info.st_mtime - days * DAY),
             follow_symlinks=False)


# -- where indexes live ---------------------------------------------------------------


@pytest.mark.parametrize(("xdg", "home"), [
    (None, "/home/user"), ("/tmp/xdg", "/home/user"), ("/tmp/xdg/", "/home/user"),
    ("relative/xdg", "/home/user"), ("", "/home/user"), (None, "/home/user/"), (None, "/"),
    (None, "relative-home"), ("/tmp/xdg", None), ("  ", "/home/user"),
])
def test_default_cache_directory_is_the_one_platformdirs_names(
        monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str | None) -> None:
    import platformdirs

    monkeypatch.delenv("ACCORD_CACHE_DIR", raising=False)
    for name, value in (("XDG_CACHE_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    try:
        expected = platformdirs.user_cache_dir("accord", appauthor=False)
    except RuntimeError:  # platformdirs cannot name one (no absolute home): nor may we
        assert environment._plain_xdg_cache_dir(os.environ) is None
        return
    named = process_cache_dir()  # None: left to platformdirs
    assert str(store.where_indexes_live(named)) == str(Path(expected))
    plain = environment._plain_xdg_cache_dir(os.environ)
    if sys.platform == "linux":
        assert plain is not None or not (home or "").startswith("/")  # the fast path is used
    if plain is not None:
        assert plain == expected


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG fast path is for Linux")
def test_default_location_does_not_import_platformdirs_on_linux(tmp_path: Path) -> None:
    env = {k: v for k, v in clean_env(XDG_CACHE_HOME=str(tmp_path / "xdg")).items()
           if k != "ACCORD_CACHE_DIR"}
    code = ("import sys, atexit\n"
            "atexit.register(lambda: print('platformdirs' in sys.modules, file=sys.stderr))\n"
            f"sys.argv = ['accord', 'timeline', '--json', '--data', {str(SAMPLE)!r}]\n"
            "from accordcli.cli import main\nmain()")
    for _ in range(2):  # the first run writes the index, the second reads it
        ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env=env, check=False)
        assert ran.returncode == 0, ran.stderr
        assert ran.stderr.strip() == "False"
    assert list((tmp_path / "xdg" / "accord").glob("*.sqlite"))


# -- the ssh rule: a swap between the check and SQLite's open cannot be made -------------


@as_root
@pytest.mark.parametrize(("mode", "attacker_made_store"), [
    (0o1777, False),  # sticky, as /tmp: accord's directory there is the user's alone
    (0o1777, True),   # ... unless another user made a directory by that name first
    (0o777, False),   # anyone may rename any entry
    (0o770, False),   # the attacker's group may
], ids=["sticky", "sticky-store-taken", "world-writable", "group-writable"])
def test_another_user_cannot_swap_in_an_index(
        reachable: Path, data: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str],
        mode: int, attacker_made_store: bool) -> None:
    """The attack of issue #11: a symlink that points at a forged index while SQLite opens
    the path and at one of the user's files while the owner is checked. The second user
    acts at exactly those moments, so the test is deterministic."""
    shared = reachable / "cache"
    shared.mkdir()
    if mode == 0o770:
        os.chown(shared, 0, NOBODY)
    shared.chmod(mode)
    attacker = reachable / "attacker"
    attacker.mkdir()
    forged = _forged_index(data, attacker)
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(shared))
    name = _index_path(data).name
    # Where 0.1.0 kept the index, and where accord keeps it now.
    targets = [shared / name, shared / STORE_NAME / name]
    prepare = f"ln -s {data} {targets[0]}"  # an entry of the attacker's, pointing anywhere
    if attacker_made_store:
        prepare += f"; mkdir -m 777 {targets[1].parent}; ln -s {data} {targets[1]}"
    _as_nobody(prepare)
    assert os.lstat(targets[0]).st_uid == NOBODY  # the second user is real

    real_connect: Callable[..., sqlite3.Connection] = sqlite3.connect

    def connect(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if name not in str(database):
            return real_connect(database, *args, **kwargs)
        _as_nobody("; ".join(f"ln -sfn {forged} {t}" for t in targets))
        try:
            return real_connect(database, *args, **kwargs)
        finally:
            _as_nobody("; ".join(f"ln -sfn {data} {t}" for t in targets))

    monkeypatch.setattr("accordcli.cache.sqlite3.connect", connect)
    parses.clear()
    for _ in range(2):
        assert "FORGED" not in _titles(load(data))
    private = shared / STORE_NAME
    if mode == 0o1777 and not attacker_made_store:
        assert parses == ["parsed"]  # the second run read the index: /tmp-like works
        assert stat.S_IMODE(os.lstat(private).st_mode) == 0o700
        assert os.lstat(private / name).st_uid == os.geteuid()
    else:
        assert parses == ["parsed", "parsed"]  # no index in a directory others can change
        assert attacker_made_store or not private.exists()


def _store_symlink(given: Path, tmp_path: Path) -> None:
    # A directory of the user's own, but reached through a symlink where accord's is.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    given.mkdir()
    (given / STORE_NAME).symlink_to(elsewhere)


def _store_owned_by_another_user(given: Path, tmp_path: Path) -> None:
    private = given / STORE_NAME
    private.mkdir(parents=True)
    os.chown(private, NOBODY, NOBODY)
    private.chmod(0o755)


def _store_writable_by_a_group(given: Path, tmp_path: Path) -> None:
    private = given / STORE_NAME
    private.mkdir(parents=True)
    os.chown(private, os.geteuid(), NOBODY)
    private.chmod(0o770)


def _store_writable_by_all(given: Path, tmp_path: Path) -> None:
    private = given / STORE_NAME
    private.mkdir(parents=True)
    private.chmod(0o707)


def _given_writable_by_all(given: Path, tmp_path: Path) -> None:
    given.mkdir()
    given.chmod(0o777)  # not sticky: anyone could rename accord's directory away


def _given_owned_by_another_user(given: Path, tmp_path: Path) -> None:
    given.mkdir()
    os.chown(given, NOBODY, NOBODY)


def _given_links_to_another_users_directory(given: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chown(theirs, NOBODY, NOBODY)
    given.symlink_to(theirs)


@as_root
@pytest.mark.parametrize("arrange", [
    _store_symlink, _store_owned_by_another_user, _store_writable_by_a_group,
    _store_writable_by_all, _given_writable_by_all, _given_owned_by_another_user,
    _given_links_to_another_users_directory,
], ids=lambda f: f.__name__.lstrip("_"))
def test_a_directory_others_could_change_is_not_used(
        given: Path, tmp_path: Path, data: Path, parses: list[str],
        arrange: Callable[[Path, Path], None]) -> None:
    arrange(given, tmp_path)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    expected = load(data, use_cache=False)
    parses.clear()
    assert load(data) == expected
    assert load(data) == expected
    assert parses == ["parsed", "parsed"]  # nothing read from it
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before  # nothing written to it


@as_root
def test_a_directory_that_became_unsafe_is_no_longer_read(
        given: Path, data: Path, parses: list[str]) -> None:
    expected = load(data)
    private = _index_path(data).parent
    os.chown(private, os.geteuid(), NOBODY)
    private.chmod(0o770)
    parses.clear()
    assert load(data) == expected
    assert parses == ["parsed"]


def test_a_sticky_world_writable_cache_directory_works_through_a_private_one(
        given: Path, data: Path, parses: list[str]) -> None:
    """ACCORD_CACHE_DIR=/tmp: accord makes itself a private directory there."""
    given.mkdir()
    given.chmod(0o1777)
    old_umask = os.umask(0)  # the mode accord asks for is not left to the umask
    try:
        expected = load(data)
    finally:
        os.umask(old_umask)
    assert load(data) == expected
    assert parses == ["parsed"]
    private = given / STORE_NAME
    assert stat.S_IMODE(os.lstat(private).st_mode) == 0o700
    assert _index_path(data).parent == private


def test_a_cache_directory_reached_through_the_users_own_symlink_is_used(
        tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch,
        parses: list[str]) -> None:
    """As when ~/.cache is a symlink to another disk."""
    real = tmp_path / "disk" / "cache"
    real.mkdir(parents=True, mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(link))
    expected = load(data)
    assert load(data) == expected
    assert parses == ["parsed"]
    assert (real / STORE_NAME / _index_path(data).name).is_file()


def test_a_directory_writable_by_the_users_private_group_is_used(
        given: Path, data: Path, parses: list[str]) -> None:
    """Under umask 002 (Debian, Ubuntu) a user's directories are writable by their own
    group, which no one else is in; ~/.cache/accord made by 0.1.0 is one of them."""
    if not store._own_private_group(os.getegid(), os.geteuid()):
        pytest.skip("this user has no private group")
    expected = load(data)
    private = _index_path(data).parent
    os.chown(private, os.geteuid(), os.getegid())
    private.chmod(0o770)
    parses.clear()
    assert load(data) == expected
    assert parses == []


# -- what is at an index path: only a regular file of the user's is read or replaced -----


def _fifo(path: Path, tmp_path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path, tmp_path: Path) -> None:
    path.mkdir()


def _socket(path: Path, tmp_path: Path) -> None:
    os.mknod(path, stat.S_IFSOCK | 0o600)


def _device(path: Path, tmp_path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # as /dev/null
    except PermissionError:
        pytest.skip("no device nodes here")


def _symlink_to_own_index(path: Path, tmp_path: Path) -> None:
    # A genuine, current index of the user's, but reached through a symlink.
    moved = tmp_path / "moved.sqlite"
    shutil.copy(path.with_name("genuine"), moved)
    path.symlink_to(moved)


def _dangling_symlink(path: Path, tmp_path: Path) -> None:
    path.symlink_to(tmp_path / "made-through-the-link.sqlite")


def _another_users_file(path: Path, tmp_path: Path) -> None:
    shutil.copy(path.with_name("genuine"), path)
    os.chown(path, NOBODY, NOBODY)


@pytest.mark.parametrize("plant", [
    _directory, _socket, _device, _symlink_to_own_index, _dangling_symlink,
    pytest.param(_another_users_file, marks=as_root),
], ids=lambda f: f.__name__.lstrip("_"))
def test_anything_but_the_users_own_file_at_the_index_path_is_ignored_and_kept(
        tmp_path: Path, given: Path, data: Path, parses: list[str],
        plant: Callable[[Path, Path], None]) -> None:
    expected = load(data, use_cache=False)
    load(data)
    index = _index_path(data)
    index.rename(index.with_name("genuine"))
    plant(index, tmp_path)
    before = os.lstat(index)
    parses.clear()
    for _ in range(2):
        assert load(data) == expected
    assert parses == ["parsed", "parsed"]  # never read, never replaced
    after = os.lstat(index)
    assert (after.st_ino, after.st_mode, after.st_uid) == (before.st_ino, before.st_mode,
                                                           before.st_uid)
    assert not (tmp_path / "made-through-the-link.sqlite").exists()
    assert sorted(p.name for p in index.parent.iterdir()) == sorted(["genuine", index.name])


def test_a_fifo_at_the_index_path_blocks_no_run(given: Path, data: Path) -> None:
    """mkfifo where the index goes made every run hang in sqlite3.connect (issue #11)."""
    env = clean_env(ACCORD_CACHE_DIR=str(given))
    expected = subprocess.run([ACCORD, "timeline", "--json", "--no-cache", "--data", str(data)],
                              capture_output=True, text=True, env=env, timeout=20).stdout
    private = given / STORE_NAME
    private.mkdir(parents=True, mode=0o700)
    name = _index_path(data).name
    for fifo in (private / name, given / name):  # where accord keeps it, where 0.1.0 did
        os.mkfifo(fifo)
    for _ in range(2):
        ran = subprocess.run([ACCORD, "timeline", "--json", "--data", str(data)],
                             capture_output=True, text=True, env=env, timeout=20)
        assert (ran.returncode, ran.stdout, ran.stderr) == (0, expected, "")
    assert json.loads(expected)[0]["id"] == "border-war"
    assert stat.S_ISFIFO(os.lstat(private / name).st_mode)  # left as it was


def test_what_is_at_a_temporary_name_is_skipped_not_opened(
        tmp_path: Path, given: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    private = given / STORE_NAME
    private.mkdir(parents=True, mode=0o700)
    precious = tmp_path / "precious.db"
    precious.write_bytes(b"the user's")
    names = iter("abcd")
    monkeypatch.setattr(store, "_random_hex", lambda: next(names) * 16)
    (private / f".tmp-{'a' * 16}.sqlite").symlink_to(precious)
    os.mkfifo(private / f".tmp-{'b' * 16}.sqlite")
    (private / f".tmp-{'c' * 16}.sqlite").mkdir()
    expected = load(data)
    assert precious.read_bytes() == b"the user's"
    assert (private / f".tmp-{'a' * 16}.sqlite").is_symlink()
    assert stat.S_ISFIFO(os.lstat(private / f".tmp-{'b' * 16}.sqlite").st_mode)
    assert (private / f".tmp-{'c' * 16}.sqlite").is_dir()
    # Written under the fourth name:
    assert cache.open_index(data, data.stat(), process_cache_dir()) is not None
    assert load(data) == expected


# -- pruning: only files accord can prove it wrote -----------------------------------------


def test_pruning_never_removes_the_users_own_files(
        tmp_path: Path, given: Path, data: Path) -> None:
    """ACCORD_CACHE_DIR=. or ~/.cache: 0.1.0 removed every old *.sqlite there (issue #11)."""
    private = given / STORE_NAME
    private.mkdir(parents=True, mode=0o700)
    mine = sqlite3.connect(given / "notes.sqlite")
    mine.execute("CREATE TABLE notes (text)")
    mine.commit()
    mine.close()
    kept: dict[Path, bytes | None] = {}
    for name in ("notes.sqlite", ".tmp-x.sqlite", "0123456789abcdef.sqlite",
                 ".tmp-0123456789abcdef.sqlite", ".tmp-abcdefgh.sqlite"):
        path = given / name
        if not path.exists():
            path.write_bytes(b"")
        kept[path] = path.read_bytes()
    # In accord's own directory, under accord's names, but not provably accord's.
    shutil.copy(given / "notes.sqlite", private / "0123456789abcdef.sqlite")  # no accord id
    shutil.copy(given / "notes.sqlite", private / ".tmp-0123456789abcdef.sqlite")
    (private / "1111111111111111.sqlite").symlink_to(given / "notes.sqlite")
    os.mkfifo(private / ".tmp-2222222222222222.sqlite")
    (private / "3333333333333333.sqlite").mkdir()
    (private / ".tmp-x.sqlite").write_bytes(b"")
    for path in private.iterdir():
        kept[path] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    for path in kept:
        _old(path, 400)
    load(data)  # writes an index, then prunes
    assert _index_path(data).exists()
    for path, content in kept.items():
        assert os.path.lexists(path), path
        if content is not None:
            assert path.read_bytes() == content, path


@as_root
def test_pruning_never_removes_another_users_file(given: Path, data: Path,
                                                  tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    shutil.copy(SAMPLE, other)
    load(other)
    theirs = _index_path(other)  # accord's naming and application id, not the user's
    os.chown(theirs, NOBODY, NOBODY)
    _old(theirs, 400)
    load(data)
    assert theirs.exists()
