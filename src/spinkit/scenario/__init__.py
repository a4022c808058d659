"""Scenario files: ``kind = "..."`` plus parameters in SI units, validated before running."""

from spinkit.scenario.params import REQUIRED, Param
from spinkit.scenario.registry import Kind, all_kinds, get_kind, register
from spinkit.scenario.runner import Scenario, load_scenario, run_scenarios, tour_scenarios

__all__ = [
    "REQUIRED",
    "Param",
    "Kind",
    "all_kinds",
    "get_kind",
    "register",
    "Scenario",
    "load_scenario",
    "run_scenarios",
    "tour_scenarios",
]
