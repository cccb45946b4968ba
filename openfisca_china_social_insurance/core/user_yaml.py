"""YAML written by users (profiles, grids, population specs), read safely.

PyYAML turns an unquoted date into a `datetime.date` and raises a bare ValueError, with no
file or line, on an impossible one (`birth_date: 1975-02-30`): that was a traceback. Here
such a date stays the text it is, so the field's own check refuses it by name
("p.birth_date: '1975-02-30' is not a date. Allowed: YYYY-MM-DD"), as a quoted one is.

PyYAML also keeps the last of two equal keys: a file naming two persons `wang` lost the
first without a word. Here a repeated key is a yaml.YAMLError naming it and its lines.
"""

import yaml


class _Loader(yaml.SafeLoader):
    """yaml.SafeLoader, with impossible dates kept as text and repeated keys refused."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node)
            except TypeError:
                continue  # an unhashable key: PyYAML's own error names it
            if first is not key_node:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark,
                    f"the key {key!r} is given twice (lines {first.start_mark.line + 1} and {key_node.start_mark.line + 1}); "
                    f"allowed: each key once", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


def _date_or_text(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def load(text):
    """The YAML document in `text` (yaml.YAMLError where it is not YAML)."""
    return yaml.load(text, Loader=_Loader)  # a SafeLoader
