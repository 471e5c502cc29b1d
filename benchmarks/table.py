"""One row of the benchmark table, and the table as markdown (what the README shows)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    target: str = "—"
    met: bool | None = None  # None: no target, or not measured

    def verdict(self) -> str:
        return {True: "met", False: "**not met**", None: "—"}[self.met]


def markdown(rows: list[Row]) -> str:
    lines = ["| measure | value | target | met? |", "|---|---|---|---|"]
    lines += [f"| {r.measure} | {r.value} | {r.target} | {r.verdict()} |" for r in rows]
    return "\n".join(lines)


def seconds(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.1f} s"


def megabytes(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"
