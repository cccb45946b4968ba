"""The policy officer's desk: a web page (web/desk/) on the same app as the Web API.

    GET  /desk                   the page (index.html; desk.js, desk.css, strings.json beside it)
    GET  /desk/options           what the page offers to choose from (desk_options.py)
    POST /desk/grid              a grid compared (desk_tables.py)
    POST /desk/chart.svg         its chart
    POST /desk/export.csv|xlsx   a comparison as a file
    POST /desk/population        a built-in population's totals, baseline against reforms

The page itself calls /assess and /compare on the same origin; these routes give only what
the Web API lacks. OpenFisca's app strips a trailing slash (/desk/ -> /desk) and keeps / for
its welcome, so the page is /desk and refers to its files by absolute paths. Plain HTML, CSS and JavaScript shipped in the package: no build step.
"""

from importlib import resources

from flask import Response, jsonify, send_from_directory

from ..core import i18n
from . import desk_fund, desk_options, desk_tables

PAGE = resources.files(__package__).joinpath("desk")
MEDIA_TYPES = {".csv": "text/csv; charset=utf-8", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def register(app, system, max_persons, lang="zh"):
    """Add the desk's routes to the Web API's app; `lang` is the page's default language."""
    i18n.check_lang(lang)

    @app.get("/desk")
    @app.get("/desk/<path:name>")
    def page(name="index.html"):
        return send_from_directory(str(PAGE), name)

    @app.get("/desk/options")
    def options():
        return jsonify(desk_options.options(system, lang))

    @app.post("/desk/grid")
    def grid():
        return jsonify(desk_tables.grid_view(max_persons))

    @app.post("/desk/chart.svg")
    def chart():
        return Response(desk_tables.chart_svg(max_persons), mimetype="image/svg+xml")

    @app.post("/desk/population")
    def population():
        return jsonify(desk_tables.population_view())

    @app.post("/desk/fund")
    def fund():
        return jsonify(desk_fund.fund_view())

    @app.post("/desk/export<any('.csv', '.xlsx'):suffix>")
    def download(suffix):
        content, name = desk_tables.export_file(max_persons, suffix)
        return Response(content, content_type=MEDIA_TYPES[suffix], headers={"Content-Disposition": f'attachment; filename="{name}"'})
