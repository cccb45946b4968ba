"""Region rules on a small synthetic parameter tree whose answers are known by hand,
plus the agreement of the vectorised lookup with the one-region reading."""

from pathlib import Path

import numpy
import pytest
from openfisca_core.parameters import ParameterNode

from openfisca_china_social_insurance.core import lookup
from openfisca_china_social_insurance.analysis import region_rules
from openfisca_china_social_insurance.core import regions
from openfisca_china_social_insurance.core.errors import InputError

NATIONAL_REF = {"title": "国发〔2005〕38号 art.5", "href": "https://www.gov.cn/zhengce/zhengceku/2008-03/28/content_7376.htm"}


def synthetic_tree():
    """rate: nation 0.2 from 2006; Shandong 0.18 from 2000, 0.2 from 2010 (restating the
    nation), nothing (null) from 2015; Jinan 0.18 from 2002; Dezhou 0.17 from 2002-07-15.
    base: only Shandong, 750 from 2002. sexes: a node whose children are not regions."""
    return ParameterNode("", data={
        "rate": {
            "description": "费率 A rate, by region",
            "nation": {
                "values": {"2006-01-01": {"value": 0.2}},
                "metadata": {"unit": "/1", "status": "official", "reference": {"2006-01-01": [NATIONAL_REF]}},
            },
            "shandong": {
                "values": {"2000-01-01": {"value": 0.18}, "2010-01-01": {"value": 0.2}, "2015-01-01": {"value": None}},
                "metadata": {
                    "unit": "/1",
                    "status": {"2000-01-01": "unverified", "2010-01-01": "estimated"},
                    "reference": {"2000-01-01": [{"title": "Shandong 2000 notice"}]},
                },
            },
            "jinan": {
                "values": {"2002-01-01": {"value": 0.18}},
                "metadata": {"unit": "/1", "status": "official", "reference": {"2002-01-01": [{"title": "Seed report: 18% in Jinan"}]}},
            },
            "dezhou": {
                "values": {"2002-07-15": {"value": 0.17}},
                "metadata": {"unit": "/1", "status": "estimated", "reference": {"2002-07-15": [{"title": "Dezhou notice"}]}},
            },
        },
        "base": {
            "description": "基数 A base, by region",
            "shandong": {
                "values": {"2002-01-01": {"value": 750}},
                "metadata": {"unit": "currency-CNY", "status": "official", "reference": {"2002-01-01": [{"title": "Table 2"}]}},
            },
        },
        "sexes": {
            "men": {"values": {"1950-01-01": {"value": 60}}},
            "women": {"values": {"1950-01-01": {"value": 50}}},
        },
    })


def rows_of(found):
    return {(d.path, d.region): (d.value, d.parent_value, d.since) for d in found}


def test_regional_nodes_are_the_folders_of_region_keys():
    assert list(region_rules.regional_nodes(synthetic_tree())) == ["rate", "base"]


def test_diff_2002_07_01():
    found = region_rules.diff("2002-07-01", synthetic_tree())
    # Jinan restates Shandong's 0.18: not a departure. Dezhou's rate starts on 07-15.
    assert rows_of(found) == {
        ("rate", "shandong"): (0.18, None, "2000-01-01"),  # no national rate before 2006
        ("base", "shandong"): (750, None, "2002-01-01"),
    }


def test_diff_follows_the_dates():
    assert rows_of(region_rules.diff("2007-01-01", synthetic_tree())) == {
        ("rate", "shandong"): (0.18, 0.2, "2000-01-01"),
        ("rate", "dezhou"): (0.17, 0.18, "2002-07-15"),
        ("base", "shandong"): (750, None, "2002-01-01"),
    }
    # 2012: Shandong restates the nation's 0.2, so Jinan's 0.18 now departs from it.
    assert rows_of(region_rules.diff("2012-01-01", synthetic_tree())) == {
        ("rate", "jinan"): (0.18, 0.2, "2002-01-01"),
        ("rate", "dezhou"): (0.17, 0.2, "2002-07-15"),
        ("base", "shandong"): (750, None, "2002-01-01"),
    }


def test_diff_parent_value_after_fallback():
    """From 2015 Shandong's file says null: Jinan's level above is the nation's 0.2."""
    found = {d.region: d for d in region_rules.diff("2016-01-01", synthetic_tree()) if d.path == "rate"}
    assert set(found) == {"jinan", "dezhou"}
    assert (found["jinan"].parent, found["jinan"].parent_value, found["jinan"].parent_source) == ("shandong", 0.2, "nation")


def test_diff_include_equal_and_one_region():
    found = region_rules.diff("2012-01-01", synthetic_tree(), include_equal=True)
    equal = [(d.path, d.region) for d in found if not d.differs]
    assert equal == [("rate", "shandong")]
    only = region_rules.diff("2007-01-01", synthetic_tree(), region="371400")  # Dezhou's code
    assert [(d.path, d.region) for d in only] == [("rate", "dezhou")]


def test_status_and_reference_for_the_date():
    found = {d.region: d for d in region_rules.diff("2012-01-01", synthetic_tree(), include_equal=True) if d.path == "rate"}
    shandong = found["shandong"]
    assert shandong.status == "estimated"  # the status keyed 2010-01-01
    # No reference keyed 2010: the latest one before it, and the output says so.
    assert shandong.reference == ({"title": "Shandong 2000 notice"},)
    assert shandong.reference_date == "2000-01-01"
    assert region_rules.reference_titles(shandong.reference, shandong.reference_date) == (
        "Shandong 2000 notice [reference of 2000-01-01]"
    )
    assert found["jinan"].status == "official" and found["jinan"].reference_date is None


def test_explain_fallback_chain():
    tree = synthetic_tree()
    assert region_rules.explain("rate", "jinan_shizhong", "2016-01-01", tree) == (
        "jinan_shizhong: not set -> jinan: 0.18 since 2002-01-01 (official), Seed report: 18% in Jinan"
    )
    assert region_rules.explain("rate", "dongying", "2016-01-01", tree) == (
        "dongying: not set -> shandong: no value since 2015-01-01 -> nation: 0.2 since 2006-01-01 (official), 国发〔2005〕38号 art.5"
    )
    assert region_rules.explain("rate", "370100", "2001-06-01", tree) == (
        "jinan: not set before 2002-01-01 -> shandong: 0.18 since 2000-01-01 (unverified), Shandong 2000 notice"
    )
    assert region_rules.explain("base", "guangdong", "2016-01-01", tree) == (
        "guangdong: not set -> nation: not set (no level sets a value on this date)"
    )


def test_show_makes_the_fallback_visible():
    tree = synthetic_tree()
    by_path = {e.path: e for e in region_rules.show("dezhou_decheng", "2003-01-01", tree)}
    rate, base = by_path["rate"], by_path["base"]
    assert (rate.value, rate.source, rate.inherited, rate.since) == (0.17, "dezhou", True, "2002-07-15")
    assert rate.chain == "dezhou_decheng: not set -> dezhou: 0.17 since 2002-07-15 (estimated), Dezhou notice"
    assert (base.value, base.source) == (750, "shandong")
    own = {e.path: e for e in region_rules.show("shandong", "2003-01-01", tree)}
    assert own["base"].inherited is False and own["base"].source == "shandong"


def test_codes_and_keys_are_the_same_region():
    tree = synthetic_tree()
    assert regions.resolve("370100") == "jinan" and regions.resolve("jinan") == "jinan"
    by_code = [(e.path, e.value, e.source) for e in region_rules.show("370100", "2012-01-01", tree)]
    by_key = [(e.path, e.value, e.source) for e in region_rules.show("jinan", "2012-01-01", tree)]
    assert by_code == by_key
    assert region_rules.explain("rate", "370103", "2012-01-01", tree) == region_rules.explain("rate", "jinan_shizhong", "2012-01-01", tree)


def test_every_region_falls_back_to_the_nation():
    """The fallback is data: each region names its parent, and every chain ends at the nation."""
    for info in regions.REGIONS:
        chain = regions.chain(info.key)
        assert chain[-1] == "nation"
        assert all(regions.BY_KEY[child].parent == parent for child, parent in zip(chain, chain[1:]))


@pytest.mark.parametrize(
    "bad, expected",
    [("jinnan", "jinan"), ("370199", "370100"), ("shangdong", "shandong")],
)
def test_unknown_region_suggests_the_nearest(bad, expected):
    with pytest.raises(InputError) as error:
        region_rules.show(bad, "2012-01-01", synthetic_tree())
    assert bad in str(error.value) and expected in str(error.value)


@pytest.mark.parametrize("bad", ["1949-12-31", "2101-01-01", "yesterday", "2002-13-01"])
def test_dates_outside_the_data(bad):
    with pytest.raises(InputError) as error:
        region_rules.diff(bad, synthetic_tree())
    message = str(error.value)
    assert message.startswith("--date:") and "1950-01-01" in message and "2100-12-31" in message


def test_unknown_parameter_suggests_the_nearest():
    with pytest.raises(InputError) as error:
        region_rules.explain("rates", "jinan", "2012-01-01", synthetic_tree())
    assert "rate" in str(error.value)


def _scalar_reference(node, keys, months):
    """value[region, month] by reading one region at one date at a time."""
    reference = numpy.full((len(keys), len(months)), numpy.nan)
    for i, key in enumerate(keys):
        for j, month in enumerate(months):
            found, _ = region_rules.effective(node, key, f"{month}-01")
            if found is not None:
                reference[i, j] = float(found.value)
    return reference


def _check_vectorised(node, seed):
    """1e6 persons in every region at month starts 1995-2025: lookup.at equals the
    one-region, one-date reading (fallback included)."""
    generator = numpy.random.default_rng(seed)
    keys = [info.key for info in regions.REGIONS]
    months = numpy.arange(numpy.datetime64("1995-01"), numpy.datetime64("2026-01"))
    reference = _scalar_reference(node, keys, [str(m) for m in months])
    n = 1_000_000
    region_index = generator.integers(0, len(keys), n)
    month_index = generator.integers(0, len(months), n)
    dates = months[month_index].astype("datetime64[D]")
    indices = numpy.array([regions.Region[key].index for key in keys])
    got = lookup.at(node, dates, indices[region_index])
    expected = reference[region_index, month_index]
    numpy.testing.assert_array_equal(numpy.isnan(got), numpy.isnan(expected))
    numpy.testing.assert_array_equal(got[~numpy.isnan(got)], expected[~numpy.isnan(expected)])
    return got


def test_vectorised_lookup_equals_scalar_reference_synthetic():
    got = _check_vectorised(synthetic_tree().rate, 1)
    # the known answers are in there: Jinan 0.18 in 2012, Dongying 0.2 (nation) in 2016
    assert {0.17, 0.18, 0.2} <= set(numpy.unique(got[~numpy.isnan(got)]).round(4))


def test_vectorised_lookup_equals_scalar_reference_real_tree():
    """Whatever values the package's parameters hold, both readings agree."""
    nodes = region_rules.regional_nodes()
    assert "pension.contribution.employer_rate" in nodes
    for number, node in enumerate(nodes.values()):
        generator = numpy.random.default_rng(number)
        keys = [info.key for info in regions.REGIONS]
        months = numpy.arange(numpy.datetime64("1995-01"), numpy.datetime64("2026-01"))
        reference = _scalar_reference(node, keys, [str(m) for m in months])
        region_index = generator.integers(0, len(keys), 20_000)
        month_index = generator.integers(0, len(months), 20_000)
        indices = numpy.array([regions.Region[key].index for key in keys])
        got = lookup.at(node, months[month_index].astype("datetime64[D]"), indices[region_index])
        numpy.testing.assert_array_equal(got, reference[region_index, month_index], err_msg=node.name)


SEED_CITY_FILES = Path(__file__).parents[1] / "parameters/pension/contribution/flexible_worker_rate"


@pytest.mark.parametrize("city", ["jinan", "weifang", "dezhou"])
def test_seed_cities_flexible_worker_rate_shows_in_diff(city):
    """The seed report: Jinan, Weifang and Dezhou charged flexible workers 18% in 2002."""
    if not (SEED_CITY_FILES / f"{city}.yaml").exists():
        pytest.skip(f"{city}.yaml not yet in parameters (filled by the provinces task)")
    found = {
        d.region: d for d in region_rules.diff("2002-07-01")
        if d.path == "pension.contribution.flexible_worker_rate"
    }
    assert city in found
    assert found[city].value == pytest.approx(0.18)
    assert found[city].reference


def test_a_region_that_does_not_inherit_is_refused_not_given_its_province_value():
    """Shenzhen has a base system of its own (`inherits: false` in its file): before its
    first printed base the lookup gives no value, where Guangdong has one."""
    import numpy

    from openfisca_china_social_insurance import CountryTaxBenefitSystem
    from openfisca_china_social_insurance.core import lookup
    from openfisca_china_social_insurance.analysis import region_rules
    from openfisca_china_social_insurance.core.regions import Region

    node = CountryTaxBenefitSystem().parameters.pension.benefit.pension_calculation_base
    day = numpy.datetime64("2020-06-01")
    assert not numpy.isnan(lookup.at(node, day, Region.guangdong.index))
    assert numpy.isnan(lookup.at(node, day, Region.shenzhen.index))
    assert "does not inherit" in region_rules.explain("pension.benefit.pension_calculation_base", "shenzhen", "2020-06-01")
