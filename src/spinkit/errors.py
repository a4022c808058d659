"""Errors raised by spinkit.

Bad input is refused at the boundary with :class:`ParameterError`, whose message names the
parameter, the value given and what is allowed. It is a :class:`ValueError`, so code that
already catches ``ValueError`` keeps working.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

__all__ = ["ParameterError", "ConvergenceError", "SpinkitError", "suggest"]


class SpinkitError(Exception):
    """Base class of every error spinkit raises on purpose."""


class ParameterError(SpinkitError, ValueError):
    """A parameter is missing, of the wrong type, non-finite or out of its allowed range.

    Parameters
    ----------
    name:
        Name of the offending parameter (as the user spelled it, e.g. ``"length"``).
    value:
        The value that was given.
    allowed:
        Human-readable description of what is allowed, e.g. ``"a number in (0, 1e-2] m"``.
    hint:
        Optional extra sentence, e.g. a suggestion for a misspelt key.
    """

    def __init__(self, name: str, value: Any, allowed: str, hint: str = "") -> None:
        self.name = name
        self.value = value
        self.allowed = allowed
        self.hint = hint
        msg = f"{name} = {value!r}: {allowed}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class ConvergenceError(SpinkitError, RuntimeError):
    """A solver did not reach its tolerance; the message says which solver and how far."""


def suggest(word: str, options: Iterable[str]) -> str:
    """``"did you mean 'x'?"`` for the nearest of ``options``, or ``""``."""
    options = list(options)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"did you mean {close[0]!r}?" if close else ""


