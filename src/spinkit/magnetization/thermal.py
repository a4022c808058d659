"""Thermal fluctuations: Brown's stochastic field.

W. F. Brown, Phys. Rev. 130, 1677 (1963). A Gaussian white-noise field B_th is added to
B_eff in the Gilbert equation, with

    <B_th,i(t) B_th,j(t')> = 2 D delta_ij delta(t - t'),   D = alpha k_B T / (gamma Ms V),

so that the stationary distribution is Boltzmann's, exp(-E(m)/k_B T). Over a time step dt
each component is drawn from a normal distribution of standard deviation

    sigma = sqrt(2 alpha k_B T / (gamma Ms V dt))     [T].

The stochastic equation is read in the Stratonovich sense, which the stochastic Heun scheme
integrates (J. L. Garcia-Palacios and F. J. Lazaro, Phys. Rev. B 58, 14937 (1998)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spinkit import constants
from spinkit.magnetization.term import Term, positive

__all__ = ["ThermalField"]


@dataclass(frozen=True, eq=False)
class ThermalField(Term):
    """Brown's thermal field at temperature ``temperature`` [K] (module docstring)."""

    temperature: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "temperature",
                           positive("temperature", self.temperature, zero=True))

    def __repr__(self) -> str:
        return f"ThermalField(T={self.temperature:g} K)"

    def strength(self, alpha: float, Ms: float, gamma: float, volume: float) -> float:
        """sqrt(2 D) = sqrt(2 alpha k_B T / (gamma Ms V)) [T s^(1/2)]; sigma = this / sqrt(dt)."""
        return math.sqrt(2 * alpha * constants.k_B * self.temperature / (gamma * Ms * volume))
