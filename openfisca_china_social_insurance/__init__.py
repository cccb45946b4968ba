"""OpenFisca model of Chinese social insurance.

`CountryTaxBenefitSystem` loads the parameters in `parameters/` and the variables in
`variables/` (both shipped inside this package by pyproject's package-dir mapping).
`default_system()` is one shared, never modified instance for the tools that only read it.
"""

import functools
from importlib import resources

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from .core import i18n
from .entities import entities

__all__ = ["CountryTaxBenefitSystem", "default_system"]


class CountryTaxBenefitSystem(TaxBenefitSystem):
    def __init__(self):
        super().__init__(entities)
        self.add_variables_from_directory(str(resources.files(f"{__name__}.variables")))
        self.load_parameters(str(resources.files(f"{__name__}.parameters")))


@functools.cache
def default_system():
    """The baseline system, loaded once per process (reforms apply to copies of it)."""
    return CountryTaxBenefitSystem()


def _variable_label(name):
    """A variable's label ("中文 English"), or None: how the messages name an input in Chinese (core/i18n.Named)."""
    variable = default_system().variables.get(name)
    return variable.label if variable is not None else None


i18n.variable_labels = _variable_label
