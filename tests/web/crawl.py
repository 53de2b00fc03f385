"""Walk every page a signed-in person can reach by following the links the pages show."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from flask.testing import FlaskClient

LINK = re.compile(r'href="([^"#]*)')
# Leaving these would end the session or leave the site; the files are fetched, not parsed.
SKIP = ("/abmelden", "/static/", "mailto:", "http://", "https://")
FILES = (".ics", ".docx", ".pdf", ".md", ".xlsx", ".json", ".yaml")


def crawl(client: FlaskClient, start: str = "/", limit: int = 300) -> dict[str, int]:
    """Status of every internal page reachable from ``start`` by links (at most ``limit``)."""
    seen: dict[str, int] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.mimetype != "text/html" or path.endswith(FILES):
            continue
        for target in LINK.findall(response.get_data(as_text=True)):
            target = target.replace("&amp;", "&")
            if not target or target.startswith(SKIP):
                continue
            absolute = urlsplit(urljoin(path, target))
            link = absolute.path + (f"?{absolute.query}" if absolute.query else "")
            if link not in seen:
                queue.append(link)
    return seen


def broken(statuses: dict[str, int]) -> dict[str, int]:
    """Pages that answered with a server error."""
    return {path: code for path, code in statuses.items() if code >= 500}
