"""Question shapes and document layouts met in the twelfth round's fresh questions: a value
asked by naming its measure ("what operating profit did X make?"), reporting acronyms that
do not spell their plain names, parts that keep their own period, owners named by a
definite description, and peer tables under a caption. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.cues import asked_kinds, asks_movement
from assistant.debris import clean_text
from assistant.entities import Subject, names_in
from assistant.heard_sources import heard_from
from assistant.matching import answers, measure_fits, question_focus, stem_match
from assistant.measure_words import measure_words
from assistant.measures import figure_contexts
from assistant.periods import periods
from assistant.question import asks_value, question_parts
from assistant.question_pieces import each_measure
from assistant.synonyms import plain_terms
from assistant.tables import plain_tables
from assistant.text import stem

ACME = Subject("Acme", ("Acme Group",))


def _context(sentence: str, figure: str):
    return next(c for c in figure_contexts(sentence, ACME) if c.figure.text == figure)


def test_what_measure_did_it_make_asks_the_measures_value() -> None:
    for question in (
        "What operating profit did Acme make in H1?",
        "what fy26 eps consensus are they working off?",
        "What EBIT margin did Initech run in the half?",
    ):
        (part,) = question_parts(question, ACME)
        assert part.kinds, question
    # A plural that is no measure asks for things, and a reason is no value.
    assert not question_parts("What risks did Acme flag?", ACME)[0].kinds
    assert not question_parts("What strategy did Acme pursue?", ACME)[0].kinds
    assert not question_parts("What rating did Initech affirm for Acme?", ACME)[0].kinds


def test_ebit_is_operating_profit_though_its_letters_spell_other_words() -> None:
    stated = _context("EBIT was \u20ac1,238 million, down 18.6%.", "\u20ac1,238 million")
    asked = question_focus("What operating profit did Acme make?", ACME)
    assert stem_match(asked, stated) == 1.0
    assert measure_fits(asked, stated, None, 0.5)
    spelt = _context("Operating profit was \u20ac1,238 million.", "\u20ac1,238 million")
    assert stem_match(question_focus("What was Acme's EBIT?", ACME), spelt) == 1.0
    # ... but net profit is another measure than EBIT.
    assert not measure_fits(
        question_focus("What net profit did Acme make?", ACME), stated, None, 0.5
    )


def test_a_later_part_keeps_its_own_period_and_an_earlier_one_lends_its() -> None:
    cut, growth = question_parts(
        "how big were the price cuts, and what revenue growth did they get in the march quarter?",
        ACME,
    )
    assert not cut.focus.periods
    assert growth.focus.periods
    total, grew = question_parts("what did sales total in Q1 and how much did they grow?", ACME)
    assert total.focus.periods == grew.focus.periods == frozenset({"Q1"})
    # Each measure's piece keeps the words around both; a period inside one is its alone.
    eps, ebitda = question_parts("fy26 eps consensus and the ebitda estimate after the cut?", ACME)
    assert eps.focus.periods and not ebitda.focus.periods


def test_the_size_of_a_second_measure_is_a_second_part() -> None:
    assert each_measure(
        "q1 scorecard: net income growth and the size of the share repurchase?"
    ) == [
        "q1 scorecard: net income growth?",
        "the size of the share repurchase?",
    ]
    # Two words of one measure stay one noun phrase.
    assert each_measure("revenue and EBIT margin in H1?") == [
        "revenue margin in H1?",
        "EBIT margin in H1?",
    ]


def test_shorthand_of_an_analysts_chat_names_no_measure() -> None:
    assert measure_words("sell-side numbers: the eps consensus, pls") == ["eps", "consensus"]
    assert measure_words("FCF in the comparable quarter last year, in rmb?") == ["fcf"]
    assert measure_words("comparable store sales growth in Q1?") == ["comparable", "store", "sales"]
    assert "writeup" not in measure_words("the Julian Cruz writeup - how many quarters?")
    assert periods("FCF in the comparable quarter last year") == {"Q?"}


def test_the_plural_of_an_acronym_is_its_measure() -> None:
    assert "ev" in measure_words(plain_terms("How many EVs did Acme hand over to customers?"))
    assert "deliver" in measure_words(plain_terms("How many EVs did Acme hand over to customers?"))


def test_an_acronym_joined_to_a_noun_by_a_plus_is_a_term_not_a_name() -> None:
    assert not names_in("3yr AI + cloud infra budget expressed in CNY?")
    assert not names_in("the cloud + AI budget")


def test_how_much_down_asks_a_rate_and_after_the_cut_asks_the_level() -> None:
    assert asked_kinds("fuel yoy in the Q3 of last year - how much down?") == {"percent", "points"}
    assert asks_movement("Mizuho cut its estimate")
    assert not asks_movement("mizuho's ebitda estimate after the cut?")
    assert asks_movement("alibaba hiked prices by 97%")


def test_a_value_asked_after_a_comma_or_a_colon() -> None:
    assert asks_value("underlying LFL back in Q2, what was it running at?")
    assert asks_value("sell-side numbers on Acme: the FY26 EPS consensus?")


def test_a_question_with_a_slice_of_asks_a_share() -> None:
    (part,) = question_parts("what slice of the cloud market do Initech and Globex have?", ACME)
    assert "percent" in part.kinds


def test_the_writer_of_a_document_owns_none_of_its_figures() -> None:
    (part,) = question_parts("the Julian Cruz writeup - how many quarters did AI sales grow?", ACME)
    assert "julian cruz" in part.focus.subjects
    assert not heard_from(part, "AInvest Julian Cruz (AI writing agent)").focus.subjects
    assert heard_from(part, "Globex Research") is part


def test_a_definite_description_stands_for_the_name_before_it() -> None:
    from assistant.antecedents import DESCRIBED_OWNER, last_named

    assert DESCRIBED_OWNER.match("The US carmaker generated $3.4 billion of revenue.")
    assert not DESCRIBED_OWNER.match("Initech generated $3.4 billion of revenue.")
    before = "The benchmark Acme is chasing is Initech."
    assert last_named(before, frozenset({"initech"}), ACME) == "initech"
    # A rival named after the one asked is the nearer antecedent: no owner is guessed.
    assert last_named("Initech trails Globex.", frozenset({"initech"}), ACME) == ""


def test_a_caption_titles_a_peer_table_whose_first_header_is_a_column_name() -> None:
    text = (
        "PEER COMPARISON (H1 2026 reported)\n\n"
        "  Company        Ticker   Revenue H1     EBIT margin H1\n"
        "  Acme Group     ACME     EUR 19.8bn     4.9%\n"
        "  Initech        INTC     CNY 172.9bn    7.1%\n"
    )
    out = plain_tables(text)
    assert "### PEER COMPARISON (H1 2026 reported)" in out
    assert "### Company" not in out
    # Each row stays its own line when the text is cleaned: one company per sentence.
    cleaned = clean_text(text, plain=True)
    rows = [line for line in cleaned.splitlines() if "\u2014" in line]
    assert len(rows) == 2 and "Initech" not in rows[0]


def test_total_before_a_measure_names_no_one() -> None:
    said = "We still see Total underlying operating profit of between \u00a3640 million"
    assert not names_in(said)
    ctx = _context(f"{said} and \u00a3710 million.", "\u00a3640 million and \u00a3710 million")
    assert not ctx.subjects


def test_the_question_after_two_compared_sides_is_asked_of_each() -> None:
    from assistant.comparisons import compared_sides

    left, right = compared_sides("food vs Initech in Q1 - how far apart were they on sales growth?")
    assert "sales growth" in left and "sales growth" in right
    assert left.startswith("food") and right.startswith("Initech in Q1")
    assert asks_value("Acme vs Initech - how far apart were they on margin?")


def test_a_row_of_period_columns_answers_with_the_latest_cell_of_the_period_asked() -> None:
    from assistant.direct import answer_figure

    row = "Grocery \u2014 2030/31 Q1: 4.4%; 2030/31 Q2: 4.9%; 2031/32 Q1: 3.2%"
    kinds = frozenset({"percent"})
    # The evidence vouched for one cell only (a similarity a hair apart); the row answers.
    got = answer_figure(row, "grocery sales growth in Q1?", kinds, None, ACME, frozenset({"4.4%"}))
    assert got is not None and got.text == "3.2%"
    # A row whose columns are not periods keeps the cell the evidence found.
    mixed = "Zentro \u2014 YoY: (1.3)%; Share: 9.5%"
    got = answer_figure(mixed, "zentro sales growth?", kinds, None, ACME, frozenset({"(1.3)%"}))
    assert got is not None and got.text == "(1.3)%"


def test_pencilling_in_is_expecting() -> None:
    # ... and what the street expects is the consensus (tests/unit/test_expectations.py).
    assert plain_terms("what was the street pencilling in for Q1?") == (
        "what was the consensus for Q1?"
    )
    assert plain_terms("what is Acme pencilling in for Q1?") == "what is Acme expecting for Q1?"


def test_a_unit_abbreviated_in_a_tables_caption_is_its_rows_unit() -> None:
    text = (
        "PROFIT FORECASTS (JPY bn unless stated; March year-end)\n\n"
        "                     FY3/26A    FY3/27E\n"
        "Operating profit        33.4       41.7\n"
        "EPS (JPY)              171.2      214.6\n"
    )
    out = plain_tables(text)
    assert "Operating profit (JPY bn) \u2014 FY3/26A: 33.4; FY3/27E: 41.7" in out
    assert "EPS (JPY) \u2014" in out  # a row that states its own unit keeps it


def test_a_figure_by_which_a_cause_moved_another_measure_is_not_the_causes_amount() -> None:
    said = "Higher R&D expenses and other items reduced it by \u00a50.6 billion."
    ctx = _context(said, "\u00a50.6 billion")
    assert not answers(
        question_focus("How much did Acme spend on R&D in the half?", ACME),
        ctx,
        frozenset(),
        None,
        0.5,
    )
    # ... while a sentence that states the spend answers it.
    spent = _context("R&D expenses were \u00a50.6 billion in the half.", "\u00a50.6 billion")
    asked = question_focus("How much did Acme spend on R&D in the half?", ACME)
    assert answers(asked, spent, frozenset(), None, 0.5)


def test_what_kind_of_growth_is_it_putting_up_asks_a_rate() -> None:
    (part,) = question_parts("what kind of gmv growth is Initech putting up these days?", ACME)
    assert part.kinds and part.kinds <= {"percent", "points"}
    assert "putt" not in part.focus.measures


def test_a_reporting_measures_name_asks_its_value_whatever_the_verb() -> None:
    (part,) = question_parts("what fy26 eps consensus are they working off?", ACME)
    assert part.kinds
    assert part.focus.measures == {"eps", "consensu"}  # "working off" asks, it names nothing


def test_a_follow_up_that_refers_back_takes_the_measure_without_the_asking_verb() -> None:
    from assistant.followups import resolve_followup

    history = ["what fy26 eps consensus are they working off?"]
    resolved = resolve_followup("how much has that come down over the past year?", history)
    assert "eps consensus" in resolved and "working" not in resolved
    # "his target" after a question about who covers Acme: the target on Acme.
    his = resolve_followup("what's his target now?", ["Who covers Acme at Initech?"])
    assert his == "what's Acme's target now?"


def test_who_covers_a_company_asks_for_its_analyst() -> None:
    from assistant.roles import asked_role, role_holder

    assert asked_role("Who covers Acme at Initech?") == "analyst"
    assert asked_role("Who rates the stock?") == "analyst"
    assert asked_role("Who covered the event?") is None
    holder = role_holder("analyst", ["Initech analyst Jane Roe cut her target to $64."])
    assert holder is not None and holder.name == "Jane Roe"


def test_a_lists_lead_in_is_each_items_context() -> None:
    from assistant.sentences import split_hits
    from tests.unit.test_question_shapes import _hit

    text = (
        "Acme reaffirms its outlook for the 2026 financial year. The Group expects:\n\n"
        "- an EBIT margin of 4.5% to 5.5%;\n"
        "- free cash flow of between \u20ac0.8 billion and \u20ac1.1 billion."
    )
    contexts = {t: c for _, _, _, t, c in split_hits([_hit(text)])}
    item = next(t for t in contexts if "EBIT margin" in t)
    assert contexts[item].endswith("The Group expects:")
    assert periods(contexts[item]) == {"FY2026", "2026"}
    # An item's sibling is still no context of it.
    second = next(t for t in contexts if "free cash flow" in t)
    assert "EBIT" not in contexts[second]


def test_and_the_year_before_asks_the_last_question_a_year_earlier() -> None:
    from assistant.followups import resolve_followup

    previous = ["What did Acme's EBIT margin come in at in H1?"]
    assert resolve_followup("and the year before?", previous) == (
        "What did Acme's EBIT margin come in at in H1 a year earlier?"
    )
    assert resolve_followup("and in 2024?", ["What was Acme's revenue in Q1 2025?"]) == (
        "What was Acme's revenue in 2024?"
    )


def test_a_value_the_quote_shows_in_another_column_is_not_another_value() -> None:
    from assistant.quotes import pick_quotes
    from tests.unit.test_evidence import ACME as EVIDENCE_ACME
    from tests.unit.test_evidence import ask

    text = (
        "EBIT margin \u2014 H1 2026: 4.9%; H1 2025: 6.2%\n"
        "Acme Group \u2014 Rating: Hold; EBIT margin H1: 4.9%; P/E FY26E: 11.4x"
    )
    question = "What was Acme's EBIT margin in H1 a year earlier?"
    evidence = ask(question, text)
    picked = pick_quotes(evidence, list(evidence.sentences), question, EVIDENCE_ACME, 3)
    assert picked and "6.2%" in picked[0][1].text
    assert all(role != "other value" for _, _, role in picked)


def test_the_name_after_by_behind_a_figure_owns_it() -> None:
    ctx = _context("The move followed price cuts of up to 15% by Initech in China.", "15%")
    assert ctx.subjects == {"initech"} and not ctx.home
    # "by 2028", "by March" name no one.
    assert not _context("Sales should rise 12% by 2028.", "12%").subjects


def test_a_figure_the_question_asserts_that_no_source_holds_is_corrected() -> None:
    from assistant.premise import check_value

    said = ["Acme cut the list price of the Lumo by 6.5% to \u20ac31,490."]
    kinds = frozenset({"percent", "points"})
    issue = check_value("What's behind Acme's 12% price cut?", said[0], said, kinds, None, ACME)
    assert issue is not None and issue.correction == "The sources give 6.5%"
    assert "12%" in issue.message  # the message says what the question said; the line does not
    # A figure the question compares with, or one a source holds, is no assertion to check.
    assert (
        check_value("Did Acme cut prices by more than 12%?", said[0], said, kinds, None, ACME)
        is None
    )
    held = [*said, "Initech cut prices by 12%."]
    assert (
        check_value("What's behind Acme's 12% price cut?", said[0], held, kinds, None, ACME) is None
    )


def test_a_follow_up_asking_the_figure_itself_after_a_move_asks_the_level() -> None:
    from assistant.followups import resolve_followup

    moved = ["how much did Acme's free cash flow fall in Q1?"]
    assert resolve_followup("and the actual fcf figure in rmb?", moved) == (
        "What was actual fcf figure in rmb in Q1?"
    )
    # Another measure after a move is asked the same way, its article dropped after "'s".
    assert resolve_followup("and the operating margin?", moved) == (
        "how much did Acme's operating margin fall in Q1?"
    )
    assert resolve_followup("and the margin?", ["What was revenue in Q1?"]) == (
        "What was the margin in Q1?"
    )


def test_an_opportunity_is_the_market_it_sizes() -> None:
    from assistant.synonyms import same_measure

    assert "market" in same_measure(stem("opportunity"))


def test_a_forecast_in_a_quarters_report_is_for_the_period_it_names() -> None:
    said = (
        "We expect to deliver underlying operating profit of between \u00a3640 million"
        " and \u00a3710 million."
    )
    ctx = _context(said, "\u00a3640 million and \u00a3710 million")
    quarter_report = frozenset({"Q1", "2026", "2027", "FY2027"})
    asked = question_focus(
        "What underlying operating profit does Acme expect for the full year?", ACME
    )
    assert answers(asked, ctx, quarter_report, None, 0.5)
    # An outcome of the quarter stays the quarter's.
    made = _context("Underlying operating profit was \u00a3310 million.", "\u00a3310 million")
    assert not answers(asked, made, quarter_report, None, 0.5)


def test_a_range_read_between_its_ends_is_shown_as_one_range() -> None:
    from assistant.direct import magnitude
    from assistant.figures import find_figures

    (fig,) = find_figures("We expect profit of between \u00a3640 million and \u00a3710 million.")
    shown = magnitude(fig)
    assert shown == "\u00a3640 million to \u00a3710 million"
    (again,) = find_figures(shown)  # read back, it is the same one range
    assert again.value == fig.value and again.high == fig.high


def test_a_per_share_cell_keeps_the_cents_it_is_written_with() -> None:
    from assistant.direct import magnitude
    from assistant.figures import find_figures

    row = "Interim dividend per share (\u20ac) \u2014 H1 2026: 0.25; H1 2025: 0.25"
    cell = next(f for f in find_figures(row) if f.kind == "money")
    assert magnitude(cell) == "\u20ac0.25"
    # A cell its header scales is still written in the largest whole scale.
    big = next(
        f for f in find_figures("Net debt (\u20acm) \u2014 H1 2026: 1,184.7") if f.kind == "money"
    )
    assert magnitude(big) == "\u20ac1.1847bn"


def test_a_total_across_two_measures_is_one_part() -> None:
    question = "total passengers across boats and planes this year?"
    assert each_measure(question) == [question]
    assert each_measure("sales of boats and planes combined?") == [
        "sales of boats and planes combined?"
    ]
    assert len(each_measure("sales of boats and plane orders?")) == 2


def test_a_total_of_two_is_not_answered_by_one_of_them() -> None:
    from tests.unit.test_evidence import ask

    text = (
        "Acme's ferries carried 2.6 million passengers in the year. "
        "Acme's fleet of six vessels carried 2.6 million passengers in the year. "
        "Across its ferries and aircraft Acme carried 4.3 million passengers in the year."
    )
    quoted = [s.text for s in ask("Total passengers across boats and planes?", text).sentences]
    assert quoted and all("2.6 million" not in s for s in quoted)
    assert "4.3 million" in quoted[0]
    # Without a total asked, the ferries' own count answers a question about the ferries.
    quoted = [s.text for s in ask("How many passengers did the boats carry?", text).sentences]
    assert quoted and "2.6 million" in quoted[0]
