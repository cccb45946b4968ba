"""`shebao serve`: the Web API (web/) on gunicorn, the server `openfisca serve` uses."""

import typer

from ..core.errors import InputError


def serve(
    port: int = typer.Option(5000, "--port", "-p", help="The port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="The address to bind (0.0.0.0 for every interface)."),
    workers: int = typer.Option(2, "--workers", help="Worker processes."),
    max_persons: int = typer.Option(None, "--max-persons", help="Persons one /assess, /compare, /calculate or /trace request may hold, more are answered 413 (default: 5000, web/body.py)."),
):
    """Serve the Web API (OpenFisca's, with /assess and /compare; docs/web_api.md): a bad input is answered 400 naming it."""
    if not 1 <= port <= 65535:
        raise InputError.of("port", value=port)
    if workers < 1:
        raise InputError.of("workers", value=workers)
    if max_persons is not None and max_persons < 1:
        raise InputError.of("max_persons", value=max_persons)
    run(host, port, workers, **({"max_persons": max_persons} if max_persons else {}))


def run(host, port, workers, **app_options):
    """web.create_app(**app_options) on gunicorn at host:port (also `shebao web`)."""
    from gunicorn.app.base import BaseApplication

    from ..web import create_app

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("timeout", 120)

        def load(self):
            return create_app(**app_options)

    Server().run()
