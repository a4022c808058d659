"""Spin injection and the conductivity mismatch (Schmidt et al.; Rashba; Fert-Jaffres)."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.transport.injection import Junction

# permalloy-like F: rho* lambda = 1e-15 Ohm m^2; N a semiconductor or a metal
F = dict(rho_f=2.0e-7, beta=0.7, lambda_f=5e-9)
R_F = 2.0e-7 * 5e-9


def test_numeric_matches_rashba_formula():
    """The Valet-Fert solution across F/I/N equals eq. (1) (Rashba, PRB 62, R16267 (2000);
    Fert and Jaffres, PRB 64, 184420 (2001)) for metal-like and semiconductor-like N."""
    for rho_n, lam_n, r_b, gamma in [(1e-8, 5e-7, 0.0, 0.0), (1e-4, 1e-6, 0.0, 0.0),
                                     (1e-4, 1e-6, 1e-9, 0.5), (1e-8, 5e-7, 1e-15, -0.3)]:
        r_n = rho_n * lam_n
        expected = (0.7 * R_F + gamma * r_b) / (R_F + r_b + r_n)
        junction = Junction(**F, rho_n=rho_n, lambda_n=lam_n, r_b=r_b, gamma=gamma)
        assert junction.injected() == pytest.approx(expected, rel=1e-9, abs=0)
        assert junction.polarization() == pytest.approx(expected, rel=1e-12, abs=0)


def test_conductivity_mismatch_scaling():
    """No barrier, r_F << r_N: P_inj ~ beta r_F/r_N (linear), F/N/F MR ~ (r_F/r_N)^2
    (G. Schmidt et al., PRB 62, R4790 (2000))."""
    lam_n = 1e-6
    ratios = np.array([1e-4, 1e-5, 1e-6])  # r_F / r_N (asymptotic regime)
    junctions = [Junction(**F, rho_n=R_F / x / lam_n, lambda_n=lam_n) for x in ratios]
    p = np.array([jn.injected() for jn in junctions])
    # relative deviation from the asymptote is r_F/r_N itself (P = beta x/(1 + x)): <= 1e-4
    np.testing.assert_allclose(p / ratios, 0.7, rtol=1.5e-4)
    mr = np.array([jn.magnetoresistance(0.1 * lam_n)[2] for jn in junctions])
    slope = np.diff(np.log(mr)) / np.diff(np.log(ratios))
    np.testing.assert_allclose(slope, 2.0, atol=2e-3)  # measured 1.9988, 1.9999


def test_tunnel_barrier_restores_injection():
    """r_b* >> r_N: P_inj -> gamma (Rashba 2000; Fert and Jaffres 2001)."""
    lam_n, rho_n = 1e-6, 1e-4
    r_n = rho_n * lam_n
    assert Junction(**F, rho_n=rho_n, lambda_n=lam_n, r_b=1e3 * r_n,
                    gamma=0.5).injected() == pytest.approx(0.5, rel=2e-3, abs=0)
    assert Junction(**F, rho_n=rho_n, lambda_n=lam_n).injected() < 1e-4


def test_fert_jaffres_window():
    """F/I/N/I/F: MR largest for r_N t_N/l_N < r_b* < r_N l_N/t_N, small outside."""
    lam_n, rho_n, t_n = 1e-6, 1e-4, 1e-7
    r_n = rho_n * lam_n
    rb = np.logspace(-4, 4, 33) * r_n
    mr = np.array([Junction(**F, rho_n=rho_n, lambda_n=lam_n, r_b=r,
                            gamma=0.5).magnetoresistance(t_n)[2] for r in rb])
    best = rb[np.argmax(mr)]
    assert r_n * t_n / lam_n < best < r_n * lam_n / t_n
    assert mr.max() > 100 * mr[0]
    assert mr.max() > 100 * mr[-1]


def test_bad_input():
    with pytest.raises(ParameterError, match="r_b"):
        Junction(**F, rho_n=1e-8, lambda_n=1e-6, r_b=-1.0)
    with pytest.raises(ParameterError, match="lambda_n"):
        Junction(**F, rho_n=1e-8, lambda_n=0.0)
    with pytest.raises(ParameterError, match="t_n"):
        Junction(**F, rho_n=1e-8, lambda_n=1e-6).magnetoresistance(0.0)
    with pytest.raises(ParameterError, match="ferromagnet"):
        Junction.from_material("Cu", rho_n=1e-8, lambda_n=1e-6)
