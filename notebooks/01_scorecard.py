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
# # 01 · 记分卡:十二项目标进展如何 / Scorecard: how are the twelve targets doing?
#
# 这本笔记给出十二项2025年目标的进展判断:哪些已达成、哪些进度正常、哪些有风险,再按五组目标逐组说明,所有数字都由 gzinnov 计算。适合需要快速掌握全局的政策分析人员,约需10分钟。
#
# This notebook gives the verdict on each of the twelve 2025 targets (met, on track or at risk), then a paragraph per goal group, every number computed by gzinnov. For policy analysts who need the whole picture quickly; about 10 minutes.

# %%
import gzinnov as gz

# %%
city = "Guangzhou"
peers = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an", "Chongqing"]
lang = "zh"  # "zh" 中文 · "en" English

# %% [markdown]
# ## 记分卡 / The scorecard
#
# 每行一项目标:最新值及其年份、目标、实现目标所需的年均增长、基期以来的实际年均增长、二者之比 R,以及状态。“预判”表示2025年数值尚未公布,判断依据是已有数据。方法见 `00_start_here`。
#
# One row per target: the latest value and its year, the target, the annual growth the target requires, the growth achieved since the baseline, their ratio R, and the status. "Nowcast" means the 2025 value is not yet published and the verdict rests on the data so far; the method is in `00_start_here`.

# %%
card = gz.scorecard(city=city, lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.show(card, lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.tally(card, lang=lang)

# %% [markdown]
# 图中每一行是一项目标:条形是最新值占目标值的百分比,颜色和符号表示状态,竖线是基期,菱形是目标年的预测值。
#
# Each row of the chart is a target: the bar is the latest value as a percentage of the target, colour and symbol give the status, the tick is the baseline and the diamond the projected value in the target year.

# %%
gz.plot_scorecard(card, lang=lang);

# %% [markdown]
# ## 分组说明 / Group by group
#
# 规划把目标分为五组。下面每组一段,说明每项目标的状态和原因;数据不足的目标说明缺什么。
#
# The plan sorts its targets into five groups. One paragraph per group follows, with each target's status and the reason for it; where data are missing, it says what is missing.
#
# ### 创新策源能力 / Capacity for original innovation

# %% tags=["nbval-check-output"]
gz.teach.describe_group(card, "source_capacity", lang=lang)

# %% [markdown]
# ### 技术攻关水平 / Technology breakthroughs

# %% tags=["nbval-check-output"]
gz.teach.describe_group(card, "tech_breakthrough", lang=lang)

# %% [markdown]
# ### 科技赋能发展 / Technology empowering development

# %% tags=["nbval-check-output"]
gz.teach.describe_group(card, "tech_empowerment", lang=lang)

# %% [markdown]
# ### 创新人才资源 / Innovation talent

# %% tags=["nbval-check-output"]
gz.teach.describe_group(card, "talent", lang=lang)

# %% [markdown]
# ### 科技创新生态 / Innovation ecosystem

# %% tags=["nbval-check-output"]
gz.teach.describe_group(card, "ecosystem", lang=lang)

# %% [markdown]
# 想看某一项目标的细节,请打开 `02_indicator_explorer`;想加入自己的最新数据再算一遍,请打开 `06_your_own_data`。
#
# For the details of one target, open `02_indicator_explorer`; to add your own latest figures and recompute, open `06_your_own_data`.
