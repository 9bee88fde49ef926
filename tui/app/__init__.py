"""The Textual app (layer 5). Only this package, `screens` and `widgets` import Textual."""
