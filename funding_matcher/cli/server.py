"""``funding-matcher serve``: the production server (waitress)."""

from __future__ import annotations

import click

from funding_matcher import create_app


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=int, show_default=True)
@click.option("--threads", default=8, type=int, show_default=True)
def serve(host: str, port: int, threads: int) -> None:
    """Die Anwendung mit waitress ausliefern."""
    from waitress import serve as waitress_serve

    app = create_app()
    click.echo(f"Fördermittel-Matcher läuft auf http://{host}:{port}/ (Strg+C beendet)")
    waitress_serve(app, host=host, port=port, threads=threads)
