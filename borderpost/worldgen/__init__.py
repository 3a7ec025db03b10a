"""Writing synthetic worlds to disk (a service: it does I/O; the world itself is
:mod:`borderpost.sim.world`)."""

from borderpost.worldgen.writer import FILES, Progress, Summary, WorldOutputError, write_world

__all__ = ["FILES", "Progress", "Summary", "WorldOutputError", "write_world"]
