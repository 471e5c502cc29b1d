"""The named queries (`ontology/queries/*.rq`) on the store, against rdflib's own in-memory
SPARQL engine on the same triples (the Turtle export loaded into an `rdflib.Graph`: the
named queries read the union of the article graphs, which is what the export holds).

Each query runs with its default parameters: none, or for a required parameter the example
its help gives (`e.g. "…"`), or for a required article id the store's first article. Each
engine's time is the median of as many runs as fit in `budget` seconds a query (at least one,
at most `runs`; results read to the end): a run still going after `budget` seconds is
stopped, and its time is a lower bound ("> 120 s"). kg runs in a child process, which is
ended to stop a run.
"""

from __future__ import annotations

import json
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.table import Row, seconds
from kg.named_queries import NamedQuery, bindings, load_all, oxigraph_text, render
from kg.store import Store
from kg.vocab import PREFIXES

TARGET_RATIO = 10.0
_EXAMPLE = re.compile(r'e\.g\. "([^"]+)"')


def default_values(query: NamedQuery, article_id: str | None = None) -> dict[str, str] | None:
    """The values a query runs with by default; None when a required one has no example.

    A required article id is `article_id`, an article of the store (the example of the help
    names one of kg's samples, which a corpus store does not hold).
    """
    values = {}
    for p in query.params:
        if p.required:
            if "article id" in p.help and article_id is not None:
                values[p.name] = article_id
                continue
            m = _EXAMPLE.search(p.help)
            if not m:
                return None
            values[p.name] = m.group(1)
    return values


def first_article(store_dir: Path) -> str | None:
    """The smallest article id of the store."""
    q = ("SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id } "
         "ORDER BY ?id LIMIT 1")
    with Store(store_dir, read_only=True) as store:
        found = [row["id"].value for row in store.query(q)]  # type: ignore[union-attr]
    return found[0] if found else None


def _rdflib_term(term: ox.NamedNode | ox.Literal) -> Any:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):
        return rdflib.Literal(term.value)  # rdflib tells "a"^^xsd:string from "a"; RDF 1.1 does not
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


class _TooLong(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise _TooLong


def _timed(run: Any, runs: int, budget: float) -> tuple[float, int, int | None]:
    """Median seconds, runs made, rows of the last run (None: the one run was stopped at
    `budget` seconds, the time is then a lower bound)."""
    times: list[float] = []
    rows: int | None = 0
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        while len(times) < runs and (not times or sum(times) < budget):
            start = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, budget)
            try:
                rows = run()
            except _TooLong:
                return time.perf_counter() - start, 1, None
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append(time.perf_counter() - start)
    finally:
        signal.signal(signal.SIGALRM, old)
    return statistics.median(times), len(times), rows


def _ratio(r: float) -> str:
    return f"{r:,.0f}×" if r >= 10 else f"{r:.2g}×"


def _time_text(s: float, runs: int, rows: int | None) -> str:
    return f"> {seconds(s)} (stopped)" if rows is None else f"{seconds(s)} ({runs} runs)"


def _ours(store_dir: Path, name: str, values: dict[str, str], runs: int, budget: float
          ) -> tuple[float, int, int | None]:
    """kg's runs of a query, in a child process: oxigraph's engine cannot be interrupted
    from Python, so a run past `budget` seconds is stopped by ending the process."""
    cmd = [sys.executable, "-m", "benchmarks.sparql_bench", str(store_dir), name,
           json.dumps(values), str(runs), str(budget)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=budget + 30)
    except subprocess.TimeoutExpired:
        return budget, 1, None
    if proc.returncode != 0:
        raise SystemExit(f"benchmarks: query {name} failed: {proc.stderr[-500:]}")
    median, made, rows = json.loads(proc.stdout)
    return median, made, rows


def _child(store_dir: str, name: str, values: str, runs: str, budget: str) -> None:
    query = load_all()[name]
    # the text `kg query NAME` runs on the embedded store
    text = oxigraph_text(render(query, json.loads(values), prefixes=False))
    with Store(store_dir, read_only=True) as store:
        def run() -> int:
            return sum(1 for _ in store.query(text))  # type: ignore[union-attr]

        print(json.dumps(_timed(run, int(runs), float(budget))))


def compare(store_dir: Path, turtle: Path, runs: int = 5, budget: float = 120.0) -> list[Row]:
    import rdflib

    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(turtle, format="turtle")
    load = time.perf_counter() - start
    rows = [Row("rdflib: parse the Turtle export into memory (not in the ratios)",
                f"{seconds(load)}, {len(graph):,} triples")]
    namespaces = {p: rdflib.Namespace(iri) for p, iri in PREFIXES.items()}
    ratios = []
    article_id = first_article(store_dir)
    for name, query in load_all().items():
        values = default_values(query, article_id)
        if values is None:
            rows.append(Row(f"SPARQL `{name}`", "not run: a required parameter without "
                            "an example"))
            continue
        subs = bindings(query, values)
        init = {rdflib.Variable(v.value): _rdflib_term(t) for v, t in subs.items()}

        def theirs(q: NamedQuery = query, b: dict = init) -> int:
            return sum(1 for _ in graph.query(q.text, initNs=namespaces, initBindings=b))

        ours_s, ours_runs, ours_rows = _ours(store_dir, name, values, runs, budget)
        given = ", ".join(f"{k}={v}" for k, v in values.items())
        try:
            theirs_s, theirs_runs, theirs_rows = _timed(theirs, runs, budget)
        except Exception as e:  # rdflib's own bugs: the row says which
            rows.append(Row(
                f"SPARQL `{name}`{f' ({given})' if given else ''}: kg vs rdflib, median",
                f"{_time_text(ours_s, ours_runs, ours_rows)} vs rdflib failed "
                f"({type(e).__name__}: {str(e)[:60]})", f"≥ {TARGET_RATIO:g}×"))
            continue
        ratio = theirs_s / ours_s
        ratios.append(ratio)
        bound = "> " if theirs_rows is None else "< " if ours_rows is None else ""
        rows.append(Row(
            f"SPARQL `{name}`{f' ({given})' if given else ''}: kg vs rdflib, median",
            f"{_time_text(ours_s, ours_runs, ours_rows)} vs "
            f"{_time_text(theirs_s, theirs_runs, theirs_rows)} = **{bound}{_ratio(ratio)}**"
            + (f"; {ours_rows:,} rows" if ours_rows is not None else "")
            + (f" (rdflib: {theirs_rows:,})" if theirs_rows not in (None, ours_rows) else ""),
            f"≥ {TARGET_RATIO:g}×",
            None if ours_rows is None and theirs_rows is None else ratio >= TARGET_RATIO))
    if ratios:
        rows.append(Row("SPARQL: kg over rdflib, geometric mean of the named queries "
                        "(a stopped rdflib run counts at its lower bound)",
                        _ratio(statistics.geometric_mean(ratios)), f"≥ {TARGET_RATIO:g}× "
                        "each", min(ratios) >= TARGET_RATIO))
    return rows


if __name__ == "__main__":  # the child process of `_ours`
    _child(*sys.argv[1:6])
