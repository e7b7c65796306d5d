"""The errors the extractor raises, each with a message a user can act on."""
from __future__ import annotations


class ExtractError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(ExtractError):
    """A document cannot be read or its metadata is unusable."""


class StoreError(ExtractError):
    """The store cannot be opened, migrated or written."""
