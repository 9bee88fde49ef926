"""fact-explorer: explore who said what, when, and where they stand, in a news story."""

__version__ = "0.1.0"
