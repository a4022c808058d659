"""Spin-dependent transport: the two-current model and Boltzmann conductivity from bands,
AMR and planar Hall, GMR (CIP resistor picture, CPP Valet-Fert), spin injection through
interfaces and the conductivity mismatch.

Modules: :mod:`~spinkit.transport.two_current`, :mod:`~spinkit.transport.boltzmann`,
:mod:`~spinkit.transport.fermi_surface` (T = 0),
:mod:`~spinkit.transport.amr`, :mod:`~spinkit.transport.valet_fert`,
:mod:`~spinkit.transport.injection`, :mod:`~spinkit.transport.noncollinear`; impurity
backscattering lives in :mod:`~spinkit.transport.backscattering`.
"""

from spinkit.transport.amr import (
    AMRReadout,
    amr_readout,
    amr_resistivity,
    planar_hall_resistivity,
)
from spinkit.transport.boltzmann import (
    BandModel,
    BoltzmannResult,
    HamiltonianBands,
    ParabolicBands,
    boltzmann_conductivity,
    fermi_window,
)
from spinkit.transport.injection import Junction
from spinkit.transport.noncollinear import (
    AngleResult,
    contact_conductances,
    spin_valve_angle,
)
from spinkit.transport.two_current import (
    channel_conductivity,
    cip_gmr,
    cip_resistivity,
    current_polarization,
    dos_polarization,
)
from spinkit.transport.valet_fert import (
    CPPResult,
    Interface,
    Layer,
    NoncollinearResult,
    cpp_gmr,
    fnf_resistance_area,
    series_resistor_ar,
    solve_cpp,
    solve_cpp_noncollinear,
)

__all__ = [
    "AMRReadout",
    "amr_readout",
    "amr_resistivity",
    "planar_hall_resistivity",
    "BandModel",
    "BoltzmannResult",
    "HamiltonianBands",
    "ParabolicBands",
    "boltzmann_conductivity",
    "fermi_window",
    "Junction",
    "AngleResult",
    "contact_conductances",
    "spin_valve_angle",
    "channel_conductivity",
    "cip_gmr",
    "cip_resistivity",
    "current_polarization",
    "dos_polarization",
    "CPPResult",
    "Interface",
    "Layer",
    "cpp_gmr",
    "fnf_resistance_area",
    "series_resistor_ar",
    "solve_cpp",
    "NoncollinearResult",
    "solve_cpp_noncollinear",
]
