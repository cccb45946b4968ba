"""The Web API: OpenFisca's own (/calculate, /trace, /variables, /parameters...) on this
country package, with the model's input errors answered as 400 Bad Request and their
message, instead of OpenFisca's 500.

    app = create_app()            # a Flask app (WSGI), for any server
    shebao serve --port 5000      # gunicorn, as `openfisca serve` runs it
"""

from flask import jsonify
from openfisca_web_api.app import create_app as openfisca_app

from .. import CountryTaxBenefitSystem
from ..core.errors import InputError


def create_app(system=None):
    """OpenFisca's Web API app, where an InputError (a bad input the model names) is a 400."""
    app = openfisca_app(system or CountryTaxBenefitSystem())

    @app.errorhandler(InputError)
    def bad_input(error):
        response = jsonify({"error": str(error)})
        response.status_code = 400
        return response

    return app
