"""Speak the fact-checking ecosystem's formats.

* :mod:`claimtrack.interop.claimreview`: schema.org ClaimReview JSON-LD, out
  (:func:`~claimtrack.interop.claimreview.to_jsonld`,
  :func:`~claimtrack.interop.claimreview.to_html_script`,
  :func:`~claimtrack.interop.claimreview.check`) and tolerantly in
  (:func:`~claimtrack.interop.claimreview.from_jsonld`);
* :mod:`claimtrack.interop.factcheck_api`: the Google Fact Check Tools API's
  ``claims:search`` responses and ``ClaimReviewMarkupPage`` resources;
* :mod:`claimtrack.interop.ratings`: ratings mapped to one common scale;
* :mod:`claimtrack.interop.annotation`: W3C Web Annotation selectors and
  re-anchoring.

Importers return an :class:`ImportedLedger`: a :class:`~claimtrack.Ledger`
with the ``warnings`` (each a :class:`~claimtrack.Problem` with a JSON path)
and the ``skipped`` input of the import. What an importer could not map is kept
verbatim in the records' ``extra``, under the format's key.
"""

from __future__ import annotations

from claimtrack.interop._common import UNKNOWN_CLAIMANT, UNKNOWN_REVIEWER, ImportedLedger

__all__ = ["UNKNOWN_CLAIMANT", "UNKNOWN_REVIEWER", "ImportedLedger"]
