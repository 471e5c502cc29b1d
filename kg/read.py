"""Read articles from `.txt`, `.html`, `.jsonl` and `.jsonl.gz` files and folders of them.

Reading is streaming: `iter_articles` yields one `Article` (or one `Problem`) at a time, and a
JSONL file is read line by line, so memory stays bounded whatever the corpus size. A file that
cannot be read gives a `Problem` naming the file (and the line, for JSONL) instead of an
exception, so the caller decides whether to skip it or stop.

Text is UTF-8 (a BOM is fine, UTF-16/32 with a BOM too); text in a legacy Vietnamese
encoding (Windows-1258, TCVN3, VNI), as bytes or as a page that relied on a legacy font, is
detected and converted (`kg.encodings`), and anything else is refused with the reason.
"""

from __future__ import annotations

import codecs
import datetime
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.doc import Article
from kg.encodings import detect_bytes, repair_text

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")
#: Longest article text kg takes, in characters (a long news story is 20,000; a whole law
#: 300,000). Past it the text is a dump rather than an article, and extraction time grows
#: faster than the length, so kg refuses it with the reason instead of running for hours.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True)
class Problem:
    """Something that could not be read: one line for the user."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in SUFFIXES:
        if name.endswith(s):
            return s
    return path.suffix.lower()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters no text file has (all but tab, LF, VT, FF, CR, and ESC/SUB of old files).
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 26, 27))


def decode_bytes(data: bytes, path: str) -> str | Problem:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else a legacy
    Vietnamese encoding that reads as Vietnamese, else a Problem saying why not."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                reason = f"{e.reason} at byte {e.start}"
                return Problem(path, f"broken {encoding.upper()} text ({reason})")
            return text if text.strip() else Problem(path, "empty file")
    if not data.strip():
        return Problem(path, "empty file")
    head = data[:4096]
    if b"\x00" in head or sum(head.count(c) for c in _CONTROL) > len(head) // 100:
        return Problem(path, "binary file (control bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        found = detect_bytes(data)
        if isinstance(found, str):
            return Problem(path, found)
        return found[0]
    return repair_text(text)[0]


def _article_stem(path: Path) -> str:
    name = path.name
    for s in SUFFIXES:
        if name.lower().endswith(s):
            return name[: -len(s)]
    return path.stem


def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Problem]:
    """Files to read under `paths`, in a stable order; folders are walked without following
    symbolic links to folders (so a link loop cannot trap the walk). Paths that cannot be
    listed or opened come back as Problems, one each."""
    for raw in paths:
        p = Path(raw)
        try:
            st = p.stat()
        except OSError as e:
            yield Problem(str(raw), (e.strerror or str(e)).lower() if e.errno else str(e))
            continue
        if stat.S_ISDIR(st.st_mode):
            errors: list[OSError] = []
            for root, dirs, files in os.walk(p, onerror=errors.append, followlinks=False):
                yield from (Problem(e.filename or root, f"cannot list folder: {e.strerror}")
                            for e in errors)
                errors.clear()
                dirs.sort()
                for f in sorted(files):
                    fp = Path(root) / f
                    if _suffix(fp) in SUFFIXES:
                        yield fp
            yield from (Problem(e.filename or str(p), f"cannot list folder: {e.strerror}")
                        for e in errors)
        elif _suffix(p) in SUFFIXES:
            yield p
        else:
            expected = ", ".join(SUFFIXES)
            yield Problem(str(raw), f"unsupported file type (expected one of {expected})")


def iter_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article | Problem]:
    """Every article under `paths`, with a `Problem` for each thing that could not be read."""
    for item in walk(paths):
        if isinstance(item, Problem):
            yield item
            continue
        kind = _suffix(item)
        if kind in (".jsonl", ".jsonl.gz"):
            yield from read_jsonl(item)
        else:
            yield read_text_file(item)


def _open_regular(path: Path) -> Problem | None:
    """A Problem when `path` is not a regular file one can read (a FIFO would block forever,
    a device never ends, a link loop or a dangling link has nothing behind it)."""
    try:
        st = path.stat()
    except OSError as e:
        return Problem(str(path), f"cannot read: {(e.strerror or str(e)).lower()}")
    if not stat.S_ISREG(st.st_mode):
        return Problem(str(path), "cannot read: not a regular file")
    return None


def read_text_file(path: Path) -> Article | Problem:
    bad = _open_regular(path)
    if bad:
        return bad
    try:
        data = path.read_bytes()
    except OSError as e:
        return Problem(str(path), f"cannot read: {(e.strerror or str(e)).lower()}")
    except MemoryError:
        return Problem(str(path), "cannot read: file too large for memory")
    text = decode_bytes(data, str(path))
    if isinstance(text, Problem):
        return text
    stem = _article_stem(path)
    if _suffix(path) in (".html", ".htm"):
        article = html_to_article(text, stem, str(path))
    else:
        article = Article(id=stem, text=text, path=str(path))
    return _check_length(article, str(path))


def _check_length(article: Article | Problem, path: str, line: int | None = None
                  ) -> Article | Problem:
    if isinstance(article, Article) and len(article.text) > MAX_ARTICLE_CHARS:
        return Problem(path, f"article too long ({len(article.text):,} characters; kg takes "
                             f"at most {MAX_ARTICLE_CHARS:,} an article: split it)", line)
    return article


def read_jsonl(path: Path) -> Iterator[Article | Problem]:
    """One article a line: `id` and `text` required; `url`, `date`, `title`, `source` optional."""
    bad = _open_regular(path)
    if bad:
        yield bad
        return
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            seen_any = False
            for lineno, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                seen_any = True
                yield _check_length(_jsonl_record(raw, str(path), lineno), str(path), lineno)
            if not seen_any:
                yield Problem(str(path), "empty file")
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        yield Problem(str(path), f"cannot read: {reason}")


def _jsonl_record(raw: bytes, path: str, lineno: int) -> Article | Problem:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        msg = e.msg if isinstance(e, json.JSONDecodeError) else "not UTF-8"
        return Problem(path, f"malformed JSON ({msg})", lineno)
    if not isinstance(obj, dict):
        return Problem(path, "not a JSON object", lineno)
    missing = [k for k in ("id", "text") if obj.get(k) in (None, "")]
    if missing:
        return Problem(path, f"missing required field {', '.join(missing)}", lineno)
    if isinstance(obj["id"], bool) or not isinstance(obj["id"], str | int) or not str(
        obj["id"]
    ).strip():
        return Problem(path, "field id is not a non-blank string or number", lineno)
    if not isinstance(obj["text"], str):
        return Problem(path, "field text is not a string", lineno)
    if not obj["text"].strip():
        return Problem(path, "field text is blank", lineno)

    def opt(key: str) -> str | None:
        v = obj.get(key)
        if v in (None, "") or isinstance(v, dict | list):
            return None
        return repair_text(str(v))[0]

    return Article(
        id=str(obj["id"]).strip(),
        text=repair_text(obj["text"])[0],
        title=opt("title"),
        url=opt("url"),
        date=iso_date(opt("date")),
        source=opt("source"),
        author=opt("author"),
        path=f"{path}:{lineno}",
    )


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: str | None) -> str | None:
    """The YYYY-MM-DD date at the start of `value` ("2024-05-02T10:00:00" → "2024-05-02"),
    or None when there is no real date there (a date that is not a date is left out rather
    than stored as a wrong xsd:date)."""
    m = _DATE.match(value.strip()) if value else None
    if not m:
        return None
    try:
        return datetime.date.fromisoformat(m.group(0)).isoformat()
    except ValueError:
        return None


class _MainText(HTMLParser):
    """Collect a page's title, metadata and visible text, skipping scripts, styles, navigation,
    headers, footers and asides."""

    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form", "svg",
            "template", "iframe", "button", "select"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
             "article", "figcaption", "blockquote", "ul", "ol", "table", "main"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.parts: list[str] = []
        self.article_parts: list[str] | None = None
        self.article_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name") or a.get("itemprop")
            if key and a.get("content"):
                self.meta.setdefault(key.lower(), a["content"])
            return
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)


def html_to_article(html: str, stem: str, path: str) -> Article | Problem:
    parser = _MainText()
    try:
        parser.feed(html)
        parser.close()
    except Exception as e:  # html.parser is lenient; this is a last resort
        return Problem(path, f"cannot parse HTML: {e}")
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    body = repair_text("\n\n".join(line for line in lines if line))[0]
    m = parser.meta
    title = repair_text((m.get("og:title") or parser.title or "").strip())[0] or None
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    if not body.strip():
        return Problem(path, "HTML page has no text")
    date = m.get("article:published_time") or m.get("datepublished") or m.get("pubdate")
    return Article(
        id=stem,
        text=body,
        title=title,
        url=m.get("og:url") or None,
        date=iso_date(date),
        source=m.get("og:site_name") or None,
        author=m.get("author") or None,
        path=path,
    )
