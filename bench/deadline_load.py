#!/usr/bin/env python3
"""Deadline burst: N submissions from S simulated students within W seconds, then wait for all.

Stdlib only; talks to a running Arbiter (bench/deadline starts one). Each student's submissions
arrive at random moments of the window, like the last minute before a deadline. A client retries
a POST with the same Idempotency-Key after 503/429 (waiting what Retry-After says) or a refused
connection, so every submission is eventually accepted once.

Latencies use the server's own timestamps (receivedAt -> gradedAt of each submission), so the
poller can be slow (it is, on purpose: polling competes with the sandboxes for the same cores).
The queue depth is the number of accepted submissions not yet graded, reconstructed exactly from
those timestamps; when the api-service exports arbiter_submissions_queued at /q/metrics, its
peak is printed too.

Prints one JSON object on stdout; progress on stderr.
"""
import argparse
import concurrent.futures as cf
import datetime as dt
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

PROGRAM = {"main.py": "print(sum(map(int, input().split())))\n"}


def log(msg):
    print(f"[deadline] {msg}", file=sys.stderr, flush=True)


class Api:
    def __init__(self, base, token):
        self.base = base.rstrip("/")
        self.token = token

    def call(self, method, path, body=None, token=None, headers=None, timeout=30):
        """Returns (status, json-or-None, headers); raises OSError when nothing answered."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if token is not False:
            req.add_header("Authorization", "Bearer " + (token or self.token))
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                raw = r.read()
                return r.status, (json.loads(raw) if raw else None), r.headers
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = None
            return e.code, parsed, e.headers

    def expect(self, status, method, path, body=None, token=None):
        got, parsed, _ = self.call(method, path, body, token)
        if got != status:
            raise SystemExit(f"{method} {path} -> {got} (expected {status}): {parsed}")
        return parsed


def setup(api, students):
    run = uuid.uuid4().hex[:8]
    course = api.expect(201, "POST", "/api/v1/courses", {"title": f"deadline-{run}"})["id"]
    # The same program, test and limits as bench/launcher's runs, so the ratio compares like with like.
    ex = api.expect(201, "POST", f"/api/v1/courses/{course}/exercises", {
        "slug": f"deadline-{run}", "title": "Sum two numbers", "language": "python3",
        "limits": {"timeSeconds": 5, "memoryMb": 200, "outputKb": 64, "diskMb": 64}})["id"]
    api.expect(201, "PUT", f"/api/v1/exercises/{ex}/suite", {"entrypoint": "main.py", "tests": [
        {"name": "adds", "kind": "io", "stdin": "2 5\n", "expectedStdout": "7\n",
         "comparator": "exact", "points": 1, "visibility": "visible"}]})

    def student(i):
        u = api.expect(201, "POST", "/api/v1/users", {"name": f"s{i}-{run}", "email": f"s{i}-{run}@bench.test"})
        api.expect(200, "PUT", f"/api/v1/courses/{course}/members/{u['id']}", {"role": "STUDENT"})
        return u["token"]

    with cf.ThreadPoolExecutor(8) as pool:
        tokens = list(pool.map(student, range(students)))
    return ex, tokens


def parse_time(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.c = {"accepted": 0, "http_503": 0, "http_429": 0, "no_answer": 0, "refused": 0}
        self.refused = []

    def add(self, key, n=1):
        with self.lock:
            self.c[key] += n


def submit(api, ex, token, counters, give_up_s):
    key = str(uuid.uuid4())
    deadline = time.monotonic() + give_up_s
    while time.monotonic() < deadline:
        try:
            status, body, headers = api.call("POST", f"/api/v1/exercises/{ex}/submissions",
                                             {"files": PROGRAM}, token=token,
                                             headers={"Idempotency-Key": key})
        except OSError:
            counters.add("no_answer")
            time.sleep(0.25)
            continue
        if status == 202:
            counters.add("accepted")
            return body["id"]
        if status in (503, 429):
            counters.add(f"http_{status}")
            ra = headers.get("Retry-After", "1")
            time.sleep(min(5.0, float(ra) if ra.isdigit() else 1.0))
            continue
        counters.add("refused")
        with counters.lock:
            counters.refused.append((status, body))
        return None
    counters.add("refused")
    return None


def metric(api, name):
    """Sum of a metric's samples at /q/metrics, or None when absent or unreachable."""
    try:
        req = urllib.request.Request(api.base + "/q/metrics", headers={"Accept": "text/plain"})
        with urllib.request.urlopen(req, timeout=5) as r:
            text = r.read().decode()
    except (OSError, ValueError):
        return None
    total, seen = 0.0, False
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        head, _, value = line.rpartition(" ")
        if head.split("{", 1)[0] == name:
            total += float(value)
            seen = True
    return total if seen else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--token", required=True)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--students", type=int, default=200)
    ap.add_argument("--window-s", type=float, default=60)
    ap.add_argument("--clients", type=int, default=64, help="concurrent HTTP clients submitting")
    ap.add_argument("--poll-per-s", type=float, default=40, help="status reads per second while draining")
    ap.add_argument("--timeout-s", type=float, default=900)
    ap.add_argument("--seed", type=int, default=8)
    a = ap.parse_args()
    api = Api(a.url, a.token)
    rnd = random.Random(a.seed)

    log(f"setting up 1 exercise and {a.students} students")
    ex, tokens = setup(api, a.students)
    # Student i submits every len(tokens)-th submission; arrival moments uniform over the window.
    plan = sorted((rnd.uniform(0, a.window_s), tokens[i % len(tokens)]) for i in range(a.n))

    counters = Counters()
    ids = []
    ids_lock = threading.Lock()
    stop_sampling = threading.Event()
    queued_peak = [None]

    def sampler():
        while not stop_sampling.is_set():
            q = metric(api, "arbiter_submissions_queued")
            if q is not None:
                queued_peak[0] = q if queued_peak[0] is None else max(queued_peak[0], q)
            stop_sampling.wait(0.5)

    threading.Thread(target=sampler, daemon=True).start()
    log(f"submitting {a.n} within {a.window_s:.0f} s")
    t0 = time.monotonic()

    def one(item):
        at, token = item
        delay = t0 + at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sid = submit(api, ex, token, counters, a.timeout_s)
        if sid:
            with ids_lock:
                ids.append((sid, token))

    with cf.ThreadPoolExecutor(a.clients) as pool:
        list(pool.map(one, plan))
    submit_s = time.monotonic() - t0
    log(f"all POSTs answered after {submit_s:.1f} s: {counters.c}")

    # Drain: read each unfinished submission in turn, at most poll-per-s reads a second.
    final = {}
    pending = list(ids)
    deadline = time.monotonic() + a.timeout_s
    gap = 1.0 / a.poll_per_s
    last_log = 0
    while pending and time.monotonic() < deadline:
        still = []
        for sid, token in pending:
            try:
                status, view, _ = api.call("GET", f"/api/v1/submissions/{sid}", token=token)
            except OSError:
                status, view = 0, None
            if status == 200 and view["status"] in ("GRADED", "FAILED_INFRA"):
                final[sid] = view
            else:
                still.append((sid, token))
            time.sleep(gap)
        pending = still
        if time.monotonic() - last_log > 10:
            log(f"{len(final)}/{len(ids)} final")
            last_log = time.monotonic()
    stop_sampling.set()

    graded = [v for v in final.values() if v["status"] == "GRADED" and v.get("score") == v.get("maxScore")]
    sandbox_errors = sum(1 for v in final.values() for t in v.get("tests", []) if t.get("status") == "SANDBOX_ERROR")
    received = sorted(parse_time(v["receivedAt"]) for v in final.values())
    done = sorted(parse_time(v["gradedAt"]) for v in final.values() if v.get("gradedAt"))
    lat = sorted(parse_time(v["gradedAt"]) - parse_time(v["receivedAt"]) for v in graded)
    pct = lambda p: lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))] if lat else float("nan")

    # Backlog (accepted, not yet graded) after every arrival and completion; its maximum.
    events = [(t, 1) for t in received] + [(t, -1) for t in done]
    depth = peak = 0
    for _, d in sorted(events, key=lambda e: (e[0], -e[1])):
        depth += d
        peak = max(peak, depth)

    drain_s = (done[-1] - received[0]) if received and done else float("nan")
    result = {
        "n": a.n, "students": a.students, "window_s": a.window_s,
        "submit_phase_s": submit_s,
        "accepted": len(ids), "final": len(final), "graded_full_marks": len(graded),
        "lost": len(ids) - len(graded) + counters.c["refused"],
        "sandbox_errors": sandbox_errors,
        "failed_infra": sum(1 for v in final.values() if v["status"] == "FAILED_INFRA"),
        "http": counters.c,
        "refused_examples": counters.refused[:3],
        "drain_s": drain_s,
        "throughput_per_s": len(graded) / drain_s if drain_s == drain_s and drain_s > 0 else float("nan"),
        "p50_s": pct(50), "p95_s": pct(95), "p99_s": pct(99),
        "peak_backlog": peak,
        "peak_queued_metric": queued_peak[0],
    }
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
