"""YAML written by users (profiles, grids, population specs), read safely.

PyYAML turns an unquoted date into a `datetime.date` and raises a bare ValueError, with no
file or line, on an impossible one (`birth_date: 1975-02-30`): that was a traceback. Here
such a date stays the text it is, so the field's own check refuses it by name
("p.birth_date: '1975-02-30' is not a date. Allowed: YYYY-MM-DD"), as a quoted one is.
"""

import yaml


class _Loader(yaml.SafeLoader):
    """yaml.SafeLoader, with impossible dates kept as text."""


def _date_or_text(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def load(text):
    """The YAML document in `text` (yaml.YAMLError where it is not YAML)."""
    return yaml.load(text, Loader=_Loader)  # a SafeLoader
