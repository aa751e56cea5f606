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


def sfnt_tables(data):
    """Return the table tags of an OpenType/TrueType font file (its table directory)."""
    import struct

    count = struct.unpack(">H", data[4:6])[0]
    return {data[12 + 16 * i:16 + 16 * i].decode("latin-1") for i in range(count)}


def font_problems(path):
    """Return, for every embedded font of the PDF at ``path``, any mismatch between the font's
    type and its embedded file: a /FontFile2 (TrueType slot) must hold TrueType outlines
    (version 0x00010000 or 'true' and a 'glyf' table, no 'CFF ' table); poppler warns
    "Mismatch between font type and embedded font file" otherwise."""
    from pypdf import PdfReader

    problems = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in [font, *(f.get_object() for f in font.get("/DescendantFonts", []))]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is None or "/FontFile2" not in descriptor.get_object():
                    continue
                data = descriptor.get_object()["/FontFile2"].get_object().get_data()
                tables = sfnt_tables(data)
                if data[:4] not in (b"\x00\x01\x00\x00", b"true") or "glyf" not in tables or "CFF " in tables:
                    problems.append((number, str(font["/BaseFont"]), data[:4]))
    return problems


def test_the_checker_knows_a_cff_font_when_it_sees_one():
    from gzinnov.style import chart_font_path, font_path

    otf = font_path().read_bytes()
    # Noto Sans CJK as shipped: 'OTTO' (OpenType with CFF outlines), the kind poppler rejects in a TrueType slot.
    assert otf[:4] == b"OTTO" and "CFF " in sfnt_tables(otf)
    ttf = chart_font_path().read_bytes()
    assert ttf[:4] == b"\x00\x01\x00\x00" and "glyf" in sfnt_tables(ttf) and "CFF " not in sfnt_tables(ttf)


def test_a_chinese_pdf_embeds_its_cjk_font_with_truetype_outlines(tmp_path):
    import shutil
    import subprocess

    from pypdf import PdfReader

    (path,) = gz.export_figure(chart(), tmp_path / "rd.pdf")
    assert font_problems(path) == []
    text = PdfReader(path).pages[0].extract_text()
    assert "R&D投入强度" in text and "资料来源" in text  # the Chinese is text, not outlines
    if shutil.which("pdffonts"):  # poppler, where installed: it must not warn
        run = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        assert "Mismatch" not in run.stderr and "CID TrueType" in run.stdout


def test_every_chinese_character_the_package_writes_is_in_the_chart_font():
    import re
    from pathlib import Path

    from gzinnov.style import chart_characters

    root = Path(gz.__file__).parent
    sources = [*root.rglob("*.py"), root.parent / "data" / "indicators.yaml"]
    used = {ord(c) for p in sources for c in re.findall("[\u4e00-\u9fff]", p.read_text("utf-8"))}
    missing = used - chart_characters()
    assert len(used) > 500 and not missing, "".join(chr(c) for c in sorted(missing))
