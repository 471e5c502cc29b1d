"""Score the graph against an answer key: `kg eval KEY.json`.

A user who annotates a few of their own articles by the rules of the annotation guide (the
format of the seeds' key: one object per article with `doc`, `people`, `roles`,
`organizations`, `legal_documents`, `places`, `programs`, `claims`) can measure kg on them
without the project's scorer beside the repository. The categories, the matching and the
table are those of the shared scorer (`eval/score.py`), so that the two give the same numbers
on the same graph: the graph is read only through the public contract's vocabulary
(schema.org, W3C ORG, ELI, PROV-O, SKOS), names are compared case-folded with spaces
collapsed, a program's name without its period or horizon, a document's number without spaces.

The graph is the store (or a SPARQL server) or an export file (`--export FILE`: Turtle,
TriG, N-Triples, N-Quads or JSON-LD), its named graphs read as one union.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox


class EvalError(Exception):
    """A key or an export that cannot be read: one line for the user."""


class _Queryable(Protocol):
    def query(self, sparql: str) -> Any: ...


PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
LABEL = "(schema:name|skos:prefLabel|skos:altLabel|rdfs:label)"

#: One query a category, as the shared scorer asks them (same variables, same patterns).
QUERIES = {
    "people": f"""SELECT DISTINCT ?doc ?p ?name WHERE {{
        ?a a schema:NewsArticle ; schema:identifier ?doc ; schema:mentions ?p .
        ?p a schema:Person ; {LABEL} ?name . }}""",
    "roles": f"""SELECT DISTINCT ?doc ?m ?name ?role ?org WHERE {{
        ?m a org:Membership ; org:member ?p ; org:role ?r ; prov:wasDerivedFrom ?a .
        ?a schema:identifier ?doc .
        ?p {LABEL} ?name . ?r {LABEL} ?role .
        OPTIONAL {{ ?m org:organization ?o . ?o {LABEL} ?org . }} }}""",
    "organizations": f"""SELECT DISTINCT ?doc ?o ?label WHERE {{
        ?a a schema:NewsArticle ; schema:identifier ?doc ; schema:mentions ?o .
        ?o a org:Organization ; {LABEL} ?label . }}""",
    "legal_documents": """SELECT DISTINCT ?doc ?id ?date WHERE {
        ?a a schema:NewsArticle ; schema:identifier ?doc ; schema:mentions ?d .
        ?d a eli:LegalResource ; eli:id_local ?id .
        OPTIONAL { ?d eli:date_document ?date } }""",
    "places": f"""SELECT DISTINCT ?doc ?pl ?name WHERE {{
        ?a a schema:NewsArticle ; schema:identifier ?doc ; schema:mentions ?pl .
        ?pl a schema:AdministrativeArea ; {LABEL} ?name . }}""",
    "programs": f"""SELECT DISTINCT ?doc ?pr ?label ?by WHERE {{
        ?a a schema:NewsArticle ; schema:identifier ?doc ; schema:mentions ?pr .
        ?pr a prov:Plan ; {LABEL} ?label .
        OPTIONAL {{ ?d a eli:LegalResource ; eli:id_local ?by ; ?link ?pr . }} }}""",
    "claims": f"""SELECT DISTINCT ?doc ?c ?name ?text WHERE {{
        ?c a schema:Claim ; schema:author ?p ; schema:text ?text ; schema:appearance ?a .
        ?a schema:identifier ?doc . ?p {LABEL} ?name . }}""",
}

#: The categories in the order of the table, and those whose mean F1 is the overall score
#: (the others are recall-only refinements: a role's body, a document's date, a program's
#: approving decision).
CATEGORIES = ["people", "roles", "roles+org", "organizations", "legal_documents", "legal_dates",
              "places", "programs", "programs+decision", "claims"]
MAIN_CATEGORIES = ["people", "roles", "organizations", "legal_documents", "places", "programs",
                   "claims"]

EXPORT_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                  ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
                  ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD}

#: What each key field must be, so that a malformed key is one line naming the article.
_LIST_FIELDS = ("people", "roles", "organizations", "legal_documents", "places", "programs",
                "claims")


# -- normalization: exactly the scorer's ------------------------------------------------------

def norm(s: str) -> str:
    """NFC, no-break spaces and runs of spaces made one space, trimmed, case-folded."""
    s = unicodedata.normalize("NFC", str(s))
    s = s.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().casefold()


PLACE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?|tp)\s*", re.I)
PLACE_ALIASES = {"hcm": "hồ chí minh", "tp.hcm": "hồ chí minh", "tphcm": "hồ chí minh",
                 "thành phố hồ chí minh": "hồ chí minh", "sài gòn": "hồ chí minh"}


def norm_place(s: str) -> str:
    """A province's name without "tỉnh"/"thành phố", Sài Gòn and TP.HCM as Hồ Chí Minh."""
    s = norm(s)
    s = PLACE_ALIASES.get(s, s)
    s = PLACE_PREFIX.sub("", s).strip()
    return PLACE_ALIASES.get(s, s)


def norm_docid(s: str) -> str:
    """A document number upper-cased without spaces (the look-alike capital eth made Đ)."""
    s = unicodedata.normalize("NFC", str(s)).upper().replace(" ", "")
    return s.replace("Ð", "Đ")


PROGRAM_TAIL = re.compile(r"[,\s]*(?:(?:với\s+)?tầm nhìn|định hướng|giai đoạn|đến năm|năm)\b.*$"
                          r"|[,\s]*\d{4}\s*[-–]\s*\d{4}\s*$")


def norm_program(s: str) -> str:
    """A program's name without quotes, bracketed abbreviations and its period or horizon:
    "Đề án “X” đến năm 2025, định hướng đến năm 2030" and "Đề án X" are one name."""
    s = norm(re.sub(r"[“”\"'‘’]", "", s))
    s = re.sub(r"\s*\([^)]*\)", "", s)
    return PROGRAM_TAIL.sub("", s).strip(" ,")


def tokens(s: str) -> list[str]:
    return re.findall(r"\w+", norm(s))


# -- reading the key and the graph -------------------------------------------------------------

def load_key(path: Path) -> list[dict]:
    """The answer key, checked for the guide's shape; an `EvalError` says what is wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EvalError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise EvalError(f"{path}: is a folder, not a key file") from None
    except OSError as e:
        raise EvalError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        key = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise EvalError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise EvalError(f"{path}: not JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    if isinstance(key, dict) and "doc" in key:
        key = [key]  # one article's annotation, as check_annotation.py also takes
    if not isinstance(key, list):
        raise EvalError(f"{path}: an answer key is a JSON list of articles, "
                        f"one object each with a \"doc\" id (got a {type(key).__name__})")
    for i, art in enumerate(key):
        _check_article(path, i, art)
    return key


def _check_article(path: Path, i: int, art: Any) -> None:
    where = f"{path}: article {i + 1}"
    if not isinstance(art, dict):
        raise EvalError(f"{where}: not an object but a {type(art).__name__}")
    if not isinstance(art.get("doc"), str) or not art["doc"]:
        raise EvalError(f"{where}: no \"doc\" id (a string)")
    where = f"{path}: article {art['doc']!r}"
    for field in _LIST_FIELDS:
        if field in art and not isinstance(art[field], list):
            raise EvalError(f"{where}: \"{field}\" is not a list")
    checks: list[tuple[str, Callable[[Any], bool], str]] = [
        ("people", lambda x: isinstance(x, str), "a name"),
        ("places", lambda x: isinstance(x, str), "a name"),
        ("organizations", lambda x: isinstance(x, list) and all(isinstance(a, str) for a in x),
         "a list of names"),
        ("roles", lambda x: isinstance(x, dict) and isinstance(x.get("person"), str)
         and isinstance(x.get("role"), str) and isinstance(x.get("org") or [], list),
         "an object with \"person\", \"role\" and an \"org\" list"),
        ("legal_documents", lambda x: isinstance(x, dict) and isinstance(x.get("id"), str)
         and isinstance(x.get("date") or "", str), "an object with an \"id\""),
        ("programs", lambda x: isinstance(x, dict) and isinstance(x.get("names"), list)
         and all(isinstance(n, str) for n in x["names"])
         and isinstance(x.get("approved_by") or "", str), "an object with a \"names\" list"),
        ("claims", lambda x: isinstance(x, dict) and isinstance(x.get("snippet"), str)
         and (isinstance(x.get("speaker"), str) or (isinstance(x.get("speaker"), list)
              and all(isinstance(s, str) for s in x["speaker"]))),
         "an object with a \"speaker\" and a \"snippet\""),
    ]
    for field, ok, what in checks:
        for j, item in enumerate(art.get(field) or []):
            if not ok(item):
                raise EvalError(f"{where}: {field} item {j + 1} is not {what}")


def load_export(paths: Iterable[Path]) -> ox.Store:
    """The export files in one in-memory store (their named graphs are read as one union)."""
    store = ox.Store()
    for path in paths:
        fmt = EXPORT_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise EvalError(f"{path}: unknown RDF file type (use .ttl, .trig, .nt, .nq or "
                            ".jsonld)")
        try:
            with open(path, "rb") as f:
                store.bulk_load(f, fmt)
        except FileNotFoundError:
            raise EvalError(f"{path}: no such file") from None
        except OSError as e:
            raise EvalError(f"{path}: cannot read: {e.strerror or e}") from None
        except SyntaxError as e:
            raise EvalError(f"{path}: not valid RDF: {str(e).splitlines()[0]}") from None
    return store


def from_store(store: Any) -> ox.Store:
    """The store's graph as its Turtle export, loaded into memory as the scorer loads a file.

    The scorer's matching of claims is greedy (each extracted claim is taken by the first gold
    claim it fits, in the order the rows come), so the order of the rows can change a score;
    reading the store through the same export the scorer would read makes the two agree
    exactly, at the cost of one export (seconds for thousands of articles)."""
    buf = io.BytesIO()
    store.export(buf, "turtle")
    buf.seek(0)
    mem = ox.Store()
    mem.bulk_load(buf, ox.RdfFormat.TURTLE)
    return mem


class _Union:
    """An in-memory store of an export, queried over the union of its named graphs."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, sparql: str) -> Any:
        return self.store.query(sparql, use_default_graph_as_union=True)


def as_source(graph: ox.Store | _Queryable) -> _Queryable:
    """A store to score: kg's (which queries its union itself) or an export's in-memory one."""
    return _Union(graph) if isinstance(graph, ox.Store) else graph


def select(source: _Queryable, name: str) -> list[dict[str, str | None]]:
    """The rows of one category's query, each a {variable: value or None}."""
    rows = source.query(PREFIXES + QUERIES[name])
    names = [v.value for v in rows.variables]
    out = []
    for sol in rows:
        row: dict[str, str | None] = {}
        for var in names:
            v = sol[var]
            row[var] = None if v is None else v.value
        out.append(row)
    return out


# -- scoring -----------------------------------------------------------------------------------

@dataclass
class Tally:
    """True and false positives and false negatives of one category, micro-averaged."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1; all 1.0 when there was nothing to find and nothing found."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        if self.tp + self.fp + self.fn == 0:
            p = r = f = 1.0
        return p, r, f


def _set_score(gold: set, pred: set) -> tuple[int, int, int]:
    tp = len(gold & pred)
    return tp, len(pred - gold), len(gold - pred)


def _entities(rows: list[dict], key: str, fields: dict[str, Callable[[str], Any]]) -> dict:
    """Group query rows by entity IRI: {iri: {field: set of normalized values}}."""
    out: dict = {}
    for r in rows:
        e = out.setdefault(r[key], {f: set() for f in fields})
        for f, fn in fields.items():
            if r.get(f) is not None:
                e[f].add(fn(r[f]))
    return out


def _tally_names(tally: Tally, misses: dict, cat: str, doc: str, gold: set, ents: dict) -> None:
    """Gold names against predicted entities, each found by any of its labels."""
    found = {n for n in gold if any(n in labels for v in ents.values() for labels in v.values())}
    extra = [e for e, v in ents.items() if not any(labels & gold for labels in v.values())]
    tally.add(len(found), len(extra), len(gold) - len(found))
    misses[cat] += [(doc, n) for n in gold - found]
    misses[cat + "-extra"] += [(doc, sorted(next(iter(ents[e].values())))[:1]) for e in extra]


def score(key: list[dict], graph: ox.Store | _Queryable,
          only: set[str] | None = None) -> tuple[dict[str, Tally], dict[str, list]]:
    """Each category's tally over the key's articles, and what was missed or extra."""
    source = as_source(graph)
    got: dict[str, defaultdict[str, list]] = {k: defaultdict(list) for k in QUERIES}
    for k in QUERIES:
        for row in select(source, k):
            got[k][row["doc"]].append(row)
    tallies = {k: Tally() for k in CATEGORIES}
    misses: defaultdict[str, list] = defaultdict(list)
    for g in key:
        doc = g["doc"]
        if only and doc not in only:
            continue
        _score_people(g, got, tallies, misses)
        _score_roles(g, got, tallies, misses)
        _score_organizations(g, got, tallies, misses)
        _score_legal(g, got, tallies, misses)
        gpl = {norm_place(x) for x in g.get("places") or []}
        places = _entities(got["places"][doc], "pl", {"name": norm_place})
        _tally_names(tallies["places"], misses, "places", doc, gpl, places)
        _score_programs(g, got, tallies, misses)
        _score_claims(g, got, tallies, misses)
    return tallies, misses


def _score_people(g: dict, got: dict, tallies: dict, misses: dict) -> None:
    """One predicted person per IRI, found by any of its labels."""
    doc = g["doc"]
    gp = {norm(x) for x in g.get("people") or []}
    people = _entities(got["people"][doc], "p", {"name": norm})
    _tally_names(tallies["people"], misses, "people", doc, gp, people)


def _score_roles(g: dict, got: dict, tallies: dict, misses: dict) -> None:
    """(person, role) per membership; and, recall only, with one of the body's names."""
    doc = g["doc"]
    gr = {(norm(r["person"]), norm(r["role"])) for r in g.get("roles") or []}
    ms = _entities(got["roles"][doc], "m", {"name": norm, "role": norm, "org": norm})
    matched = set()
    for k in gr:
        hit = [m for m, v in ms.items() if k[0] in v["name"] and k[1] in v["role"]]
        if hit:
            matched.update(hit)
        else:
            misses["roles"].append((doc, k))
    found = sum(1 for k in gr if any(k[0] in v["name"] and k[1] in v["role"]
                                     for v in ms.values()))
    extra = [m for m in ms if m not in matched]
    misses["roles-extra"] += [(doc, sorted(ms[m]["name"])[:1], sorted(ms[m]["role"])[:1])
                              for m in extra]
    tallies["roles"].add(found, len(extra), len(gr) - found)
    tp = fn = 0
    for r in g.get("roles") or []:
        k = (norm(r["person"]), norm(r["role"]))
        aliases = {norm(a) for a in r.get("org") or []}
        if not aliases:
            continue
        if any(k[0] in v["name"] and k[1] in v["role"] and aliases & v["org"]
               for v in ms.values()):
            tp += 1
        else:
            fn += 1
            misses["roles+org"].append((doc, k, sorted(aliases)))
    tallies["roles+org"].add(tp, 0, fn)


def _score_organizations(g: dict, got: dict, tallies: dict, misses: dict) -> None:
    """A gold body is found when any label of an extracted body is one of its aliases."""
    doc = g["doc"]
    orgs = _entities(got["organizations"][doc], "o", {"label": norm})
    gold_orgs = [{norm(a) for a in aliases} for aliases in g.get("organizations") or []]
    matched_pred = set()
    tp = fn = 0
    for aliases in gold_orgs:
        hit = [o for o, v in orgs.items() if v["label"] & aliases]
        if hit:
            tp += 1
            matched_pred.update(hit)
        else:
            fn += 1
            misses["organizations"].append((doc, sorted(aliases)))
    extra = set(orgs) - matched_pred
    misses["organizations-extra"] += [(doc, sorted(orgs[o]["label"])[:2]) for o in extra]
    tallies["organizations"].add(tp, len(extra), fn)


def _score_legal(g: dict, got: dict, tallies: dict, misses: dict) -> None:
    """Documents by number; their signing dates, recall only."""
    doc = g["doc"]
    gl = {norm_docid(d["id"]): d for d in g.get("legal_documents") or []}
    pl: defaultdict[str, set] = defaultdict(set)
    for r in got["legal_documents"][doc]:
        pl[norm_docid(r["id"])].add((r.get("date") or "")[:10])
    tallies["legal_documents"].add(*_set_score(set(gl), set(pl)))
    misses["legal_documents"] += [(doc, x) for x in set(gl) - set(pl)]
    misses["legal_documents-extra"] += [(doc, x) for x in set(pl) - set(gl)]
    tp = fn = 0
    for k, d in gl.items():
        if d.get("date"):
            if d["date"] in pl.get(k, set()):
                tp += 1
            else:
                fn += 1
                misses["legal_dates"].append((doc, k, d["date"]))
    tallies["legal_dates"].add(tp, 0, fn)


def _score_programs(g: dict, got: dict, tallies: dict, misses: dict) -> None:
    """A gold program is found when any label of an extracted plan matches any of its names;
    +decision: the approving document links to it (any predicate)."""
    doc = g["doc"]
    progs = _entities(got["programs"][doc], "pr", {"label": norm_program, "by": norm_docid})
    matched_pred = set()
    tp = fn = dtp = dfn = 0
    for pg in g.get("programs") or []:
        names = {norm_program(n) for n in pg["names"]}
        hit = [o for o, v in progs.items() if v["label"] & names]
        if hit:
            tp += 1
            matched_pred.update(hit)
        else:
            fn += 1
            misses["programs"].append((doc, sorted(names)[:2]))
        if pg.get("approved_by"):
            if any(norm_docid(pg["approved_by"]) in progs[o]["by"] for o in hit):
                dtp += 1
            else:
                dfn += 1
                misses["programs+decision"].append((doc, sorted(names)[:1], pg["approved_by"]))
    extra = set(progs) - matched_pred
    misses["programs-extra"] += [(doc, sorted(progs[o]["label"])[:2]) for o in extra]
    tallies["programs"].add(tp, len(extra), fn)
    tallies["programs+decision"].add(dtp, 0, dfn)


def _score_claims(g: dict, got: dict, tallies: dict, misses: dict) -> None:
    """Same speaker (a person's name, or any name of a body), and at least 60% of the gold
    snippet's words inside the claim's text; each extracted claim matches once."""
    doc = g["doc"]
    preds = [(v["name"], set(tokens(" ".join(v["text"]))))
             for v in _entities(got["claims"][doc], "c", {"name": norm, "text": str}).values()]
    used: set[int] = set()
    tp = fn = 0
    for c in g.get("claims") or []:
        sp = c["speaker"]
        speakers = {norm(x) for x in ([sp] if isinstance(sp, str) else sp)}
        snip = tokens(c["snippet"])
        hit = None
        for i, (names, toks) in enumerate(preds):
            if i in used or not (names & speakers) or not snip:
                continue
            if sum(t in toks for t in snip) / len(snip) >= 0.6:
                hit = i
                break
        if hit is None:
            fn += 1
            misses["claims"].append((doc, sp, c["snippet"]))
        else:
            tp += 1
            used.add(hit)
    fp = len(preds) - len(used)
    misses["claims-extra"] += [(doc, sorted(preds[i][0])[:1], " ".join(sorted(preds[i][1]))[:60])
                               for i in range(len(preds)) if i not in used]
    tallies["claims"].add(tp, fp, fn)


# -- reporting ---------------------------------------------------------------------------------

def result(tallies: dict[str, Tally]) -> dict[str, Any]:
    """The scores as the scorer's `--json` prints them: per category P, R, F1 (rounded to
    three places), tp, fp, fn, and the overall F1 (the mean of the main categories' F1)."""
    cats = {}
    for k, t in tallies.items():
        p, r, f = t.prf()
        cats[k] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                   "tp": t.tp, "fp": t.fp, "fn": t.fn}
    overall = sum(cats[k]["f1"] for k in MAIN_CATEGORIES) / len(MAIN_CATEGORIES)
    return {"categories": cats, "overall_f1": round(overall, 3)}


def table(res: dict[str, Any], misses: dict[str, list] | None = None) -> str:
    """The scorer's table (and with `misses`, one line for each miss and extra)."""
    lines = [f"{'category':18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for k, v in res["categories"].items():
        lines.append(f"{k:18} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} "
                     f"{v['tp']:5} {v['fp']:5} {v['fn']:5}")
    if misses is not None:
        for k, items in misses.items():
            for it in items:
                lines.append(f"  {k}: {it}")
    overall = sum(res["categories"][k]["f1"] for k in MAIN_CATEGORIES) / len(MAIN_CATEGORIES)
    lines.append(f"overall F1 {overall:.3f}")
    return "\n".join(lines)
