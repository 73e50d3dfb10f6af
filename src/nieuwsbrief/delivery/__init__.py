"""Handing an issue over: ESP dialects (merge tags), SMTP, and one module per ESP API.

This package is the only network code. ``http`` is the only user of httpx; ``smtp`` the only user of smtplib.
"""
