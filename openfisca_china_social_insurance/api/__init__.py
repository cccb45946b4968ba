"""The Python API: profiles in, pensions out (`assess`), the guarded OpenFisca situation
builder (`situations.build`), large populations in chunks (`population`) and the
parameter values behind one assessment (`explain`). `assess_each` answers each person
of a batch on their own: the rows of those assessed and the errors of those refused.

    from openfisca_china_social_insurance import api
    api.assess({"her": profile})
"""

from .batch import assess_each  # noqa: F401  (the public API)
from .bill import contribution_bill  # noqa: F401  (the public API)
from .explain import explain  # noqa: F401  (the public API)
from .profiles import (  # noqa: F401  (the public API)
    ANY_MONTH,
    BREAKDOWN,
    FORMULA_INPUTS,
    MIN_WORKING_AGE,
    OVERRIDES,
    SHORTFALL_CHOICE,
    assess,
    assessed_variables,
    build_simulation,
    continuations,
    example_profiles,
    groups_by_formula_inputs,
    named_profiles,
    naming_persons,
    shortfall_outcomes,
    situation,
    values_at_retirement,
)
