"""Arbiter's in-sandbox runner (see docs/sandbox-protocol.md).

It is the first process of the sandbox (pid 1 of its pid namespace) and the only writer of the
sandbox's stdout. For each test it forks, and the child execs a fresh interpreter on a small
bootstrap; the runner itself never imports student code. Between tests it kills every other
process in the sandbox and empties /tmp, so nothing of one test survives into the next.

Trusted code that runs beside untrusted code: keep it small, stdlib only, and never let an
exception here turn into a pass.
"""
# Only C modules and light ones: the runner starts once per sandbox, and `json`, `signal` and
# `ctypes` would pull in re, enum and functools, about 12 ms of CPU on every sandbox start
# (python3 -X importtime). `_json`, `_signal` and `_ctypes` are the C halves those wrap.
import _ctypes
import _json
import _signal
import binascii
import os
import resource
import select
import stat
import sys
import time

PYTHON = "/usr/bin/python3"
SRC = "/sandbox/src"
TMP = "/tmp"
MAX_INPUT_LINE = 64 * 1024 * 1024
READ_CHUNK = 65536
PR_SET_DUMPABLE = 4
# Test processes get exactly this environment, never the runner's: a Kubernetes pod's injected
# service variables (KUBERNETES_SERVICE_HOST, …) or anything a runtime adds stay out.
CHILD_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "HOME": "/tmp",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONIOENCODING": "utf-8",
}

# io: run the entrypoint as __main__. -S skips site (faster start), so exit()/quit() are restored.
# What `python main.py` does, by hand: runpy would cost an import chain on every test.
IO_BOOT = r"""
import builtins, sys
builtins.exit = builtins.quit = sys.exit
sys.path.insert(0, %(src)r)
sys.argv = [%(entry)r]
main = type(sys)("__main__")
main.__file__ = %(path)r
main.__builtins__ = builtins
main.__spec__ = main.__package__ = None
sys.modules["__main__"] = main
try:
    with open(%(path)r, "rb") as f:
        code = compile(f.read(), %(path)r, "exec")
    exec(code, main.__dict__)
except MemoryError:
    import posix  # os is not imported here (-S): posix is its built-in half
    try:
        posix.write(3, b'{"memoryError":true}')
    except OSError:
        pass
    posix._exit(1)
"""

# call: the spec arrives on stdin, which is then replaced by /dev/null before student code runs.
# json.loads / json.dumps(allow_nan=False) on their C halves, and posix for os: the json package
# and importlib would add about 10 ms of start-up to every call test (re, enum, functools).
CALL_BOOT = r"""
import builtins, sys
# Bound before student code runs: replacing _json's or posix's functions cannot reach the harness.
from _json import encode_basestring_ascii, make_encoder, make_scanner
from posix import O_RDONLY, _exit, close, dup2, open, write
builtins.exit = builtins.quit = sys.exit

class Syntax:
    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int, parse_constant = float, int, float

def not_json(value):
    raise TypeError("Object of type %%s is not JSON serializable" %% type(value).__name__)

def dumps(value, allow_nan):
    encode = make_encoder({}, not_json, encode_basestring_ascii, None, ": ", ", ", False, False,
                          allow_nan)
    return "".join(encode(value, 0))

spec = make_scanner(Syntax())(sys.stdin.buffer.read().decode("utf-8"), 0)[0]
null = open("/dev/null", O_RDONLY)
dup2(null, 0)
close(null)
sys.path.insert(0, %(src)r)

def report(obj):
    data = dumps(obj, True).encode()
    while data:
        data = data[write(3, data):]

def leave(code):
    # What the function printed before failing is the student's best debugging aid: flush it.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    _exit(code)

try:
    __import__(spec["module"])
    fn = getattr(sys.modules[spec["module"]], spec["function"])
    result = fn(*spec["args"])
except MemoryError:
    report({"ok": False, "error": "MemoryError", "memoryError": True})
    leave(1)
except BaseException as e:
    report({"ok": False, "error": (type(e).__name__ + ": " + str(e))[:1000]})
    leave(1)
try:
    encoded = dumps(result, False)
except (TypeError, ValueError, RecursionError) as e:
    report({"ok": False, "error": "result is not JSON: " + type(result).__name__})
    leave(1)
report({"ok": True, "json": encoded})
leave(0)
"""


class _JsonSyntax:
    """What json.loads gives the C scanner: strict strings, Python ints and floats, NaN allowed."""
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float


_scan_json = _json.make_scanner(_JsonSyntax())
_encode_json = _json.make_encoder(
    None, None, _json.encode_basestring_ascii, None, ": ", ", ", False, False, True)
JSON_SPACE = " \t\n\r"


def json_loads(text):
    """json.loads on the same C scanner. Anything it does not accept whole goes to json.loads
    itself, imported only then, so malformed input gets exactly json's ValueError."""
    if isinstance(text, (bytes, bytearray)):
        text = text.decode("utf-8")
    try:
        value, end = _scan_json(text, len(text) - len(text.lstrip(JSON_SPACE)))
        if not text[end:].strip(JSON_SPACE):
            return value
    except Exception:
        pass
    import json
    return json.loads(text)


def json_dumps(value):
    return "".join(_encode_json(value, 0))


class _CInt(_ctypes._SimpleCData):
    _type_ = "i"


class _LibcFunction(_ctypes.CFuncPtr):
    _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_USE_ERRNO
    _restype_ = _CInt


def harden_self():
    # Without a handler, signals sent from inside the namespace to its pid 1 are dropped by the
    # kernel: the student cannot kill or interrupt the runner. Python installs one for SIGINT.
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)
    # Not dumpable: /proc/1/mem, /proc/1/fd and /proc/1/environ are closed to same-uid processes.
    prctl = _LibcFunction(_ctypes.dlsym(_ctypes.dlopen(None, 0), "prctl"))
    if prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        sys.stderr.write("runner.py: prctl(PR_SET_DUMPABLE) failed\n")
        sys.exit(4)


class Frames:
    def __init__(self, nonce):
        self.nonce = nonce

    def send(self, obj):
        obj["nonce"] = self.nonce
        data = (json_dumps(obj) + "\n").encode()
        while data:
            data = data[os.write(1, data):]


def set_child_limits(hello):
    cpu = max(1, int(hello.get("cpuSeconds", 5)))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    fsize = int(hello.get("fileSizeBytes", 64 << 20))
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    nofile = int(hello.get("openFiles", 64))
    resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))


def spawn(hello, test):
    """Fork + exec the test's interpreter; returns (pid, stdin_w, stdout_r, stderr_r, status_r)."""
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    st_r, st_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(in_r, 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            os.dup2(st_w, 3)
            os.closerange(4, 1 << 16)
            os.chdir(SRC)
            set_child_limits(hello)
            python = hello.get("python") or PYTHON
            if test["kind"] == "call":
                boot = CALL_BOOT % {"src": SRC}
            else:
                boot = IO_BOOT % {"src": SRC, "entry": hello["entrypoint"],
                                  "path": os.path.join(SRC, hello["entrypoint"])}
            os.execve(python, [python, "-I", "-S", "-c", boot], CHILD_ENV)
        finally:
            os._exit(127)
    for fd in (in_r, out_w, err_w, st_w):
        os.close(fd)
    return pid, in_w, out_r, err_r, st_r


def kill_all_others():
    """SIGKILL every other process of the sandbox and reap them all (we are pid 1: orphans are ours)."""
    while True:
        try:
            os.kill(-1, _signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            while True:
                pid, _ = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    time.sleep(0.001)
                    break
        except ChildProcessError:
            return


def empty_tmp():
    """Removes everything in /tmp. Every process of the test is dead by now, so nothing moves
    under us. Iterative (a tree deeper than Python's recursion limit cannot crash the runner),
    relative to the working directory (no PATH_MAX), never follows a symlink (lstat, then unlink),
    and takes back a mode the student removed (same uid: we own everything here)."""
    try:
        os.chdir(TMP)
        stack = [(os.listdir("."), None)]
    except OSError:
        return
    while stack:
        names, here = stack[-1]
        if not names:
            stack.pop()
            if stack:
                os.chdir("..")
                try:
                    os.rmdir(here)
                except OSError:
                    pass
            continue
        name = names.pop()
        try:
            if not stat.S_ISDIR(os.lstat(name).st_mode):
                os.unlink(name)
                continue
            try:
                os.rmdir(name)
                continue
            except OSError:
                pass
            os.chmod(name, 0o700)
            os.chdir(name)
        except OSError:
            continue
        try:
            children = os.listdir(".")
        except OSError:
            children = []
        stack.append((children, name))


def run_test(hello, test):
    cap = int(hello.get("outputBytes", 65536))
    timeout = int(hello.get("timeoutMs", 5000)) / 1000.0
    if test["kind"] == "call":
        stdin_data = json_dumps({"module": test["module"], "function": test["function"],
                                 "args": test.get("args") or []}).encode()
    else:
        stdin_data = (test.get("stdin") or "").encode()

    start = time.monotonic()
    pid, in_w, out_r, err_r, st_r = spawn(hello, test)
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    os.set_blocking(in_w, False)
    bufs = {out_r: bytearray(), err_r: bytearray(), st_r: bytearray()}
    truncated = {out_r: False, err_r: False, st_r: False}
    # The result report wraps the JSON text of the return value once more: quotes and backslashes
    # are escaped again, so allow twice the output cap plus the envelope on the result pipe.
    status_cap = 2 * cap + 4096
    open_fds = {out_r, err_r, st_r}
    pending = memoryview(stdin_data)
    if not pending:
        os.close(in_w)
        in_w = None
    exited, status, rusage = False, 0, None
    timed_out = output_exceeded = False

    while True:
        if not exited:
            done, st, ru = os.wait4(pid, os.WNOHANG)
            if done:
                exited, status, rusage = True, st, ru
        if exited and not open_fds:
            break
        remaining = timeout - (time.monotonic() - start)
        if remaining <= 0 and not exited:
            timed_out = True
            break
        if exited:
            # The test's process is gone; anything still holding its pipes is a leftover: end them.
            kill_all_others()
            remaining = 0.05
        rlist = list(open_fds) + ([pidfd] if pidfd is not None and not exited else [])
        wlist = [in_w] if in_w is not None else []
        try:
            r, w, _ = select.select(rlist, wlist, [], max(0.0, min(remaining, 0.5)) if pidfd is not None else 0.005)
        except InterruptedError:
            continue
        if w:
            try:
                n = os.write(in_w, pending[:READ_CHUNK])
                pending = pending[n:]
            except (BrokenPipeError, OSError):
                pending = pending[:0]
            if not pending:
                os.close(in_w)
                in_w = None
        for fd in r:
            if fd == pidfd:
                continue
            try:
                chunk = os.read(fd, READ_CHUNK)
            except OSError:
                chunk = b""
            if not chunk:
                open_fds.discard(fd)
                os.close(fd)
                continue
            buf = bufs[fd]
            room = (status_cap if fd == st_r else cap) - len(buf)
            if len(chunk) > room:
                buf += chunk[:max(0, room)]
                truncated[fd] = True
                output_exceeded = True
            else:
                buf += chunk
        if output_exceeded:
            break

    wall_ms = int((time.monotonic() - start) * 1000)
    killed_by_us = timed_out or output_exceeded
    if not exited:
        kill_all_others()
        try:
            _, status, rusage = os.wait4(pid, 0)
        except ChildProcessError:
            status, rusage = 9, None
    kill_all_others()
    for fd in list(open_fds) + ([in_w] if in_w is not None else []) + ([pidfd] if pidfd is not None else []):
        try:
            os.close(fd)
        except OSError:
            pass
    empty_tmp()

    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    cpu_limit = int(hello.get("cpuSeconds", 5))
    cpu_used = (rusage.ru_utime + rusage.ru_stime) if rusage else 0.0
    # RLIMIT_CPU sends SIGXCPU at the soft limit and SIGKILL at the hard one. The student can send
    # itself either signal too, so a real CPU limit must have used a good part of the budget. Only
    # half: rusage lags the kernel's RLIMIT_CPU clock (measured 0.87-0.93 s at a 1 s limit on a
    # loaded VM), and a true limit must never be reported as the student's own crash.
    cpu_exceeded = (not killed_by_us and sig in (_signal.SIGXCPU, _signal.SIGKILL)
                    and cpu_used >= 0.5 * cpu_limit)

    status_doc = {}
    raw_status = bytes(bufs[st_r])
    if raw_status:
        try:
            status_doc = json_loads(raw_status.decode("utf-8"))
            if not isinstance(status_doc, dict):
                status_doc = {"ok": False, "error": "malformed result"}
        except (ValueError, UnicodeDecodeError, RecursionError):
            status_doc = {"ok": False, "error": "malformed result"}
    call = None
    result_truncated = truncated[st_r]
    if test["kind"] == "call":
        if (status_doc.get("ok") is True and isinstance(status_doc.get("json"), str)
                and len(status_doc["json"]) > cap):
            result_truncated = True
        if result_truncated:
            call = {"ok": False, "error": "result larger than the output limit"}
        elif status_doc.get("ok") is True and isinstance(status_doc.get("json"), str):
            call = {"ok": True, "json": status_doc["json"]}
        else:
            err = status_doc.get("error")
            # The student can write anything to the result pipe: keep the frame small.
            call = {"ok": False, "error": err[:1000] if isinstance(err, str) else "no result"}
    return {
        "type": "result",
        "index": test["index"],
        "exit": code,
        "signal": sig,
        "timedOut": timed_out,
        "cpuExceeded": cpu_exceeded,
        "stdoutTruncated": truncated[out_r],
        "stderrTruncated": truncated[err_r],
        "resultTruncated": result_truncated,
        "memoryError": status_doc.get("memoryError") is True,
        "stdout": binascii.b2a_base64(bytes(bufs[out_r]), newline=False).decode(),
        "stderr": binascii.b2a_base64(bytes(bufs[err_r]), newline=False).decode(),
        "wallMs": wall_ms,
        "call": call,
    }


def interactive():
    # Says the sandbox is up before any job is known, so a sandbox started ahead of its job is
    # only handed one once it can answer at once. No nonce yet: nothing but this runner has run.
    os.write(1, b'{"type":"up"}\n')
    stdin = sys.stdin.buffer
    hello = json_loads(stdin.readline(MAX_INPUT_LINE))
    if hello.get("type") != "hello":
        sys.exit(2)
    frames = Frames(hello["nonce"])
    frames.send({"type": "ready"})
    while True:
        line = stdin.readline(MAX_INPUT_LINE)
        if not line:
            return
        msg = json_loads(line)
        if msg.get("type") == "end":
            return
        if msg.get("type") == "test":
            frames.send(run_test(hello, msg))


def batch(path):
    with open(path, "rb") as f:
        doc = json_loads(f.read())
    hello = doc["hello"]
    frames = Frames(hello["nonce"])
    frames.send({"type": "ready"})
    for test in doc["tests"]:
        frames.send(run_test(hello, test))


def main():
    # kill(-1) from anything but a pid namespace's init would signal every process the caller may
    # signal on the host. Refuse to run anywhere but as the sandbox's first process.
    if os.getpid() != 1:
        sys.stderr.write("runner.py must be the first process of its own pid namespace\n")
        sys.exit(3)
    harden_self()
    if len(sys.argv) == 3 and sys.argv[1] == "--batch":
        batch(sys.argv[2])
    else:
        interactive()
    # Frames went out with os.write: nothing is buffered. Skipping interpreter finalization ends
    # the sandbox sooner, which the worker waits for.
    os._exit(0)


if __name__ == "__main__":
    main()
