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
# # 02 · 指标浏览器 / Indicator explorer
#
# 任选一个指标、一个城市和一种语言,看它的历史轨迹、各种预测方法的结果及其回测误差,以及每个数据点的来源。适合想深入了解某一项指标的分析人员,约需5分钟;在 JupyterLab 里可以用下拉菜单切换,不用改代码。
#
# Pick an indicator, a city and a language, and see its trajectory, the projection methods side by side with their backtest errors, and the source of every point. For analysts looking into one indicator; about 5 minutes. In JupyterLab, dropdowns switch between choices without editing code.

# %%
import gzinnov as gz

# %%
city = "Guangzhou"
peers = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an", "Chongqing"]
lang = "zh"  # "zh" 中文 · "en" English
indicator = "rd_intensity"  # 见 gz.indicators() / see gz.indicators()

# %% [markdown]
# ## 下拉菜单 / Dropdowns
#
# 在 JupyterLab 中运行下一格,会出现三个下拉菜单;每次选择都会重画下面各节的图和表。没有界面时(例如自动测试),改上面参数格里的 `indicator`、`city`、`lang`,再运行后面各格,效果相同。
#
# In JupyterLab the next cell shows three dropdowns; each choice redraws the chart and tables of the sections below. Without a screen (in automated tests, say), edit `indicator`, `city` and `lang` in the parameter cell above and run the cells after it: the result is the same.

# %%
gz.teach.explorer(indicator=indicator, city=city, lang=lang)

# %% [markdown]
# ## 轨迹 / Trajectory

# %%
data = gz.observations()

# %%
gz.plot_trajectory(data, indicator=indicator, city=city, lang=lang);

# %% [markdown]
# 这一项目标在记分卡上的判断(与 `01_scorecard` 的数字相同):
#
# The scorecard's verdict on this target (the same numbers as in `01_scorecard`):

# %% tags=["nbval-check-output"]
gz.teach.show(gz.scorecard(data, city, lang=lang), indicator=indicator, lang=lang)

# %% [markdown]
# ## 预测方法对比 / Projection methods side by side
#
# gzinnov 用几种简单方法外推(线性、对数线性、两端增长率、有界比例的 logit 变换),再按各方法在这条序列上的滚动回测误差(MAPE,越小越好)加权,得到“综合”预测。数据点太少时无法回测,误差显示为“—”。
#
# gzinnov extrapolates with a few simple methods (linear, log-linear, endpoint growth, logit for bounded shares) and weights them by their rolling-origin backtest error on this very series (MAPE, lower is better) into the "combined" projection. Where the series is too short to backtest, the error shows "—".

# %% tags=["nbval-check-output"]
gz.teach.show(gz.teach.methods_table(indicator, city=city, data=data), lang=lang)

# %% [markdown]
# ## 每个数据点的来源 / The source behind every point

# %% tags=["nbval-check-output"]
gz.teach.show(gz.teach.point_sources(indicator, city=city, data=data), gz.teach.SOURCE_VIEW, lang=lang)
