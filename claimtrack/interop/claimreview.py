"""schema.org ClaimReview: write it, check it against Google's documented
fields, embed it in a page, and read it back tolerantly.

See :mod:`claimtrack.interop` and the "Interoperability" page of the docs for
the field mapping.
"""

from __future__ import annotations

from claimtrack.interop._claimreview import (
    NAMESPACE,
    CheckReport,
    check,
    from_jsonld,
    to_html_script,
    to_jsonld,
)

__all__ = ["NAMESPACE", "CheckReport", "check", "from_jsonld", "to_html_script", "to_jsonld"]
