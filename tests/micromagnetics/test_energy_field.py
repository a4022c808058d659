"""Each mesh term's field is the gradient of its energy, B = -(1/(Ms V)) dE/dm, cell by
cell: checked as a directional derivative, E(m + eps d) - E(m - eps d) = -2 eps sum Ms V
B . d, on a shaped sample (an ellipse: free surfaces inside the mesh) with two regions of
different Ms and A (the inter-region harmonic mean), for exchange, demag, interfacial and
bulk DMI (with their surface boundary conditions) and anisotropy. These energies are
quadratic in m, so the central difference is exact up to rounding (measured ~1e-11)."""

import numpy as np
import pytest

import spinkit.micromagnetics as mm
from spinkit.magnetization import UniaxialAnisotropy

MESH = mm.Mesh((7, 5, 3), (2e-9, 3e-9, 1.5e-9))
MS = np.where(np.arange(7)[:, None, None] < 3, 5e5, 8e5) * np.ones(MESH.n)
A = np.where(np.arange(7)[:, None, None] < 3, 0.5e-11, 1.3e-11) * np.ones(MESH.n)


@pytest.mark.parametrize("terms", [
    mm.Exchange(A), mm.Demag(), mm.Exchange(A) + mm.DMI(3e-3),
    mm.Exchange(A) + mm.DMI(-3e-3, "bulk"), UniaxialAnisotropy(1e5, [0.3, 0.0, 1.0])],
    ids=["exchange", "demag", "dmi-interfacial", "dmi-bulk", "anisotropy"])
def test_field_is_minus_the_energy_gradient(terms):
    magnet = mm.Magnet(MESH, MS, 0.1, terms,
                       shape=mm.ellipse((7e-9, 7.5e-9), (7e-9, 7.5e-9)))
    assert (~magnet.mask).any() and magnet.mask.sum() > 20  # a real shape
    m = magnet.random(1)
    d = magnet.random(2) - m
    eps = 1e-6
    slope = (magnet.energy(m + eps * d) - magnet.energy(m - eps * d)) / (2 * eps)
    expected = -np.sum(magnet.Ms[..., None] * MESH.volume * magnet.field(m) * d)
    assert abs(expected) > 0
    assert slope == pytest.approx(expected, rel=1e-8, abs=0)
