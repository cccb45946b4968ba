"""A simulation of some of the persons of an earlier one starts from what that one computed.

`batch.isolating` simulates a group again without the persons a refusal names; the formulas
the group had computed before the refusal are the same for the persons left (a person's
values do not depend on who else is simulated: results do not depend on the chunk size), so
the new simulation's caches are filled with them instead of computing them again.

    reuse = Reuse()
    simulation = reuse.seeded(names, build(names))   # the first: computed from its inputs
    simulation = reuse.seeded(fewer, build(fewer))   # then: holds the first's values for `fewer`
"""

import numpy


class Reuse:
    """The last simulation of a group of persons, so that the next one, of some of them after a
    refusal, starts from what it computed: a person's values do not depend on who else is
    simulated, and a refused group is simulated again without its refused persons (batch.isolating)."""

    def __init__(self):
        self.simulation, self.offsets = None, {}

    def seeded(self, names, simulation):
        """`simulation` of the persons `names`, its caches holding what the last one computed for them."""
        if self.simulation is not None and set(names) <= self.offsets.keys():
            carry(self.simulation, simulation, numpy.array([self.offsets[name] for name in names], dtype=numpy.int64))
        self.simulation, self.offsets = simulation, {name: offset for offset, name in enumerate(names)}
        return simulation


def carry(source, target, offsets):
    """Put into `target`'s caches every value `source` holds for its persons at `offsets`
    (target's persons, in order) that target does not hold yet (its own inputs stay)."""
    for name in source.tax_benefit_system.variables:
        held = source.persons.get_holder(name)
        periods = held.get_known_periods()
        if not periods:
            continue
        holder = target.persons.get_holder(name)
        known = set(holder.get_known_periods())
        for period in periods:
            if period not in known:
                holder.put_in_cache(held.get_array(period)[offsets], period)
