"""The transport scenario kinds run, agree with the library, and refuse bad input."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.scenario.runner import compute, scenario_from_mapping
from spinkit.transport.valet_fert import Interface, Layer, cpp_gmr


def _run(kind, **params):
    return compute(scenario_from_mapping({"kind": kind, **params}))


def test_two_current_kind():
    """At the default T = 0, free-electron bands E_s = +-Delta/2 + hbar^2 k^2/2m_s give
    N_s ~ m_s k_s (P_N analytic), v_F,s^2 = 2 (E_F -+ Delta/2)/m_s, and P_J = P_N exactly at
    tau_down/tau_up = v_F,up^2/v_F,down^2; P_J differs from P_N for the chosen taus (the
    point of the kind). At room temperature (kT/E_F = 0.005) P_J barely moves."""
    ds = _run("two_current")
    ef, split, m_up, m_dn = 5.0, 1.5, 1.0, 2.0  # the kind's defaults (eV, m_e)
    e_up, e_dn = ef + split / 2, ef - split / 2
    n_up, n_dn = m_up * np.sqrt(m_up * e_up), m_dn * np.sqrt(m_dn * e_dn)
    assert float(ds["dos_polarization"]) == pytest.approx((n_up - n_dn) / (n_up + n_dn),
                                                          rel=1e-6, abs=0)
    assert float(ds["tau_ratio_pj_equals_pn"]) == pytest.approx(
        (e_up / m_up) / (e_dn / m_dn), rel=1e-6, abs=0)
    warm = _run("two_current", temperature=300.0)
    assert float(warm["current_polarization"]) == pytest.approx(
        float(ds["current_polarization"]), abs=1e-3)
    assert float(warm["current_polarization"]) != float(ds["current_polarization"])
    assert float(ds["current_polarization"]) != pytest.approx(float(ds["dos_polarization"]),
                                                              abs=0.1)
    assert float(ds["cip_gmr"]) > 0
    assert ds["rho_xx"].attrs["units"] == "Ohm m"
    with pytest.raises(ParameterError, match="exchange_splitting"):
        _run("two_current", exchange_splitting=12.0, fermi_energy=5.0)
    with pytest.raises(ParameterError, match="temperature"):
        _run("two_current", temperature=-1.0)
    with pytest.raises(ParameterError, match="temperature"):
        _run("two_current", temperature=1e4, fermi_energy=0.1, exchange_splitting=0.0)


def test_cpp_gmr_kind_matches_library_and_reads_stack(tmp_path):
    """The kind's AR equal cpp_gmr on the same stack; a TOML stack file gives the same."""
    ds = _run("cpp_gmr", repeats=1, ends="reservoirs", interface_resistance=0.0)
    f = Layer.from_material("Co", 5e-9, 1)
    n = Layer.from_material("Cu", 10e-9, 0)
    p, ap = cpp_gmr([f, n, f], [Interface(0.0, 0.7)] * 2, ends="reservoirs")
    assert float(ds["ar_parallel"]) == pytest.approx(p, rel=1e-12, abs=0)
    assert float(ds["ar_antiparallel"]) == pytest.approx(ap, rel=1e-12, abs=0)
    # no-flip limit, by hand: channel s sees sum of 2 rho* (1 -/+ m beta) t (Valet and Fert
    # 1993, sec. V); spin flip only adds conductance between the channels, so by Rayleigh's
    # monotonicity the finite-lambda AR lies below it (here by ~2e-5: lambda >> t)
    for key, m3 in (("parallel", 1), ("antiparallel", -1)):
        r = [sum(2 * lay.resistivity * (1 - sign * m * lay.beta) * lay.thickness
                 for lay, m in zip((f, n, f), (1, 0, m3), strict=True)) for sign in (1, -1)]
        series = r[0] * r[1] / (r[0] + r[1])
        assert float(ds[f"series_ar_{key}"]) == pytest.approx(series, rel=1e-12, abs=0)
        assert float(ds[f"ar_{key}"]) < series * (1 - 1e-6)
    stack = tmp_path / "stack.toml"
    stack.write_text(
        '[[layer]]\nmaterial = "Co"\nthickness = 5e-9\n'
        '[[layer]]\nmaterial = "Cu"\nthickness = 10e-9\n'
        '[[layer]]\nmaterial = "Co"\nthickness = 5e-9\n')
    ds2 = _run("cpp_gmr", stack_file=str(stack), ends="reservoirs")
    assert float(ds2["ar_parallel"]) == pytest.approx(p, rel=1e-12, abs=0)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[layer]]\nmaterial = "Co"\n[[layer]]\nmaterial = "Cu"\nthickness = 1e-9\n')
    with pytest.raises(ParameterError, match="thickness"):
        _run("cpp_gmr", stack_file=str(bad))
    bad.write_text('[[layer]]\nresistivity = "x"\nthickness = 1e-9\n'
                   '[[layer]]\nmaterial = "Cu"\nthickness = 1e-9\n')
    with pytest.raises(ParameterError, match="^stack_file layer 1 .*resistivity = 'x'"):
        _run("cpp_gmr", stack_file=str(bad))
    bad.write_text('[[layer]]\nmaterial = "Co"\nthickness = 1e-9\n'
                   '[[layer]]\nmaterial = "Cu"\nthickness = 1e-9\n'
                   '[[interface]]\ngamma = 1.5\n')
    with pytest.raises(ParameterError, match="^stack_file interface 1 .*gamma = 1.5"):
        _run("cpp_gmr", stack_file=str(bad))


def test_spin_injection_kind():
    """Without a barrier the injection is ~ beta r_F/r_N (tiny); with r_b >> r_N it
    approaches gamma (Rashba 2000; Fert and Jaffres 2001)."""
    ds = _run("spin_injection", barrier_resistance=1e-7, barrier_asymmetry=0.5)
    ratio = float(ds["spin_resistance_ratio"])
    assert ratio < 1e-3
    assert float(ds["injection_no_barrier"]) == pytest.approx(0.46 * ratio, rel=1e-3, abs=0)
    assert float(ds["injection_with_barrier"]) == pytest.approx(0.5, rel=0.01, abs=0)
    # and exactly the Rashba / Fert-Jaffres closed form (beta r_F + gamma r_b*)/(r_F + r_b* + r_N)
    r_n = float(ds["channel_spin_resistance"])
    r_f = ratio * r_n
    for key, r_b in (("injection_no_barrier", 0.0), ("injection_with_barrier", 1e-7)):
        assert float(ds[key]) == pytest.approx((0.46 * r_f + 0.5 * r_b) / (r_f + r_b + r_n),
                                               rel=1e-9, abs=0)
    # the drawn profiles are linear in the current density (default 1e8 A/m^2)
    ds2 = _run("spin_injection", barrier_resistance=1e-7, barrier_asymmetry=0.5,
               current_density=3e8)
    for key in ("mu_s_no_barrier", "mu_s_with_barrier"):
        np.testing.assert_allclose(ds2[key].values, 3 * ds[key].values, rtol=1e-12, atol=0)
    with pytest.raises(ParameterError, match="current_density"):
        _run("spin_injection", current_density=0.0)


def test_cpp_sweep_over_spacer(tmp_path):
    """A sweep over the spacer thickness merges; Delta AR falls as t_N grows (spin
    relaxation in the spacer, Valet and Fert 1993)."""
    from spinkit.sweep import run_sweep

    base = scenario_from_mapping({"kind": "cpp_gmr"}, name="cpp")
    ds = run_sweep(base, {"spacer_thickness": [5e-9, 2e-7, 1e-6]}, tmp_path, workers=1,
                   show_progress=False)
    assert np.all(np.diff(ds["delta_ar"].values) < 0)


def test_cpp_gmr_kind_angle_endpoints():
    """The kind's any-angle curve (noncollinear Valet-Fert) starts at AR_P and ends at AR_AP
    of the collinear solver, to 1e-9, for both AP modes. (In these multilayers with leads
    r(theta) dips slightly below 0 at small angles - the transverse absorption removes spin
    accumulation before the longitudinal mismatch builds up - so no monotonicity here.)"""
    for mode in ("last", "alternate"):
        ds = _run("cpp_gmr", repeats=2, antiparallel=mode)
        ar = ds["ar_vs_angle"].values
        assert ar[0] == pytest.approx(float(ds["ar_parallel"]), rel=1e-9, abs=0)
        assert ar[-1] == pytest.approx(float(ds["ar_antiparallel"]), rel=1e-9, abs=0)
        assert ds["reduced_resistance"].values[-1] == pytest.approx(1.0, abs=1e-12)
