"""Text normalisation and deterministic ids.

Two tools that capture the same claim must agree on its id, in every process
and every version of claimtrack. Ids are therefore a hash of a *normalised key*,
and the normalisation rules below are frozen: changing them would change ids
that users have stored. The tests pin known ids to keep it so.

Normalising text for identity (:func:`normalize_text`):

1. Unicode NFKC, then case folding (``"Ärzte"`` and ``"ÄRZTE"`` agree; full-width
   and compatibility forms fold to their plain letters).
2. Soft hyphens and zero-width characters are dropped; a word broken by a
   hyphen at a line end is joined (``"vac-\\ncine"`` → ``"vaccine"``).
3. A ``.`` or ``,`` between two digits is kept (``1.5`` stays apart from ``15``).
4. Every other character that is not a letter, digit or combining mark is a
   word break: punctuation, quotation marks of any style, dashes and hyphens,
   symbols and whitespace.
5. Runs of word breaks become one space; the ends are trimmed.

So ``“The dam is safe,” she said`` and ``"the dam is SAFE" she said`` agree,
and so do ``COVID-19`` and ``covid 19``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

__all__ = ["make_id", "normalize_name", "normalize_text", "normalize_url"]

#: Bumped never: it is part of every hashed key, so ids stay stable.
_ID_SCHEME = "claimtrack/1"

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_LINE_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")
_NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
_ASCII_BREAKS = re.compile(r"[^a-z0-9\x00\x01]+")
_KEEP_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No"})
# Stand-ins for kept number separators while everything else is split.
_DOT, _COMMA = "\x00", "\x01"
_DOT_IN_NUMBER = re.compile(r"(?<=\d)\.(?=\d)")
_COMMA_IN_NUMBER = re.compile(r"(?<=\d),(?=\d)")
# Every ASCII character: a word break to a space, any other to itself. The table
# is total because str.translate pays for an exception at each character it
# does not find (some 40% of the time of normalising a typical claim).
_ASCII_BREAK_TABLE = {
    code: chr(code) if re.fullmatch(r"[a-z0-9\x00\x01]", chr(code)) else " " for code in range(128)
}


def normalize_text(text: str) -> str:
    """Normalise claim text for identity, by the frozen rules in the module notes."""
    return _normalize_ascii(text) if text.isascii() else _normalize_any(text)


def _normalize_any(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # The stand-ins below are control characters, which valid text never holds.
    text = text.replace(_DOT, " ").replace(_COMMA, " ")
    text = _INVISIBLE.sub("", text)
    text = _LINE_HYPHEN.sub("", text)
    text = _NUMBER_SEPARATOR.sub(lambda m: _DOT if m.group() == "." else _COMMA, text)
    if text.isascii():
        text = _ASCII_BREAKS.sub(" ", text)
    else:
        text = "".join(
            c if c in (_DOT, _COMMA) or unicodedata.category(c) in _KEEP_CATEGORIES else " "
            for c in text
        )
        text = " ".join(text.split())
    return text.strip().replace(_DOT, ".").replace(_COMMA, ",")


def _normalize_ascii(text: str) -> str:
    # The same steps for ASCII text, minus those that cannot apply: NFKC leaves
    # ASCII as it is, case folding is lower(), the invisible characters are not
    # ASCII, and each pattern needs its character to be present. A property
    # test holds this to the general path.
    text = text.lower()
    if _DOT in text or _COMMA in text:
        text = text.replace(_DOT, " ").replace(_COMMA, " ")
    if "\n" in text:
        text = _LINE_HYPHEN.sub("", text)
    dot, comma = "." in text, "," in text
    if dot:
        text = _DOT_IN_NUMBER.sub(_DOT, text)
    if comma:
        text = _COMMA_IN_NUMBER.sub(_COMMA, text)
    text = " ".join(text.translate(_ASCII_BREAK_TABLE).split())
    if dot:
        text = text.replace(_DOT, ".")
    if comma:
        text = text.replace(_COMMA, ",")
    return text


def normalize_name(name: str) -> str:
    """Normalise a person's or organisation's name for identity (as text)."""
    return normalize_text(name)


_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid")


def normalize_url(url: str) -> str:
    """Normalise a URL for identity.

    The scheme (http or https) and a leading ``www.`` do not count; the host is
    lower-cased; default ports, the fragment, a trailing slash and common
    tracking parameters (``utm_*``, ``fbclid``, ``gclid`` ...) are dropped. The
    path and the remaining query keep their case and order.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = parts.query and urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING_PARAMS)
        ]
    )
    return f"{host}{path}?{query}" if query else f"{host}{path}"


def make_id(prefix: str, *parts: str) -> str:
    """A deterministic id: *prefix*, an underscore and 20 hex digits of SHA-256.

    The hashed key is the scheme tag and *parts*, joined by a unit separator, so
    no two different part lists share a key.
    """
    key = "\x1f".join((_ID_SCHEME, prefix, *parts))
    return f"{prefix}_{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}"
