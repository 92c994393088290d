"""`kliping serve`: the web app and JSON API over a store."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from kliping.cli.common import DEFAULT_DB, check_db, err
from kliping.errors import UsageError


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The store to serve (created when missing).")
                  ] = DEFAULT_DB,
    host: Annotated[str, typer.Option(metavar="ADDRESS", help="Address to listen on (loopback by default).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="N", help="Port to listen on.")] = 8000,
) -> None:
    """Serve a store: web pages (events, storylines, articles, search) and a JSON API (/api/..., described at
    /openapi.json). Read-only unless the KLIPING_TOKEN environment variable is set: then POST /api/articles with
    `Authorization: Bearer TOKEN` adds articles."""
    import uvicorn

    from kliping.serve import create_app

    check_db(db)
    if not 0 < port < 65536:
        raise UsageError(f"--port {port}: give a port from 1 to 65535")
    token = os.environ.get("KLIPING_TOKEN") or None
    if not _loopback(host):
        if token:
            err.print(f"kliping: serving on {host}: reachable from other machines; writes need the token",
                      markup=False)
        else:
            err.print(f"kliping: warning: serving on {host}, reachable from other machines, with no KLIPING_TOKEN: "
                      "anyone who reaches it can read the store (it is read-only)", markup=False)
    err.print(f"kliping: serving {db} at http://{host}:{port}/ ({'writes need the token' if token else 'read-only'};"
              " Ctrl+C stops)", markup=False)
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning")
