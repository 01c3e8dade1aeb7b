"""Claim audit: which of the article's figures do its own sources back?

For every article sentence that carries a reference marker [n], each figure (years aside) is
checked against the documents, in this order:

1. ``supported``: a cited source holds the same figure (normalised), about the same measure.
2. ``conflicting``: some document gives a *different* value for the same measure, subject and
   period ("33%" and "36%" for Alibaba's share of China's cloud market; six and seven
   quarters of triple-digit growth). Both sides are shown, each cited.
3. ``found elsewhere``: the cited source does not hold it but another document does.
4. ``unverifiable``: the cited source's text is not available, or records nothing on it.

"The same measure" is decided by :func:`same_measure`: same figure kind and currency, the
same nearest measure word (``measures.nearest_measure``), compatible subjects (both about the
home company, or about the same other organisations) and periods that do not contradict.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.chunking import sentence_spans
from assistant.corpus import Document, load_corpus
from assistant.measures import Claim, claims_of_sentence, measures_in, same_measure

SUPPORTED = "supported"
FOUND_ELSEWHERE = "found elsewhere"
CONFLICTING = "conflicting"
UNVERIFIABLE = "unverifiable"
_MARKER = re.compile(r"\[(\d{1,2})\]")
_MARKERS_IN_TEXT = re.compile(r"\s*\[\d{1,2}\]")
_NO_TEXT = re.compile(r"nothing beyond its title|no copy (?:or summary )?of .* could be read", re.I)


@dataclass
class AuditRecord:
    """The verdict on one figure of one referenced article sentence."""

    sentence: str
    figure: str
    normalised: str
    measure: str | None
    cited: list[str]
    verdict: str
    evidence: list[dict[str, str]] = field(default_factory=list)  # {"doc_id", "quote"}
    note: str = ""


def claims_in(doc: Document) -> list[Claim]:
    """Every non-year figure of a document with its measure, subjects and periods."""
    found: list[Claim] = []
    for start, end in sentence_spans(doc.text):
        sentence = doc.text[start:end]
        if sentence.lstrip().startswith("#") or "http" in sentence:
            continue
        found.extend(claims_of_sentence(doc.id, sentence))
    return found


def _holds(claim: Claim, other: Claim) -> bool:
    """Does ``other`` state the same figure about the same measure?

    When the other figure's own clause names no measure ("..., a fall of 76%"), its sentence
    must still name the claim's measure somewhere.
    """
    if not claim.figure.matches(other.figure):
        return False
    if claim.measure is None or other.measure == claim.measure:
        return True
    return other.measure is None and claim.measure in measures_in(other.sentence)


def _plain(sentence: str) -> str:
    """A sentence without the article's reference markers."""
    return _MARKERS_IN_TEXT.sub("", sentence).strip()


def _cited_ids(sentence: str) -> list[str]:
    return [f"source-{n}" for n in dict.fromkeys(_MARKER.findall(sentence))]


def _evidence(claims: list[Claim]) -> list[dict[str, str]]:
    seen, out = set(), []
    for c in claims:
        key = (c.doc_id, c.sentence)
        if key not in seen:
            seen.add(key)
            out.append({"doc_id": c.doc_id, "quote": _plain(c.sentence)})
    return out


def _has_text(docs: list[Document]) -> bool:
    """A cited source counts as available when some copy of it records more than its title."""
    return any(d.kind == "fetched" or not _NO_TEXT.search(d.text) for d in docs)


def judge(claim: Claim, cited: list[str], by_doc: dict[str, list[Claim]],
          docs: dict[str, list[Document]]) -> AuditRecord:
    """Classify one article figure against the cited sources and every other document."""
    record = AuditRecord(
        sentence=_plain(claim.sentence), figure=claim.figure.text,
        normalised=claim.figure.normalised(), measure=claim.measure, cited=cited, verdict="",
    )
    in_cited = [c for d in cited for c in by_doc.get(d, []) if _holds(claim, c)]
    rivals = [c for cs in by_doc.values() for c in cs
              if c.sentence != claim.sentence and same_measure(claim, c)
              and not claim.figure.matches(c.figure)]
    elsewhere = [c for d, cs in by_doc.items() if d not in cited and d != "article"
                 for c in cs if _holds(claim, c)]
    if rivals:
        record.verdict = CONFLICTING
        record.evidence = _evidence([claim, *rivals])
        record.note = "; ".join(dict.fromkeys(f"{c.doc_id} gives {c.figure.text}" for c in rivals))
    elif in_cited:
        record.verdict, record.evidence = SUPPORTED, _evidence(in_cited)
    elif elsewhere:
        record.verdict, record.evidence = FOUND_ELSEWHERE, _evidence(elsewhere)
        record.note = "held by " + ", ".join(dict.fromkeys(c.doc_id for c in elsewhere))
    else:
        record.verdict = UNVERIFIABLE
        available = _has_text([d for c in cited for d in docs.get(c, [])])
        record.note = (
            f"{', '.join(cited)} records nothing on this figure" if available
            else f"the text of {', '.join(cited)} is not available (note only: title known)"
        )
    return record


def internal_inconsistencies(article_claims: list[Claim]) -> list[dict[str, Any]]:
    """Figures the article itself states in two places with different values."""
    out, seen = [], set()
    for i, a in enumerate(article_claims):
        for b in article_claims[i + 1:]:
            if a.sentence == b.sentence or not same_measure(a, b) or a.figure.matches(b.figure):
                continue
            key = (a.measure, frozenset({a.figure.normalised(), b.figure.normalised()}))
            if key not in seen:
                seen.add(key)
                out.append({"measure": a.measure, "figures": [a.figure.text, b.figure.text],
                            "evidence": _evidence([a, b])})
    return out


@dataclass
class AuditReport:
    records: list[AuditRecord]
    inconsistencies: list[dict[str, Any]]

    def counts(self) -> dict[str, int]:
        out = {v: 0 for v in (SUPPORTED, FOUND_ELSEWHERE, CONFLICTING, UNVERIFIABLE)}
        for r in self.records:
            out[r.verdict] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"records": [asdict(r) for r in self.records], "counts": self.counts(),
                "inconsistencies": self.inconsistencies}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_markdown(self) -> str:
        lines = ["# Claim audit: the article's figures against its sources", "",
                 " · ".join(f"{k}: {v}" for k, v in self.counts().items()), "",
                 "| claim | figure | cited source | verdict | evidence |",
                 "|---|---|---|---|---|"]
        for r in self.records:
            evidence = "<br>".join(f"{e['doc_id']}: “{e['quote']}”" for e in r.evidence)
            lines.append("| " + " | ".join(_cell(x) for x in (
                r.sentence, r.figure, ", ".join(r.cited), r.verdict,
                evidence or r.note)) + " |")
        if self.inconsistencies:
            lines += ["", "## Figures the article states twice with different values", ""]
            for item in self.inconsistencies:
                lines.append(f"- {item['measure']}: {' vs '.join(item['figures'])}")
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def audit_documents(documents: list[Document]) -> AuditReport:
    """Audit every referenced figure of the article against all documents."""
    docs: dict[str, list[Document]] = {}
    for d in documents:
        docs.setdefault(d.id, []).append(d)
    by_doc = {doc_id: [c for d in ds for c in claims_in(d)] for doc_id, ds in docs.items()}
    article_claims = by_doc.get("article", [])
    records = [judge(c, _cited_ids(c.sentence), by_doc, docs)
               for c in article_claims if _cited_ids(c.sentence)]
    return AuditReport(records, internal_inconsistencies(article_claims))


def audit_corpus(corpus_dir: Path) -> AuditReport:
    """The audit over the corpus on disk (fetched originals included when present)."""
    return audit_documents(load_corpus(corpus_dir))


__all__ = [
    "CONFLICTING",
    "FOUND_ELSEWHERE",
    "SUPPORTED",
    "UNVERIFIABLE",
    "AuditRecord",
    "AuditReport",
    "Claim",
    "audit_corpus",
    "audit_documents",
    "same_measure",
]
