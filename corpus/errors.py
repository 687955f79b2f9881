"""The one error a reader raises for bad input: it names the file and the problem."""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input that ruzh cannot use; the message is one line a translator understands."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
