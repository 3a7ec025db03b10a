"""What every benchmark beside a peer needs: the machine it ran on, and the peer's own venv.

A peer (``mrz``, ``pydifact``, ...) is installed into ``bench/.venv-<name>`` on first use,
never into the project's environment: some are GPL, and none is a project dependency.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

__all__ = ["machine", "peer_python"]

BENCH = Path(__file__).resolve().parent


def machine() -> str:
    """The CPU model, core count and Python version, for the figures' heading."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def peer_python(package: str) -> Path | None:
    """The python of ``bench/.venv-<package>`` with ``package`` installed (made on first use),
    or None when it cannot be installed here."""
    venv = BENCH / f".venv-{package}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", package], capture_output=True
        )
        if done.returncode != 0:
            return None
    return python
