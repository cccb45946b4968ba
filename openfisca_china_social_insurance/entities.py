"""Entities: the insured person. Social insurance rights are individual in China."""

from openfisca_core.entities import build_entity

Person = build_entity(
    key="person",
    plural="persons",
    label="参保人 Insured person",
    doc="A person insured under the urban employees' scheme, as an employee or a flexible worker.",
    is_person=True,
)

entities = [Person]
