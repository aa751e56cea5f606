"""export_figure: formats, sizes, same data -> same bytes, editable PDF text, atomic writes."""

import matplotlib.pyplot as plt
import pytest
from conftest import table
from PIL import Image

import gzinnov as gz
from gzinnov.brief.export import FORMATS

DATA = table("""
indicator_id, city, year, value, status
rd_intensity, Guangzhou, 2019, 2.9, preliminary
rd_intensity, Guangzhou, 2020, 3.1, final
rd_intensity, Guangzhou, 2021, 3.2, final
""")


def chart():
    return gz.plot_trajectory(DATA, indicator="rd_intensity", lang="zh", projections=False).figure


def test_without_a_suffix_every_format_is_written(tmp_path):
    written = gz.export_figure(chart(), tmp_path / "rd", size="slide")
    assert [p.name for p in written] == ["rd.png", "rd.svg", "rd.pdf"]
    assert all(p.stat().st_size > 0 for p in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rd.pdf", "rd.png", "rd.svg"]  # no temporary files left


@pytest.mark.parametrize("size, pixels", [("slide", (2000, 1125)), ("a4", (2338, 1654)), ("square", (1300, 1300)),
                                          ((4, 3), (800, 600))])
def test_png_is_200_dpi_at_the_named_size(tmp_path, size, pixels):
    # slide 10 x 5.625 in, A4 landscape 11.69 x 8.27 in, square 6.5 in; x 200 dpi
    fig = chart()
    before = tuple(fig.get_size_inches())
    (path,) = gz.export_figure(fig, tmp_path / "rd.png", size=size)
    assert Image.open(path).size == pixels
    assert tuple(fig.get_size_inches()) == before  # the figure keeps its own size


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_data_gives_the_same_bytes(tmp_path, fmt):
    first = gz.export_figure(chart(), tmp_path / f"a.{fmt}")[0].read_bytes()
    second = gz.export_figure(chart(), tmp_path / f"b.{fmt}")[0].read_bytes()
    assert first == second


def test_pdf_text_is_embedded_truetype_not_type3_outlines(tmp_path):
    pdf = gz.export_figure(chart(), tmp_path / "rd.pdf")[0].read_bytes()
    assert b"/FontFile2" in pdf and b"NotoSansCJKsc" in pdf  # TrueType (fonttype 42), CJK font embedded
    assert b"/Subtype /Type3" not in pdf
    assert b"/CreationDate" not in pdf


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "rd.png"
    path.write_bytes(b"old chart")
    fig = chart()

    def broken(*args, **kwargs):
        open(args[0], "wb").write(b"half a ch")
        raise OSError("disk full")

    monkeypatch.setattr(fig, "savefig", broken)
    with pytest.raises(OSError, match="disk full"):
        gz.export_figure(fig, path)
    assert path.read_bytes() == b"old chart"
    assert [p.name for p in tmp_path.iterdir()] == ["rd.png"]


def test_an_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.jpg"):
        gz.export_figure(plt.figure(), tmp_path / "chart.jpg")
