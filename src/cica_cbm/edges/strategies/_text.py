"""Strategies for words: plain text, texts in the three languages, and ids."""

from __future__ import annotations

import string

from hypothesis import strategies as st

from ...core.text import LocalizedText

__all__ = ["localized_texts", "texts"]


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text that is not blank, in any script; shrinks towards ``"0"``."""
    return st.text(
        st.characters(exclude_categories=["Cs"]), min_size=min_size, max_size=max_size
    ).filter(lambda s: s.strip() != "")


def localized_texts(
    text: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[LocalizedText]:
    """Texts in English, with Russian and Kazakh or not.

    Shrinks towards English only (Russian and Kazakh unknown), each text towards ``"0"``.
    """
    text = text if text is not None else texts()
    return st.builds(LocalizedText, text, st.none() | text, st.none() | text)


def _ids() -> st.SearchStrategy[str]:
    return st.text(string.ascii_lowercase + string.digits + "-.", min_size=1, max_size=12)
