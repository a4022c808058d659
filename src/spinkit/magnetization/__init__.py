"""Magnetization dynamics: the Landau-Lifshitz-Gilbert equation with spin torques.

Terms describe the physics and add up; an engine evaluates them. The same terms drive a
macrospin (:class:`Macrospin`, :func:`simulate`) and are written for a finite-difference
mesh too (every formula is vectorized over cells)::

    import spinkit.magnetization as mag
    magnet = mag.Macrospin(Ms=1.2e6, alpha=0.01, volume=40e-9**2 * 1e-9,
                           terms=mag.Zeeman([0, 0, 0.05]) + mag.UniaxialAnisotropy(8e5)
                           + mag.Demag.thin_film() + mag.ThermalField(300))
    traj = mag.simulate(magnet, [0, 0.1, 1], 5e-9, method="heun", seed=1)
"""

from spinkit.magnetization.analytic import (
    brown_relaxation_time,
    damped_precession,
    kittel_frequency,
    larmor_frequency,
    neel_relaxation_time,
    sun_critical_current,
    thermal_stability,
)
from spinkit.magnetization.anisotropy import CubicAnisotropy, UniaxialAnisotropy
from spinkit.magnetization.demag import Demag, prism_factors
from spinkit.magnetization.ensemble import SwitchingResult, switching_ensemble, wilson_interval
from spinkit.magnetization.escape import (
    EscapeResult,
    escape_time,
    high_barrier_escape_time,
    uniaxial_escape_time,
    uniaxial_interfaces,
)
from spinkit.magnetization.exchange import InterlayerExchange
from spinkit.magnetization.macrospin import METHODS, Macrospin, Trajectory, simulate
from spinkit.magnetization.readout import MTJReadout
from spinkit.magnetization.stack import Coupling, Stack, StackTrajectory, simulate_stack
from spinkit.magnetization.term import (
    Constant,
    EnergyTerm,
    Function,
    Pulse,
    Sinc,
    Sine,
    SpinTorque,
    Term,
    Terms,
    Waveform,
)
from spinkit.magnetization.thermal import ThermalField
from spinkit.magnetization.torques import Slonczewski, SpinOrbitTorque, spin_torque_field
from spinkit.magnetization.zeeman import Zeeman

__all__ = [
    "METHODS",
    "Constant",
    "Coupling",
    "CubicAnisotropy",
    "Demag",
    "EnergyTerm",
    "EscapeResult",
    "Function",
    "InterlayerExchange",
    "MTJReadout",
    "Macrospin",
    "Pulse",
    "Sine",
    "SwitchingResult",
    "Sinc",
    "Slonczewski",
    "SpinOrbitTorque",
    "SpinTorque",
    "Stack",
    "StackTrajectory",
    "Term",
    "Terms",
    "ThermalField",
    "Trajectory",
    "UniaxialAnisotropy",
    "Waveform",
    "Zeeman",
    "brown_relaxation_time",
    "damped_precession",
    "escape_time",
    "high_barrier_escape_time",
    "kittel_frequency",
    "larmor_frequency",
    "neel_relaxation_time",
    "prism_factors",
    "simulate",
    "simulate_stack",
    "spin_torque_field",
    "sun_critical_current",
    "switching_ensemble",
    "thermal_stability",
    "uniaxial_escape_time",
    "uniaxial_interfaces",
    "wilson_interval",
]
