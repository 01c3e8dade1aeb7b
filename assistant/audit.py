"""Claim audit: which of the article's figures do its sources back?

Every figure the article states (years and durations such as "three years" aside) is
checked. Where the article cites sources with numbered markers and the corpus maps the
numbers to documents (``Corpus.references``), the figure is checked against the sources its
sentence cites; where it cites none, against every source. Verdicts:

- ``supported``: a checked source holds the same figure (normalised) for the same measure;
- ``conflicting``: a source gives a *different* value for the same measure, subject and
  period; the values are in :attr:`AuditRecord.conflicts`, one :class:`ConflictingValue`
  each (no prose to re-parse);
- ``found elsewhere``: the cited source does not hold it, but another source does;
- ``not found in the sources``: no checked source holds it;
- ``unverifiable``: a cited source's text is not available, so the figure cannot be checked.

A source's text counts as unavailable when its front matter says ``available: false``, or
when it is a stub: no figure at all in under ``STUB_CHARS`` characters.
"The same measure" is :func:`assistant.claim_match.same_measure`. :meth:`AuditReport.caveat_for`
gives the chain the caveat for a figure of a quoted article sentence.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.claim_match import (
    Claim,
    another_years,
    claims_of_sentence,
    holds,
    other_period,
    same_measure_loosely,
)
from assistant.corpus import Document, load_corpus
from assistant.entities import Subject, subject_from
from assistant.figures import is_duration
from assistant.text import marker_numbers, sentence_spans, strip_markers

__all__ = [
    "CONFLICTING",
    "FOUND_ELSEWHERE",
    "NOT_FOUND",
    "SUPPORTED",
    "UNVERIFIABLE",
    "VERDICTS",
    "AuditRecord",
    "AuditReport",
    "ConflictingValue",
    "audit_corpus",
    "audit_documents",
]

SUPPORTED = "supported"
FOUND_ELSEWHERE = "found elsewhere"
CONFLICTING = "conflicting"
NOT_FOUND = "not found in the sources"
UNVERIFIABLE = "unverifiable"
VERDICTS = (SUPPORTED, FOUND_ELSEWHERE, CONFLICTING, NOT_FOUND, UNVERIFIABLE)
STUB_CHARS = 1000  # a source with no figure in fewer characters than this is a stub


@dataclass(frozen=True)
class ConflictingValue:
    """Another value a document gives for the same measure, and the sentence that gives it."""

    doc_id: str
    figure: str
    sentence: str


@dataclass
class AuditRecord:
    """The verdict on one figure of one article sentence.

    ``doc_id``/``start``/``end`` locate the sentence in ``Document.text`` (so a quote's
    offsets find it exactly); ``cited`` lists the sources its markers name ([] when the
    sentence cites none and every source was checked); ``supported_by`` the documents
    holding the figure.
    """

    doc_id: str
    start: int
    end: int
    sentence: str
    figure: str
    normalised: str
    measure: str | None
    cited: list[str]
    verdict: str
    supported_by: list[str] = field(default_factory=list)
    conflicts: list[ConflictingValue] = field(default_factory=list)
    evidence: list[dict[str, str]] = field(default_factory=list)  # {"doc_id", "quote"}
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditRecord:
        conflicts = [ConflictingValue(**c) for c in data.get("conflicts", [])]
        return cls(**{**data, "conflicts": conflicts})


@dataclass(frozen=True)
class _Stated:
    """A claim with the offsets of its sentence in its document's text."""

    claim: Claim
    start: int
    end: int


def _is_claim(claim: Claim) -> bool:
    """Durations ("three years", "the next 12 months") are periods, not claims to audit."""
    return not is_duration(claim.sentence, claim.figure)


def stated_claims(doc: Document, subject: Subject | None = None) -> list[_Stated]:
    """Every claim figure of a document's sentences (headings and link lines aside)."""
    found: list[_Stated] = []
    for start, end in sentence_spans(doc.text):
        sentence = doc.text[start:end]
        if sentence.lstrip().startswith("#") or "http" in sentence:
            continue
        claims = claims_of_sentence(doc.id, sentence, subject)
        found.extend(_Stated(c, start, end) for c in claims if _is_claim(c))
    return found


def is_available(docs: list[Document], claims: list[_Stated]) -> bool:
    """Is some copy of this source's text available to check figures against?"""
    for d in docs:
        if d.meta.get("available") is False:
            continue
        if claims or len(d.text) >= STUB_CHARS:
            return True
    return False


def _evidence(claims: list[Claim]) -> list[dict[str, str]]:
    pairs = dict.fromkeys((c.doc_id, strip_markers(c.sentence).strip()) for c in claims)
    return [{"doc_id": d, "quote": q} for d, q in pairs]


@dataclass
class _Context:
    by_doc: dict[str, list[_Stated]]
    sources: list[str]  # source doc ids in corpus order
    available: dict[str, bool]
    references: dict[int, str]
    subject: Subject | None = None


def _cited(sentence: str, ctx: _Context) -> list[str]:
    numbers = marker_numbers(sentence)
    return list(dict.fromkeys(ctx.references[n] for n in numbers if n in ctx.references))


def judge(stated: _Stated, article_id: str, ctx: _Context) -> AuditRecord:
    """Classify one article figure against its cited sources (all sources when none)."""
    claim = stated.claim
    cited = _cited(claim.sentence, ctx)
    pool = cited or ctx.sources
    record = AuditRecord(
        doc_id=article_id,
        start=stated.start,
        end=stated.end,
        sentence=strip_markers(claim.sentence).strip(),
        figure=claim.figure.text,
        normalised=claim.figure.normalised(),
        measure=claim.measure,
        cited=cited,
        verdict="",
    )
    source_claims = [s.claim for d in ctx.sources for s in ctx.by_doc.get(d, [])]
    holders = [c for c in source_claims if holds(claim, c, ctx.subject)]
    in_pool = [c for c in holders if c.doc_id in pool]
    rivals = [
        c
        for c in source_claims
        if same_measure_loosely(claim, c) and not claim.figure.matches(c.figure)
    ]
    rivals = [
        c for c in rivals if not other_period(c, holders) and not another_years(c, claim, holders)
    ]
    record.supported_by = list(dict.fromkeys(c.doc_id for c in holders))
    unavailable = [d for d in pool if not ctx.available.get(d, False)]
    if rivals:
        record.verdict = CONFLICTING
        record.conflicts = list(
            dict.fromkeys(ConflictingValue(c.doc_id, c.figure.text, c.sentence) for c in rivals)
        )
        record.evidence = _evidence([claim, *in_pool, *rivals])
        record.note = "; ".join(
            dict.fromkeys(f"{c.doc_id} gives {c.figure}" for c in record.conflicts)
        )
    elif in_pool:
        record.verdict, record.evidence = SUPPORTED, _evidence(in_pool)
        record.note = "held by " + ", ".join(dict.fromkeys(c.doc_id for c in in_pool))
    elif cited and holders:
        record.verdict, record.evidence = FOUND_ELSEWHERE, _evidence(holders)
        record.note = "not in the cited source; held by " + ", ".join(record.supported_by)
    elif unavailable and (cited or len(unavailable) == len(pool)):
        record.verdict = UNVERIFIABLE
        record.note = f"the text of {', '.join(unavailable)} is not available"
    else:
        record.verdict = NOT_FOUND
        record.note = f"{', '.join(pool) or 'no source'} holds no such figure"
    return record


def internal_inconsistencies(article_claims: list[Claim]) -> list[dict[str, Any]]:
    """Figures the article itself states in two places with different values."""
    out, seen = [], set()
    for i, a in enumerate(article_claims):
        for b in article_claims[i + 1 :]:
            if (
                a.sentence == b.sentence
                or not same_measure_loosely(a, b)
                or a.figure.matches(b.figure)
            ):
                continue
            key = (a.measure, frozenset({a.figure.normalised(), b.figure.normalised()}))
            if key not in seen:
                seen.add(key)
                out.append(
                    {
                        "measure": a.measure,
                        "figures": [a.figure.text, b.figure.text],
                        "evidence": _evidence([a, b]),
                    }
                )
    return out


@dataclass
class AuditReport:
    """Every audited figure of the article, and the figures it states twice differently."""

    records: list[AuditRecord]
    inconsistencies: list[dict[str, Any]]
    references: dict[int, str] = field(default_factory=dict)  # article number -> doc id

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS, 0)
        for r in self.records:
            out[r.verdict] += 1
        return out

    def caveat_for(
        self, doc_id: str, quote_start: int, quote_end: int, figure_normalised: str
    ) -> str | None:
        """The caveat for a figure of a quoted article sentence, or None when it is backed.

        ``quote_start``/``quote_end`` are the quote's offsets in the document's text; the
        record whose sentence overlaps them and whose figure is ``figure_normalised`` decides.
        """
        for r in self.records:
            if r.doc_id != doc_id or r.normalised != figure_normalised:
                continue
            if r.start < quote_end and quote_start < r.end:
                return self._caveat(r)
        return None

    def _label(self, doc_id: str) -> str:
        number = next((n for n, d in self.references.items() if d == doc_id), None)
        return f"source {number}" if number is not None else doc_id

    def _caveat(self, r: AuditRecord) -> str | None:
        cites = f"the article cites {', '.join(self._label(d) for d in r.cited)} for this"
        if r.verdict == UNVERIFIABLE:
            return f"{cites}; its text is not available, so it is not checked"
        if r.verdict == CONFLICTING:
            given = "; ".join(
                dict.fromkeys(f"{self._label(c.doc_id)} gives {c.figure}" for c in r.conflicts)
            )
            return f"{cites}; {given} instead" if r.cited else f"{given} instead"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": [asdict(r) for r in self.records],
            "counts": self.counts(),
            "inconsistencies": self.inconsistencies,
            "references": {str(n): d for n, d in self.references.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditReport:
        return cls(
            records=[AuditRecord.from_dict(r) for r in data.get("records", [])],
            inconsistencies=list(data.get("inconsistencies", [])),
            references={int(n): str(d) for n, d in (data.get("references") or {}).items()},
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_markdown(self) -> str:
        lines = [
            "# Claim audit: the article's figures against its sources",
            "",
            " · ".join(f"{k}: {v}" for k, v in self.counts().items()),
            "",
            "| claim | figure | cited source | verdict | evidence |",
            "|---|---|---|---|---|",
        ]
        for r in self.records:
            evidence = "<br>".join(f"{e['doc_id']}: “{e['quote']}”" for e in r.evidence)
            cells = (r.sentence, r.figure, ", ".join(r.cited) or "all", r.verdict, evidence)
            flat = ((x or r.note).replace("|", "\\|").replace("\n", " ") for x in cells)
            lines.append("| " + " | ".join(flat) + " |")
        if self.inconsistencies:
            lines += ["", "## Figures the article states twice with different values", ""]
            for item in self.inconsistencies:
                lines.append(f"- {item['measure']}: {' vs '.join(item['figures'])}")
        return "\n".join(lines) + "\n"


def _references_of(documents: list[Document]) -> dict[int, str]:
    """Reference numbers from the sources' own ``number`` (until the corpus supplies them)."""
    refs: dict[int, str] = {}
    for d in documents:
        number = getattr(d, "number", None) or d.meta.get("number")
        if d.kind != "article" and isinstance(number, int):
            refs.setdefault(number, d.id)
    return refs


def audit_documents(
    documents: list[Document],
    *,
    references: dict[int, str] | None = None,
    subject: Subject | None = None,
) -> AuditReport:
    """Audit every figure of the article (the ``article`` document) against the sources."""
    docs: dict[str, list[Document]] = {}
    for d in documents:
        docs.setdefault(d.id, []).append(d)
    article = next((d for d in documents if d.kind == "article"), None)
    if article is None:
        return AuditReport([], [], references or {})
    refs = dict(references) if references else _references_of(documents)
    sources = [i for i in docs if i != article.id]
    by_doc = {i: [s for d in docs[i] for s in stated_claims(d, subject)] for i in sources}
    available = {i: is_available(docs[i], by_doc[i]) for i in sources}
    ctx = _Context(by_doc, sources, available, refs, subject)
    article_claims = stated_claims(article, subject)
    records = [judge(s, article.id, ctx) for s in article_claims]
    inconsistencies = internal_inconsistencies([s.claim for s in article_claims])
    return AuditReport(records, inconsistencies, refs)


def audit_corpus(corpus_dir: Path) -> AuditReport:
    """The audit over the corpus folder on disk (fetched originals included when present)."""
    corpus = load_corpus(Path(corpus_dir))
    documents = list(getattr(corpus, "documents", corpus))
    profile = getattr(corpus, "profile", None)
    subject = subject_from(profile.subject, profile.aliases) if profile else None
    refs = getattr(corpus, "references", None) or None
    return audit_documents(documents, references=refs, subject=subject)
