"""Files: OVF 2.0 vector fields, mumax3-style tables, netCDF datasets and run provenance."""

from spinkit.io.ovf import OVFField, read_ovf, write_ovf
from spinkit.io.provenance import environment, write_dataset, write_json
from spinkit.io.table import TableWriter, read_table, write_table

__all__ = [
    "OVFField",
    "read_ovf",
    "write_ovf",
    "TableWriter",
    "read_table",
    "write_table",
    "environment",
    "write_dataset",
    "write_json",
]
