"""Rating normalisation: many fact-checkers' scales and words, one small scale."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Mapping

import attrs

from claimtrack._review import Rating
from claimtrack.exceptions import ValidationError


class Verdict(enum.StrEnum):
    """The common scale every rating is mapped to."""

    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    MIXED = "mixed"
    MOSTLY_FALSE = "mostly_false"
    FALSE = "false"
    #: The evidence does not settle it ("unproven", "sin evidencia").
    UNPROVEN = "unproven"
    #: Anything else: satire, missing context, a label the mapping does not know.
    OTHER = "other"


def label_key(label: str) -> str:
    """The key a label is looked up by: case-folded, accents kept, punctuation,
    hyphens and repeated spaces flattened ("Mostly-False!" -> "mostly false").
    """
    text = unicodedata.normalize("NFC", label).casefold()
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def _table(rows: Mapping[Verdict, str]) -> dict[str, Verdict]:
    table: dict[str, Verdict] = {}
    for verdict, labels in rows.items():
        for label in labels.split("|"):
            key = label_key(label)
            # A label listed under two verdicts would be a silent guess.
            assert table.get(key, verdict) is verdict, key
            table[key] = verdict
    return table


# Labels in English, Spanish, French, German and Portuguese, with feminine and
# plural forms where a verdict agrees with "claim" (la afirmación, a alegação).
_LABELS = _table(
    {
        Verdict.TRUE: (
            "true|correct|accurate|verified|factual|"
            "verdadero|verdadera|cierto|cierta|correcto|correcta|verdad|"
            "vrai|vraie|exact|exacte|correct|correcte|"
            "wahr|richtig|stimmt|korrekt|zutreffend|"
            "verdadeiro|verdadeira|verdade|correto|correta"
        ),
        Verdict.MOSTLY_TRUE: (
            "mostly true|mostly correct|mostly accurate|largely true|largely accurate|"
            "mayormente verdadero|mayormente verdadera|mayormente cierto|mayormente cierta|"
            "casi verdadero|en gran parte cierto|"
            "plutôt vrai|plutôt vraie|globalement vrai|en grande partie vrai|"
            "überwiegend wahr|größtenteils wahr|weitgehend richtig|"
            "praticamente verdadeiro|maioritariamente verdadeiro|majoritariamente verdadeiro|"
            "quase verdadeiro"
        ),
        Verdict.MIXED: (
            "half true|half truth|mixture|mixed|partly true|partly false|partially true|"
            "partially false|"
            "verdad a medias|medio verdadero|parcialmente cierto|parcialmente verdadero|"
            "parcialmente falso|parcialmente falsa|mixto|"
            "à moitié vrai|partiellement vrai|partiellement faux|partiellement fausse|mitigé|"
            "halb wahr|halbwahr|teilweise wahr|teilweise falsch|"
            "meia verdade|parcialmente verdadeiro|parcialmente verdadeira|impreciso|imprecisa"
        ),
        Verdict.MOSTLY_FALSE: (
            "mostly false|largely false|mostly inaccurate|misleading|exaggerated|"
            "mayormente falso|mayormente falsa|engañoso|engañosa|exagerado|exagerada|"
            "plutôt faux|plutôt fausse|trompeur|trompeuse|exagéré|exagérée|"
            "überwiegend falsch|größtenteils falsch|irreführend|übertrieben|"
            "maioritariamente falso|praticamente falso|enganoso|enganosa|exagerado"
        ),
        Verdict.FALSE: (
            "false|incorrect|inaccurate|wrong|fake|fabricated|pants on fire|hoax|"
            "falso|falsa|incorrecto|incorrecta|bulo|"
            "faux|fausse|inexact|inexacte|infox|"
            "falsch|unwahr|frei erfunden|"
            "falsos|incorreto|incorreta"
        ),
        Verdict.UNPROVEN: (
            "unproven|unverified|unsupported|unsubstantiated|no evidence|cannot be verified|"
            "sin evidencia|sin pruebas|no verificable|inverificable|no se puede probar|"
            "non prouvé|invérifiable|non vérifiable|sans preuve|"
            "unbelegt|nicht belegt|unbewiesen|nicht überprüfbar|"
            "não comprovado|sem comprovação|sem provas|insustentável|inverificável"
        ),
        Verdict.OTHER: (
            "satire|satira|satire humoristique|satirique|"
            "missing context|sin contexto|fehlender kontext|manque de contexte|"
            "fora de contexto|out of context|descontextualizado"
        ),
    }
)

# Numeric scores (0 worst, 1 best) are split into five equal bands around the
# five points of a 1-to-5 scale.
_BANDS = (
    (0.125, Verdict.FALSE),
    (0.375, Verdict.MOSTLY_FALSE),
    (0.625, Verdict.MIXED),
    (0.875, Verdict.MOSTLY_TRUE),
)


@attrs.frozen(kw_only=True)
class Normalized:
    """A rating mapped to the common scale, and how."""

    #: The verdict on the common scale.
    verdict: Verdict
    #: What it was read from: ``"label"``, ``"scale"`` or ``"none"``.
    basis: str
    #: Who mapped it: the name and version of the mapping.
    by: str
    #: The score on 0 (worst) to 1 (best), for a numeric rating.
    score: float | None = None


def _as_dict(mapping: Mapping[str, Verdict]) -> dict[str, Verdict]:
    return dict(mapping)


@attrs.frozen
class RatingMap:
    """A mapping from ratings to :class:`Verdict`, extensible with :meth:`extend`.

    A rating's label is looked up first (by :func:`label_key`); a label the
    mapping does not know gives ``other``, never a guess, even when a numeric
    value is present. A rating without a label is placed on the common scale
    by its score ``(value - worst) / (best - worst)``: below 0.125 false, below
    0.375 mostly false, below 0.625 mixed, below 0.875 mostly true, else true.
    """

    #: Labels (as :func:`label_key` gives them) to verdicts.
    labels: Mapping[str, Verdict] = attrs.field(converter=_as_dict)
    #: The name recorded as :attr:`Normalized.by`.
    name: str = "claimtrack.ratings/1"

    def extend(self, labels: Mapping[str, Verdict | str], *, name: str) -> RatingMap:
        """A new map with *labels* added (or overriding), named *name*.

        Raises:
            ValidationError: a verdict is not one of :class:`Verdict`.
        """
        added: dict[str, Verdict] = {}
        for label, verdict in labels.items():
            try:
                added[label_key(label)] = Verdict(verdict)
            except ValueError:
                raise ValidationError(
                    f"'{label}' must map to one of {', '.join(v.value for v in Verdict)} "
                    f"(got {verdict!r})",
                    field="labels",
                    value=verdict,
                ) from None
        return RatingMap({**self.labels, **added}, name=name)

    def normalize(self, rating: Rating) -> Normalized:
        """Map *rating* to the common scale."""
        if rating.label is not None:
            verdict = self.labels.get(label_key(rating.label), Verdict.OTHER)
            return Normalized(verdict=verdict, basis="label", by=self.name, score=rating.score)
        score = rating.score
        if score is None:
            return Normalized(verdict=Verdict.OTHER, basis="none", by=self.name)
        for limit, band in _BANDS:
            if score < limit:
                return Normalized(verdict=band, basis="scale", by=self.name, score=score)
        return Normalized(verdict=Verdict.TRUE, basis="scale", by=self.name, score=score)


#: The built-in mapping (English, Spanish, French, German, Portuguese labels).
DEFAULT = RatingMap(_LABELS)


def normalize(rating: Rating, mapping: RatingMap = DEFAULT) -> Normalized:
    """Map *rating* to the common scale with *mapping* (the built-in one by default)."""
    return mapping.normalize(rating)
