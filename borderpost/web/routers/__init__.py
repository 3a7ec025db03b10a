"""One router per area; each route declares who may call it with ``require(...)``."""
