"""`shebao web`: the policy officer's desk (a web page) with the Web API, on one server."""

import typer

from ..core.errors import InputError
from . import language
from .serve import run


def web(
    port: int = typer.Option(8000, "--port", "-p", help="The port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="The address to bind (0.0.0.0 for every interface)."),
    workers: int = typer.Option(2, "--workers", help="Worker processes."),
):
    """Serve the desk at http://HOST:PORT/desk with the Web API beside it: a web page in Chinese (English with --lang en; switchable on the page)."""
    if not 1 <= port <= 65535:
        raise InputError.of("port", value=port)
    if workers < 1:
        raise InputError.of("workers", value=workers)
    typer.echo(f"http://{host}:{port}/desk", err=True)
    run(host, port, workers, desk_lang=language.current() if language.given() else "zh")
