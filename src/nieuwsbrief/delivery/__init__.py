"""Handing an issue over: the issue in an ESP's dialect, the .eml, SMTP, the ESP APIs, export, send and the send ledger.

This package is the only network code. ``http`` is the only user of httpx; ``smtp`` the only user of smtplib.
Each ESP is declared in its own module of ``nieuwsbrief.esps``; ``outgoing`` writes an issue in its dialect and
``espapi`` runs the steps every ESP API shares.
"""
