"""Quantum transport and tunneling: Landauer/recursive Green's function engine, magnetic
tunnel junctions from Jullière through Slonczewski to coherent symmetry-filtered tunneling.
"""
