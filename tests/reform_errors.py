"""The reform loader as the reform tests use it, and the check of its refusals: each names
the file's line (test.yaml:5:) and the words given (tests/test_reforms.py, test_reform_scales.py)."""

import pytest

from openfisca_china_social_insurance.analysis import reform_files
from openfisca_china_social_insurance.core.errors import InputError

#: The name the tests' reform texts are loaded under, which every refusal quotes with its line.
SOURCE = "test.yaml"


def load(text, system):
    """The reform of `text`, checked against `system`'s parameters."""
    return reform_files.load_text(text, SOURCE, system.parameters)


def assert_refused_at_line(text, system, line, words):
    """`text` is refused naming its `line` and each of `words`; the message, for more checks."""
    with pytest.raises(InputError) as error:
        load(text, system)
    message = str(error.value)
    assert f"{SOURCE}:{line}:" in message, message
    for word in words:
        assert word in message, message
    return message
