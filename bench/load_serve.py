"""Loopback load on `kliping serve` over the detik 1,000 store: open-loop requests at a fixed rate, per endpoint.

Builds the store once (`kliping ingest` of the 1,000 detik rows: about a minute on 2 cores, more on a busy machine)
and keeps it at /tmp/kliping-load-cache/detik.db (--db; --rebuild makes it again), starts `kliping serve` on a free
loopback port as its own process (uvicorn, as a user runs it), and drives each endpoint for --seconds at --rate
requests/s. The load is open loop: request k is sent at start + k/rate whether or not the earlier ones have answered
(a closed loop would slow down with the server and hide its queueing), and its latency is measured from that
scheduled time to the end of the body. One request per endpoint warms the server first (its caches fill on the first
read after a store change).
Errors: any status other than 200, a timeout (--timeout) or a failed connection. Besides the latency percentiles the
table shows the server's CPU time per request (from /proc: what a request costs, whatever else the machine runs) and
the client's lag (how late the latest request left: when it is large, the machine, not the server, was busy; the
latencies include it, as they are measured from the scheduled time).

Issue 14's target on this 2-core machine: p95 < 100 ms and 0 errors at 50 requests/s.

Run:  .venv/bin/python bench/load_serve.py [--rate 50] [--seconds 20] [--db FILE] [--rebuild] [--only NAME,...]
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import common
from common import KLIPING, ROOT, table

CACHE = Path("/tmp/kliping-load-cache/detik.db")
TARGET_P95_MS = 100.0


# ---------- the store ----------

def build_store(db: Path) -> None:
    """Ingest the 1,000 detik rows into a new store at `db` (built beside it, renamed when complete, so a killed
    build never leaves a half store to be reused)."""
    from kdata import detik_record, detik_rows, write_jsonl

    db.parent.mkdir(parents=True, exist_ok=True)
    records = write_jsonl(db.parent / "detik.jsonl", [detik_record(r) for r in detik_rows().values()])
    part = db.with_name(db.name + ".part")
    for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        p.unlink(missing_ok=True)
    print(f"building {db} from {len(records.read_text().splitlines())} detik rows (kliping ingest; a minute or more)",
          flush=True)
    t0 = time.perf_counter()
    subprocess.run([str(KLIPING), "ingest", "--db", str(part), "-q", str(records)], check=True, cwd=ROOT)
    con = sqlite3.connect(part)  # fold the WAL into the file before the rename (its -wal is named after the file)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for p in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    part.rename(db)
    print(f"built in {time.perf_counter() - t0:.0f} s", flush=True)


@dataclass
class Corpus:
    """What the requests are made of, read from the store: event ids, outlets, languages, days, and words."""
    events: list[str]
    outlets: list[str]
    languages: list[str]
    days: list[str]
    title_words: list[str]
    text_words: list[str]


WORD = re.compile(r"[^\W\d_]{4,}")


def read_corpus(db: Path) -> Corpus:
    """Sample values from the store (read-only): the endpoints are asked about what it holds."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        events = [json.loads(d) for (d,) in con.execute("SELECT data FROM events")]
        langs = [r[0] for r in con.execute("SELECT json_extract(data, '$.language') l FROM articles "
                                           "WHERE l IS NOT NULL GROUP BY l ORDER BY COUNT(*) DESC")]
        texts = [(t or "", x or "") for t, x in con.execute("SELECT title, text FROM articles_fts")]
    finally:
        con.close()
    outlets = collections.Counter(str(o) for e in events for o in e.get("outlets") or [])
    days = sorted({str(e.get("date") or e.get("last_seen") or "")[:10] for e in events} - {""})
    titles = collections.Counter(w for e in events for w in set(WORD.findall(str(e.get("title") or "").lower())))
    in_text = collections.Counter(w for _, x in texts for w in set(WORD.findall(x.lower())))
    n = max(1, len(texts))
    # Words a person would search for: in a few to a tenth of the articles (not "yang", not a one-off typo).
    text_words = [w for w, c in in_text.most_common() if 3 <= c <= n // 10 and len(w) >= 5][:300]
    title_words = [w for w, c in titles.most_common() if c >= 2 and len(w) >= 5][:100]
    return Corpus([e["id"] for e in events], [o for o, _ in outlets.most_common(20)], langs or ["id"], days,
                  title_words, text_words)


# ---------- the server ----------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, keep_token: bool = False) -> subprocess.Popen[bytes]:
    """`kliping serve` as its own process, read-only (unless `keep_token`); returns once /health answers."""
    import httpx

    env = {k: v for k, v in os.environ.items() if keep_token or k != "KLIPING_TOKEN"}
    proc = subprocess.Popen([str(KLIPING), "serve", "--db", str(db), "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"kliping serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("kliping serve did not answer /health within 60 s")


# ---------- the load ----------

@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds, of every request (errors included)
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    sent: int = 0
    lag: float = 0.0  # the latest a request left after its scheduled time (the client keeping up)


async def drive(base: str, make_url: Callable[[random.Random], str], rate: float, seconds: float,
                timeout: float, seed: int, more: Callable[[], bool] | None = None) -> Result:
    """Send round(rate * seconds) GETs at fixed intervals (open loop) and wait for all of them; with `more`, go on
    past that while it answers True."""
    import httpx

    rng = random.Random(seed)
    res = Result()
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:

        async def one(path: str, due: float) -> None:
            res.lag = max(res.lag, time.perf_counter() - due)
            try:
                r = await client.get(path)
                if r.status_code != 200:
                    res.errors[f"HTTP {r.status_code}"] += 1
            except httpx.HTTPError as e:
                res.errors[type(e).__name__] += 1
            res.latencies.append(time.perf_counter() - due)

        total = round(rate * seconds)
        start = time.perf_counter() + 0.05
        tasks = []
        k = -1
        while (k := k + 1) < total or (more is not None and more()):
            due = start + k / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(make_url(rng), due)))
            res.sent += 1
        await asyncio.gather(*tasks)
    return res


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile, in milliseconds."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k] * 1000


def scenarios(c: Corpus) -> dict[str, Callable[[random.Random], str]]:
    """Endpoint name -> a maker of its request paths (random, from the store's own values)."""
    def pick(rng: random.Random, xs: list[str]) -> str:
        return rng.choice(xs)

    def filtered(rng: random.Random) -> str:
        kind = rng.randrange(6)
        params: dict[str, str | int] = {}
        if kind == 0:
            params["q"] = pick(rng, c.title_words)
        elif kind == 1:
            params["outlet"] = pick(rng, c.outlets)
        elif kind == 2:
            params["language"] = pick(rng, c.languages)
        elif kind == 3:
            params["since"] = pick(rng, c.days)
        elif kind == 4:
            lo, hi = sorted(rng.sample(c.days, 2)) if len(c.days) > 1 else (c.days[0], c.days[0])
            params.update(since=lo, until=hi, outlet=pick(rng, c.outlets))
        else:
            params.update(q=pick(rng, c.title_words), language=pick(rng, c.languages), limit=50)
        if rng.random() < 0.3:
            params["offset"] = rng.choice((20, 40))
        return "/api/events?" + urlencode(params)

    def search(rng: random.Random) -> str:
        words = rng.sample(c.text_words, 2) if rng.random() < 0.3 else [pick(rng, c.text_words)]
        return "/api/search?" + urlencode({"q": " ".join(words), **({"offset": 20} if rng.random() < 0.2 else {})})

    return {
        "/api/events": lambda rng: "/api/events" + rng.choice(("", "?offset=20", "?limit=100")),
        "/api/events?filters": filtered,
        "/api/search?q=": search,
        "/events/{id}": lambda rng: "/events/" + quote(pick(rng, c.events), safe=""),
        "/api/events/{id}": lambda rng: "/api/events/" + quote(pick(rng, c.events), safe=""),
        "/": lambda rng: "/" + rng.choice(("", "?offset=20", f"?q={quote(pick(rng, c.title_words))}")),
    }


def start_writable_server(db: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    """`kliping serve` with a token, so POST /api/articles writes."""
    old = os.environ.get("KLIPING_TOKEN")
    os.environ["KLIPING_TOKEN"] = token
    try:
        return start_server(db, port, keep_token=True)
    finally:
        if old is None:
            os.environ.pop("KLIPING_TOKEN", None)
        else:
            os.environ["KLIPING_TOKEN"] = old


def during_ingest(args: argparse.Namespace, plan: dict[str, Callable[[random.Random], str]]) -> list[object]:
    """Every endpoint, mixed, at the same rate while the server ingests `--ingest` new articles (POSTed at once, on a
    copy of the store: the cached one stays as built); the load lasts until the ingest is done. One table row."""
    import threading

    import httpx
    from kdata import detik_record, detik_rows

    copy = common.tmp_dir() / "during-ingest.db"
    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    rows = list(detik_rows().values())[:args.ingest]
    records = [{**detik_record(r), "id": f"load-{r['id']}"} for r in rows]
    token = os.urandom(8).hex()
    port = free_port()
    server = start_writable_server(copy, port, token)
    base = f"http://127.0.0.1:{port}"
    done = threading.Event()
    took: list[float] = []

    def post() -> None:
        time.sleep(1)
        t0 = time.perf_counter()
        try:
            r = httpx.post(base + "/api/articles", json=records, headers={"Authorization": f"Bearer {token}"},
                           timeout=120)
            job = r.json()["job"]
            while not str(httpx.get(f"{base}/api/jobs/{job}", timeout=10).json()["status"]).startswith(("done",
                                                                                                      "failed")):
                time.sleep(0.5)
            took.append(time.perf_counter() - t0)
        finally:
            done.set()

    def mixed(rng: random.Random) -> str:
        return plan[rng.choice(list(plan))](rng)

    try:
        for make in plan.values():
            httpx.get(base + make(random.Random(0)), timeout=60)
        writer = threading.Thread(target=post, daemon=True)
        writer.start()
        cpu0 = cpu_seconds(server.pid)
        res = asyncio.run(drive(base, mixed, args.rate, 2, args.timeout, 99, more=lambda: not done.is_set()))
        cpu = (cpu_seconds(server.pid) - cpu0) / max(1, res.sent) * 1000
        writer.join()
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    name = f"all, during an ingest of {args.ingest} ({took[0]:.0f} s)" if took else "all, during an ingest (failed)"
    return [name, res.sent, sum(res.errors.values()), percentile(res.latencies, 50), percentile(res.latencies, 95),
            percentile(res.latencies, 99), max(res.latencies) * 1000, cpu, res.lag * 1000]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rate", type=float, default=50.0, help="requests per second (default 50)")
    ap.add_argument("--seconds", type=float, default=20.0, help="seconds of load per endpoint (default 20)")
    ap.add_argument("--db", type=Path, default=CACHE, help=f"the store (built when missing; default {CACHE})")
    ap.add_argument("--rebuild", action="store_true", help="build the store again from the detik rows")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds before a request counts as an error")
    ap.add_argument("--only", help="comma-separated endpoint names to load (default: all)")
    ap.add_argument("--ingest", type=int, default=0, metavar="N",
                    help="then load every endpoint while the server ingests N new detik articles (POSTed, on a copy "
                         "of the store)")
    args = ap.parse_args()
    common.require_shared("load_serve")
    common.require_cli()
    if args.rebuild or not args.db.exists():
        build_store(args.db)
    corpus = read_corpus(args.db)
    print(f"store {args.db}: {len(corpus.events)} events, outlets {corpus.outlets[:3]}..., "
          f"languages {corpus.languages}, {len(corpus.text_words)} search words (e.g. {corpus.text_words[:5]})")
    plan = scenarios(corpus)
    if args.only:
        wanted = [s.strip() for s in args.only.split(",")]
        if bad := [s for s in wanted if s not in plan]:
            ap.error(f"unknown endpoint(s) {bad}; choose from {list(plan)}")
        plan = {k: v for k, v in plan.items() if k in wanted}
    port = free_port()
    server = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    rows, everything, all_errors, cpu_total = [], [], 0, 0.0
    load_before = os.getloadavg()[0]
    try:
        import httpx

        for make in plan.values():  # warm-up: the first read after start fills the server's caches
            httpx.get(base + make(random.Random(0)), timeout=60)
        for seed, (name, make) in enumerate(plan.items()):
            cpu0 = cpu_seconds(server.pid)
            res = asyncio.run(drive(base, make, args.rate, args.seconds, args.timeout, seed))
            cpu = (cpu_seconds(server.pid) - cpu0) / max(1, res.sent) * 1000
            errors = sum(res.errors.values())
            all_errors += errors
            everything += res.latencies
            rows.append([name, res.sent, errors, percentile(res.latencies, 50), percentile(res.latencies, 95),
                         percentile(res.latencies, 99), max(res.latencies) * 1000, cpu, res.lag * 1000])
            cpu_total += cpu * res.sent
            print(f"  {name}: p95 {rows[-1][4]:.1f} ms, errors {dict(res.errors) or 0}", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    rows.append(["overall", len(everything), all_errors, percentile(everything, 50), percentile(everything, 95),
                 percentile(everything, 99), max(everything) * 1000, cpu_total / max(1, len(everything)),
                 max(r[8] for r in rows)])
    p95 = rows[-1][4]
    if args.ingest > 0:
        rows.append(during_ingest(args, plan))
    table(rows, ["endpoint", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "server CPU ms/req",
                 "client lag ms"],
          f"kliping serve, loopback, open loop at {args.rate:g} requests/s for {args.seconds:g} s per endpoint "
          f"({os.cpu_count()} cores; load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after)")
    ok = p95 < TARGET_P95_MS and all_errors == 0
    print(f"\ntarget p95 < {TARGET_P95_MS:g} ms and 0 errors: {'met' if ok else 'NOT met'} "
          f"(overall p95 {p95:.1f} ms, {all_errors} errors)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
