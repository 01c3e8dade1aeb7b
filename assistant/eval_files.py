"""Eval question files and the suites file: read, validated, every problem one clear
``EvalFileError`` that names the file, the question and the field.

Eval files are YAML lists of questions (see ``evals/questions.yaml``); an item may hold a
conversation (``turns``) whose last answer is scored, or a ``false_premise`` question whose
answer must correct it. ``evals/suites.yaml`` lists one suite per corpus, each with a ``dev``
part (tuned on), a held-out ``test`` part (only scored) and optionally a ``regression`` part.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import EvalFileError
from assistant.figures import parse_figure
from assistant.scoring import EvalQuestion

logger = logging.getLogger(__name__)

QUESTION_FIELDS = (
    "id",
    "question",
    "turns",
    "answerable",
    "false_premise",
    "expected_figures",
    "expected_terms",
    "expected_sources",
)
PARTS = ("dev", "test")
# Optional: the questions earlier rules were tuned on, kept as a regression gate.
OPTIONAL_PARTS = ("regression",)
_LIST_FIELDS = ("expected_figures", "expected_terms", "expected_sources")
_SOURCE_SUFFIXES = (".md", ".txt", ".html", ".htm", ".pdf")

Fail = Callable[[str, str], EvalFileError]  # builds the error for one field of one question


# --- Question files --------------------------------------------------------------------------


def load_questions(path: Path, *, doc_ids: Iterable[str] | None = None) -> list[EvalQuestion]:
    """Read and validate an eval questions file; any problem is one clear EvalFileError.

    ``doc_ids``: the documents of the corpus the file is about; when given, every
    ``expected_sources`` entry must be one of them.
    """
    known = None if doc_ids is None else tuple(sorted(set(doc_ids)))
    items = _read_yaml_list(Path(path), "eval questions")
    questions: list[EvalQuestion] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        question = _parse_question(Path(path), position, item, known)
        if question.id in seen:
            raise _field_error(path, f"'{question.id}'", "id", "duplicate id")
        seen.add(question.id)
        questions.append(question)
    logger.info("loaded %d eval questions from %s", len(questions), path)
    return questions


def _read_yaml_list(path: Path, what: str) -> list[Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalFileError(f"{path}: {what} file not found") from None
    except OSError as exc:
        raise EvalFileError(f"{path}: cannot read {what} file ({exc})") from exc
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise EvalFileError(f"{path}: not valid YAML ({_yaml_problem(exc)})") from exc
    if not isinstance(data, list):
        got = "an empty file" if data is None else _describe(data)
        raise EvalFileError(f"{path}: the top level must be a list, got {got}")
    return data


def _describe(value: Any) -> str:
    """A short name for what YAML produced: "a mapping", "a list", "the str 'x'"."""
    names = {dict: "a mapping", list: "a list"}
    return names.get(type(value), f"the {type(value).__name__} {str(value)[:40]!r}")


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return " ".join(str(problem).split())
    return f"line {mark.line + 1}, column {mark.column + 1}: {' '.join(str(problem).split())}"


def _field_error(path: Path, who: str, name: str, problem: str) -> EvalFileError:
    return EvalFileError(" ".join(f"{path}: question {who} field '{name}': {problem}".split()))


def _parse_question(
    path: Path, position: int, item: Any, doc_ids: tuple[str, ...] | None
) -> EvalQuestion:
    who = f"#{position}"
    if not isinstance(item, dict):
        got = _describe(item)
        raise EvalFileError(
            f"{path}: question {who}: must be a mapping (id, question, ...), got {got}"
        )
    raw_id = item.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        who = f"'{raw_id.strip()}'"

    def fail(name: str, problem: str) -> EvalFileError:
        return _field_error(path, who, name, problem)

    unknown = sorted(str(key) for key in item if key not in QUESTION_FIELDS)
    if unknown:
        raise fail(unknown[0], f"unknown field (allowed: {', '.join(QUESTION_FIELDS)})")
    qid = _required_text(item, "id", fail)
    turns = _turns(item, fail)
    text = turns[-1] if turns else _required_text(item, "question", fail)
    answerable, false_premise = (
        _flag(item, name, default, fail)
        for name, default in (("answerable", True), ("false_premise", False))
    )
    figures, terms, sources = (_string_list(item, name, fail) for name in _LIST_FIELDS)
    for figure in figures:
        try:
            parse_figure(figure)
        except ValueError:
            raise fail("expected_figures", f"{figure!r} is not one figure") from None
    for doc_id in sources:
        if doc_ids is not None and doc_id not in doc_ids:
            raise fail(
                "expected_sources",
                f"unknown doc id {doc_id!r} (the corpus holds: {', '.join(doc_ids)})",
            )
    if answerable and not sources:
        raise fail("expected_sources", "an answerable question needs at least one source")
    if not answerable and (figures or false_premise):
        what = "expect figures" if figures else "have a false premise"
        raise fail(
            "expected_figures" if figures else "false_premise",
            f"an unanswerable question cannot {what}",
        )
    return EvalQuestion(
        id=qid,
        question=text,
        answerable=answerable,
        expected_figures=figures,
        expected_terms=terms,
        expected_sources=sources,
        turns=turns,
        false_premise=false_premise,
    )


def _required_text(item: dict[str, Any], name: str, fail: Fail) -> str:
    value = item.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise fail(name, "missing or empty")
    if not isinstance(value, str):
        raise fail(name, f"must be a string, got {value!r}")
    return value.strip()


def _turns(item: dict[str, Any], fail: Fail) -> tuple[str, ...]:
    if "turns" not in item:
        return ()
    if "question" in item:
        raise fail("turns", "give either 'question' or 'turns', not both")
    turns = _string_list(item, "turns", fail)
    if not turns:
        raise fail("turns", "a conversation needs at least one turn")
    return turns


def _flag(item: dict[str, Any], name: str, default: bool, fail: Fail) -> bool:
    value = item.get(name, default)
    if not isinstance(value, bool):
        raise fail(name, f"must be true or false, got {value!r}")
    return value


def _string_list(item: dict[str, Any], name: str, fail: Fail) -> tuple[str, ...]:
    value = item.get(name)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fail(name, f"must be a list of strings, got {value!r}")
    for entry in value:
        if not isinstance(entry, str) or not entry.strip():
            raise fail(name, f"must be a list of non-empty strings, got {entry!r}")
    return tuple(entry.strip() for entry in value)


# --- Suites ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suite:
    """One corpus and its eval parts (paths resolved against the suites file's project)."""

    name: str
    corpus: Path
    parts: dict[str, Path]


def load_suites(path: Path, *, root: Path | None = None) -> list[Suite]:
    """Read ``evals/suites.yaml``; relative paths are taken from ``root`` (the project root,
    by default the folder above the suites file's folder)."""
    path = Path(path)
    base = Path(root) if root is not None else path.resolve().parent.parent
    suites: list[Suite] = []
    for position, item in enumerate(_read_yaml_list(path, "eval suites"), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise EvalFileError(f"{path}: suite #{position} must be a mapping with a 'name'")
        name = item["name"]
        missing = [key for key in ("corpus", *PARTS) if not isinstance(item.get(key), str)]
        if missing:
            raise EvalFileError(
                f"{path}: suite '{name}' lacks {', '.join(missing)} — add "
                "the path(s), relative to the project root"
            )
        unknown = sorted(set(item) - {"name", "corpus", *PARTS, *OPTIONAL_PARTS})
        if unknown:
            raise EvalFileError(f"{path}: suite '{name}' has unknown key '{unknown[0]}'")
        parts = {
            p: base / item[p] for p in (*PARTS, *OPTIONAL_PARTS) if isinstance(item.get(p), str)
        }
        suites.append(Suite(name, base / item["corpus"], parts))
    if len({s.name for s in suites}) != len(suites):
        raise EvalFileError(f"{path}: two suites share a name — make each name unique")
    return suites


def default_questions(corpus_dir: Path, suites_file: Path | None = None) -> Path:
    """The dev part of the suite whose corpus is ``corpus_dir`` (from ``evals/suites.yaml``)."""
    from assistant.config import PROJECT_ROOT

    suites_file = suites_file or PROJECT_ROOT / "evals" / "suites.yaml"
    target = Path(corpus_dir).resolve()
    for suite in load_suites(suites_file):
        if suite.corpus.resolve() == target:
            return suite.parts["dev"]
    raise EvalFileError(
        f"no eval suite in {suites_file} is about the corpus {corpus_dir} — pass a questions "
        "file, or add the corpus and its dev/test files to suites.yaml"
    )


def corpus_doc_ids(corpus_dir: Path) -> list[str]:
    """The doc ids of a corpus folder: the file stems of its article and its sources."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise EvalFileError(f"corpus folder {corpus_dir} not found — fix the path in suites.yaml")
    files = [p for p in corpus_dir.iterdir() if p.stem == "article"]
    sources = corpus_dir / "sources"
    if sources.is_dir():
        files += [p for p in sources.iterdir() if p.is_file()]
    return sorted({p.stem for p in files if p.suffix.lower() in _SOURCE_SUFFIXES})


__all__ = [
    "OPTIONAL_PARTS",
    "PARTS",
    "QUESTION_FIELDS",
    "Suite",
    "corpus_doc_ids",
    "default_questions",
    "load_questions",
    "load_suites",
]
