"""Charts as a person sees them (issue 13): Chinese labels drawn with a CJK font and no missing
glyph, the baseline told from a reform in the legend, ticks at the grid's years, the reform
named by its name, a cliff drawn as a step, and the file in the format its name asks for."""

import warnings

import pytest
from cli_run import run

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
    assert [text.get_text() for text in systems.get_texts()][2] == "again (dash-dot)"
    assert systems.get_lines()[2].get_linestyle() == "-."
    assert figure.axes[0].get_title() == "Monthly pension against contribution years"  # too long with three: the legend names them
