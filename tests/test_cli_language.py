"""Chinese and English on the command line (issue 13): `--lang zh|en` anywhere, the default
from the locale, the help, the tables and the errors in either language with one code."""

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
    code, _, err = run(monkeypatch, capsys, "regions", "show", "jinnan", "--lang", "zh")
    assert code == 2 and err.startswith("错误：region") and "jinnan" in err and err.endswith("[input]\n")


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
