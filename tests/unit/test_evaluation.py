"""Eval files, suites, the runner (with fake assistants) and reports; no model is loaded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.answer import Answer, Citation
from assistant.corpus import load_document
from assistant.errors import EvalFileError
from assistant.evaluation import (
    SUMMARY_KEYS,
    EvalQuestion,
    EvalReport,
    QuestionResult,
    check_thresholds,
    corpus_doc_ids,
    default_questions,
    load_questions,
    load_suites,
    run_eval,
    run_suites,
    write_report,
    write_suite_reports,
)
from assistant.figures import Figure, find_figures, parse_figure
from assistant.reports import reports_from_json, suites_markdown
from assistant.scoring import figure_stated
from assistant.text import parse_front_matter

ROOT = Path(__file__).resolve().parents[2]
SUITES = ROOT / "evals" / "suites.yaml"
THRESHOLDS = ROOT / "evals" / "thresholds.yaml"

CAPEX_HEAD = "- id: capex\n  question: q\n  expected_sources: [article]\n"
CAPEX_QUOTE = "Over the past three years, the company has committed $53 billion to AI [1]."
ABSTENTION = "The article and its sources do not say, so I cannot answer that."


def write(tmp_path: Path, text: str, name: str = "questions.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cite(n: int, quote: str, doc_id: str = "article") -> Citation:
    return Citation(
        n=n,
        doc_id=doc_id,
        title="t",
        url="",
        quote=quote,
        passage_id=f"{doc_id}-p{n}",
        start=0,
        end=len(quote),
    )


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
            ["question 'capex'", "field 'expected_figures'", "'$$' is not one figure"],
            id="unparseable-figure",
        ),
        pytest.param(
            "- id: capex\n  question: q\n  turns: [a, b]\n  expected_sources: [article]\n",
            ["question 'capex'", "field 'turns'", "not both"],
            id="question-and-turns",
        ),
        pytest.param(
            "- id: capex\n  turns: []\n  expected_sources: [article]\n",
            ["question 'capex'", "field 'turns'", "at least one turn"],
            id="empty-turns",
        ),
        pytest.param(
            "- id: capex\n  question: q\n  answerable: false\n  false_premise: true\n",
            ["question 'capex'", "field 'false_premise'", "unanswerable"],
            id="unanswerable-false-premise",
        ),
        pytest.param(
            "- id: capex\n  question: q\n  false_premise: 1\n  expected_sources: [article]\n",
            ["question 'capex'", "field 'false_premise'", "true or false"],
            id="false-premise-not-bool",
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


def test_turns_and_false_premise_load(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
- id: conv
  turns: ["How much did free cash flow fall?", "Why?"]
  expected_terms: [spending]
  expected_sources: [article]
- id: premise
  question: "Why did EBITA rise 21%?"
  false_premise: true
  expected_figures: ["21%"]
  expected_sources: [article]
""",
    )
    conv, premise = load_questions(path)
    assert conv.turns == ("How much did free cash flow fall?", "Why?")
    assert conv.question == "Why?" and conv.asked == conv.turns
    assert premise.false_premise is True and premise.asked == ("Why did EBITA rise 21%?",)


def test_expected_sources_are_checked_against_the_corpus_doc_ids(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: capex\n  question: q\n  expected_sources: [source-9]\n")
    assert load_questions(path)[0].expected_sources == ("source-9",)  # corpus not known
    with pytest.raises(EvalFileError) as caught:
        load_questions(path, doc_ids=["article", "source-1", "notes"])
    message = str(caught.value)
    for fragment in ("question 'capex'", "expected_sources", "source-9", "article, notes"):
        assert fragment in message


# --- Suites ----------------------------------------------------------------------------------


def make_corpus(root: Path, name: str, sources: list[str]) -> Path:
    corpus = root / name
    (corpus / "sources").mkdir(parents=True)
    (corpus / "article.md").write_text("# Title\n\nAcme grew 5% [1].\n", encoding="utf-8")
    for stem in sources:
        (corpus / "sources" / f"{stem}.md").write_text("Acme grew 5%.\n", encoding="utf-8")
    return corpus


def make_project(tmp_path: Path) -> Path:
    """A project root with two tiny corpora and a suites file naming them."""
    make_corpus(tmp_path, "corpus", ["source-1"])
    make_corpus(tmp_path / "other", "acme", ["trading-update", "slides"])
    evals = tmp_path / "evals"
    evals.mkdir()
    growth = '- {id: growth, question: "How much did Acme grow?", expected_figures: ["5%"], '
    write(evals, growth + "expected_sources: [article, source-1]}\n", "a-dev.yaml")
    write(evals, '- {id: staff, question: "How many staff?", answerable: false}\n', "a-test.yaml")
    write(evals, growth + "expected_sources: [trading-update]}\n", "b-dev.yaml")
    write(
        evals,
        '- id: conv\n  turns: ["How much did Acme grow?", "And the year before?"]\n'
        "  answerable: false\n"
        + growth.replace("growth", "growth2", 1)
        + "expected_sources: [slides]}\n",
        "b-test.yaml",
    )
    write(
        evals,
        "- {name: first, corpus: corpus, dev: evals/a-dev.yaml, test: evals/a-test.yaml}\n"
        "- {name: second, corpus: other/acme, dev: evals/b-dev.yaml, test: evals/b-test.yaml}\n",
        "suites.yaml",
    )
    return tmp_path


def test_suites_load_with_paths_from_the_project_root(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    first, second = load_suites(root / "evals" / "suites.yaml")
    assert (first.name, second.name) == ("first", "second")
    assert second.corpus == root / "other" / "acme"
    assert second.parts == {"dev": root / "evals/b-dev.yaml", "test": root / "evals/b-test.yaml"}
    assert corpus_doc_ids(second.corpus) == ["article", "slides", "trading-update"]
    assert default_questions(root / "other" / "acme", root / "evals" / "suites.yaml") == (
        root / "evals" / "b-dev.yaml"
    )
    with pytest.raises(EvalFileError, match="no eval suite"):
        default_questions(root / "elsewhere", root / "evals" / "suites.yaml")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("- {corpus: c, dev: d, test: t}\n", "must be a mapping with a 'name'"),
        ("- {name: a, corpus: c, dev: d}\n", "lacks test"),
        ("- {name: a, corpus: c, dev: d, test: t, extra: 1}\n", "unknown key 'extra'"),
        (
            "- {name: a, corpus: c, dev: d, test: t}\n- {name: a, corpus: c, dev: d, test: t}\n",
            "share a name",
        ),
    ],
)
def test_malformed_suites_are_refused(tmp_path: Path, body: str, fragment: str) -> None:
    with pytest.raises(EvalFileError, match=re.escape(fragment)):
        load_suites(write(tmp_path, body, "suites.yaml"))


# --- Runner with fake assistants -------------------------------------------------------------


class FakeConversation:
    def __init__(self, owner: FakeAssistant) -> None:
        self.owner = owner
        self.history: list[str] = []

    def ask(self, question: str, **kwargs: object) -> Answer:
        self.owner.conversation_turns.append((tuple(self.history), question))
        self.history.append(question)
        return self.owner.ask(question, **kwargs)  # type: ignore[arg-type]


class FakeAssistant:
    """Answers from a table of question -> text; unknown questions are refused."""

    def __init__(self, replies: dict[str, str], corpus: Path | None = None) -> None:
        self.replies = replies
        self.corpus = corpus
        self.asked: list[tuple[str, str]] = []
        self.conversation_turns: list[tuple[tuple[str, ...], str]] = []

    def ask(self, question: str, *, chain: str = "verified") -> Answer:
        self.asked.append((question, chain))
        text = self.replies.get(question)
        if text is None:
            return Answer(question=question, text=ABSTENTION, abstained=True)
        return Answer(
            question=question,
            text=text,
            citations=[cite(1, CAPEX_QUOTE)],
            retrieved_docs=["article"],
            direct=text,
            timings={"first_sentence_s": 0.01},
        )

    def conversation(self) -> FakeConversation:
        return FakeConversation(self)


CAPEX = EvalQuestion(
    id="capex",
    question="How much has Alibaba committed to AI?",
    expected_figures=("$53 billion",),
    expected_sources=("article",),
)
HEADCOUNT = EvalQuestion(id="headcount", question="How many employees?", answerable=False)
CONV = EvalQuestion(
    id="conv",
    question="And in dollars?",
    turns=("What did Alibaba commit to AI?", "And in dollars?"),
    expected_figures=("$53 billion",),
    expected_sources=("article",),
)
REPLIES = {
    CAPEX.question: "Alibaba committed $53 billion [1] | pipes\nand newlines.",
    "And in dollars?": "$53 billion [1].",
}


def test_run_eval_scores_every_question_and_reports_progress() -> None:
    fake = FakeAssistant(REPLIES)
    seen: list[tuple[int, int]] = []
    report = run_eval(
        [CAPEX, HEADCOUNT],
        fake,
        chain="plain",
        llm_name="fake",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(1, 2), (2, 2)]
    assert [q for q, _ in fake.asked] == [CAPEX.question, HEADCOUNT.question]
    assert {chain for _, chain in fake.asked} == {"plain"}
    assert [r.id for r in report.results] == ["capex", "headcount"]
    assert all(isinstance(r, QuestionResult) for r in report.results)
    assert [r.passed for r in report.results] == [True, True]
    assert report.summary["n"] == 2 and report.summary["direct_rate"] == 1.0
    assert (report.chain, report.llm, report.suite, report.part) == ("plain", "fake", "", "")
    assert report.created_at.endswith("Z")


def test_conversations_are_asked_turn_by_turn_and_the_last_answer_scored() -> None:
    fake = FakeAssistant(REPLIES)
    report = run_eval([CONV], fake)
    assert fake.conversation_turns == [
        ((), "What did Alibaba commit to AI?"),
        (("What did Alibaba commit to AI?",), "And in dollars?"),
    ]
    (result,) = report.results
    assert result.passed and result.answer_text == "$53 billion [1]."
    assert result.turns == list(CONV.turns)


def test_a_conversation_whose_last_turn_is_refused_is_a_false_refusal() -> None:
    fake = FakeAssistant({"What did Alibaba commit to AI?": "Alibaba committed $53 billion [1]."})
    (result,) = run_eval([CONV], fake).results
    assert result.abstained and result.why == "abstained"


def test_run_suites_runs_each_part_with_one_assistant_per_corpus(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    made: list[Path] = []

    def make(corpus: Path) -> FakeAssistant:
        made.append(corpus)
        return FakeAssistant({"How much did Acme grow?": "Acme grew 5% [1]."}, corpus)

    seen: list[tuple[int, int]] = []
    reports = run_suites(
        root / "evals" / "suites.yaml",
        make_assistant=make,
        llm_name="fake",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert [(r.suite, r.part) for r in reports] == [
        ("first", "dev"),
        ("first", "test"),
        ("second", "dev"),
        ("second", "test"),
    ]
    assert made == [root / "corpus", root / "other" / "acme"]
    assert seen[-1] == (5, 5) and [d for d, _ in seen] == [1, 2, 3, 4, 5]
    # The fake's quote holds 5% but it cites "article", not the suite's expected source.
    second_dev = reports[2].results[0]
    assert second_dev.figures_hit is True and second_dev.source_hit is False
    only_test = run_suites(root / "evals" / "suites.yaml", parts=["test"], make_assistant=make)
    assert [r.part for r in only_test] == ["test", "test"]
    with pytest.raises(EvalFileError, match="unknown eval part"):
        run_suites(root / "evals" / "suites.yaml", parts=["train"], make_assistant=make)


def test_run_suites_refuses_a_source_the_corpus_lacks(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "other" / "acme" / "sources" / "slides.md").unlink()
    with pytest.raises(EvalFileError, match="slides"):
        run_suites(root / "evals" / "suites.yaml", make_assistant=lambda c: FakeAssistant({}))


# --- Reports ---------------------------------------------------------------------------------


def sample_report(**labels: str) -> EvalReport:
    fake = FakeAssistant(REPLIES)
    tools = EvalQuestion(
        id="tools",
        question="Which tools?",
        expected_terms=("Qwen3", "Lingma"),
        expected_sources=("article",),
    )
    return run_eval([CAPEX, HEADCOUNT, tools, CONV], fake, llm_name="fake", **labels)


def test_report_json_round_trips() -> None:
    report = sample_report(suite="shipped", part="test")
    again = EvalReport.from_json(report.to_json())
    assert again == report
    assert again.results[3].turns == list(CONV.turns)
    assert [r.passed for r in again.results] == [r.passed for r in report.results]
    assert reports_from_json(report.to_json()) == [report]
    with pytest.raises(EvalFileError, match="rerun"):
        EvalReport.from_json('{"summary": {}}')
    with pytest.raises(EvalFileError, match="not JSON"):
        EvalReport.from_json("{")


def test_write_report_writes_both_files_and_latest_copies(tmp_path: Path) -> None:
    report = sample_report()
    json_path, md_path = write_report(report, tmp_path / "reports")
    assert json_path.name.startswith("eval-verified-") and json_path.suffix == ".json"
    assert md_path.with_suffix(".json") == json_path
    assert (tmp_path / "reports" / "latest-verified.json").read_text() == json_path.read_text()
    assert (tmp_path / "reports" / "latest-verified.md").read_text() == md_path.read_text()
    assert not [p for p in (tmp_path / "reports").iterdir() if p.name.startswith(".")]

    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["summary"]["n"] == 4
    assert [r["id"] for r in data["results"]] == ["capex", "headcount", "tools", "conv"]

    markdown = md_path.read_text(encoding="utf-8")
    assert markdown.startswith("# Eval report verified: chain `verified`, LLM `fake`")
    rows = {line.split(" | ")[0].strip("| "): line for line in markdown.splitlines()}
    assert "\\| pipes and newlines" in rows["capex"] and "✅ hit" in rows["capex"]
    assert "❌ miss: abstained" in rows["tools"]
    assert "abstain" in rows["headcount"]
    assert "What did Alibaba commit to AI? → And in dollars?" in rows["conv"]


def test_suite_reports_put_dev_and_test_side_by_side(tmp_path: Path) -> None:
    reports = [
        sample_report(suite="shipped", part="dev"),
        sample_report(suite="shipped", part="test"),
        sample_report(suite="acme", part="test"),
    ]
    json_path, md_path = write_suite_reports(reports, tmp_path)
    assert reports_from_json(json_path.read_text(encoding="utf-8")) == reports
    assert (tmp_path / "latest-shipped-test-verified.json").exists()
    markdown = md_path.read_text(encoding="utf-8")
    assert markdown == suites_markdown(reports)
    assert "## shipped" in markdown and "## acme" in markdown
    assert "| metric | dev | test |" in markdown and "| metric | test |" in markdown
    rows = [line for line in markdown.splitlines() if line.startswith(("| shipped |", "| acme |"))]
    assert [row.split(" | ")[:2] for row in rows] == [
        ["| shipped", "dev"],
        ["| shipped", "test"],
        ["| acme", "test"],
    ]
    for key in SUMMARY_KEYS:
        assert f"| {key} |" in markdown


def test_markdown_truncates_long_answers() -> None:
    fake = FakeAssistant({"Which tools?": "word " * 200})
    tools = EvalQuestion(
        id="tools",
        question="Which tools?",
        expected_terms=("Qwen3",),
        expected_sources=("article",),
    )
    row = run_eval([tools], fake).to_markdown().splitlines()[-1]
    answer_cell = row.split(" | ")[2]
    assert len(answer_cell) <= 300 and answer_cell.endswith("…")


# --- The shipped eval sets -------------------------------------------------------------------


def corpus_bodies(corpus: Path) -> dict[str, str]:
    """Each document's file body, and its text as the assistant reads it (tables rendered,
    so that a cell under "(Millions of yen)" states its amount in yen)."""
    files = [*corpus.glob("article.*"), *(corpus / "sources").glob("*.*")]
    return {
        p.stem: parse_front_matter(p.read_text(encoding="utf-8"))[1] + "\n" + load_document(p).text
        for p in files
    }


def holds(body: str, figures: list[Figure], expected: str) -> bool:
    """The body (whose ``figures`` are read once) states the figure, or at least its numeral
    (table cells such as "(3.7)%")."""
    numeral = re.search(r"\d[\d,.]*\d|\d", expected)
    found = figure_stated(parse_figure(expected), figures)
    return found or (numeral is not None and numeral.group(0) in body)


@pytest.mark.parametrize("suite", load_suites(SUITES), ids=lambda s: s.name)
def test_every_suite_part_loads_against_its_corpus(suite) -> None:
    doc_ids = corpus_doc_ids(suite.corpus)
    dev, test = (load_questions(suite.parts[p], doc_ids=doc_ids) for p in ("dev", "test"))
    if "regression" in suite.parts:  # tuned on too: held out from the test part as well
        dev += load_questions(suite.parts["regression"], doc_ids=doc_ids)
    assert sum(not q.answerable for q in dev + test) >= 8
    assert sum(len(q.expected_figures) >= 2 for q in test) >= 3
    assert any(q.turns for q in test) and any(q.false_premise for q in test)
    # Held out: no test question repeats a dev question.
    asked = {q.question.lower() for q in dev}
    assert not [q.id for q in test if q.question.lower() in asked]


@pytest.mark.parametrize("suite", load_suites(SUITES), ids=lambda s: s.name)
def test_expected_sources_hold_the_expected_answers(suite) -> None:
    bodies = corpus_bodies(suite.corpus)
    figures = {doc: find_figures(body) for doc, body in bodies.items()}
    for part in ("dev", "test"):
        for q in load_questions(suite.parts[part]):
            texts = [bodies[d] for d in q.expected_sources]
            for figure in q.expected_figures:  # some source holds each figure ...
                held = (holds(bodies[d], figures[d], figure) for d in q.expected_sources)
                assert any(held), (part, q.id, figure)
            for term in q.expected_terms:
                assert any(term.lower() in t.lower() for t in texts), (part, q.id, term)
            for doc, text in zip(q.expected_sources, texts, strict=True):  # ... each source one
                wanted = [holds(text, figures[doc], f) for f in q.expected_figures]
                wanted += [t.lower() in text.lower() for t in q.expected_terms]
                assert not wanted or any(wanted), (part, q.id, doc)


def test_shipped_thresholds_pass_a_perfect_summary() -> None:
    perfect = {key: 1.0 for key in SUMMARY_KEYS} | {"false_refusal_rate": 0.0, "n": 50}
    assert check_thresholds(perfect, THRESHOLDS) == []
