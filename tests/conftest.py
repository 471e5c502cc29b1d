"""Shared fixtures: paths to ../shared (skipped with a reason when absent) and a seed store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
GOLD_SEEDS = SHARED / "eval" / "gold-seeds.json"
SCORER = SHARED / "eval" / "score.py"
SAMPLES = ROOT / "data" / "samples"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (tests that read ../shared need it beside the repo)")
    return path


def run_kg(
    *args: str, store: Path | None = None, check: bool = True, **kw
) -> subprocess.CompletedProcess:
    """Run the real `kg` command line in a subprocess."""
    cmd = [sys.executable, "-m", "kg"]
    if store is not None:
        cmd += ["--store", str(store)]
    proc = subprocess.run(cmd + list(args), capture_output=True, text=True, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return proc


def stop_process(proc: subprocess.Popen) -> None:
    """End a server the tests started: politely, then by force after ten seconds."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need(SEEDS)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A store built from the seed articles by the real CLI (read-only for tests)."""
    store = tmp_path_factory.mktemp("seed") / "store"
    run_kg("ingest", str(seeds_dir), store=store)
    return store


@pytest.fixture(scope="session")
def seed_export(tmp_path_factory: pytest.TempPathFactory, seed_store: Path) -> Path:
    out = tmp_path_factory.mktemp("seed-export") / "seeds.ttl"
    run_kg("export", "-o", str(out), store=seed_store)
    return out
