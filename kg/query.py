"""Run SPARQL against the store and print the results for people and for other tools."""

from __future__ import annotations

import io
import re
import sys
from typing import IO

import pyoxigraph as ox

from kg.vocab import PREFIXES

RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


def short(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    """A term as a person reads it: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for p, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{p}:{term.value[len(iri):]}"
        return term.value
    return term.value


def table(variables: list[str], rows: list[list[str]], width: int = 80) -> str:
    """A plain text table, columns capped at `width` characters."""
    cells = [[v[:width] + ("…" if len(v) > width else "") for v in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(variables)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(variables, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(out)


def write_results(result: object, fmt: str, out: IO[str] | None = None) -> int:
    """Print a query result in `fmt` (table, csv, tsv, json); returns the number of rows."""
    out = out or sys.stdout
    if isinstance(result, ox.QueryBoolean):
        out.write(("true" if bool(result) else "false") + "\n")
        return 1
    if isinstance(result, ox.QueryTriples):
        buf = io.BytesIO()
        triples = list(result)
        ox.serialize(triples, buf, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        out.write(buf.getvalue().decode("utf-8"))
        return len(triples)
    assert isinstance(result, ox.QuerySolutions)
    if fmt in RESULT_FORMATS:
        buf = io.BytesIO()
        result.serialize(buf, RESULT_FORMATS[fmt])
        text = buf.getvalue().decode("utf-8")
        out.write(text if text.endswith("\n") else text + "\n")
        return -1
    variables = [v.value for v in result.variables]
    rows = [[short(sol[v]) for v in variables] for sol in result]
    out.write(table(variables, rows) + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return len(rows)


# The prologue of a SPARQL request (blanks, comments, BASE and PREFIX), then its first keyword:
# a query starts with SELECT/CONSTRUCT/DESCRIBE/ASK, an update with one of UPDATE_KEYWORDS.
_PROLOGUE = re.compile(r"\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>", re.I)
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                   "WITH"}


def is_update(sparql: str) -> bool:
    """True for a SPARQL Update request, which changes the store (kg refuses it by default)."""
    pos = 0
    while (m := _PROLOGUE.match(sparql, pos)) and m.end() > pos:
        pos = m.end()
    word = re.match(r"[A-Za-z]+", sparql[pos:])
    return bool(word) and word.group(0).upper() in UPDATE_KEYWORDS


_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")


def syntax_error_message(error: SyntaxError) -> str:
    """oxigraph's "error at 4:18: expected ..." as one line a person reads: where, then what."""
    first = (str(error).splitlines() or [""])[0]
    m = _POSITION.match(first)
    if m:
        return (f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: "
                f"{first[m.end():]}")
    return f"SPARQL syntax error: {first}"
