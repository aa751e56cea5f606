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
# # 03 · 与同类城市比较 / Guangzhou and its peer cities
#
# 把广州与北京、上海、深圳、杭州、武汉、成都、南京、苏州、西安、重庆十个城市比较:总量水平、人均水平和以2020年为100的增长指数、排名,以及各城市自己定的目标有多进取。适合撰写对标材料的分析人员,约需10分钟。
#
# Guangzhou against ten peers (Beijing, Shanghai, Shenzhen, Hangzhou, Wuhan, Chengdu, Nanjing, Suzhou, Xi'an, Chongqing): levels, per-capita values and growth indexed to 2020 = 100, ranks, and how ambitious each city's own targets are. For analysts writing benchmarking notes; about 10 minutes.

# %%
import gzinnov as gz

# %%
city = "Guangzhou"
peers = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an", "Chongqing"]
lang = "zh"  # "zh" 中文 · "en" English
indicator = "rd_intensity"
year = 2022  # 多数城市都有数据的年份 / a year most cities have data for

# %%
data = gz.observations()

# %% [markdown]
# ## 水平与排名 / Levels and ranks
#
# 各城市最新的R&D投入强度,从高到低排列;广州突出显示。空心点是初步或报道数据。
#
# Each city's latest R&D intensity, best first, with Guangzhou highlighted; hollow markers are preliminary or reported figures.

# %%
gz.plot_peers_ranked(data, indicator=indicator, city=city, lang=lang);

# %% [markdown]
# 同一年份的排名更公平。下表是选定年份各城市的数值、排名和与第一名的差距;没有该年数据的城市不列出。
#
# Ranks within one year are fairer. The table gives each city's value in the chosen year, its rank and its gap to the leader; cities without a value that year are left out.

# %% tags=["nbval-check-output"]
gz.teach.show(gz.compare(data, indicator=indicator, cities=[city, *peers], start=year, end=year),
              ["city", "value", "rank", "gap_to_leader"], lang=lang)

# %% [markdown]
# ## 人均与增长 / Per capita and growth
#
# 总量指标(如R&D经费)受城市规模影响,除以常住人口后更可比;以2020年为100的指数则比较增长速度。
#
# Totals such as R&D spending grow with a city's size: per resident they compare better, and an index with 2020 = 100 compares growth.

# %% tags=["nbval-check-output"]
gz.teach.show(gz.compare(data, indicator="rd_expenditure", cities=[city, *peers], start=year, end=year,
                         measure="per_capita"), ["city", "value", "per_capita", "rank"], lang=lang)

# %%
gz.plot_indexed_growth(data, indicator="rd_expenditure", city=city, lang=lang);

# %% [markdown]
# ## 各城市自己的目标 / Each city's own targets
#
# 各城市“十四五”规划为2025年定的R&D投入强度目标、目标隐含的年均增长,以及基期前五年的实际年均增长。“进取度”是二者之比:大于1表示目标要求比过去更快的增长。
#
# Each city's 2025 R&D intensity target from its own 14th Five-Year Plan, the annual growth the target implies, and the growth achieved in the five years before the baseline. "Ambition" is their ratio: above 1, the target asks for faster growth than before.

# %%
targets = gz.compare_targets(data, indicator=indicator)

# %% tags=["nbval-check-output"]
gz.teach.show(targets, ["city", "baseline_year", "baseline_value", "target_value", "implied_growth", "past_growth",
                        "ambition_ratio"], lang=lang)

# %%
gz.plot_ambition(targets, indicator=indicator, city=city, lang=lang, observations=data);
