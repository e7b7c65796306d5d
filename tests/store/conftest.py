"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is a throwaway one this fixture starts itself (initdb into a temporary
folder, pg_ctl on a free port on 127.0.0.1), so `python -m pytest` needs nothing running; it
needs the server binaries (Debian's `postgresql` package, which `.ci/run` installs). Set
NEWSMAP_TEST_PG_URL=postgresql://user@host:port/ to use a server of your own instead. When
neither works the PostgreSQL tests fail with a message saying so — they never skip.
"""
from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from extract.store import Store

PG_USER = "postgres"


def _pg_bindir() -> Path | None:
    """Where initdb and pg_ctl are: PG_BINDIR, the PATH, or Debian's /usr/lib/postgresql/N/bin."""
    candidates = [os.environ.get("PG_BINDIR")]
    initdb = shutil.which("initdb")
    candidates.append(str(Path(initdb).resolve().parent) if initdb else None)
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
                         reverse=True)
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _system_program(name: str) -> str:
    """A program from util-linux or passwd, which a root PATH may lack the sbin folders for."""
    return shutil.which(name) or next((f"{folder}/{name}" for folder in ("/usr/sbin", "/sbin", "/usr/bin")
                                       if os.access(f"{folder}/{name}", os.X_OK)), name)


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` user (created if
    missing)."""
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run([_system_program("useradd"), "--system", "--user-group", "--no-create-home", PG_USER],
                       check=True)
    return [_system_program("runuser"), "-u", PG_USER, "--", *command]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], what: str, log: Path | None = None) -> None:
    try:
        done = subprocess.run(_as_server_user(command), capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.fail(f"could not {what} a throwaway PostgreSQL server for the store tests: {error}",
                    pytrace=False)
    if done.returncode != 0:
        details = (done.stderr or done.stdout).strip()
        if log is not None and log.exists():
            details += "\n" + log.read_text(errors="replace")[-2000:]
        pytest.fail(f"could not {what} a throwaway PostgreSQL server for the store tests:\n{details}",
                    pytrace=False)


@pytest.fixture(scope="session")
def postgres_server():
    """The base URL of a PostgreSQL server for the session's tests (started here, stopped after)."""
    own = os.environ.get("NEWSMAP_TEST_PG_URL")
    if own:
        yield own.rstrip("/")
        return
    bindir = _pg_bindir()
    if bindir is None:
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's "
                    "`postgresql` package (.ci/run does), set PG_BINDIR to their folder, or set "
                    "NEWSMAP_TEST_PG_URL to a server of your own", pytrace=False)
    home = Path(tempfile.mkdtemp(prefix="newsmap-pg-"))
    if os.geteuid() == 0:
        _as_server_user(["true"])                     # creates the user if missing
        shutil.chown(home, PG_USER, PG_USER)
    data, log, port = home / "data", home / "server.log", _free_port()
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {home} -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
              "--no-locale", "--no-sync"], "initialise")
        _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options,
              "start"], "start", log)
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


def _admin(base_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as conn:
        conn.execute(statement)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "newsmap.sqlite")
        return
    with fresh_database(request.getfixturevalue("postgres_server")) as url:
        yield url


@contextlib.contextmanager
def fresh_database(base_url: str):
    """A new, empty database on the PostgreSQL server at `base_url`, dropped afterwards."""
    name = f"newsmap_test_{uuid.uuid4().hex[:12]}"
    _admin(base_url, f"CREATE DATABASE {name}")
    try:
        yield f"{base_url}/{name}"
    finally:
        _admin(base_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened
