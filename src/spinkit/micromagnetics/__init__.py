"""Finite-difference micromagnetics: the terms of :mod:`spinkit.magnetization` on a mesh.

::

    import spinkit.micromagnetics as mm
    from spinkit.magnetization import Zeeman
    mesh = mm.Mesh((100, 25, 1), (5e-9, 5e-9, 3e-9))
    magnet = mm.Magnet(mesh, Ms=8e5, alpha=0.02,
                       terms=mm.Exchange(1.3e-11) + mm.Demag() + Zeeman([0, 0, 0.01]))
    state = mm.relax(magnet, magnet.uniform([1, 1, 1])).m
    run = mm.evolve(magnet, state, 1e-9, output_every=1e-11, table="table.txt")
"""

from spinkit.micromagnetics.analytic import bloch_wall_energy, bloch_wall_width
from spinkit.micromagnetics.demag import Demag, newell_tensor
from spinkit.micromagnetics.dmi import DMI
from spinkit.micromagnetics.driver import (
    Evolution,
    Hysteresis,
    Relaxed,
    evolve,
    hysteresis,
    keep_freed_memory,
    relax,
)
from spinkit.micromagnetics.exchange import Exchange
from spinkit.micromagnetics.magnet import Magnet
from spinkit.micromagnetics.mesh import Mesh, box, cylinder, ellipse, polygon
from spinkit.micromagnetics.regions import ZeemanMap, current_map, in_region
from spinkit.micromagnetics.zhangli import ZhangLi

__all__ = [
    "DMI",
    "Demag",
    "Evolution",
    "Exchange",
    "Hysteresis",
    "Magnet",
    "Mesh",
    "Relaxed",
    "bloch_wall_energy",
    "bloch_wall_width",
    "ZeemanMap",
    "ZhangLi",
    "box",
    "cylinder",
    "ellipse",
    "evolve",
    "hysteresis",
    "in_region",
    "current_map",
    "keep_freed_memory",
    "newell_tensor",
    "polygon",
    "relax",
]
