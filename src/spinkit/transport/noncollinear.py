"""Spin valve at any angle: magnetoelectronic circuit theory with one normal-metal node.

Two ferromagnetic reservoirs (magnetizations m_1, m_2 at angle theta, potentials V_1 = V,
V_2 = 0) feed a normal-metal node whose state is a charge potential mu_0 and a spin
accumulation vector s (both in volts, s = mu_up - mu_down along any axis). Contact i carries
(A. Brataas, Yu. V. Nazarov and G. E. W. Bauer, Phys. Rev. Lett. 84, 2481 (2000); Eur.
Phys. J. B 22, 99 (2001); real mixing conductance)

    I_up = G_up (V_i - mu_0 - m_i.s/2),   I_down = G_down (V_i - mu_0 + m_i.s/2),
    I_c  = I_up + I_down,
    I_s  = (I_up - I_down) m_i - G_mix (s - (m_i.s) m_i),                                (1)

(per unit area: G [S/m^2]; the transverse spin current is absorbed at the contact through
the mixing conductance G_mix). Convention: with the node's spinor potential mu_0 +
(sigma.s)/2 and I_s = Tr(sigma I) in charge units (I_up - I_down along m), BNB's contact
current gives exactly eq. (1) with G_up, G_down the per-spin conductances and G_mix = Re
G_updown (no factor 2: that factor appears only if s is defined as (mu_up - mu_down)/2).
Charge and spin are conserved in the node, with an optional spin-flip conductance: sum_i I_c
= 0, sum_i I_s = G_sf s. The 4 x 4 linear system gives AR(theta) = V / I_c,1. Collinear
states reduce to the two-channel resistor model; the reduced angular dependence r =
(AR(theta) - AR_P)/(AR_AP - AR_P) takes the form r = (1 - cos^2(theta/2)) / (1 + chi
cos^2(theta/2)) of J. C. Slonczewski, J. Magn. Magn. Mater. 247, 324 (2002).

:func:`contact_conductances` maps a Valet-Fert ferromagnet (plus interface) onto a contact:
for t_N << lambda_N the F/N/F spin-coupled resistance is that of two contacts of spin
resistances r_s = 2 R (1 -/+ p), R = r_F + r_b*, p = (beta r_F + gamma r_b*)/R (it then gives
the Fert-Jaffres A.Delta.R = 2 (beta r_F + gamma r_b*)^2 / R of :mod:`.valet_fert`).

Limits of the one-node picture: the spacer is a single node (no spin diffusion across it,
t_N << lambda_N, and no bulk resistance), the ferromagnets are semi-infinite (or thick
compared with lambda_F), and only one spacer is modelled. For real stacks (finite F
layers, thick spacers, several spacers, leads) use the noncollinear Valet-Fert solver
:func:`spinkit.transport.valet_fert.solve_cpp_noncollinear`, which reduces to this circuit
as t_N -> 0 (error linear in t_N; tested).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit.errors import ParameterError
from spinkit.validation import array_in_range, in_range, positive

__all__ = ["AngleResult", "spin_valve_angle", "contact_conductances"]


@dataclass(frozen=True)
class AngleResult:
    """AR(theta) [Ohm m^2] and the node's spin accumulation s(theta) (n, 3) [V per V]."""

    theta: np.ndarray
    resistance_area: np.ndarray
    spin_accumulation: np.ndarray

    @property
    def reduced(self) -> np.ndarray:
        """r(theta) = (AR - AR(0)) / (AR(pi) - AR(0)) (needs theta = 0 and pi sampled)."""
        ar = self.resistance_area
        p = ar[np.argmin(np.abs(self.theta))]
        ap = ar[np.argmin(np.abs(self.theta - np.pi))]
        return (ar - p) / (ap - p)


def spin_valve_angle(
    theta: np.ndarray,
    *,
    g_up: float,
    g_down: float,
    g_mix: float,
    g_sf: float = 0.0,
) -> AngleResult:
    """Solve eq. (1) for each angle theta [rad] between m_1 = z and m_2 in the x-z plane.

    g_up, g_down: contact conductances per area [S/m^2] (> 0); g_mix: real mixing
    conductance [S/m^2] (> 0; 0 only with g_sf > 0); g_sf: spin-flip conductance of the
    node [S/m^2] (>= 0).
    """
    for name, v, bounds in (("g_up", g_up, "()"), ("g_down", g_down, "()"),
                            ("g_mix", g_mix, "[)"), ("g_sf", g_sf, "[)")):
        in_range(name, v, low=0.0, bounds=bounds)
    if g_mix == 0 and g_sf == 0:
        raise ParameterError("g_mix", g_mix, "must be > 0 when g_sf = 0 (the node's transverse "
                             "spin accumulation is otherwise undetermined)")
    th = np.atleast_1d(array_in_range("theta", theta))
    gs, gd = g_up + g_down, g_up - g_down
    ars, spins = [], []
    m1 = np.array([0.0, 0.0, 1.0])
    for t in th:
        a = np.zeros((4, 4))
        b = np.zeros(4)
        for m, v in ((m1, 1.0), (np.array([np.sin(t), 0.0, np.cos(t)]), 0.0)):
            mm = np.outer(m, m)
            a[0, 0] -= gs
            a[0, 1:] -= gd / 2 * m
            b[0] += gs * v
            a[1:, 0] -= gd * m
            a[1:, 1:] -= gs / 2 * mm + g_mix * (np.eye(3) - mm)
            b[1:] += gd * v * m
        a[1:, 1:] -= g_sf * np.eye(3)
        mu0, *s = np.linalg.solve(a, -b)
        s = np.asarray(s)
        current = g_up * (1 - mu0 - s[2] / 2) + g_down * (1 - mu0 + s[2] / 2)
        ars.append(1.0 / current)
        spins.append(s)
    return AngleResult(th, np.asarray(ars), np.asarray(spins))


def contact_conductances(
    *, rho_f: float, beta: float, lambda_f: float, r_b: float = 0.0, gamma: float = 0.0
) -> tuple[float, float]:
    """(G_up, G_down) [S/m^2] = 1 / (2 R (1 -/+ p)) of a Valet-Fert F contact (docstring)."""
    r_f = positive("rho_f", rho_f) * positive("lambda_f", lambda_f)
    r_b = in_range("r_b", r_b, low=0.0, bounds="[]")
    beta = in_range("beta", beta, low=-1.0, high=1.0)
    gamma = in_range("gamma", gamma, low=-1.0, high=1.0)
    big_r = r_f + r_b
    p = (beta * r_f + gamma * r_b) / big_r  # a weighted mean of beta and gamma: in (-1, 1)
    return 1 / (2 * big_r * (1 - p)), 1 / (2 * big_r * (1 + p))
