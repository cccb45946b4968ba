"""Bad input raises InputError naming the input, the bad value and what is allowed."""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.core import regions
from openfisca_china_social_insurance.api import situations as simulation
from openfisca_china_social_insurance.core.errors import InputError


@pytest.fixture(scope="module")
def system():
    return CountryTaxBenefitSystem()


def person(**variables):
    """One man born 1963-01 insured in Shandong, plus the given {variable: {period: value}}."""
    return {
        "birth_date": {"ETERNITY": "1963-01-20"},
        "sex": {"ETERNITY": "male"},
        "insured_region": {"ETERNITY": "shandong"},
        **variables,
    }


def compute(system, variable, period, **variables):
    sim = SimulationBuilder().build_from_entities(system, {"persons": {"a": person(**variables)}})
    return sim.calculate(variable, period)


def raises(*words):
    """pytest.raises(InputError) whose message contains every word."""

    class Check:
        def __enter__(self):
            self.context = pytest.raises(InputError)
            self.info = self.context.__enter__()
            return self.info

        def __exit__(self, *exc):
            result = self.context.__exit__(*exc)
            message = str(self.info.value)
            for word in words:
                assert word in message, f"{word!r} not in {message!r}"
            assert "Allowed" in message, message
            return result

    return Check()


# ---------------------------------------------------------------- regions


@pytest.mark.parametrize("bad", ["atlantis", "999999", "shandongg", ""])
def test_resolve_unknown_region(bad):
    with raises("region", repr(bad.strip()), "GB/T 2260"):
        regions.resolve(bad)


def test_resolve_suggests_the_nearest_key():
    with raises("Did you mean", "shandong"):
        regions.resolve("shandongg")


def test_resolve_accepts_key_code_and_chinese_name():
    assert regions.resolve("370100") == regions.resolve("济南市") == regions.resolve("Jinan") == "jinan"


@pytest.mark.parametrize(("name", "key"), [
    ("北京", "beijing"), ("潍坊", "weifang"), ("山东", "shandong"), ("内蒙古", "neimenggu"), ("广西", "guangxi"),
    ("恩施", "enshi"), ("山东省潍坊市", "weifang"), ("山东潍坊", "weifang"), ("山东省 潍坊市", "weifang"),
    ("山东省东营市广饶县", "dongying_guangrao"), ("湖北仙桃", "xiantao"), ("inner mongolia", "neimenggu"), ("TIBET", "xizang"),
])
def test_resolve_accepts_chinese_names_as_written(name, key):
    """Found by a developer's request: 北京 and 潍坊 were refused while 北京市 and 潍坊市 were taken,
    with a message that did not say Chinese names are allowed."""
    assert regions.resolve(name) == key


def test_a_bare_county_name_is_no_region():
    """市中区 is a district of many cities (济南, 枣庄, 济宁...): only its city's name with it is taken."""
    with raises("unknown region '市中区'", "Did you mean: 济南市市中区", "Chinese or English name"):
        regions.resolve("市中区")
    assert regions.resolve("济南市市中区") == "jinan_shizhong"


def test_no_chinese_name_is_left_out_as_two_regions():
    """Every short and composite name reaches one region: none was dropped as ambiguous."""
    every = {}
    for info in regions.REGIONS:
        for name in regions._own_names(info):
            every.setdefault(name, set()).add(info.key)
    assert all(len(keys) == 1 and name in regions.ZH_NAMES for name, keys in every.items())


@pytest.mark.parametrize(("code", "above"), [("370102", "370100 (jinan, 济南市)"), ("371100", "370000 (shandong, 山东省)"), ("110105", "110000 (beijing")])
def test_a_code_the_model_does_not_list_names_the_level_it_lies_in(code, above):
    """370102 (济南市历下区) was answered "Did you mean: 371402, 370103, 370100?": a Dezhou district first."""
    with raises(f"unknown region '{code}'", f"{code} lies in {above}", "which the model lists"):
        regions.resolve(code)


@pytest.mark.parametrize(("name", "code", "above", "key"), [
    ("南京", "320100", "320000 (jiangsu, 江苏省)", "jiangsu"), ("江苏省苏州市吴中区", "320506", "320000 (jiangsu", "jiangsu"),
    ("东莞", "441900", "440000 (guangdong", "guangdong"), ("历城区", "370112", "370100 (jinan, 济南市)", "jinan"),
    ("吉林长春朝阳区", "220104", "220100 (changchun", "changchun"),
])
def test_a_chinese_name_the_model_does_not_list_names_the_region_it_lies_in(name, code, above, key):
    """A user in Nanjing typed 南京 and was asked "Did you mean: 湖南省, 海南省, 济南市?"."""
    with raises(f"unknown region '{name}'", f"{name} (GB/T 2260 {code}) lies in {above}", f"give {key} to be assessed"):
        regions.resolve(name)


def test_the_pinyin_of_a_city_the_model_does_not_list_is_told_how_to_find_its_region():
    """`shebao contributions --region nanjing`: "Did you mean: qianjiang, tianjin, xinjiang?" and
    nothing else, which sends a Nanjing payroll to Tianjin's rules; now it also says to give the
    Chinese name or the code (南京 / 320100), which name the province (jiangsu), in both languages."""
    with raises("unknown region 'nanjing'", "not known by its pinyin", "give its Chinese name (南京) or GB/T 2260 code") as error:
        regions.resolve("nanjing")
    assert "请填写其中文名" in error.value.in_language("zh")
    with raises("unknown region '999999'") as error:  # a code is no pinyin
        regions.resolve("999999")
    assert "not known by its pinyin" not in str(error.value)


def test_a_name_two_divisions_share_gets_no_guess():
    """朝阳区 is in Beijing and in Changchun (and 朝阳市 in Liaoning): no division is named."""
    with raises("unknown region '朝阳区'") as error:
        regions.resolve("朝阳区")
    assert "(GB/T 2260 " not in str(error.value) and "lies in" not in str(error.value)


def test_a_misspelt_chinese_name_gets_the_nearest_chinese_names():
    with raises("unknown region '潍纺'", "Did you mean: 潍坊市"):
        regions.resolve("潍纺")


def test_raw_openfisca_builder_does_not_raise_input_error(system):
    """Why the guarded builder exists: OpenFisca raises its own SituationParsingError."""
    from openfisca_core.errors import SituationParsingError

    with pytest.raises(SituationParsingError):
        SimulationBuilder().build_from_entities(system, {"persons": {"a": person(insured_region={"ETERNITY": "atlantis"})}})


def test_simulation_with_unknown_insured_region(system):
    with raises("insured_region", "'atlantis'", "person 'a'"):
        simulation.build({"persons": {"a": person(insured_region={"ETERNITY": "atlantis"})}}, system)


def test_simulation_with_unknown_contribution_region(system):
    with raises("contribution_region", "2003", "'narnia'"):
        simulation.build({"a": person(contribution_wage={"2003": 900}, contribution_region={"2003": "narnia"})}, system)


def test_simulation_resolves_codes_and_names(system):
    sim = simulation.build(
        {"a": person(insured_region="370700", contribution_wage={"2003": 900}, contribution_region={"2003": "济南市"})},
        system,
    )
    assert sim.calculate("insured_region", "2003").decode_to_str()[0] == "weifang"
    assert sim.calculate("contribution_region", "2003").decode_to_str()[0] == "jinan"


def test_simulation_with_unknown_enum_value_and_bad_date(system):
    with raises("sex", "'other'"):
        simulation.build({"a": person(sex={"ETERNITY": "other"})}, system)
    with raises("birth_date", "1963-13-01"):
        simulation.build({"a": {"birth_date": {"ETERNITY": "1963-13-01"}}}, system)


def test_a_missing_sex_is_refused_not_taken_as_male(system):
    """issue 12: without sex the model computed a man (2090.35 instead of 1026.83)."""
    without = {k: v for k, v in person(contribution_wage={"2003": 900}).items() if k != "sex"}
    with raises("sex", "missing", "male or female"):
        simulation.build({"a": without}, system).calculate("retirement_date", "2023-01")


FORM = {"contribution_years": {"ETERNITY": 30}, "pre_account_contribution_years": {"ETERNITY": 0},
        "average_contribution_index": {"ETERNITY": 1.0}, "provisional_assessment": {"ETERNITY": True}}


@pytest.mark.parametrize(("figure", "value", "words"), [
    ("payout_months", 0, ("payout_months", "more than 0")),  # was an infinite pension
    ("payout_months", -139, ("payout_months", "more than 0")),
    ("personal_account_balance", -5000, ("personal_account_balance", ">= 0")),  # was a negative pension
])
def test_impossible_form_figures_are_refused(system, figure, value, words):
    # By the formulas themselves (OpenFisca's own builder); situations.build refuses them earlier,
    # on api.assess's ranges (test_web_endpoints).
    figures = {"personal_account_balance": {"ETERNITY": 50000}, **FORM, figure: {"ETERNITY": value}}
    with raises(*words):
        SimulationBuilder().build_from_entities(system, {"persons": {"a": person(**figures)}}).calculate("monthly_pension", "2025-09")


@pytest.mark.parametrize("months", [-1, 13, 6.5, "12"])
def test_situation_months_outside_0_to_12_are_refused(system, months):
    """-1 is the model's mark for "not given": typed in, it counted as 12 months."""
    with raises("contribution_months 2010", repr(months), "0 to 12"):
        simulation.build({"a": person(contribution_wage={"2010": 3000}, contribution_months={"2010": months})}, system)


@pytest.mark.parametrize(
    "variable, value, allowed",
    [
        ("provisional_assessment", "false", "true or false"),  # read as true: the provisional pension
        ("died_of_work_injury", "false", "true or false"),  # read as true: a death lump sum of a million
        ("sex", 1, "one of male, female"),  # read as the enum's item 1
        ("average_contribution_index", "0.682", "a number"),
        ("contribution_years", True, "a number"),
    ],
)
def test_a_value_of_another_type_than_its_variable_is_refused(system, variable, value, allowed):
    with raises(variable, repr(value), allowed):
        simulation.build({"a": person(**{variable: {"ETERNITY": value}})}, system)


def test_values_of_their_own_type_are_taken(system):
    built = simulation.build({"a": person(provisional_assessment={"ETERNITY": False}, average_contribution_index={"ETERNITY": 1})}, system)
    assert not built.calculate("provisional_assessment", "2025-01")[0]


def test_simulation_refuses_a_formula_input_given_for_part_of_a_batch(system):
    with raises("retirement_date", "['a']", "['b']"):
        simulation.build({"a": person(retirement_date={"ETERNITY": "2023-01-01"}), "b": person()}, system)


# ---------------------------------------------------------------- the career


@pytest.mark.parametrize("variable", ["contribution_years", "contribution_base", "monthly_pension"])
def test_negative_contribution_wage(system, variable):
    period = "2010" if variable == "contribution_base" else "2023-01"
    with raises("contribution_wage 2010", "-3000", ">= 0"):
        compute(system, variable, period, contribution_wage={"2010": -3000})


@pytest.mark.parametrize("months", [13, -2, 24])
@pytest.mark.parametrize("variable", ["contribution_years", "retirement_date", "contribution_base"])
def test_months_outside_0_to_12(system, months, variable):
    period = "2010" if variable == "contribution_base" else "2023-01"
    with raises("contribution_months 2010", str(months), "0 to 12"):
        compute(system, variable, period, contribution_wage={"2010": 3000}, contribution_months={"2010": months})


@pytest.mark.parametrize("variable", ["contribution_years", "retirement_date", "monthly_pension"])
def test_months_with_wage_zero(system, variable):
    with raises("contribution_wage 2010", "contribution_months > 0"):
        compute(system, variable, "2023-01", contribution_months={"2010": 12})


@pytest.mark.parametrize("period", ["2010-01", "year:2010:2"])
def test_career_given_for_a_non_year_period(system, period):
    with raises("contribution_wage", period, "one value per calendar year"):
        compute(system, "contribution_years", "2023-01", contribution_wage={period: 3000})
    with raises("contribution_months", period, "one value per calendar year"):
        compute(system, "contribution_years", "2023-01", contribution_wage={"2010": 3000}, contribution_months={period: 6})


def test_year_before_any_average_wage(system):
    """Hubei's average wage is back-cast by the national series, which starts in 1991: a
    1990 contribution year has no figure by any rule and is refused, naming year and region."""
    with raises("contribution_wage", "1990", "'hubei'", "average wage"):
        compute(system, "contribution_index", "1990", insured_region={"ETERNITY": "hubei"}, contribution_wage={"1990": 300})


def test_flexible_worker_before_2006_where_no_rate(system):
    with raises("employment_type 2003", "flexible worker", "from 2006"):
        compute(
            system,
            "individual_contribution",
            "2003",
            insured_region={"ETERNITY": "hebei"},
            contribution_wage={"2003": 900},
            employment_type={"2003": "flexible_worker"},
        )


# ---------------------------------------------------------------- dates


def test_missing_birth_date(system):
    sim = SimulationBuilder().build_from_entities(system, {"persons": {"a": {"insured_region": {"ETERNITY": "shandong"}}}})
    with raises("birth_date", "missing"):
        sim.calculate("retirement_date", "2023-01")


def test_missing_birth_date_with_a_given_retirement_date(system):
    """A given retirement date skips the statutory date's check: the age must still refuse."""
    situation = {"persons": {"a": {"retirement_date": {"ETERNITY": "2023-01-01"}, "personal_account_balance": {"ETERNITY": 1000}}}}
    sim = SimulationBuilder().build_from_entities(system, situation)
    with raises("birth_date", "missing"):
        sim.calculate("payout_months", "2023-01")


def test_retirement_before_birth(system):
    with raises("retirement_date", "before birth_date", "2000-01-01"):
        compute(system, "payout_months", "2000-01", birth_date={"ETERNITY": "2001-05-01"}, retirement_date={"ETERNITY": "2000-01-01"})


@pytest.mark.parametrize("variable", ["basic_pension", "account_pension", "payout_months", "pension_eligible", "lump_sum_refund", "monthly_pension"])
def test_retirement_before_1997_08(system, variable):
    with raises("retirement_date", "1997-07-01", "国发〔1997〕26号", "1997-08"):
        compute(
            system,
            variable,
            "1997-07",
            birth_date={"ETERNITY": "1937-07-01"},
            retirement_date={"ETERNITY": "1997-07-01"},
            contribution_years={"ETERNITY": 20},
            personal_account_balance={"ETERNITY": 5000},
        )


@pytest.mark.parametrize(("birth_date", "sex", "category"), [("2060-01-01", "male", "worker"), ("2038-01-01", "male", "worker"),
                                                             ("2046-01-01", "female", "worker"), ("2043-01-01", "female", "cadre")])
def test_a_retirement_past_the_models_years_names_the_birth_date(system, birth_date, sex, category):
    """Found through /assess: the answer was "date 2120-01-01: outside the model's range" with the
    field person.date, an input nobody gave."""
    from openfisca_china_social_insurance import api

    profile = {"birth_date": birth_date, "sex": sex, "worker_category": category, "insured_region": "jinan",
               "overrides": {"contribution_years": 30, "personal_account_balance": 1000, "average_contribution_index": 1}}
    with raises("birth_date: statutory retirement after 2100-12", repr(birth_date), "person 'x'", "Allowed: births"):
        api.assess({"x": profile}, system)


def test_the_last_births_the_model_takes(system):
    from openfisca_china_social_insurance import api

    profile = {"birth_date": "2037-12-01", "sex": "male", "insured_region": "jinan",
               "overrides": {"contribution_years": 30, "personal_account_balance": 1000, "average_contribution_index": 1}}
    (row,) = api.assess({"x": profile}, system, ["retirement_date"])
    assert row["retirement_date"] == "2100-12-01"


def test_a_birth_on_1900_01_01_is_no_missing_date(system):
    """The check said "missing or before 1900" of 1900-01-01 itself."""
    sim = SimulationBuilder().build_from_entities(system, {"persons": {"a": {"birth_date": {"ETERNITY": "1900-01-01"}, "sex": {"ETERNITY": "male"}}}})
    assert str(sim.calculate("statutory_retirement_date", "2000-01")[0]) == "1960-01-01"


# ---------------------------------------------------------------- regional parameters


def test_career_year_before_the_encoded_rules_counts_as_pre_account_service(system):
    """A year before any account scheme (1985) counts for contribution and transitional
    years like a deemed year, with no base; asking for its contribution base is refused."""
    from openfisca_china_social_insurance import api

    profile = {
        "birth_date": "1965-07-01", "sex": "male", "insured_region": "shandong",
        "provisional_assessment": True, "deemed_contribution_years": 5,
        "career": [{"from": 1985, "to": 1986, "wage": 100}, {"from": 1996, "to": 2024, "index": 1.0}],
    }
    (row,) = api.assess({"early": profile}, system)
    assert row["contribution_years"] == 5 + 2 + 29
    assert row["pre_account_contribution_years"] == 5 + 2  # Shandong's accounts start in 1996
    simulation = api.build_simulation({"early": profile}, system)
    with raises("contribution_months 1985", "deemed_contribution_years"):
        simulation.calculate("contribution_base", "1985")


def test_a_situation_naming_a_renamed_variable_warns_and_answers_the_new_one():
    """variables/deprecated.py: the old name answers the new one, with a DeprecationWarning naming it."""
    from openfisca_china_social_insurance.api import situations

    person = {"insured_region": {"ETERNITY": "shanghai"}, "wage": {"2025-07": 20000}}
    with pytest.warns(DeprecationWarning, match="renamed pension_employer_contribution, "):
        simulation = situations.build({"persons": {"p": {**person, "pension_employer_contribution_monthly": {"2025-07": 3000}}}})
    assert simulation.calculate("pension_employer_contribution", "2025-07")[0] == 3000
    with pytest.raises(InputError, match="given with pension_employer_contribution"), pytest.warns(DeprecationWarning):
        situations.build({"persons": {"p": {**person, "pension_employer_contribution_monthly": {"2025-07": 3000},
                                            "pension_employer_contribution": {"2025-07": 3000}}}})


def test_refusals_count_persons_in_words():
    """They said "for 1 person(s)"."""
    import numpy

    from openfisca_china_social_insurance.core import i18n
    from openfisca_china_social_insurance.core.errors import check

    for ok, count in (([True, False], "for 1 person (first: 5, person #1)"), ([False, False], "for 2 persons (first: 4, person #0)")):
        with pytest.raises(InputError) as refused:
            check(numpy.array(ok), "wage", "below 0", "0 or more", numpy.array([4, 5]))
        assert count in str(refused.value) and "person(s)" not in str(refused.value)
    assert [i18n.count_persons(n, lang) for n in (1, 2) for lang in ("en", "zh")] == ["1 person", "1 人", "2 persons", "2 人"]
    error = InputError.of("horizon_before_pension", value=60, count=2, person="a", retirement="2002-01", years=60, months=0, minimum=61)
    assert "the pension of 2 persons starts" in str(error) and "60 岁时 2 人尚未开始领取养老金" in error.in_language("zh")


def test_a_missing_regional_value_names_every_region_and_month_it_lacks():
    """A Shandong 1999 and a Beijing 2003 retiree without a transitional coefficient: the batch was
    refused "no value for region 'shandong' at 1999-06 (2 persons)", the Beijing one's region and
    month not named (`shebao pension` on both); each person's own refusal names their own."""
    from openfisca_china_social_insurance import api

    profiles = {
        "sd": {"birth_date": "1939-06-01", "sex": "male", "insured_region": "shandong", "deemed_contribution_years": 30,
               "career": [{"from": 1992, "to": 1999, "index": 1.0}]},
        "bj": {"birth_date": "1953-02-01", "sex": "female", "insured_region": "beijing", "deemed_contribution_years": 20,
               "career": [{"from": 1993, "to": 2003, "index": 1.0}]},
    }
    with pytest.raises(InputError) as info:
        api.assess(profiles)
    assert "no value for region 'shandong' at 1999-06, 'beijing' at 2003-02 (2 persons)" in str(info.value)
    assert "'beijing' at 2003-02" in str(info.value.persons["bj"]) and "shandong" not in str(info.value.persons["bj"])


def test_a_refusal_carries_the_input_it_refuses_as_data():
    """check() names the refused variable and period on the error (the Web API's field is built from
    them, not read back from the message's words, which may be Chinese)."""
    import numpy

    from openfisca_china_social_insurance.core.errors import check

    with pytest.raises(InputError) as caught:
        check(numpy.array([True, False, False]), "wage", "missing", "the month's wage", period="2025-08")
    assert (caught.value.variable, caught.value.period) == ("wage", "2025-08")
    assert str(caught.value).startswith("wage 2025-08: missing for 2 persons (first: person #1)")
    assert sorted(caught.value.persons) == [1, 2]
