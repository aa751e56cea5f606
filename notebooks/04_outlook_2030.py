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
# # 04 · “十四五”收官与“十五五”目标 / The 14th plan's verdict and the 15th plan's targets
#
# 这本笔记回答分析人员今天的两个问题：广州是否实现了2025年目标？2030年目标是否有进取心、能否实现？先看《广州市科技创新“十四五”规划》的最终结论，再看《广州市国民经济和社会发展第十五个五年规划纲要》（穗府〔2026〕4号）确定的2030年目标：所需速度与2020—2025年已达速度之比、趋势预测与达标概率，以及与同类城市的比较。约需10分钟。
#
# This notebook answers the analyst's two questions: did Guangzhou meet its 2025 targets, and are the 2030 targets ambitious and achievable? First the final verdict on the 14th S&T plan, then the 2030 targets of the 15th Five-Year Plan outline (穗府〔2026〕4号): the pace they ask against the pace of 2020–2025, the trend and the probability of meeting them, and the peers. About 10 minutes.

# %%
import gzinnov as gz

# %%
city = "Guangzhou"
peers = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an", "Chongqing"]
lang = "zh"  # "zh" 中文 · "en" English

# %%
data = gz.observations()

# %% [markdown]
# ## 规划 / The plans
#
# 每个目标都属于一项规划；规划写明文号、印发日期和覆盖期。
#
# Every target belongs to a plan, with its document number, date and period.

# %% tags=["nbval-check-output"]
gz.teach.show(gz.plans(city), ["plan_id", "doc_number", "issued", "period_start", "period_end"], lang=lang)

# %% [markdown]
# ## “十四五”收官 / The 14th plan's final verdict
#
# 目标年已有数值时结论为最终结论（已实现、未实现，或“按公布精度持平”：例如目标为“突破3.4%”而公布值为3.4，按一位小数无法确认是否超过）；数值为初步数或时点数时为初步判断，并写明哪项发布可以确认；尚无数值时仍为预判，并写明哪项发布将公布该数值、大约何时公布。
#
# With a target-year value the verdict is final (achieved, not achieved, or "met at the published precision": "exceed 3.4%" against a published 3.4 cannot be told apart at one decimal). A preliminary or point-in-time value gives a provisional verdict that names what would settle it; with no value the verdict stays a nowcast that names the release due to carry it, and roughly when.

# %%
card = gz.scorecard(data, plan="gz_st_14", lang=lang)

# %%
gz.plan_headline(card, lang=lang)

# %%
gz.teach.show(card, ["indicator_id", "latest_year", "latest_value", "target_value", "status", "verdict_basis",
                     "settled_by"], lang=lang)

# %% [markdown]
# ## “十五五”目标 / The 15th plan's 2030 targets
#
# 纲要专栏1的科技创新指标及数字经济核心产业占比，均为预期性指标。
#
# The S&T indicators of the outline's main-indicator table (专栏1) and the core digital-economy share, all "expected" (预期性) indicators.

# %% tags=["nbval-check-output"]
gz.teach.show(gz.targets(city, year=2030), ["indicator_id", "baseline_value", "target_value", "binding", "plan_id"],
              lang=lang)

# %% [markdown]
# ## 进取度 / Ambition
#
# **所需速度**：从2025年数值到2030年目标的年均变化（比重类指标按百分点，其他按复合增长率）；**已达速度**：2020—2025年（或数据所及的最近五年）的年均变化；**进取度** = 所需 ÷ 已达，大于1表示要比过去五年更快。例如R&D投入强度：3.4%到4.0%，每年需提高(4.0−3.4)/5 = 0.12个百分点，而2020—2025年每年提高(3.4−3.1)/5 = 0.06个百分点，进取度为2.0。
#
# **Required pace**: the yearly change from the 2025 value to the 2030 target (points a year for shares, compound growth otherwise); **achieved pace**: the same over 2020–2025 (or the closest five years the data allow); **ambition** = required ÷ achieved, above 1 meaning faster than the past five years. R&D intensity: 3.4% to 4.0% asks (4.0 − 3.4)/5 = 0.12 point a year, against (3.4 − 3.1)/5 = 0.06 point a year in 2020–2025: an ambition of 2.0.

# %%
ambition = gz.ambition(data, city=[city, *peers], lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.show(ambition, ["city", "base_year", "base_value", "target_value", "required_points", "achieved_points",
                         "ambition_ratio", "rank_base", "rank_target"], indicator="rd_intensity", lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.show(ambition, ["city", "base_value", "target_value", "required_growth", "achieved_growth", "ambition_ratio",
                         "rank_target"], indicator="high_value_patents_per_10k", lang=lang)

# %% [markdown]
# ## 可行性 / Feasibility
#
# 在数据足够的地方，给出2030年的趋势预测和达标概率；依据薄弱（少于4个数据点）时概率不作数。
#
# Where the data allow, the 2030 projection and the probability of meeting the target; with a weak basis (fewer than 4 points) the probability is not to be relied on.

# %%
gz.teach.show(ambition, ["indicator_id", "city", "projected_value", "p_meet", "status"], lang=lang)

# %% [markdown]
# ## 2030年展望 / The 2030 outlook
#
# 已确定2030年目标的指标：目标与趋势并列，写明目标要求的年均增长和趋势给出的数值。没有已定目标的指标只列候选值（趋势值、进取值、底线值），它们不是规划目标。
#
# Indicators with an adopted 2030 target show it beside the trend: what the target asks and what the trend gives. The others keep the candidates (trend, stretch, floor), which are not the plan.

# %%
outlook = gz.outlook(data, city=city, lang=lang)

# %%
gz.teach.show(outlook, ["indicator_id", "candidate", "kind", "value", "implied_growth", "basis"],
              indicator=["rd_intensity", "high_value_patents_per_10k", "enterprise_rd_share", "digital_core_share"],
              lang=lang)

# %%
gz.teach.show(gz.teach.widen_outlook(outlook), lang=lang)

# %%
gz.plot_outlook(outlook, city=city, lang=lang, observations=data);
