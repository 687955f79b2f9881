"""Wall and CPU time per stage of a run, with the encoder's time counted as a stage of its own.

Sentences are encoded wherever a stage needs them (alignment, the glossary, the divergence
checks); the time spent in the encoder is taken out of the stage that asked and shown as
"encoding", so that each figure says what that stage's own work costs.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ruzh.align.encoders import Encoder


@dataclass
class Timings:
    encoder: Encoder | None = None
    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        wall, cpu, encoded = time.perf_counter(), time.process_time(), self._encoding()
        try:
            yield
        finally:
            in_encoder = [now - before for now, before in zip(self._encoding(), encoded)]
            self._add(name, time.perf_counter() - wall - in_encoder[0], time.process_time() - cpu - in_encoder[1])
            if in_encoder[0]:
                self._add("encoding", *in_encoder)

    def _add(self, name: str, wall: float, cpu: float) -> None:
        self.wall[name] = self.wall.get(name, 0.0) + wall
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu

    def _encoding(self) -> tuple[float, float]:
        return (self.encoder.wall, self.encoder.cpu) if self.encoder is not None else (0.0, 0.0)

    def line(self) -> str:
        """`Time (wall/CPU s): reading 0.4/0.4, …; total 9.1/12.0`, for the end of a verbose run."""
        parts = [f"{name} {self.wall[name]:.1f}/{self.cpu[name]:.1f}" for name in self.wall]
        return (f"Time (wall/CPU s): {', '.join(parts)}; "
                f"total {sum(self.wall.values()):.1f}/{sum(self.cpu.values()):.1f}")
