"""Names of organisations, brands and people, recognised by their shape, not from a list.

A *name* is a run of capitalised words ("Amazon Web Services", "J Bloggs", "HONOR",
"JD.com", the possessive "Bloggs's"). What looks capitalised but is not a name is told
apart by form and position, never by an article's vocabulary:

- calendar words (months, weekdays), period labels (Q1, H1, FY25), currency codes;
- a sentence's first word, unless its shape says name (all capitals, inner capitals, a dot
  or digit inside, a possessive, a second capitalised word after it) or the same text uses
  it capitalised in mid-sentence;
- title-case lines (headings), whose words are names only if the body says so;
- acronyms that spell out the lower-case words before them ("gross merchandise value
  (GMV)") or that modify a lower-case noun ("API prices"): terms, not organisations.

``Subject`` carries a corpus's organisation and its aliases to the subject rule; which
organisation that is, ``assistant.subject.infer_subject`` decides from these names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.synonyms import MEASURE_ACRONYMS
from assistant.text import BULLET, MONTHS, STOPWORDS
from assistant.vocabulary import is_rare

# General English, not any article's words: calendar names and grammatical words that are
# capitalised only because they open a sentence or a heading.
_CALENDAR = frozenset(
    [
        *MONTHS,
        *(m[:3] for m in MONTHS),
        "sept",
        *"""monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    christmas easter""".split(),  # noqa: SIM905
    ]
)
CALENDAR_WORDS = _CALENDAR  # month, weekday and season names ("the Christmas quarter")
_FUNCTION_WORDS = STOPWORDS | frozenset(
    """i we you he she our your his her my me us also however while although though despite
    nonetheless moreover additionally meanwhile yet so if then thus since because after before
    not no all some each every both either neither one two three other another such more most
    less few here now today yes ok please tell show give explain describe list compare say
    according based overall further first second third last next as like unlike versus vs
    mr mrs ms dr sir new total""".split()  # noqa: SIM905
)
# Words that make a name formal; "Acme Group" is still Acme.
SUFFIXES = tuple(
    "group plc inc ltd limited holdings corp corporation co company sa ag nv llc".split()  # noqa: SIM905
)
# "The Board declared a dividend": a company's own organs speak for it.
_OWN_BODIES = frozenset({"board", "board of directors", "directors", "management"})
_LEGAL_FORMS = frozenset({"plc", "inc", "ltd", "limited", "llc", "lp", "ag", "sa", "nv", "se"})
_PERIOD_LABEL = re.compile(
    r"^(?:Q[1-4]|H[12]|FYE?|YTD|LTM|TTM|FY\d{1,4}|\d{4}|[1-4]Q(?:\d{2})?|[12]H(?:\d{2})?)$", re.I
)
_CURRENCY_CODE = re.compile(r"^(?:USD|EUR|GBP|CNY|RMB|JPY|HKD|CHF|CAD|AUD|INR|US|UK|EU)$")
_WORD = re.compile(r"[A-Za-z0-9](?:[\w&\-]|\.(?=\w))*(?:['\u2019]s\b|(?<=s)['\u2019](?!\w))?")
POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
# An acronym after a possessive or a participle ("Acme's EBITA", "our PT", "adjusted EBITA")
# is something held or measured, not an organisation.
_HELD_TERM = re.compile(
    r"(?:['\u2019]s|\b[A-Za-z]+(?:ed|ing)|\b(?i:our|its|their|his|her|my|your))\s+$"
)
# "AI and cloud", "cloud and AI": an acronym paired with a lower-case noun is a term too.
_COORDINATED = re.compile(r"\s+(?:and|or|&|\+)\s+[a-z]")
_COORDINATED_BEFORE = re.compile(r"\b[a-z]{3,}\s+(?:and|or|&|\+)\s+$")
# A person's role, before or after their name ("CFO Jane Roe", "Jane Roe, our treasurer"):
# read by owners (a person who speaks for a figure owns none) and roles ("who is the CFO?").
ROLE = (
    r"(?:C[A-Z]O|chief\s+[a-z]+(?:\s+[a-z]+)?\s+officer|chief\s+executive|chair(?:man|woman"
    r"|person)?|(?:vice[\s-])?president|head\s+of\s+[a-z]+(?:\s+[a-z]+)?|(?:[a-z]+\s+)?director"
    r"|treasurer|founder|analyst|spokes(?:man|woman|person))"
)
_NAME_GAPS = (" ", " & ", " of ", " the ", " New ")
# A sentence's or list item's start: after a full stop or a label's colon (bold or not:
# "**Services:** Revenue grew"), a line break, a quote, or a bullet ("\u00b7 Continue to ...",
# "o Globex Garden ...", "2. Risks").
_BULLET = rf"(?:[#>]+|{BULLET})"  # a list marker, or a Markdown heading's or quote's
_SENTENCE_START = re.compile(
    # ... or a table row's first cell after its label ("Coastal Rail \u2014 Revenue FY26: 402.7")
    # ... and the bold or italic marks that open it ("- **Nonperforming loans** were ...")
    rf"(?:[.!?:;][*_]*\s+|\n\s*|^\s*{_BULLET}\s+|\s\u2014\s+)(?:{_BULLET}\s+)?[*_]*$"
    r"|[\"\u201c(\[]\s*$"
    # ... and the single italic mark that opens a text ("*Net interest margin of 3.42%*"; a
    # bold run-in, "**Services:** Revenue grew", names what it heads)
    r"|\A[*_]$",
    re.M,
)


@dataclass(frozen=True)
class Subject:
    """The organisation a corpus is about and the words that stand for it."""

    name: str
    aliases: tuple[str, ...] = ()
    # Names the corpus uses in mid-sentence: a sentence-initial word on this list is a name.
    known: frozenset[str] = field(default_factory=frozenset)

    # Read for every name of every sentence a question weighs: computed once per subject.
    @cached_property
    def keys(self) -> frozenset[str]:
        """Normalised forms of the name and every alias ("acme", "acme group")."""
        forms = {normalise(self.name), *(normalise(a) for a in self.aliases)}
        return frozenset(f for f in forms if f) | {" ".join(self._head())} - {""}

    @cached_property
    def words(self) -> frozenset[str]:
        """Each word of the name and its aliases: known names at a sentence's start."""
        return frozenset(w for key in self.keys for w in key.split() if len(w) > 1)

    def _head(self) -> list[str]:
        """The name's words less initials: "J Bloggs plc" -> ["bloggs"]."""
        return [w for w in normalise(self.name).split() if len(w) > 1]

    def is_subject(self, name: str) -> bool:
        """Does a name found in a text stand for the subject (alias, or a longer form)?"""
        key = normalise(name)
        if not key:
            return False
        # "the Group", "the Company": a formal word alone is how a company names itself.
        if key in self.keys or key in SUFFIXES or key in _OWN_BODIES:
            return True
        # "Acme Cloud", "J Acme": a name containing the subject's head word.
        head = self._head()
        words = key.split()
        return bool(head) and any(words[i : i + len(head)] == head for i in range(len(words)))


# "Acme Select8": a footnote's number glued to the last word of a name.
_GLUED_NOTE = re.compile(r"(?<=[a-z]{3})\d{1,2}(?![\w.])")


def normalise(name: str) -> str:
    """Lower case, possessive, formal suffixes and a glued footnote number dropped: "Acme
    Group's" -> "acme", "Acme Select8" -> "acme select"."""
    text = POSSESSIVE.sub("", _GLUED_NOTE.sub("", name.strip())).lower().replace("\u2019", "'")
    words = [w for w in re.split(r"\s+", text) if w]
    while len(words) > 1 and words[-1].strip(".") in SUFFIXES:
        words.pop()
    return " ".join(words)


@dataclass(frozen=True)
class Mention:
    """One name in a text: where it stands and whether it was possessive."""

    text: str  # as written, possessive stripped
    start: int
    end: int
    possessive: bool


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word))


def _strong_shape(word: str) -> bool:
    """All capitals, inner capitals, a dot or a digit inside: a name wherever it stands."""
    core = POSSESSIVE.sub("", word)
    letters = [c for c in core if c.isalpha()]
    return (
        (len(letters) >= 2 and all(c.isupper() for c in letters))
        or any(c.isupper() for c in core[1:])
        or ("." in core.strip(".") and core[0].isupper())
        or (any(c.isdigit() for c in core) and core[0].isalpha())
    )


# "YoY", "QoQ", "HoH": a change on the period before, not a name.
_X_ON_X = re.compile(r"([A-Z])o\1")


def _calendar_words(word: str) -> bool:
    """ "Jan-Jun", "Jul/Aug", "Mar-27": months (and a clipped year), no name."""
    parts = {p for p in re.split(r"[-\u2013/']", word) if not p.isdigit()}
    return bool(parts) and parts <= _CALENDAR


def not_a_name(word: str) -> bool:
    core = POSSESSIVE.sub("", word).strip(".-")
    low = core.lower()
    return (
        not core
        or _calendar_words(low)
        or low in _FUNCTION_WORDS
        or (core.isupper() and low in MEASURE_ACRONYMS)  # "EBITDA", not "Roe"
        or low in ("ceo", "cfo", "coo", "cto")  # a role: "CEO Jane Roe" names Jane Roe
        or bool(_PERIOD_LABEL.match(core))
        or bool(_CURRENCY_CODE.match(core))
        or bool(_X_ON_X.fullmatch(core))
        or core[0].isdigit()
    )


def is_title_case_line(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if w.lower() not in _FUNCTION_WORDS]
    return len(words) >= 3 and all(_is_capitalised(w) for w in words)


def _spells_before(text: str, start: int, acronym: str) -> bool:
    """ "gross merchandise value (GMV)": the acronym spells the words just before it."""
    before = re.findall(r"[A-Za-z][\w\-]*", text[max(0, start - 80) : start])
    letters = acronym.lower()
    initials = "".join(w[0].lower() for w in before[-len(letters) :])
    return len(before) >= len(letters) and initials == letters


def _modifies_noun(text: str, end: int) -> bool:
    """ "API prices", "AI-related revenue": an acronym before a lower-case word is a term."""
    rest = text[end:]
    # "AI-related", "AI/cloud capex": joined to a lower-case word.
    if rest.startswith("-") or re.match(r"/[a-z]", rest):
        return True
    match = re.match(r" ([a-z][a-z\-]*)", rest)
    return bool(match) and match.group(1) not in _FUNCTION_WORDS


def sentence_initial(text: str, start: int) -> bool:
    return start == 0 or bool(_SENTENCE_START.search(text, max(0, start - 16), start))


_PARTICIPLE = re.compile(r"[a-z]{4}ed$")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s")
_PREFIX = re.compile(r"(?:non|un|re|pre|sub|over|under|inter|multi|anti|post)(?=[a-z]{4,}$)", re.I)


def _prefixed_word(word: str) -> bool:
    """Is ``word`` a common English word behind a prefix ("Nonperforming", "Underlying")?"""
    prefix = _PREFIX.match(word)
    return bool(prefix) and not is_rare(word[prefix.end() :])


_JOINER = re.compile(r" (?:& )?")


def _candidate(text: str, match: re.Match[str], known: frozenset[str]) -> bool:
    """Is this capitalised word a name's word, judged by shape and position?"""
    word = match.group(0)
    if not _is_capitalised(word) or not_a_name(word):
        return False
    # "AI-related", "US-listed": a capitalised stem inside a lower-case compound modifier;
    # "NZ$248m": the letters of a currency's symbol.
    if re.search(r"-[a-z]", word) or text.startswith("$", match.end()):
        return False
    # "an EU\u2013Mexico dispute": the second side of a pair joined by a dash qualifies a noun.
    if re.search(r"\w\u2013$", text[max(0, match.start() - 2) : match.start()]):
        return False
    core = POSSESSIVE.sub("", word)
    # "NPLs", "NCOs", "KPIs": an acronym made plural counts things; it names no one.
    if _PLURAL_ACRONYM.fullmatch(core) and not POSSESSIVE.search(word):
        return False
    # "P/E", "A/B": letters joined by a slash abbreviate a term.
    if len(core) == 1 and "/" in text[max(0, match.start() - 1) : match.end() + 1]:
        return False
    letters = [c for c in core if c.isalpha()]
    is_acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
    # "AWS's share": a possessive owns what follows, so it is a name, not a term.
    if (
        is_acronym
        and not POSSESSIVE.search(word)
        and (
            _spells_before(text, match.start() - 1, core)
            or _modifies_noun(text, match.end())
            or _HELD_TERM.search(text[max(0, match.start() - 30) : match.start()])
            or _COORDINATED.match(text, match.end())
            or _COORDINATED_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
        )
    ):
        return False
    if not sentence_initial(text, match.start()):
        return True
    if _strong_shape(word) or POSSESSIVE.search(word) or normalise(core) in known:
        return True
    # A word no dictionary of common English holds ("Initech said ...") is a name; so is a
    # capitalised word before another name's word ("Umbrella Holdings said ...").
    # ... but "Diluted EPS", "Restated revenue": a past participle opening a question is not.
    # ... nor "Nonperforming loans", "Noninterest income": a prefix on a common word.
    if (
        core.isalpha()
        and len(core) > 2
        and is_rare(core)
        and not _PARTICIPLE.search(core)
        and not _prefixed_word(core)
    ):
        return True
    # "Pumps & Valves was ...": a name's words may be joined by "&" too.
    joined = _JOINER.match(text, match.end())
    after = _WORD.match(text, joined.end()) if joined else None
    if after and _candidate(text, after, known):
        return True
    # "J Bloggs": a single initial before a capitalised word.
    follows = text[match.end() : match.end() + 2]
    return len(core) == 1 and core not in "AI" and len(follows) == 2 and follows[1].isupper()


def names_in(text: str, known: frozenset[str] = frozenset()) -> list[Mention]:
    """Every name in ``text``: runs of capitalised words joined by spaces or "&"."""
    mentions: list[Mention] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        if run:
            s, e = run[0].start(), run[-1].end()
            raw = text[s:e]
            possessive = bool(POSSESSIVE.search(raw))
            name = POSSESSIVE.sub("", raw)
            # "Acme Precision Co., Ltd.": a legal form after a comma is the name's own end.
            if not (name.lower() in _LEGAL_FORMS and text[max(0, s - 2) : s] == ", "):
                mentions.append(Mention(name, s, s + len(name), possessive))
            run.clear()

    matches = list(_WORD.finditer(text))
    for i, match in enumerate(matches):
        if not _candidate(text, match, known):
            # "Bank of America", "Savour the Season", "Air New Zealand": "of", "the" or
            # "New" between two capitalised words joins them.
            after = matches[i + 1] if i + 1 < len(matches) else None
            joins = match.group(0) in ("of", "the", "New")
            if not (run and joins and after and _candidate(text, after, known)):
                flush()
            continue
        gap = text[run[-1].end() : match.start()] if run else ""
        # A possessive ends a name: "Acme's Widget" is two names.
        if run and (gap not in _NAME_GAPS or POSSESSIVE.search(run[-1].group(0))):
            flush()
        run.append(match)
    flush()
    return mentions


def known_names(texts: list[str]) -> frozenset[str]:
    """Names used in mid-sentence somewhere in ``texts`` (normalised), for sentence starts.

    A word the texts also write in lower case ("Total Retail" beside "retail sales") is a
    common word capitalised by a label or heading, not a name.
    """
    found: set[str] = set()
    lower = {w for text in texts for w in re.findall(r"\b[a-z][a-z\-]+\b", text)}
    for text in texts:
        for m in names_in(text):
            words = m.text.split()
            if sentence_initial(text, m.start):
                # "Acme CEO Jane Roe named ...": the words after the first are capitalised
                # as names, whatever the first one is.
                words = words[1:]
                if not words:
                    continue
            found.add(normalise(" ".join(words)))
            found.update(normalise(w) for w in words)
    return frozenset(f for f in found if not set(f.split()) & lower)


def subject_from(name: str, aliases: tuple[str, ...] | list[str] = ()) -> Subject:
    """A ``Subject`` from a corpus profile's subject and aliases."""
    return Subject(name=name or "", aliases=tuple(aliases))


def names_one_of(asked: frozenset[str], named: frozenset[str]) -> bool:
    """Does a name in the sentence stand for one asked ("Acme CEO Jane Roe" for "Jane Roe",
    "Widget-Long" for "Widget")?"""
    return any(a == n or f" {a} " in f" {n.replace('-', ' ')} " for a in asked for n in named)


__all__ = [
    "CALENDAR_WORDS",
    "ROLE",
    "Mention",
    "Subject",
    "known_names",
    "names_in",
    "names_one_of",
    "normalise",
    "sentence_initial",
    "subject_from",
]
