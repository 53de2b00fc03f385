"""api-v1 budget of an application: PUT and GET."""

from __future__ import annotations
