"""Drafting a dossier from a news article: proposals for a person to review."""
