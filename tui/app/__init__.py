"""The Textual app (layer 5). Only this package, `screens` and `widgets` import Textual."""

import os

# Textual paces frames at TEXTUAL_FPS (60 by default) and, after an idle spell, draws the frame that
# follows a keystroke's first one 17-33 ms late. Search results arrive in that second frame, so at
# 120 the wait is halved. Read when Textual is imported, which is after this; a user's value wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
