"""The Google Fact Check Tools API's JSON shapes: read ``claims:search``
responses, read and write ``ClaimReviewMarkupPage`` resources.
"""

from __future__ import annotations

from claimtrack.interop._factcheck_api import (
    NAMESPACE,
    from_markup_page,
    from_search_response,
    to_markup_pages,
)

__all__ = ["NAMESPACE", "from_markup_page", "from_search_response", "to_markup_pages"]
