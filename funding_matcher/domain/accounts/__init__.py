"""Account rules: passwords, e-mail addresses and (later) API tokens."""
