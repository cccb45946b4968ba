"""Tools for policy staff and analysts: reform files and comparisons, region rules and
comparisons, the internal rate of return. They use the model through `api`."""
