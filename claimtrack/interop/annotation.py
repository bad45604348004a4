"""W3C Web Annotation: export anchors with position and quote selectors, read
them back, and re-anchor spans in an edited text.
"""

from __future__ import annotations

from claimtrack.interop._annotation import (
    CONTEXT,
    CONTEXT_LENGTH,
    from_annotation,
    locate,
    quote_selector,
    reanchor,
    to_annotation,
    to_annotations,
)

__all__ = [
    "CONTEXT",
    "CONTEXT_LENGTH",
    "from_annotation",
    "locate",
    "quote_selector",
    "reanchor",
    "to_annotation",
    "to_annotations",
]
