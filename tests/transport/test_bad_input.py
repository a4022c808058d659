"""Every public parameter of the transport models is refused by name when it is not a real
number in its range: NaN, infinity, booleans, complex numbers and strings included; nothing
is clipped."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.transport.amr import amr_readout, amr_resistivity
from spinkit.transport.injection import Junction
from spinkit.transport.noncollinear import contact_conductances, spin_valve_angle
from spinkit.transport.two_current import (
    channel_conductivity,
    cip_resistivity,
    current_polarization,
    dos_polarization,
)
from spinkit.transport.valet_fert import Interface, Layer, fnf_resistance_area

NOT_REAL = [float("nan"), float("inf"), True, 1 + 1j, "1e-9"]
JUNCTION = dict(rho_f=2e-7, beta=0.5, lambda_f=5e-9, rho_n=1e-8, lambda_n=1e-6, r_b=0.0,
                gamma=0.0)
FNF = dict(rho_f=2e-7, beta=0.5, lambda_f=1e-8, rho_n=1e-8, lambda_n=1e-7, t_n=1e-9, r_b=0.0,
           gamma=0.0)
AMR = dict(m=np.array([1.0, 0, 0]), rho_par=2.2e-7, rho_perp=2.1e-7, length=1e-6, width=1e-7,
           thickness=1e-8, current=1e-3)
VALVE = dict(theta=np.array([0.0, 1.0]), g_up=3e15, g_down=1e15, g_mix=1e15, g_sf=0.0)
CONTACT = dict(rho_f=2e-7, beta=0.5, lambda_f=1e-8, r_b=1e-16, gamma=0.3)
LAYER = dict(thickness=1e-9, resistivity=1e-7, beta=0.5, spin_diffusion_length=1e-8)

CASES = ([(Junction, JUNCTION, k) for k in JUNCTION]
         + [(fnf_resistance_area, FNF, k) for k in FNF]
         + [(amr_readout, AMR, k) for k in ("rho_par", "rho_perp", "length", "width",
                                             "thickness", "current")]
         + [(spin_valve_angle, VALVE, k) for k in ("g_up", "g_down", "g_mix", "g_sf")]
         + [(contact_conductances, CONTACT, k) for k in CONTACT]
         + [(Layer, LAYER, k) for k in LAYER]
         + [(Interface, dict(resistance_area=1e-16, gamma=0.5), k)
            for k in ("resistance_area", "gamma")]
         + [(channel_conductivity, dict(dos=1e47, v2tau=1e-2), k) for k in ("dos", "v2tau")]
         + [(current_polarization, dict(sigma_up=1.0, sigma_down=2.0), "sigma_down"),
            (dos_polarization, dict(dos_up=1.0, dos_down=2.0), "dos_up")])


# lambda_sf = inf is the documented no-spin-flip layer, so that one pair is not bad input
BAD = [(f, g, k, b) for f, g, k in CASES for b in NOT_REAL
       if not (k == "spin_diffusion_length" and b == float("inf"))]


@pytest.mark.parametrize(("func", "good", "key", "bad"), BAD,
                         ids=[f"{f.__name__}-{k}-{b!r}" for f, _, k, b in BAD])
def test_not_a_real_number_is_refused_by_name(func, good, key, bad):
    with pytest.raises(ParameterError, match=f"^{key} = "):
        func(**{**good, key: bad})


@pytest.mark.parametrize(("func", "good", "key", "bad"), [
    (Junction, JUNCTION, "beta", 1.0), (Junction, JUNCTION, "gamma", -1.0),
    (Junction, JUNCTION, "r_b", -1e-16), (fnf_resistance_area, FNF, "t_n", 0.0),
    (contact_conductances, CONTACT, "gamma", 1.0), (spin_valve_angle, VALVE, "g_mix", 0.0),
    (Layer, LAYER, "thickness", 0.0), (channel_conductivity, dict(dos=1.0, v2tau=1.0), "dos",
                                       -1.0)])
def test_out_of_range_is_refused_by_name(func, good, key, bad):
    with pytest.raises(ParameterError, match=f"^{key} = "):
        func(**{**good, key: bad})


def test_arrays_and_flags_are_checked():
    with pytest.raises(ParameterError, match="^theta = "):
        spin_valve_angle(np.array([0.0, np.nan]), g_up=1.0, g_down=1.0, g_mix=1.0)
    with pytest.raises(ParameterError, match="^m = "):
        amr_resistivity(np.array([1.0 + 1j, 0, 0]), [1, 0, 0], 2e-7, 1e-7)
    with pytest.raises(ParameterError, match="^field = "):
        amr_readout(**{**AMR, "field": 1})
    with pytest.raises(ParameterError, match="^thickness = "):
        cip_resistivity([1.0, 1.0], [2.0, 2.0], [1e-9, np.nan], [1, 1])
    with pytest.raises(ParameterError, match="^rho_down = "):
        cip_resistivity([1.0, 1.0], [2.0], [1e-9, 1e-9], [1, 1])
    with pytest.raises(ParameterError, match="^magnetization = "):
        cip_resistivity([1.0, 1.0], [2.0, 2.0], [1e-9, 1e-9], [1, 0.5])
    with pytest.raises(ParameterError, match="^magnetization = "):
        Layer(1e-9, 1e-7, 0.5, 1e-8, True)
    with pytest.raises(ParameterError, match="^t_n = "):
        Junction(**JUNCTION).magnetoresistance(float("nan"))
    with pytest.raises(ParameterError, match="^current_density = "):
        Junction(**JUNCTION).injected(float("inf"))


def test_boltzmann_scalars_are_checked():
    from spinkit import constants as c
    from spinkit.transport.boltzmann import ParabolicBands, boltzmann_conductivity

    kw = dict(reciprocal_vectors=2e10 * np.eye(3), n_k=8, chemical_potential=5 * c.eV,
              temperature=0.0, tau=1e-14)
    for key, bad in (("temperature", True), ("temperature", np.nan), ("temperature", -1.0),
                     ("chemical_potential", 1j), ("tau", True), ("tau", -1e-14),
                     ("origin", [0.0, 0.0]), ("chunk", 0)):
        with pytest.raises(ParameterError, match=f"^{key} = "):
            boltzmann_conductivity(ParabolicBands((c.m_e,)), **{**kw, key: bad})
