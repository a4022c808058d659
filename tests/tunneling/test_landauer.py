"""Landauer / recursive Green's function engine: exact limits, invariants, references."""

from __future__ import annotations

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.tunneling.landauer import (
    Device,
    conductance,
    scattering_matrix,
    self_energies,
    spin_projector,
    transmission,
)
from spinkit.tunneling.lattice import strip_blocks
from spinkit.tunneling.leads import Lead, lead_modes

T_HOP = 1.0


def uniform(h0: np.ndarray, tx: np.ndarray, n: int) -> Device:
    return Device(np.broadcast_to(h0, (n,) + h0.shape), np.broadcast_to(tx, (n - 1,) + tx.shape))


def chain_lead() -> Lead:
    return Lead(np.zeros((1, 1)), -T_HOP * np.ones((1, 1)))


def disordered_strip(width: int, length: int, t_so: float, seed: int) -> tuple[Device, Lead]:
    rng = np.random.default_rng(seed)
    h0, tx = strip_blocks(width, T_HOP, t_so)
    pot = rng.uniform(-1.0, 1.0, size=(length, width))
    onsite = np.stack([strip_blocks(width, T_HOP, t_so, potential=v)[0] for v in pot])
    return Device(onsite, np.broadcast_to(tx, (length - 1,) + tx.shape)), Lead(h0, tx)


def test_clean_wire_transmits_its_open_channels_exactly():
    """A clean spinful strip of W sites has 2 x #{j: |E - 4t + 2t cos(j pi/(W+1))| < 2t}
    open channels (hard-wall subbands, e.g. S. Datta, Electronic Transport in Mesoscopic
    Systems (1995)); its transmission must equal that integer."""
    width = 5
    h0, tx = strip_blocks(width, T_HOP)
    energies = np.array([0.2, 0.9, 1.7, 2.6, 3.3, 4.1, 5.2, 6.4, 7.9])
    t = transmission(uniform(h0, tx, 7), Lead(h0, tx), Lead(h0, tx), energies)
    sub = 4 * T_HOP - 2 * T_HOP * np.cos(np.arange(1, width + 1) * np.pi / (width + 1))
    expected = 2 * np.sum(np.abs(energies[:, None] - sub) < 2 * T_HOP, axis=1)
    np.testing.assert_allclose(t, expected, rtol=0, atol=1e-10)
    assert expected.max() == 2 * width


def test_clean_rashba_wire_is_integer_and_counts_band_crossings():
    """With Rashba coupling the open-channel count is the number of right-moving band
    crossings of the strip's Bloch bands E_n(k) (dense diagonalisation of
    H0 + T e^{ik} + T^+ e^{-ik}, independent of the mode solver)."""
    h0, tx = strip_blocks(4, T_HOP, 0.3)
    energy = 1.3
    k = np.linspace(-np.pi, np.pi, 4001)
    hk = h0 + tx * np.exp(1j * k)[:, None, None] + tx.conj().T * np.exp(-1j * k)[:, None, None]
    bands = np.linalg.eigvalsh(hk) - energy
    crossings = np.sum(np.diff(np.sign(bands), axis=0) != 0) // 2
    t = transmission(uniform(h0, tx, 9), Lead(h0, tx), Lead(h0, tx), energy)
    assert crossings > 0
    assert t == pytest.approx(crossings, abs=1e-9)


def test_single_impurity_matches_the_exact_lattice_result():
    """A site of energy U in a chain: T = 1 / (1 + (U / (2 t sin k))^2), E = -2t cos k
    (E. N. Economou, Green's Functions in Quantum Physics, 3rd ed. (2006))."""
    u = 0.7
    energies = np.array([-1.5, -0.4, 0.3, 1.8])
    k = np.arccos(-energies / (2 * T_HOP))
    dev = Device(np.full((1, 1, 1), u), np.zeros((0, 1, 1)))
    t = transmission(dev, chain_lead(), chain_lead(), energies)
    np.testing.assert_allclose(t, 1 / (1 + (u / (2 * T_HOP * np.sin(k))) ** 2), rtol=1e-12)


def test_rectangular_barrier_continuum_limit():
    """Lattice chain with t = 1/(2 a^2) (hbar = m = 1) and a barrier U0 over length d tends to
    T = [1 + U0^2 sinh^2(kappa d) / (4 E (U0 - E))]^-1 (E. Merzbacher, Quantum Mechanics,
    3rd ed. (1998)); the lattice error is O((k a)^2): 6.2e-4 at k a = 0.05 (bound 1e-3)
    and 4x smaller at half the spacing."""
    e, u0, d = 0.5, 1.0, 3.0
    kappa = np.sqrt(2 * (u0 - e))
    exact = 1 / (1 + u0**2 * np.sinh(kappa * d) ** 2 / (4 * e * (u0 - e)))
    errors = []
    for spacing in (0.05, 0.025):
        t = 1 / (2 * spacing**2)
        n = int(round(d / spacing))
        assert n * spacing == pytest.approx(d, rel=1e-12)
        lead = Lead(np.full((1, 1), 2 * t), np.full((1, 1), -t))
        dev = Device(np.full((n, 1, 1), 2 * t + u0), np.full((n - 1, 1, 1), -t))
        errors.append(abs(transmission(dev, lead, lead, e) / exact - 1))
    assert errors[0] < 1e-3
    assert errors[0] / errors[1] == pytest.approx(4.0, rel=0.02)


def test_scattering_matrix_is_unitary_and_matches_caroli():
    """S^+ S = 1 (current conservation) for a disordered Rashba strip; sum |t|^2 from mode
    matching equals the Caroli formula Tr[Gamma_R G Gamma_L G^+] and sum |t'|^2 (two-terminal
    reciprocity T_LR = T_RL)."""
    dev, lead = disordered_strip(4, 9, 0.2, seed=3)
    energy = 1.1
    s = scattering_matrix(dev, lead, lead, energy)
    n = s.s.shape[0]
    assert n > 0
    np.testing.assert_allclose(s.s.conj().T @ s.s, np.eye(n), atol=1e-10)
    t = transmission(dev, lead, lead, energy)
    assert np.sum(np.abs(s.t) ** 2) == pytest.approx(t, rel=1e-10)
    assert np.sum(np.abs(s.t_prime) ** 2) == pytest.approx(t, rel=1e-10)


def test_rgf_matches_dense_inverse():
    """The RGF sweep equals the Caroli formula with the device Green's function from one
    dense inverse of (E - H - Sigma) over the whole strip."""
    dev, lead = disordered_strip(3, 6, 0.25, seed=7)
    energy = 0.8
    n, m = dev.size, dev.slices
    h = np.zeros((n * m, n * m), dtype=complex)
    for i in range(m):
        h[i * n:(i + 1) * n, i * n:(i + 1) * n] = dev.onsite[i]
    for i in range(m - 1):
        h[i * n:(i + 1) * n, (i + 1) * n:(i + 2) * n] = dev.hopping[i]
        h[(i + 1) * n:(i + 2) * n, i * n:(i + 1) * n] = dev.hopping[i].conj().T
    sig_l, sig_r = self_energies(lead, lead, energy)
    h[:n, :n] += sig_l
    h[-n:, -n:] += sig_r
    g = np.linalg.inv(energy * np.eye(n * m) - h)
    g_n1 = g[-n:, :n]
    gam_l = 1j * (sig_l - sig_l.conj().T)
    gam_r = 1j * (sig_r - sig_r.conj().T)
    ref = np.trace(gam_r @ g_n1 @ gam_l @ g_n1.conj().T).real
    assert transmission(dev, lead, lead, energy) == pytest.approx(ref, rel=1e-10)


def test_self_energy_solves_the_surface_dyson_equation():
    """Sigma_R = T (E - H0 - Sigma_R)^-1 T^+ (the semi-infinite lead's Dyson equation) and
    -Im Sigma is positive semidefinite (retarded); 1D chain: Sigma = -t e^{ik} exactly."""
    h0, tx = strip_blocks(3, T_HOP, 0.4, zeeman=(0.1, 0.0, 0.2))
    energy = 2.1
    sig_l, sig_r = self_energies(Lead(h0, tx), Lead(h0, tx), energy)
    eye = np.eye(h0.shape[0])
    np.testing.assert_allclose(sig_r, tx @ np.linalg.inv(energy * eye - h0 - sig_r)
                               @ tx.conj().T, atol=1e-12)
    np.testing.assert_allclose(sig_l, tx.conj().T @ np.linalg.inv(energy * eye - h0 - sig_l)
                               @ tx, atol=1e-12)
    for sig in (sig_l, sig_r):
        assert np.linalg.eigvalsh(1j * (sig - sig.conj().T)).min() > -1e-12
    e1 = 0.6
    k = np.arccos(-e1 / 2)
    s1, _ = self_energies(chain_lead(), chain_lead(), e1)
    assert s1[0, 0] == pytest.approx(-T_HOP * np.exp(1j * k), abs=1e-13)


def test_spin_independent_system_has_equal_spin_channels():
    """Without spin-orbit or exchange the Hamiltonian is 1 x sigma_0: T_upup = T_dndn, no
    spin flips, and each equals half the total."""
    dev, lead = disordered_strip(4, 8, 0.0, seed=11)
    up, dn = (spin_projector(4, "z", s) for s in (1, -1))
    energy = 1.4
    t_uu = transmission(dev, lead, lead, energy, left_projector=up, right_projector=up)
    t_dd = transmission(dev, lead, lead, energy, left_projector=dn, right_projector=dn)
    t_ud = transmission(dev, lead, lead, energy, left_projector=up, right_projector=dn)
    total = transmission(dev, lead, lead, energy)
    assert t_uu == pytest.approx(t_dd, rel=1e-10)
    assert t_ud == pytest.approx(0.0, abs=1e-12)
    assert t_uu == pytest.approx(total / 2, rel=1e-10)


def test_batched_energies_equal_single_calls():
    """A batch of energies gives the same numbers as one call per energy."""
    dev, lead = disordered_strip(3, 5, 0.15, seed=5)
    energies = np.array([0.5, 1.5, 2.5])
    batch = transmission(dev, lead, lead, energies)
    single = [transmission(dev, lead, lead, e) for e in energies]
    np.testing.assert_allclose(batch, single, rtol=1e-12)


def test_lead_modes_count_and_unit_current():
    """n right- and n left-going modes; propagating ones carry unit current."""
    h0, tx = strip_blocks(3, T_HOP, 0.3)
    m = lead_modes(h0, tx, 1.2)
    assert m.u_right.shape == m.u_left.shape == (6, 6)
    for k in range(m.n_open):
        phi, lam = m.u_right[:, k], m.lam_right[k]
        assert -2 * np.imag(lam * phi.conj() @ tx @ phi) == pytest.approx(1.0, rel=1e-10)
    assert np.all(np.abs(m.lam_right[m.n_open:]) < 1)


def test_bad_input_is_refused():
    h0, tx = strip_blocks(2, T_HOP)
    with pytest.raises(ParameterError, match="hopping"):
        lead_modes(h0, np.zeros_like(tx), 1.0)
    with pytest.raises(ParameterError, match="onsite"):
        Lead(np.array([[0, 1], [0, 0]]), np.eye(2))
    with pytest.raises(ParameterError, match="hopping"):
        Device(np.zeros((3, 2, 2)), np.zeros((3, 2, 2)))
    with pytest.raises(ParameterError, match="onsite"):
        Device(np.array([[[0, 1], [0, 0]]]), np.zeros((0, 2, 2)))
    with pytest.raises(ParameterError, match="left"):
        transmission(Device(np.zeros((2, 4, 4)), np.zeros((1, 4, 4))), Lead(h0[:2, :2],
                     tx[:2, :2]), Lead(h0, tx), 0.5)
    with pytest.raises(ParameterError, match="width"):
        strip_blocks(0, 1.0)
    with pytest.raises(ParameterError, match="^width"):
        strip_blocks(True, 1.0)
    with pytest.raises(ParameterError, match="^hopping"):
        strip_blocks(2, 1.0 + 0j)
    with pytest.raises(ParameterError, match="^rashba"):
        strip_blocks(2, 1.0, rashba=0.1j)
    with pytest.raises(ParameterError, match="^potential"):
        strip_blocks(2, 1.0, potential=np.zeros(3))
    with pytest.raises(ParameterError, match="axis"):
        spin_projector(1, "w", 1)
    with pytest.raises(ParameterError, match="^sign"):
        spin_projector(1, "z", True)
    with pytest.raises(ParameterError, match="^n_orbitals"):
        spin_projector(0, "z", 1)
    with pytest.raises(ParameterError, match="^hopping"):
        Lead(h0, -np.eye(1))
    with pytest.raises(ParameterError, match="^hopping"):
        Device(np.zeros((2, 2, 2)), np.full((1, 2, 2), np.nan))
    dev = Device(np.broadcast_to(h0, (3,) + h0.shape), np.broadcast_to(tx, (2,) + tx.shape))
    with pytest.raises(ParameterError, match="^energy"):
        transmission(dev, Lead(h0, tx), Lead(h0, tx), 0.5 + 0.01j)
    with pytest.raises(ParameterError, match="^energy"):
        lead_modes(h0, tx, np.inf)
    with pytest.raises(ParameterError, match="^left_projector"):
        transmission(dev, Lead(h0, tx), Lead(h0, tx), 0.5, left_projector=np.eye(2))
    with pytest.raises(ParameterError, match="^total_transmission"):
        conductance(-1.0)


def test_conductance_quantum():
    """G = (e^2/h) T: two open spin channels give the conductance quantum 2e^2/h = G0
    (CODATA, scipy.constants); a clean single-site-wide spinful chain inside its band has
    T = 2, i.e. exactly G0 (spin degeneracy counted once, in T)."""
    from scipy.constants import physical_constants

    g0 = physical_constants["conductance quantum"][0]
    assert conductance(2.0) == pytest.approx(g0, rel=1e-12, abs=0)
    h0, tx = strip_blocks(1, T_HOP)
    t = transmission(uniform(h0, tx, 4), Lead(h0, tx), Lead(h0, tx), 1.3)
    assert conductance(t) == pytest.approx(g0, rel=1e-10, abs=0)
