"""The figures of an approval form a profile may give as overrides (each replaces the model's
own formula), and the range of each: what a form can print, shared by api.assess's profiles
and the situations of /calculate."""

#: Assessment figures an approval form prints; each replaces the model's own formula.
OVERRIDES = (
    "pension_calculation_base", "province_pension_calculation_base", "average_contribution_index", "indexed_average_monthly_wage",
    "contribution_years", "actual_contribution_years", "pre_account_contribution_years",
    "personal_account_balance", "payout_months", "transitional_coefficient",
    "minimum_contribution_years", "deemed_account_balance",
    # Figures of the provincial additions and transitional methods a form prints.
    "one_child_average_pension", "extra_pension_rate_of_indexed_wage", "transitional_original_indexed_wage",
    "transitional_original_ratio", "local_subsidy_years", "pre_account_indexed_years", "transitional_subsidy_amount",
    # The second index some provinces print for the transitional pension (Henan, Jiangsu).
    "transitional_contribution_index",
    # An addition a form prints whose rule the model does not encode (0 unless given).
    "extra_pension_as_printed",
)
#: The range of an override where one exists (else 0 or more): what a form can print, so that
#: a figure typed in the wrong unit (1.3 for 1.3%) or with a slip (an index of 500) is refused.
OVERRIDE_RANGES = {
    "average_contribution_index": (0, 10), "transitional_contribution_index": (0, 10),  # as a career's index
    "contribution_years": (0, 60), "actual_contribution_years": (0, 60), "pre_account_contribution_years": (0, 60),
    "minimum_contribution_years": (0, 60), "local_subsidy_years": (0, 60),
    "payout_months": (56, 233),  # the payout-month table of 国发〔2005〕38号, ages 70 to 40 (the 1997 rule's 120 within)
    "transitional_coefficient": (0, 0.1), "extra_pension_rate_of_indexed_wage": (0, 0.1),  # shares a year: 0.013, not 1.3
    "transitional_original_ratio": (0, 1),
    "pre_account_indexed_years": (0, 600),  # index x years
    "transitional_subsidy_amount": (0, 10000),  # a month: 419.90 to 643.86 on Zhengzhou's forms
    "extra_pension_as_printed": (0, 10000),  # a month: 60 to 325 on the forms
    # Money: far above any form (a base of 11,761 in Beijing 2025, balances of a few hundred
    # thousand), so that only a slip is refused (1e300 paid 3.59e299, not to the fen).
    "pension_calculation_base": (0, 1_000_000), "province_pension_calculation_base": (0, 1_000_000),
    "indexed_average_monthly_wage": (0, 10_000_000),
    "one_child_average_pension": (0, 1_000_000), "transitional_original_indexed_wage": (0, 10_000_000),
    "personal_account_balance": (0, 1_000_000_000), "deemed_account_balance": (0, 1_000_000_000),
}
#: The range of a profile's own years (not figures of a form): /calculate's situations give the same
#: variables and are held to it too (deemed years of -3 were taken there, and cut the years paid).
YEARS_RANGES = {"deemed_contribution_years": (0, 60), "special_type_work_years": (0, 60), "plateau_work_years": (0, 60)}
