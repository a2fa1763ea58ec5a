"""mxlint: a linter for the MX records of DNS zones."""

__version__ = "0.1.0"

#: Where the project lives; rule pages are linked from SARIF output under it.
PROJECT_URL = "https://github.com/mxlint/mxlint"
