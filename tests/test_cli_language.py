"""Chinese and English on the command line (issue 13): `--lang zh|en` anywhere, the default
from the locale, the help, the tables and the errors in either language with one code."""

import json
import string

import cli_run
import pytest

from openfisca_china_social_insurance.core import i18n
from openfisca_china_social_insurance.core.errors import InputError


def run(monkeypatch, capsys, *args, env=None):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    return cli_run.run(monkeypatch, capsys, *args)


@pytest.mark.parametrize(
    "environ, lang",
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),  # LC_ALL overrides LANG
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),
    ],
)
def test_the_default_language_follows_the_locale(environ, lang):
    assert i18n.default_lang(environ) == lang


def test_the_catalogue_says_every_error_in_both_languages_with_the_same_placeholders():
    fields = lambda text: {name for _, name, _, _ in string.Formatter().parse(text) if name}  # noqa: E731
    for code, entry in i18n.catalogue()["errors"].items():
        assert set(entry) == {"zh", "en"}, code
        assert fields(entry["zh"]) == fields(entry["en"]), code


def test_an_error_has_one_code_in_both_languages(monkeypatch, capsys):
    code, out, en = run(monkeypatch, capsys, "compare", "--grid", "seed-table2", "--format", "xml", "--lang", "en")
    assert code == 2 and out == ""
    assert en == "error: --format: 'xml' is not allowed. Allowed: table, csv, markdown, json. [format]\n"
    code, out, zh = run(monkeypatch, capsys, "compare", "--grid", "seed-table2", "--format", "xml", env={"LANG": "zh_CN.UTF-8"})
    assert code == 2 and zh.startswith("错误：--format：不支持 'xml'") and zh.endswith("[format]\n")


def test_an_error_without_a_translation_keeps_its_english_text_and_a_code(monkeypatch, capsys):
    # A date outside the data had no Chinese (it was this test's example): now it has its code and its text.
    code, _, err = run(monkeypatch, capsys, "regions", "diff", "--date", "1949-12-31", "--lang", "zh")
    assert code == 2 and err.startswith("错误：--date：1949-12-31 超出数据范围。") and err.endswith("[rules_date_outside]\n")
    # An error raised without a code of its own keeps its English, and the code "input".
    error = InputError("x: 3. Allowed: 1 or 2.")
    assert error.code == "input" and error.in_language("zh") == error.in_language("en") == "x: 3. Allowed: 1 or 2."


def test_an_unknown_region_is_explained_in_chinese(monkeypatch, capsys):
    """A Nanjing user of the Chinese command line read the refusal of 南京 in English."""
    code, _, err = run(monkeypatch, capsys, "regions", "show", "南京", "--lang", "zh")
    assert code == 2 and err.startswith("错误：region：未知地区 '南京'。") and "请填写 jiangsu" in err and err.endswith("[region_unknown]\n")
    code, _, err = run(monkeypatch, capsys, "regions", "show", "jinnan", "--lang", "zh")
    assert "是否想写：jinan" in err


def test_a_language_that_is_not_offered_is_refused(monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "--lang", "fr", "regions", "list")
    assert code == 2 and "--lang: 'fr'" in err and "zh, en" in err and "[lang]" in err
    with pytest.raises(InputError) as error:
        i18n.check_lang("de")
    assert error.value.code == "lang" and "小" not in str(error.value)  # the English text stays English


def test_the_help_is_in_the_chosen_language(monkeypatch, capsys):
    code, zh, _ = run(monkeypatch, capsys, "compare", "--help", "--lang", "zh")
    assert code == 0 and "比较现行规定与改革方案下的养老金" in zh and "改革方案：内置名称" in zh
    assert "显示此帮助并退出" in zh and "Show this message" not in zh  # click's own --help too
    code, en, _ = run(monkeypatch, capsys, "compare", "--help", "--lang=en")
    assert code == 0 and "Compare pensions under a baseline and reforms" in en and "比较现行规定" not in en
    assert "Show this message and exit" in en


def test_every_command_takes_lang(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "regions", "list", "--format", "csv", "--lang", "zh")
    assert code == 0 and "370100" in out


def test_the_comparison_table_in_each_language(monkeypatch, capsys):
    args = ("compare", "--grid", "seed-table2", "-r", "basic_pension_by_years", "--measures", "basic_pension,irr")
    code, zh, _ = run(monkeypatch, capsys, *args, "--lang", "zh")
    assert code == 0
    assert "养老金改革比较" in zh and "基础养老金" in zh and "现行规定" in zh and "不适用" in zh
    assert "Basic pension" not in zh and "Data status" not in zh
    code, en, _ = run(monkeypatch, capsys, *args, "--lang", "en")
    assert "Pension reform comparison" in en and "Basic pension" in en and "n/a" in en
    assert "基础养老金" not in en and "数据状态" not in en


def test_a_profile_file_that_cannot_be_read_in_both_languages(monkeypatch, capsys, tmp_path):
    missing = str(tmp_path / "nobody.yaml")
    code, _, en = run(monkeypatch, capsys, "pension", missing, "--lang", "en")
    assert code == 2 and en == f"error: profile file {missing}: cannot be read (No such file or directory). Allowed: a readable YAML file. [profile_read]\n"
    code, _, zh = run(monkeypatch, capsys, "pension", missing, "--lang", "zh")
    assert code == 2 and zh.startswith(f"错误：人员文件 {missing}：无法读取") and zh.endswith("[profile_read]\n")


def test_a_profile_file_in_gbk_is_an_error_in_both_languages_not_a_traceback(tmp_path, monkeypatch, capsys):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("张三:\n  birth_date: 1965-07-01\n  sex: male\n  insured_region: weifang\n".encode("gbk"))
    code, _, err = run(monkeypatch, capsys, "pension", str(path))
    assert code != 0 and "not UTF-8 text (byte 0xd5 at position 0)" in err and "Traceback" not in err
    code, _, err = run(monkeypatch, capsys, "--lang", "zh", "pension", str(path))
    assert code != 0 and "不是 UTF-8 文本" in err


def test_a_profile_file_with_a_byte_order_mark_is_read(tmp_path, monkeypatch, capsys):
    path = tmp_path / "bom.yaml"
    profile = ("张三:\n  birth_date: 1965-07-01\n  sex: male\n  insured_region: weifang\n  provisional_assessment: true\n"
               "  overrides: {average_contribution_index: 0.682, contribution_years: 41, pre_account_contribution_years: 14.0833,"
               " personal_account_balance: 95061.63}\n")
    path.write_bytes(b"\xef\xbb\xbf" + profile.encode("utf-8"))
    code, out, _ = run(monkeypatch, capsys, "pension", str(path), "--format", "csv")
    assert code == 0 and "4295.77" in out


def test_every_text_of_the_catalogue_is_in_both_languages():
    def leaves(node, path=""):
        if set(node) == {"zh", "en"}:
            yield path, node
            return
        for key, child in node.items():
            assert isinstance(child, dict), f"{path}.{key}"
            yield from leaves(child, f"{path}.{key}")

    assert all(isinstance(entry["zh"], str) and isinstance(entry["en"], str) for _, entry in leaves(i18n.catalogue()["text"]))


def test_the_contribution_bill_notes_in_chinese(monkeypatch, capsys):
    """Found by an analyst: with --lang zh the notes under the bill stayed English."""
    args = ("contributions", "--region", "guangzhou", "--wage", "3000", "--month", "2025-07")
    code, zh, _ = run(monkeypatch, capsys, *args, "--lang", "zh")
    assert code == 0
    assert "工资 3,000.00 低于缴费基数下限 5,510.00：按下限缴费" in zh
    assert "失业保险：未计入合计，广州市（guangzhou）2025-07 没有有效的费率（参数 unemployment.contribution.employer_rate" in zh
    assert "工伤保险：未提供用人单位的行业类别" in zh and "住房公积金：未提供缴存比例" in zh and "以国家指导费率代替" in zh
    assert "无费率（见注释）" in zh and "未提供" in zh and "不完整" in zh
    assert "left out of the totals" not in zh and "The wage" not in zh and "not given" not in zh
    code, en, _ = run(monkeypatch, capsys, *args, "--lang", "en")
    assert "The wage 3,000.00 is below the floor 5,510.00" in en and "Unemployment: left out of the totals, no rate in force in guangzhou in 2025-07 (parameter unemployment.contribution.employer_rate" in en
    assert "person" not in en  # the note says the facts, not the model's refusal of "1 person(s)"
    assert "no rate (see notes)" in en and "incomplete" in en and "未计入合计" not in en and "失业保险" not in en
    code, csv_zh, _ = run(monkeypatch, capsys, *args, "--lang", "zh", "--format", "csv")
    assert "no rate (see notes)" in csv_zh and "工资 3,000.00 低于缴费基数下限" in csv_zh  # data keep their words, notes are prose


def test_the_shortfall_and_after_retirement_notes_of_pension_in_chinese(monkeypatch, capsys, tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(
        "short: {birth_date: 1964-03-15, sex: male, insured_region: jinan, career: [{from: 2012, to: 2023, index: 1.0}]}\n"
        "late: {birth_date: 1964-03-15, sex: male, insured_region: jinan, retirement_date: 2024-04-01, career: [{from: 1995, to: 2026, index: 1.0}]}\n",
        encoding="utf-8",
    )
    code, zh, _ = run(monkeypatch, capsys, "pension", str(path), "--lang", "zh")
    assert code == 0
    assert "short：退休时距最低缴费年限还差 36 个月（社会保险法第十六条）。延长缴费 36 个月：自 2027-01 起每月" in zh
    assert "转入城乡居民基本养老保险（其待遇未建模）；或书面申请一次性支付" in zh
    assert "late：退休日期（2024-04）之后的 33 个月缴费经历不计入" in zh
    assert "months short" not in zh and "are not counted" not in zh
    code, en, _ = run(monkeypatch, capsys, "pension", str(path), "--lang", "en")
    assert "short: 36 months short of the minimum years at retirement" in en and "late: 33 months of the career after the retirement date" in en


def test_the_gainers_and_losers_by_group_in_chinese(monkeypatch, capsys):
    args = ("population", "--synthetic", "seed-flexible-workers", "-r", "flexible_worker_rate_18", "--by", "sex", "--by", "region",
            "--by", "cohort", "--by", "employment_type", "--format", "markdown")
    code, zh, _ = run(monkeypatch, capsys, *args, "--lang", "zh")
    assert code == 0
    reform = "灵活就业人员费率18%（统筹7%、个人账户11%）"  # the reform's own Chinese name, not its key
    assert f"### 受益与受损：{reform}，按性别" in zh and "| 性别 | 人数 | 受益人数 | 受损人数 | 人均月养老金变化 |" in zh
    assert "| 女 |" in zh and "| 男 |" in zh and "| 东营市 |" in zh and "| 1960年代 |" in zh and "| 灵活就业人员 |" in zh
    assert "Gainers and losers" not in zh and "| female |" not in zh and "flexible_worker_rate_18" not in zh
    code, en, _ = run(monkeypatch, capsys, *args, "--lang", "en")
    assert "Gainers and losers: flexible_worker_rate_18, by sex" in en and "| female |" in en and "| dongying |" in en and "| 1960s |" in en
    assert "受益" not in en and "人数" not in en
    code, json_zh, _ = run(monkeypatch, capsys, *args[:-1], "json", "--lang", "zh")
    by_sex = json.loads(json_zh)["gainers_and_losers"]["flexible_worker_rate_18"]["sex"]
    assert {row["sex"] for row in by_sex} == {"female", "male"}  # json keeps its keys, in English snake_case
    assert set(by_sex[0]) == {"sex", "persons", "gainers", "losers", "mean_monthly_change"}


def test_every_command_and_option_has_its_chinese_help():
    """A new option without a Chinese help showed its English under --lang zh (--fund, --max-persons)."""
    import typer

    from openfisca_china_social_insurance.cli import app

    missing = []

    def walk(command, path):
        if i18n.help_text(path, None, "zh") is None:
            missing.append(path or "shebao")
        missing.extend(f"{path} {param.opts[0] if getattr(param, 'opts', None) else param.name}" for param in command.params
                       if i18n.help_text(path, param.name, "zh") is None)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path}.{name}" if path else name)

    walk(typer.main.get_command(app), "")
    assert not missing, f"no Chinese help (core/messages.yaml, help): {missing}"


def test_the_chinese_legal_basis_cites_the_documents_of_the_variable():
    """`shebao pension --lang zh` shows each line's legal basis in Chinese (core/messages.yaml, references):
    the same documents as the variable's own reference, and one for each line of the table."""
    import re

    from openfisca_china_social_insurance import api, default_system
    from openfisca_china_social_insurance.cli.pension import reference_text

    documents = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号|[\u4e00-\u9fff]+令第\d+号|社会保险法")
    system = default_system()
    references = i18n.catalogue()["references"]
    assert {name for name in api.BREAKDOWN if name in system.variables} <= set(references)
    for name, chinese in references.items():
        english = reference_text(system.variables[name])
        assert set(documents.findall(chinese)) == set(documents.findall(english)), name
        assert reference_text(system.variables[name], "zh") == chinese and "art." not in chinese
