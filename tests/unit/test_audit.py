"""Claim audit: verdicts on made-up documents, then the shipped corpus end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.audit import (
    CONFLICTING,
    FOUND_ELSEWHERE,
    SUPPORTED,
    UNVERIFIABLE,
    audit_documents,
)
from assistant.corpus import Document

ROOT = Path(__file__).resolve().parents[2]


def doc(doc_id: str, text: str, kind: str = "note") -> Document:
    kind = "article" if doc_id == "article" else kind
    return Document(id=doc_id, kind=kind, title=doc_id, url=f"https://example.com/{doc_id}",
                    date=None, outlet=None, text=text, path=Path(f"{doc_id}.md"), meta={})


def verdicts(article: str, *notes: Document) -> dict[str, str]:
    report = audit_documents([doc("article", article), *notes])
    return {r.figure: r.verdict for r in report.records}


def test_supported_when_cited_source_holds_the_same_figure_written_differently() -> None:
    got = verdicts("Acme will invest $2 billion in robots [1].",
                   doc("source-1", "Acme plans to invest US$2bn in robots."))
    assert got == {"$2 billion": SUPPORTED}


def test_same_value_for_another_measure_does_not_support() -> None:
    got = verdicts("Acme's revenue rose 18% last year [1].",
                   doc("source-1", "Analysts cut their EBITDA estimate for Acme by 18%."))
    assert got["18%"] == UNVERIFIABLE


def test_found_elsewhere_names_the_document_that_holds_it() -> None:
    report = audit_documents([
        doc("article", "Acme's revenue rose 18% last year [1]."),
        doc("source-1", "Acme sells robots."),
        doc("source-2", "Acme's revenue growth reached 18% last year."),
    ])
    (record,) = report.records
    assert record.verdict == FOUND_ELSEWHERE
    assert record.evidence[0]["doc_id"] == "source-2"
    assert "source-2" in record.note


def test_conflicting_values_for_the_same_measure_show_both_sides() -> None:
    report = audit_documents([
        doc("article", "Acme's robot revenue grew for six consecutive quarters [1]."),
        doc("source-1", "Acme's robot revenue grew for seven quarters in a row."),
    ])
    (record,) = report.records
    assert record.verdict == CONFLICTING
    assert {e["doc_id"] for e in record.evidence} == {"article", "source-1"}


def test_other_companys_figure_is_not_a_conflict() -> None:
    got = verdicts("Acme holds a 33% market share in Spain [1].",
                   doc("source-1", "Rivals such as Tencent hold a 40% market share in Spain."))
    assert got["33%"] == UNVERIFIABLE


def test_unverifiable_when_only_the_title_is_known() -> None:
    report = audit_documents([
        doc("article", "Acme bought back $5 million of shares [3]."),
        doc("source-3", "No copy of this page could be read; nothing beyond its title is known."),
    ])
    (record,) = report.records
    assert record.verdict == UNVERIFIABLE
    assert "not available" in record.note


def test_fetched_original_is_used_beside_the_note() -> None:
    report = audit_documents([
        doc("article", "Acme bought back $5 million of shares [3]."),
        doc("source-3", "No copy of this page could be read; nothing beyond its title is known."),
        doc("source-3", "Acme repurchased US$5 million of its shares.", kind="fetched"),
    ])
    assert report.records[0].verdict == SUPPORTED


def test_article_stating_two_values_is_reported() -> None:
    report = audit_documents([
        doc("article", "Acme holds a 33% market share in Spain [1]. "
                       "Acme's 36% share of Spain's market is large [2]."),
    ])
    assert report.inconsistencies
    assert set(report.inconsistencies[0]["figures"]) == {"33%", "36%"}


@pytest.mark.integration
def test_cli_audit_json_over_shipped_corpus() -> None:
    exe = Path(sys.executable).with_name("assistant")
    run = subprocess.run([str(exe), "audit", "--json"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, check=True)
    data = json.loads(run.stdout)
    records = data["records"]
    assert records and all(r["verdict"] for r in records)
    by_figure = {r["figure"]: r for r in records}
    # The article's two shares of China's cloud market disagree: both sides cited.
    share = next(r for r in records if r["figure"] == "36%")
    assert share["verdict"] == CONFLICTING
    quotes = " ".join(e["quote"] for e in share["evidence"])
    assert "36%" in quotes and "33%" in quotes
    # Six quarters (article) against seven (source-2).
    assert by_figure["six"]["verdict"] == CONFLICTING
    assert "source-2" in {e["doc_id"] for e in by_figure["six"]["evidence"]}
    assert by_figure["97%"]["verdict"] == SUPPORTED
    assert {"33%", "36%"} <= {f for i in data["inconsistencies"] for f in i["figures"]}
