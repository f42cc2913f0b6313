"""Benchmark: throughput of the key pages next to a trivial view, served the way production serves them, in one run.

Usage (make bench, after `python -m bench.data`): DATABASE_URL names the benchmark database (PostgreSQL; without it
the SQLite file under VAR_DIR). Counts the SQL queries per page in a process of its own (bench/paginas.py), then
serves the portal with gunicorn (2 sync workers, DEBUG=0, CONN_MAX_AGE=60 as docker-compose.yml) twice: warm (the
portal's own cache, each page requested a few times first) and cold (a cache that keeps nothing:
bench/settings_koud.py). Each run measures every page in interleaved rounds — one slot per page per round, the
trivial views included — with wrk (`-t2 -c8`) when installed, else a Python loop of 8 keep-alive clients.
Reports req/s, p50 and p99, the throughput ratio to /healthz in the same round (median over the rounds) and the
queries per page; then measures the heavy work in a process of its own (bench/zwaar.py: review packet and agenda
PDFs, the municipality import and its peak memory); writes var/bench/results.md, results.json, chart.svg and
chart.png (Chromium, when present). Timings vary between machines and with other load on the machine: read the
ratios.

While iterating: BENCH_ROUNDS=1 BENCH_SECONDS=2, BENCH_PAGES=<regular expression> measures only the pages whose
name or path it finds (the trivial views always), BENCH_ZWAAR=0 leaves out the heavy work.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.rapport import write_outputs  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
OUT = Path(os.environ.get("BENCH_OUT", "var/bench"))
PAGES = os.environ.get("BENCH_PAGES", "")
ZWAAR = os.environ.get("BENCH_ZWAAR", "1") != "0"
WRK = shutil.which("wrk")
PYTHON = sys.executable


BENCH_REDIS = "redis://127.0.0.1:6379/15"  # the benchmark's own Redis database, emptied before every run


def _redis_answers(url):
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


def environment():
    """Production settings as docker-compose.yml has them: DEBUG off, persistent connections, and, when a Redis
    answers on 127.0.0.1:6379 (or REDIS_URL names one), Redis as the cache and the broker with the sessions'
    cache in front of their rows (SESSION_CACHED_DB=1). Without Redis: the local-memory cache of each worker. The
    broker stays `memory://` (bench/settings_bench.py): the ratio base /healthz must stay a trivial view."""
    hosts = "127.0.0.1,testserver"
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-" + "x" * 50),
        ALLOWED_HOSTS=hosts,
        SECURE_SSL_REDIRECT="0",
        CONN_MAX_AGE=os.environ.get("CONN_MAX_AGE", "60"),
        DJANGO_SETTINGS_MODULE="bench.settings_bench",
    )
    if "REDIS_URL" not in os.environ and _redis_answers(BENCH_REDIS):
        import redis

        # Empty: the data were written with COPY, which replaces no generation, and a run before may have
        # cached pages of data since rebuilt.
        redis.Redis.from_url(BENCH_REDIS).flushdb()
        env.update(REDIS_URL=BENCH_REDIS, SESSION_CACHED_DB="1")
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers on a free port, as production runs the portal (Dockerfile)."""

    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "regioportaal.wsgi", "-w", "2", "-b", f"127.0.0.1:{self.port}"]
            + ["--log-level", "warning"],
            env=env,
            start_new_session=True,
        )
        for _ in range(150):  # until the workers answer (the port opens before they have loaded Django)
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/livez")
                if conn.getresponse().status == 200:
                    for _ in range(10):  # let the other worker boot too
                        conn.request("GET", "/livez")
                        conn.getresponse().read()
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait()


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def hammer_wrk(port, path, cookie):
    command = [
        WRK,
        "-t2",
        f"-c{CLIENTS}",
        f"-d{SECONDS:g}s",
        "--timeout",
        "30s",
        "--latency",
        f"http://127.0.0.1:{port}{path}",
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def hammer_python(port, path, cookie):
    latencies, errors = [], []
    deadline = time.perf_counter() + SECONDS

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            resp = conn.getresponse()
            resp.read()
            latencies.append(time.perf_counter() - start)
            if resp.status != 200:
                errors.append(resp.status)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {
        "rps": len(latencies) / SECONDS,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000,
        "errors": len(errors),
    }


hammer = hammer_wrk if WRK else hammer_python


def warm_up(port, pages, cookies):
    for page in pages:
        for _ in range(3):
            conn = http.client.HTTPConnection("127.0.0.1", port)
            cookie = cookies.get(page["who"], "")
            conn.request("GET", page["path"], headers={"Cookie": cookie} if cookie else {})
            conn.getresponse().read()
            conn.close()


def run(mode, env, pages, cookies):
    """Interleaved rounds; per page the samples of every round and the ratio to /healthz of the same round."""
    server = Server(env)
    try:
        if mode == "warm":
            warm_up(server.port, pages, cookies)
        samples = {p["name"]: [] for p in pages}
        for n in range(ROUNDS):
            print(f"  {mode}: round {n + 1} of {ROUNDS}", flush=True)
            for page in pages:
                cookie = cookies.get(page["who"], "")
                samples[page["name"]].append(
                    hammer(server.port, page["path"], f"sessionid={cookie}" if cookie else "")
                )
    finally:
        server.stop()
    base = samples[pages[0]["name"]]
    result = {}
    for page in pages:
        rounds = samples[page["name"]]
        result[page["name"]] = {
            "rps": statistics.mean(r["rps"] for r in rounds),
            "p50": statistics.median(r["p50"] for r in rounds),
            "p99": max(r["p99"] for r in rounds),
            "ratio": statistics.median(
                r["rps"] / max(b["rps"], 1e-9) for r, b in zip(rounds, base, strict=True)
            ),
            "errors": sum(r["errors"] for r in rounds),
        }
    return result


def main():
    env = environment()
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], check=True, env=env)
    found = subprocess.run(
        [PYTHON, "-m", "bench.paginas"], check=True, env=env, capture_output=True, text=True
    ).stdout
    found = json.loads(found.strip().splitlines()[-1])
    pages, cookies = found["pages"], found["cookies"]
    if PAGES:
        pages = [p for p in pages if p["trivial"] or re.search(PAGES, f"{p['name']} {p['path']}")]
    for page in pages:
        if page["status"] != 200:
            print(f"warning: {page['path']} answers {page['status']} to the test client", file=sys.stderr)
    print(
        f"Load: {'wrk -t2 -c' + str(CLIENTS) if WRK else f'Python loop, {CLIENTS} keep-alive clients'}, "
        f"{ROUNDS} rounds of {SECONDS:g} s per page per run."
    )
    results = {"warm": run("warm", env, pages, cookies)}
    results["cold"] = run("cold", dict(env, DJANGO_SETTINGS_MODULE="bench.settings_koud"), pages, cookies)
    zwaar = None
    if ZWAAR:
        print("  heavy work (bench/zwaar.py)", flush=True)
        uit = subprocess.run(
            [PYTHON, "-m", "bench.zwaar"], check=True, env=env, capture_output=True, text=True
        ).stdout
        zwaar = json.loads(uit.strip().splitlines()[-1])
    meta = {
        "database": env.get("DATABASE_URL", "sqlite").split("@")[-1],
        "cache": "Redis, sessions cached_db" if env.get("REDIS_URL") else "local memory per worker",
        "load": f"wrk -t2 -c{CLIENTS}" if WRK else f"python loop, {CLIENTS} clients",
        "rounds": ROUNDS,
        "seconds": SECONDS,
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    table = write_outputs(OUT, pages, results, meta, zwaar)
    print()
    print(table)
    if zwaar:
        from bench.zwaar import markdown

        print()
        print(markdown(zwaar))
    print(
        f"Written: {OUT}/results.md, results.json, chart.svg"
        + (", chart.png" if (OUT / "chart.png").exists() else "")
    )


if __name__ == "__main__":
    main()
