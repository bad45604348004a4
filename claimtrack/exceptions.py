"""The exceptions claimtrack raises.

Every error claimtrack raises on purpose belongs to one tree, and each class also
subclasses the builtin exception that fits, so callers may catch either::

    ClaimtrackError(Exception)
    ├── ValidationError(ClaimtrackError, ValueError)   a value or document is invalid
    │   └── DateError(ValidationError)                 not a date, or a bad EDTF string
    ├── IntegrityError(ClaimtrackError, ValueError)    records in a ledger disagree
    └── StoreError(ClaimtrackError, OSError)           a persistent store failed

Validation and integrity errors carry structured :class:`Problem` records (a JSON
path and a plain message each), so a tool can show every problem of a document
at once, not only the first.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ClaimtrackError",
    "DateError",
    "IntegrityError",
    "Problem",
    "StoreError",
    "ValidationError",
]


@attrs.frozen
class Problem:
    """One problem found in a value or a document.

    ``path`` is a JSON path to the offending field, such as
    ``$.claims[3].appearances[0].anchor.content[1].end``; ``message`` says what
    was expected and what came in.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ClaimtrackError(Exception):
    """The root of every exception claimtrack raises on purpose."""


def _render(problems: tuple[Problem, ...]) -> str:
    if len(problems) == 1:
        return str(problems[0])
    lines = [f"{len(problems)} problems:"]
    lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines)


class _ProblemsError(ClaimtrackError):
    """Shared behaviour of errors that report a list of problems."""

    #: Every problem found, each with its path.
    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(_render(self.problems))

    def __reduce__(self) -> tuple[type[_ProblemsError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class ValidationError(_ProblemsError, ValueError):
    """A value, a record or a document is not valid.

    Raised by model constructors (one problem, naming the field) and by the
    loaders (every problem of the document, each with its JSON path).

    Attributes:
        problems: every problem found, each a :class:`Problem`.
        field: the name of the offending field, when one field is at fault.
        value: the offending value, when one field is at fault.
    """

    field: str | None
    value: object

    def __init__(
        self,
        message: str | Iterable[Problem],
        *,
        field: str | None = None,
        value: object = None,
    ) -> None:
        if isinstance(message, str):
            path = f"$.{field}" if field else "$"
            problems: Iterable[Problem] = (Problem(path, message),)
        else:
            problems = message
        self.field = field
        self.value = value
        super().__init__(problems)

    @property
    def message(self) -> str:
        """The message of the first problem, without its path."""
        return self.problems[0].message if self.problems else ""


class DateError(ValidationError):
    """A string is not a valid EDTF date, or an expression is not a date."""


class IntegrityError(_ProblemsError, ValueError):
    """Records in a ledger are inconsistent with each other.

    Raised when a reference does not resolve, two different records share an
    id, a ``via`` chain loops, or a claim is said after the first source that
    reports it was published. ``problems`` lists every violation with its path.
    """


class StoreError(_ProblemsError, OSError):
    """A persistent store could not be opened, read or written."""

    def __init__(self, message: str | Iterable[Problem]) -> None:
        problems = (Problem("$", message),) if isinstance(message, str) else message
        super().__init__(problems)
