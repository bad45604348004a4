"""Reusable field validators with attrs-style messages.

Each validator has the signature attrs expects, ``(instance, attribute, value)``,
and raises :class:`~claimtrack.exceptions.ValidationError` naming the field, what
was expected and what came in::

    'confidence' must be between 0 and 1 (got 1.5)

They are public so that tools building on claimtrack can hold their own records
to the same rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from claimtrack.exceptions import ValidationError

__all__ = [
    "is_language_tag",
    "language_tag",
    "optional",
    "text",
    "texts",
    "unit_interval",
    "url",
    "wikidata_id",
]

_Validator = Callable[[Any, Any, Any], None]

# C0 and C1 control characters other than tab and newline, and lone surrogates
# (which cannot be written as UTF-8, so they would break a JSON round trip).
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

# RFC 5646 "langtag" production, plus private-use tags; case-insensitive.
_LANGTAG = re.compile(
    r"""
    (?:
      (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})   # language (+ extlang)
      (?:-[a-z]{4})?                                         # script
      (?:-(?:[a-z]{2}|[0-9]{3}))?                            # region
      (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*               # variants
      (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*                   # extensions
      (?:-x(?:-[a-z0-9]{1,8})+)?                             # private use
    |
      x(?:-[a-z0-9]{1,8})+                                   # private use only
    )\Z
    """,
    re.IGNORECASE | re.VERBOSE | re.ASCII,
)
_QID = re.compile(r"Q[1-9][0-9]*\Z", re.ASCII)
_WHITESPACE = re.compile(r"\s")


def _fail(attribute: Any, message: str, value: object) -> ValidationError:
    return ValidationError(message, field=attribute.name, value=value)


def _show(value: object, limit: int = 60) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def check_text(name: str, value: object) -> str | None:
    """Return a message when *value* is not acceptable text, else None."""
    if not isinstance(value, str):
        return f"'{name}' must be a string (got {type(value).__name__} {_show(value)})"
    if not value or value.isspace():
        return f"'{name}' must not be empty or only whitespace (got {_show(value)})"
    bad = _FORBIDDEN_CHARS.search(value)
    if bad is not None:
        char = bad.group()
        return (
            f"'{name}' must not contain the control character or lone surrogate "
            f"U+{ord(char):04X} (at index {bad.start()})"
        )
    return None


def text(instance: Any, attribute: Any, value: Any) -> None:
    """Require non-empty text with no control characters but newline and tab."""
    # The common case in one expression (this runs for every text of every record).
    if type(value) is str and value and not value.isspace() and not _FORBIDDEN_CHARS.search(value):
        return
    message = check_text(attribute.name, value)
    if message is not None:
        raise _fail(attribute, message, value)


def _optional_text(instance: Any, attribute: Any, value: Any) -> None:
    """None, or as text requires."""
    # optional(text), the most used validator, without a call in the common case.
    if value is None or (
        type(value) is str and value and not value.isspace() and not _FORBIDDEN_CHARS.search(value)
    ):
        return
    text(instance, attribute, value)


def texts(instance: Any, attribute: Any, value: Any) -> None:
    """Require a tuple of texts, each as :func:`text` requires."""
    if not isinstance(value, tuple):
        raise _fail(attribute, f"'{attribute.name}' must be a tuple (got {_show(value)})", value)
    for index, item in enumerate(value):
        message = check_text(f"{attribute.name}[{index}]", item)
        if message is not None:
            raise _fail(attribute, message, value)


def optional(validator: _Validator) -> _Validator:
    """Apply *validator* unless the value is None."""
    if validator is text:
        return _optional_text

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    check.__doc__ = f"None, or as {getattr(validator, '__name__', 'the validator')} requires."
    return check


def check_url(name: str, value: object) -> str | None:
    """Return a message when *value* is not an absolute http(s) URL, else None."""
    message = check_text(name, value)
    if message is not None:
        return message
    assert isinstance(value, str)
    if _WHITESPACE.search(value):
        return f"'{name}' must be a URL without whitespace (got {_show(value)})"
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return f"'{name}' must be an absolute http(s) URL (got {_show(value)})"
    if parts.scheme.lower() not in ("http", "https") or not host:
        return f"'{name}' must be an absolute http(s) URL with a host (got {_show(value)})"
    return None


def url(instance: Any, attribute: Any, value: Any) -> None:
    """Require an absolute ``http`` or ``https`` URL with a host."""
    message = check_url(attribute.name, value)
    if message is not None:
        raise _fail(attribute, message, value)


def is_language_tag(value: str) -> bool:
    """Tell whether *value* is a well-formed BCP 47 language tag (RFC 5646)."""
    return bool(_LANGTAG.match(value))


def language_tag(instance: Any, attribute: Any, value: Any) -> None:
    """Require a well-formed BCP 47 language tag such as ``en``, ``pt-BR``, ``zh-Hant-TW``."""
    if not isinstance(value, str) or not is_language_tag(value):
        raise _fail(
            attribute,
            f"'{attribute.name}' must be a BCP 47 language tag such as 'en' or 'pt-BR' "
            f"(got {_show(value)})",
            value,
        )


def wikidata_id(instance: Any, attribute: Any, value: Any) -> None:
    """Require a Wikidata item id: ``Q`` followed by a number without leading zeros."""
    if not isinstance(value, str) or not _QID.match(value):
        raise _fail(
            attribute,
            f"'{attribute.name}' must be a Wikidata id like 'Q42' (got {_show(value)})",
            value,
        )


def check_unit_interval(name: str, value: object) -> str | None:
    """Return a message when *value* is not a number in [0, 1], else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"'{name}' must be a number between 0 and 1 (got {_show(value)})"
    if math.isnan(value) or not 0 <= value <= 1:
        return f"'{name}' must be between 0 and 1 (got {value!r})"
    return None


def unit_interval(instance: Any, attribute: Any, value: Any) -> None:
    """Require a number between 0 and 1 inclusive (not NaN), such as a confidence."""
    message = check_unit_interval(attribute.name, value)
    if message is not None:
        raise _fail(attribute, message, value)
