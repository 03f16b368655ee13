"""``creditdiff overview``: one table of every client under a folder (CSV or XLSX)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from creditdiff.cli.common import (
    DEFAULT_GRACE_DAYS,
    GraceDaysOption,
    PasswordFileOption,
    PasswordOption,
    app,
    reports_errors,
    stderr,
    stdout,
)
from creditdiff.cli.passwords import collect_passwords
from creditdiff.errors import UsageError


@contextmanager
def clients_progress(total: int) -> Iterator[Callable[[], None]]:
    """A bar of client folders done, on stderr and only on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = stderr()
    progress = Progress(
        TextColumn("已读客户"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=total < 2 or not console.is_terminal,
    )
    with progress:
        task = progress.add_task("clients", total=total)
        yield lambda: progress.advance(task)


@app.command()
@reports_errors
def overview(
    directory: Path = typer.Argument(..., help="客户文件夹的上级文件夹（逐层查找报告）。"),
    output: Path = typer.Option(
        ..., "-o", "--output", help="输出文件：扩展名 .csv（UTF-8 带 BOM）或 .xlsx。"
    ),
    grace_days: GraceDaysOption = DEFAULT_GRACE_DAYS,
    passwords: PasswordOption = None,
    password_file: PasswordFileOption = None,
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="并行进程数（默认：全部 CPU 核）。"
    ),
) -> None:
    """汇总一个文件夹（含子文件夹）里所有客户：每人一行，写成 CSV 或 XLSX。

    每人一行：最新报告时间、各级问题数、当前逾期、审批查询、未结清账户与机构等。

    每份报告只读一次；同一文件夹里有几个人的报告时按人分开；每人的 closures.csv
    和 baseline.yaml（与最新报告同一文件夹）自动使用。
    """
    # The readers and the spreadsheet writer load when the command runs, not for --help.
    from creditdiff.advisers.clients import check_client, client_folders, read_clients
    from creditdiff.advisers.groups import find_report_files
    from creditdiff.advisers.overview import write_overview

    if output.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(f"{output}: the overview is written as .csv or .xlsx")
    files = find_report_files(directory)
    password = collect_passwords(passwords, password_file, files=files)
    with clients_progress(client_folders(files)) as advance:
        grouping = read_clients(
            directory, password, workers=workers, files=files, on_folder=advance
        )
    items = [check_client(client, grace_days=grace_days) for client in grouping.clients]
    side = [p for c in grouping.clients for p in (c.closures, c.baseline) if p is not None]
    write_overview(items, directory, output, [*files, *side])
    for notice in grouping.notices:
        typer.echo(f"creditdiff: notice: {notice}", err=True)
    for message in grouping.errors:
        typer.echo(f"creditdiff: error: {message}", err=True)
    stdout().print(f"已写出 {len(items)} 位客户的总览：{output}")
    if grouping.errors:
        raise typer.Exit(2)
