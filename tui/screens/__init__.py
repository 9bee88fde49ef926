"""Modal views: help, the country picker and the source article."""
