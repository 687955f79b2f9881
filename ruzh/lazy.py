"""Package attributes imported on first use (PEP 562), so that `ruzh --help`, `ruzh lookup` and
`from ruzh.corpus import InputError` do not load spaCy, numpy and the models' code."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports each name from its module (`exports`: name -> module)
    the first time it is asked for."""
    def attribute(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(exports[name]), name)
    return attribute
