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
  // How far anything sticks out past the right edge of the window (0: nothing does).
  var right = 0;
  Array.prototype.forEach.call(document.querySelectorAll("table.scorecard, table.scorecard td"), function (e) {
    right = Math.max(right, e.getBoundingClientRect().right);
  });
  document.body.setAttribute("data-width", window.innerWidth);
  document.body.setAttribute("data-overflow", Math.max(0, Math.ceil(right) - window.innerWidth,
                                                       document.documentElement.scrollWidth - window.innerWidth));
});
</script>"""
INDICATORS = ["rd_intensity", "overseas_talent"]
ROWS = int(gz.targets("Guangzhou")["indicator_id"].isin(INDICATORS).sum())  # a scorecard row per target


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
    return gz.build_brief(tmp_path_factory.mktemp("browser") / "briefing", only=INDICATORS, progress=False)


def run(chromium, profile, *args):
    cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def counts(chromium, folder, profile, page="index.html", width=1280):
    """Open ``folder``'s ``page`` with the probe beside it, ``width`` pixels wide; return the
    counts it set."""
    html = (folder / page).read_text("utf-8")
    probe = folder / "probe.html"  # in the same folder, so that relative paths resolve the same way
    probe.write_text(html.replace("</body>", PROBE + "</body>"), "utf-8")
    dom = run(chromium, profile, f"--window-size={width},844", "--virtual-time-budget=15000", "--dump-dom",
              probe.as_uri()).stdout
    body = re.search(r"<body[^>]*>", dom).group(0)
    return {k: int(v) for k, v in re.findall(r'data-(images|loaded|rows|width|overflow)="(\d+)"', body)}


@pytest.mark.parametrize("lang, page", [("zh", "index.html"), ("en", "index-en.html")])
def test_every_image_loads_and_the_scorecard_is_there(chromium, pack, tmp_path, lang, page):
    import json

    found = counts(chromium, pack, tmp_path / "profile", page)
    # One language a page: the charts drawn in it (5 overview charts, up to 5 per indicator).
    drawn = json.loads((pack / "pack.json").read_text("utf-8"))["charts"][lang]
    assert 5 + 1 <= drawn <= 5 + 5 * len(INDICATORS)
    assert found["images"] == drawn
    assert found["loaded"] == found["images"]
    assert found["rows"] == ROWS


# Headless Chromium keeps its window at least 500 px wide, so the page is opened in a 390 px frame
# (a phone's width, e.g. an iPhone 12-15); its media queries answer to the frame's width.
PHONE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="phone" src="{page}" style="width:390px;height:844px;border:0"></iframe>
<script>
window.addEventListener("load", function () {{
  var doc = document.getElementById("phone").contentDocument, win = doc.defaultView, right = 0;
  Array.prototype.forEach.call(doc.querySelectorAll("table, td"), function (e) {{
    right = Math.max(right, e.getBoundingClientRect().right);
  }});
  document.body.setAttribute("data-width", win.innerWidth);
  document.body.setAttribute("data-rows", doc.querySelectorAll("table.scorecard tbody tr").length);
  document.body.setAttribute("data-overflow", Math.max(0, Math.ceil(right) - win.innerWidth,
                                                       doc.documentElement.scrollWidth - win.innerWidth));
}});
</script></body></html>"""


def phone(chromium, folder, profile, page):
    """Open ``page`` of ``folder`` in a 390 px frame; return its width, rows and overflow."""
    frame = folder / "phone.html"
    frame.write_text(PHONE.format(page=page), "utf-8")
    dom = run(chromium, profile, "--allow-file-access-from-files", "--virtual-time-budget=15000", "--dump-dom",
              frame.as_uri()).stdout
    body = re.search(r"<body[^>]*>", dom).group(0)
    return {k: int(v) for k, v in re.findall(r'data-(width|rows|overflow)="(\d+)"', body)}


@pytest.mark.parametrize("page", ["index.html", "index-en.html"])
def test_on_a_phone_the_table_does_not_run_off_the_screen(chromium, pack, tmp_path, page):
    found = phone(chromium, pack, tmp_path / "profile", page)
    assert found["width"] == 390 and found["rows"] == ROWS
    assert found["overflow"] == 0


def test_the_phone_check_notices_a_table_that_runs_off(chromium, pack, tmp_path):
    # The same page without its narrow-screen rules (cards instead of rows; words that may break
    # anywhere): the six-column table is wider than 390 px.
    import shutil

    copy = Path(shutil.copytree(pack, tmp_path / "copy"))
    html = (copy / "index.html").read_text("utf-8")
    html = re.sub(r"@media \(max-width:640px\)\{.*?\}\}", "", html, flags=re.S).replace(";overflow-wrap:anywhere", "")
    (copy / "index.html").write_text(html, "utf-8")
    found = phone(chromium, copy, tmp_path / "profile", "index.html")
    assert found["width"] == 390 and found["overflow"] > 0


def test_the_probe_notices_a_missing_image(chromium, pack, tmp_path):
    copy = Path(shutil.copytree(pack, tmp_path / "copy"))
    (copy / "charts" / "zh" / "scorecard.png").unlink()
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
