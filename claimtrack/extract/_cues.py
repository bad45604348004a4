"""The cue lexicon: the words that introduce reported content.

Cues come in three classes, because they differ in how safely they signal an
attribution:

* *strong* cues ("said", "told", "according to") report speech whatever follows;
* *clausal* cues ("warned", "believes", "found") report content only when a
  clause follows ("warned that ...", "believes the plan ..."), since "warned
  residents" or "found the body" are not attributions by themselves;
* *object* cues ("accused", "urged", "praised", "called") take an object and its
  complement ("accused X of Y", "urged X to Y"), all of which is the content.
"""

from __future__ import annotations

import re

__all__ = ["CUE", "CUE_CLASS", "PARTICIPLES", "cue_class"]


def _forms(stem_forms: str) -> list[str]:
    return stem_forms.split()


# Each line: the forms of one verb a reporter uses (past, present, participle).
_STRONG = _forms(
    """
    said says say saying told tells tell telling added adds adding
    according_to stated states stating declared declares declaring
    insisted insists insisting stressed stresses stressing
    explained explains explaining noted notes noting
    tweeted tweets tweeting posted posts posting wrote writes writing
    claimed claims claiming argued argues argue arguing
    asserted asserts asserting maintained maintains
    conceded concedes conceding acknowledged acknowledges acknowledging
    admitted admits admitting cautioned cautions caution cautioning
    warned warns warn warning countered counters replied replies responded
    shot_back pointed_out points_out pointing_out
    announced announces announcing confirmed confirms confirming
    denied denies denying complained complains complaining
    predicted predicts predicting estimated estimates estimating
    forecast forecasts reported reports reporting
    testified testifies recalled recalls suggested suggests suggesting
    """
)
_CLAUSAL = _forms(
    """
    believes believe believed think thinks thought hopes hope hoped
    expects expect expected fears fear feared suspect suspects suspected
    found finds concluded concludes showed shows revealed reveals
    agreed agrees promised promises promising pledged pledges vowed vows
    threatened threatens indicated indicates signalled signaled
    emphasised emphasized emphasising emphasizing observed observes
    questioned questions assured assures remarked remarks wondered
    projected projects alleged alleges alleging
    """
)
_OBJECT = _forms(
    """
    accused accuses accusing blamed blames blaming urged urges urge urging
    praised praises praising criticised criticized criticises criticizes criticising
    called calls calling called_for calls_for calling_for called_on
    described describes describing welcomed welcomes welcoming
    thanked thanks thanking condemned condemns condemning
    dismissed dismisses dismissing rejected rejects rejecting
    defended defends defending demanded demands demanding
    proposed proposes proposing rated rates ordered orders
    identified identifies
    """
)

#: The class of each cue form: "strong", "clausal" or "object".
CUE_CLASS: dict[str, str] = {}
for _cls, _words in (("object", _OBJECT), ("clausal", _CLAUSAL), ("strong", _STRONG)):
    for _word in _words:
        CUE_CLASS[_word.replace("_", " ")] = _cls

#: Participial forms ("saying", "warning"): their speaker is the clause's subject.
PARTICIPLES = frozenset(w for w in CUE_CLASS if w.endswith("ing") and " " not in w)


def _trie_pattern(words: list[str]) -> str:
    """One regular expression for *words*, as a trie: Python's ``re`` tries the
    alternatives of a flat ``a|b|c`` one by one at every position, while a trie
    rejects most positions at the first letter.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie)


#: Finds a cue in a sentence, case-insensitively, as a whole word.
CUE = re.compile(rf"(?<![\w'’-])(?:{_trie_pattern(list(CUE_CLASS))})(?![\w'’-])", re.IGNORECASE)


def cue_class(cue: str) -> str:
    """The class of *cue* (as written), "strong" when unknown."""
    return CUE_CLASS.get(" ".join(cue.lower().split()), "strong")
