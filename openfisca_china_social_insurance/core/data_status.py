"""The status of a figure (official, estimated, unverified, projected) and the variables that carry it.

Outside the variables directory on purpose: OpenFisca would load a base class found there
as a variable of its own (as core/money.Float64).
"""

import numpy
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.variables import Variable

from openfisca_china_social_insurance.entities import Person


class DataStatus(Enum):
    official = "官方 Official: read in an official document"
    estimated = "估计 Estimated: a lead, a derivation or a back-cast"
    unverified = "未核实 Unverified"
    projected = "预测 Projected: an assumption about the future"


REFERENCE = "parameters' metadata.status; openfisca_china_social_insurance/core/time_axis.py (back-cast: estimated, after the last published year: projected)"


def weakest(*codes):
    """The weakest of several arrays of status codes, element by element (NaN: rests on nothing)."""
    return numpy.fmax.reduce(numpy.broadcast_arrays(*codes))


def as_status(codes):
    """Status codes (NaN: nothing rests on it, counted official) as an EnumArray."""
    return EnumArray(numpy.nan_to_num(codes, nan=0).astype(numpy.int16), DataStatus)


class StatusVariable(Variable):
    """A person's DataStatus variable; a subclass gives its label, period and formula."""

    def __init_subclass__(cls, **kwargs):
        # OpenFisca reads a variable's attributes from its own class only.
        super().__init_subclass__(**kwargs)
        cls.value_type = Enum
        cls.possible_values = DataStatus
        cls.default_value = DataStatus.official
        cls.entity = Person
        cls.reference = REFERENCE
