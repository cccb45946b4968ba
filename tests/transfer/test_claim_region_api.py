"""pension_claim_region through api.assess: a profile's hukou_region and segment regions,
and the region printed by its key (国办发〔2009〕66号 art.6)."""

from openfisca_china_social_insurance import api

CLAIM = ("pension_claim_region", "last_insured_region", "contribution_years_in_last_insured_province", "monthly_pension")


def _profile(**fields):
    return {
        "birth_date": "1964-12-15", "sex": "male", "insured_region": "jinan", "hukou_region": "henan",
        # 12 years in Guangdong, then Jinan (the insured region) to retirement (2024-12, age 60).
        "career": [{"from": 1996, "to": 2007, "index": 1.0, "region": "guangdong"}, {"from": 2008, "to": fields.pop("last", 2024), "index": 1.0}],
        **fields,
    }


def test_claim_region_is_a_key_and_does_not_move_the_assessment():
    long_stay, short_stay = api.assess({"long": _profile(), "short": _profile(last=2010)}, variables=CLAIM)
    # art.6(二): 2008-2024 in Jinan, 17 years less the month of retirement (203 months): Jinan.
    assert long_stay["last_insured_region"] == "jinan"
    assert long_stay["contribution_years_in_last_insured_province"] == round(203 / 12, 4)
    assert long_stay["pension_claim_region"] == "jinan"
    # art.6(三): 2008-2010 in Jinan, 3 years: back to Guangdong, 12 years. The pension is
    # still the one assessed in the insured region: the same as without a hukou elsewhere.
    assert short_stay["pension_claim_region"] == "guangdong"
    at_home = api.assess({"home": _profile(last=2010, hukou_region="jinan")}, variables=CLAIM)[0]
    assert at_home["pension_claim_region"] == "jinan"  # art.6(一)
    assert short_stay["monthly_pension"] == at_home["monthly_pension"] > 0
