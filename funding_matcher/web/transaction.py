"""One database transaction per request, committed in one place (as indico's ``RH.process``).

A view changes rows through the operations (which flush, never commit) and returns its answer;
then the boundary decides: an answer below 400 (a page, a redirect, JSON) commits what the
request changed, an error answer (4xx, 5xx) or an exception rolls it back. A commit that
fails becomes the 500 page (never a success message for something not stored).

Two cases say otherwise, explicitly:

- ``discard_changes()``: a view refused a change (an operation raised ``InvalidData``) and still
  answers with a page or a redirect: what the request changed is forgotten at once, so that the
  page shows what is stored, and nothing is committed at the end.
- ``keep_changes()``: the answer names a problem (422, 401) but what the request stored must stay:
  the input typed so far (kept as a draft), a counted failed sign-in.
- ``commit_now()``: what the request changed so far must be stored before it goes on (a sign-in
  attempt counted before the password is checked, a token's last use before its view runs, an
  invitation stored before its e-mail leaves); the rest of the request is a new transaction.

No view commits or rolls back itself: these three functions and ``finish`` are the only places.

GET requests change nothing (``tests/web/test_get_writes_nothing.py``).
"""

from __future__ import annotations

from flask import Flask, Response, g, session

from funding_matcher.extensions import db

_DECISION = "transaction_decision"


def discard_changes() -> None:
    """Forget this request's changes now and commit nothing at its end (a refused change)."""
    db.session.rollback()
    g.transaction_decision = "rollback"


def keep_changes() -> None:
    """Commit this request's changes although its answer is an error status."""
    g.transaction_decision = "commit"


def commit_now() -> None:
    """Store what this request changed so far, now; what follows is decided at the end as usual."""
    db.session.commit()


def finish(response: Response) -> Response:
    """Commit or roll back the request's transaction, once, after the view answered."""
    decision = g.pop(_DECISION, None)
    if decision is None:
        decision = "commit" if response.status_code < 400 else "rollback"
    if decision == "rollback":
        db.session.rollback()
        return response
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        session.pop("_flashes", None)  # "gespeichert" would be untrue
        raise
    return response


def register(app: Flask) -> None:
    # Registered before every other after_request function: Flask runs them in reverse order,
    # so the commit comes last, after anything they might still change.
    app.after_request_funcs.setdefault(None, []).insert(0, finish)
