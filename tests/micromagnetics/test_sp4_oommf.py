"""muMAG standard problem 4, field 1, on the problem's own 2.5 nm mesh against OOMMF.

Reference: the OOMMF trace <m>(t) published in the fidimag repository
(examples/micromagnetic/std4/oommf.txt, produced by examples/micromagnetic/std4_oommf/
stdprob4.mif: 200 x 50 x 1 cells, Oxs_CGEvolve S-state from m0 = (1, 0.25, 0.1), rkf54
dynamics), stored with its provenance in tests/data/micromagnetics_sp4_oommf_2p5nm.txt.
Problem: muMAG Standard Problem #4, NIST CTCMS (2000): 500 x 125 x 3 nm permalloy,
Ms = 8e5 A/m, A = 1.3e-11 J/m, alpha = 0.02, mu0 H = (-24.6, 4.3, 0) mT for 1 ns.

Convention aligned: OOMMF's gyromagnetic ratio gamma_G = 2.211e5 m/(A s), i.e.
gamma = 2.211e5 / mu0 rad/(s T), is used here instead of spinkit's CODATA default
(mu0 gamma_e = 2.21276e5 m/(A s)). The 0.08 % difference stretches time by 0.8 ps per ns;
with the CODATA value the zero crossing still agrees to 0.1 ps but the final <m_y>, which
then changes by 7.5e-3 per ps, differs by 6e-3.

Issue 4 asks: final <m> within 2e-3 of the reference and the first zero crossing of <m_x>
within 2 ps, the largest deviation over the trace reported (measured: 1.6e-5).
"""

from pathlib import Path

import numpy as np
import pytest

import spinkit.micromagnetics as mm
from spinkit import constants
from spinkit.magnetization import Zeeman

REFERENCE = Path(__file__).parents[1] / "data" / "micromagnetics_sp4_oommf_2p5nm.txt"


def _first_zero(t, y):
    i = np.nonzero(np.sign(y[1:]) != np.sign(y[:-1]))[0][0]
    return t[i] - y[i] * (t[i + 1] - t[i]) / (y[i + 1] - y[i])


@pytest.fixture(scope="module")
def run():
    mm.keep_freed_memory()  # as the scenario kind does: about 2x faster FFT steps
    mesh = mm.Mesh.from_size((500e-9, 125e-9, 3e-9), (2.5e-9, 2.5e-9, 3e-9))
    terms = mm.Exchange(1.3e-11) + mm.Demag()
    static = mm.Magnet(mesh, 8e5, 0.02, terms, gamma=2.211e5 / constants.mu_0)
    m0 = mm.relax(static, static.uniform([1, 0.25, 0.1]), tol=1e-6).m
    driven = static.with_terms(terms + Zeeman((-24.6e-3, 4.3e-3, 0.0)))
    return mm.evolve(driven, m0, 1e-9, output_every=1e-12)


def test_sp4_field1_matches_oommf(run):
    ref = np.loadtxt(REFERENCE)
    idx = np.rint(ref[:, 0] / 1e-12).astype(int)
    np.testing.assert_allclose(run.t[idx], ref[:, 0], rtol=1e-12, atol=0)
    deviation = np.abs(run.m[idx] - ref[:, 1:])
    print(f"largest deviation from OOMMF over the trace: {deviation.max():.2e}")
    assert np.abs(run.m[-1] - ref[-1, 1:]).max() < 2e-3
    assert abs(_first_zero(run.t, run.m[:, 0]) - _first_zero(ref[:, 0], ref[:, 1])) < 2e-12
    assert deviation.max() < 1e-4  # measured 1.6e-5: the integrators' tolerance
