"""Security headers on every response, and HTTPS-only cookies when served behind TLS."""

from __future__ import annotations

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline script or style anywhere; pages load only this site's own files.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
# Pages and files of an organisation: never kept by a browser or proxy cache, not even the
# exports (send_file would allow "no-cache", which still stores the file).
PRIVATE_PATHS = ("/projekte", "/antraege", "/organisation", "/konto", "/api/", "/einladung")


def cache_control(response: Response) -> None:
    """``no-store`` on everything but the static files and the calendar feed (which clients
    poll and which says ``private`` itself)."""
    path = request.path
    if path.startswith("/static/") or (path.startswith("/kalender/") and path.endswith(".ics")):
        return
    if path.startswith(PRIVATE_PATHS):
        response.headers["Cache-Control"] = "no-store"
    else:
        response.headers.setdefault("Cache-Control", "no-store")


def register(app: Flask) -> None:
    """Add the headers; with HTTPS on, Secure cookies and HSTS as well."""
    if app.config.get("PROXY_FIX"):
        # Behind one reverse proxy: the client address and scheme come from its headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    if app.config.get("HTTPS"):
        app.config.update(
            SESSION_COOKIE_SECURE=True,
            REMEMBER_COOKIE_SECURE=True,
            PREFERRED_URL_SCHEME="https",
        )

    @app.before_request
    def check_session_each_request() -> None:
        # The signed-in user is looked up (and its session version checked) on every request,
        # never carried over from an earlier request sharing the application context (tests,
        # CLI-driven calls).
        g.pop("_login_user", None)

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("HTTPS"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        cache_control(response)
        return response
