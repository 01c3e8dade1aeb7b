"""What the chain reads from the whole corpus rather than from one question's passages: the
names it knows (and those a question may type in lower case), the names it describes by
country, a speller of its words, its fiscal calendar and the kind of each document. Each is
read once and kept while the index is unchanged (the retriever hands out the same passages
object)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from assistant.chunking import Passage
from assistant.entities import known_names
from assistant.fiscal_calendar import quarter_calendar
from assistant.named_documents import document_words, named_documents
from assistant.nationality import Described, described_names
from assistant.spelling import Speller
from assistant.typed_names import initials_table, typed_names


class CorpusReadings:
    """Readings of every passage ``passages()`` returns; ``dated_titles``: each document's
    (title, ISO date)."""

    def __init__(
        self,
        passages: Callable[[], Sequence[Passage]],
        dated_titles: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self._passages = passages
        self._dated_titles = dated_titles
        self._held: dict[str, tuple[Sequence[Passage], Any]] = {}

    def _read(self, key: str, read: Callable[[Sequence[Passage]], Any]) -> Any:
        passages = self._passages()
        held = self._held.get(key)
        if held is None or held[0] is not passages:
            held = self._held[key] = (passages, read(passages))
        return held[1]

    def names(self) -> frozenset[str]:
        """The names the corpus's passages print."""
        return self._read("names", lambda ps: known_names([p.text for p in ps]))

    def typed_names(self) -> frozenset[str]:
        """The names of common words a question may type in lower case ("Coastal Rail")."""
        return self._read("typed", lambda ps: typed_names(p.text for p in ps))

    def initials(self) -> dict[str, str]:
        """Initials a question may type for a name ("s&i": "Sensors & Imaging")."""
        return self._read("initials", lambda ps: initials_table(p.text for p in ps))

    def described(self) -> Described:
        """The names the corpus describes by their country ("Italian valve specialist
        Pontevio")."""
        return self._read("described", lambda ps: described_names(p.text for p in ps))

    def speller(self) -> Speller:
        """A speller that knows the corpus's words."""
        return self._read("speller", lambda ps: Speller(p.text for p in ps))

    def named_documents(self, question: str) -> list[str] | None:
        """The documents ``question`` names by kind ("according to the analyst note"), if the
        corpus holds any such."""
        return named_documents(question, self._read("documents", document_words))

    def quarters(self) -> dict[int, int]:
        """Quarter-end month -> fiscal quarter number, where the corpus says."""
        titled = self._dated_titles
        return self._read("quarters", lambda ps: quarter_calendar(titled, (p.text for p in ps)))


__all__ = ["CorpusReadings"]
