"""Plain text, Markdown, CSV, JSON, TimelineJS and citations (layer 4: no Textual)."""
