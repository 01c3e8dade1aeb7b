"""Words that say how a question is put, not what a figure measures: units ("in pounds",
"how much money"), directions ("rose", "shrink") and the grammar of asking ("what is the
value of"). :func:`assistant.measure_words.measure_words` leaves them out."""

from __future__ import annotations

import re

from assistant.text import stem

# Units say how a figure is written, not what it is of ("in pounds", "how much money").
UNIT_WORDS = frozenset(
    """money pound pounds sterling pence dollar dollars euro euros yen yuan renminbi rmb usd gbp eur
    cny jpy hkd percent percentage proportion fraction cent cents million millions billion
    billions trillion bn mn thousand thousands bps bp pp pts""".split()  # noqa: SIM905
)

# Direction words say how a figure moved, not what it is of; general English, not an
# article's vocabulary.
CHANGE_WORD = re.compile(
    r"^(?:r[io]s[ei]\w*|fell|fall\w*|gr[eo]w\w*|declin\w*|increas\w*|decreas\w*|drop\w*"
    r"|rall(?:y|ied|ies|ying)|pick(?:s|ed|ing)?"
    r"|jump\w*|surg\w*|plummet\w*|plung\w*|slump\w*|shr[iau]nk\w*|climb\w*|gain\w*|lose[sd]?|losing|lost|slip\w*"
    r"|cut\w*|rais\w*|lower\w*|boost\w*|slash\w*|hik(?:e|es|ed|ing)|trim(?:s|med|ming)?|soar\w*|tumbl\w*|chang\w*|chg|up|down|uplift\w*"
    r"|expand\w*|contract\w*|reduc\w*|improv\w*|higher|lower|more|less|go|goes|going|went|gone"
    r"|come|came|mov(?:e|es|ed|ing)|swing\w*|swung|lift\w*"
    r"|stand|stood|land\w*|reach\w*|total\w*|amount\w*|hit|make|made|get|got|see|saw|seen"
    r"|slow\w*|accelerat\w*|decelerat\w*|sped|soften\w*|weaken\w*|widen\w*|narrow\w*"
    r"|compress\w*|finish(?:es|ed|ing)?|clos(?:e|es|ed)|dent(?:s|ed|ing)?)$",
    re.I,
)
# Words of a question's grammar that name no measure ("what is the value of ...").
SCAFFOLD = frozenset(
    stem(w)
    for w in """what which who whom whose how much many kind kinds type types sort long
    often far apart fast faster fastest slower slowest quicker big large small value amount
    figure number count counts level size happen
    happened say says said state stated report reported according article source sources text
    mention guide guided guiding line look looking running tracking trending
    mentioned give given show piece story own terms tell expect expected company group firm
    business year years quarter quarters month months period fiscal full whole entire half week
    day today
    currently current latest recent last next past previous this that these those new ago
    also now do does did doing is are was were be been has have had will would should could
    can may might compare compared versus vs stack against relative respectively both each
    two around approximately nearly almost some once twice again ever still use uses used
    during within across through throughout under between among via since until amid despite
    toward towards onto upon beyond earlier later prior hold held trade traded react
    reacted perform performed fare fared bring brought generate generated basis results
    result morning afternoon session arm unit division segment financial comparison so too
    very end quote quoted writeup actual actually pls plz please update updates release old one ones
    revised original yoy qoq yr yrs qtr qtrs wk wks wise
    because due thanks summary highlights overview scorecard snapshot recap y/y q/q h/h
    equivalent ahead note alone above below consider considered considering
    then""".split()  # noqa: SIM905
)


__all__ = ["CHANGE_WORD", "SCAFFOLD", "UNIT_WORDS"]
