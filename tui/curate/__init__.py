"""Curating a dossier (no Textual): edit operations with undo and redo, spans worked out from the
text, proposals for new statements and events, a journal of unsaved edits, and safe saving.

    session = Session.open(path, journal_folder(state_path))
    session.do(ops.accept(session.data, Ref("statement", "s12")))
    session.undo(); session.redo()
    session.save()            # validates, then writes atomically
"""

from . import ops, propose, spans
from .items import CurationError, Ref, drafts, get_item, is_draft, stance_ref
from .journal import journal_folder
from .newdossier import empty_dossier
from .ops import Step
from .session import SaveResult, Session

__all__ = [
    "CurationError",
    "Ref",
    "SaveResult",
    "Session",
    "Step",
    "drafts",
    "empty_dossier",
    "get_item",
    "is_draft",
    "journal_folder",
    "ops",
    "propose",
    "spans",
    "stance_ref",
]
