"""Exact diagonalisation of spin clusters and the Hubbard dimer against closed forms.

* Two spins 1/2, H = -J S1.S2 = -(J/2)(S_tot^2 - 3/2): singlet at 3J/4, triplet at -J/4, so
  the splitting is exactly |J|. Two spins S: E(S_tot) = -(J/2)(S_tot(S_tot+1) - 2S(S+1)).
* Four-site AFM ring (J < 0): H = (|J|/2)(S_tot^2 - S_13^2 - S_24^2), ground state S_tot = 0,
  S_13 = S_24 = 1: E_0 = -2|J| (worked by hand from the sublattice spins).
* Ferromagnetic ring: the fully aligned multiplet, E_0 = -J N S^2, total spin N S.
* Lieb-Mattis: the bipartite AFM ground state is a singlet (E. Lieb and D. Mattis, J. Math.
  Phys. 3, 749 (1962)).
* Spin-1/2 AFM ring: ground-state energy per site -> 1/4 - ln 2 (L. Hulthen, Ark. Mat. Astron.
  Fys. 26A, no. 11 (1938), from Bethe's ansatz), with finite-size correction
  e(N) - e_inf = -pi^2/(12 N^2) (1 + O(1/ln^3 N)) (conformal invariance, c = 1, v = pi|J|/2:
  H. W. J. Bloete, J. L. Cardy and M. P. Nightingale, Phys. Rev. Lett. 56, 742 (1986);
  I. Affleck, Phys. Rev. Lett. 56, 746 (1986)).
* Hubbard dimer: E_S = U/2 - sqrt(U^2/4 + 4t^2), triplet at 0, the other singlets at U and
  U/2 + sqrt(U^2/4 + 4t^2) (diagonalised by hand in the bonding/antibonding basis); by
  Hellmann-Feynman the ground-state double occupancy is dE_S/dU = 1/2 - U/(4 sqrt(U^2/4+4t^2));
  superexchange 4t^2/U for U >> t (P. W. Anderson, Phys. Rev. 115, 2 (1959)).
"""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.exchange.quantum import HubbardDimer, SpinCluster, hubbard_dimer_splitting, ring

E_BETHE = 0.25 - np.log(2)


@pytest.mark.parametrize("j", [1.0, -1.0, 0.37])
def test_spin_half_dimer_splitting_is_j(j):
    c = ring(2, j)
    singlet = c.lowest(0.0, 2)[0]
    triplet = c.lowest(1.0)[0][0]
    assert sorted(singlet) == pytest.approx(sorted([0.75 * j, -0.25 * j]), abs=1e-12)
    assert triplet == pytest.approx(-0.25 * j, abs=1e-12)
    assert abs(0.75 * j - triplet) == pytest.approx(abs(j), abs=1e-12)


@pytest.mark.parametrize("spin", [1.0, 1.5])
def test_spin_s_dimer_levels(spin):
    j = -1.0
    w = np.linalg.eigvalsh(ring(2, j, spin).hamiltonian(0.0).toarray())
    levels = sorted(-(j / 2) * (st * (st + 1) - 2 * spin * (spin + 1))
                    for st in range(int(2 * spin) + 1))
    assert w == pytest.approx(levels, abs=1e-12)


def test_four_site_ring_closed_form():
    e0, sz, vec = ring(4, -1.0).ground_state()
    assert e0 == pytest.approx(-2.0, abs=1e-12)


@pytest.mark.parametrize("spin", [0.5, 1.0])
def test_ferromagnetic_ring_fully_aligned(spin):
    n = 6
    c = ring(n, 1.0, spin)
    e0 = c.lowest(n * spin)[0][0]
    assert e0 == pytest.approx(-n * spin**2, abs=1e-12)
    # SU(2): the aligned multiplet also appears in the S^z = 0 sector, with S_tot = N S
    w, v = c.lowest(0.0)
    assert w[0] == pytest.approx(e0, abs=1e-10)
    s2 = v[:, 0] @ c.total_spin_squared(0.0) @ v[:, 0]
    assert s2 == pytest.approx(n * spin * (n * spin + 1), abs=1e-8)


@pytest.mark.parametrize(("n", "spin"), [(8, 0.5), (10, 0.5), (6, 1.0)])
def test_lieb_mattis_singlet_ground_state(n, spin):
    c = ring(n, -1.0, spin)
    w, v = c.lowest(0.0)
    assert v[:, 0] @ c.total_spin_squared(0.0) @ v[:, 0] == pytest.approx(0.0, abs=1e-8)
    assert w[0] < c.lowest(1.0)[0][0]


def test_heisenberg_ring_approaches_bethe_ansatz():
    sizes = np.array([8, 10, 12, 14, 16])
    e = np.array([ring(int(n), -1.0).lowest(0.0)[0][0] / n for n in sizes])
    assert (np.diff(e) > 0).all() and (e < E_BETHE).all()  # from below, monotonically
    # conformal finite-size law, leading order (log corrections ~1 % at N = 16)
    assert sizes[-1] ** 2 * (e[-1] - E_BETHE) == pytest.approx(-np.pi**2 / 12, rel=0.02)
    # extrapolation in 1/N^2 lands on the Bethe-ansatz value
    coef = np.polyfit(1.0 / sizes**2, e, 2)
    assert coef[-1] == pytest.approx(E_BETHE, abs=2e-4)


def test_cluster_from_a_lattice_supercell():
    """A periodic chain supercell is the ring; a 2 x 2 periodic square cell is the 4-ring."""
    from spinkit.lattice import chain, square

    c = SpinCluster.from_supercell(chain().supercell(10), [-1.0])
    assert c.lowest(0.0)[0][0] == pytest.approx(ring(10, -1.0).lowest(0.0)[0][0], abs=1e-10)
    with pytest.raises(ParameterError, match="size"):
        square().supercell(2)  # neighbours coincide: too small for a periodic table
    c = SpinCluster.from_supercell(square().supercell((4, 4)), [-1.0])
    assert len(c.bonds) == 32  # N z / 2
    w, v = c.lowest(0.0)
    assert v[:, 0] @ c.total_spin_squared(0.0) @ v[:, 0] == pytest.approx(0, abs=1e-8)


def test_general_cluster_with_lanczos_matches_dense():
    """A 12-site frustrated cluster: Lanczos (sparse) equals dense diagonalisation."""
    rng = np.random.default_rng(0)
    bonds = tuple((i, j, float(rng.normal())) for i in range(12) for j in range(i + 1, 12)
                  if rng.random() < 0.3)
    c = SpinCluster(12, bonds)
    h = c.hamiltonian(0.0)
    assert h.shape[0] == 924  # C(12, 6): sparse path
    assert abs(h - h.T).max() < 1e-14
    w = c.lowest(0.0, 3)[0]
    assert w == pytest.approx(np.linalg.eigvalsh(h.toarray())[:3], abs=1e-9)


@pytest.mark.parametrize("u_over_t", [0.0, 0.5, 4.0, 10.0, 100.0])
def test_hubbard_dimer_spectrum_closed_form(u_over_t):
    t, u = 1.3, 1.3 * u_over_t
    d = HubbardDimer(t, u)
    w, _, spin2 = d.eigenstates()
    r = np.sqrt(u * u / 4 + 4 * t * t)
    assert w == pytest.approx(sorted([u / 2 - r, 0, 0, 0, u, u / 2 + r]), abs=1e-12)
    assert spin2[0] == pytest.approx(0, abs=1e-12)  # singlet ground state
    assert sorted(np.round(spin2, 12)) == [0, 0, 0, 2, 2, 2]
    gap = r - u / 2
    assert d.singlet_triplet_gap == pytest.approx(gap, rel=1e-12)
    assert hubbard_dimer_splitting(t, u) == pytest.approx(gap, rel=1e-12)
    assert d.exchange == pytest.approx(-gap, rel=1e-12)
    assert d.double_occupancy() == pytest.approx(0.5 - u / (4 * r), abs=1e-12)


def test_hubbard_dimer_superexchange_limit():
    t = 1.0
    for u in (50.0, 200.0, 1000.0):
        gap = HubbardDimer(t, u).singlet_triplet_gap
        # (U/2)(sqrt(1 + x) - 1), x = 16 t^2/U^2, expanded by hand:
        # 4t^2/U (1 - 4 t^2/U^2 + 32 t^4/U^4 - 320 t^6/U^6 + ...)
        assert gap / (4 * t * t / u) == pytest.approx(1 - 4 * t * t / u**2 + 32 / u**4,
                                                      abs=400 / u**6 + 1e-10)


def test_hubbard_ground_state_is_covalent_plus_ionic_singlet():
    d = HubbardDimer(1.0, 8.0)
    _, v, _ = d.eigenstates()
    g = dict(zip(d.basis_labels, v[:, 0], strict=True))
    assert g["u|u"] == pytest.approx(0) and g["d|d"] == pytest.approx(0)
    assert g["u|d"] == pytest.approx(-g["d|u"], abs=1e-12)  # antisymmetric in spin
    assert g["ud|0"] == pytest.approx(g["0|ud"], abs=1e-12)  # symmetric in space
    assert abs(g["u|d"]) > abs(g["ud|0"])  # mostly covalent for U > t


def test_bad_input():
    with pytest.raises(ParameterError, match="spin"):
        ring(4, 1.0, spin=0.7)
    with pytest.raises(ParameterError, match="bonds"):
        SpinCluster(3, ((0, 3, 1.0),))
    with pytest.raises(ParameterError, match="sz"):
        ring(4, 1.0).lowest(0.5)
    with pytest.raises(ParameterError, match="n_sites"):
        ring(40, 1.0)
    with pytest.raises(ParameterError, match="interaction"):
        HubbardDimer(1.0, -1.0)
    with pytest.raises(ParameterError, match="hopping"):
        HubbardDimer(0.0, 1.0)
    with pytest.raises(ParameterError, match="^interaction"):
        hubbard_dimer_splitting(1.0, -2.0)
    with pytest.raises(ParameterError, match="^hopping"):
        hubbard_dimer_splitting(np.nan, 2.0)
    with pytest.raises(ParameterError, match="^hopping"):
        HubbardDimer("1", 2.0)
