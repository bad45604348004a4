"""Extract attributed claims (who said what, when) from news text.

:func:`extract` reads the text of a story and returns a :class:`~claimtrack.Ledger`
of the claims in it: each with its speaker resolved across the article, its cue,
its quote kind, its said-date resolved against the source's publication time,
and character anchors for the content, the cue and the speaker mention. It is
pure Python, rule-based, with no models to download.

:func:`evaluate` scores an extractor against annotated articles (see
``docs/extract.md``).
"""

from __future__ import annotations

from claimtrack.extract._build import extract
from claimtrack.extract._evaluate import Scores, evaluate, load_articles

__all__ = ["Scores", "evaluate", "extract", "load_articles"]
