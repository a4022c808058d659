"""Cross-check against Kwant 1.5.0 where it is installed (skipped otherwise: Kwant does not
install from the package registry alone, see benchmarks/bench_tunneling.py)."""

from __future__ import annotations

import numpy as np
import pytest

from spinkit.tunneling.landauer import Device, transmission
from spinkit.tunneling.lattice import strip_blocks
from spinkit.tunneling.leads import Lead

kwant = pytest.importorskip("kwant")

S0 = np.eye(2)
SX = np.array([[0, 1], [1, 0]])
SY = np.array([[0, -1j], [1j, 0]])
SZ = np.diag([1.0, -1.0])


def test_disordered_rashba_zeeman_strip_matches_kwant():
    """Same Hamiltonian (C. W. Groth et al., New J. Phys. 16, 063065 (2014) conventions:
    syst[a, b] = H_ab, so the +x hopping is T_x^+): total transmission equal to 1e-10."""
    length, width, t, t_so, bz = 12, 5, 1.0, 0.2, 0.15
    rng = np.random.default_rng(4)
    pot = rng.uniform(-0.8, 0.8, size=(length, width))
    lat = kwant.lattice.square(1, norbs=2)
    syst = kwant.Builder()
    for x in range(length):
        for y in range(width):
            syst[lat(x, y)] = (4 * t + pot[x, y]) * S0 + bz * SZ
    hop_x = -t * S0 - 1j * t_so * SY
    hop_y = -t * S0 + 1j * t_so * SX
    syst[kwant.builder.HoppingKind((1, 0), lat, lat)] = hop_x
    syst[kwant.builder.HoppingKind((0, 1), lat, lat)] = hop_y
    lead = kwant.Builder(kwant.TranslationalSymmetry((-1, 0)))
    for y in range(width):
        lead[lat(0, y)] = 4 * t * S0 + bz * SZ
    lead[kwant.builder.HoppingKind((1, 0), lat, lat)] = hop_x
    lead[kwant.builder.HoppingKind((0, 1), lat, lat)] = hop_y
    syst.attach_lead(lead)
    syst.attach_lead(lead.reversed())
    fsyst = syst.finalized()

    h0, tx = strip_blocks(width, t, t_so, zeeman=(0.0, 0.0, bz))
    onsite = np.stack([strip_blocks(width, t, t_so, zeeman=(0.0, 0.0, bz), potential=v)[0]
                       for v in pot])
    dev = Device(onsite, np.broadcast_to(tx, (length - 1,) + tx.shape))
    for energy in (0.4, 1.3, 2.2, 3.7):
        ours = transmission(dev, Lead(h0, tx), Lead(h0, tx), energy)
        theirs = kwant.smatrix(fsyst, energy).transmission(1, 0)
        assert ours == pytest.approx(theirs, abs=1e-10)
