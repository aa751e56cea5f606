import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402

import pandas as pd  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def table(text):
    """Build a tidy observations table from an inline CSV string."""
    frame = pd.read_csv(io.StringIO(text.strip()), skipinitialspace=True)
    defaults = {"status": "final", "source_id": "test", "ref": "", "note": "", "lower_bound": False}
    for col, value in defaults.items():
        if col not in frame:
            frame[col] = value
    return frame
