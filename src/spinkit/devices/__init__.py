"""Devices built from the physics models: the Datta-Das spin transistor, ..."""
