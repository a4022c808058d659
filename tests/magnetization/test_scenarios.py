"""The macrospin, switching, mtj_stack and thermal_escape scenario kinds: tour runs, key
numbers, bad input."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.progress import Progress
from spinkit.scenario.registry import get_kind

GAMMA = 1.76085962784e11  # [rad/(s T)], CODATA 2022
MU0 = 1.25663706127e-6  # [N/A^2], CODATA 2022
HBAR, E = 1.054571817e-34, 1.602176634e-19  # [J s], [C], exact (SI 2019)


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


def _mtj_resistance(cos, r_p=1e3, tmr=1.5):
    """R = 1 / G, G = G_P cos^2(theta/2) + G_AP sin^2(theta/2) (readout.py's docstring)."""
    return 1 / ((1 + cos) / (2 * r_p) + (1 - cos) / (2 * r_p * (1 + tmr)))


def test_mtj_stack_tour_switches_ap_to_p():
    """Tour: free layer on a SAF reference at the default 2 J_c0, J_c0 = (2e/hbar)(alpha/P)
    Ms d (2K/Ms - mu0 Ms) (J. Z. Sun, Phys. Rev. B 62, 570 (2000)) for the default free
    layer; it starts near antiparallel and ends parallel, R goes from the value of the
    initial angle to R_P, the SAF stays antiparallel and the reference barely moves."""
    ds = _run("mtj_stack")
    assert ds["m"].dims == ("time", "layer", "component")
    assert list(ds["layer"].values) == ["free", "reference", "pinned"]
    jc0 = 2 * E / HBAR * (0.01 / 0.6) * 1e6 * 1e-9 * (2 * 8e5 / 1e6 - MU0 * 1e6)
    assert float(ds["current_density"]) == pytest.approx(2 * jc0, rel=1e-9, abs=0)
    cos0 = -0.98 / np.hypot(0.17, 0.98)
    assert float(ds["initial_resistance"]) == pytest.approx(_mtj_resistance(cos0), rel=1e-12)
    assert float(ds["final_cos_angle"]) > 0.999
    assert float(ds["final_resistance"]) == pytest.approx(1e3, rel=1e-4)
    assert 0 < float(ds["switching_time"]) < 6e-9
    m = ds["m"].values
    assert np.all(np.sum(m[:, 1] * m[:, 2], axis=-1) < -0.999)
    assert 0 < float(ds["reference_excursion"]) < 0.05
    np.testing.assert_allclose(ds["resistance"].values,
                               _mtj_resistance(ds["cos_angle"].values), rtol=1e-12)


def test_mtj_stack_fixed_reference_equals_macrospin_kind():
    """With no coupling and no SAF nothing moves the reference layer, so the free layer is
    the macrospin kind's STT-driven magnet with the polarizer fixed along the reference:
    the same trajectory (two adaptive integrators at rtol 1e-7: measured 8e-9), and below
    J_c0 no switching."""
    common = dict(duration=3e-9, samples=301, current_density=3e10)
    ds = _run("mtj_stack", saf=False, coupling=0.0, **common)
    single = _run("macrospin", torque="stt", m0=(0.17, 0.0, -0.98), polarizer=(0, 0, 1.0),
                  Ms=1e6, alpha=0.01, anisotropy=8e5, field=(0.0, 0.0, 0.0), **common)
    np.testing.assert_array_equal(ds["m"].values[:, 1], np.tile([0, 0, 1.0], (301, 1)))
    assert np.abs(ds["m"].values[:, 0] - single["m"].values).max() < 1e-7
    np.testing.assert_allclose(ds["resistance"].values, single["resistance"].values,
                               rtol=1e-8)
    assert np.ptp(ds["cos_angle"].values) > 0.2
    low = _run("mtj_stack", current_density=1e10, duration=3e-9, samples=301)
    assert np.isnan(float(low["switching_time"])) and float(low["final_cos_angle"]) < -0.99


def test_mtj_stack_with_heat_and_unknown_jc0():
    """Temperature runs the stochastic Heun scheme on every layer (|m| = 1, seed repeats);
    without a polarization Sun's J_c0 is undefined, so the current must be given."""
    kw = dict(temperature=300.0, duration=0.2e-9, samples=21)
    ds = _run("mtj_stack", **kw)
    np.testing.assert_allclose(np.linalg.norm(ds["m"].values, axis=-1), 1.0, atol=1e-12)
    np.testing.assert_array_equal(_run("mtj_stack", **kw)["m"].values, ds["m"].values)
    assert float(ds["reference_excursion"]) > 0
    kind = get_kind("mtj_stack")
    p = kind.validate({"polarization": 0.0})
    with pytest.raises(ParameterError) as err:
        kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
    assert err.value.name == "current_density"


def test_mtj_stack_thermal_switching_probability():
    """A thermal ensemble of the tour device at 300 K: at 2 J_c0 over 12 ns (nearly) every
    trajectory switches AP -> P, around the deterministic run's 3.1 ns (measured: 32 of 32,
    1.7 - 6.5 ns, median 2.9 ns); without current none does (the free layer's
    Delta = (K - mu0 Ms^2/2) V / (k_B T) is about 52). The Wilson interval brackets the
    estimate, and T = 0 with several trajectories is refused."""
    ds = _run("mtj_stack", temperature=300.0, trajectories=32, duration=12e-9, samples=241)
    assert ds["switching_times"].shape == (32,)
    prob = float(ds["switching_probability"])
    assert prob > 0.9
    assert float(ds["switching_probability_low"]) < prob <= float(
        ds["switching_probability_high"])
    assert 2e-9 < np.nanmedian(ds["switching_times"].values) < 4e-9
    assert set(get_kind("mtj_stack").plot(ds)) == {"stack", "switching_times"}
    idle = _run("mtj_stack", temperature=300.0, trajectories=32, duration=12e-9,
                samples=241, current_density=0.0)
    assert float(idle["switching_probability"]) == 0.0
    assert np.all(np.isnan(idle["switching_times"].values))
    kind = get_kind("mtj_stack")
    p = kind.validate({"trajectories": 4})
    with pytest.raises(ParameterError) as err:
        kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
    assert err.value.name == "trajectories"


@pytest.mark.parametrize("kind, key, value", [
    ("mtj_stack", "method", "euler"),
    ("mtj_stack", "trajectories", 0),
    ("mtj_stack", "saf_coupling", 1.0),
    ("mtj_stack", "reference_thickness", 0.0),
    ("mtj_stack", "saf", "yes"),
    ("macrospin", "torque", "zhangli"),
    ("macrospin", "Ms", -1.0),
    ("macrospin", "m0", (0.0, 0.0)),
    ("switching", "trajectories", 0),
    ("switching", "pulse_duration", 0.0),
    ("thermal_escape", "delta_min", 1.0),
    ("thermal_escape", "temperature", 0.0),
    ("thermal_escape", "replicas", 1),
])
def test_bad_parameters_named(kind, key, value):
    with pytest.raises(ParameterError) as err:
        get_kind(kind).validate({key: value})
    assert err.value.name == key


@pytest.mark.parametrize("kind, key", [("macrospin", "m0"), ("mtj_stack", "m0"),
                                       ("mtj_stack", "reference_direction")])
def test_zero_vector_refused(kind, key):
    kind = get_kind(kind)
    p = kind.validate({key: (0.0, 0.0, 0.0), "duration": 1e-11})
    with pytest.raises(ParameterError) as err:
        kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
    assert err.value.name == key


def test_thermal_escape_against_exact_and_ten_years():
    """FFS escape times within 4 of their standard errors of the exact Fokker-Planck time
    (W. F. Brown, Phys. Rev. 130, 1677 (1963); the quadrature of
    spinkit.magnetization.uniaxial_escape_time), the diameter that gives each Delta
    (V = Delta k_B T / K), and the Delta of ten years, read off the exact curve, against
    the root of T(Delta) = 10 years found here by bisection on the same exact time."""
    from scipy.optimize import brentq

    import spinkit.magnetization as mag

    kb = 1.380649e-23
    ds = _run("thermal_escape", alpha=1.0, delta_min=12.0, delta_max=52.0, points=3,
              trials=600, replicas=12)
    err = ds["escape_time_error"].values
    assert np.all(np.abs(ds["escape_time"].values - ds["exact_time"].values) < 4 * err)
    assert np.all(err < 0.3 * ds["exact_time"].values)
    volume = np.pi * ds["diameter"].values ** 2 / 4 * 1e-9
    np.testing.assert_allclose(volume * 2e5 / (kb * 300.0), ds["delta"].values, rtol=1e-12)
    # the exact time interpolated log-linearly between 3 points: Delta(10 y) to ~1 %
    ten_years = 10 * 365.25 * 86400

    def excess(xi):
        return np.log(mag.uniaxial_escape_time(1.0, 1e6, xi * kb * 300.0 / 2e5, 2e5, 300.0)
                      / ten_years)

    assert float(ds["delta_ten_years"]) == pytest.approx(brentq(excess, 20, 60), rel=0.02)


def test_thermal_escape_refuses_no_barrier_and_inverted_range():
    kind = get_kind("thermal_escape")
    for over, name in (({"field": -0.5}, "field"), ({"delta_min": 30.0, "delta_max": 20.0},
                                                     "delta_max")):
        p = kind.validate({**kind.tour, **over})
        with pytest.raises(ParameterError) as err:
            kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
        assert err.value.name == name


@pytest.mark.parametrize("bz", [0.1, -0.1])
def test_mtj_stack_jc0_on_the_starting_side_in_a_field(bz):
    """The free layer starts near -z (antiparallel to the reference): a field B z adds -B to
    its stiffness, J_c0 = (2e/hbar)(alpha/P) Ms d (2K/Ms - mu0 Ms - B) (J. Z. Sun, Phys.
    Rev. B 62, 570 (2000), stiffness at the starting state). With the reference fixed (no
    coupling, no SAF), T = 0: 0.9 J_c0 does not switch it within 60 ns, 1.1 J_c0 does."""
    jc0 = 2 * E / HBAR * (0.01 / 0.6) * 1e6 * 1e-9 * (2 * 8e5 / 1e6 - MU0 * 1e6 - bz)
    common = dict(saf=False, coupling=0.0, field=(0.0, 0.0, bz), duration=60e-9,
                  samples=601)
    below = _run("mtj_stack", current_density=0.9 * jc0, **common)
    above = _run("mtj_stack", current_density=1.1 * jc0, **common)
    assert float(below["current_over_jc0"]) == pytest.approx(0.9, rel=1e-9, abs=0)
    assert float(below["final_cos_angle"]) < -0.99
    assert float(above["final_cos_angle"]) > 0.99


def test_mtj_stack_without_damping():
    """alpha = 0: Sun's J_c0 (proportional to alpha) is undefined, so the default current is
    refused before integrating; a given current runs, current_over_jc0 is NaN."""
    kind = get_kind("mtj_stack")
    p = kind.validate({"alpha": 0.0, "duration": 1e-11, "samples": 3})
    with pytest.raises(ParameterError) as err:
        kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
    assert err.value.name == "current_density"
    ds = _run("mtj_stack", alpha=0.0, current_density=1e10, duration=1e-11, samples=3)
    assert np.isnan(float(ds["current_over_jc0"]))


def test_mtj_stack_switching_times_only_of_switched_trajectories():
    """A small free layer (10 nm, Delta about 3) at 300 K without current hops back and
    forth: the switching times are the first crossings of m_free.m_ref = 0 of exactly the
    trajectories that end switched (those counted by switching_probability), NaN for those
    that crossed and fell back (there are some here). The trajectories are re-run from the
    kind's stack with the same seed and the crossings found here."""
    from spinkit.magnetization.scenarios import mtj_stack
    from spinkit.magnetization.stack import simulate_stack

    over = dict(saf=False, temperature=300.0, trajectories=32, diameter=10e-9, alpha=0.1,
                current_density=0.0, duration=3e-9, samples=301)
    ds = _run("mtj_stack", **over)
    kind = get_kind("mtj_stack")
    stack, m0, _ = mtj_stack(kind.validate({**kind.tour, **over}))
    ens = simulate_stack(stack, np.broadcast_to(m0, (32,) + m0.shape), 3e-9, method="heun",
                         dt=1e-13, samples=301, seed=np.random.default_rng(0))
    cos = np.sum(ens.m[:, :, 0] * ens.m[:, :, 1], axis=-1)
    ends = cos[:, -1] > 0  # started antiparallel
    fell_back = 0
    for n, c in enumerate(cos):
        k = next((k for k in range(len(c) - 1) if c[k] < 0 <= c[k + 1]), None)
        if not ends[n]:
            fell_back += k is not None
            assert np.isnan(ds["switching_times"].values[n])
        else:
            t = ens.t[k] - c[k] * (ens.t[k + 1] - ens.t[k]) / (c[k + 1] - c[k])
            assert ds["switching_times"].values[n] == pytest.approx(t, rel=1e-12, abs=0)
    assert fell_back > 0 and 0 < ends.sum() < 32
    assert float(ds["switching_probability"]) == ends.sum() / 32


def test_thermal_escape_field_leaving_too_little_barrier_names_delta_min():
    """A field against the well lowers the barrier to delta_min (1 + h)^2, h = B Ms / (2K)
    (here 3.5 x 0.9^2 = 2.8 k_B T, under the 3 k_B T that FFS interfaces need): the error
    names the scenario's delta_min, not the internal 'delta'. Without the field, the same
    delta_min passes that check (3.5 > 3)."""
    kind = get_kind("thermal_escape")
    field = -0.1 * 2 * 2e5 / 1e6  # h = -0.1 with the default K and Ms
    p = kind.validate({**kind.tour, "delta_min": 3.5, "delta_max": 3.5, "points": 1,
                       "field": field})
    with pytest.raises(ParameterError) as err:
        kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
    assert err.value.name == "delta_min"
    from spinkit.magnetization import uniaxial_interfaces

    assert uniaxial_interfaces(3.5).size >= 3  # the field-free barrier is enough
