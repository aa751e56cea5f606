"""Incremental packs: unchanged charts are copied from the previous pack, changed ones redrawn,
and the result is byte for byte what a build from nothing gives."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import gzinnov as gz
from gzinnov.brief import render
from gzinnov.brief.cache import MANIFEST
from gzinnov.cli import main
from gzinnov.errors import GzinnovError

# Two indicators in English: the plans' section (each plan's scorecard, and the 2030 ambition
# of both indicators, which Guangzhou and peers set), 5 overview charts and 5 charts for each
# indicator = 4 + 5 + 10 = 19 charts, less those the pack leaves out for want of data (listed
# in its pack.json).
SMALL = {"only": ["rd_intensity", "high_value_patents_per_10k"], "lang": "en", "progress": False, "jobs": 1}
AGAIN = {k: v for k, v in SMALL.items() if k != "only"}  # a rebuild keeps the pack's indicators
OVERVIEW = ["scorecard", "dashboard", "status-by-city", "status-by-year", "outlook-2030"]
PLANS = ["plan-gz_st_14", "plan-gz_fyp_15"] + [f"ambition-2030-{iid}" for iid in SMALL["only"]]
KINDS = ["trajectory", "peers-ranked", "peer-lines", "indexed", "ambition"]
# One user figure for R&D intensity (a made-up survey value, as a user's file would bring):
# Guangzhou's own, and a peer's.
MINE = ("indicator_id,city,year,value,status,source_id,note\n"
        "rd_intensity,Guangzhou,2024,3.61,reported,my_survey,\n")
PEER = ("indicator_id,city,year,value,status,source_id,note\n"
        "rd_intensity,Hangzhou,2024,3.86,reported,my_survey,\n")


def charts_of(pack):
    """The chart ids the pack drew: the 19 candidates less those it lists as left out."""
    left = {c["id"] for c in json.loads((Path(pack) / "pack.json").read_text("utf-8"))["skipped"]["en"]}
    ids = PLANS + OVERVIEW + [f"{k}-{iid}" for iid in SMALL["only"] for k in KINDS]
    assert len(ids) == 4 + 5 + 5 * 2
    return [c for c in ids if c not in left]


def tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


@pytest.fixture
def drawn(monkeypatch):
    """Record the charts each build draws (in this process: the builds use one job)."""
    seen = []
    original = render.draw_charts

    def spy(charts, lang, name, folder, tick=lambda: None):
        seen.extend(f"{lang}/{c['id']}" for c in charts)
        return original(charts, lang, name, folder, tick)

    monkeypatch.setattr(render, "draw_charts", spy)
    return seen


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """The small pack, built from nothing; a copy of it is handed to each test."""
    return gz.build_brief(tmp_path_factory.mktemp("cold") / "pack", **SMALL)


def copy_of(pack, tmp_path):
    return Path(shutil.copytree(pack, tmp_path / "pack"))


def test_a_rebuild_with_nothing_changed_draws_nothing_and_is_byte_identical(cold, tmp_path, drawn):
    out = copy_of(cold, tmp_path)
    gz.build_brief(out, **AGAIN)
    assert drawn == []
    assert tree(out) == tree(cold)
    assert sorted(f for f in tree(out) if f.endswith(".png")) == sorted(f"charts/en/{c}.png" for c in charts_of(cold))


def test_one_user_figure_redraws_only_the_charts_that_show_it(cold, tmp_path, drawn, capsys):
    mine = tmp_path / "mine.csv"
    mine.write_text(MINE, "utf-8")
    out = copy_of(cold, tmp_path)
    gz.build_brief(out, files=[mine], **{**AGAIN, "progress": None})  # stderr is not a terminal here
    # Guangzhou's R&D intensity is drawn by its own five charts and its 2030 ambition, by the
    # five overview charts (which show every target of the city) and by both plans' scorecards
    # (each holds the city's R&D-intensity target); the patent charts do not show it.
    shown = PLANS[:2] + ["ambition-2030-rd_intensity"] + OVERVIEW + [f"{k}-rd_intensity" for k in KINDS]
    total = len(charts_of(cold))
    kept = [c for c in charts_of(cold) if c not in shown]
    assert kept and all(c.endswith("-high_value_patents_per_10k") for c in kept)
    line = f"gzinnov brief: {total}/{total} charts ({len(kept)} reused, {total - len(kept)} redrawn)"
    assert line in capsys.readouterr().err.splitlines()
    assert sorted(drawn) == sorted(f"en/{c}" for c in shown if c in charts_of(cold))
    before, after = tree(cold), tree(out)
    for chart in kept:
        name = f"charts/en/{chart}.png"
        assert after[name] == before[name]
    assert after["charts/en/trajectory-rd_intensity.png"] != before["charts/en/trajectory-rd_intensity.png"]
    # ... and the pack is what a build from nothing with the same figure gives, book included.
    fresh = gz.build_brief(tmp_path / "fresh", files=[mine], **SMALL)
    assert after == tree(fresh)


def test_a_peers_figure_redraws_only_the_charts_that_show_that_peer(cold, tmp_path, drawn):
    mine = tmp_path / "peer.csv"
    mine.write_text(PEER, "utf-8")
    out = copy_of(cold, tmp_path)
    gz.build_brief(out, files=[mine], **AGAIN)
    # Hangzhou has R&D-intensity targets, so it is on every R&D-intensity chart (the trajectory
    # draws the peers with targets), on the 2030 ambition and on the status of every city; not on
    # Guangzhou's scorecard, dashboard, outlook or plans, nor on the patent charts.
    shown = ["ambition-2030-rd_intensity", "status-by-city"] + [f"{k}-rd_intensity" for k in KINDS]
    assert sorted(drawn) == sorted(f"en/{c}" for c in shown if c in charts_of(cold))
    fresh = gz.build_brief(tmp_path / "fresh", files=[mine], **SMALL)
    assert tree(out) == tree(fresh)


def test_the_manifest_names_every_chart_file_with_its_key(cold):
    manifest = json.loads((cold / MANIFEST).read_text("utf-8"))
    charts = manifest["charts"]["en"]
    assert sorted(charts) == sorted(charts_of(cold))
    files = [f for entry in charts.values() for f in entry["files"]]
    assert len(files) == len(charts) * 3  # PNG, SVG and PDF page of each chart
    assert all((cold / f).is_file() for f in files)
    assert len({entry["key"] for entry in charts.values()}) == len(charts)


def test_only_redraws_the_named_charts_and_copies_the_rest(cold, tmp_path, drawn):
    out = copy_of(cold, tmp_path)
    gz.build_brief(out, only=["scorecard"], **AGAIN)
    assert drawn == ["en/scorecard"]
    drawn.clear()
    gz.build_brief(out, only=["rd_intensity"], **AGAIN)  # an indicator: the charts of its section
    assert sorted(drawn) == sorted(f"en/{k}-rd_intensity" for k in KINDS if f"{k}-rd_intensity" in charts_of(cold))
    assert tree(out) == tree(cold)  # nothing had changed: redrawn charts are the same bytes


def test_the_command_passes_only_to_the_build(tmp_path, monkeypatch):
    from gzinnov.brief import build

    calls = []
    monkeypatch.setattr(build, "build_brief", lambda out, **kw: calls.append(kw) or Path(out))
    monkeypatch.setattr(build, "pack_summary", lambda out, lang: "")  # no pack was written
    assert main(["brief", "--out", str(tmp_path / "p"), "--only", "rd_intensity", "scorecard"]) == 0
    assert calls[0]["only"] == ["rd_intensity", "scorecard"]


def test_only_with_an_unknown_name_says_which_names_exist(cold, tmp_path):
    out = copy_of(cold, tmp_path)
    with pytest.raises(GzinnovError, match="did you mean 'rd_intensity'"):
        gz.build_brief(out, only=["rd_intensity_x"], **AGAIN)


def test_a_rebuild_redraws_a_chart_whose_file_was_edited_in_the_pack(cold, tmp_path, drawn):
    out = copy_of(cold, tmp_path)
    (out / "charts" / "en" / "scorecard.png").write_bytes(b"edited by hand")
    gz.build_brief(out, **AGAIN)
    assert drawn == ["en/scorecard"]  # not copied as it now is: drawn again, the rest reused
    assert tree(out) == tree(cold)


def test_a_new_user_file_redraws_the_books_cover_and_copies_its_contents(cold, tmp_path, monkeypatch):
    from gzinnov.brief import book

    drawn = {"cover": 0, "contents": 0}
    for name in drawn:
        original = getattr(book, f"draw_{name}")
        monkeypatch.setattr(book, f"draw_{name}", lambda *a, _f=original, _n=name, **k: drawn.update(
            {_n: drawn[_n] + 1}) or _f(*a, **k))
    mine = tmp_path / "peer.csv"
    mine.write_text(PEER, "utf-8")
    out = copy_of(cold, tmp_path)
    gz.build_brief(out, files=[mine], **AGAIN)
    assert drawn == {"cover": 1, "contents": 0}  # the cover names the user file; the contents are as they were
