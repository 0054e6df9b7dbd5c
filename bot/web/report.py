"""The policy report: dashboard, review of unmet questions, and the indicator exports.

- `GET /report`: conversations by language and month, topics, referrals by
  service, unmet questions over time; each chart (`/report/charts/<name>.svg`)
  above its table. Filters: period (months) and municipality.
- `GET /report/unmet`: the review list, similar questions grouped, filters for
  period, language and status; `POST /report/unmet/status` moves questions
  through new, reviewed, added (to the content) or not relevant.
- `GET /report/export.csv`, `/report/export.json`: indicator rows by month,
  topic, language and service; `GET /report/unmet.json`: the unmet questions,
  redacted. Signed in (admin, policy) or with TAALBRUG_REPORT_TOKEN.

Every query holds only the municipalities of the signed-in account
(bot/web/tenants.py): asking for another municipality, or changing the status of
its questions, gives a 403. The report token sees every municipality.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from typing import Dict, List, Optional, Union

from aiohttp import web

from bot.language.languages import DEFAULT
from bot.report import charts
from bot.report.grouping import group
from bot.report.indicators import COLUMNS, INDICATORS, Period, rows, table, totals
from bot.storage.unmet import list_unmet, set_status, unmet_municipalities
from bot.vocabulary import REASONS, REPORT_READERS, SAFETY_LEVELS, STATUSES
from bot.web import keys, tenants
from bot.web.auth import check_csrf, db, render, require


def _month(value: str, field: str) -> Optional[date]:
    if not value:
        return None
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise web.HTTPBadRequest(text=json.dumps({"error": f"{field} must be a month like 2026-11"}),
                                 content_type="application/json") from None


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _filters(request: web.Request) -> Dict[str, object]:
    start = _month(request.query.get("from", ""), "from")
    last = _month(request.query.get("to", ""), "to")
    municipality = request.query.get("municipality", "") or None
    if municipality and municipality not in request.app[keys.CONTENT].municipalities:
        raise web.HTTPBadRequest(text=json.dumps({"error": "unknown municipality"}), content_type="application/json")
    return {"period": Period(start, _next_month(last) if last else None), "municipality": municipality,
            "within": tenants.scope(tenants.signed_in(request), municipality),
            "from": request.query.get("from", ""), "to": request.query.get("to", "")}


def _choices(request: web.Request) -> List[str]:
    """The municipalities the filter form offers: the account's own."""
    return tenants.visible(tenants.signed_in(request), request.app[keys.CONTENT].municipalities)


def _names(request: web.Request) -> Dict[str, str]:
    return {code: loc.name_nl or code for code, loc in request.app[keys.CONTENT].locales.items()}


async def _rows(request: web.Request, filters: Dict[str, object]):
    return await db(request, rows, filters["period"], filters["municipality"], _names(request), filters["within"])


async def dashboard(request: web.Request) -> web.Response:
    await require(request, REPORT_READERS)
    filters = _filters(request)
    data = await _rows(request, filters)
    title = request.app[keys.CONTENT].locale(DEFAULT).pages
    sections = [
        ("conversations", title["report_conversations"], table(data, "conversations", "month", "language_name")),
        ("topics", title["report_topics"], dict(totals(data, "topics", "topic"))),
        ("referrals", title["report_referrals"], dict(totals(data, "referrals", "service"))),
        ("unmet", title["report_unmet"], table(data, "unmet", "month", "reason")),
        ("safety", title["report_safety"], table(data, "safety", "month", "reason")),
    ]
    query = request.query_string
    return render(request, "report.html", sections=sections, filters=filters, query=query,
                  municipalities=_choices(request),
                  reasons={**REASONS, **SAFETY_LEVELS})


async def chart(request: web.Request) -> web.Response:
    await require(request, REPORT_READERS)
    name = request.match_info["name"]
    filters = _filters(request)
    data = await _rows(request, filters)
    title = request.app[keys.CONTENT].locale(DEFAULT).pages.get(f"chart_{name}", "")
    if name == "conversations":
        svg = charts.stacked_bars(table(data, "conversations", "month", "language_name"), title)
    elif name == "topics":
        svg = charts.bars(totals(data, "topics", "topic"), title)
    elif name == "referrals":
        svg = charts.bars(totals(data, "referrals", "service"), title)
    elif name == "safety":
        by_level = {m: {SAFETY_LEVELS.get(k, k): v for k, v in row.items()}
                    for m, row in table(data, "safety", "month", "reason").items()}
        svg = charts.stacked_bars(by_level, title)
    elif name == "unmet":
        by_reason = {m: {REASONS.get(k, k): v for k, v in row.items()}
                     for m, row in table(data, "unmet", "month", "reason").items()}
        svg = charts.line(by_reason, title)
    else:
        raise web.HTTPNotFound()
    # The SVG styles itself inline; it is an image, never a page of its own.
    return web.Response(text=svg, content_type="image/svg+xml", headers={
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'", "Cache-Control": "no-store"})


def _unmet_filters(request: web.Request) -> Dict[str, object]:
    filters = _filters(request)
    language = request.query.get("language", "")
    status = request.query.get("status", "")
    if language and language not in request.app[keys.CONTENT].locales:
        raise web.HTTPBadRequest(text=json.dumps({"error": "unknown language"}), content_type="application/json")
    if status and status not in STATUSES:
        raise web.HTTPBadRequest(text=json.dumps({"error": "unknown status"}), content_type="application/json")
    period: Period = filters["period"]  # type: ignore[assignment]
    start = datetime.combine(period.start, datetime.min.time(), timezone.utc) if period.start else None
    end = datetime.combine(period.end, datetime.min.time(), timezone.utc) if period.end else None
    return {**filters, "language": language, "status": status, "start": start, "end": end}


async def _list(request: web.Request, filters: Dict[str, object]):
    return await db(request, list_unmet, filters["start"], filters["end"], filters["language"] or None,
                    filters["status"] or None, filters["municipality"], 1000, filters["within"])


async def review(request: web.Request) -> web.Response:
    await require(request, REPORT_READERS)
    filters = _unmet_filters(request)
    questions = await _list(request, filters)
    groups = group([q.text or "" for q in questions], questions)
    return render(request, "unmet.html", groups=groups, filters=filters, statuses=STATUSES, reasons=REASONS,
                  languages=_names(request), query=request.query_string,
                  municipalities=_choices(request))


def _whole(value: Union[str, bytes, web.FileField]) -> int:
    """A form field as a whole number; ValueError when it is not one (also for an uploaded file)."""
    if isinstance(value, web.FileField):
        raise ValueError("an uploaded file is not a number")
    return int(value)


async def change_status(request: web.Request) -> web.StreamResponse:
    await require(request, REPORT_READERS)
    form = await request.post()
    await check_csrf(request, form)
    status = str(form.get("status", ""))
    if status not in STATUSES:
        raise web.HTTPBadRequest(text=json.dumps({"error": "unknown status"}), content_type="application/json")
    try:
        ids: List[int] = [_whole(v) for v in form.getall("id", [])][:1000]
    except ValueError:
        raise web.HTTPBadRequest(text=json.dumps({"error": "id must be a number"}),
                                 content_type="application/json") from None
    user = tenants.account(request)
    for municipality in await db(request, unmet_municipalities, ids):
        tenants.check(user, municipality)  # one question of another municipality: nothing changes
    await db(request, set_status, ids, status, user.municipalities)
    back = str(form.get("back", ""))
    raise web.HTTPSeeOther("/report/unmet" + (f"?{back}" if back and "\n" not in back else ""))


async def export_csv(request: web.Request) -> web.Response:
    await require(request, REPORT_READERS, token_ok=True)
    data = await _rows(request, _filters(request))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS.values())
    for row in data:
        writer.writerow([_cell(getattr(row, field)) for field in COLUMNS])
    return web.Response(text=out.getvalue(), content_type="text/csv", charset="utf-8", headers={
        "Content-Disposition": 'attachment; filename="taalbrug-indicatoren.csv"', "Cache-Control": "no-store"})


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Spreadsheet-safe: a text starting with = + - @, a tab or a carriage return is not run as a formula."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


async def export_json(request: web.Request) -> web.Response:
    await require(request, REPORT_READERS, token_ok=True)
    filters = _filters(request)
    data = await _rows(request, filters)
    return web.json_response({
        "indicators": INDICATORS, "columns": COLUMNS,
        "period": {"from": filters["from"] or None, "to": filters["to"] or None},
        "rows": [row.as_dict() for row in data],
    }, headers={"Cache-Control": "no-store"})


async def unmet_json(request: web.Request) -> web.Response:
    await require(request, REPORT_READERS, token_ok=True)
    filters = _unmet_filters(request)
    questions = await _list(request, filters)
    return web.json_response({"unmet": [q.as_dict() for q in questions]}, headers={"Cache-Control": "no-store"})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/report", dashboard)
    app.router.add_get("/report/charts/{name}.svg", chart)
    app.router.add_get("/report/unmet", review)
    app.router.add_post("/report/unmet/status", change_status)
    app.router.add_get("/report/export.csv", export_csv)
    app.router.add_get("/report/export.json", export_json)
    app.router.add_get("/report/unmet.json", unmet_json)
