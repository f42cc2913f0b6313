"""Benchmark: latency of the key pages next to a trivial Django view, served the same way (gunicorn), in one run.

Usage (make bench): builds the data set, starts gunicorn with 2 workers on a free port, and for each URL runs a
closed loop of concurrent clients for a few seconds. Reports requests/s, median and p95 latency, and the ratio of each
page's median latency to the trivial view's. Timings vary between machines: read the ratios.
"""

import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def login_cookie(port, email, password):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/inloggen/")
    resp = conn.getresponse()
    body = resp.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", resp.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    data = urllib.parse.urlencode({"username": email, "password": password, "csrfmiddlewaretoken": token})
    conn.request(
        "POST",
        "/inloggen/",
        body=data,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}"},
    )
    resp = conn.getresponse()
    resp.read()
    session = re.search(r"sessionid=([^;]+)", resp.getheader("Set-Cookie", "")).group(1)
    return f"sessionid={session}; csrftoken={csrf_cookie}"


def hammer(port, path, cookie=""):
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
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": len(errors),
    }


def main():
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-" + "x" * 50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
    )
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], check=True, env=env)
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "regioportaal.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        setup = (
            "from besturen.models import Orgaan, Regio, Stuk;"
            "r=Regio.objects.get(slug='bench-050');o=Orgaan.objects.filter(regio=r).first();"
            "d=Orgaan.objects.get(afkorting='DBO', regio__slug='denderregio');"
            "print(r.slug, o.pk, d.pk, Stuk.objects.filter(orgaan=d).first().pk)"
        )
        out = (
            subprocess.run(
                [python, "manage.py", "shell", "-v", "0", "-c", setup],
                check=True,
                env=env,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
            .split()
        )
        slug, orgaan, dbo, stuk = out
        cookie = login_cookie(port, "secretariaat.denderregio@regioportaal.example", "regioportaal-demo")
        pages = [
            ("trivial view (/livez)", "/livez", ""),
            ("home (100+ regions)", "/", ""),
            ("region page (60 members)", f"/regio/{slug}/", ""),
            ("body page (60 seats, 30 items)", f"/orgaan/{orgaan}/", ""),
            ("body page, secretariat", f"/orgaan/{dbo}/", cookie),
            ("member management, secretariat", f"/orgaan/{dbo}/leden/", cookie),
            ("region management, secretariat", "/regio/denderregio/beheer/", cookie),
            ("item, secretariat", f"/stuk/{stuk}/", cookie),
        ]
        results = [(name, hammer(port, path, c)) for name, path, c in pages]
        pdf = (
            "import time;from programmas.models import Versie;from programmas.pdf import render_reviewpakket;"
            "v=Versie.objects.filter(jaarprogramma__regio__slug='groene-metropoolregio', raadsbesluiten__isnull=False)"
            ".order_by('-nummer').first();b=v.raadsbesluiten.first().bestuur;"
            "render_reviewpakket(v, b);t=time.perf_counter();data=render_reviewpakket(v, b);"
            "print(round((time.perf_counter()-t)*1000), len(data))"
        )
        pdf_out = subprocess.run(
            [python, "manage.py", "shell", "-v", "0", "-c", pdf], env=env, capture_output=True, text=True
        )
        base = results[0][1]["p50"]
        print(f"\n{'page':40} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio p50':>10} {'errors':>7}")
        for name, r in results:
            print(
                f"{name:40} {r['rps']:8.0f} {r['p50']:8.1f} {r['p95']:8.1f} {r['p50'] / base:10.1f} {r['errors']:7}"
            )
        if pdf_out.returncode == 0:
            ms, size = pdf_out.stdout.strip().splitlines()[-1].split()
            print(f"\nreview packet PDF (one council of 18): rendered in {ms} ms, {int(size) // 1024} KB")
        else:
            print(
                "\nreview packet PDF: not measured (no routed programme in this data set)",
                pdf_out.stderr[-300:],
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


if __name__ == "__main__":
    main()
