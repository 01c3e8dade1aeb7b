"""Does one retrieved sentence answer one part of a question? The tests evidence applies.

``SentenceReader`` holds what one question needs to judge a sentence (the subject, the names
known, the currency asked for, the embedding similarity and its thresholds). A figure answers
when it has the kind asked for and its clause is about the same owner, measure and period
(``matching.answers``); a part that asks for no figure is answered by a sentence that names
its owner and topic. ``assistant.evidence`` scores and chooses the sentences with it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from assistant.antecedents import (
    DESCRIBED_OWNER,
    as_owner,
    described_owners,
    last_named,
    pronoun_owner,
    qualified_before,
    sentence_before,
    with_antecedent,
    with_lead_in,
)
from assistant.base_values import figure_ranks
from assistant.bounds import BOUND_ASKED, is_bound
from assistant.compounds import other_compound
from assistant.cues import RATE_MEASURE, asks_level_reached, asks_reason, currency_rate_asked
from assistant.directions import amount_moved, asks_amount_moved, is_move, moved_by
from assistant.earlier_values import (
    asks_earlier,
    bare_level,
    compares_with_earlier,
    unasked_year_ago,
)
from assistant.entities import Subject, is_rare, names_in, names_one_of, normalise
from assistant.expectations import (
    asks_broker_view,
    asks_expectation,
    broker_forecast,
    estimates_barred,
    in_estimate_table,
    other_than_expected,
    states_expectation,
    writers_forecast,
)
from assistant.figure_periods import paragraph_periods
from assistant.figures import RATE_KINDS
from assistant.fiscal_calendar import numbered, with_quarter_end
from assistant.heads import counts_time_unasked
from assistant.heard_sources import sources_heard
from assistant.matching import (
    QuestionFocus,
    answers,
    asks_movement,
    counts_only_included,
    head_fits,
    includes_excluded,
    joined_with_another,
    leaves_out_included,
    names_only_included,
    qualifiers_fit,
    states_noun,
    stem_match,
)
from assistant.measure_fit import measure_score, on_the_day_asked
from assistant.measure_words import measure_stems
from assistant.measures import FigureContext, figure_contexts
from assistant.other_measures import forecast_row
from assistant.owners import owners
from assistant.periods import part_of_year, periods, periods_fit
from assistant.plan_cues import asks_forecast, states_forecast, states_intent, states_plan
from assistant.portions import portion_misread
from assistant.question import QuestionPart, asks_for_names
from assistant.row_moves import level_for_move_size, unasked_moves
from assistant.section_owners import names_section, run_in_owner
from assistant.sensitivities import sized_by
from assistant.sentences import LIST_MARKER
from assistant.stated_figures import is_list_marker
from assistant.stem_match import covers, priced_as
from assistant.synonyms import same_measure
from assistant.text import TABLE_ROW, content_stems
from assistant.unit_prices import not_a_price
from assistant.units import currency_wanted
from assistant.value_questions import asks_old_value

if TYPE_CHECKING:
    from assistant.similarity import SentenceEmbeddings

MIN_PARTIAL_STEMS = 0.25
TIE = 0.02  # scores this close are one score
CHANGE_BONUS = 0.25  # added to a rate's fit when the question asks how something changed
COMPLETE_BONUS = 0.5  # every measure word asked stands in the figure's clause
PART_PERIOD_PENALTY = 0.5  # a quarter's or half's figure where the question asks a year
# A bound ("sustained above 7%") below a value stated elsewhere, however closely its words fit.
BOUND_PENALTY = 1.0


def best_figures(scores: dict[str, float]) -> frozenset[str]:
    """The figures that score best. Cells of one row differ in meaning by their period alone
    ("Revenue H1 2026" and "H1 2025"): a hair's difference of similarity picks no period, the
    question does."""
    return frozenset(t for t, score in scores.items() if score >= max(scores.values()) - TIE)


class FigureFit(NamedTuple):
    """How well a sentence answers: its best measure score and the figures that score it."""

    score: float
    figures: frozenset[str]


# Rates that are levels, whose move is asked apart from them ("how did the margin change?").
_LEVEL_RATE = re.compile(r"\b(?:margins?|ratios?|yields?|spreads?|nims?)\b", re.I)


@dataclass
class SentenceReader:
    """What one question needs to judge sentences: subject, known names, similarity."""

    subject: Subject | None
    known: frozenset[str]
    embeddings: SentenceEmbeddings
    currency: str | None
    min_similarity: float
    min_sentence_similarity: float = 0.6
    quarters: dict[int, int] = field(default_factory=dict)  # quarter-end month -> number
    latest: int = 0  # the latest year the passages report ("a year ago" counts back from it)

    def figure_fit(
        self,
        part: QuestionPart,
        sentence: str,
        context: str,
        title: str = "",
        question_similarity: float = 0.0,
        section: str = "",
        byline: str = "",
    ) -> FigureFit | None:
        """The best measure score of a figure that answers ``part`` and the figures that score
        it (None: none answers).

        Periods the sentence leaves open may come from its paragraph, else from its
        document's title and section ("Q1 Trading Statement").
        """
        # "Initech's price target", "per Initech": only a figure Initech is heard giving.
        if not sources_heard(part.focus.sources, f"{sentence} {context} {title} {byline}"):
            return None
        # "the airline's margin": a margin, only where the airline is spoken of.
        described = described_owners(part.text) if part.owner_noun_required else set()
        if not described <= content_stems(f"{sentence} {context} {title}"):
            return None
        # "How much did price add to the margin?": a driver's part in the move of the margin,
        # where the margin (or a bridge of it) is spoken of, not its part in sales growth.
        driven = part.focus.driven
        if driven and not driven & content_stems(f"{sentence} {context} {section}"):
            return None
        # In a document about someone else, "the company" is not the subject: there a figure
        # answers for the subject only when the subject is named before it.
        elsewhere = not part.focus.subjects and self._headed_by_another(title, byline)
        # A labelled aside of the paragraph ("(FY25: 1.42 million)") names no period for it.
        # (a row labelled a forecast, or in a forecast's section: "Earnings Forecast")
        forecast = forecast_row(sentence) or bool(
            TABLE_ROW.match(sentence) and states_forecast(section)
        )
        context_periods = self._dated(paragraph_periods(context, title, forecast=forecast))
        scores: dict[str, float] = {}
        tried: list[FigureContext] = []  # the figures judged against the question
        earlier_asked = asks_earlier(part.text)
        heading = _heading(context) or section
        change = asks_movement(part.text) and not asks_level_reached(part.text)  # "cut it to?"
        # (a rate's level, whose move is in points: "the margin", not "loan growth")
        rate_asked = bool(RATE_MEASURE.search(re.sub(r"(?i)\bgrowth\b", "", part.text)))
        plan_asked = states_forecast(part.text)  # asked in a forecast's words ("expect")
        forecast_asked = plan_asked or asks_forecast(part.text)
        level_asked = change and bool(_LEVEL_RATE.search(part.text))  # a move of a margin
        money_move = change and asks_amount_moved(part.text)
        similarity = self.embeddings.similarity
        # Under a section named for what is asked ("## Coastal Rail"), a figure with no
        # owner of its own ("On-time performance fell to 81.3%") is that section's.
        by_section = frozenset(n for n in part.focus.subjects if names_section(n, section))
        # "**Pump Systems** revenue rose 6.2%. Organic growth was 4.4%.": a paragraph that
        # opens with a name in bold is about it, so a figure with no owner there is its.
        topic = run_in_owner(context, self.known, self.subject)
        expectation = asks_expectation(part.focus, part.text)
        rate_of = currency_rate_asked(part.text)
        names = self._names_subject if self.subject is not None else None
        barred = not part.focus.sources and estimates_barred(part.text, names, byline)
        broker = asks_broker_view(part.text)  # "what is the broker pencilling in?"
        focus = as_owner(part.focus, described) if described else part.focus
        focus = qualified_before(focus, sentence, context, self.subject, self.known)
        focus = replace(focus, periods=numbered(focus.periods, self.quarters))
        part = replace(part, focus=focus) if focus is not part.focus else part
        year_ago = unasked_year_ago(sentence, earlier_asked, focus.periods)
        for ctx in figure_contexts(sentence, self.subject, self.known, heading):
            if ctx.figure.kind not in part.kinds or is_list_marker(sentence, ctx.figure.start):
                continue
            # "the share price": no sum or market share; "bev deliveries": no "24% of deliveries"
            misread = portion_misread(part.text, focus.measures, ctx, change)
            unasked = (
                not_a_price(ctx, part.text)
                or counts_time_unasked(part.text, sentence, ctx.figure, part.kinds)
                or level_for_move_size(part.text, sentence, ctx.figure)  # "by how much?"
            )
            if unasked or misread:  # (a price, or "16 weeks" of "how many new items?")
                continue
            if level_asked and bare_level(sentence, ctx.figure):
                continue  # "How much did its NIM change?": not "runs a 2.94% NIM"
            if by_section and not ctx.subjects and not ctx.home:
                ctx = replace(ctx, named=ctx.named | by_section)
            elif topic and not ctx.subjects and not ctx.home:
                ctx = replace(ctx, subjects=topic, named=ctx.named | topic)
            if elsewhere and not self._names_subject(ctx.zone):
                continue
            # "what was the street expecting?": no outcome; "the euro rate": a euro's price only
            if (expectation and not states_expectation(ctx)) or not priced_as(rate_of, ctx):
                continue
            if expectation and other_than_expected(part.focus, ctx):
                continue
            # "what does Acme guide to?": no broker's "FY27E" row or "we forecast"; the broker's
            # view asked: not Acme's outlook, nor the consensus
            own = barred and (writers_forecast(ctx) or in_estimate_table(ctx))
            if own or (broker and not broker_forecast(ctx)):
                continue
            # "... and in yuan?" is answered only by an amount in yuan; a rate has no currency:
            # "sales in £m, and how much were they up?" asks the rise as a percentage.
            if (
                self.currency
                and ctx.figure.currency != self.currency
                and (ctx.figure.kind not in RATE_KINDS or currency_wanted(part.text))
            ):
                continue
            if money_move and ctx.figure.kind == "money" and not amount_moved(sentence, ctx.figure):
                continue  # "by how much did it rise, in yen?": not the level it rose to
            ctx = replace(ctx, periods=self._dated(ctx.periods))
            ctx = with_lead_in(with_antecedent(part.focus, ctx, context), sentence, context)
            ctx = self._with_owner_before(part.focus, ctx, sentence, context, section)
            tried.append(ctx)
            if answers(
                part.focus, ctx, context_periods, similarity, self.min_similarity, self.latest
            ) or (
                # The question's verb may carry the measure ("pouring into AI" ~ "committed
                # $53 billion to AI"): the whole question then reads like the sentence.
                question_similarity >= self.min_sentence_similarity
                and stem_match(part.focus, ctx) >= MIN_PARTIAL_STEMS
                and states_noun(part.focus, ctx)
                and answers(part.focus, ctx, context_periods, self._head_only, 0.0, self.latest)
                and head_fits(part.focus, ctx, similarity, self.min_similarity)
                and not other_compound(part.text, part.focus.phrase, ctx.clause)
            ):
                score = measure_score(part.focus, ctx, similarity)
                # all words asked: "unit cost ex fuel" before "costs ex-fuel"
                complete = len(part.focus.measures) > 1 and covers(part.focus, ctx)
                if change and ctx.figure.kind in RATE_KINDS:
                    # "how much did sales grow": a rate before an amount; a move in points
                    # ("widened 18 bps") before the level a ratio reached ("to 3.10%")
                    score += CHANGE_BONUS * (1 + (ctx.figure.kind == "points" and rate_asked))
                    if not is_move(sentence, ctx.figure):
                        score -= CHANGE_BONUS / 2  # "up 5.8%" before "45.9% of traffic"
                elif moved_by(sentence, ctx.figure):  # "cut its estimate by 14%": no estimate
                    score += CHANGE_BONUS / 2 if change else -CHANGE_BONUS  # ("rose by ¥4bn")
                    complete = complete and change  # (a level asked: "up 6.2%" is none)
                score += COMPLETE_BONUS * complete
                if focus.periods and part_of_year(focus.periods, ctx.periods or context_periods):
                    score -= PART_PERIOD_PENALTY  # "for 2026": a year's figure before Q3's
                if plan_asked and not states_plan(f"{context} {ctx.clause}", heading):
                    score -= PART_PERIOD_PENALTY  # "what does Acme expect?": an outcome last
                elif not forecast_asked and states_intent(ctx.clause):
                    score -= PART_PERIOD_PENALTY  # "cet1?": the ratio reached, then its goal
                score += PART_PERIOD_PENALTY * on_the_day_asked(focus, ctx)  # "on 12 November"
                # "Home Goods and Clothing sales" asked of Home Goods
                score -= PART_PERIOD_PENALTY * joined_with_another(focus, part.text, sentence)
                if is_bound(sentence, ctx.figure) and not BOUND_ASKED.search(part.text):
                    score -= BOUND_PENALTY  # "a payout of 40% or more": a floor, not it
                won = sized_by(sentence, ctx.figure).text  # "£14 on an £75+ shop": £14
                scores[won] = max(score, scores.get(won, score))
        if not scores:
            return None
        both = compares_with_earlier(part.text)
        old = asks_old_value(part.text)
        ranks = figure_ranks(
            scores, tried, sentence, focus.periods, earlier_asked, focus.noun, both, old
        )
        moves = unasked_moves(part.text, change, sentence, [c.figure for c in tried])
        ranks = {t: r - CHANGE_BONUS * (t in moves) for t, r in ranks.items()}  # "% change"
        ago = {c.figure.text for c in tried if c.figure.start in year_ago}  # (none asked)
        ranks = {t: r for t, r in ranks.items() if t not in ago}
        return FigureFit(max(scores.values()), best_figures(ranks)) if ranks else None

    def _dated(self, labels: frozenset[str]) -> frozenset[str]:
        """A figure's periods read by the corpus's calendar, where it is known."""
        return with_quarter_end(numbered(labels, self.quarters), self.quarters)

    def _with_owner_before(
        self, focus: QuestionFocus, ctx: FigureContext, sentence: str, context: str, section: str
    ) -> FigureContext:
        """ "The benchmark is Umbrella Motors. The US carmaker generated $1.7 billion ...": a figure
        with no owner in a sentence opened by a definite description is the last name's."""
        ctx = pronoun_owner(ctx, sentence, context, self.subject, self.known)
        if not focus.subjects or ctx.subjects or ctx.home:
            return ctx
        if DESCRIBED_OWNER.match(sentence):
            owner = last_named(sentence_before(context), focus.subjects, self.subject)
        elif LIST_MARKER.match(sentence):
            # "Our Homeware plan is working. · Volume growth of 1.8 per cent": a bullet with no
            # owner goes on about the one the paragraph before it (or its heading) names last.
            owner = last_named(f"{section}. {context}", focus.subjects, self.subject)
        else:
            return ctx
        if not owner:
            return ctx
        return replace(ctx, subjects=frozenset({owner}), named=ctx.named | {owner})

    def _headed_by_another(self, title: str, byline: str = "") -> bool:
        """Is the document headed by another organisation ("Initech lifts its outlook")?
        Only a rare name counts (one the embedding model's vocabulary lacks), so a title-case
        heading of common words ("Trading Statement") names no organisation; an aside in
        parentheses ("(Under Japanese GAAP)") heads nothing, and a document the subject
        published is its own."""
        if self.subject is None or not title or self._names_subject(byline):
            return False
        mentions = names_in(re.sub(r"\([^()]*\)", " ", title), self.known)
        if any(self.subject.is_subject(m.text) for m in mentions):
            return False
        return any(is_rare(word) for m in mentions for word in m.text.split())

    def _names_subject(self, text: str) -> bool:
        assert self.subject is not None
        return any(self.subject.is_subject(m.text) for m in names_in(text, self.known))

    def new_names(self, sentence: str, question: str, places: bool = True) -> set[str]:
        """Names in the sentence that the question does not hold, the subject's own name
        aside ("Acme CEO Jane Roe" is new to "Who leads Acme?"; "Acme" alone is not).
        Without ``places``, names after a preposition of place ("in China") are left out."""
        own = self.subject.keys if self.subject else frozenset()
        asked = owners(question, None, self.known)[0]
        return set(owners(sentence, None, self.known, places=places)[0]) - asked - own

    @staticmethod
    def _head_only(a: str, b: str) -> float:
        """Similarity that lets the measure pass so that the head noun is judged alone."""
        return 1.0

    def text_fits(
        self,
        part: QuestionPart,
        sentence: str,
        overlap: set[str],
        similarity: float,
        title: str = "",
    ) -> bool:
        """For a part that asks for no figure: the sentence names its owner and topic. For
        "who ...?" and "why ...?", a period it leaves open may come from its document's title
        and section ("the CEO quoted in the Q1 update", a reason under "Q4 highlights")."""
        if part.focus.subjects:
            # Any name counts here, the subject's too: "Acme CEO Jane Roe" names Jane Roe.
            named = frozenset(normalise(m.text) for m in names_in(sentence, self.known))
            # Each name asked: "what leverage does Initech calculate for Globex?" is not
            # answered by Initech's figure for someone else.
            if not all(names_one_of(frozenset({name}), named) for name in part.focus.subjects):
                return False
        if not qualifiers_fit(part.focus, sentence) or includes_excluded(part.focus, sentence):
            return False
        if leaves_out_included(part.focus, sentence) or names_only_included(part.focus, sentence):
            return False
        if counts_only_included(part.focus, sentence):
            return False
        titled = asks_for_names(part.text) or asks_reason(part.text)
        if part.focus.periods and not periods_fit(
            numbered(part.focus.periods, self.quarters),
            numbered(frozenset(periods(sentence)), self.quarters),
            numbered(frozenset(periods(title)), self.quarters) if titled else frozenset(),
        ):
            return False
        if not (len(overlap) >= 2 or (len(overlap) >= 1 and similarity >= 0.55)):
            return False
        # The sentence must carry what the question is about, in its words or in others.
        measure = part.focus.measures
        words = measure_stems(sentence)
        # ... a synonym counts ("rating" asked, "upgraded to outperform" stated).
        shared = 2 * sum(1 for m in measure if m in words or same_measure(m) & words)
        # A sentence about the very person or company asked about needs half the topic.
        if not measure or shared > len(measure) or (part.focus.subjects and shared >= len(measure)):
            return True
        # "Which region ...?": the answer is a name of that kind, not the word "region".
        if asks_for_names(part.text) and self.new_names(sentence, part.text):
            return True
        return self.embeddings.similarity(part.focus.phrase, sentence) >= self.min_similarity


def _heading(context: str) -> str:
    """The last line before a table's rows: its title ("Sales Summary Q1 — ...")."""
    lines = [ln for ln in context.splitlines() if ln.strip()]
    for line in reversed(lines):
        if "\u2014" not in line or not re.search(r"\d", line):
            return line.strip().lstrip("#").strip()
    return ""


__all__ = ["MIN_PARTIAL_STEMS", "SentenceReader", "best_figures"]
