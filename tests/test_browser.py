"""Open the pack's index.html in headless Chromium: every image loads, the tables are there.

Skipped when Chromium is absent, except under CI (the CI variable set), where it fails.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import gzinnov as gz

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND"]
# Counts what the page loaded, once it has loaded, as attributes of <body> (read back with --dump-dom).
PROBE = """<script>
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; });
  document.body.setAttribute("data-images", images.length);
  document.body.setAttribute("data-loaded", loaded.length);
  document.body.setAttribute("data-rows", document.querySelectorAll("table.scorecard tbody tr").length);
});
</script>"""
INDICATORS = ["rd_intensity", "overseas_talent"]


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Chromium is not installed (apt-get install chromium)")
        pytest.skip("Chromium is not installed")
    return path


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    return gz.build_brief(tmp_path_factory.mktemp("browser") / "briefing", indicators=INDICATORS, progress=False)


def run(chromium, profile, *args):
    cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def counts(chromium, folder, profile):
    """Open ``folder``'s index.html with the probe beside it; return the counts it set."""
    page = (folder / "index.html").read_text("utf-8")
    probe = folder / "probe.html"  # in the same folder, so that relative paths resolve the same way
    probe.write_text(page.replace("</body>", PROBE + "</body>"), "utf-8")
    dom = run(chromium, profile, "--virtual-time-budget=15000", "--dump-dom", probe.as_uri()).stdout
    body = re.search(r"<body[^>]*>", dom).group(0)
    return {k: int(v) for k, v in re.findall(r'data-(images|loaded|rows)="(\d+)"', body)}


def test_every_image_loads_and_the_scorecards_are_there(chromium, pack, tmp_path):
    found = counts(chromium, pack, tmp_path / "profile")
    # Per language: 5 overview charts and 5 per indicator; both languages.
    assert found["images"] == 2 * (5 + 5 * len(INDICATORS))
    assert found["loaded"] == found["images"]
    assert found["rows"] == 2 * len(INDICATORS)


def test_the_probe_notices_a_missing_image(chromium, pack, tmp_path):
    copy = Path(shutil.copytree(pack, tmp_path / "copy"))
    (copy / "charts" / "en" / "scorecard.png").unlink()
    found = counts(chromium, copy, tmp_path / "profile")
    assert found["loaded"] == found["images"] - 1


def test_a_screenshot_of_the_page(chromium, pack, tmp_path):
    from PIL import Image

    shot = tmp_path / "index.png"
    run(chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2400",
        "--virtual-time-budget=15000", (pack / "index.html").as_uri())
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 2400)
    assert image.getextrema()[0] < 100  # not a blank page: dark text and charts are drawn
