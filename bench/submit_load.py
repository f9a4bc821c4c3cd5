#!/usr/bin/env python3
"""Submit N trivial submissions over HTTP and measure submit -> graded.

Prints throughput and latency percentiles for each concurrency asked for, as one block of
figures a benchmark script can compare. Stdlib only; talks to a running Arbiter
(./arbiter up). Latency is measured by the client: from just before the POST to the answer
that shows GRADED, so it includes the HTTP round trips. By default the client waits for the
grade in the GET itself (?waitSeconds=30), as an LMS plugin or CLI would; --poll-ms N polls
every N ms instead.
"""
import argparse
import concurrent.futures as cf
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid


class Api:
    def __init__(self, base, token):
        self.base = base.rstrip("/")
        self.token = token

    def call(self, method, path, body=None, token=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + (token or self.token))
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raise SystemExit(f"{method} {path} -> {e.code}: {e.read()[:300]!r}")


def setup(api, students):
    run = uuid.uuid4().hex[:8]
    course = api.call("POST", "/api/v1/courses", {"title": f"bench-{run}"})[1]["id"]
    ex = api.call("POST", f"/api/v1/courses/{course}/exercises", {
        "slug": f"sum-{run}", "title": "Sum two numbers", "language": "python3",
        "limits": {"timeSeconds": 5, "memoryMb": 200, "outputKb": 64, "diskMb": 64}})[1]["id"]
    api.call("PUT", f"/api/v1/exercises/{ex}/suite", {"entrypoint": "main.py", "tests": [
        {"name": "adds", "kind": "io", "stdin": "2 3\n", "expectedStdout": "5\n",
         "comparator": "exact", "points": 1, "visibility": "visible"}]})
    tokens = []
    for i in range(students):
        u = api.call("POST", "/api/v1/users", {"name": f"s{i}-{run}", "email": f"s{i}-{run}@bench.test"})[1]
        api.call("PUT", f"/api/v1/courses/{course}/members/{u['id']}", {"role": "STUDENT"})
        tokens.append(u["token"])
    return ex, tokens


PROGRAM = {"main.py": "print(sum(map(int, input().split())))\n"}


def one(api, ex, token, poll_s, timeout_s):
    t0 = time.perf_counter()
    _, sub = api.call("POST", f"/api/v1/exercises/{ex}/submissions", {"files": PROGRAM}, token=token)
    deadline = t0 + timeout_s
    query = "" if poll_s > 0 else "?waitSeconds=30"
    while True:
        _, view = api.call("GET", f"/api/v1/submissions/{sub['id']}{query}", token=token)
        if view["status"] in ("GRADED", "FAILED_INFRA"):
            return time.perf_counter() - t0, view
        if time.perf_counter() > deadline:
            return None, view
        if poll_s > 0:
            time.sleep(poll_s)


def measure(api, ex, tokens, n, concurrency, poll_ms, timeout_s):
    lat, bad = [], []
    lock = threading.Lock()
    t0 = time.perf_counter()

    def task(i):
        secs, view = one(api, ex, tokens[i % len(tokens)], poll_ms / 1000, timeout_s)
        with lock:
            if secs is None or view["status"] != "GRADED" or view.get("score") != view.get("maxScore"):
                bad.append((view.get("id"), view.get("status"), view.get("score")))
            else:
                lat.append(secs)

    with cf.ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(task, range(n)))
    wall = time.perf_counter() - t0
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))] * 1000 if lat else float("nan")
    return {"n": n, "concurrency": concurrency, "graded": len(lat), "bad": len(bad),
            "wall_s": wall, "per_s": len(lat) / wall if wall else 0,
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
            "mean_ms": statistics.mean(lat) * 1000 if lat else float("nan"), "bad_examples": bad[:3]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--token", required=True)
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--concurrency", default="1,4,16")
    ap.add_argument("--students", type=int, default=100)  # the API limits each to 60 submissions a minute
    ap.add_argument("--poll-ms", type=float, default=0, help="poll every N ms instead of waiting in the GET")
    ap.add_argument("--timeout-s", type=float, default=120)
    # A just-started JVM's JIT compilers take half of the API's CPU for the first few hundred
    # submissions and settle after about a thousand (measured per thread from /proc); a long-
    # running server, like the Jobe server behind the figures compared with, is past that.
    ap.add_argument("--warmup", type=int, default=1000)
    a = ap.parse_args()
    api = Api(a.url, a.token)
    ex, tokens = setup(api, a.students)
    measure(api, ex, tokens, a.warmup, 4, a.poll_ms, a.timeout_s)
    results = [measure(api, ex, tokens, a.n, int(c), a.poll_ms, a.timeout_s) for c in a.concurrency.split(",")]
    json.dump(results, sys.stdout)
    print()


if __name__ == "__main__":
    main()
