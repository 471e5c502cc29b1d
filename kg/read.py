"""Read articles from `.txt`, `.html`, `.jsonl` and `.jsonl.gz` files and folders of them.

Reading is streaming: `iter_articles` yields one `Article` (or one `Problem`) at a time, and a
JSONL file is read line by line, so memory stays bounded whatever the corpus size. A file that
cannot be read gives a `Problem` naming the file (and the line, for JSONL) instead of an
exception, so the caller decides whether to skip it or stop.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.doc import Article

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")


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


def decode_bytes(data: bytes, path: str) -> str | Problem:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-1258, else a Problem."""
    if not data.strip():
        return Problem(path, "empty file")
    if b"\x00" in data[:4096]:
        return Problem(path, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return Problem(path, "not UTF-8 and not Windows-1258 text")
    return text


def _article_stem(path: Path) -> str:
    name = path.name
    for s in SUFFIXES:
        if name.lower().endswith(s):
            return name[: -len(s)]
    return path.stem


def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Problem]:
    """Files to read under `paths`, in a stable order; folders are walked without following
    symbolic links to folders (so a link loop cannot trap the walk)."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield Problem(str(raw), "no such file or directory")
        elif p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for f in sorted(files):
                    fp = Path(root) / f
                    if _suffix(fp) in SUFFIXES:
                        yield fp
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


def read_text_file(path: Path) -> Article | Problem:
    try:
        data = path.read_bytes()
    except OSError as e:
        return Problem(str(path), f"cannot read: {e.strerror or e}")
    text = decode_bytes(data, str(path))
    if isinstance(text, Problem):
        return text
    stem = _article_stem(path)
    if _suffix(path) in (".html", ".htm"):
        return html_to_article(text, stem, str(path))
    return Article(id=stem, text=text, path=str(path))


def read_jsonl(path: Path) -> Iterator[Article | Problem]:
    """One article a line: `id` and `text` required; `url`, `date`, `title`, `source` optional."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            seen_any = False
            for lineno, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                seen_any = True
                yield _jsonl_record(raw, str(path), lineno)
            if not seen_any:
                yield Problem(str(path), "empty file")
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        yield Problem(str(path), f"cannot read: {getattr(e, 'strerror', None) or e}")


def _jsonl_record(raw: bytes, path: str, lineno: int) -> Article | Problem:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        msg = e.msg if isinstance(e, json.JSONDecodeError) else "not UTF-8"
        return Problem(path, f"malformed JSON ({msg})", lineno)
    if not isinstance(obj, dict):
        return Problem(path, "not a JSON object", lineno)
    missing = [k for k in ("id", "text") if not obj.get(k)]
    if missing:
        return Problem(path, f"missing required field {', '.join(missing)}", lineno)
    if not isinstance(obj["text"], str):
        return Problem(path, "field text is not a string", lineno)

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v not in (None, "") else None

    return Article(
        id=str(obj["id"]),
        text=obj["text"],
        title=opt("title"),
        url=opt("url"),
        date=(opt("date") or "")[:10] or None,
        source=opt("source"),
        author=opt("author"),
        path=f"{path}:{lineno}",
    )


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
    body = "\n\n".join(line for line in lines if line)
    m = parser.meta
    title = (m.get("og:title") or parser.title or "").strip() or None
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
        date=date[:10] if date else None,
        source=m.get("og:site_name") or None,
        author=m.get("author") or None,
        path=path,
    )
