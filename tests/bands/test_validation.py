"""Bad input to the public functions of spinkit.bands and born_scattering: each is refused
with a ParameterError whose message starts with the offending parameter's name."""

import numpy as np
import pytest
from scipy.constants import eV, m_e

from spinkit.bands import (
    PAULI,
    DiracSurface,
    QiWuZhang,
    SpinOrbit2DEG,
    TightBinding,
    band_structure,
    berry_curvature,
    berry_phase,
    density_of_states,
    dirac_density_of_states,
    fermi_contour,
    rashba_density_of_states,
    straight_path,
    wilson_loop,
)
from spinkit.bands.validation import count, finite
from spinkit.errors import ParameterError
from spinkit.transport.backscattering import born_scattering

A = 5e-10
CONE = DiracSurface(5e5)
LOOP = 1e8 * np.stack([np.cos(np.arange(8)), np.sin(np.arange(8))], axis=-1)


@pytest.mark.parametrize("call", [
    lambda: band_structure("cone", np.zeros((3, 2))),
    lambda: density_of_states(None, [0.0], broadening=1e-21, k_max=1e9),
    lambda: fermi_contour(object(), 0.1 * eV, [0.0], k_max=1e9),
    lambda: wilson_loop("cone", LOOP),
    lambda: berry_phase(3.0, LOOP),
    lambda: berry_curvature(CONE),
    lambda: fermi_contour(TightBinding([[A]], [[0.0]], {(1,): [[-eV]]}), 0.0, [0.0], k_max=1e9),
    lambda: born_scattering("cone", 0.1 * eV, impurity_density=1e15, potential=1e-37,
                            k_max=1e9),
])
def test_a_model_argument_must_be_a_suitable_bloch_hamiltonian(call):
    with pytest.raises(ParameterError, match="^ham ="):
        call()


@pytest.mark.parametrize(("call", "name"), [
    (lambda: density_of_states(CONE, [0.0], broadening=1e-21, k_max=1e9, chunk=0), "chunk"),
    (lambda: density_of_states(CONE, [np.nan], broadening=1e-21, k_max=1e9), "energies"),
    (lambda: density_of_states(CONE, [0.0], broadening=1e-21, k_max=1e9, nk=True), "nk"),
    (lambda: straight_path([0.0, np.inf], [1.0, 0.0], 5), "start"),
    (lambda: straight_path([0.0, 0.0], [1.0, 0.0, 0.0], 5), "stop"),
    (lambda: straight_path([0.0, 0.0], [1.0, 0.0], 2.5), "points"),
    (lambda: dirac_density_of_states([0.0], 5e5, half_gap=-1e-21), "half_gap"),
    (lambda: dirac_density_of_states(["x"], 5e5), "energy"),
    (lambda: rashba_density_of_states([np.inf], 0.041 * m_e, 1e-30), "energy"),
    (lambda: berry_phase(CONE, LOOP, True), "band"),
    (lambda: berry_phase(CONE, LOOP, -1), "band"),
    (lambda: wilson_loop(CONE, LOOP, [0, 0]), "bands"),
    (lambda: SpinOrbit2DEG(0.041 * m_e, rashba=1 + 2j), "rashba"),
    (lambda: SpinOrbit2DEG(0.041 * m_e, rashba=np.complex128(1.0)), "rashba"),
    (lambda: QiWuZhang(0.5, eV, A).velocities([[0.0, np.nan]]), "k"),
    (lambda: CONE.energies(np.array([[1e8 + 1e7j, 0.0]])), "k"),
    (lambda: DiracSurface(5e5, zeeman=np.array([0.0, 0.0, 1j])), "zeeman"),
    (lambda: dirac_density_of_states(np.array([0.1j]), 5e5), "energy"),
    (lambda: CONE.energies(np.array([[True, False]])), "k"),
])
def test_bad_values_are_named(call, name):
    with pytest.raises(ParameterError, match=f"^{name} ="):
        call()


def test_a_loop_too_coarse_to_define_the_phase_is_refused():
    """Two neighbouring points at k and -k on the cone carry orthogonal spinors
    (overlap cos^2(pi/2) = 0): the Berry phase of that step is undefined, not 0."""
    loop = 1e8 * np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, -1.0]])
    with pytest.raises(ParameterError, match="^k_loop ="):
        berry_phase(CONE, loop, 1)


def test_tight_binding_refuses_inconsistent_input():
    with pytest.raises(ParameterError, match="^lattice_vectors ="):
        TightBinding([["a", "b"], ["c", "d"]], np.eye(2), {})
    with pytest.raises(ParameterError, match="^hoppings ="):
        TightBinding(A * np.eye(2), np.eye(2), [((1, 0), np.eye(2))])
    with pytest.raises(ParameterError, match="^hoppings ="):  # the same bond given twice
        TightBinding(A * np.eye(2), np.eye(2), {(1, 0): np.eye(2), (-1, 0): np.eye(2)})
    with pytest.raises(ParameterError, match="^spin ="):
        TightBinding(A * np.eye(2), np.eye(2), {(1, 0): np.eye(2)},
                     spin=PAULI + np.triu(np.ones((2, 2)), 1))


def test_validators_pass_good_values_through():
    assert finite("x", np.float32(1.5)) == 1.5 and isinstance(finite("x", 2), float)
    assert count("n", np.int64(8), 8, even=True) == 8
    with pytest.raises(ParameterError, match="^n = 9: must be an even integer >= 8"):
        count("n", 9, 8, even=True)
