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
# # 05 · 课堂:目标能实现吗? / Classroom: will the target be met?
#
# 这是一节给高中生和大学生的课,用广州自己的数据学习四个概念:R&D投入强度、年均增长率(CAGR)、基期和目标。先用笔算出实现目标所需的年均增长,再用 gzinnov 核对;然后读一张轨迹图,判断目标能否实现。共四道练习,每道都有检查函数,会告诉你对不对、错在哪里;参考答案折叠在练习下面。约需45分钟(一节课)。
#
# A lesson for secondary-school and university students, on Guangzhou's own figures: R&D intensity, the compound annual growth rate (CAGR), a baseline and a target. Compute by hand the growth a target requires, then check it with gzinnov; read a trajectory chart and judge whether the target will be met. Four exercises, each with a check function that says whether you are right and, if not, why; worked answers are folded under each exercise. About 45 minutes (one class).

# %%
import gzinnov as gz

# %%
city = "Guangzhou"
peers = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Wuhan", "Chengdu", "Nanjing", "Suzhou", "Xi'an", "Chongqing"]
lang = "zh"  # "zh" 中文 · "en" English
indicator = "rd_intensity"

# %% [markdown]
# ## 1. 四个概念 / Four ideas
#
# **R&D投入强度**:一年里全社会花在研究与试验发展上的钱,占地区生产总值(GDP)的百分比。它衡量一个城市把多大份额的经济产出投入创新。
#
# **R&D intensity**: a year's spending on research and experimental development, as a percentage of the city's GDP: the share of its output a city puts into innovation.

# %% tags=["nbval-check-output"]
print(gz.get_indicator(indicator).definition(lang))

# %% [markdown]
# **基期**是比较的起点:“十四五”规划以2020年为基期。**目标**是规划要求在目标年(2025年)达到的数值,例如“R&D投入强度突破3.4%”。
#
# **年均增长率(CAGR)**:如果一个量从初值 $y_0$ 经过 $n$ 年变成终值 $y_n$,那么每年平均按复利增长
#
# $$g = \left(\frac{y_n}{y_0}\right)^{1/n} - 1 .$$
#
# 例如100经过2年变成121:$(121/100)^{1/2} - 1 = 1.1 - 1 = 0.1$,即每年10%。注意 $n$ 是年份之差(2022 − 2020 = 2),不是年份的个数(3个)。
#
# A **baseline** is the starting point of a comparison: the plan's is 2020. A **target** is the value the plan asks for in its target year (2025), such as "R&D intensity above 3.4%". The **compound annual growth rate** takes a quantity from $y_0$ to $y_n$ in $n$ years: $g = (y_n/y_0)^{1/n} - 1$. For example, 100 becoming 121 in two years grows by $(121/100)^{1/2} - 1 = 0.1$, 10% a year. Note that $n$ is the difference of the years (2022 − 2020 = 2), not the number of years listed (3).

# %% [markdown]
# ## 2. 先笔算,再用 gz 核对 / By hand first, then check with gz
#
# 下面是广州R&D投入强度的全部数据和来源。找到2020年(基期)的数值,再用上面的公式算:要在2025年达到3.4%,2020—2025年每年至少要增长多少?
#
# Below are all of Guangzhou's R&D intensity figures with their sources. Find the 2020 (baseline) value and use the formula: to reach 3.4% in 2025, how fast must it grow each year from 2020?

# %% tags=["nbval-check-output"]
gz.teach.show(gz.teach.point_sources(indicator, city=city), ["year", "value", "status", "source_publisher"], lang=lang)

# %% [markdown]
# 算好了吗?gzinnov 的记分卡就是这样算的。下面一步一步列出它的计算,并把实际年均增长和所需年均增长相比,得到增速比 R:R ≥ 0.95 表示进度正常。
#
# Done? This is how gzinnov's scorecard does it. Here is its calculation step by step, with the growth achieved compared with the growth required: the ratio R, where R ≥ 0.95 means on track.

# %% tags=["nbval-check-output"]
gz.teach.explain_required_growth(indicator, city=city, lang=lang)

# %% [markdown]
# ## 3. 读轨迹图 / Reading a trajectory chart
#
# 实心点是统计部门公布的正式数据,空心点是初步或新闻报道的数据;星号是2025年目标;虚线是 gzinnov 的预测,阴影是80%预测区间(十次里大约有八次,真实值会落在阴影里)。
#
# Filled dots are final official figures, hollow dots preliminary or reported ones; the star is the 2025 target; the dashed line is gzinnov's projection and the band its 80% interval (about eight times in ten, the true value falls inside it).

# %%
gz.plot_trajectory(gz.observations(), indicator=indicator, city=city, lang=lang);

# %% [markdown]
# ## 4. 练习 / Exercises
#
# 每道练习先运行提问的格子,在纸上算,再把检查格子里的 `None` 换成你的答案并运行。检查函数会说“✓ 正确”或“✗ 不对”,并解释常见错误,例如把小数写成百分数,或者数错年数。
#
# For each exercise, run the question cell, work on paper, then replace `None` in the check cell with your answer and run it. The check says ✓ or ✗ and explains common mistakes, such as a percentage typed for a fraction, or the wrong number of years.
#
# ### 练习一:R&D投入强度 / Exercise 1: R&D intensity

# %% tags=["nbval-check-output"]
gz.teach.ask("intensity", city=city, lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.check_intensity(None, city=city, lang=lang)

# %% [markdown]
# <details><summary>参考答案 / Worked answer</summary>
#
# R&D投入强度 = R&D经费 ÷ GDP × 100 = 988.36 ÷ 28,839 × 100 ≈ 3.43(%)。和统计年鉴公布的3.43%一致。
#
# R&D intensity = R&D spending ÷ GDP × 100 = 988.36 ÷ 28,839 × 100 ≈ 3.43 (%), as published in the yearbook.
#
# `gz.teach.check_intensity(3.43)` → ✓
# </details>
#
# ### 练习二:年均增长率 / Exercise 2: the growth rate

# %% tags=["nbval-check-output"]
gz.teach.ask("cagr", city=city, lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.check_cagr(None, city=city, lang=lang)

# %% [markdown]
# <details><summary>参考答案 / Worked answer</summary>
#
# 年数 n = 2022 − 2015 = 7。g = (988.36 ÷ 380.13)^(1/7) − 1 = 2.600^(1/7) − 1 ≈ 0.146,即每年约14.6%。常见错误:写成14.6(百分数);用8年(数了年份的个数);用简单平均 (2.600 − 1) ÷ 7 ≈ 0.229。
#
# n = 2022 − 2015 = 7 years; g = (988.36 ÷ 380.13)^(1/7) − 1 ≈ 0.146, about 14.6% a year. Common mistakes: 14.6 (a percentage), 8 years (counting the years listed), or the simple average (2.600 − 1) ÷ 7 ≈ 0.229.
#
# `gz.teach.check_cagr(0.146)` → ✓
# </details>
#
# ### 练习三:从现在起要多快? / Exercise 3: how fast from now on?

# %% tags=["nbval-check-output"]
gz.teach.ask("required_growth", city=city, lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.check_required_growth(None, city=city, lang=lang)

# %% [markdown]
# <details><summary>参考答案 / Worked answer</summary>
#
# 从2023年到2025年只剩 n = 2 年:g = (3,000 ÷ 2,550.82)^(1/2) − 1 = 1.0845 − 1 ≈ 0.0845,保留三位小数为 0.084,即每年约8.4%。如果从2020年的基期算(5年),得到的是规划当初要求的增速,而不是现在需要的增速。
#
# From 2023 to 2025 only n = 2 years are left: g = (3,000 ÷ 2,550.82)^(1/2) − 1 = 1.0845 − 1 ≈ 0.0845, which is 0.084 to three decimals: about 8.4% a year. Counting from the 2020 baseline (5 years) gives the rate the plan asked for at the start, not the rate needed now.
#
# `gz.teach.check_required_growth(0.084)` → ✓
# </details>
#
# ### 练习四:读图判断 / Exercise 4: judge from the chart
#
# 先画出基础研究经费占比的轨迹图,再回答问题。
#
# First draw the trajectory of the basic research share, then answer.

# %%
gz.plot_trajectory(gz.observations(), indicator="basic_research_share", city=city, lang=lang);

# %% tags=["nbval-check-output"]
gz.teach.ask("verdict", city=city, lang=lang)

# %% tags=["nbval-check-output"]
gz.teach.check_verdict(None, city=city, lang=lang)

# %% [markdown]
# <details><summary>参考答案 / Worked answer</summary>
#
# 不能(False)。占比从2021年的13.6%降到2023年的12.96%,方向与目标相反;要达到15%,每年需增长约2.5%。不过只有两个数据点,判断依据较弱。
#
# No (False). The share fell from 13.6% in 2021 to 12.96% in 2023, away from the target; reaching 15% would take about 2.5% growth a year. With only two points, the evidence is thin.
#
# `gz.teach.check_verdict(False)` → ✓
# </details>
#
# ## 5. 如果……会怎样? / What if?
#
# 拖动滑块,选择技术合同成交额从最新一年起的年均增长率,看看2025年能否超过3000亿元。滑块从2020年以来的实际增速开始。
#
# Drag the slider to choose the annual growth of technology contract turnover from its latest year, and see whether it passes 3,000 (100 million yuan) in 2025. The slider starts at the growth achieved since 2020.

# %%
gz.teach.what_if_slider(city=city, lang=lang)

# %% [markdown]
# 没有滑块(例如在脚本里运行)时,直接调用函数并给出增速:
#
# Without a slider (in a script, say), call the function with a growth rate:

# %% tags=["nbval-check-output"]
gz.teach.what_if(0.05, city=city, lang=lang)
