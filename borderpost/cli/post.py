"""``borderpost post``: remote posts and their synchronisation with HQ.

At HQ: ``post register CODE`` (prints the post's key once), ``post status`` (every post).
At a post: ``post init``, ``post status`` (backlog, list age), ``post sync`` (push, then pull).
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from borderpost.cli.context import console, default_actor, errors, fail, state
from borderpost.store import UnitOfWork
from borderpost.sync.client import pull, push
from borderpost.sync.errors import NotAPostError, SyncError
from borderpost.sync.loop import client_for
from borderpost.sync.node import init_post, node_status
from borderpost.sync.posts import post_statuses, register_post, rotate_key

app = typer.Typer(help="Remote posts: register, init, status, sync.", no_args_is_help=True)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@app.command()
def register(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="The post's port code (the port must exist at HQ)."),
    rotate: bool = typer.Option(False, "--rotate", help="Give a registered post a new key."),
    actor: str | None = typer.Option(None, "--actor", help="Who is acting (default: OS user)."),
) -> None:
    """At HQ: register a post and print its key (shown once; HQ keeps only its hash)."""
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        try:
            call = rotate_key if rotate else register_post
            key = call(uow.session, code, actor=actor or default_actor(), now=_now())
        except SyncError as exc:
            fail(str(exc), code=1)
            return
        uow.commit()
    errors.print(
        f"post {code} {'has a new key' if rotate else 'registered'}; its key (keep it secret):"
    )
    print(key)


@app.command()
def init(
    ctx: typer.Context,
    code: str = typer.Option(..., "--code", help="This post's port code."),
    hq: str = typer.Option(..., "--hq", help="HQ's address, e.g. https://hq.example:8443"),
    key: str | None = typer.Option(
        None, "--key", help="The key from `post register` (default: read from standard input)."
    ),
    actor: str | None = typer.Option(None, "--actor", help="Who is acting (default: OS user)."),
) -> None:
    """At a post: make this database the post CODE; records already stored are queued."""
    secret = key if key is not None else sys.stdin.readline().strip()
    store = state(ctx).store()
    with UnitOfWork(store) as uow:
        try:
            queued = init_post(
                uow.session,
                code=code,
                hq_url=hq,
                key=secret,
                actor=actor or default_actor(),
                now=_now(),
            )
        except SyncError as exc:
            fail(str(exc))
            return
        uow.commit()
    console.print(f"this database is post {code}, reporting to {hq}; {queued} records queued")


@app.command()
def status(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="JSON instead of a table."),
) -> None:
    """A post's backlog and list age; at HQ, every post's last contact, backlog and list age."""
    settings = state(ctx).settings
    store = state(ctx).store()
    limit = dt.timedelta(hours=settings.list_age_limit_hours)
    with UnitOfWork(store) as uow:
        try:
            mine = node_status(uow.session, _now(), limit)
        except NotAPostError:
            mine = None
            posts = post_statuses(uow.session)
    if mine is not None:
        if as_json:
            print(json.dumps(mine.to_dict()))
            return
        console.print(f"post {mine.post} → {mine.hq_url}")
        console.print(
            f"backlog: {mine.backlog} events "
            f"(sequence {mine.acked_seq} of {mine.last_seq} acknowledged)"
        )
        console.print(
            f"last push: {mine.last_push_at or 'never'}; last pull: {mine.last_pull_at or 'never'}"
        )
        warning = mine.warning()
        if warning is not None:
            console.print(f"[bold yellow]warning:[/] {warning}")
        elif mine.list_age is not None:
            console.print(f"lists: {mine.list_age.total_seconds() / 3600:.1f} h old")
        if mine.last_error:
            console.print(f"last error: {mine.last_error}")
        return
    if as_json:
        for post in posts:
            print(json.dumps(post.to_dict()))
        return
    table = Table(title=f"Posts ({len(posts)})")
    for column in ("post", "last contact", "records", "backlog", "list age (h)", "clock skew (s)"):
        table.add_column(column)
    for post in posts:
        table.add_row(
            post.code,
            "never"
            if post.last_contact_at is None
            else post.last_contact_at.isoformat(timespec="seconds"),
            str(post.records),
            "?" if post.backlog is None else str(post.backlog),
            "?" if post.list_age_seconds is None else f"{post.list_age_seconds / 3600:.1f}",
            "?" if post.clock_skew_seconds is None else f"{post.clock_skew_seconds:+.0f}",
        )
    console.print(table)


@app.command()
def sync(
    ctx: typer.Context,
    push_only: bool = typer.Option(False, "--push-only", help="Send the outbox; pull nothing."),
    as_json: bool = typer.Option(False, "--json", help="Print what was done as JSON."),
) -> None:
    """At a post: send the outbox to HQ, then bring the lists up to date."""
    settings = state(ctx).settings
    store = state(ctx).store()
    try:
        client = client_for(store, settings)
    except NotAPostError as exc:
        fail(str(exc))
        return
    try:
        with Progress(
            TextColumn("pushing"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
            disable=as_json or not console.is_terminal,
        ) as progress:
            task = progress.add_task("push", total=None)
            sent = 0

            def tick(_acked: int, backlog: int) -> None:
                nonlocal sent
                sent += 1
                progress.update(task, completed=sent, total=sent + backlog)

            pushed = push(store, client, batch_size=settings.sync_batch_size, on_batch=tick)
        pulled = None if push_only else pull(store, client)
    except SyncError as exc:
        fail(str(exc), code=1)
        return
    finally:
        client.close()
    if as_json:
        print(
            json.dumps(
                {"push": pushed.to_dict(), "pull": None if pulled is None else pulled.to_dict()}
            )
        )
        return
    console.print(
        f"pushed {pushed.sent} events in {pushed.batches} batches "
        f"(HQ holds up to {pushed.acknowledged}; {pushed.backlog} left)"
    )
    if pulled is not None:
        for name, version, upserted, removed in pulled.watchlists:
            console.print(f"list {name}: now HQ version {version} (+{upserted} -{removed})")
        for name, count in pulled.lost_stolen:
            console.print(f"lost/stolen list {name}: {count} records")
        if pulled.lookouts:
            console.print(f"{pulled.lookouts} new arrival lookouts")
        if not pulled.changed:
            console.print("lists already up to date")
