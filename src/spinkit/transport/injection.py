"""Spin injection from a ferromagnet into a normal conductor, and the conductivity mismatch.

A semi-infinite ferromagnet F (rho_F*, bulk asymmetry beta, lambda_F) meets a semi-infinite
normal conductor N (rho_N*, lambda_N) through an interface of area resistance r_b* and
asymmetry gamma (Valet-Fert notation of :mod:`spinkit.transport.valet_fert`). Solving the
Valet-Fert equations across the junction, the current polarization injected into N is

    P_inj = J(0)/j = (beta r_F + gamma r_b*) / (r_F + r_b* + r_N),                       (1)

with the spin resistances r_F = rho_F* lambda_F and r_N = rho_N* lambda_N (E. I. Rashba, Phys.
Rev. B 62, R16267 (2000); A. Fert and H. Jaffres, Phys. Rev. B 64, 184420 (2001)). Without a
barrier and with r_F << r_N (a metal on a semiconductor) P_inj ~ beta r_F / r_N: the
conductivity mismatch of G. Schmidt et al., Phys. Rev. B 62, R4790 (2000). Note the powers:
the injected polarization falls *linearly* in r_F / r_N, while the F/N/F magnetoresistance,
which needs a polarized injector and a polarized detector, falls as (r_F / r_N)^2 (the
"(r_F/r_N)^2" sometimes quoted for the polarization is that of the two-terminal MR); the
tests assert both powers. A spin-selective barrier with r_b* >> r_N
restores P_inj -> gamma. In F/I/N/I/F the magnetoresistance is large only inside the window
r_N t_N / lambda_N << r_b* << r_N lambda_N / t_N (Fert and Jaffres 2001).
"""

from __future__ import annotations

from dataclasses import dataclass

from spinkit.errors import ParameterError
from spinkit.transport.valet_fert import (
    CPPResult,
    Interface,
    Layer,
    fnf_resistance_area,
    solve_cpp,
)
from spinkit.validation import in_range, positive

__all__ = ["Junction"]


@dataclass(frozen=True)
class Junction:
    """An F/(I)/N junction in Valet-Fert parameters (module docstring).

    Parameters
    ----------
    rho_f: rho_F* of the ferromagnet [Ohm m].
    beta: bulk spin asymmetry of F, in (-1, 1).
    lambda_f: spin-diffusion length of F [m].
    rho_n: rho_N* of the normal conductor [Ohm m].
    lambda_n: spin-diffusion length of N [m].
    r_b: interface (barrier) resistance r_b* [Ohm m^2], >= 0.
    gamma: interface spin asymmetry, in (-1, 1).
    """

    rho_f: float
    beta: float
    lambda_f: float
    rho_n: float
    lambda_n: float
    r_b: float = 0.0
    gamma: float = 0.0

    def __post_init__(self) -> None:
        for name in ("rho_f", "lambda_f", "rho_n", "lambda_n"):
            positive(name, getattr(self, name))
        in_range("r_b", self.r_b, low=0.0, bounds="[]")
        for name in ("beta", "gamma"):
            in_range(name, getattr(self, name), low=-1.0, high=1.0)

    @classmethod
    def from_material(cls, ferromagnet: str, *, rho_n: float, lambda_n: float,
                      r_b: float = 0.0, gamma: float = 0.0) -> Junction:
        """F from the materials database (rho* = rho/(1 - beta^2), beta, lambda_sf)."""
        f = Layer.from_material(ferromagnet, 1e-9, 1)
        if f.magnetization == 0:
            raise ParameterError("ferromagnet", ferromagnet, "needs bulk_spin_asymmetry")
        return cls(f.resistivity, f.beta, f.spin_diffusion_length, rho_n, lambda_n, r_b, gamma)

    @property
    def r_f(self) -> float:
        """Spin resistance of F, r_F = rho_F* lambda_F [Ohm m^2]."""
        return self.rho_f * self.lambda_f

    @property
    def r_n(self) -> float:
        """Spin resistance of N, r_N = rho_N* lambda_N [Ohm m^2]."""
        return self.rho_n * self.lambda_n

    def polarization(self) -> float:
        """P_inj of eq. (1), closed form."""
        return (self.beta * self.r_f + self.gamma * self.r_b) / (self.r_f + self.r_b + self.r_n)

    def profile(self, current_density: float = 1e10) -> CPPResult:
        """mu_s and J through the junction, solved numerically (Valet-Fert, both sides
        semi-infinite; profiles drawn over 4 lambda each side) at j [A/m^2]."""
        stack = [Layer(4 * self.lambda_f, self.rho_f, self.beta, self.lambda_f, 1, "F"),
                 Layer(4 * self.lambda_n, self.rho_n, 0.0, self.lambda_n, 0, "N")]
        return solve_cpp(stack, [Interface(self.r_b, self.gamma)],
                         current_density=current_density, samples=200)

    def injected(self, current_density: float = 1e10) -> float:
        """P_inj = J(0)/j read from the numeric :meth:`profile` at the interface."""
        res = self.profile(in_range("current_density", current_density))
        return float(res.spin_current[res.layer_index == 1][0] / res.current_density)

    def magnetoresistance(self, t_n: float) -> tuple[float, float, float]:
        """(AR_P, AR_AP [Ohm m^2], MR = (AR_AP - AR_P)/AR_P) of F/I/N/I/F with this junction
        on both sides (semi-infinite F), N of thickness t_n [m] (> 0)."""
        t_n = positive("t_n", t_n)
        p, ap = fnf_resistance_area(rho_f=self.rho_f, beta=self.beta, lambda_f=self.lambda_f,
                                    rho_n=self.rho_n, lambda_n=self.lambda_n, t_n=t_n,
                                    r_b=self.r_b, gamma=self.gamma)
        return p, ap, (ap - p) / p
