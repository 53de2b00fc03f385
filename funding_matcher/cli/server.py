"""``funding-matcher serve``: the production server (waitress)."""

from __future__ import annotations

import logging
from typing import Any

import click
from flask import Flask

from funding_matcher import create_app


def build_server(app: Flask, host: str, port: int, threads: int) -> Any:
    """A waitress server for the app; it names no server software in its answers (no
    ``Server: waitress`` telling a prober which bugs to try)."""
    from waitress import create_server

    return create_server(app, host=host, port=port, threads=threads, ident="")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=int, show_default=True)
@click.option("--threads", default=8, type=int, show_default=True)
def serve(host: str, port: int, threads: int) -> None:
    """Die Anwendung mit waitress ausliefern."""
    logging.basicConfig()  # waitress reports problems through logging
    server = build_server(create_app(), host, port, threads)
    click.echo(f"Fördermittel-Matcher läuft auf http://{host}:{port}/ (Strg+C beendet)")
    server.run()
