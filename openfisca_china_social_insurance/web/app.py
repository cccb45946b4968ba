"""The Web API: OpenFisca's own Flask app on this model, with our endpoints beside its own.

    app = create_app()            # a Flask app (WSGI), for any server
    shebao serve --port 5000      # gunicorn, as `openfisca serve` runs it

OpenFisca's routes (/variables, /parameters, /entities, /spec) are kept as they are;
/calculate and /trace keep their request and answer but go through the guarded
situation builder (calculate.py); /assess and /compare are ours (assess.py, compare.py);
/openapi.json describes every route (openapi.yaml; OpenFisca's own briefly). The desk's page (GET /desk) and its
endpoints (/desk/*) are desk.py's. Every bad input is a 400 with
{"error": message, "field": input}; a request over the size limits a 413; any other
HTTP error is JSON too. docs/web_api.md is the contract.
"""

import difflib
from importlib import resources

import yaml
from flask import jsonify, request
from openfisca_web_api.app import create_app as openfisca_app
from werkzeug.exceptions import HTTPException

from .. import default_system
from ..core.errors import InputError
from . import assess, calculate, compare, desk, explain, systems
from .body import DEFAULT_MAX_BYTES, DEFAULT_MAX_PERSONS, error_body
from .json_output import JSONProvider


def openapi_description():
    """The OpenAPI description of our endpoints (web/openapi.yaml)."""
    text = resources.files(__package__).joinpath("openapi.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _unknown_variable(system, id):
    near = difflib.get_close_matches(id, list(system.variables), n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    return "id", f"variable {id!r} not found in the model.{hint} Allowed: one of the model's {len(system.variables)} variables (GET /variables)."


def _unknown_parameter(system, parameter_id):
    names = [parameter.name for parameter in system.parameters.get_descendants()]
    near = difflib.get_close_matches(parameter_id.replace("/", "."), names, n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    return "parameter_id", (f"parameter {parameter_id!r} not found in the model.{hint} Allowed: a parameter or folder path with dots or "
                            f"slashes, e.g. pension.contribution.employer_rate (GET /parameters lists the parameters).")


#: The routes of OpenFisca that answer a 404 without naming what was not found: (field, message) for each.
NOT_FOUND = {"get_variable": _unknown_variable, "get_parameter": _unknown_parameter}


def create_app(system=None, max_persons=DEFAULT_MAX_PERSONS, max_bytes=DEFAULT_MAX_BYTES, desk_lang="zh"):
    """OpenFisca's Web API app with our endpoints, errors and limits, and the desk's page.

    system: the baseline (default: the shared `default_system()`, built once per
    process). max_persons: persons one /assess, /compare, /calculate or /trace request may hold.
    max_bytes: the largest request body. desk_lang: the language the desk's page opens in.
    """
    system = system or default_system()
    app = openfisca_app(system)
    app.json = JSONProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = max_bytes
    app.config[systems.BASELINE] = system  # /assess, /compare, /explain build on it
    description = openapi_description()

    # OpenFisca's own /calculate and /trace, replaced by the guarded ones (same format).
    app.view_functions["calculate"] = lambda: jsonify(calculate.calculate(system, max_persons))
    app.view_functions["trace"] = lambda: jsonify(calculate.trace(system, max_persons))

    @app.post("/assess")
    def assess_profiles():
        return jsonify(assess.view(max_persons))

    @app.post("/compare")
    def compare_reforms():
        return jsonify(compare.view(max_persons))

    @app.post("/explain")
    def explain_assessment():
        return jsonify(explain.view())

    desk.register(app, system, max_persons, desk_lang)

    @app.get("/openapi.json")
    def openapi():
        return jsonify({**description, "servers": [{"url": request.host_url.rstrip("/")}]})

    @app.errorhandler(InputError)
    def bad_input(error):
        body = error_body(error, "body")
        if getattr(error, "errors", None):  # every refused person of a batch
            body["errors"] = error.errors
        return jsonify(body), 400

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.response is not None:  # OpenFisca's own answers (already JSON)
            return error.response
        field = getattr(error, "field", "body" if error.code == 413 else None)
        if error.code == 404 and request.endpoint in NOT_FOUND:  # OpenFisca's bare 404 for a name it lacks
            field, message = NOT_FOUND[request.endpoint](system, **request.view_args)
        elif error.code == 405 and getattr(error, "valid_methods", None):  # name what the route takes
            allowed = sorted(set(error.valid_methods) - {"HEAD", "OPTIONS"})
            message = f"{request.method} {request.path}: not a method of this route. Allowed: {', '.join(allowed)} (GET /openapi.json describes each route)."
            field = "method"
        elif error.code == 413 and not getattr(error, "field", None):  # the body's size (a person count sets its field)
            size = f"{request.content_length} bytes" if request.content_length else f"more than {max_bytes} bytes (sent in chunks)"
            message = f"body: {size}. Allowed: at most {max_bytes} bytes (the server's limit); send the persons in several requests."
        else:
            message = error.description
        headers = {"Allow": ", ".join(error.valid_methods)} if error.code == 405 and getattr(error, "valid_methods", None) else {}
        return jsonify({"error": message, "field": field}), error.code, headers

    return app
