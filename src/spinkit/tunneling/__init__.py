"""Quantum transport and tunneling.

A Landauer / recursive Green's function engine for quasi-1D tight-binding systems with spin
(:mod:`~spinkit.tunneling.leads`, :mod:`~spinkit.tunneling.landauer`,
:mod:`~spinkit.tunneling.lattice`) and the magnetic tunnel junction from Jullière
(:mod:`~spinkit.tunneling.julliere`) through Slonczewski's free-electron model
(:mod:`~spinkit.tunneling.slonczewski`) to coherent symmetry-filtered tunneling
(:mod:`~spinkit.tunneling.coherent`). The Datta-Das transistor built on the engine lives in
:mod:`spinkit.devices.datta_das`.
"""

from spinkit.tunneling.coherent import CoherentJunction
from spinkit.tunneling.julliere import julliere_tmr
from spinkit.tunneling.landauer import (
    Device,
    conductance,
    scattering_matrix,
    spin_projector,
    transmission,
)
from spinkit.tunneling.leads import Lead, lead_modes
from spinkit.tunneling.slonczewski import FreeElectronJunction, slonczewski_polarization

__all__ = [
    "CoherentJunction",
    "Device",
    "FreeElectronJunction",
    "Lead",
    "conductance",
    "julliere_tmr",
    "lead_modes",
    "scattering_matrix",
    "slonczewski_polarization",
    "spin_projector",
    "transmission",
]
