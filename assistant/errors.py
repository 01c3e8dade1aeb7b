"""Errors meant to be shown to the user.

Every message names the fix. Third-party errors are wrapped with ``raise ... from exc``;
only the CLI edge turns them into exit codes.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: the message is written for the person using the assistant."""

    exit_code = 1


class ConfigError(AssistantError):
    """A setting is missing or has a value that cannot be used."""

    exit_code = 2


class InputError(AssistantError):
    """A question or another input cannot be used as given."""

    exit_code = 2


class CorpusError(AssistantError):
    """The corpus on disk is missing or malformed."""


class IndexNotFoundError(AssistantError):
    """No index has been built at the configured location."""


class IndexCorruptError(AssistantError):
    """The index exists but cannot be read (half-written or damaged)."""


class IndexUnavailableError(AssistantError):
    """The index cannot be reached right now (a Chroma server down or not answering)."""


class IndexReadOnlyError(AssistantError):
    """The index folder cannot be written (an ingest needs to write; questions do not)."""


class FetchError(AssistantError):
    """A cited source could not be downloaded or was refused."""


class ModelError(AssistantError):
    """The chat model is missing, unreachable or failed."""


class EvalFileError(AssistantError):
    """An eval questions file is malformed."""

    exit_code = 2


__all__ = [
    "AssistantError",
    "ConfigError",
    "CorpusError",
    "EvalFileError",
    "FetchError",
    "IndexCorruptError",
    "IndexNotFoundError",
    "IndexReadOnlyError",
    "IndexUnavailableError",
    "InputError",
    "ModelError",
]
