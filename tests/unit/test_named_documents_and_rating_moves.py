"""Rules of the fifty-seventh round, each on made-up text: a rating named in a question, a
document named by its kind, and more."""

from __future__ import annotations


def test_a_rating_the_question_names_is_no_broker_to_look_for() -> None:
    from assistant.lookups import rating_lookup, rating_premise
    from tests.unit.test_evidence import ACME, hits

    text = "Initech Securities upgraded the stock to Buy from Neutral on Monday."
    asked = "Why did Initech downgrade Acme to Sell?"
    found = rating_lookup(asked, hits(text, "Initech note on Acme"), ACME)
    assert found is not None
    assert found[0] == "The sources say an upgrade, Buy (from Neutral), not a downgrade [1]."
    assert rating_premise(asked, found[1]) is not None
    kept = "Initech analyst Jane Roe kept his Hold rating on the stock."
    found = rating_lookup("Why did Initech upgrade Acme to Buy?", hits(kept, "Note"), ACME)
    assert found is not None and found[0].startswith("The sources say no change, Hold")


DOCUMENTS = {
    doc: frozenset(words.split())
    for doc, words in (
        ("article", "article acme results lift shares coastal news"),
        ("analyst-note", "analyst note initech securities equity research"),
        ("annual-results", "annual results acme group"),
        ("source-3", "source 3 acme pt cut globex partners jane roe"),
    )
}


def test_a_document_named_by_its_kind_or_writer_is_the_one_that_answers() -> None:
    from assistant.named_documents import named_documents

    asked = "According to the analyst note, what was the last close?"
    assert named_documents(asked, DOCUMENTS) == ["analyst-note"]
    # a broker's note is an analyst's; its writer names it where its file does not
    assert named_documents("In the broker note, what EPS?", DOCUMENTS) == ["analyst-note"]
    asked = "And what does the Globex note forecast for EBITDA?"
    assert named_documents(asked, DOCUMENTS) == ["source-3"]
    assert named_documents("According to the article, what?", DOCUMENTS) == ["article"]
    # no document named, a verb ("did the company report"), a kind the corpus lacks, or a
    # word every document has: every document answers
    assert named_documents("What was revenue in the quarter?", DOCUMENTS) is None
    assert named_documents("What did the company report for revenue?", DOCUMENTS) is None
    assert named_documents("In the call transcript, what did the CEO say?", DOCUMENTS) is None
    # words no one document has all of ("the group update"), or two documents named
    assert named_documents("Who is quoted in the group update?", DOCUMENTS) is None
    asked = "How many stores per the article vs the Globex note?"
    assert named_documents(asked, DOCUMENTS) is None


def test_the_corpus_readings_name_the_documents_of_a_kind() -> None:
    from assistant.chunking import Passage
    from assistant.corpus_readings import CorpusReadings

    def passage(doc: str, title: str, byline: str = "") -> Passage:
        return Passage(doc, doc, doc, "source", title, "", "", 0, 0, 1, "x", byline)

    passages = [
        passage("article", "Acme shares jump"),
        passage("broker-note", "ACME: raising our target", "Initech Securities"),
        passage("release", "Acme Q3 results"),
    ]
    readings = CorpusReadings(lambda: passages)
    assert readings.named_documents("Per the analyst note, what target?") == ["broker-note"]
    assert readings.named_documents("What does the Initech note say?") == ["broker-note"]
    assert readings.named_documents("What was Q3 revenue?") is None


def test_net_income_is_not_income_of_a_kind() -> None:
    from assistant.income_lines import income_of_another_kind

    asked = frozenset({"what", "was", "net", "income"})
    assert income_of_another_kind(asked, "For the half, net interest income was ")
    assert income_of_another_kind(asked, "Fee income rose to ")
    assert not income_of_another_kind(asked, "Net interest income rose, and net income was ")
    assert not income_of_another_kind(asked | {"interest"}, "net interest income was ")
    assert not income_of_another_kind(frozenset({"revenue"}), "net interest income was ")


def test_a_level_asked_is_not_the_move_beside_it() -> None:
    from tests.unit.test_evidence import ACME, fit_figures

    said = "For the first nine months of 2031, net interest income was $1.4 billion, up 7.2%."
    asked = "What was net interest income in the first nine months?"
    assert fit_figures(asked, said, ACME) == {"$1.4 billion"}
    assert fit_figures("How much did net interest income grow?", said, ACME) == {"7.2%"}


def test_a_quarters_heading_dates_its_bullets_against_a_full_year_asked() -> None:
    from assistant.question import question_parts
    from assistant.sentence_fit import SentenceReader
    from tests.unit.test_evidence import ACME, FakeEmbedder, SentenceEmbeddings

    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("What were Acme's GAAP diluted earnings per share for fiscal 2031?")

    def score(sentence: str, heading: str) -> float:
        fit = reader.figure_fit(part, sentence, f"## {heading}\n\n{sentence}", section=heading)
        assert fit is not None
        return fit.score

    quarter = score("GAAP diluted earnings per share were $0.74.", "Fourth quarter fiscal 2031")
    year = score("GAAP diluted earnings per share were $2.95.", "Fiscal 2031 highlights")
    assert year > quarter


def test_this_year_asked_in_the_past_tense_is_the_year_reported() -> None:
    from assistant.relative_years import asks_this_year

    assert asks_this_year("What EPS does Initech see this year?")
    assert not asks_this_year("What was underlying EPS this year versus last year?")


def test_an_undated_question_asks_the_latest_of_a_rows_fiscal_years() -> None:
    from assistant.base_values import figure_ranks
    from assistant.measures import figure_contexts

    row = "Ground Services — Operating margin FY31: 23.5%; Operating margin FY30: 20.6%"
    tried = list(figure_contexts(row, None, frozenset(), ""))
    # the earlier cell's header may read closer to the question: the later ranks as high
    ranks = figure_ranks({"23.5%": 0.80, "20.6%": 0.83}, tried, row, frozenset(), False)
    assert ranks["23.5%"] >= ranks["20.6%"]


def test_an_acronym_in_brackets_after_a_measure_is_that_measure_not_an_owner() -> None:
    from dataclasses import replace

    from assistant.entities import Subject
    from assistant.focus import question_focus
    from assistant.matching import subject_fits
    from assistant.measures import figure_contexts

    acme = Subject("Acme Air", ("Acme",))
    said = "Unit cost excluding fuel (UCX ex-fuel) up 5.1% to 7.35 euro cents."
    reached = figure_contexts(said, acme, frozenset({"UCX"}), "")[-1]
    # "ucx" typed in lower case is read as a name the figure must belong to
    focus = replace(question_focus("q3 ucx ex-fuel?", acme), subjects=frozenset({"ucx"}))
    assert subject_fits(focus, reached)
    # a name in brackets after another name is still an owner ("Globex (GLX)")
    rival = "Globex (GLX) said unit cost rose 5.1% to 7.35 euro cents."
    focus = replace(focus, subjects=frozenset({"glx"}))
    assert not subject_fits(focus, figure_contexts(rival, acme, frozenset({"GLX"}), "")[-1])
