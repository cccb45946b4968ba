"""Charts as a person sees them (issue 13): Chinese labels drawn with a CJK font and no missing
glyph, the baseline told from a reform in the legend, ticks at the grid's years, the reform
named by its name, a cliff drawn as a step, and the file in the format its name asks for.
The grid chart read from its matplotlib Figure: each system a marker of its own (a grid of
one cell), pensions from 0, a reform identical to the baseline named so, the status of each
point filled or hollow with its mark, one legend key per status.

The other charts (fund, population, regions, medical) and the status encoding they share:
tests/test_chart_encoding.py."""

import warnings

import pytest
from cli_run import run
from matplotlib.colors import same_color

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.analysis import charts, grids
from openfisca_china_social_insurance.analysis import reform_comparison as engine
from openfisca_china_social_insurance.core.errors import InputError
from openfisca_china_social_insurance.reforms.basic_pension_by_years import basic_pension_by_years

MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff", "pdf": b"%PDF"}


@pytest.fixture(scope="module")
def seed_rows():
    grid = grids.load_grid("seed-table2")
    return engine.compare(CountryTaxBenefitSystem(), [basic_pension_by_years], grids.grid_profiles(grid), cells=grids.grid_cells(grid))


def test_the_set_up_installs_a_cjk_font():
    assert charts.cjk_font() in charts.CJK_FONTS, "no CJK font: run bash scripts/bootstrap.sh (fonts-noto-cjk)"


def test_a_chart_with_chinese_labels_misses_no_glyph(seed_rows, tmp_path):
    """matplotlib warns "Glyph ... missing from font(s)" for each character it cannot draw."""
    labels, rows = seed_rows
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        engine.chart(rows, labels, tmp_path / "zh.png", lang="zh")
    missing = [str(warning.message) for warning in caught if "missing from" in str(warning.message)]
    assert missing == []
    assert (tmp_path / "zh.png").read_bytes()[:8] == MAGIC["png"]


def test_the_same_chart_without_the_cjk_font_would_miss_glyphs(tmp_path):
    """The check above can fail: DejaVu Sans alone has no 养."""
    plt = charts.pyplot()
    figure, axes = plt.subplots()
    axes.set_title("月养老金", fontfamily="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(tmp_path / "tofu.png")
    plt.close(figure)
    assert any("missing from" in str(warning.message) for warning in caught)


def _drawn(monkeypatch, rows, labels, path, lang):
    """The figure the chart draws, kept open for inspection."""
    kept = []
    monkeypatch.setattr(charts, "save", lambda figure, path, **options: kept.append(figure) or path)
    engine.chart(rows, labels, path, lang=lang)
    return kept[0]


def test_the_legend_tells_the_baseline_dashed_from_the_reform_solid(seed_rows, monkeypatch, tmp_path):
    labels, rows = seed_rows
    figure = _drawn(monkeypatch, rows, labels, tmp_path / "x.png", "en")
    systems = figure.legends[0]
    texts = [text.get_text() for text in systems.get_texts()]
    assert texts == ["baseline (dashed)", "basic_pension_by_years (solid)"]
    styles = [line.get_linestyle() for line in systems.get_lines()]
    assert styles[0] == "--" and styles[1] == "-"
    axes = figure.axes[0]
    assert list(axes.get_xticks()) == [15, 20, 25]  # the grid's years, not 16/18/20
    assert "basic_pension_by_years" in axes.get_title() and "/" not in axes.get_title()


def test_a_pension_that_starts_at_a_cell_is_drawn_as_a_step():
    cells = [{"years": 10, "p": 0.0}, {"years": 15, "p": 200.0}, {"years": 20, "p": 230.0}]
    assert engine._steps(cells, "p") == ([10, 15, 15, 20], [0.0, 0.0, 200.0, 230.0])


@pytest.mark.parametrize("suffix", ["png", "jpg", "pdf"])
def test_the_file_is_in_the_format_its_name_asks_for(seed_rows, tmp_path, suffix):
    labels, rows = seed_rows
    path = engine.chart(rows, labels, tmp_path / f"chart.{suffix}")
    assert path.read_bytes()[: len(MAGIC[suffix])] == MAGIC[suffix]


def test_a_chart_path_that_cannot_be_written_is_refused_by_name(tmp_path):
    with pytest.raises(InputError) as error:
        charts.check_path("/nonexistent/x.png")
    assert error.value.code == "chart_folder" and "/nonexistent/x.png" in str(error.value)
    with pytest.raises(InputError) as error:
        charts.check_path(tmp_path / "x.gif")
    assert error.value.code == "chart_suffix" and ".png" in str(error.value) and ".jpg" in str(error.value)


def test_the_command_refuses_a_missing_folder_without_a_traceback(monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "compare", "--grid", "seed-table2", "--chart", "/nonexistent/x.png")
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1
    assert "--chart" in err and "[chart_folder]" in err


def test_a_second_reform_is_named_with_the_style_it_is_drawn_in(seed_rows, monkeypatch, tmp_path):
    labels, rows = seed_rows
    again = [{**row, "again": row[labels[1]]} for row in rows]
    figure = _drawn(monkeypatch, again, labels + ["again"], tmp_path / "x.png", "en")
    systems = figure.legends[0]
    # Drawn exactly over the first reform: the legend says so rather than leave a line hidden.
    assert [text.get_text() for text in systems.get_texts()][2] == "again (dash-dot)\nidentical to basic_pension_by_years"
    assert systems.get_lines()[2].get_linestyle() == "-."
    assert figure.axes[0].get_title() == "Monthly pension against contribution years"  # too long with three: the legend names them


# -- the grid chart's Figure ------------------------------------------------------


def _grid_rows(cells, labels):
    """compare()'s rows for a chart: cells [(base, years, {label: (pension, status)})]."""
    rows = []
    for base, years, values in cells:
        person = f"{base:.0%} x {years}y"
        cell = {"person": person, "base": base, "years": years}
        rows.append({**cell, "measure": "monthly_pension", **{label: values[label][0] for label in labels}})
        rows.append({**cell, "measure": engine.STATUS, **{label: values[label][1] for label in labels}})
    return rows


def _points(figure, label):
    """The markers drawn for one system's cells."""
    return [line for line in figure.axes[0].get_lines() if line.get_gid() == f"point:{label}"]


def _hollow(line):
    return same_color(line.get_markerfacecolor(), "white")


ONE_CELL = [(1.0, 15, {"baseline": (1870.93, "unverified"), "flexible_worker_rate_18": (2140.65, "unverified")})]


def test_one_cell_tells_each_system_by_its_marker():
    """A grid of one base and one number of years: two points of the same colour and status.
    Each system's marker is its own, and the legend shows it (was: two identical hollow dots,
    systems told apart by a line style a single point does not have)."""
    labels = ["baseline", "flexible_worker_rate_18"]
    figure = engine.draw(_grid_rows(ONE_CELL, labels), labels, "en")
    markers = [{line.get_marker() for line in _points(figure, label)} for label in labels]
    assert all(len(found) == 1 for found in markers) and markers[0] != markers[1]
    systems = figure.legends[0]
    assert [line.get_marker() for line in systems.get_lines()] == [found.pop() for found in markers]
    # Each point named beside it, with its pension: a single column cannot be misread.
    names = [text.get_text() for text in figure.axes[0].texts]
    assert "baseline 1,870.93" in names and "flexible_worker_rate_18 2,140.65" in names
    charts.pyplot().close(figure)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pensions_start_at_zero(seed_rows, lang):
    """The seed's pensions lie between 160 and 470: the axis still starts at 0 (was ~160,
    which made a 30-yuan gap look like half the chart), and shows the highest point."""
    labels, rows = seed_rows
    figure = engine.draw(rows, labels, lang)
    bottom, top = figure.axes[0].get_ylim()
    highest = max(row[label] for row in rows if row["measure"] == "monthly_pension" for label in labels)
    assert bottom == 0 and highest < top
    charts.pyplot().close(figure)


def test_a_reform_identical_to_the_baseline_is_named_and_stays_visible():
    labels = ["baseline", "same"]
    cells = [(1.0, years, {"baseline": (200.0 + years, "official"), "same": (200.0 + years, "official")}) for years in (15, 20)]
    figure = engine.draw(_grid_rows(cells, labels), labels, "en")
    assert [text.get_text() for text in figure.legends[0].get_texts()] == ["baseline (dashed)", "same (solid)\nidentical to baseline"]
    # The baseline's markers are larger and under the reform's: both show where they coincide.
    baseline, same = _points(figure, "baseline")[0], _points(figure, "same")[0]
    assert baseline.get_markersize() > same.get_markersize() and baseline.get_zorder() < same.get_zorder()
    charts.pyplot().close(figure)


def test_each_point_shows_its_status_filled_or_hollow_with_its_mark():
    """Official points filled; a point resting on estimated, unverified or projected data
    hollow, with the mark the tables print after it; one legend key per status present."""
    labels = ["baseline", "reform"]
    cells = [
        (1.0, 15, {"baseline": (300.0, "official"), "reform": (310.0, "estimated")}),
        (1.0, 20, {"baseline": (320.0, "unverified"), "reform": (330.0, "projected")}),
        (1.0, 10, {"baseline": (0.0, "projected"), "reform": (0.0, "estimated")}),  # no pension: unmarked, as in a table
    ]
    figure = engine.draw(_grid_rows(cells, labels), labels, "en")
    axes = figure.axes[0]
    drawn = {(label, line.get_ydata()[0]): line for label in labels for line in _points(figure, label)}
    assert not _hollow(drawn[("baseline", 300.0)]) and not _hollow(drawn[("baseline", 0.0)]) and not _hollow(drawn[("reform", 0.0)])
    assert all(_hollow(drawn[key]) for key in [("reform", 310.0), ("baseline", 320.0), ("reform", 330.0)])
    marks = sorted((text.get_text(), text.xy[1]) for text in axes.texts if text.get_gid() == "status-mark")
    assert marks == sorted([("*", 310.0), ("?", 320.0), ("†", 330.0)])
    statuses = figure.legends[2]
    assert statuses.get_title().get_text() == "Data status"
    assert [text.get_text() for text in statuses.get_texts()] == [
        "official (filled)", "* estimated (hollow)", "? unverified (hollow)", "† projected (hollow)"]
    assert [_hollow(line) for line in statuses.get_lines()] == [False, True, True, True]
    charts.pyplot().close(figure)


def test_the_seed_grid_in_chinese_keys_its_one_status(seed_rows):
    labels, rows = seed_rows
    figure = engine.draw(rows, labels, "zh")
    assert [text.get_text() for text in figure.legends[2].get_texts()] == ["* 估计（空心）"]
    assert figure.legends[0].get_title().get_text() == "方案" and figure.axes[0].get_ylabel() == "月养老金（元）"
    charts.pyplot().close(figure)


def test_a_chinese_chart_names_a_built_in_reform_as_the_table_does(seed_rows):
    """`shebao --lang zh compare --grid seed-table2 -r basic_pension_by_years --chart x.png`: the
    table's column said 基础养老金与缴费年限挂钩, the chart's title and legend basic_pension_by_years
    (English left in a Chinese chart; the medical, population and fund charts alike)."""
    labels, rows = seed_rows
    figure = engine.draw(rows, labels, "zh")
    texts = [text.get_text() for text in figure.legends[0].get_texts()]
    assert texts == ["现行规定（虚线）", "基础养老金与缴费年限挂钩（实线）"]
    assert "basic_pension_by_years" not in figure.axes[0].get_title()
    charts.pyplot().close(figure)
    assert charts.system_name("flexible_worker_rate_18+basic_pension_by_years", 1, "zh") == (
        "灵活就业人员费率18%（统筹7%、个人账户11%）+基础养老金与缴费年限挂钩")
    assert charts.system_name("basic_pension_by_years", 1, "en") == "basic_pension_by_years"
    assert charts.system_name("my_file_reform", 1, "zh") == "my_file_reform"  # no title known: its label


def test_a_chart_names_a_baseline_with_reforms_applied_as_the_table_does(seed_rows, tmp_path):
    """--baseline a: the table's column is 现行规定（a's title）, the chart's legend said 现行规定 alone."""
    labels, rows = seed_rows
    figure = engine.draw(rows, labels, "zh", names={"baseline": "现行规定（甲）"})
    assert [text.get_text() for text in figure.legends[0].get_texts()][0] == "现行规定（甲）（虚线）"
    charts.pyplot().close(figure)
    figure = engine.draw(rows, labels, "en", names={"baseline": "现行规定（甲）"})  # not drawn in English (no glyphs there)
    assert [text.get_text() for text in figure.legends[0].get_texts()][0] == "baseline (dashed)"
    charts.pyplot().close(figure)
