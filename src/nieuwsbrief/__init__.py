"""nieuwsbrief: compose a weekly newsletter issue from a folder of Markdown files."""

__version__ = "0.1.0"
