"""Named queries: the competency questions of the graph, one SPARQL file each in
`ontology/queries/*.rq`, run by name with parameters (`kg query positions --param person=...`).

A query file starts with comment lines: the first is the question it answers, the lines that
start with `# param NAME: TYPE  help` declare its parameters (`TYPE!`: required). A parameter
is a variable the query projects (pyoxigraph binds only projected variables); a value given
for it is turned into an RDF term here (a `text` value becomes a
Vietnamese-tagged literal, like the names in the graph) and bound by the engine
(pyoxigraph's substitutions, or a VALUES block of serialized terms for a remote server), never
pasted into the query text, so a value with quotes, braces or `} ; DROP ALL` stays a literal.
A parameter left out leaves its variable free: the query answers for everyone.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import ONTOLOGY_DIR
from kg.vocab import XSD, sparql_prefixes

QUERY_DIR = ONTOLOGY_DIR / "queries"

#: Parameter types and what a value becomes.
PARAM_TYPES = {
    "text": "a literal tagged @vi (names and labels in the graph)",
    "string": "a plain literal (document numbers, article ids)",
    "iri": "an IRI",
    "date": "an xsd:date, YYYY-MM-DD",
    "integer": "an xsd:integer",
}

_PARAM = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([a-z]+)(!?)\s*(.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# What a scan for the WHERE group must step over: long and short strings, IRIs, comments.
_SKIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
_WHERE = re.compile(r"(?<![?$\w])WHERE\b", re.I)


class NamedQueryError(Exception):
    """A named query that does not exist, or a parameter value that does not fit: one line."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    help: str = ""
    required: bool = False


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    question: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise NamedQueryError(f"query {self.name!r} has no parameter {name!r} (it has: {known})")


def parse(path: Path) -> NamedQuery:
    """Read one query file: its question (first comment line) and its parameters."""
    text = path.read_text(encoding="utf-8")
    question, params = "", []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break  # the header ends at the first line of SPARQL
            continue
        m = _PARAM.match(stripped)
        if m:
            name, kind, required, help_text = m.groups()
            if kind not in PARAM_TYPES:
                raise NamedQueryError(f"{path}: parameter {name!r} has unknown type {kind!r}")
            params.append(Param(name, kind, help_text.strip(), required == "!"))
        elif not question:
            question = stripped.lstrip("#").strip()
    return NamedQuery(path.stem, path, question, text, tuple(params))


def load_all(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query in `directory`, by name."""
    return {p.stem: parse(p) for p in sorted(directory.glob("*.rq")) if _NAME.match(p.stem)}


def get(name: str, directory: Path = QUERY_DIR) -> NamedQuery:
    queries = load_all(directory)
    if name not in queries:
        raise NamedQueryError(
            f"no named query {name!r}; `kg query --list` shows them ({', '.join(queries)})"
        )
    return queries[name]


def is_name(text: str) -> bool:
    """True when `text` looks like a query name rather than SPARQL or a file path."""
    return bool(_NAME.match(text))


def term(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """The RDF term a parameter value stands for. Text is NFC-normalized, as the graph is."""
    value = unicodedata.normalize("NFC", value)
    if param.type == "text":
        return ox.Literal(value, language="vi")
    if param.type == "string":
        return ox.Literal(value)
    if param.type == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError as e:
            raise NamedQueryError(f"parameter {param.name}: not an IRI: {e}") from None
    if param.type == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise NamedQueryError(
                f"parameter {param.name}: {value!r} is not a date (YYYY-MM-DD)"
            ) from None
        return ox.Literal(value, datatype=XSD.date)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise NamedQueryError(f"parameter {param.name}: {value!r} is not an integer")
        return ox.Literal(str(int(value)), datatype=XSD.integer)
    raise NamedQueryError(f"parameter {param.name}: unknown type {param.type!r}")


def parse_assignments(assignments: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`name=value` pairs from the command line (the value may contain `=`)."""
    values: dict[str, str] = {}
    for a in assignments:
        name, sep, value = a.partition("=")
        if not sep or not name.strip():
            raise NamedQueryError(f"--param {a!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


def bindings(
    query: NamedQuery, values: dict[str, str]
) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Substitutions for the engine: each given parameter's variable → its RDF term."""
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        raise NamedQueryError(
            f"query {query.name!r} needs --param {missing[0]}=… ({query.param(missing[0]).help})"
        )
    return {ox.Variable(n): term(query.param(n), v) for n, v in values.items()}


def describe(query: NamedQuery) -> str:
    """A few lines for `kg query --list`."""
    lines = [f"{query.name}: {query.question}"]
    for p in query.params:
        need = ", required" if p.required else ""
        lines.append(f"    --param {p.name}=…  ({p.type}{need}) {p.help}")
    return "\n".join(lines)


def inline_values(sparql: str, substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """The query with `VALUES (?v…) { (term…) }` as the first element of its WHERE group.

    Each term is oxigraph's N-Triples serialization (quotes, braces and newlines escaped), so a
    value cannot end the literal or the group it sits in. A VALUES block at the head of the
    group is joined with the rest of it, so a FILTER of that group sees the variable bound:
    the SPARQL 1.1 way to give a query a value, which every conformant engine reads alike."""
    if not substitutions:
        return sparql
    names = [v.value for v in substitutions]
    for n in names:
        if not _VARIABLE.match(n):
            raise ValueError(f"not a variable name: {n!r}")
    terms = []
    for t in substitutions.values():
        if not isinstance(t, ox.NamedNode | ox.Literal):
            raise ValueError(f"cannot bind {t!r}: only IRIs and literals")
        terms.append(str(t))
    block = (f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} ")
    pos, where = 0, None
    while pos < len(sparql):
        m = _SKIP.match(sparql, pos)
        if m:
            pos = m.end()
            continue
        if where is None and _WHERE.match(sparql, pos):
            where = pos
        if sparql[pos] == "{":
            if where is not None or not _WHERE.search(_strip(sparql[pos:])):
                return sparql[: pos + 1] + block + sparql[pos + 1 :]
        pos += 1
    raise ValueError("no WHERE group to bind parameters in")


def _strip(text: str) -> str:
    """The text without strings, IRIs and comments (to look for keywords)."""
    return _SKIP.sub(" ", text)


def render(query: NamedQuery, values: dict[str, str], *, prefixes: bool = True) -> str:
    """A named query's final SPARQL text with its parameter values: the one text every engine
    runs (the embedded store, a SPARQL server, Jena's ARQ over an export), so that they all
    answer the same question. Each given value is checked and made an RDF term (`term`), then
    bound by a VALUES block at the head of the WHERE group; a parameter left out stays
    unbound. A query may mark the places of a parameter's VALUES with comment lines
    `# VALUES ?name` (at the head of each branch of a union, say: some engines, Virtuoso
    among them, lose the rows of a branch with a BIND when the value is joined from outside
    it); the block then stands at each of them. With `prefixes`, kg's PREFIX lines come
    first, so the text stands alone."""
    text, head = query.text, {}
    for var, value in bindings(query, values).items():
        marker = re.compile(rf"^([ \t]*)#[ \t]*VALUES[ \t]+\?{var.value}[ \t]*$", re.M)
        if marker.search(text):
            block = f"VALUES ?{var.value} {{ {value} }}"
            text = marker.sub(lambda m, b=block: m.group(1) + b, text)
        else:
            head[var] = value
    text = inline_values(text, head)
    return sparql_prefixes() + text if prefixes else text


_VALUES_VARS = re.compile(r"\bVALUES\s*\(?((?:\s*\?\w+)+)\s*\)?\s*\{", re.I)
_UNBOUND_TEST = re.compile(r"FILTER\s*\(\s*!\s*BOUND\(\s*\?(\w+)\s*\)\s*\|\|", re.I)


def oxigraph_text(sparql: str) -> str:
    """The embedded engine's speed workarounds on a rendered named query: a parameter left
    out makes its `FILTER(!BOUND(?x) || test)` true on every row, and oxigraph evaluates the
    test (an EXISTS, say) on every row all the same, so the filter is dropped; and its sort
    keys are copied to memory (`oxigraph_sort_keys`). The answers are the same."""
    bound = {v.lstrip("?") for m in _VALUES_VARS.finditer(sparql) for v in m.group(1).split()}
    out, pos = [], 0
    for m in _UNBOUND_TEST.finditer(sparql):
        if m.group(1) in bound or m.start() < pos:
            continue
        depth, i = 0, sparql.index("(", m.start())
        for j in range(i, len(sparql)):
            depth += {"(": 1, ")": -1}.get(sparql[j], 0)
            if depth == 0:
                out.append(sparql[pos : m.start()])
                pos = j + 1
                break
    out.append(sparql[pos:])
    return oxigraph_sort_keys("".join(out))


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)
_STR_KEY = re.compile(r"\bSTR\(\s*\?(\w+)\s*\)", re.I)


def _code_positions(sparql: str) -> list[int]:
    """Offsets of the characters outside strings, IRIs and comments."""
    keep, pos = [], 0
    while pos < len(sparql):
        m = _SKIP.match(sparql, pos)
        if m:
            pos = m.end()
            continue
        keep.append(pos)
        pos += 1
    return keep


def _projection(select_clause: str) -> list[str]:
    """The variables a SELECT clause projects: `?x` at the top level, `(… AS ?x)`."""
    names, depth, i = [], 0, 0
    while i < len(select_clause):
        c = select_clause[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "?" and depth == 0:
            m = re.match(r"\?(\w+)", select_clause[i:])
            if m:
                names.append(m.group(1))
                i += m.end()
                continue
        i += 1
    names += re.findall(r"\bAS\s+\?(\w+)\s*\)", select_clause, re.I)
    order = {n: select_clause.find(f"?{n}") for n in names}
    return sorted(dict.fromkeys(names), key=lambda n: order[n])


def oxigraph_sort_keys(sparql: str) -> str:
    """The embedded store's (oxigraph's) speed workaround for `ORDER BY STR(?x)`: the query
    wrapped so that each sort key is computed once a row, as a copy (`CONCAT("~", STR(?x))`,
    which sorts as STR(?x) does).

    Oxigraph evaluates an ORDER BY expression at each comparison, and a name of the store is
    read back from disk each time (STR(?x) is the same string, so it is read back too); a
    string the query makes that the store does not hold is compared in memory. On the
    positions of a corpus this is a third of the query's time. The published queries order on
    the values themselves (plain SPARQL); only kg's runs on the embedded store are rewritten.
    A query without such a key, or that is not one SELECT with a final ORDER BY, is returned
    as it is."""
    code = _code_positions(sparql)
    text = "".join(sparql[i] for i in code)
    orders = list(_ORDER_BY.finditer(text))
    select = re.search(r"\bSELECT\b", text, re.I)
    if not orders or not select or not _STR_KEY.search(text[orders[-1].end():]):
        return sparql
    order_at, select_at = code[orders[-1].start()], code[select.start()]
    keys = sparql[order_at:]
    if re.search(r"\b(LIMIT|OFFSET)\b", keys, re.I):
        return sparql
    where = _WHERE.search(text, select.end())
    if where is None:
        return sparql
    names = _projection(text[select.end():where.start()].replace("DISTINCT", " "))
    binds, n = [], 0

    def key(m: re.Match[str]) -> str:
        nonlocal n
        n += 1
        binds.append(f'BIND(CONCAT("~", STR(?{m.group(1)})) AS ?kg_sort_{n})')
        return f"?kg_sort_{n}"

    keys = _STR_KEY.sub(key, keys)
    inner = sparql[select_at:order_at].rstrip()
    return (f"{sparql[:select_at]}SELECT {' '.join('?' + v for v in names)} WHERE {{\n"
            f"{{\n{inner}\n}}\n{' '.join(binds)}\n}}\n{keys}")
