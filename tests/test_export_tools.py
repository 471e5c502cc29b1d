"""kg's exports read by tools kg does not use, so that "standard RDF" is checked, not assumed.

* raptor's `rapper` (Debian raptor2-utils) parses the Turtle (`rapper -c`), N-Triples and TriG
  exports, and gives back the same triples (and, for TriG, the same article graphs);
* Apache Jena from Debian (libapache-jena-java, run with a headless JRE): RIOT validates the
  Turtle, TriG and N-Triples; Jena's SHACL gives the same verdict, on the same focus nodes and
  paths, as `kg validate` (pyshacl) with `ontology/shapes.ttl`, on the seed graph and on a graph
  that breaks the shapes on purpose (`tests/fixtures/shape-violations.ttl`); ARQ, reading
  each named query as standard SPARQL 1.1 (no ARQ extensions), answers it over the Turtle
  export with the embedded store's rows, in the same order;
* `pyld` expands the JSON-LD export to the same triples as the N-Triples export.

One store (data/samples, and ../shared/seeds when there) is built once for the module. A test
skips, saying why, only when its tool is not installed (`make rdf-tools` installs them).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, SAMPLES, SEEDS, run_kg

from kg import named_queries as nq
from kg.store import Store
from kg.vocab import ID, PREFIXES, SH

ONTOLOGY = ROOT / "ontology"
FIXTURES = Path(__file__).parent / "fixtures"
VIOLATIONS = FIXTURES / "shape-violations.ttl"
#: Jena's `arq.sparql` over many query files in one JVM (Java runs a source file as it is).
ARQ_BATCH = FIXTURES / "ArqBatch.java"
#: Where Debian installs Java libraries, Jena's among them.
JAVA_DIR = Path("/usr/share/java")
#: The libraries Jena's RIOT, ARQ and SHACL commands load, besides the jena-*.jar files (the
#: Depends of Debian's libapache-jena-java). One slf4j binding, the simple one, so that RIOT's
#: errors reach stderr: with all of /usr/share/java on the class path two bindings clash.
JENA_DEPENDENCIES = (
    "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io",
    "commons-lang3", "dexx.collection", "gson", "guava", "jackson-core", "jackson-databind",
    "jackson-annotations", "jakarta.json-api", "jsonld-java", "protobuf", "thrift",
    "titanium-json-ld", "slf4j-api", "slf4j-simple",
)
#: A short-lived JVM: no optimizing compiler, the simplest collector.
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
TOOLS = "make rdf-tools installs it"
_EXAMPLE = re.compile(r'e\.g\.\s*"([^"]+)"')


# -- the store and its exports ---------------------------------------------------------------

@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One store from the samples (and seeds), exported in every format by the CLI; key
    "store" is the store itself."""
    base = tmp_path_factory.mktemp("export-tools")
    store = base / "store"
    inputs = [str(SAMPLES)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    run_kg("ingest", "--jobs", "1", *inputs, store=store)
    out = {"store": store}
    for fmt, ext in (("turtle", "ttl"), ("nt", "nt"), ("trig", "trig"), ("nq", "nq"),
                     ("jsonld", "jsonld")):
        out[fmt] = base / f"kg.{ext}"
        run_kg("export", "-o", str(out[fmt]), "--format", fmt, store=store)
    return out


def triples(path: Path, rdf_format: ox.RdfFormat) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(path=str(path), format=rdf_format)}


def quads(data: bytes | Path, rdf_format: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> set[ox.Quad]:
    if isinstance(data, Path):
        return set(ox.parse(path=str(data), format=rdf_format))
    return set(ox.parse(data, format=rdf_format))


# -- raptor ------------------------------------------------------------------------------------

def rapper(*args: str) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("rapper") is None:
        pytest.skip(f"no rapper (Debian raptor2-utils; {TOOLS})")
    return subprocess.run(["rapper", *args], capture_output=True, timeout=120)


def rapper_count(proc: subprocess.CompletedProcess[bytes]) -> int:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err[-2000:]
    m = re.search(r"Parsing returned (\d+) triples", err)
    assert m, err[-2000:]
    return int(m.group(1))


def test_rapper_checks_the_turtle_export(exports: dict[str, Path]) -> None:
    """The acceptance check, `rapper -c`, then raptor's reading of it is kg's graph."""
    expected = triples(exports["nt"], ox.RdfFormat.N_TRIPLES)
    assert len(expected) > 500
    assert rapper_count(rapper("-c", "-i", "turtle", str(exports["turtle"]))) == len(expected)
    proc = rapper("-q", "-i", "turtle", "-o", "ntriples", str(exports["turtle"]))
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert {q.triple for q in quads(proc.stdout, ox.RdfFormat.N_TRIPLES)} == expected


def test_rapper_reads_the_n_triples_export(exports: dict[str, Path]) -> None:
    lines = exports["nt"].read_bytes().count(b"\n")
    assert rapper_count(rapper("-c", "-i", "ntriples", str(exports["nt"]))) == lines


def test_rapper_reads_the_trig_export_graph_by_graph(exports: dict[str, Path]) -> None:
    """TriG keeps one named graph per article: raptor finds the quads of the N-Quads export."""
    expected = quads(exports["nq"])
    assert rapper_count(rapper("-c", "-i", "trig", str(exports["trig"]))) == len(expected)
    proc = rapper("-q", "-i", "trig", "-o", "nquads", str(exports["trig"]))
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    got = quads(proc.stdout)
    assert got == expected
    assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in got)


# -- Apache Jena -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Jena:
    classpath: str

    def run(self, main: str, *args: str) -> subprocess.CompletedProcess[str]:
        """One Jena command (`riotcmd.riot`, `shacl.shacl`, or a Java source file that runs
        them) in a JVM of its own."""
        return subprocess.run(["java", *JAVA_OPTIONS, "-cp", self.classpath, main, *args],
                              capture_output=True, text=True, timeout=300)


def _xerces_messages(jar: Path, into: Path) -> Path | None:
    """Debian's jena-core moves the XML Schema datatype code Jena ships (Apache Xerces) from
    `org.apache.jena.ext.xerces` to `xerces`, but leaves the message bundles that code loads
    at the old place: every Jena command then dies at start ("internal error" in
    XSSimpleTypeDecl). A folder with the bundles where the classes look for them, put on the
    class path, mends that; None when the jar needs no mending."""
    old, new = "org/apache/jena/ext/xerces/", "xerces/"
    with zipfile.ZipFile(jar) as z:
        names = set(z.namelist())
        if f"{new}impl/msg/DatatypeMessages.properties" in names or \
           f"{old}impl/msg/DatatypeMessages.properties" not in names:
            return None
        for name in names:
            if name.startswith(old) and name.endswith(".properties"):
                target = into / (new + name[len(old):])
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
    return into


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory) -> Jena:
    if shutil.which("java") is None:
        pytest.skip(f"no java (Debian default-jre-headless; {TOOLS})")
    jena_jars = sorted(JAVA_DIR.glob("jena-*.jar"))
    if not (JAVA_DIR / "jena-cmds.jar").exists():
        pytest.skip(f"no Apache Jena in {JAVA_DIR} (Debian libapache-jena-java; {TOOLS})")
    deps = [JAVA_DIR / f"{name}.jar" for name in JENA_DEPENDENCIES]
    missing = [p.name for p in deps if not p.exists()]
    if missing:
        pytest.skip(f"Jena's libraries missing in {JAVA_DIR}: {', '.join(missing)} ({TOOLS})")
    path = [str(p) for p in jena_jars + deps]
    fix = _xerces_messages(JAVA_DIR / "jena-core.jar", tmp_path_factory.mktemp("jena-fix"))
    if fix is not None:
        path.append(str(fix))
    return Jena(":".join(path))


def test_riot_validates_the_exports(exports: dict[str, Path], jena: Jena) -> None:
    """RIOT in strict mode (`--validate`) over Turtle, TriG and N-Triples: no error, no
    warning, and every statement read."""
    files = [exports["turtle"], exports["trig"], exports["nt"]]
    proc = jena.run("riotcmd.riot", "--validate", "--count", *map(str, files))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert not re.search(r"\b(ERROR|WARN)\b", out), out[-3000:]
    counts = {m.group(1): int(m.group(3).replace(",", ""))
              for m in re.finditer(r"file://\S*/(kg\.\w+) : (Triples|Quads) = ([\d,]+)", out)}
    lines = exports["nt"].read_bytes().count(b"\n")
    assert counts == {"kg.ttl": lines, "kg.nt": lines,
                      "kg.trig": exports["nq"].read_bytes().count(b"\n")}, out[-3000:]


def test_riot_rejects_broken_turtle(tmp_path: Path, jena: Jena) -> None:
    """The check above can fail: a Turtle file with an unterminated string is an error."""
    bad = tmp_path / "bad.ttl"
    bad.write_text('<https://example.org/a> <https://example.org/b> "unterminated .\n')
    proc = jena.run("riotcmd.riot", "--validate", str(bad))
    assert proc.returncode != 0
    assert "ERROR" in proc.stderr


# SHACL: kg validate (pyshacl) against Jena's SHACL on the same data.

def _iri(short: str) -> str:
    """`schema:name` → the full IRI (kg validate prints the paths it knows with a prefix)."""
    prefix, sep, local = short.partition(":")
    return PREFIXES[prefix] + local if sep and prefix in PREFIXES else short


def kg_verdict(store: Path) -> tuple[bool, set[tuple[str, str]]]:
    """`kg validate`: conforms, and the (focus node, path) of each violation it prints."""
    proc = run_kg("validate", store=store, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    found = set()
    for line in proc.stderr.splitlines():
        if line.startswith("kg: invalid: "):
            focus, path, _message = line.removeprefix("kg: invalid: ").split(": ", 2)
            found.add((focus, _iri(path)))
    return proc.returncode == 0, found


def jena_verdict(jena: Jena, turtle: Path, tmp: Path) -> tuple[bool, set[tuple[str, str]]]:
    """Jena's SHACL with ontology/shapes.ttl over the Turtle export and ontology/kg.ttl.

    kg validate gives pyshacl kg.ttl as its ontology graph, which pyshacl mixes into the data
    (so a body typed kg:Ministry is an org:Organization through rdfs:subClassOf); Jena's
    command reads one data file (of several `--data`, the last), so the export and kg.ttl go
    in as one Turtle document: two Turtle documents one after the other are one document
    (prefixes may be declared again; kg.ttl has no labelled blank nodes)."""
    data = tmp / f"{turtle.stem}+kg.ttl"
    data.write_bytes(turtle.read_bytes() + b"\n" + (ONTOLOGY / "kg.ttl").read_bytes())
    proc = jena.run("shacl.shacl", "validate", "--shapes", str(ONTOLOGY / "shapes.ttl"),
                    "--data", str(data))
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = ox.Store()
    report.load(proc.stdout.encode(), format=ox.RdfFormat.TURTLE)
    conforms = [q.object.value for q in report.quads_for_pattern(None, SH.conforms, None)]
    assert len(conforms) == 1, proc.stdout[:3000]
    found = set()
    for q in report.quads_for_pattern(None, ox.NamedNode(PREFIXES["rdf"] + "type"),
                                      SH.ValidationResult):
        focus = next(report.quads_for_pattern(q.subject, SH.focusNode, None)).object
        path = next(report.quads_for_pattern(q.subject, SH.resultPath, None)).object
        found.add((focus.value, path.value))
    return conforms[0] == "true", found


def test_jena_shacl_agrees_with_kg_validate_on_the_graph(
    exports: dict[str, Path], jena: Jena, tmp_path: Path
) -> None:
    ours = kg_verdict(exports["store"])
    theirs = jena_verdict(jena, exports["turtle"], tmp_path)
    assert theirs == ours
    assert ours[0], f"the seed graph should conform: {sorted(ours[1])[:10]}"


@pytest.fixture(scope="module")
def broken_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one article graph: tests/fixtures/shape-violations.ttl."""
    path = tmp_path_factory.mktemp("shape-violations") / "store"
    graph = ID["article/shape-violations"]
    facts = [ox.Quad(t.subject, t.predicate, t.object, graph)
             for t in ox.parse(path=str(VIOLATIONS), format=ox.RdfFormat.TURTLE)]
    store = Store(path)
    try:
        store.replace_articles([(graph, facts)])
        store.flush()
    finally:
        store.close()
    return path


def test_jena_shacl_agrees_with_kg_validate_on_violations(
    broken_store: Path, jena: Jena, tmp_path: Path
) -> None:
    turtle = tmp_path / "broken.ttl"
    run_kg("export", "-o", str(turtle), store=broken_store)
    ours = kg_verdict(broken_store)
    theirs = jena_verdict(jena, turtle, tmp_path)
    print("violations found by both:", *sorted(ours[1]), sep="\n  ")
    assert not ours[0] and not theirs[0]
    assert theirs[1] == ours[1]
    m = ID["membership/no-member"].value
    org = ID["org/bo-thu"].value
    assert (m, PREFIXES["org"] + "member") in ours[1]
    # Through kg.ttl's rdfs:subClassOf, on both sides: the kg:Ministry is an organization
    # (checked for its name), so it is a fine org:organization of the position.
    assert (org, PREFIXES["skos"] + "prefLabel") in ours[1]
    assert (m, PREFIXES["org"] + "organization") not in ours[1]
    assert len(ours[1]) >= 8


# ARQ over the Turtle export against the embedded store, for every named query.

def render(query: nq.NamedQuery, values: dict[str, str]) -> str:
    """The query text kg sends, with its parameters bound (`kg.named_queries.render`)."""
    return nq.render(query, values)


@dataclass(frozen=True)
class Case:
    query: nq.NamedQuery
    values: dict[str, str]

    @property
    def id(self) -> str:
        return self.query.name + "".join(f"[{k}]" for k in self.values)


def cases() -> Iterator[Case]:
    """Each named query without parameters (when none is required), then with each parameter
    set to the example its help gives (the README's and `kg query --list`'s), required ones
    always set."""
    for q in nq.load_all().values():
        examples = {p.name: m.group(1) for p in q.params if (m := _EXAMPLE.search(p.help))}
        required = {p.name: examples.get(p.name) for p in q.params if p.required}
        if None in required.values():
            continue  # cannot run it: test_every_named_query_is_compared says so
        if not required:
            yield Case(q, {})
        done: set[tuple[str, ...]] = set()
        for p in q.params:
            values = {**required, p.name: examples.get(p.name)}
            if values[p.name] is not None and tuple(values) not in done:
                done.add(tuple(values))
                yield Case(q, values)  # type: ignore[arg-type]


CASES = list(cases())


def _term(binding: dict[str, str]) -> str:
    """A SPARQL JSON results term as one string; both engines must agree on it exactly."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return "_:"  # labels are the engine's own
    text = json.dumps(value, ensure_ascii=False)
    if "xml:lang" in binding:
        return f"{text}@{binding['xml:lang'].lower()}"
    datatype = binding.get("datatype", PREFIXES["xsd"] + "string")
    return text if datatype == PREFIXES["xsd"] + "string" else f"{text}^^<{datatype}>"


def rows(results: dict) -> tuple[list[str], list[tuple[str | None, ...]]]:
    names = results["head"]["vars"]
    return names, [tuple(_term(b[v]) if v in b else None for v in names)
                   for b in results["results"]["bindings"]]


def _strip_comments(sparql: str) -> str:
    return re.sub(r'"(?:[^"\\\n]|\\.)*"|<[^<>\s]*>|#[^\n]*',
                  lambda m: m.group(0) if m.group(0)[0] in "\"<" else "", sparql)


def order_keys(sparql: str, names: list[str]) -> list[int]:
    """The projected variables the query sorts on, as positions in a row: a sort key that is
    not projected (positions' `?personKey`, "~" + ?person) stands for the projected variables
    of its expression. Rows that tie on these keys may come in either order."""
    text = _strip_comments(sparql)
    m = re.search(r"\bORDER\s+BY\b(.*?)(?:\bLIMIT\b|\bOFFSET\b|$)", text, re.S | re.I)
    if not m:
        return []
    keys: list[int] = []
    for var in re.findall(r"[?$](\w+)", m.group(1)):
        found = [var] if var in names else []
        if not found:
            defined = re.search(r"\bAS\s+[?$]" + var + r"\s*\)", text[:m.start()], re.I)
            if defined:
                depth, start = 0, defined.start()
                while start > 0:  # back to the "(" that opens `(expression AS ?var)`
                    start -= 1
                    if text[start] == ")":
                        depth += 1
                    elif text[start] == "(":
                        if depth == 0:
                            break
                        depth -= 1
                expression = text[start:defined.start()]
                found = [v for v in re.findall(r"[?$](\w+)", expression) if v in names]
        keys += [names.index(v) for v in found if names.index(v) not in keys]
    return keys


@pytest.fixture(scope="module")
def answers(exports: dict[str, Path], jena: Jena,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, dict | str]]:
    """Each case's results from `kg query NAME --param …` (the embedded store) and from ARQ's
    `sparql` command over the Turtle export (all the queries in one JVM, `ArqBatch.java`,
    while `kg query` runs beside it)."""
    folder = tmp_path_factory.mktemp("arq")
    files = {}
    for case in CASES:
        files[case.id] = folder / f"{case.id}.rq"
        # ARQ knows no prefix kg does not declare: the ones kg predeclares come first.
        files[case.id].write_text(render(case.query, case.values),
                                  encoding="utf-8")

    def ours(case: Case) -> dict:
        params = [a for k, v in case.values.items() for a in ("--param", f"{k}={v}")]
        proc = run_kg("query", case.query.name, *params, "--format", "json",
                      store=exports["store"])
        return json.loads(proc.stdout)

    with ThreadPoolExecutor(max_workers=2) as pool:
        arq = pool.submit(jena.run, str(ARQ_BATCH), str(exports["turtle"]),
                          *map(str, files.values()))
        mine = {c.id: pool.submit(ours, c) for c in CASES}
        proc = arq.result()
        # Each query's messages follow its "ArqBatch: FILE" line.
        messages = dict(re.findall(r"^ArqBatch: (.*)\n((?:(?!ArqBatch: ).*\n)*)",
                                   proc.stderr, re.M))
        results: dict[str, tuple[dict, dict | str]] = {}
        for case in CASES:
            out = files[case.id].with_name(files[case.id].name + ".json")
            theirs = (json.loads(out.read_text(encoding="utf-8")) if out.exists() else
                      f"ARQ could not run it: {messages.get(str(files[case.id]), proc.stderr)}")
            results[case.id] = (mine[case.id].result(), theirs)
    return results


def test_every_named_query_is_compared() -> None:
    names = {c.query.name for c in CASES}
    assert names == set(nq.load_all())
    assert len(CASES) > len(names)  # parameters too


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_arq_answers_the_named_query_as_the_store_does(
    case: Case, answers: dict[str, tuple[dict, dict | str]]
) -> None:
    """Standard SPARQL 1.1 (ARQ's strict syntax) over the Turtle export, the default graph
    being the union as in the store, gives the store's rows."""
    if isinstance(answers[case.id][1], str):
        pytest.fail(f"{case.id}: {answers[case.id][1][:3000]}")
    names, ours = rows(answers[case.id][0])
    arq_names, theirs = rows(answers[case.id][1])
    print(f"{case.id}: {len(ours)} rows in the store, {len(theirs)} from ARQ")
    assert arq_names == names
    assert Counter(theirs) == Counter(ours), (
        f"only in the store: {sorted(set(ours) - set(theirs), key=str)[:5]}; "
        f"only from ARQ: {sorted(set(theirs) - set(ours), key=str)[:5]}")
    keys = order_keys(case.query.text, names)
    if keys:
        assert [[r[i] for i in keys] for r in theirs] == [[r[i] for i in keys] for r in ours]


def test_the_comparison_has_rows(answers: dict[str, tuple[dict, dict | str]]) -> None:
    """Equal empty answers would prove nothing: most cases answer something."""
    sizes = {k: len(ours["results"]["bindings"]) for k, (ours, _arq) in answers.items()}
    print(sizes)
    assert sum(sizes.values()) > 100
    assert sum(1 for n in sizes.values() if n) >= 0.75 * len(sizes)


# -- JSON-LD through pyld ----------------------------------------------------------------------

def test_pyld_expands_the_json_ld_export_to_the_n_triples(exports: dict[str, Path]) -> None:
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld is not installed (test extra)")
    document = json.loads(exports["jsonld"].read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(jsonld.expand(document), {"format": "application/n-quads"})
    got = quads(nquads.encode("utf-8"))
    expected = triples(exports["nt"], ox.RdfFormat.N_TRIPLES)
    # The union, like Turtle and N-Triples: no statement in a named graph.
    assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in got)
    assert len({q.triple for q in got}) == len(expected) == \
        exports["nt"].read_bytes().count(b"\n")
    assert {q.triple for q in got} == expected
