"""What every rule stands on: errors, money, dates, regions and the region x month lookup.

Nothing here imports the model's variables, the API or the tools (see docs/architecture.md).
"""
