"""What kind of figure a question asks, and figures that only look like the answer: a move
where a portion is asked, a margin's move in points for the measure itself, a broker's own
forecast for the company's guidance, what a forecast assumes, a multiple of the measure
asked, another basis's margin, words an aside or an article lends, a narrower table row.
Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.abbreviations import spelled_words
from assistant.cues import asked_kinds, asks_movement
from assistant.direct import answer_figure
from assistant.directions import direction
from assistant.entities import Subject
from assistant.expectations import estimates_barred, states_expectation
from assistant.measure_fit import measure_fits
from assistant.measures import figure_contexts
from assistant.portions import portion_misread
from assistant.question import question_parts
from assistant.quotes import pick_quotes
from tests.unit.test_evidence import ask, fit_figures

ACME = Subject("Acme Bank", ("Acme",))


def _fit(question: str, sentence: str, title: str = "Acme results") -> frozenset[str]:
    return fit_figures(question, sentence, ACME, title)


def test_a_verb_and_a_ratio_ask_their_own_kinds() -> None:
    assert asks_movement("By how much did the operating margin contract in the half?")
    assert not asks_movement("what contract did it sign in 2025")
    assert "money" not in asked_kinds("What dividend payout ratio does the new forecast imply?")
    assert "money" in asked_kinds("what dividend did it pay")


def test_a_move_is_no_portion() -> None:
    moved = "Online sales were up 10.8% in the quarter."
    (up,) = figure_contexts(moved, ACME)
    assert portion_misread("online share of grocery sales", frozenset(), up, change=False)
    assert not portion_misread("how fast did the online share grow", frozenset(), up, change=True)
    assert not _fit("online share of grocery sales", moved)
    assert _fit("online sales growth", moved) == {"10.8%"}
    share = "Online accounted for 21% of grocery sales in the quarter."
    assert _fit("online share of grocery sales", share) == {"21%"}


def test_a_margins_move_in_points_says_nothing_of_the_measure() -> None:
    margin = "Adjusted EBITDA margin — H1 2026: 14.0%; H1 2025: 14.6%; Change: (60) bps"
    assert not _fit("h1 adj ebitda", margin)
    assert _fit("how much did the adj ebitda margin change in h1", margin) == {"(60) bps"}


def test_a_writers_own_forecast_is_not_the_companys_guidance() -> None:
    sentence = "We forecast FY27E capex of $410m, near the top of management's $350-420m guidance."
    broker = "Initech Research: Acme Bank (Buy)"
    assert "$410m" not in _fit("capex guide fy27", sentence, broker)
    assert "$410m" in _fit("what capex does the broker forecast for fy27", sentence, broker)


def test_what_a_forecast_assumes_answers_only_a_question_of_assumptions() -> None:
    sentence = (
        "Acme guided 4Q26 NII to $400-410 million and 2027 NII growth of 2% to 4%, assuming "
        "two 25 bp rate cuts between March 2027 and September 2027."
    )
    assert not _fit("fy26 nii guide", sentence)
    assert _fit("how many rate cuts does the guidance assume", sentence) == {"two"}


def test_a_multiple_of_the_measure_asked_is_not_the_measure() -> None:
    sentence = (
        "Our $41 target equates to 2.1x 2Q26 tangible book value per share of $19.60 (prior "
        "target: $38)."
    )
    assert _fit("tbvps q2", sentence) == {"$19.60"}


def test_op_is_the_operating_basis_however_alike_the_words_read() -> None:
    # Read as if by meaning alike (similarity 1.0): the basis still tells them apart.
    ctx = figure_contexts("OP margin was 8.4%, up 0.6 points.", ACME)[0]
    for question, fits in (("what was the gross margin", False), ("op margin", True)):
        (part,) = question_parts(question, ACME)
        assert measure_fits(part.focus, ctx, lambda *_: 1.0, 0.5) is fits, question


def test_a_year_ahead_figure_found_not_to_answer_does_not_lead() -> None:
    sentence = (
        "Deposit growth of 2% to 3% drives the plan, and repricing adds roughly 6 basis "
        "points of margin during 2027."
    )
    question = "What deposit growth is management assuming for next year?"
    kinds = frozenset({"percent", "points"})
    got = answer_figure(sentence, question, kinds, None, ACME, frozenset({"2% to 3%"}))
    assert got is not None and got.text == "2% to 3%"


def test_an_article_spells_no_letter_of_an_acronym() -> None:
    sentence = "The common equity tier 1 (CET1) ratio was an estimated 11.6%."
    assert spelled_words("tce", sentence) is None
    assert spelled_words("cet", sentence) == ["common", "equity", "tier"]


def test_a_bracketed_figure_owns_the_words_of_its_brackets() -> None:
    sentence = "Orders rose 12% to $310m in H1 (book-to-bill 1.07) and the backlog reached $402m."
    weights = {c.figure.text: dict(c.weights) for c in figure_contexts(sentence, ACME)}
    assert "book" not in weights["$310m"] and "bill" in weights["1.07"]


def test_a_narrower_row_is_no_other_value_of_the_row_asked() -> None:
    text = (
        "Revenue (EUR m) — 9M 2026: 3,120; 9M 2025: 2,990\n\n"
        "Service revenue (EUR m) — 9M 2026: 610; 9M 2025: 570"
    )
    for question, row in (("9m revenue", "Revenue"), ("9m service revenue", "Service revenue")):
        evidence = ask(question, text, "Acme nine-month results")
        picked = pick_quotes(evidence, list(evidence.sentences), question, ACME, 3)
        assert [(role, s.text.split(" (")[0]) for _, s, role in picked] == [("part", row)]


def test_the_company_expecting_is_its_guidance_and_a_named_broker_is_not_barred() -> None:
    news = (
        "Acme now expects operating profit of $1.9 billion, up from the $1.7 billion it forecast."
    )
    got = _fit("What operating profit does Acme now guide to?", news, "Initech Wire: Acme")
    assert "$1.9 billion" in got
    names = ACME.is_subject
    assert estimates_barred("fy26 ebita guide", names, "Initech Research")
    asked = "What's the broker's new FY26E EBITA number after the guidance cut?"
    assert not estimates_barred(asked, names, "Initech Research")


def test_how_far_an_outcome_missed_is_no_expectation_and_the_way_down_no_move() -> None:
    sentence = "Q2 EBIT of $84m was 4% below consensus ($88m)."
    expected = {c.figure.text: states_expectation(c) for c in figure_contexts(sentence, ACME)}
    assert expected["4%"] is False and expected["$88m"] is True
    assert direction("On the way down we model a loan beta of about 40%.") is None
    assert direction("Deposits went down 3%.") == "down"
