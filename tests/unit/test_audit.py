"""Claim audit on made-up corpora: verdicts with and without reference markers, caveats."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from assistant.audit import (
    CONFLICTING,
    FOUND_ELSEWHERE,
    NOT_FOUND,
    SUPPORTED,
    UNVERIFIABLE,
    AuditReport,
    ConflictingValue,
    audit_corpus,
    audit_documents,
)
from assistant.corpus import Document
from assistant.entities import subject_from

ACME = subject_from("Acme", ("Acme Group",))
REFS = {1: "source-1", 2: "source-2", 3: "source-3"}
_FIELDS = {f.name for f in dataclasses.fields(Document)}


def doc(doc_id: str, text: str, kind: str = "source", **meta: object) -> Document:
    kind = "article" if doc_id == "article" else kind
    extra = {k: None for k in ("date", "outlet") if k in _FIELDS}
    return Document(
        id=doc_id,
        kind=kind,  # type: ignore[arg-type]
        title=doc_id,
        url=f"https://example.com/{doc_id}",
        text=text,
        path=Path(f"{doc_id}.md"),
        meta=dict(meta),
        **extra,  # type: ignore[arg-type]
    )


def audit(article: str, *sources: Document, refs: dict[int, str] | None = REFS) -> AuditReport:
    return audit_documents([doc("article", article), *sources], references=refs, subject=ACME)


def verdicts(report: AuditReport) -> dict[str, str]:
    return {r.figure: r.verdict for r in report.records}


# --- Articles with numbered markers: each figure against the source it cites ----------------


def test_supported_when_the_cited_source_holds_the_figure_written_differently() -> None:
    report = audit(
        "Acme will invest $2 billion in warehouse robots [1].",
        doc("source-1", "Acme plans to invest US$2bn in warehouse robots over three years."),
    )
    (record,) = report.records
    assert record.verdict == SUPPORTED
    assert record.cited == ["source-1"] and record.supported_by == ["source-1"]
    assert record.evidence[0]["doc_id"] == "source-1"
    assert record.sentence == "Acme will invest $2 billion in warehouse robots."


def test_markers_are_mapped_through_the_references_not_their_numbers() -> None:
    report = audit(
        "Acme will invest $2 billion in warehouse robots [7].",
        doc("trading-update", "Acme plans to invest US$2bn in warehouse robots."),
        refs={7: "trading-update"},
    )
    assert report.records[0].cited == ["trading-update"]
    assert report.records[0].verdict == SUPPORTED


def test_found_elsewhere_when_another_source_holds_it() -> None:
    report = audit(
        "Acme's robot revenue rose 18% last year [1].",
        doc(
            "source-1", "Acme sells warehouse robots to grocers in twelve countries across Europe."
        ),
        doc("source-2", "Robot revenue at Acme rose 18% last year, the company said."),
    )
    (record,) = report.records
    assert record.verdict == FOUND_ELSEWHERE and record.supported_by == ["source-2"]


def test_same_value_about_something_else_does_not_support() -> None:
    report = audit(
        "Acme's robot revenue rose 18% last year [1].",
        doc(
            "source-1", "Analysts cut their dividend forecast for the grocer Initech by 18% in May."
        ),
    )
    assert verdicts(report) == {"18%": NOT_FOUND}


def test_conflicting_values_are_structured_fields() -> None:
    report = audit(
        "Acme's robot revenue grew at a triple-digit rate for six consecutive quarters [1].",
        doc(
            "source-1",
            "Acme's robot revenue grew at a triple-digit rate for seven quarters in a row.",
        ),
    )
    (record,) = report.records
    assert record.verdict == CONFLICTING
    assert record.conflicts == [
        ConflictingValue(
            "source-1",
            "seven",
            "Acme's robot revenue grew at a triple-digit rate for seven quarters in a row.",
        )
    ]
    assert report.caveat_for("article", record.start, record.end, record.normalised) == (
        "the article cites source 1 for this; source 1 gives seven instead"
    )


def test_unverifiable_when_the_cited_source_is_marked_unavailable() -> None:
    report = audit(
        "Acme bought back $5 million of shares [3].",
        doc("source-3", "A long note about the page. " * 60, available=False),
    )
    (record,) = report.records
    assert record.verdict == UNVERIFIABLE
    message = report.caveat_for("article", record.start, record.end, record.normalised)
    assert (
        message
        == "the article cites source 3 for this; its text is not available, so it is not checked"
    )


def test_a_stub_without_figures_is_unavailable_but_a_long_text_is_not() -> None:
    stub = doc("source-3", "Only the title of this page is known.")
    assert verdicts(audit("Acme bought back $5 million of shares [3].", stub)) == {
        "$5 million": UNVERIFIABLE
    }
    long_text = doc("source-3", "Acme talks about robots and stores at length. " * 40)
    assert verdicts(audit("Acme bought back $5 million of shares [3].", long_text)) == {
        "$5 million": NOT_FOUND
    }


def test_fetched_original_is_used_beside_the_stub() -> None:
    report = audit(
        "Acme bought back $5 million of its shares [3].",
        doc("source-3", "Only the title of this page is known."),
        doc("source-3", "Acme repurchased US$5 million of its shares.", kind="fetched"),
    )
    assert verdicts(report) == {"$5 million": SUPPORTED}


# --- Articles without markers: each figure against every source -------------------------------


def test_without_markers_every_source_is_checked() -> None:
    report = audit(
        "Acme's grocery sales rose 3.6% in the quarter. Its clothing sales rose 9.9%.",
        doc("statement", "Grocery — YoY: 3.6%; £m: 7,603"),
        doc(
            "slides",
            "Acme keeps opening stores in every region it serves, a long slide deck. " * 20,
        ),
        refs=None,
    )
    got = {r.figure: (r.verdict, r.cited, r.supported_by) for r in report.records}
    assert got["3.6%"] == (SUPPORTED, [], ["statement"])
    assert got["9.9%"][0] == NOT_FOUND
    assert report.caveat_for("article", 0, 10, "9.9%") is None  # no sentence there holds it


def test_number_words_that_are_durations_are_not_audited() -> None:
    report = audit(
        "Over the past three years Acme cut costs by 5% [1]. "
        "Acme expects growth over the next 12 months [1]. "
        "Acme beat forecasts for six consecutive quarters [1].",
        doc("source-1", "Acme cut costs by 5%. It beat forecasts six quarters running."),
    )
    assert sorted(r.figure for r in report.records) == ["5%", "six"]


def test_caveat_lookup_is_exact_on_sentence_offsets_and_figure() -> None:
    article = "Acme bought back $5 million of shares [3]. Acme's margin rose 2% [1]."
    report = audit(
        article,
        doc("source-1", "Acme's margin rose 2% in the year."),
        doc("source-3", "Only the title of this page is known."),
    )
    buyback, margin = report.records
    second = article.index("Acme's margin")
    assert (buyback.start, margin.start) == (0, second)
    assert report.caveat_for("article", second, len(article), "USD 5000000") is None
    assert report.caveat_for("article", 0, second, "USD 5000000") is not None
    assert report.caveat_for("article", second, len(article), margin.normalised) is None
    assert report.caveat_for("source-1", 0, 100, "USD 5000000") is None


def test_article_stating_two_values_is_reported() -> None:
    report = audit(
        "Acme holds a 33% market share in Spain [1]. "
        "Acme's 36% share of Spain's market is large [2]."
    )
    assert report.inconsistencies
    assert set(report.inconsistencies[0]["figures"]) == {"33%", "36%"}


def test_report_round_trips_through_json() -> None:
    report = audit(
        "Acme's robot revenue grew at a triple-digit rate for six consecutive quarters [1].",
        doc(
            "source-1",
            "Acme's robot revenue grew at a triple-digit rate for seven quarters in a row.",
        ),
    )
    again = AuditReport.from_dict(json.loads(report.to_json()))
    assert again == report
    assert again.records[0].conflicts[0].figure == "seven"
    assert "| conflicting |" in report.to_markdown()


def test_audit_corpus_reads_a_corpus_folder(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "article.md").write_text(
        "---\ntitle: Acme buys robots\nurl: https://example.com/a\n---\n\n"
        "Acme will invest $2 billion in warehouse robots [1].\n\n"
        "## Sources\n\n[1] Acme plans, https://example.com/plan\n",
        encoding="utf-8",
    )
    (tmp_path / "sources" / "plan.md").write_text(
        "---\ntitle: Acme plans\nurl: https://example.com/plan\nnumber: 1\n---\n\n"
        "Acme plans to invest US$2bn in warehouse robots.\n",
        encoding="utf-8",
    )
    report = audit_corpus(tmp_path)
    assert report.references == {1: "plan"}
    assert verdicts(report) == {"$2 billion": SUPPORTED}


# --- The two real corpora (read in place; no model) -------------------------------------------

SHIPPED = Path(__file__).resolve().parents[2] / "corpus"
SAINSBURY = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "sainsbury-q1-2026"


def test_shipped_corpus_audit_checks_each_figure_against_its_cited_source() -> None:
    report = audit_corpus(SHIPPED)
    assert report.references == {n: f"source-{n}" for n in range(1, 6)}
    by_figure: dict[str, list] = {}
    for r in report.records:
        by_figure.setdefault(r.figure, []).append(r)
    first = by_figure["$53 billion"][0]
    in_first = {r.figure for r in report.records if r.start == first.start}
    assert in_first == {"$53 billion", "six"}  # "over the past three years" is a duration
    (price_cut,) = by_figure["97%"]
    assert price_cut.verdict == SUPPORTED and price_cut.cited == ["source-2"]
    (buyback,) = by_figure["$815 million"]
    assert buyback.verdict == UNVERIFIABLE and buyback.cited == ["source-5"]
    caveat = report.caveat_for("article", buyback.start, buyback.end, buyback.normalised)
    assert caveat == (
        "the article cites source 5 for this; its text is not available, so it is not checked"
    )
    assert report.caveat_for("article", price_cut.start, price_cut.end, "97%") is None
    assert {"33%", "36%"} <= {f for i in report.inconsistencies for f in i["figures"]}


def test_sainsbury_audit_checks_every_source_when_the_article_cites_none() -> None:
    report = audit_corpus(SAINSBURY)
    assert report.records and all(r.cited == [] for r in report.records)
    grocery = next(r for r in report.records if r.figure == "3.6%")
    assert grocery.verdict == SUPPORTED and "source-1" in grocery.supported_by
    assert UNVERIFIABLE not in {r.verdict for r in report.records}  # every source has text
