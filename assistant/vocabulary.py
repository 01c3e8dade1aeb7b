"""Common English as the embedding model knows it: a word missing from its vocabulary is a
rare one, most often a name ("Initech") rather than an English word.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Whole words of the embedding model's WordPiece vocabulary: common English, and
    no rare name (a corpus's companies are split into pieces there). Empty if unreadable."""
    from assistant.config import Settings
    from assistant.embeddings import resolve_model_path

    try:
        model = Settings.model_fields["embedding_model"].default
        vocab = (resolve_model_path(model) / "vocab.txt").read_text(encoding="utf-8")
    except Exception:  # no vocabulary: fall back to shape and position alone
        return frozenset()
    return frozenset(w for w in vocab.split() if w.isalpha())


def is_rare(word: str) -> bool:
    """Is ``word`` missing from the common words (a name, not an English word)?"""
    common = _common_words()
    return bool(common) and word.lower() not in common


__all__ = ["is_rare"]
