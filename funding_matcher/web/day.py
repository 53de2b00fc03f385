"""Old home of today(), now funding_matcher.web.clock; web/matches.py still imports it from here.

Delete this file once web/matches.py imports ``from funding_matcher.web.clock import today``."""

from funding_matcher.web.clock import today

__all__ = ["today"]
