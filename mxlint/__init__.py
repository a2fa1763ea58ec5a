"""mxlint: a linter for the MX records of DNS zones."""

__version__ = "0.1.0"
