"""Deterministic eval scoring: hand-built answers, malformed question files, reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answer import Answer, Citation
from assistant.corpus import parse_front_matter
from assistant.errors import EvalFileError
from assistant.evaluation import (
    SUMMARY_KEYS,
    EvalQuestion,
    EvalReport,
    QuestionResult,
    check_thresholds,
    load_questions,
    percentile,
    run_eval,
    score_answer,
    split_sentences,
    summarise,
    write_report,
)
from assistant.figures import contains_figure, parse_figure

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "evals" / "questions.yaml"
THRESHOLDS = ROOT / "evals" / "thresholds.yaml"

CAPEX_QUOTE = (
    "Over the past three years, the company has committed $53 billion to AI and cloud "
    "infrastructure, driving triple-digit year-over-year growth in AI-related revenue for "
    "six consecutive quarters [1]."
)
CLOUD_QUOTE = (
    "This dominance is fueled by AI-native tools such as Qwen3 and the Lingma coding "
    "assistant, which have driven an 18% year-over-year revenue increase in Q4 2025 [1]."
)
ABSTENTION = "The article and its sources do not say, so I cannot answer that."

CAPEX = EvalQuestion(
    id="capex",
    question="How much has Alibaba committed to AI and cloud infrastructure?",
    expected_figures=("$53 billion",),
    expected_sources=("article", "source-2"),
)
TOOLS = EvalQuestion(
    id="tools",
    question="Which AI tools are driving growth at Alibaba Cloud?",
    expected_terms=("Qwen3", "Lingma"),
    expected_sources=("article",),
)
HEADCOUNT = EvalQuestion(
    id="headcount", question="How many employees does Alibaba have?", answerable=False
)

CAPEX_HEAD = "- id: capex\n  question: q\n  expected_sources: [article]\n"

ARTICLE_FIGURES = [
    "$53 billion",
    "six consecutive quarters",
    "33%",
    "36%",
    "18%",
    "76%",
    "97%",
    "50%",
    "$1.8 trillion",
    "$815 million",
    "21%",
    "RMB 1 trillion",
]


def cite(n: int, quote: str, doc_id: str = "article") -> Citation:
    return Citation(
        n=n,
        doc_id=doc_id,
        title="Alibaba's Strategic AI Push",
        url="https://example.com/article",
        quote=quote,
        passage_id=f"{doc_id}-p{n}",
        start=0,
        end=len(quote),
    )


def answer(
    text: str,
    citations: list[Citation] | None = None,
    *,
    abstained: bool = False,
    retrieved_docs: list[str] | None = None,
) -> Answer:
    return Answer(
        question="q",
        text=text,
        citations=citations or [],
        abstained=abstained,
        retrieved_docs=["article"] if retrieved_docs is None else retrieved_docs,
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- score_answer ----------------------------------------------------------------------------


def test_correct_answer_scores_every_hit() -> None:
    result = score_answer(
        CAPEX,
        answer(
            "Alibaba has committed $53 billion to AI and cloud infrastructure [1].",
            [cite(1, CAPEX_QUOTE)],
        ),
        0.5,
    )
    assert result.figures_hit is True
    assert result.source_hit is True
    assert result.retrieval_hit is True
    assert result.terms_hit is None
    assert result.abstention_ok is None
    assert (result.citation_checks, result.citation_ok) == (1, 1)
    assert (result.figure_sentences, result.figure_sentences_cited) == (1, 1)
    assert result.why == ""
    assert result.passed


def test_missing_figure_is_a_miss_with_the_reason() -> None:
    result = score_answer(
        CAPEX,
        answer(
            "Alibaba has made a large commitment to AI infrastructure [1].", [cite(1, CAPEX_QUOTE)]
        ),
        0.5,
    )
    assert result.figures_hit is False
    assert "missing figure $53 billion" in result.why
    assert not result.passed


def test_paraphrased_figure_counts() -> None:
    quote = "Alibaba plans to spend RMB 380 billion (about US$53 billion) over three years."
    result = score_answer(
        CAPEX,
        answer("It has pledged roughly US$53bn to AI and cloud [1].", [cite(1, quote, "source-2")]),
        0.1,
    )
    assert result.figures_hit is True
    assert result.source_hit is True
    assert result.citation_ok == result.citation_checks == 1


def test_expected_terms_are_case_insensitive() -> None:
    hit = score_answer(
        TOOLS, answer("Tools such as qwen3 and LINGMA [1].", [cite(1, CLOUD_QUOTE)]), 0
    )
    miss = score_answer(TOOLS, answer("Qwen3 drives it [1].", [cite(1, CLOUD_QUOTE)]), 0)
    assert hit.terms_hit is True
    assert miss.terms_hit is False
    assert "missing term Lingma" in miss.why


def test_wrong_source_cited_names_what_was_cited() -> None:
    result = score_answer(
        CAPEX,
        answer(
            "Alibaba committed $53 billion [1].", [cite(1, "It committed $53 billion.", "source-5")]
        ),
        0,
    )
    assert result.source_hit is False
    assert "no expected source cited (cited: source-5)" in result.why


def test_retrieval_miss_is_recorded() -> None:
    result = score_answer(
        CAPEX,
        answer(
            "Alibaba committed $53 billion [1].",
            [cite(1, CAPEX_QUOTE)],
            retrieved_docs=[
                "source-5",
                "source-3",
            ],
        ),
        0,
    )
    assert result.retrieval_hit is False
    assert result.source_hit is True


def test_figure_on_unanswerable_question_fails_abstention() -> None:
    result = score_answer(
        HEADCOUNT, answer("Alibaba has about 200,000 employees.", abstained=True), 0.2
    )
    assert result.abstention_ok is False
    assert result.why.startswith("stated a figure on an unanswerable question")
    assert result.figures_hit is None
    assert result.source_hit is None


def test_clean_abstention_on_unanswerable_question_passes() -> None:
    result = score_answer(HEADCOUNT, answer(ABSTENTION, abstained=True), 0.2)
    assert result.abstention_ok is True
    assert result.passed


def test_answering_an_unanswerable_question_without_figures_still_fails() -> None:
    result = score_answer(HEADCOUNT, answer("Alibaba employs many people."), 0.2)
    assert result.abstention_ok is False
    assert result.why == "did not abstain"


def test_abstained_answerable_question_is_a_false_refusal() -> None:
    result = score_answer(CAPEX, answer(ABSTENTION, abstained=True), 0.3)
    assert result.abstained is True
    assert result.figures_hit is False
    assert result.why == "abstained"
    summary = summarise([result])
    assert summary["false_refusal_rate"] == 1.0
    assert summary["figure_accuracy"] == 0.0


# --- Citations -------------------------------------------------------------------------------


def test_citation_precision_catches_a_quote_without_the_figure() -> None:
    text = (
        "Alibaba has committed $53 billion to AI and cloud infrastructure [1]. "
        "Cloud revenue grew 18% in Q4 2025 [1]."
    )
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (2, 1)
    assert (result.figure_sentences, result.figure_sentences_cited) == (2, 1)
    assert "citation [1] quote lacks 18%" in result.why
    summary = summarise([result])
    assert summary["citation_precision"] == 0.5
    assert summary["citation_recall"] == 0.5


def test_markers_after_the_full_stop_belong_to_the_sentence_before() -> None:
    text = "Alibaba committed $53 billion. [1] Cloud revenue grew 18%. [2]"
    assert split_sentences(text) == [
        ("Alibaba committed $53 billion.", (1,)),
        ("Cloud revenue grew 18%.", (2,)),
    ]
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE), cite(2, CLOUD_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (2, 2)


def test_uncited_figure_lowers_citation_recall_only() -> None:
    text = "Alibaba committed $53 billion [1]. Free cash flow fell 76%."
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (1, 1)
    assert (result.figure_sentences, result.figure_sentences_cited) == (2, 1)
    assert "uncited figure 76%" in result.why


def test_citation_to_a_missing_number_fails() -> None:
    result = score_answer(
        CAPEX, answer("Alibaba committed $53 billion [3].", [cite(1, CAPEX_QUOTE)]), 0
    )
    assert (result.citation_checks, result.citation_ok) == (1, 0)
    assert "citation [3] does not exist" in result.why


def test_two_quotes_may_share_a_sentence_with_two_figures() -> None:
    text = "Alibaba committed $53 billion and cloud revenue grew 18% [1][2]."
    result = score_answer(CAPEX, answer(text, [cite(1, CAPEX_QUOTE), cite(2, CLOUD_QUOTE)]), 0)
    assert (result.citation_checks, result.citation_ok) == (2, 2)
    assert result.figure_sentences_cited == 1


def test_figures_echoed_from_the_question_need_no_citation() -> None:
    q = EvalQuestion(
        id="zacks",
        question="What is the Zacks consensus estimate for fiscal 2026 earnings per share?",
        expected_figures=("$8.58",),
        expected_sources=("source-1",),
    )
    quote = "The Zacks consensus estimate for Alibaba's earnings is $8.58 per share."
    text = "For fiscal 2026 the Zacks consensus is $8.58 per share [1]."
    result = score_answer(
        q, answer(text, [cite(1, quote, "source-1")], retrieved_docs=["source-1"]), 0
    )
    assert (result.citation_checks, result.citation_ok) == (1, 1)
    assert result.passed


def test_sentences_without_figures_are_not_checked() -> None:
    result = score_answer(
        TOOLS, answer("Qwen3 and Lingma drive growth [1].", [cite(1, CAPEX_QUOTE)]), 0
    )
    assert result.citation_checks == 0
    assert summarise([result])["citation_precision"] == 1.0


# --- summarise and percentiles ---------------------------------------------------------------


def test_summary_keys_are_exactly_the_documented_list() -> None:
    results = [
        score_answer(CAPEX, answer("It committed $53 billion [1].", [cite(1, CAPEX_QUOTE)]), 1.0),
        score_answer(HEADCOUNT, answer(ABSTENTION, abstained=True), 2.0),
    ]
    summary = summarise(results)
    assert list(summary) == list(SUMMARY_KEYS)
    assert set(summary) == {
        "n",
        "figure_accuracy",
        "term_accuracy",
        "source_hit_rate",
        "citation_precision",
        "citation_recall",
        "retrieval_recall_at_k",
        "abstention_accuracy",
        "false_refusal_rate",
        "latency_p50_s",
        "latency_p95_s",
    }
    assert summary["n"] == 2
    assert summary["figure_accuracy"] == 1.0
    assert summary["abstention_accuracy"] == 1.0
    assert summary["false_refusal_rate"] == 0.0


def test_rates_are_rounded_to_three_places() -> None:
    hit = score_answer(CAPEX, answer("It committed $53 billion [1].", [cite(1, CAPEX_QUOTE)]), 0)
    miss = score_answer(CAPEX, answer("It committed a lot [1].", [cite(1, CAPEX_QUOTE)]), 0)
    assert summarise([hit, miss, miss])["figure_accuracy"] == 0.333


def test_percentiles_on_known_latencies() -> None:
    latencies = [float(n) for n in range(1, 21)]  # 1.0 ... 20.0
    assert percentile(latencies, 50) == 10.0
    assert percentile(latencies, 95) == 19.0
    assert percentile([3.0], 95) == 3.0
    assert percentile([], 50) == 0.0
    results = [
        score_answer(HEADCOUNT, answer(ABSTENTION, abstained=True), latency)
        for latency in reversed(latencies)
    ]
    summary = summarise(results)
    assert summary["latency_p50_s"] == 10.0
    assert summary["latency_p95_s"] == 19.0


# --- load_questions --------------------------------------------------------------------------


def test_valid_file_loads_with_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
- id: capex
  question: "How much has Alibaba committed?"
  expected_figures: ["$53 billion"]
  expected_sources: [article]
- id: staff
  question: "How many employees does Alibaba have?"
  answerable: false
""",
    )
    questions = load_questions(path)
    assert questions[0] == EvalQuestion(
        id="capex",
        question="How much has Alibaba committed?",
        answerable=True,
        expected_figures=("$53 billion",),
        expected_terms=(),
        expected_sources=("article",),
    )
    assert questions[1].answerable is False


@pytest.mark.parametrize(
    ("body", "fragments"),
    [
        pytest.param("- [unclosed\n- id: x\n", ["not valid YAML", "line "], id="not-yaml"),
        pytest.param("id: x\nquestion: y\n", ["top level must be a list"], id="top-not-list"),
        pytest.param("", ["top level must be a list"], id="empty-file"),
        pytest.param("- just a string\n", ["question #1", "mapping"], id="item-not-mapping"),
        pytest.param(
            "- question: 'How much?'\n  expected_sources: [article]\n",
            ["question #1", "field 'id'", "missing or empty"],
            id="missing-id",
        ),
        pytest.param(
            "- id: ''\n  question: 'How much?'\n  expected_sources: [article]\n",
            ["question #1", "field 'id'"],
            id="empty-id",
        ),
        pytest.param(
            "- id: capex\n  expected_sources: [article]\n",
            ["question 'capex'", "field 'question'", "missing or empty"],
            id="missing-question",
        ),
        pytest.param(
            "- id: a\n  question: q\n  expected_sources: [article]\n"
            "- id: a\n  question: r\n  expected_sources: [article]\n",
            ["question 'a'", "field 'id'", "duplicate id"],
            id="duplicate-id",
        ),
        pytest.param(
            CAPEX_HEAD + "  expected_figure: ['$1']\n",
            [
                "question 'capex'",
                "field 'expected_figure'",
                "unknown field",
                "allowed:",
                "answerable",
            ],
            id="unknown-field",
        ),
        pytest.param(
            CAPEX_HEAD + "  expected_figures: '$53 billion'\n",
            ["question 'capex'", "field 'expected_figures'", "list of strings"],
            id="figures-not-a-list",
        ),
        pytest.param(
            CAPEX_HEAD + "  expected_figures: [53]\n",
            ["question 'capex'", "field 'expected_figures'", "strings"],
            id="figure-not-a-string",
        ),
        pytest.param(
            CAPEX_HEAD + "  expected_figures: ['$$']\n",
            ["question 'capex'", "field 'expected_figures'", "'$$' is not a figure"],
            id="unparseable-figure",
        ),
        pytest.param(
            "- id: capex\n  question: q\n  expected_sources: [source-9]\n",
            ["question 'capex'", "field 'expected_sources'", "source-9", "source-5"],
            id="unknown-doc-id",
        ),
        pytest.param(
            "- id: capex\n  question: q\n  expected_figures: ['$53 billion']\n",
            ["question 'capex'", "field 'expected_sources'", "at least one source"],
            id="answerable-without-sources",
        ),
        pytest.param(
            "- id: staff\n  question: q\n  answerable: false\n  expected_figures: ['5%']\n",
            ["question 'staff'", "field 'expected_figures'", "unanswerable"],
            id="unanswerable-with-figures",
        ),
        pytest.param(
            "- id: capex\n  question: q\n  answerable: 'yes'\n  expected_sources: [article]\n",
            ["question 'capex'", "field 'answerable'", "true or false"],
            id="answerable-not-bool",
        ),
        pytest.param(
            "- id: capex\n  question: q\n  expected_sources: [article]\n"
            "- id: other\n  question: r\n  expected_sources: article\n",
            ["question 'other'", "field 'expected_sources'", "list of strings"],
            id="second-question-named",
        ),
    ],
)
def test_malformed_question_files_are_refused(
    tmp_path: Path, body: str, fragments: list[str]
) -> None:
    path = write(tmp_path, body)
    with pytest.raises(EvalFileError) as caught:
        load_questions(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_missing_question_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EvalFileError, match="not found"):
        load_questions(tmp_path / "absent.yaml")


def test_yaml_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: a\n  question: q\n  expected_sources: [article\n")
    with pytest.raises(EvalFileError, match=r"line \d+"):
        load_questions(path)


# --- The shipped question set -----------------------------------------------------------------


def test_shipped_questions_load_and_cover_the_article() -> None:
    questions = load_questions(QUESTIONS)
    ids = [q.id for q in questions]
    assert len(questions) >= 45
    assert len(ids) == len(set(ids))
    assert sum(not q.answerable for q in questions) >= 12
    expected = [parse_figure(text) for q in questions for text in q.expected_figures]
    for text in ARTICLE_FIGURES:
        figure = parse_figure(text)
        assert any(figure.matches(other) for other in expected), text


def test_shipped_questions_cover_the_source_notes() -> None:
    questions = load_questions(QUESTIONS)
    by_source = {
        doc: [q for q in questions if doc in q.expected_sources] for doc in ("source-1", "source-2")
    }
    figures = {text for q in questions for text in q.expected_figures}
    for text in ("RMB 380 billion", "RMB 3,743 million", "RMB 15,361 million", "46%", "5%"):
        assert text in figures
    for text in ("RMB 55 billion", "RMB 45 billion", "$8.58", "4.77%", "seven quarters"):
        assert text in figures
    assert by_source["source-1"]
    assert by_source["source-2"]
    assert sum(len(q.expected_figures) >= 2 for q in questions) >= 3


def corpus_bodies() -> dict[str, str]:
    corpus = ROOT / "corpus"
    paths = {"article": corpus / "article.md"} | {
        f"source-{n}": corpus / "sources" / f"source-{n}.md" for n in range(1, 6)
    }
    if not all(path.exists() for path in paths.values()):
        pytest.skip("the corpus has not been written yet")
    return {
        doc: parse_front_matter(path.read_text(encoding="utf-8"))[1] for doc, path in paths.items()
    }


def test_every_expected_source_holds_the_expected_answer() -> None:
    bodies = corpus_bodies()
    for q in load_questions(QUESTIONS):
        for doc in q.expected_sources:
            body = bodies[doc]
            for text in q.expected_figures:
                assert contains_figure(body, parse_figure(text)), (q.id, doc, text)
            for term in q.expected_terms:
                assert term.lower() in body.lower(), (q.id, doc, term)


def test_shipped_thresholds_pass_a_perfect_summary() -> None:
    perfect = {key: 1.0 for key in SUMMARY_KEYS} | {"false_refusal_rate": 0.0, "n": 50}
    assert check_thresholds(perfect, THRESHOLDS) == []


# --- Thresholds ------------------------------------------------------------------------------


def test_check_thresholds_reports_failures_and_passes(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.yaml"
    path.write_text("figure_accuracy: 0.9\nfalse_refusal_rate_max: 0.1\n", encoding="utf-8")
    passing = {"figure_accuracy": 0.95, "false_refusal_rate": 0.05}
    failing = {"figure_accuracy": 0.8, "false_refusal_rate": 0.2}
    assert check_thresholds(passing, path) == []
    failures = check_thresholds(failing, path)
    assert len(failures) == 2
    assert "figure_accuracy 0.800 is below the minimum 0.900" in failures
    assert "false_refusal_rate 0.200 is above the maximum 0.100" in failures


def test_check_thresholds_reports_an_unknown_metric(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.yaml"
    path.write_text("made_up_metric: 0.5\n", encoding="utf-8")
    assert check_thresholds({"figure_accuracy": 1.0}, path) == [
        "made_up_metric: the summary has no metric 'made_up_metric'"
    ]


def test_check_thresholds_refuses_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.yaml"
    path.write_text("figure_accuracy: high\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="figure_accuracy"):
        check_thresholds({}, path)


# --- run_eval and reports ---------------------------------------------------------------------


def fake_ask(question: str) -> Answer:
    if "employees" in question:
        return answer(ABSTENTION, abstained=True)
    return answer(
        "Alibaba committed $53 billion | pipes\nand newlines [1].", [cite(1, CAPEX_QUOTE)]
    )


def test_run_eval_scores_every_question_and_reports_progress() -> None:
    seen: list[tuple[int, int]] = []
    report = run_eval(
        [CAPEX, HEADCOUNT],
        fake_ask,
        chain="plain",
        llm="fake",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(1, 2), (2, 2)]
    assert [r.id for r in report.results] == ["capex", "headcount"]
    assert all(isinstance(r, QuestionResult) for r in report.results)
    assert report.summary["n"] == 2
    assert (report.chain, report.llm) == ("plain", "fake")
    assert report.created_at.endswith("Z")


def test_write_report_writes_both_files_and_latest_copies(tmp_path: Path) -> None:
    report = run_eval([CAPEX, HEADCOUNT, TOOLS], fake_ask, chain="verified", llm="fake")
    json_path, md_path = write_report(report, tmp_path / "reports")
    assert json_path.name.startswith("eval-verified-") and json_path.suffix == ".json"
    assert md_path.with_suffix(".json") == json_path
    assert (tmp_path / "reports" / "latest-verified.json").read_text() == json_path.read_text()
    assert (tmp_path / "reports" / "latest-verified.md").read_text() == md_path.read_text()
    assert not list((tmp_path / "reports").glob("*.tmp"))

    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["summary"]["n"] == 3
    assert [r["id"] for r in data["results"]] == ["capex", "headcount", "tools"]
    assert data["results"][0]["citations"][0]["doc_id"] == "article"

    markdown = md_path.read_text(encoding="utf-8")
    assert markdown.startswith("# Eval report: chain `verified`, LLM `fake`")
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "`" not in line]
    question_rows = [
        r for r in rows if r.split(" | ")[0].strip("| ") in {"capex", "headcount", "tools"}
    ]
    assert len(question_rows) == 3
    capex_row = next(r for r in question_rows if r.startswith("| capex "))
    assert "\\| pipes and newlines" in capex_row
    assert "✅ hit" in capex_row
    tools_row = next(r for r in question_rows if r.startswith("| tools "))
    assert "❌ miss" in tools_row and "missing term Qwen3, Lingma" in tools_row
    assert "abstain" in next(r for r in question_rows if r.startswith("| headcount "))


def test_markdown_truncates_long_answers() -> None:
    long_text = "word " * 200
    result = score_answer(TOOLS, answer(long_text), 0.0)
    report = EvalReport(summarise([result]), [result], "verified", "fake", "2025-08-29T00:00:00Z")
    row = report.to_markdown().splitlines()[-1]
    answer_cell = row.split(" | ")[2]
    assert len(answer_cell) <= 300
    assert answer_cell.endswith("…")


def test_abstention_may_echo_the_questions_own_figures() -> None:
    q = EvalQuestion(
        id="tencent", question="What was Tencent Cloud's revenue in 2024?", answerable=False
    )
    echoed = "The sources do not give Tencent Cloud's revenue in 2024."
    assert score_answer(q, answer(echoed, abstained=True), 0).abstention_ok is True
    invented = "Tencent Cloud's revenue in 2024 was $8 billion."
    assert score_answer(q, answer(invented, abstained=True), 0).abstention_ok is False
