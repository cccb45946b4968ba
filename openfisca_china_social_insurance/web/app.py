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
from ..core import i18n
from ..core.errors import InputError
from . import assess, calculate, compare, desk, explain, systems
from .body import DEFAULT_MAX_BYTES, DEFAULT_MAX_PERSONS, error_body
from .json_output import JSONProvider


def openapi_description():
    """The OpenAPI description of our endpoints (web/openapi.yaml)."""
    text = resources.files(__package__).joinpath("openapi.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _hint(near):
    return i18n.both("did_you_mean", names=", ".join(near)) if near else ""


def _unknown_variable(system, id):
    near = difflib.get_close_matches(id, list(system.variables), n=3, cutoff=0.6)
    return InputError.of("unknown_variable", id=id, hint=_hint(near), count=len(system.variables)).at("id")


def _unknown_parameter(system, parameter_id):
    names = [parameter.name for parameter in system.parameters.get_descendants()]
    near = difflib.get_close_matches(parameter_id.replace("/", "."), names, n=3, cutoff=0.6)
    return InputError.of("unknown_parameter", id=parameter_id, hint=_hint(near)).at("parameter_id")


#: The routes of OpenFisca that answer a 404 without naming what was not found: the error naming it for each.
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

    @app.before_request
    def asked_language():
        """A `lang` in the query other than zh or en is refused by name (a request to a JSON route), not taken as English."""
        asked = request.args.get("lang")
        if asked is not None and asked not in i18n.LANGS and request.method != "GET":
            raise InputError.of("lang", option="lang", value=asked, allowed=", ".join(i18n.LANGS)).at("lang")

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
        refusal = getattr(error, "refusal", None)  # an InputError behind the HTTP error (a person count: body.within_limit)
        if error.code == 404 and request.endpoint in NOT_FOUND:  # OpenFisca's bare 404 for a name it lacks
            refusal = NOT_FOUND[request.endpoint](system, **request.view_args)
        elif error.code == 404 and request.endpoint is None:  # no route at all: said in the answer's language, with a code
            refusal = InputError.of("no_route", method=request.method, path=request.path).at("path")
        elif error.code == 405 and getattr(error, "valid_methods", None):  # name what the route takes
            allowed = sorted(set(error.valid_methods) - {"HEAD", "OPTIONS"})
            refusal = InputError.of("not_a_method", method=request.method, path=request.path, allowed=", ".join(allowed)).at("method")
        elif error.code == 413 and refusal is None:  # the body's size (a person count sets its field)
            size = (i18n.both("web.bytes", size=request.content_length) if request.content_length
                    else i18n.both("web.bytes_chunked", most=max_bytes))
            refusal = InputError.of("body_too_large", size=size, most=max_bytes).at("body")
        headers = {"Allow": ", ".join(error.valid_methods)} if error.code == 405 and getattr(error, "valid_methods", None) else {}
        if refusal is not None:
            return jsonify(error_body(refusal)), error.code, headers
        return jsonify({"error": error.description, "field": getattr(error, "field", None)}), error.code, headers

    return app
