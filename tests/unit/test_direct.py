"""The direct answer line and the premise check, on made-up sentences (no model)."""

from __future__ import annotations

import pytest

from assistant.composing import compose_direct
from assistant.direct import Quote, direct_line, figure_lead
from assistant.directions import direction
from assistant.entities import Subject
from assistant.figures import find_figures
from assistant.premise import check_premise

PERCENT = frozenset({"percent"})
MONEY = frozenset({"money"})
ACME = Subject("Acme")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("free cash flow fell 76% in the quarter", "down"),
        ("sales rose 2.3% to £6.8bn", "up"),
        ("the group cut prices by up to 97%", "down"),
        ("grocery sales grew 4.1%", "up"),
        ("the company holds a 33% share", None),
        ("the group slashed API prices by up to 97%", "down"),
        ("margins moved by up to 2%", None),  # "up to" bounds a figure; it is no direction
        ("margins widened by up to 2%", "up"),
        ("the margin narrowed 21 basis points", "down"),
    ],
)
def test_direction(text: str, expected: str | None) -> None:
    assert direction(text) == expected


def test_direct_line_is_the_figure_with_its_direction_and_citation() -> None:
    quote = Quote(
        1, "Free cash flow fell 76% to $3.7 billion, due to heavy spending on data centres."
    )
    line = direct_line([quote], "How much did free cash flow shrink?", PERCENT, None)
    assert line == "Down 76% [1]."


def test_a_count_says_what_it_counts() -> None:
    quote = Quote(3, "Its AI revenue grew at a triple-digit rate for seven quarters in a row.")
    line = direct_line([quote], "For how long has AI revenue grown?", frozenset({"number"}), None)
    assert line == "Seven quarters [3]."


def test_every_figure_of_the_direct_line_stands_in_its_quote() -> None:
    quote = Quote(2, "Over three years, Acme has committed $53 billion to cloud infrastructure.")
    line = direct_line([quote], "How much has Acme committed to cloud?", MONEY, None)
    quoted = {f.normalised() for f in find_figures(quote.text)}
    stated = {f.normalised() for f in find_figures(line) if f.kind != "year"}
    assert stated and stated <= quoted
    assert "[2]" in line


@pytest.mark.parametrize(
    "row",
    [
        "Passengers (000s) \u2014 FY26: 1,234; FY25: 1,180",
        "Revised forecast (B) \u2014 Net sales: 351,000; Operating profit: 41,200",
        "Net sales (\u00a5m) \u2014 H1: 181,250",
    ],
)
def test_each_lead_of_a_table_row_stands_in_the_row(row: str) -> None:
    # A count under "(000s)" is 1,234,000: its lead must say so, or the row would not hold it.
    for fig in find_figures(row):
        stated = find_figures(figure_lead(row, fig))
        assert stated and all(any(q.holds(f) for q in find_figures(row)) for f in stated)


def test_direct_line_picks_the_figure_whose_clause_matches_the_question() -> None:
    quote = Quote(1, "Grocery sales grew 4.1%, while clothing sales declined 2.4% in the period.")
    line = direct_line([quote], "How did clothing sales do?", PERCENT, None)
    assert line.startswith("Down 2.4%")


def test_an_accounting_negative_in_a_table_row_reads_down() -> None:
    quote = Quote(1, "General Merchandise + Clothing — YoY: (2.4)%; £m: 354")
    line = direct_line([quote], "How did general merchandise sales change?", PERCENT, None)
    assert line == "Down 2.4% [1]."


def test_compose_direct_answers_each_part_and_shows_other_values() -> None:
    picked = [
        (1, "Free cash flow fell 76% in the quarter.", 0, "part"),
        (2, "Acme has committed $53 billion to cloud infrastructure.", 1, "part"),
    ]
    parts = ["How much did free cash flow fall?", "How much has Acme committed?"]
    line = compose_direct(picked, parts, frozenset({"percent", "money"}), None)
    assert line == "Down 76% [1]; $53 billion [2]."
    picked = [
        (1, "Acme holds a 33% share of the cloud market.", 0, "part"),
        (2, "Acme has a 36% share of the cloud market.", 0, "other value"),
    ]
    line = compose_direct(picked, ["What is Acme's cloud share?"], PERCENT, None)
    assert line == "33% [1]; another passage gives 36% [2]."
    picked = [
        (1, "Acme plans a buyback of $150 million this year.", 0, "part"),
        (2, "Acme plans a buyback of EUR 140 million this year.", 0, "other value"),
    ]
    line = compose_direct(picked, ["How big is Acme's buyback?"], frozenset({"money"}), None)
    assert line == "$150 million [1]; another passage gives EUR 140 million [2]."


def test_a_part_answered_by_another_cell_of_the_same_row_gets_that_cell() -> None:
    row = "Total sales (£m) — Q1 2025: 1,950; Q2 2025: 1,700; Q1 2026: 2,100"
    parts = ["Total sales in £m, Q1 2026?", "Total sales in £m, Q1 2025?"]
    picked = [(1, row, 0, "part")]
    answering = {1: frozenset({"2,100"})}
    line = compose_direct(
        picked, parts, MONEY, "GBP", (), (), answering, "", {(1, 1): frozenset({"1,950"})}
    )
    assert line == "£2,100m [1]; £1,950m [1]."
    # A change column answers a part that asks how far the figure moved, and no other.
    row = "Free cash flow ($m) — FY26: 39.2; FY25: 57.4; Change: (31.7)%"
    figures = ({1: frozenset({"39.2"})}, "", {(1, 1): frozenset({"(31.7)%"})})
    kinds = MONEY | PERCENT
    asked = ["Free cash flow in FY26?", "and by how much did it fall?"]
    assert compose_direct([(1, row, 0, "part")], asked, kinds, None, (), (), *figures) == (
        "$39.2m [1]; Down 31.7% [1]."
    )
    asked = ["Free cash flow in FY26?", "and what was the figure a year earlier?"]
    assert compose_direct([(1, row, 0, "part")], asked, kinds, None, (), (), *figures) == (
        "$39.2m [1]."
    )
    # Without the evidence's figures for the second part, a row is not borrowed for it.
    assert compose_direct(picked, parts, MONEY, "GBP", (), (), answering) == "£2,100m [1]."


def test_a_quote_of_the_same_value_cites_the_piece_that_gives_that_value() -> None:
    picked = [
        (1, "Underlying net profit was NZ$66.9 million.", 0, "part"),
        (2, "Reported net profit was NZ$58.7 million.", 0, "other value"),
        (3, "Net profit was lower, at NZ$58.7 million, after a write-down.", 0, "same value"),
    ]
    line = compose_direct(picked, ["What was Acme's net profit?"], frozenset({"money"}), None)
    assert line == "NZ$66.9 million [1]; another passage gives NZ$58.7 million [2][3]."


def test_names_line_lists_names_the_question_does_not_hold() -> None:
    quote = Quote(1, "Acme is partnering with Apple and HONOR to bring its models to phones.")
    line = direct_line(
        [quote], "Which phone makers is Acme partnering with?", frozenset(), None, ("Acme",)
    )
    assert line == "Apple and HONOR [1]."


def test_names_line_leaves_out_a_titles_words_and_a_name_a_longer_one_holds() -> None:
    quote = Quote(
        1,
        'The Globex piece "Acme Doubles Down on Cloud Margins: Time to Hold?" was published '
        "by Globex Equity Research and republished by Initech.",
    )
    line = direct_line([quote], "Who published the piece?", frozenset(), None, ("Acme",))
    assert line == "Globex Equity Research and Initech [1]."
    # A short quoted name is still a name.
    named = Quote(1, 'Acme launched the "Quark" app with Globex.')
    line = direct_line([named], "Who did Acme launch it with?", frozenset(), None, ("Acme",))
    assert line == "Quark and Globex [1]."


def test_premise_with_the_opposite_direction_is_corrected() -> None:
    sentences = ["Adjusted EBITA in the shopping business fell 21% year on year."]
    issue = check_premise("Why did adjusted EBITA rise 21%?", sentences, ACME)
    assert issue is not None
    assert "fell 21%" in issue.correction
    assert issue.sentence == sentences[0]


def test_a_level_asked_to_have_risen_is_corrected_as_where_it_fell_to() -> None:
    row = "Reported net profit after tax NZ$m \u2014 FY26: 58.7; FY25: 62.5; Change: (6.1)%"
    issue = check_premise("Why did reported net profit rise to NZ$58.7m?", [row], ACME)
    assert issue is not None
    assert issue.correction == "The sources say it fell to NZ$58.7m from NZ$62.5m, not rose"
    # An amount right after the move verb is the move itself.
    moved = ["Net profit fell NZ$3.8m to NZ$58.7m."]
    issue = check_premise("Why did net profit rise NZ$3.8m?", moved, ACME)
    assert issue is not None and issue.correction == "The sources say it fell NZ$3.8m, not rose"


def test_a_figure_of_the_year_before_taken_as_the_latest_is_corrected() -> None:
    row = "GAAP operating margin \u2014 Q4 FY26: 13.8%; Q4 FY25: 14.6%; Change: (80) bps"
    prose = "GAAP operating margin was 13.8%, against 14.6% a year earlier."
    issue = check_premise("Margin rose to 14.6% in Q4 - what drove it?", [prose, row], ACME)
    assert issue is not None and issue.sentence == row
    assert issue.correction == (
        "The sources give 14.6% for Q4 FY25, not the latest period: Q4 FY26 is 13.8%"
    )
    # A question that names that year, the year before, or both figures has it right.
    for right in (
        "Why was the margin 14.6% in Q4 FY25?",
        "The margin was 14.6% last year; what is it now?",
        "Why did the margin fall from 14.6% to 13.8%?",
    ):
        assert check_premise(right, [prose, row], ACME) is None


def test_a_rival_s_figure_is_corrected_as_the_source_writes_it() -> None:
    sentence = "Last year DataPulse had revenue of $1.21 billion."
    issue = check_premise("What drove Acme's revenue from 1.21 to $1.3 billion?", [sentence], ACME)
    assert issue is not None
    assert issue.correction == "The sources give $1.21 billion for DataPulse, not for Acme"
    # Who polled analysts gathered their expectation; it is not the pollster's figure.
    polled = "Analysts polled by DataPulse had expected revenue of $1.21 billion."
    assert check_premise("What drove Acme's revenue to $1.21 billion?", [polled], ACME) is None
    # A common word capitalised as a label owns nothing.
    label = "Total underlying operating profit of between £640 million and £710 million."
    assert check_premise("Why will Acme's profit be £640 million?", [label], ACME) is None


def test_premise_that_holds_adds_nothing() -> None:
    sentences = ["Adjusted EBITA in the shopping business fell 21% year on year."]
    assert check_premise("Why did adjusted EBITA fall 21%?", sentences, ACME) is None


def test_question_without_a_figure_has_no_premise_to_check() -> None:
    assert check_premise("What drove margins?", ["Margins fell 2%."], ACME) is None


def test_premise_crediting_a_rival_s_figure_to_the_subject_is_corrected() -> None:
    sentences = ["Globex's gross merchandise volume grew 46% year on year, while Acme's grew 5%."]
    issue = check_premise("What drove Acme's 46% GMV growth?", sentences, ACME)
    assert issue is not None
    assert "Globex" in issue.correction and "Acme" in issue.correction
    assert check_premise("What drove Globex's 46% GMV growth?", sentences, ACME) is None


def test_a_figure_another_source_gives_the_subject_is_no_rival_s() -> None:
    drove = "Tools such as Widgetly and Gizmo have driven an 18% revenue increase."
    own = "Acme's cloud revenue growth sped up to 18% in the quarter."
    question = "cloud growth sped up to 18% - what was it the quarter before?"
    assert check_premise(question, [drove], ACME) is not None  # alone, it reads as theirs
    assert check_premise(question, [drove, own], ACME) is None
    # What the market expected of the subject ("(-3.7% expected)") is not its figure.
    rival = "Globex's sales declined 2.9% in the period."
    expected = "Acme's sales fell 0.8% (-2.9% expected)."
    issue = check_premise("Acme's sales dropped 2.9% - what drove it?", [rival, expected], ACME)
    # ... the correction gives the subject's own figure and says the other was expected.
    assert issue is not None and issue.correction == "The sources give 0.8%; 2.9% was expected"


def test_a_figure_of_another_measure_or_quarter_says_nothing_against_the_premise() -> None:
    inc = "Like-for-like sales (inc. fuel) \u2014 2030/31 Q4: 1.3%; 2031/32 Q1: 3.4%"
    exc = "Like-for-like sales (exc. fuel) \u2014 2030/31 Q4: 2.8%; 2031/32 Q1: 1.7%"
    other = "Homewares \u2014 2030/31 Q2: 1.7%; 2031/32 Q1: (2.4)%"
    question = "LFLs ex fuel picked up to 1.7% in Q1 - what's behind it?"
    # The row that counts fuel, and a row that gives 1.7% for Q2, are other figures.
    assert check_premise(question, [other, inc, exc], ACME) is None
    rival = "Globex Home sales were down 1.7% in the quarter."
    assert check_premise(question, [rival, exc], ACME) is None  # the row gives it as asked
    assert check_premise(question, [rival], ACME) is not None
    assert check_premise("LFLs ex fuel were 1.3% in Q4 - why so weak?", [inc], ACME) is None
    # Without the row of the quarter asked, the Q2 figure still corrects the date.
    issue = check_premise(question, [other], ACME)
    assert issue is not None and "Q2" in issue.correction


def test_a_fall_asked_of_a_figure_that_rose_is_corrected() -> None:
    from assistant.premise import check_direction

    kinds = frozenset({"percent", "points", "money", "number"})
    row = "Grocery \u2014 YoY: 4.1%; \u00a3m: 6,118"
    found = check_direction("grocery sales fell in Q1 - by how much?", [row], kinds, None, ACME)
    assert found is not None and found[1] == 0
    assert found[0].correction == "The sources say it rose 4.1%, not fell"
    # The direction asked holds: nothing to correct.
    assert check_direction("How much did grocery sales grow?", [row], kinds, None, ACME) is None
    fell = ["Zentro sales fell 0.8% in the quarter."]
    assert check_direction("How much did Zentro sales rise?", fell, kinds, None, ACME) is not None
    assert check_direction("How much did Zentro sales drop?", fell, kinds, None, ACME) is None
    # No direction asked, or none stated: nothing to say.
    assert check_direction("What were Zentro sales?", fell, kinds, None, ACME) is None
    share = ["Acme holds a 33% share of the market."]
    assert check_direction("How much did Acme's share fall?", share, kinds, None, ACME) is None
    # "What drove the fall in ..." takes the fall for granted; "What was the rise?" asks.
    rose = ["Ferries margin up 70bp to 13.6% on strong volumes."]
    drove = "What drove the fall in the ferries margin in FY26?"
    assert check_direction(drove, rose, kinds, None, ACME) is not None
    assert (
        check_direction("What drove the rise in the ferries margin?", rose, kinds, None, ACME)
        is None
    )


def test_a_rows_earlier_years_cell_says_which_way_the_measure_moved_since() -> None:
    from assistant.premise import check_direction

    kinds = frozenset({"percent", "points", "money"})
    row = (
        "Free cash flow (\u20acm) \u2014 Six months ended 30 September 2025: 7,846; "
        "Six months ended 30 September 2026: 10,915"
    )
    why = "Why did Acme's free cash flow shrink in the half compared with a year earlier?"
    found = check_direction(why, [row], kinds, None, ACME)
    assert found is not None
    assert (
        found[0].correction
        == "The sources say it rose to \u20ac10.915bn from \u20ac7.846bn, not fell"
    )
    grew = "Why did Acme's free cash flow grow in the half compared with a year earlier?"
    assert check_direction(grew, [row], kinds, None, ACME) is None


def test_the_first_quote_that_states_a_direction_decides() -> None:
    from assistant.premise import check_direction

    kinds = frozenset({"percent"})
    levels = "Grocery \u2014 2030/31 Q1: 4.4%; 2031/32 Q1: 4.1%"  # levels: no direction
    change = "Grocery \u2014 YoY: 4.1%; \u00a3m: 6,118"
    found = check_direction(
        "grocery sales fell in Q1 - by how much?", [levels, change], kinds, None, ACME
    )
    assert found is not None and found[1] == 1
    agrees = "Grocery sales fell 4.1% in the quarter."
    question = "How much did grocery sales fall?"
    assert check_direction(question, [levels, agrees, change], kinds, None, ACME) is None


def test_a_question_that_names_growth_asserts_nothing() -> None:
    from assistant.premise import check_direction

    kinds = frozenset({"percent", "points"})
    fell = ["Zentro sales fell 0.8% in the quarter."]
    assert check_direction("What was Zentro sales growth?", fell, kinds, None, ACME) is None
    assert check_direction("Has Zentro grown its sales?", fell, kinds, None, ACME) is not None


def test_another_passage_with_the_same_value_is_cited_not_contrasted() -> None:
    picked = [
        (1, "Acme \u2014 2030/31 Q1: 4.2%; 2031/32 Q1: 2.6%", 0, "part"),
        (2, "Acme \u2014 YoY: 2.6%; \u00a3m: 6,472", 0, "other value"),
    ]
    line = compose_direct(picked, ["How did Acme do?"], PERCENT, None)
    # (how it did: the row's year-before column is set beside it, as the row writes it)
    assert line == "2.6% (2030/31 Q1: 4.2%) [1][2]."


def test_an_answer_in_words_is_a_sentence_of_its_own_after_a_figure() -> None:
    picked = [
        (1, "Acme's clothing sales fell 2.4% in the quarter.", 0, "part"),
        (2, "Analysts had looked for weaker clothing trading.", 1, "part"),
    ]
    parts = ["How did clothing sales do", "what did analysts expect"]
    kinds = frozenset({"percent"})
    line = compose_direct(picked, parts, kinds, None, ("Acme",))
    assert line.startswith("Down 2.4% [1]. ")
    assert "; " not in line


@pytest.mark.parametrize(
    ("sentence", "leads"),
    [
        # A level a figure moved to or from is no change: not "Down 8.8%" or "Up 16.3%".
        ("Its margin shrank to 5.7% from 8.8%.", ["5.7%", "8.8%"]),
        ("Its margin widened to 16.3%.", ["16.3%"]),
        ("Margin up 90 basis points to 16.3%.", ["Up 90 basis points", "16.3%"]),
        ("Sales fell 2.4% to £354m.", ["Down 2.4%", "£354m"]),
        ("The group cut prices by up to 97%.", ["Down 97%"]),
        ("Revenue growth sped up to 18% in the quarter.", ["Up 18%"]),
    ],
)
def test_a_level_is_shown_without_a_direction(sentence: str, leads: list[str]) -> None:
    assert [figure_lead(sentence, f) for f in find_figures(sentence)] == leads


def test_a_question_for_a_level_is_answered_by_the_level_not_the_change() -> None:
    from assistant.direct import answer_figure

    sentence = "Ferries revenue rose 5.7% to NZ$376.4 million."
    kinds = frozenset({"money", "percent", "number", "points"})
    level = answer_figure(sentence, "What was Ferries revenue?", kinds, None)
    moved = answer_figure(sentence, "How much did Ferries revenue grow?", kinds, None)
    assert level is not None and level.text == "NZ$376.4 million"
    assert moved is not None and moved.text == "5.7%"


def test_a_year_asked_is_answered_by_the_year_s_cell_not_its_last_quarter() -> None:
    from assistant.direct import answer_figure

    row = "Capital expenditures ($m) \u2014 Q4 FY26: (39.4); Q4 FY25: (35.2); FY26: (136.9)"
    money = frozenset({"money"})
    year = answer_figure(row, "capex fy26?", money, None)
    quarter = answer_figure(row, "capex in Q4 FY26?", money, None)
    assert year is not None and year.text == "(136.9)"
    assert quarter is not None and quarter.text == "(39.4)"


def test_this_fiscal_year_of_a_broker_table_is_its_first_forecast_column() -> None:
    from assistant.direct import answer_figure

    row = "Operating profit \u2014 FY3/26A: 33.4; FY3/27E: 41.7; FY3/28E: 48.9"
    kinds = frozenset({"money", "number"})
    this_year = answer_figure(row, "What OP does the broker see this fiscal year?", kinds, None)
    latest = answer_figure(row, "What OP does the broker forecast?", kinds, None)
    assert this_year is not None and this_year.text == "41.7"
    assert latest is not None and latest.text == "48.9"


def test_the_old_value_is_the_one_moved_from() -> None:
    from assistant.direct import answer_figure

    sentence = "The broker lowered its price target to €41 from €49."
    money = frozenset({"money"})
    old = answer_figure(sentence, "What was the broker's old target?", money, None)
    now = answer_figure(sentence, "What is the broker's price target?", money, None)
    assert old is not None and old.text == "€49"
    assert now is not None and now.text == "€41"
    # "the previous year" is a period, not the value moved from.
    row = "Punctuality fell to 82.3% from 86.1%."
    asked = "What was on-time performance compared with the previous year?"
    got = answer_figure(row, asked, frozenset({"percent"}), None)
    assert got is not None and got.text == "82.3%"
    # The value compared with is the old one too, whatever answered the evidence.
    staff = "Acme employed 3,187 people at 30 June, compared with 3,046 a year earlier."
    both = frozenset({"3,187", "3,046"})
    now = answer_figure(staff, "Total staff at year end?", frozenset({"number"}), None, None, both)
    assert now is not None and now.text == "3,187"


@pytest.mark.parametrize(
    ("question", "wrong"),
    [
        ("Why did Initech's sales grow faster than Acme's?", True),  # fell 3% against up 2%
        ("Why did Initech's sales grow slower than Acme's?", False),
        ("How did Initech's sales compare with Acme's?", False),  # asserts no order
    ],
)
def test_an_order_the_question_asserts_is_checked_with_signs(question: str, wrong: bool) -> None:
    from assistant.compared_order import check_order

    fell, rose = "Initech's sales fell 3% in the year.", "Acme's sales rose 2% in the year."
    sides = [("Initech", fell, find_figures(fell)[0]), ("Acme", rose, find_figures(rose)[0])]
    assert (check_order(question, sides) is not None) is wrong


def test_a_fall_asked_of_a_table_row_that_rose_is_corrected_from_its_columns() -> None:
    from assistant.premise import check_direction

    row = "Ferries \u2014 Operating margin FY26: 13.6%; Operating margin FY25: 12.9%"
    kinds = frozenset({"percent", "points"})
    wrong = check_direction(
        "What drove the fall in the ferries margin in FY26?", [row], kinds, None, None
    )
    assert (
        wrong is not None
        and wrong[0].correction == "The sources say it rose to 13.6% from 12.9%, not fell"
    )
    assert (
        check_direction("What drove the rise in the ferries margin?", [row], kinds, None, None)
        is None
    )
    # Columns of different measures say nothing about each other.
    mixed = "Ferries \u2014 Revenue FY26: 5.7%; Operating margin FY25: 12.9%"
    assert check_direction("Why did the ferries margin fall?", [mixed], kinds, None, None) is None


def test_a_quoted_row_as_the_direct_line_is_held_by_its_quote() -> None:
    from assistant.citation_scoring import _quote_holds, answer_sentences

    row = "Net finance costs \u20acm \u2014 H1 2026: (16.4); H1 2025: (14.1)"
    line = direct_line([Quote(1, row)], "Why?", frozenset(), None)
    stated = [f for text, _ in answer_sentences(line) for f in find_figures(text)]
    assert stated and all(_quote_holds(find_figures(row), f) for f in stated)


def test_a_cell_of_a_change_row_is_a_change_not_a_level() -> None:
    from assistant.directions import moved_by

    row = "% change \u2014 Net sales: 3.8%; Operating profit: 12.6%"
    assert all(moved_by(row, f) for f in find_figures(row))
    level = "Net sales \u2014 FY26: 3.8%"
    assert not any(moved_by(level, f) for f in find_figures(level) if f.kind != "year")


def test_table_rows_given_whole_stand_on_lines_of_their_own() -> None:
    from assistant.composing import _joined

    one = "A: a (Millions of yen) \u2014 H1 FY3/27: 30,874 [1]"
    two = "B: b (Millions of yen) \u2014 H1 FY3/27: 74,519 [2]"
    text = _joined([one, two])
    assert text == f"{one}\nB: b (Millions of yen) \u2014 H1 FY3/27: 74,519 [2]."
    # Each line reads its cells in its own label's unit.
    assert [f.value for f in find_figures(text) if f.kind == "money"] == [30_874e6, 74_519e6]


def test_a_part_borrowing_another_part_s_quote_does_not_take_its_figure() -> None:
    picked = [(1, "Acme shares rose 8.7%, while the wider index gained only slightly.", 0, "part")]
    parts = ["Acme: share move", "Globex: share move"]
    line = compose_direct(picked, parts, frozenset({"percent"}), None)
    assert line == "Acme: up 8.7% [1]."


@pytest.mark.parametrize(
    ("sentence", "question", "answer"),
    [
        (
            "Each ¥1 move against the dollar changes annual operating profit by roughly ¥280m.",
            "How much does a one-yen move against the dollar change annual profit?",
            "¥280m",
        ),
        (
            "A 1% rise in rates would lift net interest income by $5 million.",
            "What would a 1% rise in rates do to net interest income?",
            "$5 million",
        ),
        # A change that is no condition stays the answer it is.
        ("Revenue rose 5% to $10 million.", "How much did revenue rise?", "5%"),
    ],
)
def test_the_condition_of_a_sensitivity_is_not_its_answer(
    sentence: str, question: str, answer: str
) -> None:
    from assistant.direct import answer_figure

    kinds = frozenset({"money", "number", "percent"})
    got = answer_figure(sentence, question, kinds, None)
    assert got is not None and got.text == answer


def test_a_move_asked_of_what_was_kept_unchanged_is_corrected() -> None:
    from assistant.premise import check_direction

    kinds = frozenset({"percent", "points", "money"})
    kept = ["The board kept the interim dividend unchanged."]
    found = check_direction("Why did Acme cut its interim payout?", kept, kinds, None, ACME)
    assert found is not None
    assert found[0].correction == "The sources say it was unchanged, not lower"
    held = ["Full-year guidance was maintained, with profit seen at £640-710mn."]
    assert check_direction("Why did Acme cut its guidance?", held, kinds, None, ACME) is not None
    # Something else kept unchanged says nothing of the measure asked.
    other = ["The dividend was maintained."]
    assert check_direction("Why did Acme's revenue fall?", other, kinds, None, ACME) is None


def test_where_the_shares_finished_is_the_level_they_moved_to() -> None:
    from assistant.direct import answer_figure
    from assistant.measure_words import measure_stems

    sentence = "Acme's shares jumped ¥356, or 8.7%, to ¥4,448 in Tokyo on Friday."
    kinds = frozenset({"money", "number", "percent", "points"})
    question = "Where did Acme shares finish on Friday?"
    assert not measure_stems(question) & {"finish", "clos"}  # verbs of where it ended
    found = answer_figure(sentence, question, kinds, None, ACME)
    assert found is not None and found.text == "¥4,448"
    moved = answer_figure(sentence, "How much did Acme shares jump on Friday?", kinds, None, ACME)
    assert moved is not None and moved.text != "¥4,448"


def test_a_level_after_another_figures_move_is_this_periods_and_no_move() -> None:
    from assistant.direct import answer_figure

    sentence = (
        "Acme Go carried 3.21 million passengers in the quarter, up 10.4%, at a load factor "
        "of 89.4% (Q3 2025: 88.7%)."
    )
    kinds = frozenset({"percent"})
    # The evidence may find the bracketed value of the quarter asked; with no year asked,
    # the quarter's own figure is the one it follows.
    for answering in (frozenset({"88.7%"}), frozenset({"89.4%"})):
        got = answer_figure(sentence, "load factor in q3?", kinds, None, None, answering)
        assert got is not None and got.text == "89.4%"
    found = frozenset({"88.7%"})
    year_ago = answer_figure(sentence, "load factor in Q3 2025?", kinds, None, None, found)
    assert year_ago is not None and year_ago.text == "88.7%"
    (held,) = [f for f in find_figures(sentence) if f.text == "89.4%"]
    assert figure_lead(sentence, held) == "89.4%"  # the "up" is the passengers' move


def test_this_fiscal_year_picks_a_forecast_column_only_where_there_is_one() -> None:
    from assistant.direct import answer_figure

    actuals = (
        "Net cash provided by operating activities (Millions of yen) \u2014 Six months ended "
        "September 30, 2025: 17,062; Six months ended September 30, 2026: 22,941"
    )
    question = "How much cash did operations generate in the first half of this fiscal year?"
    found = frozenset({"17,062", "22,941"})
    got = answer_figure(actuals, question, frozenset({"money"}), None, None, found)
    assert got is not None and got.text == "22,941"
    estimates = "Net sales (JPY bn) \u2014 FY3/26A: 321.4; FY3/27E: 352.0; FY3/28E: 383.5"
    found = frozenset({"352.0", "383.5"})
    got = answer_figure(
        estimates,
        "net sales forecast for this fiscal year?",
        frozenset({"money"}),
        None,
        None,
        found,
    )
    assert got is not None and got.text == "352.0"


def test_a_new_value_asked_is_the_one_set_now_not_the_one_spent() -> None:
    from assistant.direct import answer_figure

    sentence = (
        "Acme repurchased $47.6 million of stock in the quarter and has a new $250 million "
        "authorization."
    )
    money = frozenset({"money"})
    new = answer_figure(sentence, "How big is the new buyback?", money, None)
    spent = answer_figure(sentence, "How much stock did Acme buy back?", money, None)
    assert new is not None and new.text == "$250 million"
    assert spent is not None and spent.text == "$47.6 million"
    # "new" picks a value set new only of the thing asked.
    both = (
        "Acme raised its quarterly dividend 7% to $0.31 a share, and its board approved a new "
        "$600 million share repurchase authorization."
    )
    dividend = answer_figure(both, "What is Acme's new quarterly dividend per share?", money, None)
    buyback = answer_figure(both, "How big is the new buyback?", money, None)
    assert dividend is not None and dividend.text == "$0.31"
    assert buyback is not None and buyback.text == "$600 million"


def test_an_amount_restated_in_brackets_answers_only_when_its_basis_is_asked() -> None:
    from assistant.direct import answer_figure

    sentence = (
        "Underlying profit excludes an impairment of NZ$9.2 million before tax "
        "(NZ$6.6 million after tax) on the warehouse sites."
    )
    money = frozenset({"money"})
    plain = answer_figure(sentence, "How much was the warehouse impairment?", money, None)
    after = answer_figure(sentence, "How much was the impairment after tax?", money, None)
    assert plain is not None and plain.text == "NZ$9.2 million"
    assert after is not None and after.text == "NZ$6.6 million"


def test_a_level_asked_of_a_row_is_a_period_cell_and_a_change_its_change_column() -> None:
    from assistant.direct import answer_figure

    row = "CET1 ratio \u2014 3Q26: 11.1%; 2Q26: 11.0%; Change q/q (bps): 10; Change y/y (bps): 30"
    kinds = frozenset({"percent", "points", "money", "number"})
    cells = frozenset({"11.1%", "11.0%", "10", "30"})
    level = answer_figure(row, "What's the CET1 ratio?", kinds, None, None, cells)
    quarter = answer_figure(row, "How much did CET1 rise sequentially?", kinds, None, None, cells)
    year = answer_figure(row, "How much did CET1 rise year on year?", kinds, None, None, cells)
    assert level is not None and level.text == "11.1%"
    assert quarter is not None and quarter.text == "10"
    assert year is not None and year.text == "30"


def test_a_peers_row_with_a_ticker_is_that_peers_not_the_subjects() -> None:
    from assistant.matching import question_focus, subject_fits
    from assistant.measures import figure_contexts

    acme = Subject("Acme", ("Acme Bancorp",))
    row = "Globex Financial \u2014 Ticker: GBX; NIM: 2.94%; CET1 ratio: 12.1%"
    (nim, _) = figure_contexts(row, acme)
    assert nim.peer == "globex financial"
    assert not subject_fits(question_focus("What is Acme's NIM?", acme), nim)
    own = figure_contexts("Acme Bancorp \u2014 Ticker: ACM; NIM: 3.11%", acme)[0]
    assert not own.peer and subject_fits(question_focus("What is Acme's NIM?", acme), own)


def test_a_next_quote_naming_one_of_the_names_lists_more_of_them() -> None:
    first = Quote(1, "A tie-up between Acme and Apple was delayed by regulators.")
    more = Quote(
        2, "Partnerships with Apple and HONOR to bring its models to phones widen its reach."
    )
    question = "Which phone brands is Acme partnering with?"
    line = direct_line([first, more], question, frozenset(), None, ("Acme",))
    assert line == "Apple and HONOR [1][2]."
    # A next quote that does not name them all is another list, not more of this one.
    for text in ("Globex's view is that the push is a costly gamble.", "Globex and HONOR agreed."):
        line = direct_line([first, Quote(2, text)], question, frozenset(), None, ("Acme",))
        assert line == "Apple [1]."


def test_a_row_asked_no_period_answers_the_quarter_not_the_year_to_date() -> None:
    row = (
        "Fee income ($m) \u2014 3Q26: 76.4; 2Q26: 74.1; 3Q25: 70.8; 9M 2026: 225.6; 9M 2025: 207.3"
    )
    assert direct_line([Quote(1, row)], "What was fee income?", MONEY, None) == "$76.4m [1]."
    nine_months = "What was fee income in the first nine months of 2026?"
    assert direct_line([Quote(1, row)], nine_months, MONEY, None) == "$225.6m [1]."
    # The full year is still the year's figure before a quarter beside it.
    year = "Fee income ($m) \u2014 3Q26: 76.4; FY2026: 301.9"
    assert direct_line([Quote(1, year)], "What was fee income?", MONEY, None) == "$301.9m [1]."
