"""The verified forms' persons retiring 1, 3, 6 years earlier and 2 years later (validation/form_dates.py).

A start date is a legal fact: no such person is refused where the form itself is not, and every
regional rule that such a person loses is listed in form_dates.yml with the legal fact that dates it.
"""

from pathlib import Path

import pytest
import yaml
from openfisca_core import periods
from openfisca_core.reforms import Reform

from openfisca_china_social_insurance import CountryTaxBenefitSystem
from openfisca_china_social_insurance.validation import approval_forms, form_dates

HERE = Path(__file__).resolve().parent


def _shared_dir():
    return approval_forms.default_shared_dir(HERE.parents[1])


def _probe(**options):
    if not approval_forms.cases_folder(_shared_dir()).is_dir():
        pytest.skip("approval forms not found: set SHEBAO_SHARED to the shared folder")
    return form_dates.probe(_shared_dir(), **options)


@pytest.fixture(scope="module")
def rows():
    return _probe()


def _listed():
    entries = yaml.safe_load((HERE / "form_dates.yml").read_text(encoding="utf-8"))
    return {(entry["parameter"], region) for entry in entries for region in entry["regions"]}


def test_no_person_is_refused_where_the_form_is_not(rows):
    refused = [f"{row['case']} {row['shift']:+d}: {row['refused']}" for row in rows if row["refused"] and not row["form_refused"]]
    assert len(rows) == 4 * len({row["case"] for row in rows}) > 200
    assert not refused, "\n".join(refused)


def test_every_rule_lost_before_or_after_a_form_has_a_legal_start(rows):
    changed = form_dates.changed_rules(rows)
    assert not changed - _listed(), f"rules lost at another month than the form's, not in form_dates.yml: {sorted(changed - _listed())}"
    assert not _listed() - changed, f"form_dates.yml lists rules no probe loses any more: {sorted(_listed() - changed)}"


class _DatedFromTheForm(Reform):
    """Heilongjiang's months / 12 as it was dated before: from its verified form's month (2026-01)."""

    def apply(self):
        def modify(parameters):
            rule = parameters.pension.benefit.rounding.contribution_years_in_months.heilongjiang
            rule.update(start=periods.instant("2006-01-01"), stop=periods.instant("2025-12-31"), value=None)
            return parameters

        self.modify_parameters(modifier_function=modify)


def test_a_rule_dated_from_a_forms_month_is_found():
    rows = _probe(system=_DatedFromTheForm(CountryTaxBenefitSystem()), provinces={"heilongjiang"})
    assert form_dates.changed_rules(rows) == {("pension.benefit.rounding.contribution_years_in_months", "heilongjiang")}
    assert {row["shift"] for row in rows if row["changes"]} == {-1, -3, -6}
