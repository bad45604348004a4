"""Rating normalisation: map numeric scales and textual verdicts in several
languages to one small common scale (true, mostly true, mixed, mostly false,
false, unproven, other), recording which mapping did it.
"""

from __future__ import annotations

from claimtrack.interop._ratings import (
    DEFAULT,
    Normalized,
    RatingMap,
    Verdict,
    label_key,
    normalize,
)

__all__ = ["DEFAULT", "Normalized", "RatingMap", "Verdict", "label_key", "normalize"]
