#!/usr/bin/python3
"""Arbiter's in-sandbox runner: pid 1 of the sandbox, protocol in docs/sandbox-protocol.md.

Trusted code, Python 3.11 standard library only. It never imports student code itself: each
test runs in a fresh interpreter that it forks and execs, and between tests it kills every other
process of the sandbox and empties /tmp.

Usage: runner.py            frames on stdin, result frames on stdout (OCI launcher)
       runner.py --batch F  {"hello": {...}, "tests": [...]} from file F (Kubernetes launcher)
"""

import base64
import ctypes
import errno
import json
import os
import resource
import selectors
import shutil
import signal
import stat
import sys
import time

PR_SET_DUMPABLE = 4
DEFAULT_PYTHON = "/usr/bin/python3"
TMP = "/tmp"

# Interpreter flags of every test process. -I: ignore PYTHON* variables and the user site, and do
# not put the script's directory first on sys.path (the bootstrap adds the read-only source dir
# itself). -S: skip site (and site-packages), about a third of start-up time; the bootstrap puts
# back exit()/quit(), the only site builtins a student program is likely to use. -B: never write
# bytecode. -X utf8: UTF-8 stdio whatever the locale.
PYTHON_FLAGS = ["-I", "-S", "-B", "-X", "utf8"]

# Shared prologue of both bootstraps: argv[1] = source dir, argv[2] = this test's result nonce.
# The result pipe (fd 3) is written only after the student's code has returned, so what it sees
# there is its own verdict at best; it cannot reach any other test's pipe.
_PROLOGUE = r"""
import builtins, os, sys, _sitebuiltins
builtins.exit = _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)")
builtins.quit = _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)")
_workdir, _nonce = sys.argv[1], sys.argv[2]
sys.path.insert(0, _workdir)
def _send(frame, _w=os.write, _d=__import__("json").dumps):
    frame["nonce"] = _nonce
    data = (_d(frame) + "\n").encode()
    while data:
        data = data[_w(3, data):]
_MEMORY_ERROR = {"memoryError": True}
"""

# io: run the entrypoint as __main__ with the test's stdin. Anything but MemoryError propagates,
# so the interpreter prints the traceback and the exit status is the student's.
IO_BOOTSTRAP = _PROLOGUE + r"""
_path = os.path.join(_workdir, sys.argv[3])
sys.argv = [_path]
import types
_main = types.ModuleType("__main__")
_main.__file__ = _path
_main.__builtins__ = builtins
sys.modules["__main__"] = _main
with open(_path, "rb") as _f:
    _code = compile(_f.read(), _path, "exec")
del _f
try:
    exec(_code, _main.__dict__)
except MemoryError:
    try:
        _send(_MEMORY_ERROR)
    finally:
        os._exit(1)
"""

# call: the request (module, function, args) arrives on stdin and stdin is then /dev/null, so the
# student's code reads nothing of it. The module is imported fresh (new process per test).
CALL_BOOTSTRAP = _PROLOGUE + r"""
import json
_req = json.loads(sys.stdin.buffer.read())
_fd = os.open("/dev/null", os.O_RDONLY)
os.dup2(_fd, 0)
os.close(_fd)
def _flush():
    for s in (sys.stdout, sys.stderr):
        try:
            s.flush()
        except BaseException:
            pass
try:
    import importlib
    _fn = getattr(importlib.import_module(_req["module"]), _req["function"])
    _result = _fn(*_req["args"])
except MemoryError:
    try:
        _send(_MEMORY_ERROR)
    finally:
        os._exit(1)
except BaseException as _e:
    import traceback
    try:
        traceback.print_exc()
    except BaseException:
        pass
    _flush()
    try:
        _send({"ok": False, "error": (type(_e).__name__ + ": " + str(_e))[:2000]})
    except BaseException:
        pass
    os._exit(1)
try:
    _text = json.dumps(_result, allow_nan=False)
except MemoryError:
    _send(_MEMORY_ERROR)
    os._exit(1)
except BaseException as _e:
    _flush()
    _send({"ok": False, "error": ("result is not JSON: " + type(_e).__name__ + ": " + str(_e))[:2000]})
    os._exit(1)
_flush()
_send({"ok": True, "json": _text})
os._exit(0)
"""

# Cap on what the runner accepts on a test's result pipe: a result larger than this is reported
# as an error rather than held in memory.
def result_cap(output_bytes):
    return 4 * output_bytes + (1 << 20)


def write_frame(frame):
    data = (json.dumps(frame, separators=(",", ":")) + "\n").encode()
    while data:
        data = data[os.write(1, data):]


def die(message):
    sys.stderr.write("runner: " + message + "\n")
    sys.stderr.flush()
    os._exit(2)


def make_undumpable():
    # Same uid as the student, so without this /proc/1/mem, /proc/1/fd/* (our stdin/stdout, the
    # worker's channel) and /proc/1/environ would be open to the student's processes.
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        die("prctl(PR_SET_DUMPABLE, 0) failed: errno %d" % ctypes.get_errno())


def kill_everyone_else(session=None):
    """SIGKILL every process but ourselves (pid 1), then reap them all.

    Outside a pid namespace (a developer running the runner by hand) kill(-1) would hit every
    process of the user, so there only the test's session is killed.
    """
    if os.getpid() != 1:
        if session is not None:
            try:
                os.killpg(session, signal.SIGKILL)
            except OSError:
                pass
        reap(block=False)
        return
    # Repeat until nothing is left to signal: a process forking while kill(-1) walks the task list
    # could otherwise leave a child behind.
    for _ in range(1000):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            break
        except PermissionError:
            break
        reap(block=True)
    reap(block=False)


def reap(block):
    while True:
        try:
            pid, _ = os.waitpid(-1, 0 if block else os.WNOHANG)
        except ChildProcessError:
            return
        except InterruptedError:
            continue
        if pid == 0:
            return


def empty_dir(path):
    """Removes everything under path without following symlinks; True when it is empty."""
    try:
        entries = list(os.scandir(path))
    except OSError:
        return False
    for entry in entries:
        full = os.path.join(path, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                _rmtree(full)
            else:
                os.unlink(full)
        except OSError:
            pass
    try:
        return not os.listdir(path)
    except OSError:
        return False


def _rmtree(path):
    def fix(func, p, exc):
        # A student may have removed write or search permission from its own directories.
        try:
            os.chmod(p, stat.S_IRWXU)
            parent = os.path.dirname(p)
            os.chmod(parent, stat.S_IRWXU)
        except OSError:
            pass
    shutil.rmtree(path, onerror=fix)
    if os.path.lexists(path):
        shutil.rmtree(path, ignore_errors=True)


class Hello:
    def __init__(self, frame):
        try:
            self.nonce = str(frame["nonce"])
            self.entrypoint = str(frame["entrypoint"])
            self.workdir = str(frame.get("workdir", "/sandbox/src"))
            self.timeout = int(frame["timeoutMs"]) / 1000.0
            self.cpu_seconds = max(1, int(frame["cpuSeconds"]))
            self.output_bytes = int(frame["outputBytes"])
            self.file_size_bytes = int(frame["fileSizeBytes"])
            self.open_files = max(8, int(frame["openFiles"]))
            self.python = str(frame.get("python", DEFAULT_PYTHON))
            self.tmp_dir = str(frame.get("tmpDir", TMP))
        except (KeyError, TypeError, ValueError) as e:
            die("bad hello frame: %r" % (e,))


def child_setup(hello, fds):
    """In the forked child, before exec: only fds 0-2 (and 3) survive, limits are set."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target, inheritable=True)
    os.closerange(len(fds), 1 << 16)
    os.setsid()
    resource.setrlimit(resource.RLIMIT_CPU, (hello.cpu_seconds, hello.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (hello.file_size_bytes, hello.file_size_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (hello.open_files, hello.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Make the test process, not the runner, the cgroup OOM killer's first choice (raising one's
    # own score needs no privilege).
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass
    os.chdir(hello.workdir)


class Capture:
    """One output pipe read up to a cap; past the cap the test is killed and reading stops."""

    def __init__(self, fd, cap):
        self.fd = fd
        self.cap = cap
        self.data = bytearray()
        self.truncated = False
        self.open = True

    def read(self):
        if self.truncated:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except BlockingIOError:
            return True
        except OSError:
            chunk = b""
        if not chunk:
            self.close()
            return False
        room = self.cap - len(self.data)
        if len(chunk) > room:
            self.data += chunk[:max(room, 0)]
            # Keep the pipe open, unread, until the test is killed: closing it now would turn the
            # flood into a BrokenPipeError the student's code might catch and survive.
            self.truncated = True
            return False
        self.data += chunk
        return True

    def close(self):
        if self.open:
            self.open = False
            os.close(self.fd)


def run_test(hello, test):
    kind = test.get("kind")
    nonce = os.urandom(16).hex()
    if kind == "io":
        stdin_data = str(test.get("stdin") or "").encode("utf-8")
        code = IO_BOOTSTRAP
        argv = [hello.python] + PYTHON_FLAGS + ["-c", code, hello.workdir, nonce, hello.entrypoint]
    elif kind == "call":
        request = {"module": test.get("module"), "function": test.get("function"),
                   "args": test.get("args") or []}
        stdin_data = json.dumps(request).encode("utf-8")
        argv = [hello.python] + PYTHON_FLAGS + ["-c", CALL_BOOTSTRAP, hello.workdir, nonce]
    else:
        return {"platformError": "unknown test kind %r" % (kind,)}

    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    res_r, res_w = os.pipe()
    # Reports an exec failure (ours, not the student's): closed unread by a successful exec.
    exec_r, exec_w = os.pipe2(os.O_CLOEXEC)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(exec_r)
            child_setup(hello, [in_r, out_w, err_w, res_w])
            os.execve(hello.python, argv, dict(os.environ))
        except BaseException as e:
            try:
                os.write(exec_w, ("%s: %s" % (type(e).__name__, e)).encode()[:1000])
            finally:
                os._exit(127)
    for fd in (in_r, out_w, err_w, res_w, exec_w):
        os.close(fd)
    exec_error = b""
    while True:
        chunk = os.read(exec_r, 1000)
        if not chunk:
            break
        exec_error += chunk
    os.close(exec_r)

    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None

    stdout = Capture(out_r, hello.output_bytes)
    stderr = Capture(err_r, hello.output_bytes)
    result = Capture(res_r, result_cap(hello.output_bytes))
    captures = {out_r: stdout, err_r: stderr, res_r: result}
    for c in captures.values():
        os.set_blocking(c.fd, False)
    os.set_blocking(in_w, False)

    sel = selectors.DefaultSelector()
    for fd in captures:
        sel.register(fd, selectors.EVENT_READ)
    pending = memoryview(stdin_data)
    stdin_open = True
    if pending:
        sel.register(in_w, selectors.EVENT_WRITE)
    else:
        os.close(in_w)
        stdin_open = False
    if pidfd is not None:
        sel.register(pidfd, selectors.EVENT_READ)

    deadline = started + hello.timeout
    status = None
    rusage = None
    timed_out = False
    killed_by_us = False

    def close_stdin():
        nonlocal stdin_open
        if stdin_open:
            stdin_open = False
            sel.unregister(in_w)
            os.close(in_w)

    while status is None:
        now = time.monotonic()
        if now >= deadline:
            timed_out = True
            killed_by_us = True
            break
        wait = min(deadline - now, 0.05 if pidfd is None else 3600)
        for key, _ in sel.select(wait):
            fd = key.fd
            if fd == pidfd:
                continue
            if stdin_open and fd == in_w:
                try:
                    n = os.write(in_w, pending[:65536])
                    pending = pending[n:]
                    if not pending:
                        close_stdin()
                except BlockingIOError:
                    pass
                except OSError:
                    # The test closed its stdin: it does not want the rest.
                    close_stdin()
                continue
            c = captures.get(fd)
            if c is None or not c.open:
                continue
            if not c.read():
                sel.unregister(fd)
                if c.truncated:
                    killed_by_us = True
        if stdout.truncated or stderr.truncated or result.truncated:
            break
        try:
            wpid, wstatus, wru = os.wait4(pid, os.WNOHANG)
        except ChildProcessError:
            wpid = 0
        if wpid == pid:
            status, rusage = wstatus, wru
    wall_ms = int((time.monotonic() - started) * 1000)

    if status is None:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status, rusage = os.wait4(pid, 0)
    # Background processes of the test could still hold the pipes: kill everything, then drain.
    kill_everyone_else(session=pid)
    close_stdin()
    for c in captures.values():
        if c.open:
            os.set_blocking(c.fd, True)
            while c.open and c.read():
                pass
            c.close()
    sel.close()
    if pidfd is not None:
        os.close(pidfd)

    frame = {
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
        "timedOut": timed_out,
        "cpuExceeded": False,
        "stdoutTruncated": stdout.truncated,
        "stderrTruncated": stderr.truncated,
        "memoryError": False,
        "stdout": base64.b64encode(bytes(stdout.data)).decode("ascii"),
        "stderr": base64.b64encode(bytes(stderr.data)).decode("ascii"),
        "wallMs": wall_ms,
        "call": None,
    }
    if exec_error:
        frame["platformError"] = "exec failed: " + exec_error.decode("utf-8", "replace")
    if os.WIFSIGNALED(status) and not killed_by_us:
        sig = os.WTERMSIG(status)
        cpu = rusage.ru_utime + rusage.ru_stime if rusage else 0.0
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu >= hello.cpu_seconds):
            frame["cpuExceeded"] = True
    reported = parse_result_pipe(bytes(result.data), nonce, result.truncated)
    if reported.get("memoryError"):
        frame["memoryError"] = True
    elif kind == "call":
        frame["call"] = reported.get("call")
    return frame


def parse_result_pipe(data, nonce, truncated):
    """Exactly one frame with this test's nonce is accepted; anything else is the student's doing."""
    if truncated:
        return {"call": {"ok": False, "error": "result too large"}}
    if not data:
        return {"call": None}
    lines = data.split(b"\n")
    if len(lines) != 2 or lines[1] != b"":
        return {"call": {"ok": False, "error": "result channel corrupted"}}
    try:
        frame = json.loads(lines[0])
    except ValueError:
        return {"call": {"ok": False, "error": "result channel corrupted"}}
    if not isinstance(frame, dict) or frame.get("nonce") != nonce:
        return {"call": {"ok": False, "error": "result channel corrupted"}}
    if frame.get("memoryError") is True:
        return {"memoryError": True}
    if frame.get("ok") is True and isinstance(frame.get("json"), str):
        return {"call": {"ok": True, "json": frame["json"]}}
    if frame.get("ok") is False and isinstance(frame.get("error"), str):
        return {"call": {"ok": False, "error": frame["error"]}}
    return {"call": {"ok": False, "error": "result channel corrupted"}}


def serve(hello, tests):
    """Runs tests as they come; tests is an iterator of test frames."""
    write_frame({"type": "ready", "nonce": hello.nonce})
    for test in tests:
        try:
            frame = run_test(hello, test)
        except MemoryError:
            # The runner itself could not hold the test's output: give up on this sandbox.
            die("out of memory")
        clean = empty_dir(hello.tmp_dir)
        frame.update({"type": "result", "nonce": hello.nonce, "index": test.get("index"),
                      "sandboxClean": clean})
        write_frame(frame)
        if not clean:
            # Something of the last test survived in /tmp: the worker starts a fresh sandbox.
            os._exit(3)


def stdin_frames():
    stream = sys.stdin.buffer
    while True:
        line = stream.readline()
        if not line:
            return
        line = line.strip()
        if not line:
            continue
        try:
            frame = json.loads(line)
        except ValueError:
            die("malformed frame")
        kind = frame.get("type") if isinstance(frame, dict) else None
        if kind == "test":
            yield frame
        elif kind == "end":
            return
        else:
            die("unexpected frame type %r" % (kind,))


def read_hello_from_stdin():
    line = sys.stdin.buffer.readline()
    if not line:
        die("no hello frame")
    try:
        frame = json.loads(line)
    except ValueError:
        die("malformed hello frame")
    if not isinstance(frame, dict) or frame.get("type") != "hello":
        die("first frame is not hello")
    return Hello(frame)


def main(argv):
    make_undumpable()
    if len(argv) >= 3 and argv[1] == "--batch":
        with open(argv[2], "rb") as f:
            spec = json.load(f)
        hello = Hello(dict(spec["hello"], type="hello"))
        serve(hello, iter(spec.get("tests", [])))
    elif len(argv) == 1:
        hello = read_hello_from_stdin()
        serve(hello, stdin_frames())
    else:
        die("usage: runner.py [--batch FILE]")
    kill_everyone_else()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
