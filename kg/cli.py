"""The `kg` command line: ingest, query, export, viz, stats, validate.

Every command takes the store from `--store` or the `KG_STORE` environment variable, or uses
`./kg-store`. Errors are one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg import __version__
from kg.store import DEFAULT_WAIT, EXPORT_FORMATS, Store, StoreError, default_store_path

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3
#: a key or an export `kg eval` cannot read (click's own status for bad usage)
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(code)


class Context:
    def __init__(
        self, store_path: Path, wait: float = DEFAULT_WAIT,
        endpoint: str | None = None, update_endpoint: str | None = None,
    ) -> None:
        self.store_path = store_path
        self.wait = wait
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint

    def open(self, *, read_only: bool = False) -> Store:
        try:
            if self.endpoint:  # a SPARQL server instead of the embedded store
                from kg.remote import RemoteStore

                return RemoteStore(self.endpoint, self.update_endpoint)  # type: ignore[return-value]
            return Store(self.store_path, read_only=read_only, wait=self.wait)
        except StoreError as e:
            fail(str(e))
            raise  # unreachable


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Store folder (default: $KG_STORE or ./kg-store).",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=DEFAULT_WAIT,
    show_default=True,
    help="Seconds to wait for another kg process using the store before giving up.",
)
@click.option(
    "--endpoint", envvar="KG_ENDPOINT", default=None, metavar="URL",
    help="Use a SPARQL 1.1 server's query endpoint instead of the store folder ($KG_ENDPOINT).",
)
@click.option(
    "--update-endpoint", envvar="KG_UPDATE_ENDPOINT", default=None, metavar="URL",
    help="The server's SPARQL Update endpoint, to ingest ($KG_UPDATE_ENDPOINT).",
)
@click.version_option(__version__, prog_name="kg")
@click.pass_context
def cli(ctx: click.Context, store_path: Path | None, wait: float, endpoint: str | None,
        update_endpoint: str | None) -> None:
    """Turn Vietnamese news and government text into a knowledge graph of actors, programs,
    decisions and claims; query it with SPARQL, draw it, export it."""
    ctx.obj = Context(store_path or default_store_path(), wait, endpoint, update_endpoint)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Stop at the first unreadable input.")
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal)."
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None,
    help="Extraction processes (default: all cores; 1: in this process).",
)
@click.option(
    "--dask", "dask", default=None, metavar="ADDRESS",
    help="Extract on the Dask cluster at ADDRESS (tcp://host:8786), or 'local' for a local "
         "cluster of --jobs workers; this process still writes the store.",
)
@click.pass_obj
def ingest(obj: Context, paths: tuple[str, ...], strict: bool, progress: bool | None,
           jobs: int | None, dask: str | None) -> None:
    """Read articles (.txt, .html, .jsonl, .jsonl.gz, folders) into the store.

    Ingesting an article id again replaces that article's facts."""
    from tqdm import tqdm

    from kg.ingest import StrictStop
    from kg.ingest import ingest as run_ingest
    from kg.parallel import ParallelError, default_jobs

    store = obj.open()
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit=" articles", disable=not show, file=sys.stderr, leave=False)

    def on_problem(p: object) -> None:
        if strict:  # the run stops here; the error line names the problem
            return
        bar.clear()
        click.echo(f"kg: skipped: {p}", err=True)

    try:
        report = run_ingest(
            store, paths, strict=strict, on_problem=on_problem, on_article=lambda: bar.update(),
            jobs=jobs or default_jobs(), dask=dask,
        )
    except StrictStop as e:
        bar.close()
        fail(f"{e.problem} (--strict: stopped; articles before this batch are stored)")
        return
    except ParallelError as e:
        bar.close()
        fail(str(e))
        return
    finally:
        bar.close()
        store.flush()
    # The quads this run wrote, and one count oxigraph keeps cheap: counting the store's quads
    # takes a pass over all of them (1.2 s for a year of news), however few articles were added.
    # `kg stats` has the rest.
    articles = store.article_count()
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.entities.items()))
    click.echo(
        f"ingested {report.articles} article(s)"
        + (f", {report.unchanged} unchanged" if report.unchanged else "")
        + (f", skipped {len(report.problems)} problem(s)" if report.problems else "")
        + f"; wrote {report.quads} quads; store: {articles} articles"
    )
    if kinds:
        click.echo(f"entities in these articles: {kinds}")
    if report.consolidation is not None:
        click.echo(str(report.consolidation))
    if report.articles:
        from kg.analyze import made_at

        if (when := made_at(store)) is not None:
            click.echo(f"kg: the network analysis in the store ({when}) predates these "
                       "articles: run `kg analyze` again to refresh it", err=True)
    if report.problems:
        nothing = report.articles == 0 and report.unchanged == 0
        sys.exit(EXIT_ERROR if nothing else EXIT_PARTIAL)


@cli.command()
@click.argument("sparql", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
    show_default=True,
)
@click.option(
    "--allow-update", is_flag=True,
    help="Allow SPARQL Update (INSERT, DELETE, DROP, LOAD...), which changes the store.",
)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of a named query, bound as an RDF term (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
@click.pass_obj
def query(obj: Context, sparql: str | None, fmt: str, allow_update: bool,
          params: tuple[str, ...], list_queries: bool) -> None:
    """Run a named query (`kg query --list`), a SPARQL query or a .rq/.ru file over the graph."""
    from kg import named_queries as nq
    from kg.query import is_update, syntax_error_message, write_results

    if list_queries:
        for q in nq.load_all().values():
            click.echo(nq.describe(q))
        return
    if not sparql:
        fail("give a query name (see `kg query --list`), SPARQL text or a .rq file")
        return
    text, named = sparql, False
    if nq.is_name(sparql) and not Path(sparql).exists():
        try:
            text = nq.render(nq.get(sparql), nq.parse_assignments(params), prefixes=False)
            named = True
        except nq.NamedQueryError as e:
            fail(str(e))
            return
    elif params:
        fail("--param is for named queries (see `kg query --list`)")
    if sparql.endswith((".rq", ".sparql", ".ru")):
        try:
            text = Path(sparql).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            reason = getattr(e, "strerror", None) or "not UTF-8 text"
            fail(f"{sparql}: cannot read query file: {reason}")
    update = is_update(text)
    if update and not allow_update:
        fail("this is a SPARQL Update, which would change the store; "
             "add --allow-update to run it")
    store = obj.open(read_only=not update)
    if named and isinstance(store, Store):  # the embedded engine's speed workaround
        text = nq.oxigraph_text(text)
    try:
        if update:
            store.update(text)
            store.flush()
            click.echo("update done", err=True)
        else:
            write_results(store.query(text), fmt)
    except SyntaxError as e:
        fail(syntax_error_message(e))
    except (OSError, RuntimeError, ValueError) as e:
        fail(f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}")


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: standard output).")
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default=None,
              help="RDF format (default: from the file extension, else turtle).")
@click.pass_obj
def export(obj: Context, output: Path | None, fmt: str | None) -> None:
    """Export the graph as Turtle, TriG, N-Triples, N-Quads or JSON-LD."""
    if fmt is None:
        by_ext = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nq",
                  ".jsonld": "jsonld", ".json": "jsonld"}
        fmt = by_ext.get(output.suffix.lower(), "turtle") if output else "turtle"
    store = obj.open(read_only=True)
    if output is None:
        store.export(sys.stdout.buffer, fmt)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    with open(tmp, "wb") as f:
        store.export(f, fmt)
    tmp.replace(output)
    click.echo(f"wrote {output} ({output.stat().st_size:,} bytes, {fmt})", err=True)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("graph.html"), show_default=True)
@click.option("--focus", metavar="NAME", default=None,
              help="Draw one actor's neighbourhood (a name or alias, any case).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many links away from the actor to draw.")
@click.option("--query", "query_file", metavar="FILE.rq", default=None,
              type=click.Path(dir_okay=True, path_type=Path),
              help="Draw the subgraph a SPARQL CONSTRUCT query in FILE returns.")
@click.option("--max-nodes", type=click.IntRange(min=0), default=500, show_default=True,
              help="A graph with more nodes is drawn as an overview (of this many actors when "
                   "given, else 100); with --no-overview, the most connected nodes (0: all).")
@click.option("--overview/--no-overview", "overview_mode", default=None,
              help="Draw the most central actors, the links among them and their communities "
                   "[default: when the graph has more than --max-nodes nodes].")
@click.pass_context
def viz(ctx: click.Context, output: Path, focus: str | None, depth: int,
        query_file: Path | None, max_nodes: int, overview_mode: bool | None) -> None:
    """Draw the graph as an interactive HTML page that works offline."""
    from kg.viz import draw
    from kg.viz_select import OVERVIEW_NODES, VizError

    obj: Context = ctx.obj
    given = ctx.get_parameter_source("max_nodes") is not click.core.ParameterSource.DEFAULT
    store = obj.open(read_only=True)
    try:
        graph, sel = draw(store, output, focus=focus, depth=depth, query_file=query_file,
                          max_nodes=max_nodes, overview_mode=overview_mode,
                          overview_nodes=max_nodes if given else OVERVIEW_NODES)
    except VizError as e:
        fail(str(e))
        return
    except OSError as e:
        fail(f"{output}: cannot write: {e.strerror or e}")
        return
    left = f"; the most connected of {sel.total_nodes} nodes" if sel.left_out else ""
    if sel.overview is not None:
        groups = len(sel.overview.communities)
        left = (f"; an overview: the most central of {sel.overview.actors} actors, "
                f"{groups} {'community' if groups == 1 else 'communities'}")
    click.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, "
               f"{graph.number_of_edges()} edges{left})", err=True)


@cli.command()
@click.pass_obj
def stats(obj: Context) -> None:
    """Counts: articles, quads, entities by type, memberships, claims."""
    store = obj.open(read_only=True)
    for k, v in store.stats().items():
        click.echo(f"{k:18} {v:>10,}")


@cli.command()
@click.pass_obj
def validate(obj: Context) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl."""
    from kg.validate import validate as run_validate

    store = obj.open(read_only=True)
    violations = run_validate(store)
    if violations:
        for v in violations[:50]:
            click.echo(f"kg: invalid: {v}", err=True)
        fail(f"{len(violations)} SHACL violation(s)")
    click.echo("valid: the graph conforms to ontology/shapes.ttl")


@cli.command()
@click.pass_obj
def consolidate(obj: Context) -> None:
    """Settle names, identities and preferred values over the whole store (canonical graph).

    `kg ingest` does this after every run that adds or changes articles; run it alone on a
    store written by an older kg, or after a run that was stopped."""
    from kg.consolidate import consolidate as run_consolidate

    store = obj.open()
    try:
        click.echo(str(run_consolidate(store)))
    except StoreError as e:
        fail(str(e))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens the server to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update (default: read-only).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-results", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows or triples returned at most; longer answers are cut.")
@click.option("--workers", type=click.IntRange(1, 32), default=2, show_default=True,
              help="Query worker processes (one when updates are allowed).")
@click.pass_obj
def serve(obj: Context, host: str, port: int, allow_update: bool, timeout: float,
          max_results: int, workers: int) -> None:
    """Serve the graph: a SPARQL 1.1 endpoint at /sparql and a search page at /."""
    from kg.serve import Limits, make_server

    if obj.endpoint:
        fail("kg serve serves the store folder; --endpoint is already a server")
    limits = Limits(timeout=timeout, max_results=max_results, workers=workers)
    try:
        server = make_server(obj.store_path, host, port, limits=limits,
                             allow_update=allow_update)
    except StoreError as e:
        fail(str(e))
        return
    except OSError as e:
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}")
        return
    h, p = server.server_address[:2]
    mode = "read-write" if allow_update else "read-only"
    click.echo(f"serving {obj.store_path} ({mode}) at http://{h}:{p}/ "
               f"(SPARQL: http://{h}:{p}/sparql); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.pool.close()


@cli.command("analyze")
@click.option("--top", type=click.IntRange(min=1), default=15, show_default=True,
              help="Actors shown in the ranking, and members shown for each community.")
@click.option("--path", "path", nargs=2, metavar="FROM TO", default=None,
              help="Print the shortest chain of relations between two entities "
                   "(names, abbreviations or document numbers).")
@click.option("--co-mentions", is_flag=True,
              help="Also link actors named in the same article (weak links).")
@click.option("--write/--no-write", default=True, show_default=True,
              help="Replace the analysis graph in the store with the results.")
@click.pass_obj
def analyze_command(obj: Context, top: int, path: tuple[str, str] | None, co_mentions: bool,
                    write: bool) -> None:
    """Network analysis: the most central actors, communities of actors, and the shortest
    chain between two entities; written back as the named graph …/graph/analysis."""
    import networkx as nx

    from kg import analyze as an
    from kg.query import table

    store = obj.open(read_only=not write)
    try:
        result = an.analyze(an.build_network(store, co_mentions=co_mentions))
        steps = None
        if path:
            steps = an.chain(result, an.find(result, path[0]), an.find(result, path[1]))
        if write:
            quads = an.to_quads(result, steps)
            an.write(store, quads)
    except an.AnalyzeError as e:
        fail(str(e))
        return
    except StoreError as e:
        fail(str(e))
        return
    g = result.network
    if steps is not None:
        click.echo(an.format_chain(result, steps))
        click.echo(f"({len(steps) - 1} step{'s' if len(steps) != 2 else ''})")
    else:
        parts = sum(1 for c in nx.connected_components(g) if len(c) > 1)
        click.echo(f"network: {g.number_of_nodes()} actors, {g.number_of_edges()} links, "
                   f"{parts} connected group(s) of 2 or more"
                   + (" (co-mentions included)" if co_mentions else ""))
        rows = [[str(i), result.label(v)[:60], result.kind(v), str(an.links(g, v)),
                 f"{result.degree[v]:.3f}", f"{result.betweenness[v]:.3f}"]
                for i, v in enumerate(result.ranking[:top], start=1)]
        click.echo("\nmost central actors (centrality = share of actors linked; "
                   "betweenness = share of shortest chains through it):")
        click.echo(table(["rank", "actor", "kind", "links", "centrality", "betweenness"], rows))
        click.echo(f"\ncommunities (Louvain, seed {an.SEED}): {len(result.communities)}")
        for i, members in enumerate(result.communities[:top], start=1):
            names = ", ".join(result.label(v) for v in members[:top])
            more = f", … (+{len(members) - top})" if len(members) > top else ""
            click.echo(f"{i:>3}. ({len(members)} actors) {names}{more}")
    if write:
        click.echo(f"wrote the analysis graph <{an.ANALYSIS_GRAPH.value}> ({len(quads)} quads)",
                   err=True)


@cli.command("eval")
@click.argument("key", type=click.Path(path_type=Path))
@click.option("--export", "exports", multiple=True, type=click.Path(path_type=Path),
              metavar="FILE", help="Score this export (.ttl, .trig, .nt, .nq, .jsonld) instead "
                                   "of the store (repeatable: the files are read as one graph).")
@click.option("--misses", is_flag=True, help="Also list what was missed or extra.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--docs", default=None, metavar="ID,ID",
              help="Only these article ids of the key, comma-separated.")
@click.pass_obj
def eval_command(obj: Context, key: Path, exports: tuple[Path, ...], misses: bool,
                 as_json: bool, docs: str | None) -> None:
    """Score the graph against an answer key (the annotation guide's JSON format): precision,
    recall and F1 of people, roles, bodies, documents, places, programs and claims."""
    import json

    from kg import evaluate as ev

    try:
        gold = ev.load_key(key)
        graph = ev.load_export(exports) if exports else ev.from_store(obj.open(read_only=True))
    except ev.EvalError as e:
        fail(str(e), EXIT_USAGE)
        return
    only = {d.strip() for d in docs.split(",") if d.strip()} if docs else None
    if only and (unknown := sorted(only - {g["doc"] for g in gold})):
        fail(f"--docs: not in the key: {', '.join(unknown)}", EXIT_USAGE)
    tallies, found = ev.score(gold, graph, only)
    res = ev.result(tallies)
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        click.echo(ev.table(res, found if misses else None))


def main() -> None:
    try:
        cli(prog_name="kg")
    except KeyboardInterrupt:
        click.echo("kg: interrupted", err=True)
        sys.exit(130)
    except StoreError as e:  # a store or SPARQL server that fails mid-run: its one line
        click.echo(f"kg: {str(e).splitlines()[0] if str(e) else type(e).__name__}", err=True)
        sys.exit(1)
    except Exception as e:  # a bug, not bad input: still one line; KG_DEBUG=1 shows where
        if os.environ.get("KG_DEBUG"):
            raise
        where = e.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        at = ""
        if where is not None:
            at = f" at {Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}"
        message = str(e).splitlines()[0] if str(e) else ""
        click.echo(f"kg: internal error: {type(e).__name__}{at}: {message} "
                   "(a bug; run with KG_DEBUG=1 for the traceback)", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
