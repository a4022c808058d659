"""The macrospin and switching scenario kinds: tour runs, key numbers, bad input."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.progress import Progress
from spinkit.scenario.registry import get_kind

GAMMA = 1.76085962784e11  # [rad/(s T)], CODATA 2022
MU0 = 1.25663706127e-6  # [N/A^2], CODATA 2022


def _run(name, **overrides):
    kind = get_kind(name)
    p = kind.validate({**kind.tour, **overrides})
    ds = kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
    assert set(kind.plot(ds))
    for var in ds.data_vars.values():
        assert "units" in var.attrs and "long_name" in var.attrs
    return ds


def test_macrospin_tour_matches_kittel():
    """Tour: a perpendicular disc rings down at gamma/2pi (B + 2K/Ms - mu0 Ms) (Kittel)."""
    ds = _run("macrospin")
    expected = GAMMA / (2 * np.pi) * (0.1 + 2 * 1.1e6 / 1.2e6 - MU0 * 1.2e6)
    # evaluated at the final state, still tilted by ~0.01 rad: O(theta^2) off the pole
    assert float(ds["resonance_frequency"]) == pytest.approx(expected, rel=2e-4)
    assert float(ds["ringdown_frequency"]) == pytest.approx(expected, rel=5e-3)
    assert float(ds["final_mz"]) > 0.999


def test_macrospin_with_heat_and_torque():
    """|m| = 1 with noise and torque, and both reach the model: removing either changes the
    trajectory, and the same seed repeats it exactly."""
    kw = dict(temperature=300.0, torque="stt", current_density=1e10, duration=0.2e-9,
              samples=21, material="Ni80Fe20", anisotropy=0.0, demag_factors=(0.0, 0.0, 1.0),
              m0=(1.0, 0.0, 0.0))
    m = _run("macrospin", **kw)["m"].values
    np.testing.assert_allclose(np.linalg.norm(m, axis=1), 1.0, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(_run("macrospin", **kw)["m"].values, m)
    for change in (dict(temperature=0.0), dict(torque="none")):
        assert np.abs(_run("macrospin", **(kw | change))["m"].values - m).max() > 1e-6


def test_switching_tour():
    """Tour: 3 pulse widths x 4 currents; rare below Sun's J_c0, certain well above it with
    the longest pulse, and a longer pulse never switches less (within the Wilson intervals)."""
    ds = _run("switching", currents=4, trajectories=64)
    prob = ds["probability"].values
    assert prob.shape == (3, 4)
    assert prob[-1, 0] < 0.1 and prob[-1, -1] > 0.9
    assert np.all(ds["probability_high"].values[-1] >= ds["probability_low"].values[0])
    # Delta = (K - mu0 Ms^2 / 2) V / (k_B T) for the default perpendicular disc: Ms = 1e6 A/m,
    # K = 8e5 J/m^3, d = 1 nm, 40 nm across, 300 K (about 52)
    volume = np.pi * (40e-9) ** 2 / 4 * 1e-9
    delta = (8e5 - MU0 * 1e12 / 2) * volume / (1.380649e-23 * 300.0)
    assert float(ds["thermal_stability"]) == pytest.approx(delta, rel=1e-9, abs=0)


@pytest.mark.parametrize("kind, key, value", [
    ("macrospin", "torque", "zhangli"),
    ("macrospin", "Ms", -1.0),
    ("macrospin", "m0", (0.0, 0.0)),
    ("switching", "trajectories", 0),
    ("switching", "pulse_duration", 0.0),
])
def test_bad_parameters_named(kind, key, value):
    with pytest.raises(ParameterError) as err:
        get_kind(kind).validate({key: value})
    assert err.value.name == key


def test_zero_vector_m0_refused():
    kind = get_kind("macrospin")
    p = kind.validate({"m0": (0.0, 0.0, 0.0), "duration": 1e-11})
    with pytest.raises(ParameterError) as err:
        kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
    assert err.value.name == "m0"
