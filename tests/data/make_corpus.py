"""Write the committed files of the hostile-input corpus in tests/data/bad/.

Run it once after changing a file here: ``python tests/data/make_corpus.py``. The tests
read the files it writes and never run it. Files that would be silly to commit (50 MB,
200 MB, a 200,000-character cell) are made by the tests in a temporary folder.
The numbers are test fixtures, not published figures.
"""

import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl

BAD = Path(__file__).parent / "bad"
HEADER = "indicator_id,city,year,value,source_id\n"
ZH_HEADER = "指标,城市,年份,数值,来源\n"


def text_files():
    """Return {name: bytes} for every text file of the corpus."""
    utf8 = {
        # delimiters
        "delim_tab.tsv": "indicator_id\tcity\tyear\tvalue\tsource_id\n"
                         "rd_intensity\tGuangzhou\t2022\t3.43\tx\n"
                         "tech_contract_turnover\tGuangzhou\t2022\t2,645.5\tx\n",
        "delim_semicolon.csv": "indicator_id;city;year;value;source_id\n"
                               "rd_intensity;Guangzhou;2022;3.43;x\n"
                               "tech_contract_turnover;Guangzhou;2022;2,645.5;x\n",
        "delim_semicolon_decimal_comma.csv": "indicator_id;city;year;value;source_id\n"
                                             "rd_intensity;Guangzhou;2022;3,4;x\n"
                                             "tech_contract_turnover;Guangzhou;2022;2,645;x\n",
        # rows and columns
        "layout_title_and_merged_header.csv": "广州市科技创新主要指标,,,,\n,,,,\n,,,数据,\n" + ZH_HEADER +
                                              "R&D投入强度,广州,2022,3.43,x\n",
        "layout_quoted_title.csv": '"广州市科技指标, 2021—2022",,,,\n' + HEADER + "rd_intensity,Guangzhou,2021,3.12,x\n"
                                   'tech_contract_turnover,Guangzhou,2022,"2,645.5",x\n',
        "layout_old_mac_line_endings.csv": (HEADER + "rd_intensity,Guangzhou,2021,3.12,x\n"
                                            "rd_intensity,Guangzhou,2022,3.43,x\n").replace("\n", "\r"),
        "layout_unit_line_above.csv": "广州市研发经费\n单位:万元\n" + HEADER +
                                      "rd_expenditure,Guangzhou,2022,9800000,x\n"
                                      "basic_research_expenditure,Guangzhou,2022,1352000,x\n",
        "layout_trailing_notes.csv": HEADER + "rd_intensity,Guangzhou,2022,3.43,x\n"
                                     "注:2022年为初步数。\n资料来源:广州市统计局,广州统计年鉴\n注1:R&D即研究与试验发展\n",
        "layout_column_order.csv": "value,year,source_id,city,indicator_id\n3.43,2022,x,Guangzhou,rd_intensity\n",
        "layout_extra_columns.csv": "序号,indicator_id,city,year,value,source_id,审核人,备用\n"
                                    "1,rd_intensity,Guangzhou,2022,3.43,x,张三,\n",
        "layout_unit_in_header.csv": "指标,城市,年份,数值(万元),来源\nR&D经费,广州,2022,9800000,x\n",
        "layout_unit_column.csv": "indicator_id,city,year,value,unit,source_id\n"
                                  "rd_expenditure,Guangzhou,2022,9800000,万元,x\n"
                                  "basic_research_expenditure,Guangzhou,2023,13.52,十亿元,x\n"
                                  "resident_population,Guangzhou,2022,3500,人,x\n"
                                  "rd_intensity,Guangzhou,2022,3.43,,x\n",
        "layout_unit_clash.csv": "指标,城市,年份,数值(万元),单位,来源\nR&D经费,广州,2022,9800000,亿元,x\n",
        "layout_blank_rows_and_spaces.csv": HEADER + "\n  rd_intensity , Guangzhou , 2022 , 3.43 , x \n\n,,,,\n"
                                            "tech_contract_turnover,Guangzhou,2022, 2645.5 ,x\n",
        "layout_wide_years.csv": "指标,城市,2020,2021,2022\nR&D投入强度,广州,3.1,3.12,3.43\n",
        "layout_unquoted_comma.csv": HEADER + "rd_intensity,Guangzhou,2022,3.43,x\n"
                                     "tech_contract_turnover,Guangzhou,2022,2,645.5,x\n",
        "layout_two_value_columns.csv": "indicator_id,city,year,数值,value,source_id\n"
                                        "rd_intensity,Guangzhou,2022,3.43,3.4,x\n",
        "layout_unclosed_quote.csv": HEADER + "rd_intensity,Guangzhou,2021,3.12,x\n"
                                     'tech_contract_turnover,Guangzhou,2022,"2,645.5,x\n'
                                     "rd_intensity,Guangzhou,2022,3.43,x\n",
        # numbers
        "num_fullwidth.csv": HEADER + "rd_intensity,Guangzhou,２０２２,３．４３,x\n"
                             'tech_contract_turnover,Guangzhou,2022,"２，６４５．５",x\n',
        "num_thousands.csv": HEADER + 'tech_contract_turnover,Guangzhou,2022,"2,645.5",x\n'
                             'rd_personnel_headcount,Guangzhou,2022,"1,234,567",x\n'
                             "invention_patents_granted,Guangzhou,2022,27 604,x\n",
        "num_wan_yi.csv": HEADER + "rd_personnel_headcount,Guangzhou,2022,1.2万,x\n"
                          "tech_contract_turnover,Guangzhou,2022,2413.1亿元,x\n"
                          "gdp,Guangzhou,2022,2.88万亿元,x\n"
                          "resident_population,Guangzhou,2021,3500人,x\n"
                          "resident_population,Guangzhou,2022,0.35万人,x\n"
                          "national_incubators,Guangzhou,2022,20余家,x\n",
        "num_percent.csv": HEADER + "rd_intensity,Guangzhou,2022,3.43%,x\nhitech_output_share,Guangzhou,2022,46.9％,x\n",
        "num_missing_marks.csv": HEADER + "rd_intensity,Guangzhou,2018,—,x\nrd_intensity,Guangzhou,2019,…,x\n"
                                 "rd_intensity,Guangzhou,2020,--,x\nrd_intensity,Guangzhou,2021,,x\n"
                                 "rd_intensity,Guangzhou,2022,3.43,x\nrd_intensity,Guangzhou,2023,暂无,x\n",
        "num_footnotes.csv": HEADER + "rd_intensity,Guangzhou,2021,3.12*,x\nrd_intensity,Guangzhou,2022,3.43①,x\n"
                             "tech_contract_turnover,Guangzhou,2022,2645.5²,x\n"
                             "hitech_output_share,Guangzhou,2022,46.9†,x\n",
        "num_scientific.csv": HEADER + "rd_personnel_headcount,Guangzhou,2022,1.2E+04,x\n"
                              "tech_contract_turnover,Guangzhou,2022,2.6455e3,x\n"
                              "rd_intensity,Guangzhou,2022,343e-2,x\n",
        "num_lower_bound.csv": HEADER + "high_tech_enterprises,Guangzhou,2022,超过12000家,x\n"
                               "tech_contract_turnover,Guangzhou,2022,突破2000亿元,x\n"
                               "national_incubators,Guangzhou,2022,40家以上,x\n",
        "num_bad_forms.csv": HEADER + "rd_intensity,Guangzhou,2015,约3.4,x\nrd_intensity,Guangzhou,2016,3.4.5,x\n"
                             'tech_contract_turnover,Guangzhou,2017,"12,34",x\nrd_intensity,Guangzhou,2018,3 4,x\n'
                             "tech_contract_turnover,Guangzhou,2019,=B2*2,x\nrd_intensity,Guangzhou,2020,#DIV/0!,x\n"
                             "overseas_talent,Guangzhou,2021,1.2万,x\ntech_contract_turnover,Guangzhou,2022,3.4%,x\n"
                             "rd_intensity,Guangzhou,2023,3-4,x\n",
        # impossible values
        "impossible_rank_zero.csv": HEADER + "nature_index_rank,Guangzhou,2023,0,x\n",
        "impossible_unit_scale.csv": HEADER + "rd_expenditure,Guangzhou,2022,98000000000,x\n"
                                     "resident_population,Guangzhou,2022,18734000,x\n",
        "impossible_share_percent.csv": HEADER + "hitech_output_share,Guangzhou,2022,340%,x\n",
        "impossible_years.csv": HEADER + "rd_intensity,Guangzhou,22,3.1,x\nrd_intensity,Guangzhou,2022.5,3.2,x\n"
                                "rd_intensity,Guangzhou,1900,3.3,x\nrd_intensity,Guangzhou,二〇二二,3.4,x\n",
        "impossible_all_at_once.csv": HEADER + "patent_magic,Guangzhou,2022,1,x\nrd_intensity,,2022,3.4,x\n"
                                      "rd_intensity,Guangzhou,20222,3.4,x\nnational_incubators,Guangzhou,2022,-4,x\n"
                                      "rd_intensity,Guangzhou,2021,high,\n",
        "status_and_flags.csv": "indicator_id,city,year,value,status,lower_bound,source_id\n"
                                "rd_intensity,Guangzhou,2021,3.12,估计,false,x\n"
                                "rd_intensity,Guangzhou,2022,3.43,初步核算,maybe,x\n",
        "unit_unknown.csv": "indicator_id,city,year,value,unit,source_id\nrd_expenditure,Guangzhou,2022,140,亿美元,x\n",
        # duplicates
        "dup_identical_rows.csv": HEADER + "rd_intensity,Guangzhou,2022,3.43,x\nrd_intensity,Guangzhou,2021,3.12,x\n"
                                  "rd_intensity,Guangzhou,2022,3.43,x\n",
        "dup_same_value_other_source.csv": HEADER + "rd_intensity,Guangzhou,2022,3.43,x\n"
                                           "rd_intensity,Guangzhou,2022,3.43,y\n",
        # broken files
        "header_only.csv": HEADER,
        "truncated_mid_row.csv": HEADER + "rd_intensity,Guangzhou,2021,3.12,x\nrd_intensity,Guangzhou,20",
        "formula_injection.csv": HEADER + 'rd_intensity,Guangzhou,2022,"=1+2",x\n'
                                 'tech_contract_turnover,Guangzhou,2022,"=HYPERLINK(""http://example.com"",""1"")",x\n',
        "yaml_payload.yaml": "!!python/object/apply:os.system ['touch gzinnov_was_executed']\n"
                             "indicators: []\n",
        "html_saved_as.xls": "<html><body><table><tr><td>指标</td><td>数值</td></tr>"
                             "<tr><td>R&D投入强度</td><td>3.43</td></tr></table></body></html>\n",
    }
    files = {name: text.encode("utf-8") for name, text in utf8.items()}
    zh = ZH_HEADER + "R&D投入强度,广州,2021,3.12,市统计局\n技术合同成交额,广州市,2022,2645.5亿元,市科技局\n"
    files["enc_utf8_bom.csv"] = b"\xef\xbb\xbf" + zh.encode("utf-8")
    files["enc_gbk.csv"] = zh.encode("gbk")
    # 𠀀 (U+20000) exists in GB18030 but not in GBK
    files["enc_gb18030.csv"] = (ZH_HEADER.rstrip("\n") + ",备注\nR&D投入强度,广州,2022,3.43,市统计局,𠀀字测试\n").encode("gb18030")
    files["enc_utf16le_tab.txt"] = zh.replace(",", "\t").encode("utf-16")  # Excel's "Unicode text"
    files["enc_utf16be.csv"] = b"\xfe\xff" + zh.encode("utf-16-be")
    files["enc_mixed.csv"] = (ZH_HEADER + "R&D投入强度,广州,2021,3.12,市统计局\n").encode("utf-8") + \
        "技术合同成交额,广州,2022,2645.5,市科技局\n".encode("gbk")
    files["truncated_mid_character.csv"] = zh.encode("utf-8")[:-5]  # cuts 局 (3 bytes) short
    files["binary_garbage.bin"] = random.Random(7).randbytes(2048)
    files["legacy_xls.xls"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return files


def _with_cached_values(data, cached):
    """Store results for formulas, as Excel does on saving ({cell ref: value})."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                xml = content.decode("utf-8")
                for ref, value in cached.items():
                    xml = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v ?/>', rf"\g<1><v>{value}</v>", xml)
                content = xml.encode("utf-8")
            dst.writestr(item, content)
    return out.getvalue()


def _book(sheets):
    """Return a workbook; ``sheets`` is {title: rows}."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    return book


def _save(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbooks():
    """Return {name: bytes} for every workbook of the corpus."""
    import datetime as dt

    head = ["indicator_id", "city", "year", "value", "source_id"]
    files = {}
    book = _book({"说明": [["本工作簿列出广州市科技指标"], ["第二、三张表为数据"]],
                     "2021": [head, ["rd_intensity", "Guangzhou", 2021, 3.12, "x"]],
                     "2022": [head, ["rd_intensity", "Guangzhou", 2022, 3.43, "x"],
                              ["tech_contract_turnover", "Guangzhou", 2022, "2645.5", "x"]]})
    files["xlsx_several_sheets.xlsx"] = _save(book)
    formulas = [head, ["tech_contract_turnover", "Guangzhou", 2021, 2413.1, "x"],
                ["tech_contract_turnover", "Guangzhou", 2022, "=D2+232.4", "x"],
                ["rd_intensity", "Guangzhou", "=2020+2", "=ROUND(3.425,2)", "x"]]
    book = _book({"data": formulas})
    files["xlsx_formulas_uncached.xlsx"] = _save(book)
    files["xlsx_formulas.xlsx"] = _with_cached_values(_save(book), {"D3": "2645.5", "C4": "2022", "D4": "3.43"})
    book = _book({"data": [head, ["rd_intensity", "Guangzhou", dt.datetime(2021, 1, 1), 3.12, "x"],
                              ["rd_intensity", "Guangzhou", dt.datetime(2022, 1, 1), 3.43, "x"]]})
    for cell in ("C2", "C3"):
        book["data"][cell].number_format = "yyyy"
    files["xlsx_dates_as_years.xlsx"] = _save(book)
    # 2022 typed into a date-formatted cell: Excel stores the serial 2022, shown as 1905-07-14
    book = _book({"data": [head, ["rd_intensity", "Guangzhou", dt.datetime(1905, 7, 14), 3.43, "x"]]})
    files["xlsx_year_typed_into_date_cell.xlsx"] = _save(book)
    book = _book({"data": [["广州市科技指标", None, None, None, None], head,
                              ["rd_intensity", "Guangzhou", 2021, 3.12, "x"],
                              ["rd_intensity", None, 2022, 3.43, "x"],
                              ["注:2022年为初步数。", None, None, None, None]]})
    for merged in ("A1:E1", "B3:B4", "A5:E5"):
        book["data"].merge_cells(merged)
    files["xlsx_merged_cells.xlsx"] = _save(book)
    book = _book({"data": [head, ["rd_intensity", "Guangzhou", 2022, 0.0343, "x"],
                              ["hitech_output_share", "Guangzhou", 2022, 0.469, "x"]]})
    for cell in ("D2", "D3"):
        book["data"][cell].number_format = "0.00%"
    files["xlsx_percent_format.xlsx"] = _save(book)
    files["xlsx_truncated.xlsx"] = files["xlsx_several_sheets.xlsx"][:700]
    return files


if __name__ == "__main__":
    for name, data in {**text_files(), **workbooks()}.items():
        (BAD / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
