"""The progress bar: silent for short work, drawn once per update in logs."""

import io

from spinkit.progress import Progress


def test_quiet_when_work_is_short():
    out = io.StringIO()
    with Progress(10, "short", stream=out, delay=60.0) as bar:
        for _ in range(10):
            bar.advance()
    assert out.getvalue() == ""


def test_log_lines_and_final_count_once():
    out = io.StringIO()
    with Progress(4, "job", stream=out, delay=0.0, log_every=0.0) as bar:
        for _ in range(4):
            bar.advance()
    lines = out.getvalue().splitlines()
    assert [line.split("]")[1].split()[0] for line in lines] == ["1/4", "2/4", "3/4", "4/4"]
    assert lines[-1].startswith("job [" + "#" * 30 + "]")


def test_disabled_bar_counts_but_prints_nothing():
    out = io.StringIO()
    bar = Progress(3, stream=out, enabled=False, delay=0.0)
    bar.advance(3)
    bar.close()
    assert bar.n == 3 and out.getvalue() == ""
