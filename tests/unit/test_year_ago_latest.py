""" "A year ago" counted back from the latest year the passages report: a figure dated that
year answers no such question, whatever its table or paragraph. Made-up text; no model is
loaded."""

from __future__ import annotations

from assistant.cues import asked_kinds
from assistant.directions import change_direction
from assistant.earlier_values import bare_level, earlier_value, year_before
from assistant.entities import names_in
from assistant.figure_periods import year_measured_on
from assistant.figures import find_figures
from assistant.latest_year import latest_reported
from tests.unit.test_chain_fakes import final, run
from tests.unit.test_year_before import _pick

# A peer table dated the latest quarter, a letter of that quarter, and the release that gives
# the year before's value.
PEERS = (
    "Peer comparison (3Q26 reported)\n"
    "Acme Bank \u2014 Ticker: ACMB; NIM: 3.18%; Cost ratio: 57.9%\n"
    "Zenith Bank \u2014 Ticker: ZNTB; NIM: 2.94%; Cost ratio: 60.7%"
)
LETTER = (
    "Third quarter 2026 letter.\n\n"
    "Our net interest margin rose to 3.18%, its fifth straight quarter of expansion."
)
RELEASE = (
    "Acme Bank reported third quarter 2026 results.\n\n"
    "Its net interest margin rose to 3.18% in the September quarter, up 21 basis points "
    "from 2.97% a year earlier."
)
DOCS = {"peers": PEERS, "letter": LETTER, "release": RELEASE}


def test_the_latest_year_reported_leaves_out_forecasts_and_years_with_no_figure() -> None:
    texts = [
        "Cost ratio \u2014 3Q26: 57.9%; 3Q25: 59.7%",
        "We model a 2027 cost ratio of 57.0%.",  # a forecast
        "The lender promised further income growth in 2027.",  # a year, no figure
        "Cost ratio \u2014 2025A: 59.9%; 2026E: 58.8%; 2027E: 57.0%",  # estimate cells
    ]
    assert latest_reported("What was Acme's cost ratio a year ago?", texts) == 2026
    assert latest_reported("What was it?", ["The lender promised more in 2027."]) == 0


def test_a_balance_is_dated_by_the_day_it_is_measured_on() -> None:
    sentence = "The CET1 ratio was 11.1%, compared with 10.7% at September 30, 2025."
    ten_four = next(f for f in find_figures(sentence) if f.text == "10.7%")
    assert year_measured_on(sentence, ten_four.end) == "2025"
    assert year_measured_on(sentence, next(iter(find_figures(sentence))).end) is None


def test_a_year_ago_is_the_value_given_as_earlier_not_the_latest_quarter_s() -> None:
    answer = final(run("What was Acme Bank's NIM a year ago?", docs=DOCS)[0])
    assert answer.direct.startswith("2.97%")
    assert "3.18%" not in answer.direct
    assert final(run("What was Acme Bank's NIM?", docs=DOCS)[0]).direct.startswith("3.18%")


def test_a_peer_dated_the_latest_quarter_gives_no_year_ago_value() -> None:
    answer = final(run("What was Zenith Bank's NIM a year ago?", docs=DOCS)[0])
    assert answer.abstained and "2.94%" not in answer.text
    # Asked of the quarter, the same row answers.
    assert final(run("What was Zenith Bank's NIM?", docs=DOCS)[0]).direct.startswith("2.94%")


def test_a_year_ago_asks_no_old_forecast_column() -> None:
    row = (
        "Cost ratio \u2014 2025A: 59.9%; 2026E Old: 59.1%; 2026E New: 58.8%; "
        "2027E Old: 57.7%; 2027E New: 57.0%"
    )
    assert _pick(row, "What was Acme's cost ratio a year ago?") == "59.9%"
    assert _pick(row, "What was the old 2026E cost ratio estimate?") == "59.1%"  # a year between


def test_the_level_a_ratio_rose_from_has_no_direction() -> None:
    sentence = "The ratio was 11.1%, up from 10.7% a year earlier."
    earlier = next(f for f in find_figures(sentence) if f.text == "10.7%")
    assert change_direction(sentence, earlier) is None
    moved = "Sales were up 3.6% on the year."
    assert change_direction(moved, find_figures(moved)[0]) == "up"


def test_a_set_counted_again_by_no_noun_is_no_figure() -> None:
    def claims(text: str) -> list[str]:
        return [f.text for f in find_figures(text) if f.is_claim]

    assert claims("Acme has the best cost ratio of the three, and a premium is warranted.") == []
    assert claims("Of the two of them, Acme earns more.") == []
    assert claims("The three banks reported.") == ["three"]
    assert claims("It opened three stores.") == ["three"]


def test_a_set_counted_again_answers_no_question() -> None:
    docs = {
        "note": "Acme Bank has the best cost ratio of the three, and we think it deserves more."
    }
    answer = final(run("What is Acme Bank's cost ratio target?", docs=docs)[0])
    assert not answer.direct.lower().startswith("three")  # it was "Three [1]."


def test_nim_asks_a_rate() -> None:
    assert "percent" in asked_kinds("What is Acme's NIM guidance?")
    assert "percent" in asked_kinds("What NIM did Acme report?")


def test_a_level_with_no_move_and_no_earlier_value_is_bare() -> None:
    def bare(sentence: str, text: str) -> bool:
        return bare_level(sentence, next(f for f in find_figures(sentence) if f.text == text))

    assert bare("Zenith Bank runs a 2.94% NIM on a rate-sensitive deposit base.", "2.94%")
    assert bare("Zenith Bank \u2014 Ticker: ZNTB; NIM: 2.94%; Cost ratio: 60.7%", "2.94%")
    assert not bare("Its margin rose to 3.18% from 3.12% in the second quarter.", "3.18%")
    assert not bare("Its margin widened 6 basis points to 3.18%.", "6 basis points")
    assert not bare("NIM \u2014 3Q26: 3.18%; 3Q25: 2.97%", "3.18%")  # the year before beside it


def test_how_much_a_margin_changed_is_not_answered_by_a_bare_level() -> None:
    answer = final(run("How much did Zenith Bank's NIM change?", docs=DOCS)[0])
    assert answer.abstained and "2.94%" not in answer.text
    moved = final(run("How much did Acme Bank's NIM change?", docs=DOCS)[0])
    assert "basis points" in moved.direct and not moved.direct.startswith("3.18%")


def test_a_quarter_written_before_its_year_has_a_year_before() -> None:
    assert year_before("3Q26") == "3Q25"
    assert year_before("1H26") == "1H25"
    row = "NIM \u2014 3Q26: 3.18%; 2Q26: 3.12%; 3Q25: 2.97%"
    latest = next(f for f in find_figures(row) if f.text == "3.18%")
    earlier = earlier_value(row, latest)
    assert earlier is not None and earlier[0].text == "2.97%" and earlier[1] == "3Q25"


def test_an_italic_mark_opening_a_text_is_a_sentence_start() -> None:
    def names(text: str) -> list[str]:
        return [m.text for m in names_in(text)]

    assert names("*Net interest margin of 3.18%, up 21 basis points from a year ago*") == []
    assert names("**Services:** Revenue grew by 6.4%.") == ["Services"]  # a bold run-in names
    assert names("*Hoshida* said orders rose.") == ["Hoshida"]
