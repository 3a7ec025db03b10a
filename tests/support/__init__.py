"""Helpers shared by test packages (imported as ``tests.support.*``; pytest runs in importlib
mode with the checkout on ``pythonpath``). Fixtures stay in each package's conftest."""
