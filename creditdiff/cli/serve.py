"""``creditdiff serve``: the local web page, on 127.0.0.1 unless --host says otherwise."""

from __future__ import annotations

import threading

import typer

from creditdiff.cli.common import app

LOOPBACK = "127.0.0.1"


def free_port(host: str) -> int:
    """A port nobody listens on now (the system picks it)."""
    import socket  # with the web stack below: only when the page is served

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


@app.command()
def serve(
    port: int | None = typer.Option(
        None, "--port", min=1, max=65535, help="端口（默认：自动选一个空闲端口）。"
    ),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器。"),
    host: str = typer.Option(
        LOOPBACK, "--host", help="监听地址（默认只在本机 127.0.0.1；改成别的地址会让局域网可见）。"
    ),
    max_mb: int = typer.Option(20, "--max-mb", min=1, help="每个上传文件的大小上限（MB）。"),
) -> None:
    """在本机打开检查网页：放入一两份报告，查看结果，下载行动清单 PDF 和 JSON。

    只在本机运行，不联网；文件处理完即删除。按 Ctrl+C 停止。"""
    # The web stack (and the browser launcher) load only when the page is served.
    import webbrowser

    import uvicorn

    from creditdiff.web import create_app

    if host not in (LOOPBACK, "localhost", "::1"):
        typer.echo(
            f"creditdiff: warning: listening on {host}: other machines on the network can "
            "reach this page and the reports uploaded to it",
            err=True,
        )
    chosen = port or free_port(host)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{chosen}/"
    typer.echo(address)
    typer.echo("按 Ctrl+C 停止。")
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(address,)).start()
    uvicorn.run(
        create_app(max_bytes=max_mb * 1024 * 1024),
        host=host,
        port=chosen,
        log_level="warning",
        access_log=False,
    )
