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
# # 04 · “十四五”收官与2030年展望 / How the plan period ended, and the 2030 outlook
#
# 这本笔记先回顾“十四五”规划期怎样收官:哪些目标已有2025年的实测数据,哪些仍是预判;再为每个指标给出2030年的趋势值、进取值和底线值,以及各自隐含的年均增长,供起草下一个五年规划参考。适合起草“十五五”规划的分析人员,约需10分钟。
#
# This notebook first looks back at how the 14th plan period ended (which targets have an observed 2025 value and which are still nowcasts), then gives each indicator a trend, stretch and floor value for 2030 with the annual growth each implies, for an analyst drafting the next plan. About 10 minutes.

# %%
import gzinnov as gz

# %%
city = "Guangzhou"
peers = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an", "Chongqing"]
lang = "zh"  # "zh" 中文 · "en" English

# %%
data = gz.observations()

# %% [markdown]
# ## 收官:实测还是预判 / Observed or nowcast
#
# “实测”表示2025年数值已公布,判断是最终结果;“预判”表示还没有2025年数值,判断基于已有数据,并给出目标年的预测值和达标概率(来自80%预测区间)。
#
# "Observed" means the 2025 value is published and the verdict is final; "nowcast" means it is not, and the verdict rests on the data so far, with the projected value in the target year and the probability of meeting the target (from the 80% interval).

# %%
card = gz.scorecard(data, city, lang=lang)

# %%
# NBVAL_CHECK_OUTPUT
gz.teach.show(card, ["indicator_id", "latest_year", "latest_value", "target_value", "verdict_basis", "projected_value",
                     "p_meet", "status"], lang=lang)

# %% [markdown]
# 每年年底能得到的数据会改变判断。下图按年份回看:每一列只用当年年底以前的数据评估。
#
# The data available at each year's end change the verdict. The chart looks back year by year, each column using only the data up to that year.

# %%
gz.plot_status_heatmap(gz.assess_by_year(data, city=city, lang=lang), columns="year", lang=lang, observations=data);

# %% [markdown]
# ## 2030年展望 / The 2030 outlook
#
# 三个候选值:**趋势值**是综合预测的中位数;**进取值**是80%预测区间的有利一端;**底线值**是不利一端,但不低于最新值。隐含年均增长从最新一年算到2030年。依据薄弱(少于4个数据点)的指标要谨慎使用。
#
# Three candidates: the **trend** is the median of the combined projection; the **stretch** the better end of its 80% interval; the **floor** the worse end, but no worse than the latest value. The implied growth runs from the latest year to 2030. Use indicators with a weak basis (fewer than 4 points) with care.

# %%
outlook = gz.outlook(data, city=city, lang=lang)

# %%
# NBVAL_CHECK_OUTPUT
gz.teach.show(gz.teach.widen_outlook(outlook), lang=lang)

# %%
gz.plot_outlook(outlook, city=city, lang=lang, observations=data);
