"""Text in the languages of CICA's documents: English, Russian and Kazakh.

English and Russian are CICA's working languages (Rules of Procedure); Kazakh is the host
country's language, which the Secretariat's notes also carry. English is always present: CICA
documents are adopted in English.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from .errors import InvalidValueError

__all__ = ["Language", "LocalizedText"]


class Language(StrEnum):
    """A language tag (BCP 47) of a CICA document."""

    EN = "en"
    RU = "ru"
    KK = "kk"


def _text_or_none(field: str, value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidValueError(field, value, "a non-empty string or None")


def _check_en(_: object, __: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("LocalizedText.en", value, "a non-empty string")


def _check_other(_: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    _text_or_none(f"LocalizedText.{attribute.name}", value)


@attrs.frozen(slots=True)
class LocalizedText:
    """One text in English, with Russian and Kazakh where a source gives them.

    ``None`` for a language means that no source gave the text; it is never guessed.
    """

    en: str = attrs.field(validator=_check_en)
    ru: str | None = attrs.field(default=None, validator=_check_other)
    kk: str | None = attrs.field(default=None, validator=_check_other)

    def get(self, lang: Language | str) -> str | None:
        """The text in ``lang`` (``"en"``, ``"ru"`` or ``"kk"``), or ``None`` if unknown."""
        try:
            tag = Language(lang).value
        except ValueError:
            raise InvalidValueError("language", lang, 'one of "en", "ru", "kk"') from None
        value: str | None = getattr(self, tag)
        return value

    def __str__(self) -> str:
        return self.en
