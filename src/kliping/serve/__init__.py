"""`kliping serve`: a web app and JSON API over a store (see `app.py`)."""

from kliping.serve.app import create_app

__all__ = ["create_app"]
