"""Dzyaloshinskii-Moriya interaction: spiral ground states and the edge boundary condition."""

import numpy as np
import pytest

import spinkit.micromagnetics as mm
from spinkit.errors import ParameterError
from spinkit.magnetization import UniaxialAnisotropy

A, D, MS = 1e-11, 2e-3, 8e5
Q0 = D / (2 * A)  # 1e8 1/m, a 63 nm period


def relaxed_phase(kind, sign):
    """Relax a spiral started at 0.8 of the expected wavevector; return the phase along the
    propagation axis, the energy density and the cell size."""
    d = 0.5e-9
    if kind == "interfacial":  # Neel spiral along x in the x-z plane; periodic in y
        mesh = mm.Mesh((300, 1, 1), (d, 1e-9, 1e-9), pbc="y")
        s, comps = mesh.coordinates()[0], (0, 2)
    else:  # Bloch helix along z in the x-y plane; periodic in x and y
        mesh = mm.Mesh((1, 1, 300), (1e-9, 1e-9, d), pbc="xy")
        s, comps = mesh.coordinates()[2], (1, 0)
    magnet = mm.Magnet(mesh, MS, 0.5, mm.Exchange(A) + mm.DMI(sign * D, kind))
    q_guess = -0.8 * sign * Q0 if kind == "interfacial" else 0.8 * sign * Q0
    m0 = np.zeros(mesh.n + (3,))
    m0[..., comps[0]] = np.sin(q_guess * s)
    m0[..., comps[1]] = np.cos(q_guess * s)
    res = mm.relax(magnet, m0, tol=1e-7)
    line = res.m.reshape(-1, 3)
    phase = np.unwrap(np.arctan2(line[:, comps[0]], line[:, comps[1]]))
    return phase, res.energy / np.prod(mesh.size), d


@pytest.mark.parametrize("kind", ["interfacial", "bulk"])
@pytest.mark.parametrize("sign", [1, -1])
def test_spiral_ground_state(kind, sign):
    """Exchange + DMI alone: the ground state is a spiral of wavevector |q| = D/(2A) and
    energy density A q^2 - D q = -D^2/(4A) (e.g. A. N. Bogdanov and D. A. Yablonskii, Sov.
    Phys. JETP 68, 101 (1989)), which satisfies the surface boundary condition exactly, so a
    finite chain holds it from end to end. Chirality: interfacial Neel m = (sin qx, 0, cos qx)
    with q = -D/(2A); bulk helix m = (cos qz, sin qz, 0) with q = +D/(2A); reversing D
    reverses it. Central differences: errors O((q d)^2) = 2.5e-3."""
    phase, w, d = relaxed_phase(kind, sign)
    q_expected = (-1 if kind == "interfacial" else 1) * sign * Q0
    assert np.abs(np.diff(phase) / d - q_expected).max() < 3e-3 * Q0
    assert w == pytest.approx(-D**2 / (4 * A), rel=4e-3)


def test_edge_tilt():
    """Perpendicular anisotropy K with interfacial DMI below the spiral threshold: the
    boundary condition tilts m at a free edge by sin(theta) = D / (2 sqrt(A K)) (S. Rohart
    and A. Thiaville, Phys. Rev. B 88, 184422 (2013)). The edge cell sits d/2 inside the
    edge, so the tilt is extrapolated to d -> 0 from d = 0.5 and 0.25 nm (Richardson, O(d))."""
    k = 5e5
    tilts = []
    for d in (0.5e-9, 0.25e-9):
        mesh = mm.Mesh((round(100e-9 / d), 1, 1), (d, 1e-9, 1e-9), pbc="y")
        magnet = mm.Magnet(mesh, MS, 0.5, mm.Exchange(A) + mm.DMI(D)
                           + UniaxialAnisotropy(k, [0, 0, 1]))
        m = mm.relax(magnet, magnet.uniform([0, 0, 1]), tol=1e-8).m
        assert m[0, 0, 0, 0] == pytest.approx(-m[-1, 0, 0, 0], abs=1e-9)  # mirror edges
        tilts.append(m[0, 0, 0, 0])
    extrapolated = 2 * tilts[1] - tilts[0]
    # 0.447; Richardson leaves O(d^2): measured -1.4e-4
    assert extrapolated == pytest.approx(D / (2 * np.sqrt(A * k)), rel=1e-3)


def test_dmi_needs_exchange_and_valid_kind():
    mesh = mm.Mesh((4, 4, 1), (1e-9, 1e-9, 1e-9))
    with pytest.raises(ParameterError, match="Exchange"):
        mm.Magnet(mesh, MS, 0.1, mm.DMI(D))
    with pytest.raises(ParameterError, match="kind"):
        mm.DMI(D, "chiral")
