"""Components registered by name in a table, spaCy-style: `@backend("use-m3")`, `@export("glossary.csv")`."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def registrar(table: dict[str, T]) -> Callable[[str], Callable[[T], T]]:
    """A decorator factory that files what it decorates in `table` under the given name."""

    def register_as(name: str) -> Callable[[T], T]:
        def register(component: T) -> T:
            table[name] = component
            return component

        return register

    return register_as
