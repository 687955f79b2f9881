"""The web application: routes, templates, and the rules every answer follows.

- Every page is rendered on the server by Jinja2 with autoescaping: document text is never markup.
- Pages work without JavaScript (plain GET forms, a POST form per decision); `static/app.js` adds
  results as you type, copy buttons and sentence-link highlighting.
- Bad requests get a short 4xx page; an unexpected fault a 500 page without a traceback.
- The Content-Security-Policy allows this server's own scripts and styles only (no inline script,
  no CDN); posts from another site's page are refused (the Origin header), and while the server
  listens on the loopback interface only, a request naming another host is refused (DNS rebinding).
"""
from __future__ import annotations

import contextlib
import gc
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ruzh.align.divergence.model import SEVERITIES
from ruzh.corpus import InputError
from ruzh.outputs import OUTPUT_NAMES
from ruzh.serve import document_view, glossary_view, review_view, termbase_view
from ruzh.serve.decisions import STATUSES, Conflict, DecisionStore
from ruzh.serve.folder import Run, RunFolder
from ruzh.serve.forms import read_form

log = logging.getLogger("ruzh")
HERE = Path(__file__).parent
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# What a page may download: the run's outputs and the review's exports, never anything else in the folder.
DOWNLOADABLE = (set(OUTPUT_NAMES) - {"manifest.json"}) | {"review.csv", "review.xlsx", "divergences.reviewed.json"}
HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}
# A run's static report.html (served from a term base's page) has its script and style inline: they
# run in a sandbox (an origin of its own: no access to this server's pages), and nothing else loads.
REPORT_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
                 "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox allow-scripts")


def create_app(folder: Path, allowed_hosts: Sequence[str] = LOCAL_HOSTS) -> Starlette:
    """The application on a run folder (read and checked now: FolderError if it cannot be shown),
    or on a term base (a `.sqlite` file, or a batch folder with `termbase.sqlite`: see
    `create_termbase_app`)."""
    termbase = termbase_view.locate(folder)
    if termbase is not None:
        return create_termbase_app(termbase, allowed_hosts)
    runs, store = RunFolder(folder), DecisionStore(folder)
    store.all()  # a damaged review.sqlite is said at the start, not at the first page
    templates = Jinja2Templates(env=_environment())

    def render(request: Request, name: str, run: Run, **context) -> Response:
        context.update(run=run, page=name.removesuffix(".html"))
        return templates.TemplateResponse(request, name, context)

    # The pages read files and SQLite, and a Russian search may load the lemmatizer: plain functions,
    # which Starlette runs in its thread pool, so that one slow page does not hold up the others.
    def home(request: Request) -> Response:
        return RedirectResponse(request.url_for("glossary"), status_code=303)

    def glossary(request: Request) -> Response:
        run = _run(runs)
        query = request.query_params.get("q", "")
        entries = glossary_view.search(run.index, query) if query.strip() else glossary_view.browse(run)
        return render(request, "glossary.html", run, query=query, entries=entries, searched=bool(query.strip()),
                      downloads=glossary_view.downloads(run))

    def document(request: Request) -> Response:
        run = _run(runs)
        number, lang = request.query_params.get("measure", "").strip(), request.query_params.get("lang", "ru")
        if lang not in ("ru", "zh"):
            raise HTTPException(400, "lang is ru or zh")
        found = document_view.units_printed(run, lang, number) if number else []
        if len(found) == 1:
            return RedirectResponse(f"{request.url_for('document')}#u-{found[0]}", status_code=303)
        return render(request, "document.html", run, rows=document_view.rows(run), number=number, lang=lang,
                      found=found)

    def review(request: Request) -> Response:
        run = _run(runs)
        try:
            page = review_view.page(run, store.all(), dict(request.query_params))
        except review_view.BadFilter as e:
            raise HTTPException(400, str(e)) from None
        return render(request, "review.html", run, review=page,
                      query=urlencode({k: v for k, v in page.filters.items() if v}))

    async def decide(request: Request) -> Response:
        _same_origin(request)
        run = await run_in_threadpool(_run, runs)
        finding = review_view.find(run, request.path_params["key"])
        if finding is None:
            raise HTTPException(404, "no such finding in this run (was the folder run again?)")
        form = await read_form(request, ("status", "version"))
        status, comment = form["status"], form.get("comment", "").strip()
        if status not in STATUSES:
            raise HTTPException(400, f"status is one of {', '.join(STATUSES)}")
        if not form["version"].isdigit():
            raise HTTPException(400, "version is a whole number")
        try:
            await run_in_threadpool(store.save, finding, status, comment, int(form["version"]))
        except Conflict as e:
            raise HTTPException(409, f"not saved: {e}; reload the page to see the other decision") from None
        except ValueError as e:
            raise HTTPException(400, str(e)) from None
        back = _filters_query(run, form.get("filters", ""))
        return RedirectResponse(f"{request.url_for('review')}{back}#f-{request.path_params['key']}", status_code=303)

    def download(request: Request) -> Response:
        name, run = request.path_params["name"], _run(runs)
        if name not in DOWNLOADABLE or name not in run.files:
            raise HTTPException(404, "no such file in this run")
        return FileResponse(run.path / name, filename=name, content_disposition_type="attachment")

    routes = [
        Route("/", home),
        Route("/glossary", glossary, name="glossary"),
        Route("/document", document, name="document"),
        Route("/review", review, name="review"),
        Route("/review/{key}", decide, methods=["POST"], name="decide"),
        Route("/files/{name}", download, name="download"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return _application(routes, templates, allowed_hosts)


def create_termbase_app(path: Path, allowed_hosts: Sequence[str] = LOCAL_HOSTS) -> Starlette:
    """The application on a term base `ruzh batch` built: the Glossary page only (searched through
    `termbase_store`), each document's report where it is still on disk, the term base's exports.
    The term base is read now: TermbaseError (one line) if it cannot be."""
    path = Path(path)
    source = termbase_view.open_source(path)
    templates = Jinja2Templates(env=_environment(mode="termbase"))

    def render(request: Request, name: str, **context) -> Response:
        context.update(run=None, source=source, page=name.removesuffix(".html").removeprefix("termbase_"))
        return templates.TemplateResponse(request, name, context)

    def home(request: Request) -> Response:
        return RedirectResponse(request.url_for("glossary"), status_code=303)

    def glossary(request: Request) -> Response:
        query = request.query_params.get("q", "")
        searched = bool(query.strip())
        concepts = termbase_view.search(path, query) if searched else termbase_view.browse(path)
        return render(request, "termbase_glossary.html", query=query, concepts=concepts, searched=searched,
                      downloads=termbase_view.downloads())

    def unavailable(request: Request) -> Response:
        raise HTTPException(404, "a term base has no document or findings of its own: only the glossary "
                                 "is served; serve a pair's folder (ruzh serve OUT/NAME) to read or review it")

    def report(request: Request) -> Response:
        document = request.query_params.get("document", "")
        if not document or len(document) > 1000:
            raise HTTPException(400, "name the document: /report?document=NAME")
        found = termbase_view.report_path(path, document)
        if found is None:
            raise HTTPException(404, "no report for this document (was its folder moved or removed?)")
        # The static report carries its own script and style: allowed for it alone, in a sandbox.
        return FileResponse(found, media_type="text/html", headers={"content-security-policy": REPORT_POLICY})

    def download(request: Request) -> Response:
        data = termbase_view.export(path, request.path_params["name"])
        if data is None:
            raise HTTPException(404, "no such export of the term base")
        return Response(data, media_type="application/octet-stream",
                        headers={"content-disposition": f'attachment; filename="{request.path_params["name"]}"'})

    routes = [
        Route("/", home),
        Route("/glossary", glossary, name="glossary"),
        Route("/document", unavailable, name="document"),
        Route("/review", unavailable, name="review"),
        Route("/review/{key}", unavailable, methods=["GET", "POST"], name="decide"),
        Route("/report", report, name="report"),
        Route("/files/{name}", download, name="download"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return _application(routes, templates, allowed_hosts)


def _application(routes: list, templates: Jinja2Templates, allowed_hosts: Sequence[str]) -> Starlette:
    handlers = {HTTPException: _error_page(templates), InputError: _error_page(templates),
                Exception: _error_page(templates)}
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))]
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers, lifespan=_lifespan)


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette):
    """When the server starts (uvicorn runs this; a TestClient used without `with` does not):
    `settle` in a thread of its own, while the server already answers."""
    threading.Thread(target=settle, name="ruzh-settle", daemon=True).start()
    yield


def settle() -> None:
    """Load the Russian lemmatizer that a search may need (seconds, once), then leave everything
    loaded so far (the run, its glossary index, the lemmatizer: hundreds of thousands of objects)
    out of the garbage collector's full passes, which would otherwise hold a search up for a
    hundred milliseconds or more now and then."""
    from ruzh.glossary.lookup import warm_up

    try:
        warm_up()
    except Exception:  # a search loads it again, and says what is wrong
        log.warning("ruzh serve: could not load the Russian lemmatizer ahead of the first search", exc_info=True)
    gc.collect()
    gc.freeze()


class SecurityHeaders:
    """Adds HEADERS to every answer (but for one an answer sets itself: the report's own policy)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {bytes(k).lower() for k, _ in headers}
                message["headers"] = [*headers, *((k.encode(), v.encode()) for k, v in HEADERS.items()
                                                  if k.encode() not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def _run(runs: RunFolder) -> Run:
    """The latest run; a folder that a new run left unreadable is a 503, said in one line."""
    try:
        return runs.current()
    except InputError as e:
        raise HTTPException(503, str(e)) from None


def _same_origin(request: Request) -> None:
    """Refuse a post sent by another site's page (browsers name the page's origin in `Origin`)."""
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
        raise HTTPException(403, "a form from another site cannot change the review")


def _filters_query(run: Run, query: str) -> str:
    """The review page's filters to return to, as a query string ('' if none or not valid)."""
    try:
        filters = review_view.check(run, dict(parse_qsl(query)))
    except review_view.BadFilter:
        return ""
    kept = urlencode({k: v for k, v in filters.items() if v})
    return f"?{kept}" if kept else ""


def _error_page(templates: Jinja2Templates):
    """An exception handler: a short page saying what was wrong, never a traceback."""
    async def handle(request: Request, exc: Exception) -> Response:
        headers = None
        if isinstance(exc, HTTPException):
            status, message, headers = exc.status_code, exc.detail, exc.headers  # 405 names the methods allowed
        elif isinstance(exc, InputError):
            status, message = 503, str(exc)
        else:
            log.exception("ruzh serve: %s %s failed", request.method, request.url.path)
            status, message = 500, "something went wrong on the server; its log says what"
        context = {"status": status, "message": message, "page": "error", "run": None}
        return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)
    return handle


def _environment(mode: str = "run") -> jinja2.Environment:
    """The templates' environment; `mode` ("run" or "termbase") says which pages the header offers."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(severities=SEVERITIES, statuses=STATUSES, mode=mode)
    return env
