"""The UI's pure rendering helpers: escaping, citation links, highlighted figures, badges."""

from __future__ import annotations

import json

import pytest

from assistant.answer import Answer, Citation, Dropped, VerifiedFigure
from assistant.audit import AuditRecord, AuditReport
from assistant.ui import (
    ABSTAIN_LABEL,
    ALL_SOURCES,
    QUOTED_LABEL,
    VERDICT_CLASSES,
    VERDICTS,
    answer_payload,
    chart_frame,
    corpus_frame,
    eval_status,
    filter_records,
    highlight_figures,
    link_citations,
    parse_auth,
    read_reports,
    render_answer_html,
    render_audit_counts_html,
    render_audit_html,
    render_error_html,
    render_inconsistencies_html,
    render_partial_html,
    render_question_html,
    results_frame,
    safe_url,
    summary_frame,
)

URL = "https://www.ainvest.com/news/alibaba-strategic-ai-push-2508/"
QUOTE = "Over the past three years, the company has committed $53 billion to AI and cloud."
XSS = "<script>alert(1)</script>"


def citation(n: int = 1, quote: str = QUOTE, url: str = URL, title: str = "Alibaba's AI push",
             doc_id: str = "article") -> Citation:
    return Citation(n=n, doc_id=doc_id, title=title, url=url, quote=quote,
                    passage_id=f"{doc_id}#0", start=0, end=len(quote))


def answer(**kwargs: object) -> Answer:
    base: dict[str, object] = {
        "question": "How much has Alibaba committed?",
        "text": "Alibaba has committed $53 billion to AI and cloud infrastructure [1].",
        "citations": [citation()],
        "figures": [VerifiedFigure("$53 billion", "USD 53000000000", 1)],
    }
    base.update(kwargs)
    return Answer(**base)  # type: ignore[arg-type]


# --- link_citations -------------------------------------------------------------------------


def test_link_citations_turns_known_markers_into_links() -> None:
    out = link_citations("It committed $53 billion [1].", [citation()])
    assert f'<a href="{URL}"' in out
    assert 'title="article: Alibaba&#x27;s AI push"' in out
    assert ">[1]</a>." in out


def test_link_citations_leaves_unknown_markers_as_text() -> None:
    out = link_citations("A claim [7].", [citation()])
    assert out == "A claim [7]."


def test_link_citations_escapes_text() -> None:
    out = link_citations(f"{XSS} [1]", [citation()])
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_link_citations_does_not_link_unsafe_urls() -> None:
    out = link_citations("Claim [1].", [citation(url="javascript:alert(1)")])
    assert "href" not in out
    assert "[1]" in out


def test_citation_title_is_escaped_in_the_attribute() -> None:
    out = link_citations("Claim [1].", [citation(title='"><script>x</script>')])
    assert "<script>" not in out
    assert "&quot;&gt;&lt;script&gt;" in out


# --- highlight_figures ----------------------------------------------------------------------


def test_highlight_marks_the_figure() -> None:
    out = highlight_figures(QUOTE, [VerifiedFigure("$53 billion", "USD 53000000000", 1)])
    assert "<mark>$53 billion</mark>" in out
    assert out.count("<mark>") == 1


def test_highlight_matches_a_figure_written_differently() -> None:
    out = highlight_figures(QUOTE, ["US$53bn"])
    assert "<mark>$53 billion</mark>" in out


def test_highlight_escapes_the_quote() -> None:
    out = highlight_figures(f"{XSS} costs $5 million", ["$5 million"])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "<mark>$5 million</mark>" in out


def test_highlight_without_figures_is_escaped_text() -> None:
    assert highlight_figures("a < b & c", []) == "a &lt; b &amp; c"


def test_highlight_marks_a_word_the_parser_does_not_read() -> None:
    out = highlight_figures("prices fell by double digits", ["double digits"])
    assert "<mark>double digits</mark>" in out


# --- render_answer_html ---------------------------------------------------------------------


def test_answer_html_has_links_sources_and_marked_quote() -> None:
    out = render_answer_html(answer())
    assert f'href="{URL}"' in out
    assert "<details" in out and "<summary>Sources (1)</summary>" in out
    assert "<mark>$53 billion</mark>" in out
    assert "article" in out and URL in out
    assert ABSTAIN_LABEL not in out


def test_answer_html_marks_abstention_with_reason() -> None:
    out = render_answer_html(answer(
        text="The article and its sources do not say.", citations=[], figures=[],
        abstained=True, dropped=[Dropped("", "abstained: nothing about Tencent")],
    ))
    assert ABSTAIN_LABEL in out
    assert "nothing about Tencent" in out
    assert "Sources (" not in out
    assert "removed by verification" not in out


def test_answer_html_counts_dropped_sentences_with_reasons() -> None:
    out = render_answer_html(answer(dropped=[
        Dropped("The answer is: 380.", "states a figure without a citation"),
        Dropped(f"{XSS} 5%", "figure '5%' is not in the cited evidence [1]"),
    ]))
    assert "2 draft sentences removed by verification" in out
    assert "states a figure without a citation" in out
    assert "<script>" not in out


def test_answer_html_marks_quoted_answers() -> None:
    assert QUOTED_LABEL in render_answer_html(answer(quoted=True))
    assert QUOTED_LABEL not in render_answer_html(answer())


def test_answer_html_escapes_document_text() -> None:
    out = render_answer_html(answer(citations=[citation(quote=f"{XSS} $53 billion",
                                                        title=XSS, doc_id=XSS)]))
    assert "<script>" not in out


def test_partial_error_and_question_html_are_escaped() -> None:
    for render in (render_partial_html, render_error_html, render_question_html):
        out = render(XSS)
        assert "<script>" not in out
        assert "&lt;script&gt;" in out


def test_partial_html_says_it_is_searching_before_text_arrives() -> None:
    assert "Searching" in render_partial_html("")


# --- small helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "safe"),
    [(URL, True), ("http://example.com/a b", True), ("javascript:alert(1)", False),
     ("", False), (None, False), ("data:text/html,x", False)],
)
def test_safe_url(url: str | None, safe: bool) -> None:
    result = safe_url(url)
    assert (result is not None) is safe
    if result:
        assert " " not in result and '"' not in result


def test_parse_auth() -> None:
    assert parse_auth(None) is None
    assert parse_auth("ann:s3:cret") == ("ann", "s3:cret")


def test_answer_payload_is_json() -> None:
    payload = answer_payload(answer())
    assert json.loads(json.dumps(payload)) == payload
    assert payload["citations"][0] == {"n": 1, "doc_id": "article", "title": "Alibaba's AI push",
                                       "url": URL, "quote": QUOTE}
    assert payload["error"] is None


def test_corpus_frame_links_only_safe_urls() -> None:
    rows = [
        {"id": "article", "kind": "article", "title": "T", "date": "2025-08-29",
         "passages": 12, "url": URL},
        {"id": "source-1", "kind": "source", "title": "S", "date": None, "passages": None,
         "url": "javascript:alert(1)"},
    ]
    frame = corpus_frame(rows)
    assert list(frame.columns) == ["id", "kind", "date", "passages", "title", "link"]
    assert frame.loc[0, "link"] == f"[open]({URL})"
    assert frame.loc[1, "link"] == ""
    assert frame.loc[1, "date"] == "n.d."


def _report(chain: str, figure_accuracy: float) -> dict:
    return {
        "chain": chain, "llm": "test", "created_at": "2025-08-29T10:00:00Z",
        "summary": {"n": 2, "figure_accuracy": figure_accuracy, "latency_p50_s": 1.5},
        "results": [
            {"id": "q1", "question": "How much?", "why": "", "latency_s": 1.0},
            {"id": "q2", "question": "What share?", "why": "figure missing", "latency_s": 2.0},
        ],
    }


def test_eval_frames_from_reports(tmp_path) -> None:
    (tmp_path / "latest-verified.json").write_text(json.dumps(_report("verified", 0.9)))
    (tmp_path / "latest-naive.json").write_text(json.dumps(_report("naive", 0.5)))
    (tmp_path / "latest-other.json").write_text("not json")
    reports = read_reports(tmp_path)
    assert set(reports) == {"verified", "naive"}
    summary = summary_frame(reports)
    assert list(summary.columns) == ["metric", "verified", "naive"]
    chart = chart_frame(reports)
    assert set(chart["chain"]) == {"verified", "naive"}
    assert set(chart["metric"]) == {"figure_accuracy"}  # n and latency are not rates
    results = results_frame(reports)
    assert results.loc[0, "verified"] == "✓ hit"
    assert results.loc[1, "naive"] == "✗ miss: figure missing"


def test_eval_frames_without_reports(tmp_path) -> None:
    (tmp_path / "latest-verified.json").write_text("{broken")
    reports = read_reports(tmp_path)
    assert reports == {}
    assert summary_frame(reports).empty
    chart = chart_frame(reports)
    assert chart.empty
    assert chart["value"].dtype == float  # the plot reads column types from its value
    assert results_frame(reports).empty
    assert "assistant eval" in eval_status(reports, tmp_path)


# --- the claim check ------------------------------------------------------------------------

SHARE_33 = "Alibaba Cloud now holds a 33% market share in China."
SHARE_36 = "Moreover, the company's 36% share of China's cloud market grows."


def record(verdict: str, figure: str = "33%", cited: tuple[str, ...] = ("source-5",),
           sentence: str = SHARE_33, evidence: list[dict[str, str]] | None = None,
           note: str = "") -> AuditRecord:
    return AuditRecord(sentence=sentence, figure=figure, normalised=figure, measure="share",
                       cited=list(cited), verdict=verdict, evidence=evidence or [], note=note)


def audit_report() -> AuditReport:
    return AuditReport(
        records=[
            record("supported", "97%", ("source-2",), "API prices were cut by up to 97%.",
                   [{"doc_id": "source-2", "quote": "The API price was cut by 97%."}]),
            record("found elsewhere", "$53 billion", ("source-1",),
                   "It committed $53 billion.",
                   [{"doc_id": "source-2", "quote": "RMB 380 billion (about US$53 billion)"}],
                   "held by source-2"),
            record("conflicting", "36%", ("source-4",), SHARE_36,
                   [{"doc_id": "article", "quote": SHARE_36},
                    {"doc_id": "article", "quote": SHARE_33}], "article gives 33%"),
            record("unverifiable", "$815 million", ("source-5",), "It bought $815 million.",
                   note="the text of source-5 is not available"),
        ],
        inconsistencies=[{"measure": "market share", "figures": ["33%", "36%"],
                          "evidence": [{"doc_id": "article", "quote": SHARE_33},
                                       {"doc_id": "article", "quote": SHARE_36}]}],
    )


def rows(html_text: str) -> list[str]:
    return html_text.split("<tr")[2:]  # the header row first


def test_audit_table_colours_each_verdict() -> None:
    out = render_audit_html(audit_report())
    assert len(rows(out)) == 4
    assert len(set(VERDICT_CLASSES.values())) == 4
    for verdict in VERDICTS:
        row = next(r for r in rows(out) if f'data-verdict="{verdict}"' in r)
        assert f'class="verdict {VERDICT_CLASSES[verdict]}"' in row
        assert f">{verdict}</span>" in row


def test_audit_table_shows_claim_figure_source_evidence_and_note() -> None:
    row = next(r for r in rows(render_audit_html(audit_report()))
               if 'data-verdict="conflicting"' in r)
    assert "<mark>36%</mark> share of China" in row  # the figure is marked in the claim
    assert "source-4" in row and "article gives 33%" in row
    assert row.count('class="ev"') == 2  # both sides of the conflict, each with its doc id
    assert "<code>article</code>" in row
    assert "holds a <mark>33%</mark> market share" in row  # the rival value is marked too


def test_audit_filter_by_verdict() -> None:
    report = audit_report()
    out = render_audit_html(report, ["supported", "unverifiable"], ALL_SOURCES)
    assert len(rows(out)) == 2
    assert 'data-verdict="conflicting"' not in out
    assert "Showing 2 of 4 claims" in out
    assert [r.verdict for r in filter_records(report.records, ["conflicting"], None)] == [
        "conflicting"]


def test_audit_filter_by_cited_source() -> None:
    report = audit_report()
    out = render_audit_html(report, VERDICTS, "source-5")
    assert len(rows(out)) == 1 and "$815 million" in out
    assert len(filter_records(report.records, VERDICTS, "source-3")) == 0
    assert len(filter_records(report.records, VERDICTS, ALL_SOURCES)) == 4


def test_audit_filter_with_nothing_ticked_says_so() -> None:
    out = render_audit_html(audit_report(), [], ALL_SOURCES)
    assert "No claims match the filter" in out
    assert "data-verdict" not in out


def test_audit_html_escapes_claims_quotes_and_notes() -> None:
    report = AuditReport(records=[record(
        "conflicting", sentence=f"{XSS} 33%", note=f"{XSS} gives 36%",
        evidence=[{"doc_id": XSS, "quote": f'"><img src=x onerror=alert(1)> {XSS} 36%'}],
    )], inconsistencies=[{"measure": XSS, "figures": [XSS, "36%"],
                          "evidence": [{"doc_id": "article", "quote": XSS}]}])
    for out in (render_audit_html(report), render_inconsistencies_html(report)):
        assert "<script>" not in out and "<img" not in out
        assert "&lt;script&gt;" in out


def test_audit_counts_and_inconsistencies() -> None:
    report = audit_report()
    counts = render_audit_counts_html(report)
    for verdict in VERDICTS:
        assert f'{VERDICT_CLASSES[verdict]}">{verdict}: 1</span>' in counts
    incons = render_inconsistencies_html(report)
    assert "market share" in incons
    assert "<mark>33%</mark> vs <mark>36%</mark>" in incons
    assert incons.count('class="ev"') == 2
    empty = render_inconsistencies_html(AuditReport(records=[], inconsistencies=[]))
    assert "no figure twice" in empty
