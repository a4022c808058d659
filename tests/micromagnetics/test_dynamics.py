"""LLG dynamics on the mesh: macrospin limit, conservation laws, torques, thermal field,
checkpoints and output files."""

import numpy as np
import pytest

import spinkit.micromagnetics as mm
from spinkit import constants, io
from spinkit.errors import ParameterError
from spinkit.magnetization import (
    CubicAnisotropy,
    Demag,
    Macrospin,
    Slonczewski,
    SpinOrbitTorque,
    ThermalField,
    UniaxialAnisotropy,
    Zeeman,
    prism_factors,
    simulate,
)

MS, ALPHA = 8e5, 0.05


def local_terms():
    return (Zeeman([0.02, -0.01, 0.05]) + UniaxialAnisotropy(3e4, [0, 1, 1])
            + CubicAnisotropy(-1e4) + Slonczewski(2e10, 0.4, 3e-9, [1, 0, 0], asymmetry=1.5)
            + SpinOrbitTorque(3e10, 0.2, 3e-9, field_like_angle=-0.1))


@pytest.mark.parametrize("method", ["rk45", "rkf45"])
def test_single_cell_is_the_macrospin(method):
    """One cell with the mesh demag equals the macrospin with the cell's demag factors
    (Aharoni, J. Appl. Phys. 83, 3432 (1998)) and the same local terms: the same dm/dt to
    rounding at any m, and the same trajectory to the integrators' tolerance (either
    embedded pair)."""
    cell = (2e-9, 3e-9, 4e-9)
    mesh = mm.Mesh((1, 1, 1), cell)
    magnet = mm.Magnet(mesh, MS, ALPHA, local_terms() + mm.Demag() + mm.Exchange(1e-11))
    factors = prism_factors(*cell)
    macro = Macrospin(MS, ALPHA, np.prod(cell), local_terms() + Demag(factors))
    rng = np.random.default_rng(0)
    for _ in range(5):
        m = rng.normal(size=3)
        m /= np.linalg.norm(m)
        mesh_rhs = magnet.rhs(0.0, m.reshape(1, 1, 1, 3))[0, 0, 0]
        assert mesh_rhs == pytest.approx(macro.rhs(0.0, m), rel=1e-12, abs=1e-3)
        assert magnet.energy(m.reshape(1, 1, 1, 3)) == pytest.approx(float(macro.energy(m)),
                                                                     rel=1e-12)
    m0 = np.array([0.3, 0.2, -1.0])
    m0 /= np.linalg.norm(m0)
    traj = simulate(macro, m0, 0.5e-9, samples=11, rtol=1e-10, atol=1e-12)
    run = mm.evolve(magnet, m0.reshape(1, 1, 1, 3), 0.5e-9, output_every=0.05e-9, tol=1e-9,
                    method=method)
    assert np.allclose(run.t, traj.t, rtol=1e-12)
    assert np.abs(run.m - traj.m).max() < 1e-6


def test_uniform_state_on_a_mesh_follows_the_macrospin():
    """A uniform state of a 4 x 3 x 2 mesh with exchange (zero for uniform m) and local terms
    stays uniform and follows the macrospin."""
    mesh = mm.Mesh((4, 3, 2), (2e-9, 2e-9, 1.5e-9))
    magnet = mm.Magnet(mesh, MS, ALPHA, local_terms() + mm.Exchange(1e-11))
    macro = Macrospin(MS, ALPHA, mesh.volume, local_terms())
    m0 = np.array([0.0, 0.6, 0.8])
    traj = simulate(macro, m0, 0.3e-9, samples=4, rtol=1e-10, atol=1e-12)
    run = mm.evolve(magnet, magnet.uniform(m0), 0.3e-9, output_every=0.1e-9, tol=1e-9)
    assert np.abs(run.m - traj.m).max() < 1e-6
    assert np.abs(run.final - run.m[-1]).max() < 1e-9


def smooth_state(magnet):
    x, y, z = magnet.mesh.coordinates()
    lx, ly, _ = magnet.mesh.size
    m = np.stack([np.cos(np.pi * x / lx), np.sin(np.pi * x / lx) * np.cos(np.pi * y / ly),
                  0.3 + 0 * z], axis=-1)
    return magnet.normalize(m)


def test_energy_conserved_without_damping_and_decreasing_with():
    """alpha = 0: the LLG flow conserves the energy (exchange + demag + anisotropy + static
    field); alpha > 0: the energy never increases; |m| = 1 throughout."""
    mesh = mm.Mesh((16, 8, 2), (3e-9, 3e-9, 2e-9))
    terms = (mm.Exchange(1.3e-11) + mm.Demag() + UniaxialAnisotropy(1e4, [1, 0, 0])
             + Zeeman([0.0, 0.01, 0.0]))
    free = mm.Magnet(mesh, MS, 0.0, terms)
    m0 = smooth_state(free)
    run = mm.evolve(free, m0, 50e-12, output_every=5e-12, tol=1e-8)
    assert np.ptp(run.energy) < 1e-6 * abs(run.energy[0])
    assert np.abs(np.linalg.norm(run.final, axis=-1) - 1).max() < 1e-12
    damped = mm.Magnet(mesh, MS, 0.1, terms)
    run = mm.evolve(damped, m0, 50e-12, output_every=5e-12, tol=1e-6)
    assert np.all(np.diff(run.energy) < 0)


def test_zhang_li_rigid_wall_velocity():
    """With beta = alpha the Zhang-Li torque translates a wall rigidly at v = u =
    -P g mu_B j / (2 e Ms) (A. Thiaville et al., Europhys. Lett. 69, 990 (2005)): the wall
    centre x0 = L (1 + <m_z>) / 2 of m_z = -tanh((x - x0)/Delta) moves at u."""
    a, k = 1e-11, 1e5
    delta = np.sqrt(a / k)
    mesh = mm.Mesh((200, 1, 1), (delta / 5, 1e-9, 1e-9))
    terms = mm.Exchange(a) + UniaxialAnisotropy(k, [0, 0, 1])
    magnet = mm.Magnet(mesh, MS, 0.1, terms)
    x = mesh.coordinates()[0] - mesh.size[0] / 2
    theta = np.pi / 2 * (1 + np.tanh(x / delta))
    wall = mm.relax(magnet, np.stack([0 * x, np.sin(theta), np.cos(theta)], -1), tol=1e-6).m
    j, pol = 1e12, 0.5
    driven = magnet.with_terms(terms + mm.ZhangLi([j, 0, 0], pol, beta=0.1))
    run = mm.evolve(driven, wall, 0.2e-9, output_every=0.05e-9, tol=1e-7)
    x0 = mesh.size[0] * (1 + run.m[:, 2]) / 2
    velocity = np.polyfit(run.t, x0, 1)[0]
    u = -pol * constants.mu_B * j / (constants.e * MS)
    # central differences of the tanh profile at d = Delta/5 slow it by (d/Delta)^2/6 = 0.67 %
    assert velocity == pytest.approx(u, rel=0.008)


def test_zhang_li_at_the_surface_of_a_shape():
    """Empty cells of a shape are a free surface for the Zhang-Li gradient as the mesh's end
    is: a chain of 10 cells inside a 14-cell mesh has the torque of the bare 10-cell chain,
    for any m, and none for a uniform m (the empty neighbours once entered as m = 0, a
    torque of 9e9 1/s on the uniform state)."""
    cell = (2e-9, 2e-9, 2e-9)
    zl = mm.ZhangLi([1e12, 0, 0], 0.5, beta=0.1)
    padded = mm.Magnet(mm.Mesh((14, 1, 1), cell), MS, 0.1, zl,
                       shape=lambda x, y, z: (x > 4e-9) & (x < 24e-9))
    bare = mm.Magnet(mm.Mesh((10, 1, 1), cell), MS, 0.1, zl)
    assert np.abs(padded.rhs(0.0, padded.uniform([0, 0, 1]))).max() == 0.0
    m = bare.random(4)
    inside = np.zeros((14, 1, 1, 3))
    inside[2:12] = m
    np.testing.assert_array_equal(padded.rhs(0.0, inside)[2:12], bare.rhs(0.0, m))


def test_thermal_field_langevin():
    """Independent cells (no exchange) in a field B along z at temperature T sample the
    Boltzmann distribution: <m_z> = L(x) = coth x - 1/x with x = Ms V B / (k_B T) (Langevin;
    Brown, Phys. Rev. 130, 1677 (1963)). 256 cells, ~50 relaxation times: 3 sigma ~ 0.015."""
    mesh = mm.Mesh((16, 16, 1), (5e-9, 5e-9, 5e-9))
    temperature = 300.0
    x = 3.0
    b = x * constants.k_B * temperature / (MS * mesh.volume)
    magnet = mm.Magnet(mesh, MS, 0.5, Zeeman([0, 0, b]) + ThermalField(temperature))
    run = mm.evolve(magnet, magnet.uniform([0, 0, 1]), 5e-9, output_every=10e-12,
                    dt=1e-12, seed=7)
    mz = run.m[50:, 2].mean()
    assert mz == pytest.approx(1 / np.tanh(x) - 1 / x, abs=0.015)


class Interrupt(Exception):
    pass


class StopAfter:
    """A progress that interrupts the run after a number of outputs (a killed job)."""

    def __init__(self, n):
        self.n = n

    def reset(self, total, desc):
        pass

    def advance(self):
        self.n -= 1
        if self.n == 0:
            raise Interrupt


def test_checkpoint_resume_reaches_the_same_result(tmp_path):
    """A run interrupted after 3 of 8 outputs and resumed from its checkpoint ends in the
    same state, bit for bit, with the same table, as an uninterrupted run; snapshots are
    OVF 2.0 files that read back to the state."""
    mesh = mm.Mesh((12, 4, 1), (4e-9, 4e-9, 3e-9))
    magnet = mm.Magnet(mesh, MS, 0.02, mm.Exchange(1.3e-11) + mm.Demag()
                       + Zeeman([-0.02, 0.005, 0]))
    m0 = magnet.uniform([1, 0.2, 0])
    kw = dict(output_every=5e-12, tol=1e-5)
    ref = mm.evolve(magnet, m0, 40e-12, table=tmp_path / "ref.txt",
                    snapshots=tmp_path / "snap", snapshot_every=4, **kw)
    with pytest.raises(Interrupt):
        mm.evolve(magnet, m0, 40e-12, table=tmp_path / "t.txt",
                  checkpoint=tmp_path / "ck.npz", progress=StopAfter(3), **kw)
    resumed = mm.evolve(magnet, m0, 40e-12, table=tmp_path / "t.txt",
                        checkpoint=tmp_path / "ck.npz", resume=True, **kw)
    assert np.array_equal(resumed.final, ref.final)
    assert np.array_equal(resumed.m, ref.m)
    assert resumed.steps == ref.steps
    assert np.array_equal(ref.to_xarray()["m"].values, ref.m)
    assert ref.plot() is not None
    t_ref, t_res = io.read_table(tmp_path / "ref.txt"), io.read_table(tmp_path / "t.txt")
    assert np.array_equal(t_ref["mx"].values, t_res["mx"].values)
    assert len(t_ref["t"]) == 9 and t_ref["E_total"].attrs["units"] == "J"
    snap = io.read_ovf(tmp_path / "snap" / "m000008.ovf")
    assert np.array_equal(snap.array, ref.final)
    assert snap.cell == pytest.approx(mesh.cell, rel=1e-12, abs=0)  # ~1e-9 m


def test_hysteresis_of_a_uniaxial_cell_follows_stoner_wohlfarth():
    """A single cell with easy axis z, the field at psi = 1 mrad from the axis: it switches
    at the Stoner-Wohlfarth field h_sw B_K, B_K = 2K/Ms, h_sw = (cos^(2/3) psi +
    sin^(2/3) psi)^(-3/2) = 0.98503 (E. C. Stoner and E. P. Wohlfarth, Phil. Trans. R. Soc.
    A 240, 599 (1948)): held at (h_sw - 0.002) B_K, switched at (h_sw + 0.002) B_K; the loop
    is square."""
    k = 1e5
    bk = 2 * k / MS
    psi = 1e-3
    h_sw = (np.cos(psi) ** (2 / 3) + np.sin(psi) ** (2 / 3)) ** -1.5
    mesh = mm.Mesh((1, 1, 1), (2e-9, 2e-9, 2e-9))
    magnet = mm.Magnet(mesh, MS, 0.5, UniaxialAnisotropy(k, [0, 0, 1]))
    h = np.concatenate([np.linspace(0.9, -0.9, 10), [-(h_sw - 0.002), -(h_sw + 0.002)]])
    fields = np.outer(h, [np.sin(psi), 0, np.cos(psi)]) * bk
    loop = mm.hysteresis(magnet, magnet.uniform([0, 0, 1]), fields, tol=1e-9)
    assert np.all(loop.m[:-1, 2] > 0.99)  # held down to -(h_sw - 0.002) B_K
    assert loop.m[-1, 2] < -0.99  # switched at -(h_sw + 0.002) B_K
    ds = loop.to_xarray()
    assert ds["B"].attrs["units"] == "T" and ds["m"].shape == (12, 3)
    assert loop.plot() is not None


def test_bad_input():
    mesh = mm.Mesh((2, 2, 1), (1e-9, 1e-9, 1e-9))
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Exchange(1e-11))
    with pytest.raises(ParameterError, match="duration"):
        mm.evolve(magnet, magnet.uniform([1, 0, 0]), -1.0)
    with pytest.raises(ParameterError, match="output_every"):
        mm.evolve(magnet, magnet.uniform([1, 0, 0]), 1e-9, output_every=0.3e-9)
    with pytest.raises(ParameterError, match="method"):
        mm.evolve(magnet, magnet.uniform([1, 0, 0]), 1e-9, method="euler")
    with pytest.raises(ParameterError, match="m0"):
        mm.evolve(magnet, np.zeros((3, 3, 1, 3)), 1e-9)
    with pytest.raises(ParameterError, match="Ms"):
        mm.Magnet(mesh, -1.0, 0.1)
    with pytest.raises(ParameterError, match="dt"):
        hot = mm.Magnet(mesh, MS, 0.1, ThermalField(300))
        mm.evolve(hot, hot.uniform([1, 0, 0]), 1e-9)
    with pytest.raises(ParameterError, match="polarization"):
        mm.ZhangLi([1e12, 0, 0], 2.0)
    m = magnet.uniform([1, 0, 0])
    for name, kw in [("snapshot_every", {"snapshot_every": 0}),
                     ("snapshot_every", {"snapshot_every": 1.5}),
                     ("max_steps", {"max_steps": 0})]:
        with pytest.raises(ParameterError, match=f"^{name}"):
            mm.evolve(magnet, m, 1e-9, **kw)
    with pytest.raises(ParameterError, match="^m0"):
        mm.relax(magnet, np.zeros((3, 3, 1, 3)))
    with pytest.raises(ParameterError, match="^m0"):
        mm.relax(magnet, np.full(mesh.n + (3,), np.nan))
    with pytest.raises(ParameterError, match="^max_iterations"):
        mm.relax(magnet, m, max_iterations=-5)
    with pytest.raises(ParameterError, match="^m0"):
        mm.hysteresis(magnet, np.zeros((3, 3, 1, 3)), np.zeros((2, 3)))


def test_keep_freed_memory_is_opt_in_and_portable():
    """The allocator setting is explicit: True only where glibc accepted it, else a no-op."""
    import platform

    glibc = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
    assert mm.keep_freed_memory() is glibc


def test_regions_and_field_maps():
    """A term restricted to a region acts there only: two halves with anisotropy axes x and
    z hold m along their own axis (energy zero), the other half's axis costs K per volume;
    a field map equal to a uniform field gives the same field and energy as Zeeman."""
    mesh = mm.Mesh((4, 2, 1), (2e-9, 2e-9, 2e-9))
    left = mm.box((0, 0, 0), (4e-9, 4e-9, 2e-9))
    terms = (mm.in_region(UniaxialAnisotropy(1e5, [1, 0, 0]), left)
             + mm.in_region(UniaxialAnisotropy(1e5, [0, 0, 1]), ~mesh.mask(left)))
    magnet = mm.Magnet(mesh, MS, 0.1, terms)
    m = magnet.uniform([1, 0, 0])
    assert magnet.energy(m) == pytest.approx(1e5 * 4 * mesh.volume, rel=1e-12)
    m[2:] = [0, 0, 1]
    assert magnet.energy(m) == pytest.approx(0.0, abs=1e-30)
    assert np.abs(np.cross(m, magnet.field(m))).max() < 1e-12  # both halves in equilibrium
    b = np.array([0.01, -0.02, 0.03])
    mapped = mm.Magnet(mesh, MS, 0.1, mm.ZeemanMap(np.broadcast_to(b, mesh.n + (3,))))
    plain = mm.Magnet(mesh, MS, 0.1, Zeeman(b))
    m = plain.random(5)
    assert np.allclose(mapped.field(m), plain.field(m), rtol=0, atol=1e-15)
    assert mapped.energy(m) == pytest.approx(plain.energy(m), rel=1e-12)
    with pytest.raises(ParameterError, match="where"):
        mm.Magnet(mesh, MS, 0.1, mm.in_region(Zeeman(b), np.ones((2, 2, 2), bool)))


def test_thermal_checkpoint_resume(tmp_path):
    """With a thermal field the checkpoint carries the generator's state: the resumed run
    draws the same noise and ends in the same state as the uninterrupted one."""
    mesh = mm.Mesh((4, 4, 1), (3e-9, 3e-9, 3e-9))
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Exchange(1e-11) + ThermalField(300.0))
    m0 = magnet.uniform([0, 0, 1])
    kw = dict(output_every=1e-12, dt=1e-13, seed=3)
    ref = mm.evolve(magnet, m0, 6e-12, **kw)
    with pytest.raises(Interrupt):
        mm.evolve(magnet, m0, 6e-12, checkpoint=tmp_path / "c.npz", progress=StopAfter(2),
                  **kw)
    resumed = mm.evolve(magnet, m0, 6e-12, checkpoint=tmp_path / "c.npz", resume=True, **kw)
    assert np.array_equal(resumed.final, ref.final)
    assert not np.array_equal(ref.final, m0)
