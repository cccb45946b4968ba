"""Bad inputs of the other branches' benefits are refused by name, with what is allowed
(a disability grade outside 1-10, a wage below zero, an injury before the rules the model
encodes, a birth and a miscarriage at once, an unemployment claim without its date)."""

import pytest
from openfisca_core.simulations import SimulationBuilder

from openfisca_china_social_insurance import default_system
from openfisca_china_social_insurance.core.errors import InputError


def compute(variable, **inputs):
    person = {name: {"ETERNITY": value} for name, value in inputs.items()}
    simulation = SimulationBuilder().build_from_entities(default_system(), {"persons": {"p": person}})
    return simulation.calculate(variable, "2024-03")[0]


INJURY = {"insured_region": "jinan", "injury_date": "2024-03-15", "pre_injury_average_wage": 6000}


@pytest.mark.parametrize(
    ("variable", "inputs", "words"),
    [
        ("work_injury_disability_lump_sum", INJURY | {"disability_grade": 11}, ["disability_grade: outside 1-10", "from 1 to 10"]),
        ("work_injury_wage", INJURY | {"disability_grade": 5, "pre_injury_average_wage": -5}, ["pre_injury_average_wage: missing, 0 or below 0"]),
        ("work_injury_disability_lump_sum", {"insured_region": "jinan", "injury_date": "2024-03-15", "disability_grade": 5}, ["pre_injury_average_wage: missing"]),
        ("work_injury_wage", INJURY | {"disability_grade": 5, "injury_date": "2008-05-01"}, ["injury_date: before 2011-01-01", "2003 text"]),
        ("maternity_allowance", {"insured_region": "jinan", "childbirth_date": "2024-03-15", "babies_born": 1}, ["employer_average_monthly_wage: missing"]),
        ("maternity_leave_days", {"insured_region": "zhejiang", "childbirth_date": "2024-03-15", "babies_born": 1}, ["no maternity leave extension encoded for region 'zhejiang'"]),
        ("inpatient_deductible", {"insured_region": "jinan", "inpatient_stay_date": "2003-05-10", "inpatient_eligible_cost": 100}, ["hospital_level: missing"]),
        ("work_injury_survivor_pension", INJURY | {"died_of_work_injury": True, "survivor_orphans_or_lone_elderly": 2},
         ["survivor_orphans_or_lone_elderly", "0 to the dependants"]),
        ("work_injury_survivor_pension", INJURY | {"died_of_work_injury": True, "survivor_other_dependants": -2},
         ["survivor_other_dependants: negative", "0 or more"]),  # was reported as survivor_orphans_or_lone_elderly
        ("maternity_leave_days", {"childbirth_date": "2024-03-15", "babies_born": 1, "miscarriage_pregnancy_months": 3},
         ["miscarriage_pregnancy_months: given with babies born"]),
        ("maternity_leave_days", {"childbirth_date": "2010-03-15", "babies_born": 1}, ["childbirth_date", "before 2012-04-28"]),
        ("unemployment_benefit_months", {"unemployment_contribution_years": 3, "involuntary_job_loss": True}, ["job_loss_date: missing"]),
        # 人社部发〔2015〕71号's floating rate moves in steps; class 1 only up.
        ("work_injury_rate", {"insured_region": "jinan", "work_injury_industry_class": 1, "work_injury_rate_factor": 0.5},
         ["work_injury_rate_factor: not a step", "(class 1: 1, 1.2, 1.5)"]),
        ("work_injury_rate", {"insured_region": "jinan", "work_injury_industry_class": 2, "work_injury_rate_factor": 1.1},
         ["work_injury_rate_factor: not a step", "0.5, 0.8, 1, 1.2, 1.5"]),
        # A birth whose babies_born is left out was 0 days and 0 allowance (art.7: at least 98).
        ("maternity_leave_days", {"insured_region": "jinan", "childbirth_date": "2024-03-15", "difficult_birth": True},
         ["babies_born: 0 for a childbirth_date with no miscarriage", "1 or more"]),
        ("unemployment_benefit_months", {"job_loss_date": "2024-06-30", "unemployment_contribution_years": 3, "unused_unemployment_benefit_months": 30},
         ["unused_unemployment_benefit_months: outside 0-24"]),
    ],
)
def test_a_bad_input_is_refused_by_name(variable, inputs, words):
    with pytest.raises(InputError) as error:
        compute(variable, **inputs)
    for word in words:
        assert word in str(error.value)


def test_a_death_in_a_year_without_the_previous_years_income_is_refused():
    """2026's lump sum needs the 2025 national urban disposable income, not in the data."""
    with pytest.raises(InputError, match="previous year's national urban disposable income"):
        compute("work_injury_death_lump_sum", **(INJURY | {"injury_date": "2026-05-01", "died_of_work_injury": True}))


def test_persons_without_a_claim_do_not_block_the_others():
    """In one simulation, a person with nothing to assess (no injury, no job loss) gets 0
    and does not make the others' benefits fail for a missing date."""
    persons = {
        "injured": {"insured_region": {"ETERNITY": "jinan"}, "injury_date": {"ETERNITY": "2024-03-15"},
                    "pre_injury_average_wage": {"ETERNITY": 6000}, "disability_grade": {"ETERNITY": 10}},
        "unemployed": {"job_loss_date": {"ETERNITY": "2024-06-30"}, "unemployment_contribution_years": {"ETERNITY": 3},
                       "involuntary_job_loss": {"ETERNITY": True}},
        "nobody": {"insured_region": {"ETERNITY": "jinan"}},
    }
    simulation = SimulationBuilder().build_from_entities(default_system(), {"persons": persons})
    assert simulation.calculate("work_injury_disability_lump_sum", "2024-03").tolist() == [6000 * 7, 0, 0]
    assert simulation.calculate("unemployment_benefit_months", "2024-03").tolist() == [0, 12, 0]


def test_persons_without_a_birth_get_no_leave_and_no_refusal():
    # Their missing date (year 1) was looked up: "date 0001-01-01: outside the model's range".
    persons = {"nobody": {"insured_region": {"ETERNITY": "jinan"}},
               "mother": {"insured_region": {"ETERNITY": "jinan"}, "childbirth_date": {"ETERNITY": "2024-03-15"},
                          "babies_born": {"ETERNITY": 1}, "employer_average_monthly_wage": {"ETERNITY": 9000}}}
    simulation = SimulationBuilder().build_from_entities(default_system(), {"persons": persons})
    assert simulation.calculate("maternity_leave_days", "2024-03").tolist() == [0, 98 + 60]  # Shandong's 60 more
    assert simulation.calculate("maternity_allowance", "2024-03").tolist() == [0, 47400.0]  # 9000 / 30 x 158


@pytest.mark.parametrize(("variable", "value"), [("babies_born", 2.5), ("disability_grade", 2.5), ("work_injury_industry_class", 2.5)])
def test_a_count_with_a_fraction_is_refused_not_cut(variable, value):
    # OpenFisca cut 2.5 babies to 2 (twins) and grade 2.5 to grade 2.
    from openfisca_china_social_insurance.api import situations

    with pytest.raises(InputError, match=f"{variable} ETERNITY: 2.5 is not a whole number"):
        situations.build({"persons": {"p": {"insured_region": {"ETERNITY": "jinan"}, variable: {"ETERNITY": value}}}})


@pytest.mark.parametrize("left_out", ["involuntary_job_loss", "unemployment_contribution_years"])
def test_a_job_loss_without_the_facts_of_article_14_is_refused_by_name(left_out):
    # Left out, they read as a voluntary quit or no year paid: "not entitled", 0 months.
    from openfisca_china_social_insurance.api import situations

    person = {"insured_region": {"ETERNITY": "jinan"}, "job_loss_date": {"ETERNITY": "2024-06-30"},
              "involuntary_job_loss": {"ETERNITY": True}, "unemployment_contribution_years": {"ETERNITY": 3}}
    del person[left_out]
    with pytest.raises(InputError, match=f"{left_out}: missing with job_loss_date"):
        situations.build({"persons": {"p": person}})
    # Given as false, the fact is the user's: no benefit, no refusal.
    given = {**person, left_out: {"ETERNITY": False if left_out == "involuntary_job_loss" else 0}}
    assert situations.build({"persons": {"p": given}}).calculate("unemployment_benefit_months", "2024-07")[0] == 0


def test_the_injured_wage_carries_the_average_wages_status_where_it_clamps():
    # The wage given is the person's (official); capped at 300% of a projected average wage, projected.
    persons = {
        "within": {"insured_region": {"ETERNITY": "jinan"}, "injury_date": {"ETERNITY": "2024-03-15"},
                   "pre_injury_average_wage": {"ETERNITY": 6000}, "disability_grade": {"ETERNITY": 5}},
        "capped_2040": {"insured_region": {"ETERNITY": "jinan"}, "injury_date": {"ETERNITY": "2040-03-15"},
                        "pre_injury_average_wage": {"ETERNITY": 100000}, "disability_grade": {"ETERNITY": 5}},
        "nobody": {"insured_region": {"ETERNITY": "jinan"}},
    }
    simulation = SimulationBuilder().build_from_entities(default_system(), {"persons": persons})
    assert simulation.calculate("work_injury_wage_status", "2024-03").decode_to_str().tolist() == ["official", "projected", "official"]
