# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · 用你自己的数据 / Your own data
#
# 这本笔记演示分析人员怎样把今年新拿到的数字(CSV 或 Excel 文件)加进来:先检查文件,看看出错时的提示是什么样子;再重新生成记分卡;最后导出一张可以直接放进幻灯片的图。适合需要更新数据的分析人员,约需10分钟。
#
# This notebook shows how an analyst adds this year's figures from their own CSV or Excel file: check the file (with a deliberately broken example, to show the messages), rerun the scorecard, and export one chart for a slide. For analysts updating the data; about 10 minutes.

# %%
import gzinnov as gz

# %%
city = "Guangzhou"
peers = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an", "Chongqing"]
lang = "zh"  # "zh" 中文 · "en" English
indicator = "rd_intensity"

# %% [markdown]
# ## 文件长什么样 / What the file looks like
#
# 每行一个数:指标、城市、年份、数值、来源,可选状态、单位和备注。表头可以用中文(指标、城市、年份、数值、来源)或英文(`indicator_id, city, year, value, source_id`);指标可以写名称(如“R&D投入强度”)或代码(`rd_intensity`);数值可以带单位(“1.35万家”“3.29%”),“超过1.35万家”会记为下限。CSV 可以是 UTF-8 或 GBK 编码;Excel 文件(.xlsx)的读法相同。
#
# One figure a row: indicator, city, year, value and source, with optional status, unit and note. Headers may be in Chinese or English; an indicator may be named ("R&D投入强度") or given by its id (`rd_intensity`); values may carry units ("1.35万家", "3.29%"), and "超过1.35万家" (more than …) is kept as a lower bound. CSV files may be UTF-8 or GBK; Excel files (.xlsx) are read the same way.
#
# 本例的两个数字来自一个转载页面,没有经过官方发布核实,所以没有放进 gzinnov 自带的数据;这里只用来演示流程。
#
# The two figures in the example come from a reposted page that no official release confirms, so they are not in gzinnov's own data: they serve here only to show the workflow.

# %% [markdown]
# ## 先看一个有错的文件 / First, a broken file
#
# `broken_figures.csv` 故意放了四个常见错误。`gz.validate` 一次列出全部问题,每条都写明文件、行、列、发现了什么、应该是什么;它只读文件,从不修改文件。
#
# `broken_figures.csv` has four common mistakes, on purpose. `gz.validate` lists every problem at once, each with the file, row and column, what it found and what it expected; it only reads the file, never changes it.

# %% tags=["nbval-check-output"]
print("\n".join(gz.validate(gz.example_path("broken_figures.csv"), lang=lang)["message"]))

# %% [markdown]
# 改法:第2行把“强读”改成“强度”;第3行写四位年份2024;第4行写3.29(百分数,小数点不能丢);第5行填上来源(网址或来源代码)。改好的文件就是 `my_figures.csv`,检查结果为空,表示没有问题:
#
# The fixes: row 2, spell the indicator correctly; row 3, a four-digit year; row 4, 3.29 (a percentage, decimal point included); row 5, give a source (a URL or a source id). The fixed file is `my_figures.csv`; an empty result means no problems:

# %% tags=["nbval-check-output"]
gz.validate(gz.example_path("my_figures.csv"), lang=lang).empty

# %% [markdown]
# ## 读入并合并 / Load and combine
#
# `gz.load_observations` 把文件读成与自带数据相同的整齐表格,单位已换算成指标库的单位(1.35万家 → 13,500家)。
#
# `gz.load_observations` reads the file into the same tidy table as the packaged data, with units converted to the registry's (1.35万家 → 13,500 firms).

# %%
mine = gz.load_observations(gz.example_path("my_figures.csv"), lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.show(mine, ["indicator_id", "city", "year", "value", "lower_bound", "status"], lang=lang)

# %% [markdown]
# `gz.combine` 把你的表格叠加到自带数据上;同一指标、城市、年份有两个数时,以后面的表格(你的)为准。
#
# `gz.combine` stacks your table on the packaged data; where both give a value for the same indicator, city and year, the later table (yours) wins.

# %%
data = gz.combine(gz.observations(), mine)

# %% [markdown]
# ## 重新生成记分卡 / Rerun the scorecard
#
# 先看只用自带数据的判断,再看加入新数字之后的判断:一个新数字就可能改变结论。
#
# First the verdict on the packaged data alone, then with the new figure: one new figure can change the verdict.

# %% tags=["nbval-check-output"]
gz.teach.show(gz.scorecard(city=city, lang=lang), indicator=indicator, lang=lang)

# %%
card = gz.scorecard(data, city, lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.show(card, indicator=indicator, lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.describe_group(card, gz.get_indicator(indicator).group, lang=lang)

# %% [markdown]
# ## 导出一张图 / Export a chart for a slide
#
# `gz.export_figure` 按16:9幻灯片尺寸保存图片(PNG、SVG 或 PDF,中文字体已嵌入)。这里存到一个临时文件夹;实际使用时换成你自己的文件夹。
#
# `gz.export_figure` saves the chart at a 16:9 slide size (PNG, SVG or PDF, with the Chinese font embedded). Here it goes to a temporary folder; in practice, use a folder of your own.

# %%
ax = gz.plot_trajectory(data, indicator=indicator, city=city, lang=lang)

# %%
import tempfile

folder = tempfile.TemporaryDirectory(prefix="gzinnov-")

# %% tags=["nbval-check-output"]
[path.name for path in gz.export_figure(ax.figure, f"{folder.name}/{indicator}_{lang}.png", size="slide")]

# %% [markdown]
# 用完后删除临时文件夹 / Remove the temporary folder when done:

# %%
folder.cleanup()
