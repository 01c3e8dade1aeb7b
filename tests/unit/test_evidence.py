"""Evidence selection with a tiny deterministic embedder: owner, measure, period and parts."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pytest

from assistant.chunking import Passage
from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings, select_evidence
from assistant.figures import find_figures
from assistant.retrieval import Hit
from assistant.text import content_stems

ACME = Subject("Acme", ("Acme Group",))
# Words the fake model reads as the same meaning (a real model learns these).
SYNONYMS = {"pour": "invest", "spend": "invest", "outlay": "invest", "staff": "employe"}


class FakeEmbedder:
    """Bag of stems, synonyms folded together: cosine = shared meaning."""

    def __init__(self) -> None:
        self.calls = 0

    def _vector(self, text: str) -> list[float]:
        stems = {SYNONYMS.get(s, s) for s in content_stems(text)}
        vec = [0.0] * 64
        for s in stems:
            vec[sum(map(ord, s)) % 64] += 1.0
        norm = math.sqrt(sum(x * x for x in vec)) or 1.0
        return [x / norm for x in vec]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        return [self._vector(t) for t in texts]


TEXT = (
    "Acme Group's first-quarter sales rose 4% to £2.1bn. "
    "Rivals such as Globex hold a 40% market share in Spain. "
    "Acme holds a 25% market share in Spain. "
    "The company plans to spend £300 million on new stores in 2026. "
    "Acme's free cash flow fell 12% in the first quarter, while Globex's free cash flow rose 9%."
)


def hits(text: str = TEXT, title: str = "Acme Q1 update") -> list[Hit]:
    passage = Passage(
        id="p1",
        doc_id="article",
        doc_key="article",
        kind="article",
        title=title,
        url="",
        section="",
        chunk=0,
        start=0,
        end=len(text),
        text=text,
    )
    return [Hit(passage=passage, score=1.0, dense_similarity=0.6, dense_rank=0, bm25_rank=0)]


def ask(question: str, text: str = TEXT, title: str = "Acme Q1 update", subject: Subject = ACME):
    """Evidence for ``question`` from one passage of ``text``, with the fake embedder."""
    embedder = FakeEmbedder()
    return select_evidence(
        question,
        hits(text, title),
        embedder.embed_query(question),
        SentenceEmbeddings(embedder),
        4,
        subject=subject,
    )


def fit_figures(
    question: str,
    sentence: str,
    subject: Subject,
    title: str = "",
    known: frozenset[str] = frozenset(),
    section: str = "",
) -> frozenset[str]:
    """The figures of ``sentence`` that best answer ``question`` (one part), read with the fake
    embedder under a document ``title`` and ``section``; empty where none answers."""
    from assistant.question import question_parts
    from assistant.sentence_fit import SentenceReader

    reader = SentenceReader(subject, known, SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts(question, subject, known)
    fit = reader.figure_fit(part, sentence, "", title=title, section=section)
    return fit.figures if fit is not None else frozenset()


def quoted(question: str) -> list[str]:
    return [s.text for s in ask(question).sentences]


def test_a_rivals_figure_is_not_the_subjects() -> None:
    got = quoted("What is Acme's market share in Spain?")
    assert got and all("25%" in s for s in got)
    assert any("40%" in s for s in quoted("What is Globex's market share?"))


def test_synonym_of_the_measure_found_by_meaning() -> None:
    assert any("£300 million" in s for s in quoted("How much will Acme pour into stores?"))


def test_measure_not_in_the_sources_abstains() -> None:
    evidence = ask("How many employees does Acme have?")
    assert evidence.sentences == [] and evidence.abstain_reason


def test_period_not_in_the_sources_abstains() -> None:
    assert ask("How much did Acme's free cash flow fall in the second quarter?").sentences == []


def test_comparison_gets_a_sentence_for_each_owner() -> None:
    evidence = ask("How did Globex's free cash flow compare with Acme's?")
    assert len(evidence.parts) == 2 and not evidence.missing_parts
    joined = " ".join(s.text for s in evidence.sentences)
    assert "9%" in joined and "12%" in joined


def test_two_part_question_reports_the_part_not_found() -> None:
    evidence = ask("How much did Acme's sales rise and how many staff does it employ?")
    assert len(evidence.parts) == 2
    assert any("4%" in s.text for s in evidence.sentences)
    assert evidence.missing_parts == [evidence.parts[1]]


def test_a_row_chosen_for_one_part_carries_the_cell_that_answers_the_other() -> None:
    row = "Total sales (£m) — Q1 2025: 1,950; Q2 2025: 1,700; Q1 2026: 2,100"
    evidence = ask("Total sales in £m, Q1 2026 vs Q1 2025?", text=row)
    assert len(evidence.parts) == 2 and not evidence.missing_parts
    [sentence] = evidence.sentences
    assert sentence.part == 0 and sentence.answering == frozenset({"2,100"})
    assert sentence.also == ((1, frozenset({"1,950"})),)


def test_a_part_answered_by_the_cell_the_row_was_chosen_for_gets_nothing_more() -> None:
    from assistant.choosing import choose
    from assistant.evidence import EvidenceSentence

    row = "Total sales (£m) — Q1 2025: 1,950; Q1 2026: 2,100; Change: (7.1)%"
    new = frozenset({"2,100"})
    first = EvidenceSentence(hits(row)[0], 0, len(row), row, "", 0.5, 0.5, True, 1.0, 0, new)
    again, other = replace(first, part=1), replace(first, part=1, answering=frozenset({"1,950"}))
    assert [s.also for s in choose([[first], [again]], 4)] == [()]
    assert [s.also for s in choose([[first], [other]], 4)] == [((1, frozenset({"1,950"})),)]
    # A change column fits both periods of "Q1 26 vs Q1 25?": the other part keeps its own.
    change = frozenset({"(7.1)%"})
    both, older = (
        replace(first, answering=new | change),
        replace(other, answering=change | {"1,950"}),
    )
    assert [s.also for s in choose([[both], [older]], 4)] == [((1, frozenset({"1,950"})),)]
    # "Q1 this year" fits both Q1 cells, "Q1 last year" one: the second part keeps that one.
    either = replace(first, answering=new | {"1,950"})
    assert [s.also for s in choose([[either], [other]], 4)] == [((1, frozenset({"1,950"})),)]
    # A level before the change between the periods; a change alone where no level answers.
    level_or_change = replace(other, answering=frozenset({"1,950", "(7.1)%"}))
    assert [s.also for s in choose([[first], [level_or_change]], 4)] == [
        ((1, frozenset({"1,950"})),)
    ]
    only_change = replace(other, answering=change)
    assert [s.also for s in choose([[first], [only_change]], 4)] == [((1, change),)]


def test_a_part_a_chosen_row_answers_best_takes_no_worse_sentence_of_its_own() -> None:
    from assistant.choosing import choose
    from assistant.evidence import EvidenceSentence

    row = "Revenue (£m) — FY25: 1,086.2; FY26: 1,148.2"
    note = "Central costs were £16.9 million in FY26 and £15.8 million in FY25."
    new, old = frozenset({"1,148.2"}), frozenset({"1,086.2"})
    first = EvidenceSentence(hits(row)[0], 0, len(row), row, "", 0.9, 0.9, True, 1.0, 0, new)
    again = replace(first, part=1, answering=old)
    worse = EvidenceSentence(hits(note)[0], 0, len(note), note, "", 0.4, 0.4, True, 0.6, 1)
    worse = replace(worse, answering=frozenset({"£15.8 million"}))
    chosen = choose([[first], [again, worse]], 4)
    assert [s.text for s in chosen] == [row] and chosen[0].also == ((1, old),)
    # Where the row gives the other part nothing of its own, that part keeps its sentence.
    same = replace(first, part=1)
    assert [s.text for s in choose([[first], [same, worse]], 4)] == [row, note]


def test_no_relevant_passage_abstains() -> None:
    embedder = FakeEmbedder()
    low = [Hit(h.passage, h.score, 0.01, 0, 0) for h in hits()]
    evidence = select_evidence(
        "What were sales?",
        low,
        embedder.embed_query("x"),
        SentenceEmbeddings(embedder),
        4,
        subject=ACME,
    )
    assert evidence.sentences == [] and "retrieval" in (evidence.abstain_reason or "")


def test_a_note_number_is_not_a_figure() -> None:
    text = "13 — Panel data on clothing sales over 12 weeks. Acme's clothing sales fell 2%."
    evidence = ask("What happened to Acme's clothing sales?", text)
    assert [s.text for s in evidence.sentences][:1] == ["Acme's clothing sales fell 2%."]


BANK = (
    "Initech Bank's net interest margin narrowed to 2.1% in the first half of fiscal 2025. "
    "Rivals including Hooli Bank reported a margin of 2.6% in H1. "
    "Initech's loan book grew 4% to €80 billion in fiscal 2025, while deposits fell 1%. "
    "13 — Margin is defined over average interest-earning assets for 12 months."
)


def ask_bank(question: str) -> list[str]:
    bank = Subject("Initech Bank", ("Initech",))
    evidence = ask(question, BANK, "Initech Bank half-year results", bank)
    return [s.text for s in evidence.sentences]


def test_another_corpus_periods_named_other_ways() -> None:
    got = ask_bank("What was the net interest margin in H1 FY25?")
    assert got and "2.1%" in got[0]
    assert ask_bank("What was the net interest margin in the second half?") == []


def test_another_corpus_rival_and_clause_measures() -> None:
    assert all("2.6%" not in s for s in ask_bank("What margin did the bank report in H1?"))
    assert any("2.6%" in s for s in ask_bank("What margin did Hooli Bank report?"))
    deposits = ask_bank("How much did deposits shrink?")
    assert deposits and "deposits fell 1%" in deposits[0]
    assert ask_bank("How many branches does the bank have?") == []


def test_in_a_document_about_another_company_the_company_is_not_the_subject() -> None:
    text = "The company now holds a 40% market share in Spain, ahead of Acme and other rivals."
    evidence = ask("What is Acme's market share in Spain?", text, "Initech gains ground in Iberia")
    assert evidence.sentences == []


def test_a_row_label_with_a_glued_footnote_is_named_by_the_question() -> None:
    from assistant.tables import names_row as _names_row

    stems = content_stems("What did fuel sales total in Q1?")
    assert _names_row("Fuel16 \u2014 2030/31 Q1: 1,204; 2031/32 Q1: 1,287", stems, set())
    assert not _names_row("Grocery16 \u2014 2030/31 Q1: 7,215", stems, set())


def _passage(chunk: int, text: str, doc: str = "results") -> Passage:
    return Passage(
        f"{doc}#{chunk}", doc, doc, "source", "Results", "", "Table", chunk, 0, len(text), text
    )


def test_a_retrieved_table_passage_brings_the_table_passages_beside_it() -> None:
    from assistant.retrieval import _table_neighbours

    rows = "Grocery \u2014 YoY: 3.1%; \u00a3m: 7,480\nHomeware \u2014 YoY: (0.7)%; \u00a3m: 1,092"
    more = "Fuel \u2014 YoY: 18.5%; \u00a3m: 1,287\nTotal \u2014 YoY: 4.1%; \u00a3m: 10,318"
    prose = "The group traded well in the quarter. Sales rose."
    by_id = {p.id: p for p in (_passage(0, prose), _passage(1, rows), _passage(2, more))}
    assert _table_neighbours(["results#1"], by_id, None) == ["results#2"]  # prose is not
    assert _table_neighbours(["results#0"], by_id, None) == []  # prose brings nothing
    assert _table_neighbours(["results#1"], by_id, ["other"]) == []  # outside the filter


def test_a_why_part_of_a_change_question_asks_for_words() -> None:
    from assistant.read_again import asks_change

    question = "How far did Acme's free cash flow fall, and why?"
    assert asks_change("How far did Acme's free cash flow fall", question)
    assert not asks_change("why", question)
    assert not asks_change("What is Acme's strategy", "What is Acme's strategy?")


LEADERS = (
    "Acme CEO Jane Roe names general robotics as Acme's long-term aim. "
    "Acme's first-quarter sales rose 4% to £2.1bn."
)


def test_a_what_is_question_no_figure_answers_is_answered_in_words() -> None:
    got = ask("what's jane roe's long-term goal for the company?", LEADERS)
    assert [s.text for s in got.sentences] == [LEADERS.split(". ")[0] + "."]
    # ... but only by a sentence that states no figure, and not when a period is asked.
    assert ask("what is jane roe's long-term goal in 2027?", LEADERS).sentences == []
    assert ask("what's Acme's dividend?", LEADERS).sentences == []


def test_a_table_passage_brings_its_table_two_passages_each_way() -> None:
    from assistant.retrieval import TABLE_REACH, _table_neighbours

    rows = "Grocery \u2014 YoY: 3.1%\nHomeware \u2014 YoY: (0.7)%"
    passages = [_passage(i, rows) for i in range(TABLE_REACH + 3)]
    by_id = {p.id: p for p in passages}
    assert _table_neighbours(["results#0"], by_id, None) == [
        f"results#{i}" for i in range(1, TABLE_REACH + 1)
    ]


def test_a_row_named_by_the_question_is_not_one_it_only_counts_in() -> None:
    table = (
        "Fuel (£m) \u2014 2031/32 Q1: 1,287\n"
        "Like-for-like sales (inc. fuel) \u2014 2031/32 Q1: 3.7%\n"
    )
    got = ask("what is like-for-like including fuel for the quarter?", table, "Q1 results")
    assert got.sentences and "3.7%" in got.sentences[0].text
    fuel = ask("What did fuel total in Q1?", table, "Q1 results")
    assert fuel.sentences and "1,287" in fuel.sentences[0].text


def test_a_question_asking_for_names_ranks_a_sentence_that_names_some_first() -> None:
    text = (
        "Acme's growth in the quarter was driven by new tools in China. "
        "Acme's growth is driven by tools such as Roadrunner and Coyote Pro."
    )
    got = ask("Which tools are driving growth at Acme?", text)
    assert got.sentences and "Roadrunner" in got.sentences[0].text


def test_which_two_figures_quotes_two_values() -> None:
    from assistant.question import values_asked
    from assistant.quotes import pick_quotes

    assert values_asked("It gives the share twice. Which two figures does it use?") == 2
    assert values_asked("What is Acme's share?") == 1
    text = "Acme holds a 25% market share in Spain. Acme's 27% share of Spain's market grows."
    question = "The piece gives Acme's market share in Spain twice. Which two figures are they?"
    evidence = ask(question, text)
    picked = pick_quotes(evidence, list(evidence.sentences), question, ACME, max_values=1)
    assert len(picked) == 2 and {p[2] for p in picked} == {"part", "other value"}


def test_a_row_giving_the_same_value_is_cited_as_the_same_not_as_different() -> None:
    from assistant.quotes import pick_quotes

    text = (
        "Retail sales (£m) \u2014 2030/31 Q1: 7,161; 2031/32 Q1: 7,326\n"
        "Retail sales \u2014 YoY: 2.3%; £m: 7,326\n"
    )
    question = "What were retail sales in £m?"
    found = ask(question, text, "Q1 results")
    # The row of several columns first: its other columns differ, its latest one does not.
    evidence = replace(found, sentences=sorted(found.sentences, key=lambda s: "(£m)" not in s.text))
    picked = pick_quotes(evidence, list(evidence.sentences), question, ACME, max_values=3)
    assert [role for _, _, role in picked] == ["part", "same value"]


def test_a_list_items_period_is_not_the_next_items() -> None:
    # The first bullet names FY25 as its comparison; the second bullet's margin is FY26's,
    # which the document's title names.
    text = (
        "## Highlights\n\n- Revenue of £1,148 million, up 5.3% on FY25\n"
        "- EBITDA margin of 19.6%, an improvement of 40 basis points\n"
    )
    title = "Acme annual results for the year ended 30 June 2026"
    evidence = ask("What was Acme's EBITDA margin in FY26?", text, title)
    assert any("19.6%" in s.text for s in evidence.sentences)


def test_a_figure_with_no_owner_belongs_to_the_section_named_for_it() -> None:
    text = "On-time performance fell to 82.3% from 86.1%."
    section_hits = [
        replace(h, passage=replace(h.passage, section="Coastal Air")) for h in hits(text)
    ]
    other_hits = [replace(h, passage=replace(h.passage, section="Outlook")) for h in hits(text)]
    question = "What was Coastal Air's on-time performance?"
    embedder = FakeEmbedder()

    def found(given: list[Hit]) -> list[str]:
        vector = embedder.embed_query(question)
        evidence = select_evidence(
            question, given, vector, SentenceEmbeddings(embedder), 4, subject=ACME
        )
        return [s.text for s in evidence.sentences]

    assert found(section_hits) == [text]
    assert found(other_hits) == []


def test_who_question_takes_its_period_from_the_documents_title() -> None:
    text = "Jane Roe, Chief Executive of Acme, said the year had started well."
    question = "Who is the chief executive quoted in the Q1 update?"
    found = [s.text for s in ask(question, text, title="Acme Q1 trading statement").sentences]
    assert found == [text]
    assert ask(question, text, title="Acme annual report").sentences == []


def test_a_definite_noun_takes_its_words_from_the_sentence_before() -> None:
    question = "How much did the turboprop engine problems cost Acme?"
    text = (
        "Unplanned engine repairs grounded four turboprop aircraft. "
        "The company said the problems cost £8.6 million."
    )
    assert any("£8.6 million" in s.text for s in ask(question, text).sentences)
    other = "Acme opened a new ferry terminal. The company said the problems cost £8.6 million."
    assert not ask(question, other).sentences


def test_evidence_says_which_figures_of_a_sentence_answer_and_the_direct_line_states_one() -> None:
    from assistant.composing import compose_direct

    text = "Acme's orders rose 27% to £71.3 million, and its backlog reached £88.5 million."
    evidence = ask("What were Acme's orders?", text)
    best = evidence.sentences[0]
    assert "£71.3 million" in best.answering and "£88.5 million" not in best.answering
    picked = [(1, best.display, 0, "part")]
    line = compose_direct(picked, ["What were Acme's orders?"], evidence.kinds, None)
    assert line.startswith("£71.3 million") or "£71.3 million" in line
    # The figures found to answer come first, whatever the question's words share.
    found = {1: frozenset({"£88.5 million"})}
    assert "£88.5 million" in compose_direct(
        picked, ["orders?"], evidence.kinds, None, (), (), found
    )


def test_one_end_of_a_range_is_not_cited_as_the_same_value() -> None:
    from assistant.citation_scoring import _quote_holds
    from assistant.composing import compose_direct
    from assistant.quotes import pick_quotes

    question = "How much capital expenditure does Acme guide for the year?"
    guide = hits("Acme guides capital expenditure of £640-710mn for the year.")
    floor = hits("Acme plans capital expenditure of at least £640mn for the year.")
    floor = [replace(h, passage=replace(h.passage, id="p2", doc_id="source-1")) for h in floor]
    embedder = FakeEmbedder()
    found = select_evidence(
        question,
        guide + floor,
        embedder.embed_query(question),
        SentenceEmbeddings(embedder),
        4,
        subject=ACME,
    )
    evidence = replace(found, sentences=sorted(found.sentences, key=lambda s: "-" not in s.text))
    assert len(evidence.sentences) == 2 and "710" in evidence.sentences[0].text
    picked = pick_quotes(evidence, list(evidence.sentences), question, ACME, max_values=3)
    line = compose_direct(
        [(n, s.display, s.part, role) for n, s, role in picked],
        [question],
        evidence.kinds,
        evidence.currency,
        answering={n: s.answering for n, s, _ in picked},
    )
    # Every citation of the line holds the range it states: "£640mn" is only one end of it.
    (range_figure,) = [f for f in find_figures(line) if f.is_range]
    for n in {int(m) for m in re.findall(r"\[(\d+)\]", line)}:
        assert _quote_holds(find_figures(picked[n - 1][1].display), range_figure)


@pytest.mark.parametrize(
    ("question", "phrase", "clause", "other"),
    [
        (
            "Acme's market share?",
            "market share",
            "sales rose, in line with market expectations",
            True,
        ),
        ("Acme's market share?", "market share", "Acme holds a 33% market share in Spain", False),
        # Any two words of a longer compound ("grocery market share").
        (
            "What's Acme's grocery market share?",
            "grocery market share",
            "sales rose 2.3%, broadly in line with market expectations",
            True,
        ),
        ("what was cash flow?", "cash flow", "cash costs of £50 million", True),
        # Not a compound the question typed: "revenue" and "driven" are apart.
        ("rev growth driven by AI?", "revenue driven", "revenue growth sped up to 18%", False),
        ("free cash zacks cites?", "free cash zacks cites", "free cash flow per Zacks", False),
        # A longer phrase is no compound ("income even though revenue missed").
        (
            "the jump in net income even though rev missed?",
            "net income even though revenue missed",
            "net income jumped 76% as revenue missed",
            False,
        ),
    ],
)
def test_a_word_of_the_asked_compound_in_another_compound(
    question: str, phrase: str, clause: str, other: bool
) -> None:
    from assistant.compounds import other_compound

    assert other_compound(question, phrase, clause) is other


def test_a_when_question_is_answered_by_the_sentence_that_dates_it() -> None:
    text = (
        "Acme's new ferry cost £96 million. The ferry is due to enter service in May 2031. "
        "Acme carried 4.3 million passengers."
    )
    evidence = ask("When is Acme's new ferry due to enter service?", text)
    assert [s.text for s in evidence.sentences][:1] == [
        "The ferry is due to enter service in May 2031."
    ]
    assert ask("When will Acme open its new head office?", text).sentences == []


def test_a_sentence_naming_someone_ranks_for_names_only_when_on_the_question_s_topic() -> None:
    text = (
        "Globex's view is that Acme's AI push is a costly gamble. "
        "Partnerships with Apple and HONOR to bring AI to mobile phones widen its reach."
    )
    evidence = ask("Which phone brands is Acme partnering with on AI?", text)
    assert evidence.sentences
    assert "Apple and HONOR" in evidence.sentences[0].text
    scored = {s.text[:8]: s.fit for s in evidence.sentences}
    assert scored.get("Globex's", 0.0) == 0.0  # names Globex, but only Acme and AI are shared


CAUSED = (
    "Rail Freight \u2014 Revenue FY26 ($m): 210.4; Operating margin FY26: 8.1%; "
    "Operating margin FY25: 9.9%\n\n"
    "Rail Freight revenue rose 3.1% to $210.4 million. Operating margin fell to 8.1% from 9.9%. "
    "The decline reflected track closures in the north and higher fuel surcharges."
)


def test_a_cause_after_the_move_answers_why_before_a_row_of_figures() -> None:
    # The cause names neither the unit nor the margin: the sentences before it do.
    got = ask("Why did the Rail Freight operating margin fall in FY26?", CAUSED, "Results FY26")
    assert got.sentences and got.sentences[0].text.startswith("The decline reflected")
    # Without the move before it in its paragraph, a cause is about nothing asked.
    alone = CAUSED.replace("Operating margin fell to 8.1% from 9.9%. ", "").replace(
        "Rail Freight revenue rose 3.1% to $210.4 million. ", ""
    )
    quoted_alone = [s.text for s in ask("Why did the Rail Freight margin fall?", alone).sentences]
    assert not any(s.startswith("The decline reflected") for s in quoted_alone)
    # A cause with rates of its own is about its own moves, not the one before it.
    own = CAUSED.replace(
        "The decline reflected", "Bus revenue fell 2.0%, hit by fare caps; the decline reflected"
    )
    own_quotes = [s.text for s in ask("Why did the Rail Freight margin fall?", own).sentences]
    assert not any(s.startswith("Bus revenue fell") for s in own_quotes)
