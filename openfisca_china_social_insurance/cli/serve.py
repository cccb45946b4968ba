"""`shebao serve`: the Web API (api/web.py) on gunicorn, the server `openfisca serve` uses."""

import typer

from ..core.errors import InputError


def serve(
    port: int = typer.Option(5000, "--port", "-p", help="The port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="The address to bind (0.0.0.0 for every interface)."),
    workers: int = typer.Option(2, "--workers", help="Worker processes."),
):
    """Serve OpenFisca's Web API on this model; a bad input is answered 400 with its message."""
    if not 1 <= port <= 65535:
        raise InputError(f"--port: {port}. Allowed: 1 to 65535.")
    if workers < 1:
        raise InputError(f"--workers: {workers}. Allowed: 1 or more.")
    from gunicorn.app.base import BaseApplication

    from ..api.web import create_app

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("timeout", 120)

        def load(self):
            return create_app()

    Server().run()
