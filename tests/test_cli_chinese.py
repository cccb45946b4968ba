"""Under `--lang zh` every command speaks Chinese: a policy officer found English left in the
help, the tables, their headers and rows, and the messages on stderr.

The check is general, not a list of expected outputs: each main command is run under `--lang zh`
(table and Markdown, a wide terminal so that nothing is folded), its output cut into words, and
every word holding a Latin letter must be one the model itself names (a variable, a parameter
path, a region's pinyin key, a reform's or a grid's key, an option or a value typed on the
command line), a file name or path, a unit or a number, or one of a few proper names
(OpenFisca, CSV...). A parameter file's reference is quoted as its file writes it (legal
titles, often bilingual), so the references of the parameter tree are taken out first. A
new English word in a table, a header or a message fails the test, naming the command and
showing the word in its line.

Under `--lang en` the titles and headers of the tables have no Chinese (both languages side
by side were the rule before).
"""

import re

import cli_run
import pytest
import typer

from openfisca_china_social_insurance import default_system
from openfisca_china_social_insurance.analysis import grids, population_impact, reform_comparison, reform_files, synthetic
from openfisca_china_social_insurance.cli import app
from openfisca_china_social_insurance.core import i18n, regions

#: Proper names, abbreviations and metavariables of the help that stay as they are in Chinese.
PROPER = {
    "OpenFisca", "Web", "API", "GB", "T", "CSV", "JSON", "YAML", "PNG", "UTF", "BOM", "Excel", "Windows", "Dask", "LocalCluster",
    "HOST", "PORT", "FROM", "TO", "YYYY", "MM", "DD", "REGION", "DATE", "iconv", "gbk", "weightipy", "tcp", "host",
}
#: Values typed on the command line, which the help and the messages quote.
TYPED = {"table", "csv", "markdown", "json", "xlsx", "md", "png", "jpg", "svg", "pdf", "parquet", "yaml", "zh", "en", "low", "central", "high",
         "monthly", "quarterly", "yearly", "baseline", "true", "false", "metadata", "status", "inherits"}
#: A file name or path, an option, an identifier, a code or a formula: not a word of a sentence.
IDENTIFIER = re.compile(r"^(--?[\w-]+|\$\w+|[\w.+-]*[_./\d+][\w./+-]*|\w+://.*)$")


def vocabulary():
    """Every key the model names: variables, regions, reforms, grids, populations, measures (a parameter's
    path is a word with dots). Not the values of a variable (female, flexible_worker): a table names them in Chinese."""
    words = set(default_system().variables)
    words |= {info.key for info in regions.REGIONS} | set(reform_files.known_names()) | set(grids.built_in_grids()) | set(synthetic.built_in())
    words |= set(population_impact.MEASURES) | set(population_impact.GROUPINGS) | set(reform_comparison.MEASURES)
    words |= set(i18n.catalogue()["errors"])  # an error's code, the same in both languages

    def commands(command):  # the commands and their arguments' names, as the usage line shows them
        for name, sub in getattr(command, "commands", {}).items():
            words.add(name)
            words.update(param.name for param in sub.params if param.param_type_name == "argument")
            commands(sub)

    words.add("shebao")
    commands(typer.main.get_command(app))
    return words


def references():
    """The reference titles of every parameter file, as the regions tables quote them (longest first)."""
    from openfisca_china_social_insurance.analysis import region_rules

    titles = set()

    def walk(node):
        for key, value in (getattr(node, "metadata", None) or {}).items():
            if key == "reference" and isinstance(value, dict):
                for reference in value.values():
                    items = reference if isinstance(reference, list) else [reference]
                    titles.add(region_rules.reference_titles(items))
                    titles.update(str(item.get("title", "")) if isinstance(item, dict) else str(item) for item in items)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(default_system().parameters)
    return sorted((title for title in titles if title), key=len, reverse=True)


KEYS = vocabulary()
QUOTED = references()


def english_words(text, typed=()):
    """[(word, line)] of the words of `text` that are English prose (see the module's docstring);
    `typed`: the words of the command line and the names of its persons."""
    for title in QUOTED:
        text = text.replace(title, " ")
    allowed = KEYS | PROPER | TYPED | set(typed)
    found = []
    for line in text.splitlines():
        # A word: a run without spaces, Chinese characters or punctuation that brackets or separates.
        for word in re.split(r"[\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef│┃━─┏┓┗┛┣┫┳┻╋┡┩╇┯┷╭╮╰╯|,;!?()\[\]{}<>\"'`“”‘’*†=×%]+", line):
            word = word.strip(".…:")
            if not re.search("[A-Za-z]", word) or word in allowed or IDENTIFIER.match(word) or set(re.split("[-:]", word)) <= allowed:
                continue
            found.append((word, line.strip()[:160]))
    return found


def run(monkeypatch, capsys, *args):
    monkeypatch.setenv("COLUMNS", "4000")  # nothing folded: a word is whole on its line
    from typer import rich_utils

    monkeypatch.setattr(rich_utils, "MAX_WIDTH", 4000)
    return cli_run.run(monkeypatch, capsys, *args)


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    """A profile file: one person short of the minimum years, one with a career past retirement (both notes of `pension`)."""
    path = tmp_path_factory.mktemp("people") / "people.yaml"
    path.write_text(
        "short: {birth_date: 1964-03-15, sex: male, insured_region: jinan, career: [{from: 2012, to: 2023, index: 1.0}]}\n"
        "late: {birth_date: 1964-03-15, sex: male, insured_region: jinan, retirement_date: 2024-04-01, career: [{from: 2000, to: 2026, index: 1.0}]}\n",
        encoding="utf-8",
    )
    return str(path)


def commands(folder, people):
    """Each main command as a policy officer runs it, with the options that print notes and messages."""
    return [
        ["pension", "--example"],
        ["pension", people],
        ["compare", "--grid", "seed-table2", "-r", "basic_pension_by_years"],
        ["compare", "--example", "-r", "flexible_worker_rate_18", "-r", "basic_pension_by_years_capped", "--baseline", "basic_pension_share_25"],
        ["compare", "--grid", "seed-table2", "--output", f"{folder}/t.csv"],
        ["contributions", "--region", "guangzhou", "--wage", "3000", "--month", "2025-07"],
        ["contributions", "--region", "beijing", "--wage", "50000", "--month", "2025-07", "--industry-class", "2", "--housing-fund-rate", "0.12"],
        ["medical", "--year", "2003", "--cost", "20000", "--hospital-level", "2", "-r", "medical_pooling_only", "--chart", f"{folder}/m.png"],
        ["population", "--synthetic", "seed-flexible-workers", "-r", "flexible_worker_rate_18", "--year", "2002", "--output", f"{folder}/p.csv",
         "--chart", f"{folder}/p.png", *[argument for grouping in population_impact.GROUPINGS for argument in ("--by", grouping)]],
        ["population", "--synthetic", "shandong-employees", "--fund", "2025:2026", "-r", "basic_pension_by_years", "--by", "region",
         "--output", f"{folder}/f.csv"],
        ["regions", "list"],
        ["regions", "diff", "--date", "2002-07-01", "--region", "jinan"],
        ["regions", "show", "beijing", "--date", "2030-01-01"],
        ["regions", "explain", "flexible_worker_rate", "jinan", "--date", "2002-07-01"],
        ["regions", "explain", "average_wage", "shenzhen", "--date", "1995-07-01"],
        ["regions", "compare", people, "--regions", "shandong,jinan,beijing"],
        ["regions", "compare", "--grid", "jinan-flexible-workers", "--regions", "jinan,weifang"],
    ]


def helps():
    """`--help` of shebao and of every command and subcommand, found in the application itself."""
    found = [[]]

    def walk(command, path):
        for name, sub in getattr(command, "commands", {}).items():
            found.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return [[*path, "--help"] for path in found]


ERRORS = [
    ["medical", "--cost", "1"],  # typer's own: a missing option
    ["medical", "--year", "soon", "--cost", "1"],  # a value that does not parse
    ["pension", "--no-such-option"],
    ["population", "--synthetic", "seed-flexible-workers", "--workers", "2"],
    ["population", "--synthetic", "shandong-employees", "--fund", "soon"],
    ["regions", "compare", "--regions", "jinan"],
    ["serve", "--port", "0"],
]


def formats(args):
    """The formats a run is checked in: the table and Markdown, where the command has them (a
    file written by --output has its own)."""
    if args[:2] == ["regions", "explain"] or (args[0] == "compare" and "--output" in args):
        return ["table"]
    return ["table", "markdown"]


def test_every_command_speaks_chinese(monkeypatch, capsys, tmp_path, people):
    import yaml

    persons = list(yaml.safe_load(open(people, encoding="utf-8")))  # their names are the file's
    leaks = {}
    runs = [(args, fmt) for args in commands(tmp_path, people) for fmt in formats(args)]
    for args, fmt in runs + [(args, None) for args in helps() + ERRORS]:
        line = [*args, "--lang", "zh"] + (["--format", fmt] if fmt == "markdown" else [])
        code, out, err = run(monkeypatch, capsys, *line)
        assert code == 0 or args in ERRORS, (line, err)
        assert out + err, line
        written = [path for path in tmp_path.glob("*.csv")]  # the keys of the files written (--output), which messages quote
        keys = {word for path in written for word in re.split(r"[\s,\[\]]+", path.read_text(encoding="utf-8-sig").splitlines()[0])}
        words = english_words(out + "\n" + err, typed=line + persons + sorted(keys))
        if words:
            leaks[" ".join(line)] = words[:8]
    assert not leaks, "English under --lang zh:\n" + "\n".join(f"shebao {command}: {words}" for command, words in leaks.items())


def test_the_check_finds_english_where_there_is_some():
    """The check itself: English prose fails, keys, paths, numbers and Chinese pass."""
    assert [word for word, _ in english_words("chart written to /tmp/x.png")] == ["chart", "written", "to"]
    assert [word for word, _ in english_words("| measure 指标 | baseline | flexible_worker_rate_18 |")] == ["measure"]
    assert english_words("已写入 /tmp/x.png；jinan：自 2002-01-01 起为 0.18（估计）；--fund 2025:2060；monthly_pension 12,537.87 元") == []
    assert [word for word, _ in english_words("| 性别 | female | 20,753.50 |")] == ["female"]


def test_tables_in_english_have_no_chinese_titles_or_headers(monkeypatch, capsys, tmp_path, people):
    cjk = re.compile(r"[\u3400-\u9fff]")
    mixed = {}
    for args in commands(tmp_path, people):
        if "markdown" not in formats(args):
            continue
        code, out, _ = run(monkeypatch, capsys, *args, "--lang", "en", "--format", "markdown")
        assert code == 0, args
        lines = out.splitlines()
        shown = [line for number, line in enumerate(lines) if line.startswith("### ") or (line.startswith("| ") and number + 1 < len(lines) and lines[number + 1].startswith("|---"))]
        chinese = [line for line in shown if cjk.search(line)]
        if chinese:
            mixed[" ".join(args)] = chinese
    assert not mixed, mixed


def test_reforms_are_named_in_chinese_in_chinese_tables(monkeypatch, capsys):
    """A reform's Chinese name is the Chinese half of its own name (Python) or description (a file), not its key."""
    for spec in ("basic_pension_by_years", "basic_pension_by_years_capped"):
        title = reform_files.reform_title(reform_files.resolve(spec), "zh")
        assert title and i18n.has_chinese(title)
        code, out, _ = run(monkeypatch, capsys, "compare", "--example", "-r", spec, "--measures", "monthly_pension", "--lang", "zh", "--format", "markdown")
        header = next(line for line in out.splitlines() if line.startswith("| "))
        assert code == 0 and f"| {title} |" in header and spec not in header
        code, out, _ = run(monkeypatch, capsys, "compare", "--example", "-r", spec, "--measures", "monthly_pension", "--lang", "en", "--format", "markdown")
        assert f"| {spec} |" in out  # English tables name it by its key, as csv and json do


def test_typers_own_words_are_chinese_for_the_run_only(monkeypatch, capsys):
    """Usage, the panels and usage errors in Chinese under zh; back in English after the run, for
    whoever calls the application next in the same process (typer keeps them in module constants)."""
    from typer import rich_utils

    code, _, err = run(monkeypatch, capsys, "medical", "--cost", "1", "--lang", "zh")
    assert code == 2 and "用法：shebao medical [选项]" in err and "缺少选项 '--year'。" in err and "Usage" not in err
    assert rich_utils.OPTIONS_PANEL_TITLE == "Options" and rich_utils.ERRORS_PANEL_TITLE == "Error"
    code, _, err = run(monkeypatch, capsys, "medical", "--cost", "1", "--lang", "en")
    assert code == 2 and "Usage: shebao medical [OPTIONS]" in err and "Missing option '--year'." in err


#: Bad reform files (and names) and a word of the Chinese message each must give under --lang zh.
BAD_REFORMS = {
    "unknown_key.yaml": ("name: x\nchanges:\n  - path: pension.contribution.account_share\n    start: 2002-01-01\n    valeu: 0.1\n", "无法识别"),
    "not_a_parameter.yaml": ("name: x\nchanges:\n  - path: pension.contribution.acount_share\n    start: 2002-01-01\n    value: 0.1\n", "不是参数"),
    "percent.yaml": ("name: x\nchanges:\n  - path: pension.contribution.account_share\n    start: 2002-01-01\n    value: 8\n", "应写作 0.08"),
    "no_changes.yaml": ("name: x\n", "缺少 changes"),
    "not_a_date.yaml": ("name: x\nchanges:\n  - path: pension.contribution.account_share\n    start: soon\n    value: 0.1\n", "不是日期"),
    "scale_value.yaml": ("name: x\nchanges:\n  - path: pension.benefit.payout_months.by_age\n    start: 2025-01-01\n    value: 139\n", "是标尺"),
}


def test_reform_file_errors_speak_chinese(monkeypatch, capsys, tmp_path):
    """`shebao --lang zh compare -r bad.yaml` printed the reform file's error in English. The file's
    keys (changes, path, start...) are typed as the file writes them."""
    keys = [*reform_files.TOP_KEYS, *reform_files.CHANGE_KEYS, *reform_files.SCALE_KEYS, *reform_files.VARIANT_KEYS, "threshold", "amount", "rate", "month", "year", "years", "age"]  # a scale's keys and units (metadata)
    for name, (text, word) in BAD_REFORMS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, out, err = run(monkeypatch, capsys, "--lang", "zh", "compare", "--example", "-r", str(path))
        assert code != 0 and word in err and f"改革文件 {path} 第 " in err, (name, err)
        assert not english_words(err, typed=[str(path), *keys, "valeu", "soon"]), (name, err)  # and the typos quoted
        code, _, english = run(monkeypatch, capsys, "--lang", "en", "compare", "--example", "-r", str(path))
        assert code != 0 and f"reform file {path}:" in english and not i18n.has_chinese(english.replace(str(path), "")), (name, english)
    code, _, err = run(monkeypatch, capsys, "--lang", "zh", "compare", "--example", "-r", "basic_pension_by_yeras")
    assert code != 0 and "改革方案 'basic_pension_by_yeras' 无法识别。是否想写 basic_pension_by_years" in err, err
    assert not english_words(err, typed=["basic_pension_by_yeras", "Reform"]), err  # OpenFisca's class, by its name
