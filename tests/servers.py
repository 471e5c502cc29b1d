"""Real SPARQL servers the tests start on loopback ports, each in a temporary folder:
Oxigraph's `oxigraph serve` (PyPI package `oxigraph`) and Virtuoso Open-Source 7 (Debian
package `virtuoso-opensource`, installed by `make virtuoso`). A server that is not installed
skips the tests that need it, with the reason."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import stop_process


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, seconds: float, what: str,
               log: Path | None = None) -> None:
    """Poll `url` until it answers, the process ends or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                stop_process(proc)
                tail = ""
                if log is not None and log.exists():
                    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
                    tail = ": " + " | ".join(lines[-5:])
                raise AssertionError(f"{what} did not start{tail}") from None
            time.sleep(0.2)


class OxigraphServer:
    def __init__(self, location: Path, *flags: str) -> None:
        binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        if not Path(binary).exists():
            pytest.skip("the oxigraph server (PyPI package oxigraph, in the test extras) is absent")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}",
             *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_http(self.base + "/query?query=ASK%7B%7D", self.proc, 30, "oxigraph serve")

    def args(self) -> list[str]:
        return ["--endpoint", self.base + "/query", "--update-endpoint", self.base + "/update"]

    def stop(self) -> None:
        stop_process(self.proc)


#: The Virtuoso configuration: every file in the server's folder, both ports on loopback
#: (ISQL's `ServerPort` and the HTTP server's), no result cap below kg's answers (Virtuoso's
#: default `ResultSetMaxRows` of 10,000 cuts answers silently) and no query time limit.
VIRTUOSO_INI = """\
[Database]
DatabaseFile    = {dir}/virtuoso.db
ErrorLogFile    = {dir}/virtuoso.log
LockFile        = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel   = 7
FileExtend      = 200
MaxCheckpointRemap = 2000
Striping        = 0
TempStorage     = TempDatabase

[TempDatabase]
DatabaseFile    = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping        = 0

[Parameters]
ServerPort      = 127.0.0.1:{isql}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 8
CheckpointInterval = 60
CaseMode        = 2
DirsAllowed     = ., {dir}
NumberOfBuffers = 34000
MaxDirtyBuffers = 25000
ThreadsPerQuery = 1
AsyncQueueMaxThreads = 4
MaxQueryMem     = 500M

[HTTPServer]
ServerPort      = 127.0.0.1:{http}
ServerRoot      = {dir}
MaxClientConnections = 4
ServerThreads   = 4
Charset         = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
MaxSortedTopRows = 10000000
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    """`virtuoso-t` and `isql-vt` (Debian's names for the server and its SQL client)."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


class VirtuosoServer:
    """Virtuoso Open-Source 7 in `folder`, SPARQL at /sparql for queries and updates (the
    endpoint's user, "SPARQL", is granted SPARQL_UPDATE over ISQL)."""

    def __init__(self, folder: Path) -> None:
        found = virtuoso_binaries()
        if found is None:
            pytest.skip("Virtuoso (Debian package virtuoso-opensource, `make virtuoso`) is not "
                        "installed: virtuoso-t and isql-vt are not on PATH")
        server, self.isql_binary = found
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.isql_port, http = free_port(), free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=folder, isql=self.isql_port, http=http),
                       encoding="utf-8")
        self.base = f"http://127.0.0.1:{http}"
        self.endpoint = self.base + "/sparql"
        self.proc = subprocess.Popen(
            [server, "+foreground", "+configfile", str(ini)], cwd=folder,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        query = urllib.parse.urlencode({"query": "ASK {}"})
        _wait_http(f"{self.endpoint}?{query}", self.proc, 120, "virtuoso-t",
                   folder / "virtuoso.log")
        self.isql('grant SPARQL_UPDATE to "SPARQL";')

    def isql(self, statement: str) -> str:
        """Run one SQL statement as dba over the ISQL port."""
        proc = subprocess.run(
            [self.isql_binary, f"127.0.0.1:{self.isql_port}", "dba", "dba",
             f"exec={statement}"], capture_output=True, text=True, timeout=120)
        if proc.returncode != 0 or "*** Error" in proc.stdout + proc.stderr:
            raise AssertionError(f"isql-vt: {statement}: {proc.stdout} {proc.stderr}")
        return proc.stdout

    def args(self) -> list[str]:
        return ["--endpoint", self.endpoint, "--update-endpoint", self.endpoint]

    def stop(self) -> None:
        stop_process(self.proc)
