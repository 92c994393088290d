"""The JSON API against its own OpenAPI schema (schemathesis): requests generated from `/openapi.json`, valid and
not, over a store ingested from the bundled examples, never get a 5xx; every error is a one-line JSON 4xx."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from conftest import ROOT
from kliping.serve import create_app

EXAMPLES = [str(ROOT / "examples" / "pages"), str(ROOT / "examples" / "feed.jsonl")]
TOKEN = "schema-token"
MAX_EXAMPLES = 30  # per operation: the whole file stays well under a minute


# The schema does not depend on what the store holds, so the app is made at import (schemathesis parametrizes from
# it; its lazy `from_fixture` loader does not run on pytest 9) over an empty store in a folder of this module's own,
# which `examples_ingested` fills before the first test: the app reads the store on each request.
FOLDER = Path(tempfile.mkdtemp(prefix="kliping-schema-"))
DB = FOLDER / "k.db"
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(DB, TOKEN))


@pytest.fixture(scope="module", autouse=True)
def examples_ingested() -> Iterator[None]:
    from kliping.ingest import ingest
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    with Store(DB) as store:
        res = ingest(EXAMPLES, store, LocalExecutor(workers=1))
        assert not res.rejected, res.rejected
        assert store.event_count() >= 3
    yield
    shutil.rmtree(FOLDER, ignore_errors=True)


def one_line_json_error(response: Any) -> None:
    """A 4xx says why in one line of JSON (`{"error": ...}`), never with a traceback."""
    if 400 <= response.status_code < 500:
        body = json.loads(response.text)
        assert set(body) == {"error"} and body["error"] and "\n" not in body["error"], response.text
        assert "Traceback" not in response.text


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    """The token is given, so POST /api/articles reads what it is sent (its body is not in the schema: the
    generated requests send none or junk, and are refused with a 400)."""
    response = case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])
    one_line_json_error(response)
