"""The Web API (a room above api/ and analysis/, beside cli/): OpenFisca's Flask app with
our /assess, /compare and guarded /calculate. See app.py and docs/web_api.md.

    from openfisca_china_social_insurance.web import create_app
"""

from .app import create_app  # noqa: F401  (the public API)
