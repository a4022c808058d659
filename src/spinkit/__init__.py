"""spinkit: spintronics simulation from exchange and spin transport up to devices.

>>> import spinkit as sk
>>> sk.materials.get("Cu")["resistivity"].value      # Ohm m
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("spinkit")
except _metadata.PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

from spinkit import constants, errors, materials  # noqa: E402

__all__ = ["__version__", "constants", "errors", "materials"]


def __getattr__(name: str):  # subpackages load on first use: importing spinkit stays cheap
    import importlib
    import importlib.util

    if not name.startswith("_") and importlib.util.find_spec(f"spinkit.{name}") is not None:
        return importlib.import_module(f"spinkit.{name}")
    raise AttributeError(f"module 'spinkit' has no attribute {name!r}")
