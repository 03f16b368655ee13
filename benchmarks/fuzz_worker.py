"""Fork server of the fuzz harness: ``creditdiff parse --json`` on one file per child.

Starting the CLI afresh costs two seconds of imports per file on a loaded machine, more
than the parse itself; so this process imports creditdiff and both PDF libraries once
and forks a child per request. The child is the CLI: its stdout and stderr are files,
``creditdiff.cli.main`` runs with the request's arguments, and an exception escaping it
prints its traceback and exits 1, as the console script would. The parent kills a child
past its cap (see ``run``) and answers one JSON line:
``{"code": int | null, "signal": int | null, "seconds": float, "cpu_seconds": float,
"killed": bool, "peak_mb": float}``.

Requests are JSON lines on stdin: ``{"args": [...], "stdout": path, "stderr": path,
"env": {...}, "cap": cpu seconds, "wall_cap": seconds}``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback
from typing import Any


def _child(request: dict[str, Any]) -> None:
    """Run the CLI in this (forked) process and leave with its exit code."""
    code = 1
    try:
        out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        os.environ.update(request.get("env", {}))
        from creditdiff.cli import main

        sys.argv = ["creditdiff", *request["args"]]
        try:
            main()
            code = 0
        except SystemExit as leaving:
            status = leaving.code
            code = status if isinstance(status, int) else (0 if status is None else 1)
        except BaseException:
            traceback.print_exc()
            code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a running process, from /proc/<pid>/stat."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def run(request: dict[str, Any]) -> dict[str, Any]:
    """Fork one child for ``request`` and wait for it.

    The child is killed once it has used ``request["cap"]`` seconds of CPU, or spent
    ``request["wall_cap"]`` seconds in all: on a machine shared with other work a child
    may wait for a core far longer than it computes, and only the computing is its own.
    """
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(request)
    cap, wall_cap = float(request["cap"]), float(request.get("wall_cap", 10 * request["cap"]))
    killed = False
    polls = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        polls += 1
        over_cpu = polls % 20 == 0 and _cpu_seconds(pid) > cap
        if over_cpu or time.monotonic() - started > wall_cap:
            os.kill(pid, signal.SIGKILL)
            killed = True
            done, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.005)
    return {
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
        "code": os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "seconds": round(time.monotonic() - started, 3),
        "killed": killed,
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
    }


def serve() -> None:
    """Answer requests from stdin until it closes."""
    # Import what a parse loads, once, before the first fork.
    import pdfminer.pdfparser  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401

    import creditdiff.cli
    import creditdiff.reports
    import creditdiff.sources.pdfium_read  # noqa: F401

    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(run(json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    serve()
