"""The fund, population, regions and medical charts read from their matplotlib Figures, and the
one way every chart shows a system and a status (analysis/charts.py, status_marks.py):

- a system keeps its colour and line style in every panel; a series identical to an earlier
  one is named so and stays visible (the baseline thin, dashed and on top);
- a status is a hollow point with its mark, or a hatched bar or span of years, the pattern of
  status_marks.HATCHES, with one legend key per status;
- levels start at 0;
- the population chart draws every reform by every grouping.

The grid chart: tests/test_charts.py."""

import datetime

import pytest
from cli_run import run
from matplotlib.colors import same_color, to_hex

from openfisca_china_social_insurance import default_system
from openfisca_china_social_insurance.analysis import charts, fund_report, population_impact, status_marks
from openfisca_china_social_insurance.analysis import medical_comparison as medical
from openfisca_china_social_insurance.analysis import region_comparison as region_compare
from openfisca_china_social_insurance.analysis.reform_files import compose, resolve
from openfisca_china_social_insurance.core.i18n import LANGS


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    charts.pyplot().close("all")


def _series(axes):
    """{label: line} of one panel's scenario lines."""
    return {line.get_gid().split(":", 1)[1]: line for line in axes.get_lines() if (line.get_gid() or "").startswith("series:")}


# -- one status, one look ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_status_has_one_key_carrying_the_tables_mark(lang):
    """A point's key and a bar's key of one status carry the same mark as a table's figure
    (status_marks.MARKS), and bars and spans are hatched with status_marks.HATCHES alone."""
    for status, mark in status_marks.MARKS.items():
        point, area = (charts.label(f"status_keys.{kind}.{status}", lang) for kind in ("point", "area"))
        assert point.startswith(f"{mark} ") and area.startswith(f"{mark} ") if mark else not point[0] in "*?†"
        assert point.split("（")[0].split(" (")[0] == area.split("（")[0].split(" (")[0]  # the same name before the drawing's
        assert charts.area_style(status)["hatch"] == (status_marks.HATCHES[status] or None)
        hollow = charts.point_style(status, "red")["markerfacecolor"] == "white"
        assert hollow == bool(mark)
    assert len(set(status_marks.HATCHES.values())) == len(status_marks.HATCHES)


# -- the fund ------------------------------------------------------------------------

YEARS = range(2025, 2031)


def _rows(balance, contributions, spending):
    return [{"year": year, "balance": balance(year) * 1e8, "contributions": contributions(year) * 1e8, "spending": spending(year) * 1e8}
            for year in YEARS]


def _projections():
    """A baseline, a reform that raises contributions (same spending), and one identical to the baseline."""
    baseline = _rows(lambda y: 20 - 10 * (y - 2025), lambda y: 160 + y - 2025, lambda y: 170 + 2 * (y - 2025))
    return {
        "baseline": baseline,
        "employer 18%": _rows(lambda y: 100 + 5 * (y - 2025), lambda y: 180 + y - 2025, lambda y: 170 + 2 * (y - 2025)),
        "proposal 2": [dict(row) for row in baseline],
    }


STATUS = ["estimated", "estimated", "projected", "projected", "projected", "projected"]


def test_the_fund_keeps_each_system_in_one_colour_and_style_in_every_panel():
    """Was: two panels coloured in plot order, the baseline's balance blue above and its
    contributions blue, spending orange below."""
    figure = fund_report.draw(_projections(), "test", "central", STATUS, "en")
    panels = figure.axes[:3]
    assert [panel.get_title(loc="left") for panel in panels] == ["Balance carried forward", "Contributions in the year", "Spending in the year"]
    looks = [{label: (to_hex(line.get_color()), line.get_linestyle()) for label, line in _series(panel).items()} for panel in panels]
    assert looks[0] == looks[1] == looks[2] and set(looks[0]) == {"baseline", "employer 18%", "proposal 2"}
    assert len({colour for colour, _ in looks[0].values()}) == 3 and len({style for _, style in looks[0].values()}) == 3
    legend = figure.legends[0]
    assert [to_hex(line.get_color()) for line in legend.get_lines()] == [looks[0][label][0] for label in ("baseline", "employer 18%", "proposal 2")]


def test_a_scenario_identical_to_the_baseline_stays_visible_and_is_named():
    """Was: proposal 2 drawn over the baseline, which seemed missing."""
    figure = fund_report.draw(_projections(), "test", "central", STATUS, "en")
    texts = [text.get_text() for text in figure.legends[0].get_texts()]
    assert texts == ["baseline (dashed)", "employer 18% (solid)", "proposal 2 (dash-dot)\nidentical to baseline"]
    balance, contributions, spending = figure.axes[:3]
    assert balance.get_title(loc="right") == contributions.get_title(loc="right") == "Identical: proposal 2 = baseline"
    assert spending.get_title(loc="right") == "Identical: employer 18% = baseline; proposal 2 = baseline"  # same spending, in this panel only
    for panel in (balance, contributions, spending):
        lines = _series(panel)
        # The baseline thin, dashed and on top; the reforms wider under it: where equal, every line shows.
        assert lines["baseline"].get_zorder() > max(lines[label].get_zorder() for label in ("employer 18%", "proposal 2"))
        assert lines["baseline"].get_linewidth() < lines["proposal 2"].get_linewidth() < lines["employer 18%"].get_linewidth()
        assert lines["baseline"].get_linestyle() == "--"


def test_the_fund_starts_flows_at_zero_and_shows_zero_for_the_balance():
    projections = _projections()
    figure = fund_report.draw(projections, "test", "central", STATUS, "en")
    balance, contributions, spending = figure.axes[:3]
    assert contributions.get_ylim()[0] == 0 and spending.get_ylim()[0] == 0  # flows of 160-190 (亿元)
    low, high = balance.get_ylim()
    assert low < 0 < high  # the baseline's balance falls below 0: both signs shown
    positive = {label: [{**row, "balance": abs(row["balance"]) + 1e10} for row in rows] for label, rows in projections.items()}
    assert fund_report.draw(positive, "test", "central", STATUS, "en").axes[0].get_ylim()[0] == 0


def test_the_fund_hatches_years_by_status_with_one_key_each():
    """Was: projected years shaded grey, estimated years not shown at all."""
    figure = fund_report.draw(_projections(), "test", "central", STATUS, "zh")
    for panel in figure.axes[:3]:
        spans = {patch.get_gid(): patch for patch in panel.patches if (patch.get_gid() or "").startswith("status:")}
        assert set(spans) == {"status:estimated", "status:projected"}
        assert spans["status:estimated"].get_hatch() == status_marks.HATCHES["estimated"]
        assert spans["status:projected"].get_hatch() == status_marks.HATCHES["projected"]
        span = spans["status:estimated"]
        assert (span.get_x(), span.get_x() + span.get_width()) == (2024.5, 2026.5)  # the two estimated years
    keys = figure.legends[1]
    assert keys.get_title().get_text() == "数据状态"
    assert [text.get_text() for text in keys.get_texts()] == ["* 估计（点状阴影）", "† 预测（斜线阴影）"]
    assert [patch.get_hatch() for patch in keys.get_patches()] == ["..", "//"]
    assert figure.legends[0].get_texts()[0].get_text() == "现行规定（虚线）" and "中方案" in figure.get_suptitle()


# -- the population ------------------------------------------------------------------


def _population():
    """Four persons: reform A raises men's pensions and lowers women's; B changes nothing.
    One woman's baseline pension rests on estimated data."""
    rows, records = [], []
    people = [("male", 1955, 100.0, 110.0, "official"), ("male", 1965, 100.0, 120.0, "official"),
              ("female", 1955, 100.0, 90.0, "estimated"), ("female", 1965, 100.0, 100.0, "official")]
    for number, (sex, born, before, after, status) in enumerate(people):
        rows.append({"person_id": f"p{number}", "weight": 10.0 + number, "sex": sex, "birth_date": datetime.date(born, 5, 1)})
        record = {"person_id": f"p{number}", "weight": 10.0 + number}
        for label, pension in (("baseline", before), ("A", after), ("B", before)):
            record.update({f"refused [{label}]": "", f"monthly_pension [{label}]": pension, f"monthly_pension_status [{label}]": "official"})
        record["monthly_pension_status [baseline]"] = status
        records.append(record)
    return rows, records


def test_the_population_chart_draws_every_reform_by_every_grouping():
    """Was: the first reform by the first grouping only, without a word."""
    rows, records = _population()
    figure = population_impact.draw(rows, records, ["baseline", "A", "B"], ["sex", "cohort"], "en")
    panels = figure.axes
    assert [panel.get_title() for panel in panels] == ["A, by sex", "A, by cohort", "B, by sex", "B, by cohort"]
    assert len({panel.get_ylim() for panel in panels}) == 1 and panels[0].get_ylim()[0] == 0  # one scale, from 0
    bars = {patch.get_gid(): patch for patch in panels[0].patches}
    # By sex under A: men 10 + 11 gain, woman 12 loses (woman 13 unchanged).
    assert bars["gainers:male:official"].get_height() == 21 and bars["losers:female:estimated"].get_height() == 12
    assert bars["gainers:male:official"].get_hatch() is None  # official: plain (losers were hatched //, the projected pattern)
    assert bars["losers:female:estimated"].get_hatch() == status_marks.HATCHES["estimated"]
    assert [text.get_text() for text in panels[2].texts] == ["no gainers and no losers"]
    assert [text.get_text() for text in figure.legends[0].get_texts()] == ["gainers", "losers"]
    assert [text.get_text() for text in figure.legends[1].get_texts()] == ["official (plain)", "* estimated (dotted)"]


def test_the_population_chart_names_groups_in_chinese():
    rows, records = _population()
    figure = population_impact.draw(rows, records, ["baseline", "A"], ["sex", "cohort"], "zh")
    assert [panel.get_title() for panel in figure.axes] == ["A，按性别", "A，按出生年代"]
    assert [tick.get_text() for tick in figure.axes[0].get_xticklabels()] == ["女", "男"]
    assert [tick.get_text() for tick in figure.axes[1].get_xticklabels()] == ["1950年代", "1960年代"]


def test_the_chinese_population_chart_names_a_built_in_reform_by_its_title():
    """`shebao --lang zh population ... -r flexible_worker_rate_18 --by sex --chart x.png`: the
    panel said "flexible_worker_rate_18，按性别" where the table says the reform's Chinese title."""
    rows, records = _population()
    records = [{key.replace("[A]", "[flexible_worker_rate_18]"): value for key, value in record.items()} for record in records]
    figure = population_impact.draw(rows, records, ["baseline", "flexible_worker_rate_18"], ["sex"], "zh")
    assert [panel.get_title() for panel in figure.axes] == ["灵活就业人员费率18%（统筹7%、个人账户11%），按性别"]


def test_the_command_draws_two_reforms_by_two_groupings(monkeypatch, capsys, tmp_path):
    drawn = []
    monkeypatch.setattr(charts, "save", lambda figure, path, **options: drawn.append(figure) or path)
    code, _, err = run(monkeypatch, capsys, "population", "--synthetic", "seed-flexible-workers", "-r", "flexible_worker_rate_18",
                       "-r", "basic_pension_by_years", "--by", "sex", "--by", "cohort", "--chart", str(tmp_path / "x.png"), "--lang", "en")
    assert code == 0 and "one panel for each reform and grouping (2 x 2)" in err
    assert [panel.get_title() for panel in drawn[0].axes] == [
        "flexible_worker_rate_18, by sex", "flexible_worker_rate_18, by cohort", "basic_pension_by_years, by sex", "basic_pension_by_years, by cohort"]


# -- regions and medical -------------------------------------------------------------

WORKER = {"worker": {"birth_date": "1963-03-01", "sex": "male", "deemed_contribution_years": 20,
                     "career": [{"from": 2020, "to": 2022, "wage": 5000}]}}


def test_the_regions_chart_hatches_by_status_and_keys_regions_by_colour_alone():
    """Was: each region's legend key showed the hatch of its first bar, as if a region had a status."""
    comparison = region_compare.compare(WORKER, "shandong,jinan")
    figure = region_compare.draw(comparison, "en")
    bars = [patch for axes in figure.axes for patch in axes.patches if patch.get_gid()]
    statuses = {bar.get_gid().rsplit(":", 1)[1] for bar in bars}
    assert statuses and all(bar.get_hatch() == (status_marks.HATCHES[bar.get_gid().rsplit(":", 1)[1]] or None) for bar in bars)
    regions, keys = figure.legends
    assert all(patch.get_hatch() is None for patch in regions.get_patches())
    assert [text.get_text() for text in keys.get_texts()] == [
        charts.label(f"status_keys.area.{status}", "en") for status in status_marks.MARKS if status in statuses]
    assert all(axes.get_ylim()[0] == 0 for axes in figure.axes)


def test_the_medical_chart_names_an_identical_reform_and_starts_at_zero():
    reform = compose(resolve("medical_pooling_only"))
    case = {"region": "jinan", "year": 2003, "cost": 20000, "hospital_level": 2}
    figure = medical.draw(default_system(), [("proposal 4", reform), ("again", reform)], case, [0, 20000, 60000], "en")
    axes = figure.axes[0]
    assert axes.get_ylim()[0] == 0
    lines = _series(axes)
    assert same_color(lines["baseline"].get_color(), "black") and lines["baseline"].get_linestyle() == "--"
    assert lines["baseline"].get_zorder() > lines["again"].get_zorder() and lines["again"].get_linewidth() < lines["proposal 4"].get_linewidth()
    assert not any(line.get_marker() not in (None, "None", "") for line in lines.values())  # no point to read as official
    texts = [text.get_text() for text in axes.get_legend().get_texts()]
    assert texts == ["baseline (dashed)", "proposal 4 (solid)", "again (dash-dot)\nidentical to proposal 4"]
    assert "Data status not shown" in figure.get_supxlabel()


@pytest.mark.parametrize("lang, region, title, tick", [
    ("zh", "济南市", "worker: 月养老金", "基础养老金"),
    ("en", "Jinan", "worker: Monthly pension (yuan a month)", "Basic pension"),
])
def test_the_regions_chart_speaks_the_language_of_the_run_alone(lang, region, title, tick):
    """`shebao --lang zh regions compare ... --chart r.png` drew "成都市 Chengdu", "月养老金 Monthly pension
    (yuan a month)" and "基础养老金 Basic pension" in both languages, whatever --lang said; n/a in English."""
    comparison = region_compare.compare(WORKER, "shandong,jinan")
    figure = region_compare.draw(comparison, lang)
    assert [text.get_text() for text in figure.legends[0].get_texts()][1] == region
    assert figure.axes[0].get_title() == title
    assert figure.axes[0].get_xticklabels()[0].get_text() == tick
    charts.pyplot().close(figure)


# -- the ticks of amounts ------------------------------------------------------------


def _tick_texts(axes):
    axes.figure.canvas.draw()  # the formatter runs when the ticks are drawn
    return [text.get_text() for text in axes.get_yticklabels()]


def test_a_panel_whose_values_are_all_zero_has_one_tick_zero():
    """Was: a panel of zeros (a pension every region refuses: a man retiring in 1998, no 1998 transitional
    coefficient anywhere) labelled each of its seven ticks "0"."""
    refused = {"man_1998": {"birth_date": "1938-03-10", "sex": "male", "deemed_contribution_years": 20,
                            "career": [{"from": 1996, "to": 1997, "index": 1.0}]}}
    comparison = region_compare.compare(refused, "shandong,beijing")
    pensions, contributions = region_compare.draw(comparison, "en").axes[:2]
    assert all(not isinstance(comparison.value("man_1998", key, "monthly_pension"), float) for key in ("shandong", "beijing"))
    assert _tick_texts(pensions) == ["0"] and pensions.get_ylim() == (0, 1)
    texts = _tick_texts(contributions)  # the individual contributions of 1996-97: amounts, each tick its own
    assert texts[0] == "0" and len(set(texts)) == len(texts) > 2


@pytest.mark.parametrize("values, expected", [
    ([0.1, 0.3], {"0", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30"}),  # 0.1-0.3 (100 million yuan) had every tick "0"
    ([1200, 3400], {"0", "500", "1,000", "1,500", "2,000", "2,500", "3,000"}),
])
def test_ticks_of_amounts_carry_the_decimals_their_step_needs(values, expected):
    axes = charts.pyplot().subplots()[1]
    axes.plot([0, 1], values)
    charts.amount_axis(axes)
    texts = _tick_texts(axes)
    assert len(set(texts)) == len(texts) and expected <= set(texts) and axes.get_ylim()[0] == 0
