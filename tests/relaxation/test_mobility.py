"""Empirical low-field mobility: analytic limits, and silicon against textbook values."""

from __future__ import annotations

import numpy as np
import pytest

from spinkit import materials
from spinkit.errors import ParameterError
from spinkit.relaxation.mobility import low_field_mobility, material_mobility

CM2 = 1e-4  # m^2/(V s) per cm^2/(V s)
GAAS = dict(mu_max=0.94, mu_min=0.05, n_ref=6e22, exponent=0.394, lattice_exponent=2.1,
            reference_exponent=3.0)


def test_caughey_thomas_limits():
    """mu -> mu_max (300 K / T)^theta_1 for N -> 0 (lattice scattering, T^-2.1 for GaAs),
    -> mu_min for N >> N_ref, and halfway between at N = N_ref (T / 300 K)^theta_2
    (Sotoodeh, Khalid and Rezazadeh, J. Appl. Phys. 87, 2890 (2000), the form itself)."""
    temps = np.array([150.0, 300.0, 450.0])
    pure = low_field_mobility(0.0, temps, **GAAS)
    np.testing.assert_allclose(pure, 0.94 * (300 / temps) ** 2.1, rtol=1e-13)
    slope = np.polyfit(np.log(temps), np.log(pure), 1)[0]
    assert slope == pytest.approx(-2.1, abs=1e-12)
    # (N / N_ref)^lambda = 6e6 at N = 1e40 m^-3: mu - mu_min = 0.89 / 6e6 = 3e-6 mu_min
    assert low_field_mobility(1e40, 300.0, **GAAS) == pytest.approx(0.05, rel=1e-5, abs=0)
    half = low_field_mobility(6e22 * (temps / 300) ** 3, temps, **GAAS)
    np.testing.assert_allclose(half, (0.94 * (300 / temps) ** 2.1 + 0.05) / 2, rtol=1e-13)


def test_gaas_database_parameters():
    """The database holds the Sotoodeh et al. (2000) GaAs electron parameters (mu_max =
    9400, mu_min = 500 cm^2/(V s), N_ref = 6e16 cm^-3, lambda = 0.394, theta_1 = 2.1,
    theta_2 = 3): mobility decreases with doping and with temperature."""
    n = np.geomspace(1e21, 1e25, 9)
    mu = material_mobility("GaAs", n, 300.0)
    np.testing.assert_allclose(mu, low_field_mobility(n, 300.0, **GAAS), rtol=1e-13)
    assert (np.diff(mu) < 0).all()
    assert (np.diff(material_mobility("GaAs", 1e23, [100.0, 200.0, 400.0])) < 0).all()


def test_gaas_against_independent_fit_at_300k():
    """n-GaAs:Si at 300 K against an independent empirical fit to measured Hall data (eight
    papers, 1982-2003) of the PLaSK materials library (github.com/PhotonicsTUL/PLaSK,
    materials/arsenides/GaAs_Si.cpp): mu = 6600 / (1 + (N / 5e17 cm^-3)^0.53) cm^2/(V s).
    Two fits of overlapping data, so 15 % over 1e16-1e18 cm^-3 (they differ by 10 % at
    1e16, 3 % at 1e17 and 0.3 % at 1e18)."""
    n_cm3 = np.array([1e16, 3e16, 1e17, 3e17, 1e18])
    fit = 6600 / (1 + (n_cm3 / 5e17) ** 0.53) * CM2
    np.testing.assert_allclose(material_mobility("GaAs", n_cm3 * 1e6, 300.0), fit, rtol=0.15)


def test_silicon_against_textbook():
    """Silicon electron mobility read from a textbook figure (D. A. Neamen, Semiconductor
    Physics and Devices, McGraw-Hill, Example 5.2, from its figure after R. F. Pierret):
    25 C: 1200 (N_d = 1e16 cm^-3) and 800 cm^2/(V s) (1e17); N_d = 1e16: 1400 at 0 C and
    780 at 100 C. Figure readings, so 10 %."""
    cases = ((1e16, 298.15, 1200), (1e17, 298.15, 800), (1e16, 273.15, 1400),
             (1e16, 373.15, 780))
    for n_cm3, t, expected in cases:
        assert material_mobility("Si", n_cm3 * 1e6, t) == pytest.approx(expected * CM2,
                                                                        rel=0.1, abs=0)


def test_gaas_temperature_dependence_against_sentaurus_expression():
    """GaAs at N = 1e17 cm^-3, T = 150 K: 11043.36 cm^2/(V s), evaluated by hand from the
    Sentaurus parameter file of github.com/gforcade/MJ-PPC,
    pardb/GaAs/Mobility/DopingDependence/Sotoodeh.tcl (mu_dop_n = mumin_n + (mumax_n
    (300/T)^theta1_n - mumin_n) / (1 + (N / (nref_n (T/300)^theta2_n))^lambda_n), mumax_n =
    9400, mumin_n = 500, nref_n = 6e16, theta1_n = 2.1, theta2_n = 3, lambda_n = 0.394); the
    same form is eq. 4 of Sotoodeh et al. (2000) in solcore5,
    solcore/parameter_sources/mobility_parameters.py with sotoodehJAP2000_mobility.json (its
    older solcore/material_data/mobility.py writes N_ref (300/T)^theta_2 instead, which would
    give 26360). At 150 K the lattice term is 4.29 times its 300 K value and N_ref 8 times
    smaller, so this checks both temperature exponents."""
    assert material_mobility("GaAs", 1e23, 150.0) == pytest.approx(11043.36 * CM2, rel=1e-6,
                                                                     abs=0)


def test_silicon_reference_exponent_is_not_truncated():
    """The ANALYTIC model writes the doping term (T/300 K)^-3.8 (N/N_ref)^0.73, i.e.
    theta_2 = 3.8 / 0.73 in N_ref (T/300 K)^theta_2; stored in full."""
    theta2 = materials.get("Si").value("electron_mobility_reference_exponent")
    assert theta2 == pytest.approx(3.8 / 0.73, rel=1e-15, abs=0)


@pytest.mark.parametrize("name, mu_max, mu_min, theta1", [
    ("GaAs", 9400, 500, 2.1), ("InGaAs", 14000, 300, 1.59), ("Si", 1429.23, 55.24, 2.3)])
def test_upper_temperature_limit(name, mu_max, mu_min, theta1):
    """Above 300 K (mu_max / mu_min)^(1 / theta_1) the lattice term mu_max (300 K / T)^theta_1
    (published parameters, cm^2/(V s): Sotoodeh et al. 2000; ANALYTIC silicon defaults) is
    below mu_min and the model's mobility would rise with doping (GaAs, 1500 K: 325 cm^2/(V s)
    at 1e15 cm^-3, 415 at 1e19). The database's upper limit lies below that crossing; up to it
    the mobility falls with doping, above it the temperature is refused, naming the range."""
    crossing = 300 * (mu_max / mu_min) ** (1 / theta1)
    t_max = materials.get(name).value("electron_mobility_max_temperature")
    assert crossing - 10 < t_max <= crossing
    mu = material_mobility(name, np.geomspace(1e20, 1e27, 15), t_max)
    assert (np.diff(mu) < 0).all()
    for t in (t_max * 1.001, [300.0, 1500.0, 4000.0]):
        with pytest.raises(ParameterError, match=rf"^temperature.*T <= {t_max:g} K"):
            material_mobility(name, [1e21, 1e25], t, hold_below_range=True)


def test_nonpositive_temperature_is_reported_as_such():
    """T <= 0 is refused as T <= 0, with or without holding, before the range check."""
    for hold in (False, True):
        for t in (-5.0, [0.0, 300.0], [-300.0]):
            with pytest.raises(ParameterError, match=r"^temperature = .*must be > 0"):
                material_mobility("GaAs", 1e23, t, hold_below_range=hold)


def test_range_and_bad_input():
    """Below the fitted range the mobility is refused, or held at its value at the lowest
    temperature of the range on request; bad parameters raise ParameterError naming them."""
    with pytest.raises(ParameterError, match="temperature"):
        material_mobility("GaAs", 1e23, 50.0)
    held = material_mobility("GaAs", 1e23, [20.0, 50.0, 100.0], hold_below_range=True)
    np.testing.assert_allclose(held, material_mobility("GaAs", 1e23, 100.0), rtol=1e-14)
    with pytest.raises(ParameterError, match="material"):
        material_mobility("Ni", 1e23, 300.0)
    with pytest.raises(ParameterError, match="doping"):
        low_field_mobility(-1.0, 300.0, **GAAS)
    with pytest.raises(ParameterError, match="mu_min"):
        low_field_mobility(1e22, 300.0, **{**GAAS, "mu_min": 2.0})
