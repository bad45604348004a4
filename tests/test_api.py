"""The public API: sorted __all__, every public name importable and documented."""

import importlib
import inspect

import pytest

import claimtrack

PUBLIC_MODULES = [
    "claimtrack",
    "claimtrack.exceptions",
    "claimtrack.validators",
    "claimtrack.strategies",
    "claimtrack.store",
    "claimtrack.dates",
    "claimtrack.interop",
    "claimtrack.interop.annotation",
    "claimtrack.interop.claimreview",
    "claimtrack.interop.factcheck_api",
    "claimtrack.interop.ratings",
]


def isort_key(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_and_importable(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__all__ == sorted(module.__all__, key=isort_key)
    for attr in module.__all__:
        assert hasattr(module, attr), attr


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_every_public_name_has_a_docstring(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__
    for attr in module.__all__:
        obj = getattr(module, attr)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"{name}.{attr} has no docstring"
            if inspect.isclass(obj):
                for member_name, member in vars(obj).items():
                    if member_name.startswith("_"):
                        continue
                    if inspect.isfunction(member) or isinstance(member, (property, classmethod)):
                        assert inspect.getdoc(member), (
                            f"{name}.{attr}.{member_name} has no docstring"
                        )


def test_errors_subclass_the_fitting_builtins() -> None:
    assert issubclass(claimtrack.ValidationError, ValueError)
    assert issubclass(claimtrack.ValidationError, claimtrack.ClaimtrackError)
    assert issubclass(claimtrack.DateError, claimtrack.ValidationError)
    assert issubclass(claimtrack.IntegrityError, ValueError)
    assert issubclass(claimtrack.StoreError, OSError)


def test_version_is_set() -> None:
    assert claimtrack.__version__ != "0.0.0"
