"""Handing an issue over: ESP dialects (merge tags), the .eml, SMTP, the ESP APIs, export, send and the send ledger.

This package is the only network code. ``http`` is the only user of httpx; ``smtp`` the only user of smtplib.
Each ESP module (``mailchimp``, ``brevo``, ``sendgrid``) documents and declares its API; ``espapi`` runs the steps
they share, and ``esps`` finds them by name.
"""
