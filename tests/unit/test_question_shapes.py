"""Questions and sources as a Japanese company's corpus showed them: exchange rates are not
the answer's currency, "1H" and "the last half" are periods, terse lookups ask values, a
question quoted in the sources answers nothing, and a prior year's row ranks after the
latest. Each rule on made-up text."""

from __future__ import annotations

from dataclasses import replace

from assistant.chunking import Passage
from assistant.direct import magnitude
from assistant.entities import Subject, names_in
from assistant.evidence import SentenceEmbeddings, select_evidence
from assistant.figures import find_figures
from assistant.latest_year import behind_latest
from assistant.periods import narrower, part_of_year, periods, periods_fit
from assistant.premise import check_direction
from assistant.question import asks_value, question_parts
from assistant.retrieval import Hit
from assistant.sentence_fit import SentenceReader
from assistant.synonyms import other_basis_before, plain_terms
from assistant.units import currency_named_at, currency_wanted
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme", ("Acme Corp",))


def test_an_exchange_rate_names_no_currency_for_the_answer() -> None:
    question = "How much does a one-yen move against the dollar change Acme's operating profit?"
    assert currency_wanted(question) is None
    assert currency_wanted("How did the yen's weakness help profit?") is None
    assert currency_wanted("What dollar-yen rate does the guidance assume?") is None
    assert currency_wanted("What was revenue in yuan?") == "CNY"
    assert currency_wanted("How many dollars did Acme spend?") == "USD"
    # ... and "against the dollar" compares nothing: the question stays one part.
    assert len(question_parts(question, ACME)) == 1
    assert currency_named_at("a move against the dollar", len("a move against "))
    assert not currency_named_at("growth against the market", len("growth against "))


def test_halves_and_quarters_written_number_first_and_the_last_half() -> None:
    assert periods("Acme's semi orders in 1H") == {"H1"}
    assert periods("2Q operating margin") == {"Q2"}
    assert periods("1H25 sales") == {"H1", "2025"}
    assert periods("EPS for the last half") == {"H?"}
    assert periods("this H1 versus the same half last year") == {"H1"}  # the half named
    # "for the year" is a full year's figure, whatever half the document's title names.
    assert periods("Depreciation for the year should be about \u00a513.2 billion") == {"FY"}
    assert not periods_fit(frozenset({"H1"}), frozenset({"FY"}), frozenset({"H1"}))
    # ... and so is one for a named fiscal year, under a first-half headline.
    year_to = frozenset(periods("profit of \u00a541.2 billion for the year to March 2027"))
    assert periods_fit(frozenset({"FY"}), year_to, frozenset({"H1"}))
    assert not periods_fit(frozenset({"H1"}), year_to, frozenset({"H1"}))
    # "the half" is some half: a half's figure answers it, a full year's does not.
    assert periods_fit(frozenset({"H?"}), frozenset({"H1", "2026"}), frozenset())
    assert not periods_fit(frozenset({"H?"}), frozenset({"FY2026"}), frozenset())


def test_a_legal_form_after_a_comma_is_no_name_of_its_own() -> None:
    named = [m.text for m in names_in("Company name: Acme Precision Co., Ltd. and Initech SE")]
    assert named == ["Acme Precision Co", "Initech SE"]  # not "Ltd", an answer to "who?"


def test_who_runs_a_company_asks_for_its_chief_executive() -> None:
    assert plain_terms("Who runs Acme?") == "who is the chief executive of Acme?"
    assert plain_terms("Who heads Acme's cloud unit?").startswith("who is the chief executive")
    # ... but a function named with its company is that function's head, not the CEO.
    for question in ("who heads investor relations at Acme?", "who runs the cloud unit at Acme?"):
        assert plain_terms(question) == question
    assert plain_terms("who leads acme holdings?") == "who is the chief executive of acme holdings?"


def test_a_terse_lookup_of_up_to_nine_words_asks_a_value() -> None:
    assert asks_value("Acme's basic EPS for the last half?")
    assert asks_value("price contribution in acme's 1H profit bridge?")
    assert not asks_value("Who runs Acme?")


def test_what_a_thing_cost_or_what_someone_expects_a_measure_to_be_asks_a_value() -> None:
    assert asks_value("What did the engine issues cost the airline?")
    assert asks_value("What does the broker expect FY28 EPS to be?")
    assert asks_value("What will management expect capex to total?")
    assert not asks_value("What does the CEO expect the new ferry to do for the business?")


def _hit(text: str, doc: str = "release", title: str = "Results", byline: str = "") -> Hit:
    passage = Passage(f"{doc}#0", doc, doc, "source", title, "", "", 0, 0, len(text), text)
    passage = replace(passage, byline=byline)
    return Hit(passage=passage, score=1.0, dense_similarity=0.6, dense_rank=0, bm25_rank=0)


def _quoted(question: str, hits: list[Hit]) -> list[str]:
    embedder = FakeEmbedder()
    evidence = select_evidence(
        question,
        hits,
        embedder.embed_query(question),
        SentenceEmbeddings(embedder),
        4,
        subject=ACME,
    )
    return [s.text for s in evidence.sentences]


def test_a_question_quoted_in_the_sources_answers_nothing() -> None:
    asked = "Q (Initech Capital): Why did Acme's operating profit fall 10% in the half?"
    said = "Acme's operating profit fell 10% in the half because of start-up costs."
    assert _quoted("Why did Acme's operating profit fall in the half?", [_hit(f"{asked} {said}")])
    assert asked not in _quoted(
        "Why did Acme's operating profit fall in the half?", [_hit(f"{asked} {said}")]
    )


def test_a_prior_years_row_ranks_after_the_latest_when_no_year_is_asked() -> None:
    rows = [
        "Six months ended September 30, 2025 \u2014 Operating profit % change: -1.6%",
        "Six months ended September 30, 2026 \u2014 Operating profit % change: 18.4%",
        "Operating profit rose 18% in the half.",
    ]
    assert behind_latest("How much did operating profit grow?", rows) == [True, False, False]
    assert behind_latest("How much did operating profit grow in 2025?", rows) == [False] * 3
    assert behind_latest("How much did operating profit grow last year?", rows) == [False] * 3
    # A year that dates a comparison ("the biggest gain since March 2025") is not the figure's.
    shares = ["Acme shares rose 6.4%, their biggest gain since March 2025.", "FY26 EPS: $3.36"]
    assert behind_latest("How did Acme's stock react?", shares) == [False, False]
    quoted = _quoted("How much did Acme's operating profit grow?", [_hit("\n".join(rows))])
    assert quoted.index(rows[1]) < quoted.index(rows[0])


def test_a_forecast_year_makes_no_actual_figure_an_earlier_years_and_ranks_after() -> None:
    texts = [
        "Fee income ($m) \u2014 3Q26: 76.4; 2Q26: 74.1; 9M 2026: 225.6",
        "Fee income ($m) \u2014 2025A: 301.9; 2026E Old: 318; 2026E New: 322; 2027E New: 340",
        "Analyst Jo Pell lifted her 2027 estimates and now models 2027 fee growth of 5%.",
        "The company expects fee income to grow 4% in 2027.",
    ]
    # Of what happened, the quarter is latest and the broker's last actual year is behind it;
    # a forecast of a later year ranks after it too ("Our 2027E EPS rises to ...").
    assert behind_latest("What was fee income?", texts) == [False, True, True, True]
    estimate = "Our 2027E fee income rises to $340 million."
    assert behind_latest("What was fee income?", [texts[0], estimate]) == [False, True]
    # "now guide to": guidance is asked, so the forecast of the later year is latest.
    assert behind_latest("What fee income does Acme now guide to?", texts[::3]) == [True, False]
    # Asked for a forecast, the estimate columns and forecasts count: 2027 is latest.
    assert behind_latest("What fee income does the broker expect?", texts) == [
        True,
        False,
        False,
        False,
    ]


def test_a_year_to_date_column_is_no_more_the_year_than_the_quarter() -> None:
    assert narrower(frozenset(), frozenset({"2026", "M9"}))
    assert narrower(frozenset(), frozenset({"2026", "Q3"}))
    assert not narrower(frozenset(), frozenset({"2026", "FY2026"}))
    assert not narrower(frozenset({"M9"}), frozenset({"2026", "M9"}))
    # Asked for the year, one quarter is a part of it; a span of months is not a quarter.
    assert part_of_year(frozenset({"2026"}), frozenset({"2026", "Q3"}))
    assert not part_of_year(frozenset({"2026"}), frozenset({"2026", "M9"}))


def test_a_results_title_with_an_aside_or_the_subjects_byline_heads_no_other_company() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    assert reader._headed_by_another("Initech lifts its Zyxwv outlook")
    assert not reader._headed_by_another("Consolidated results (Under Zyxwv GAAP)")
    assert not reader._headed_by_another("Initech lifts its Zyxwv outlook", "Acme Corp")


def test_a_percent_cell_is_shown_with_its_percent_sign() -> None:
    (figure,) = [f for f in find_figures("Sales (%) \u2014 H1: 4.9") if f.kind == "percent"]
    assert magnitude(figure) == "4.9%"


def test_a_question_that_takes_a_cut_for_granted_is_corrected_by_the_amount_raised_to() -> None:
    said = "Acme raised its full-year operating profit forecast to \u00a541.2 billion."
    kinds = frozenset({"percent", "points", "money"})
    found = check_direction(
        "Why did Acme cut its full-year operating profit guidance?", [said], kinds, None, ACME
    )
    assert found is not None
    issue, index = found
    assert index == 0
    assert issue.correction == "The sources say it rose to \u00a541.2 billion, not fell"
    # A question whose verb agrees with the sources asserts nothing wrong.
    assert check_direction("Why did Acme raise its forecast?", [said], kinds, None, ACME) is None


def test_a_rate_says_which_way_before_an_amount_does() -> None:
    said = "Orders were $1,184.0 million, up 8% from the prior-year quarter."
    kinds = frozenset({"percent", "points", "money"})
    found = check_direction("Why did Acme's orders fall?", [said], kinds, None, ACME)
    assert found is not None and found[0].correction == "The sources say it rose 8%, not fell"


def test_another_kind_right_before_the_measure_asked_is_not_its_answer() -> None:
    # "net" stands before "sales", "operating" before "profit": this is not net profit.
    said = "net sales were \u00a588.7 billion and operating profit was \u00a510.4 billion"
    assert other_basis_before("net profit", said)
    assert not other_basis_before("net profit", "net profit rose while operating profit fell")
    assert not other_basis_before("margin", said)  # no kind asked
    # Two measures asked at once: "operating" qualifies "margin", not "sales".
    assert not other_basis_before("sales operating margin", f"{said}, a margin of 12.3%")


def test_a_business_described_by_a_noun_owns_only_figures_said_of_it() -> None:
    airports = _hit("Airport Services revenue grew 18%. Operating margin rose to 20.3%.", "a")
    airline = _hit("Profitability at the airline slipped. Operating margin fell to 8.7%.", "b")
    quoted = _quoted("What was the airline's margin?", [airports, airline])
    assert any("8.7%" in q for q in quoted), quoted
    assert not any("20.3%" in q for q in quoted), quoted


def test_a_key_figure_whose_words_all_stand_in_a_passage_passes_the_relevance_gate() -> None:
    note = Hit(
        passage=_hit("Rating: HOLD\nImplied upside: 14.5%\nMarket cap: EUR 3.7bn").passage,
        score=1.0,
        dense_similarity=0.05,
        dense_rank=0,
        bm25_rank=0,
    )
    assert any("14.5%" in q for q in _quoted("What is the implied upside?", [note]))
    assert not _quoted("What is the dividend yield?", [note])


def test_a_described_owner_no_passage_names_is_read_as_before() -> None:
    capacity = _hit("Capacity, measured in available seat kilometres, grew 1.8% to 1.31 billion.")
    quoted = _quoted("What was the airline's capacity in available seat kilometres?", [capacity])
    assert any("1.31 billion" in q for q in quoted), quoted
