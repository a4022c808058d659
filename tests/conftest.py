"""Test-wide settings: a non-interactive matplotlib backend, and figures closed after each
test (kinds' plot functions return pyplot figures; the runner closes them, tests must too)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
