"""Spin injection from a ferromagnet into a normal conductor, and the conductivity mismatch.

A semi-infinite ferromagnet F (rho_F*, bulk asymmetry beta, lambda_F) meets a semi-infinite
normal conductor N (rho_N*, lambda_N) through an interface of area resistance r_b* and
asymmetry gamma (Valet-Fert notation of :mod:`spinkit.transport.valet_fert`). Solving the
Valet-Fert equations across the junction, the current polarization injected into N is

    P_inj = J(0)/j = (beta r_F + gamma r_b*) / (r_F + r_b* + r_N),                       (1)

with the spin resistances r_F = rho_F* lambda_F and r_N = rho_N* lambda_N (E. I. Rashba, Phys.
Rev. B 62, R16267 (2000); A. Fert and H. Jaffres, Phys. Rev. B 64, 184420 (2001)). Without a
barrier and with r_F << r_N (a metal on a semiconductor) P_inj ~ beta r_F / r_N: the
conductivity mismatch of G. Schmidt et al., Phys. Rev. B 62, R4790 (2000), whose F/N/F
magnetoresistance then falls as (r_F / r_N)^2. A spin-selective barrier with r_b* >> r_N
restores P_inj -> gamma. In F/I/N/I/F the magnetoresistance is large only inside the window
r_N t_N / lambda_N << r_b* << r_N lambda_N / t_N (Fert and Jaffres 2001).
"""

from __future__ import annotations

import numpy as np

from spinkit.errors import ParameterError
from spinkit.transport.valet_fert import (
    CPPResult,
    Interface,
    Layer,
    fnf_resistance_area,
    solve_cpp,
)

__all__ = ["injection_polarization", "injection_profile", "fnf_magnetoresistance"]


def _check(**kw: float) -> None:
    for name, v in kw.items():
        if not np.isfinite(v) or v < 0 or (v == 0 and name != "r_b"):
            raise ParameterError(name, v, "must be finite and > 0" + (" (>= 0 for r_b)"
                                                                       if name == "r_b" else ""))


def injection_polarization(
    *,
    rho_f: float,
    beta: float,
    lambda_f: float,
    rho_n: float,
    lambda_n: float,
    r_b: float = 0.0,
    gamma: float = 0.0,
) -> float:
    """P_inj of eq. (1). rho_f, rho_n: rho* [Ohm m]; lambda_f, lambda_n [m]; r_b: r_b*
    [Ohm m^2]; beta, gamma in (-1, 1)."""
    _check(rho_f=rho_f, lambda_f=lambda_f, rho_n=rho_n, lambda_n=lambda_n, r_b=r_b)
    r_f, r_n = rho_f * lambda_f, rho_n * lambda_n
    return (beta * r_f + gamma * r_b) / (r_f + r_b + r_n)


def injection_profile(
    *,
    rho_f: float,
    beta: float,
    lambda_f: float,
    rho_n: float,
    lambda_n: float,
    r_b: float = 0.0,
    gamma: float = 0.0,
    current_density: float = 1e10,
) -> CPPResult:
    """Spin accumulation and spin current through the F/(I)/N junction, solved numerically
    (Valet-Fert, both sides semi-infinite; profiles drawn over 4 lambda on each side)."""
    _check(rho_f=rho_f, lambda_f=lambda_f, rho_n=rho_n, lambda_n=lambda_n, r_b=r_b)
    stack = [Layer(4 * lambda_f, rho_f, beta, lambda_f, 1, "F"),
             Layer(4 * lambda_n, rho_n, 0.0, lambda_n, 0, "N")]
    return solve_cpp(stack, [Interface(r_b, gamma)], current_density=current_density,
                     samples=200)


def fnf_magnetoresistance(
    *,
    rho_f: float,
    beta: float,
    lambda_f: float,
    rho_n: float,
    lambda_n: float,
    t_n: float,
    r_b: float = 0.0,
    gamma: float = 0.0,
) -> tuple[float, float, float]:
    """(AR_P, AR_AP [Ohm m^2], MR = (AR_AP - AR_P)/AR_P) of F/I/N/I/F, semi-infinite F."""
    _check(rho_f=rho_f, lambda_f=lambda_f, rho_n=rho_n, lambda_n=lambda_n, r_b=r_b, t_n=t_n)
    p, ap = fnf_resistance_area(rho_f=rho_f, beta=beta, lambda_f=lambda_f, rho_n=rho_n,
                                lambda_n=lambda_n, t_n=t_n, r_b=r_b, gamma=gamma)
    return p, ap, (ap - p) / p
