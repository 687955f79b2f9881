"""Reading a posted HTML form (application/x-www-form-urlencoded) strictly and within limits: a
malformed one is a 4xx with a short reason, never an exception further in."""
from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import Request

MAX_BODY = 32 * 1024  # bytes: a status and a comment
MAX_FIELDS = 16
FORM_TYPE = "application/x-www-form-urlencoded"


async def read_form(request: Request, required: tuple[str, ...]) -> dict[str, str]:
    """The form's fields (each once), with every `required` one present."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != FORM_TYPE:
        raise HTTPException(415, f"send the form as {FORM_TYPE}")
    body = await _body(request)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body),
                          max_num_fields=MAX_FIELDS, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the form is malformed") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise HTTPException(400, "a field of the form is repeated")
    missing = [name for name in required if name not in fields]
    if missing:
        raise HTTPException(400, f"the form lacks {', '.join(missing)}")
    return fields


async def _body(request: Request) -> bytes:
    """The body, refused (413) as soon as it passes MAX_BODY, declared or not."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY:
        raise HTTPException(413, f"the form is over {MAX_BODY // 1024} KB")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(413, f"the form is over {MAX_BODY // 1024} KB")
    return body
