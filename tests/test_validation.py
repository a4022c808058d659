"""spinkit.validation: the shared parameter checks name the parameter and the allowed range,
refuse booleans, strings, complex numbers and NaN/inf, and never clip."""

import math

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.validation import array_in_range, finite_array, in_range, integer


@pytest.mark.parametrize(("bounds", "inside", "outside", "words"), [
    ("()", [0.5], [0.0, 1.0], "in (0, 1)"),
    ("(]", [0.5, 1.0], [0.0, 1.5], "in (0, 1]"),
    ("[)", [0.0, 0.5], [1.0, -0.1], "in [0, 1)"),
    ("[]", [0.0, 1.0], [-1e-300, 1.0 + 1e-15], "in [0, 1]"),
])
def test_in_range_interval_ends(bounds, inside, outside, words):
    for v in inside:
        assert in_range("x", v, 0.0, 1.0, bounds=bounds) == v
    for v in outside:
        with pytest.raises(ParameterError, match=r"x.*" + words.replace("(", r"\(")
                           .replace(")", r"\)").replace("[", r"\[").replace("]", r"\]")):
            in_range("x", v, 0.0, 1.0, bounds=bounds, unit="m")


def test_in_range_one_sided_and_unit():
    assert in_range("d", 0.0, low=0.0, bounds="[]") == 0.0
    with pytest.raises(ParameterError, match=r"d = -1.*>= 0 \(m\)"):
        in_range("d", -1.0, low=0.0, bounds="[]", unit="m")
    with pytest.raises(ParameterError, match=r"< 2"):
        in_range("v", 2.0, high=2.0)
    assert in_range("v", 7, unit="V") == 7.0 and isinstance(in_range("v", 7), float)


@pytest.mark.parametrize("bad", [True, "1", 1j, math.nan, math.inf, None, [1.0]])
def test_in_range_refuses_non_reals(bad):
    with pytest.raises(ParameterError, match="finite real number"):
        in_range("x", bad)


def test_infinity_only_when_allowed():
    assert in_range("lam", math.inf, low=0.0, allow_inf=True) == math.inf
    with pytest.raises(ParameterError, match="finite"):
        in_range("lam", math.inf, low=0.0)
    with pytest.raises(ParameterError):
        in_range("lam", -math.inf, low=0.0, allow_inf=True)


def test_array_in_range_names_first_offender():
    np.testing.assert_array_equal(array_in_range("d", [0, 1, 2], low=0.0, bounds="[]"),
                                  [0.0, 1.0, 2.0])
    with pytest.raises(ParameterError, match=r"d = -3"):
        array_in_range("d", [1.0, -3.0, -4.0], low=0.0)
    with pytest.raises(ParameterError, match="non-empty"):
        array_in_range("d", [])
    with pytest.raises(ParameterError, match=r"finite \(J\)"):
        finite_array("e", [1.0, np.nan], "J")
    with pytest.raises(ParameterError, match="must be finite real numbers$"):
        finite_array("e", [True, False])


def test_bounds_spelling_is_checked():
    with pytest.raises(ValueError, match="bounds"):
        in_range("x", 0.5, 0.0, 1.0, bounds="[[")


def test_integer():
    assert integer("n", np.int64(3), 1) == 3
    assert integer("n", 400, 1, 400) == 400
    for bad in (0, 401, 3.0, True, "3"):
        with pytest.raises(ParameterError, match=r"n = .*integer \[1, 400\]"):
            integer("n", bad, 1, 400)
