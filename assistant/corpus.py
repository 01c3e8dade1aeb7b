"""A corpus folder -> Documents: the article, its sources and their fetched originals.

A corpus is a folder::

    corpus.yaml               optional: name, title, subject, aliases, examples
    article.md                the article (.md, .txt, .html or .pdf)
    sources/<id>.md           each source, same formats; the doc id is the file stem
    sources/fetched/<id>.md   fetched originals (``ingest --fetch``)

Every file may start with YAML front matter (title, url, date, publisher, author,
provenance, number; ``outlet`` is read as publisher; other keys are kept in ``meta``). What
is missing is derived: the title from the first heading or line, the date from the text.
The body is cleaned of page furniture (:mod:`assistant.debris`) and its tables are rendered
as one line per row (:mod:`assistant.formats`); ``Document.text`` is that clean body and
every passage offset refers to it. A malformed file is skipped and reported in
``Corpus.problems`` (``strict=True`` raises instead), so one bad file never stops an ingest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from assistant.debris import clean_text
from assistant.errors import CorpusError
from assistant.formats import SUFFIXES, Reference, find_date, read_document, render_body
from assistant.formats import reference_list as _reference_list

__all__ = [
    "DOCUMENT_KINDS",
    "Corpus",
    "CorpusError",
    "CorpusProfile",
    "Document",
    "Reference",
    "load_corpus",
    "load_document",
]

log = logging.getLogger(__name__)

DocumentKind = Literal["article", "source", "fetched"]
DOCUMENT_KINDS: tuple[str, ...] = ("article", "source", "fetched")
ARTICLE_STEM = "article"
SOURCES_DIR = "sources"
FETCHED_DIR = "fetched"
PROFILE_FILE = "corpus.yaml"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Document:
    """One corpus file: the article, a source, or a fetched original of a source."""

    id: str
    kind: DocumentKind
    title: str
    url: str
    text: str
    path: Path
    date: str | None = None
    publisher: str | None = None
    author: str | None = None
    provenance: str | None = None
    number: int | None = None
    # The whole front matter; a dict cannot be hashed, so it stays out of __hash__.
    meta: dict = field(default_factory=dict, hash=False, repr=False, compare=False)

    @property
    def key(self) -> str:
        """Unique across the corpus: a fetched original shares its source's id."""
        return f"{self.id}:fetched" if self.kind == "fetched" else self.id

    @property
    def content_hash(self) -> str:
        """sha256 of everything that ends up in an indexed passage, to skip re-embedding."""
        payload = {name: getattr(self, name) for name in _HASHED}
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


_HASHED = ("id", "kind", "title", "url", "date", "publisher", "number", "text")


@dataclass(frozen=True)
class CorpusProfile:
    """What the corpus is about: shown in the UI and prompts, stored in the index manifest."""

    name: str
    title: str
    subject: str
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    directory: Path = Path(".")

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        return {**data, "aliases": list(self.aliases), "examples": list(self.examples),
                "directory": str(self.directory)}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CorpusProfile:
        text = {k: str(data.get(k) or "") for k in ("name", "title", "subject")}
        lists = {k: tuple(str(v) for v in data.get(k) or ()) for k in ("aliases", "examples")}
        return cls(**text, **lists, directory=Path(data.get("directory") or "."))


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus. Iterating it yields its documents (article first)."""

    documents: list[Document]
    profile: CorpusProfile
    references: dict[int, str] = field(default_factory=dict)  # number -> source doc id
    problems: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)  # doc key -> the key it copies
    cited: tuple[Reference, ...] = ()  # the article's reference list, as printed

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, index: int) -> Document:
        return self.documents[index]

    @property
    def article(self) -> Document:
        return self.documents[0]

    def get(self, doc_id: str) -> Document | None:
        """The document with this key (or id; the source wins over its fetched original)."""
        by_key = next((d for d in self.documents if d.key == doc_id), None)
        return by_key or next((d for d in self.documents if d.id == doc_id), None)


# --------------------------------------------------------------------------- one document


def _optional_str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def _pick(*values: Any) -> str | None:
    """The first value given that is a non-empty string (front matter before derived)."""
    return next((text for value in values if (text := _optional_str(value))), None)


def _number(value: Any, path: Path) -> int | None:
    text = "" if value is None else str(value).strip().strip("[]")
    if text and not text.isdigit():
        raise CorpusError(f"{path}: number {value!r} is not a whole number — fix 'number'")
    return int(text) if text else None


def _first_heading_or_line(text: str) -> str:
    heading = re.search(r"^#{1,6}\s+(.*\S)", text, flags=re.MULTILINE)
    line = heading.group(1) if heading else next((x for x in text.split("\n") if x.strip()), "")
    return line.strip()[:200]


def load_document(path: Path, kind: DocumentKind | None = None) -> Document:
    """Read, clean and describe one corpus file; raises CorpusError naming file and fix."""
    path = Path(path)
    kind = kind or _kind_from_path(path)
    raw = read_document(path)
    meta, derived = dict(raw.meta), raw.derived
    author = _pick(meta.get("author"), derived.get("author"))
    body = clean_text(raw.body, author=author, plain=raw.format in ("text", "pdf"))
    text = render_body(body).strip("\n")
    text = f"{text}\n" if text else ""
    return Document(
        id=path.stem,
        kind=kind,
        title=_pick(meta.get("title"), derived.get("title"), _first_heading_or_line(text))
        or path.stem,
        url=_pick(meta.get("url"), derived.get("url")) or "",
        text=text,
        path=path,
        date=_pick(meta.get("date"), derived.get("date"), find_date(raw.body)),
        publisher=_pick(meta.get("publisher"), meta.get("outlet"), derived.get("publisher")),
        author=author,
        provenance=_pick(meta.get("provenance")),
        number=_number(meta.get("number"), path),
        meta=meta,
    )


def _kind_from_path(path: Path) -> DocumentKind:
    if path.parent.name == SOURCES_DIR:
        return "source"
    return "fetched" if path.parent.parent.name == SOURCES_DIR else "article"


# --------------------------------------------------------------------------- the folder


def _natural(path: Path) -> tuple:
    # source-2 before source-10
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path.stem.lower()))


def _files(folder: Path, problems: list[str]) -> list[Path]:
    """One file per stem (the first supported suffix wins), in natural order."""
    if not folder.is_dir():
        return []
    chosen: dict[str, Path] = {}
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES]
    for path in sorted(files, key=lambda p: SUFFIXES.index(p.suffix.lower())):
        if path.name.startswith("."):
            continue
        if path.stem in chosen:
            problems.append(f"{path}: ignored, {chosen[path.stem].name} has the same id — "
                            "keep one format of each document")  # fmt: skip
            continue
        chosen[path.stem] = path
    return sorted(chosen.values(), key=_natural)


def _article_path(corpus_dir: Path) -> Path:
    paths = (corpus_dir / f"{ARTICLE_STEM}{suffix}" for suffix in SUFFIXES)
    if found := next((path for path in paths if path.is_file()), None):
        return found
    raise CorpusError(
        f"no article in {corpus_dir} — add article.md (or .txt, .html, .pdf) with the "
        "article's text; its sources go in sources/"
    )


def _read_profile_file(corpus_dir: Path, problems: list[str]) -> dict[str, Any]:
    path = corpus_dir / PROFILE_FILE
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(f"{path}: not readable YAML ({type(exc).__name__}) — fix or remove it")
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path}: must be a YAML mapping (name:, title:, subject:) — fix it")
        return {}
    return data


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "corpus"


def _strings(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(str(v).strip() for v in items if str(v).strip())


def _infer_subject(title: str, text: str) -> tuple[str, tuple[str, ...]]:
    try:
        from assistant.subject import infer_subject
    except ImportError:  # subject.py is optional at this layer
        log.warning("assistant.subject is unavailable; the corpus subject is left empty")
        return "", ()
    subject, aliases = infer_subject(title, text)
    return subject or "", tuple(aliases or ())


def _profile(corpus_dir: Path, data: dict[str, Any], article: Document) -> CorpusProfile:
    subject = _optional_str(data.get("subject")) or ""
    aliases = _strings(data.get("aliases"))
    if not subject:
        subject, inferred = _infer_subject(article.title, article.text)
        aliases = aliases or inferred
    return CorpusProfile(
        name=_slug(str(data.get("name") or corpus_dir.resolve().name)),
        title=_optional_str(data.get("title")) or article.title,
        subject=subject,
        aliases=aliases,
        examples=_strings(data.get("examples")),
        directory=corpus_dir,
    )


def _normal_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().casefold()


def _normal_url(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?", "", url.strip().lower()).rstrip("/")


def _duplicates(documents: list[Document]) -> dict[str, str]:
    """Later files whose title or URL repeats an earlier one's (the article comes first)."""
    seen: dict[tuple[str, str], Document] = {}
    found: dict[str, str] = {}
    for doc in documents:
        keys = (("title", _normal_title(doc.title)), ("url", _normal_url(doc.url)))
        for field_name, value in keys:
            if not value:
                continue
            first = seen.get((field_name, value))
            # A fetched original repeats its own source's title and URL by design.
            if first is not None and first.id != doc.id and doc.key not in found:
                found[doc.key] = first.key
                log.warning("%s repeats the %s of %s", doc.path, field_name, first.path)
            seen.setdefault((field_name, value), doc)
    return found


def _title_matches(cited: str, title: str) -> bool:
    """Reference lists often cut long titles ("Time to Hold or Cut ...")."""
    cited = _normal_title(re.sub(r"\s*(?:\.\.\.|…)\s*$", "", cited))
    title = _normal_title(title)
    return bool(cited) and (cited == title or (len(cited) >= 20 and title.startswith(cited)))


def _match_references(
    cited: list[Reference], sources: list[Document]
) -> tuple[list[Document], dict[int, str], list[Reference]]:
    """Map reference numbers to source ids: front matter ``number``, else URL, else title."""
    references: dict[int, str] = {d.number: d.id for d in sources if d.number is not None}
    numbered = {d.id for d in sources if d.number is not None}
    matched: list[Reference] = []
    for ref in cited:
        doc_id = references.get(ref.number)
        if doc_id is None:
            free = [d for d in sources if d.id not in numbered]
            url = _normal_url(ref.url)
            doc = next((d for d in free if url and _normal_url(d.url) == url), None) or next(
                (d for d in free if _title_matches(ref.title, d.title)), None
            )
            if doc is not None:
                doc_id = references[ref.number] = doc.id
                numbered.add(doc.id)
        matched.append(replace(ref, doc_id=doc_id))
    number_of = {doc_id: number for number, doc_id in references.items()}
    sources = [
        d if d.number is not None or d.id not in number_of else replace(d, number=number_of[d.id])
        for d in sources
    ]
    return sources, dict(sorted(references.items())), matched


def _load_all(folder: Path, kind: DocumentKind, problems: list[str]) -> list[Document]:
    documents: list[Document] = []
    for path in _files(folder, problems):
        try:
            documents.append(load_document(path, kind))
        except CorpusError as exc:
            problems.append(str(exc).splitlines()[0])
    return documents


def load_corpus(corpus_dir: Path, *, strict: bool = False) -> Corpus:
    """Load a corpus folder: the article first, then each source and its fetched original.

    Malformed files are skipped with a one-line entry in ``problems`` (and a warning);
    ``strict=True`` raises CorpusError instead. The article must load.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"corpus folder {corpus_dir} not found — pass --corpus DIR (or set "
            "ASSISTANT_CORPUS_DIR) to a folder holding article.md and sources/"
        )
    problems: list[str] = []
    profile_data = _read_profile_file(corpus_dir, problems)
    article = load_document(_article_path(corpus_dir), "article")
    sources = _load_all(corpus_dir / SOURCES_DIR, "source", problems)
    fetched = _load_all(corpus_dir / SOURCES_DIR / FETCHED_DIR, "fetched", problems)
    for problem in problems:
        log.warning("corpus problem: %s", problem)
    if strict and problems:
        raise CorpusError(problems[0])
    listed = _reference_list(article.meta, article.text)
    sources, references, cited = _match_references(listed, sources)
    by_id = {doc.id: doc for doc in fetched}
    ordered: list[Document] = [article]
    for doc in sources:
        ordered.append(doc)
        if doc.id in by_id:
            ordered.append(replace(by_id.pop(doc.id), number=doc.number))
    ordered.extend(by_id.values())  # originals whose source note is missing
    return Corpus(
        documents=ordered,
        profile=_profile(corpus_dir, profile_data, article),
        references=references,
        problems=problems,
        duplicates=_duplicates(ordered),
        cited=tuple(cited),
    )
