"""``funding-matcher serve``: the production server (waitress), in one process per core."""

from __future__ import annotations

import logging
import os
import socket
from typing import Any

import click
from flask import Flask

from funding_matcher import create_app
from funding_matcher.cli.processes import WorkerFailed, listening_socket, supervise


def build_server(
    app: Flask, host: str, port: int, threads: int, sock: socket.socket | None = None
) -> Any:
    """A waitress server for the app, on its own port or on ``sock`` (shared by the worker
    processes); it names no server software in its answers (no ``Server: waitress`` telling a
    prober which bugs to try)."""
    from waitress import create_server

    where: dict[str, Any] = {"host": host, "port": port} if sock is None else {"sockets": [sock]}
    return create_server(app, threads=threads, ident="", **where)


def ready_app() -> Flask:
    """The application with the matcher already fitted, so that no user waits for the fit.
    Built before the workers fork: they share the fitted engine's memory and start at once. The
    database connections used for the fit are closed first: a connection never crosses a fork.
    A database without tables (not yet migrated) is left to the pages to report."""
    from sqlalchemy.exc import SQLAlchemyError

    from funding_matcher.engine_cache import matching_engine
    from funding_matcher.extensions import db

    app = create_app()
    with app.app_context():
        try:
            matching_engine()
        except SQLAlchemyError:
            db.session.rollback()
        finally:
            db.session.remove()
            db.engine.dispose()
    return app


def default_processes() -> int:
    """One worker process per core this process may run on."""
    return max(len(os.sched_getaffinity(0)), 1)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=int, show_default=True)
@click.option("--threads", default=4, type=int, show_default=True, help="Threads je Prozess.")
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    help="Serverprozesse (Standard: einer je Prozessorkern).",
)
def serve(host: str, port: int, threads: int, processes: int | None) -> None:
    """Die Anwendung mit waitress ausliefern."""
    logging.basicConfig()  # waitress reports problems through logging
    processes = processes or default_processes()
    if processes == 1:
        server = build_server(ready_app(), host, port, threads)
        click.echo(f"Fördermittel-Matcher läuft auf http://{host}:{port}/ (Strg+C beendet)")
        server.run()
        return
    try:
        sock = listening_socket(host, port)
    except OSError as exc:
        raise click.ClickException(f"{host}:{port} ist nicht verfügbar: {exc.strerror}.") from exc
    click.echo(
        f"Fördermittel-Matcher läuft auf http://{host}:{port}/ in {processes} Prozessen "
        "(Strg+C beendet)"
    )
    app = ready_app()
    try:
        supervise(lambda: build_server(app, host, port, threads, sock).run(), processes)
    except WorkerFailed as exc:
        raise click.ClickException(str(exc)) from exc
