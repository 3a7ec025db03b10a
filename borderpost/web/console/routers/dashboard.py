"""The dashboard of a port (supervisors) or of every port (headquarters): a day's figures as
charts, with the numbers beside them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from borderpost.identity.roles import Permission, can
from borderpost.records.activity import day_activity, latest_day
from borderpost.store.models import User
from borderpost.store.repos.ports import PortRepo
from borderpost.web.console.charts import bar_chart, grouped_bars, line_chart
from borderpost.web.console.deps import page
from borderpost.web.console.forms import FormError, date_field
from borderpost.web.console.render import language_of, render
from borderpost.web.deps import StateDep, UowDep

router = APIRouter(prefix="/console", include_in_schema=False)

Viewer = Annotated[User, Depends(page("dashboard"))]
_HOURS = [f"{hour:02d}" for hour in range(24)]


@router.get("/dashboard", response_class=Response)
def dashboard(
    request: Request,
    user: Viewer,
    state: StateDep,
    uow: UowDep,
    port: Annotated[str | None, Query(max_length=16)] = None,
    day: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """Crossings and inspections per hour, processing time, hits, referrals, refusals."""
    t = language_of(request).text
    headquarters = can(user.role, Permission.SEARCH_RECORDS)
    errors: dict[str, str] = {}
    try:
        chosen = date_field(day, "day")
    except FormError as exc:
        errors[exc.field], chosen = exc.message, None
    when = chosen or latest_day(uow.session) or state.now().date()
    found = day_activity(
        uow.session, user, port_code=(port or None) if headquarters else None, day=when
    )
    ports = sorted(found.ports)
    titles = {
        key: t(f"dashboard.{key}")
        for key in ("crossings_per_hour", "inspections_per_hour", "processing_per_hour", "by_port")
    }
    charts = [
        (
            titles["crossings_per_hour"],
            bar_chart(found.crossings_by_hour, _HOURS, titles["crossings_per_hour"]),
        ),
        (
            titles["inspections_per_hour"],
            bar_chart(found.inspections_by_hour, _HOURS, titles["inspections_per_hour"]),
        ),
        (
            titles["processing_per_hour"],
            line_chart(found.seconds_by_hour, _HOURS, titles["processing_per_hour"]),
        ),
    ]
    if len(ports) > 1:
        series = [
            (t("dashboard.hits"), [float(found.ports[p].hits) for p in ports]),
            (t("dashboard.referrals"), [float(found.ports[p].referrals) for p in ports]),
            (t("dashboard.refusals"), [float(found.ports[p].refusals) for p in ports]),
        ]
        charts.append((titles["by_port"], grouped_bars(ports, series, titles["by_port"])))
    return render(
        request,
        "dashboard.html",
        user=user,
        status=422 if errors else 200,
        found=found,
        charts=charts,
        headquarters=headquarters,
        port_codes=[p.code for p in PortRepo(uow.session).all()] if headquarters else [],
        day=when.isoformat(),
        port=port or "",
        errors=errors,
        previous=(when - dt.timedelta(days=1)).isoformat(),
        following=(when + dt.timedelta(days=1)).isoformat(),
    )
