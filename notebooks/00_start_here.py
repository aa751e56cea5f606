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
# # 00 · 从这里开始 / Start here
#
# 这本笔记介绍广州《科技创新“十四五”规划》(穗府办〔2022〕1号)的十二项2025年目标、它们分属的五组目标、数据从哪里来,以及怎样读懂 gzinnov 给出的进展判断。适合第一次使用本项目的分析人员、教师和学生,约需10分钟。
#
# This notebook introduces the twelve 2025 targets of Guangzhou's 14th Five-Year S&T Innovation Plan, the five groups they belong to, where the data come from, and how to read the verdicts gzinnov gives. It is for analysts, teachers and students new to the project, and takes about 10 minutes.

# %%
import gzinnov as gz

# %%
city = "Guangzhou"
peers = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an", "Chongqing"]
lang = "zh"  # "zh" 中文 · "en" English

# %% [markdown]
# ## 规划是什么 / What the plan is
#
# 2022年2月,广州市人民政府办公厅印发《广州市科技创新“十四五”规划》。规划为2025年定下十二项量化目标,分为五组“具体目标”。下表列出每项目标、所属组别和规划原文。“≥”表示“达到”,“>”表示“超过/突破”。
#
# In February 2022 the Guangzhou government issued its 14th Five-Year S&T Innovation Plan. It sets twelve quantified targets for 2025 in five groups of "specific goals". The table lists each target, its group and the plan's own wording; "≥" means "reach", ">" means "exceed".

# %% tags=["nbval-check-output"]
gz.teach.show(gz.targets(city), ["group", "indicator_id", "target_value", "unit", "target_year", "quote"], lang=lang)

# %% [markdown]
# 两项目标是五年累计数(2021—2025年):引进海外人才和新增上市科技企业。其余是2025年当年的水平。每个指标的定义写在指标库里,例如:
#
# Two targets are totals over 2021–2025 (overseas talents introduced, newly listed tech firms); the others are levels in 2025. Every indicator's definition is in the registry, for example:

# %% tags=["nbval-check-output"]
print(gz.get_indicator("rd_intensity").definition(lang))

# %% [markdown]
# ## 数据从哪里来 / Where the data come from
#
# 每个数值都带有来源:统计年鉴和公报(正式数据)、政府文件、新闻报道或第三方报告。下面按来源类型统计来源条目数,再列出广州每个指标有哪些年份的数据。“未找到公开数据”表示没有找到可核实的公开数字——我们宁可留空,也不编造。
#
# Every value carries its source: statistical yearbooks and bulletins (final figures), government documents, news reports or third-party reports. Below, the sources counted by kind, then the years with data for each of Guangzhou's indicators. "No published figure found" means no verifiable public figure was found: the gap stays a gap rather than being filled by a guess.

# %% tags=["nbval-check-output"]
print(gz.sources()["kind"].value_counts().to_string())

# %%
gz.teach.show(gz.coverage(city=city), ["indicator_id", "n_years", "years"], lang=lang)

# %% [markdown]
# ## 怎样读懂进展判断 / How to read a verdict
#
# gzinnov 采用欧盟统计局、加拿大统计局和 Open SDG 使用的“增速比”方法:比较基期(2020年)以来的实际年均增长 $g_a$ 和实现目标所需的年均增长 $g_r$,得到 $R = g_a / |g_r|$。
#
# gzinnov uses the growth-rate ratio of Eurostat, Statistics Canada and Open SDG: it compares the annual growth achieved since the 2020 baseline, $g_a$, with the annual growth the target requires, $g_r$, as $R = g_a / |g_r|$.
#
# | 状态 / status | 条件 / rule |
# |---|---|
# | ★ 已达成 / achieved | 最新值已满足目标 / the latest value already meets the target |
# | ▲ 进度正常 / on track | R ≥ 0.95 |
# | ▶ 需加快 / needs acceleration | 0.60 ≤ R < 0.95 |
# | ▼ 进展有限 / limited progress | 0 ≤ R < 0.60 |
# | ✖ 倒退 / deterioration | R < 0 |
# | ? 数据不足 / insufficient data | 少于两个数据点,或没有基期 / fewer than two points, or no baseline |
#
# 2025年数据公布之前,判断是根据已有数据作出的“预判”(nowcast);公布之后,才是“实测”结果。下面是一个完整的例子:R&D投入强度。
#
# Until the 2025 figures are published, a verdict is a nowcast from the data so far; afterwards it is observed. A worked example, R&D intensity:

# %% tags=["nbval-check-output"]
gz.teach.explain_required_growth("rd_intensity", city=city, lang=lang)

# %% [markdown]
# 在图上,实心点是正式数据,空心点是初步或报道数据,星号是2025年目标,虚线和阴影是预测及其80%区间。
#
# In the chart, filled dots are final figures, hollow dots preliminary or reported ones, the star is the 2025 target, and the dashed line and band are the projection with its 80% interval.

# %%
gz.plot_trajectory(gz.observations(), indicator="rd_intensity", city=city, lang=lang);

# %% [markdown]
# ## 下一步 / Next
#
# - `01_scorecard`:十二项目标的进展 / all twelve verdicts
# - `02_indicator_explorer`:任选一个指标和城市 / any indicator, any city
# - `03_peer_cities`:与十个同类城市比较 / against ten peer cities
# - `04_outlook_2030`:“十四五”收官与2030年展望 / how the period ended, and 2030
# - `05_classroom`:课堂练习 / a lesson with exercises
# - `06_your_own_data`:用你自己的数据 / your own figures
