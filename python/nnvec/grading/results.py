"""What the grader answers: the points and message of each part, and the total."""

from __future__ import annotations

from dataclasses import dataclass, field

from .cases import Part

__all__ = ["EXIT_BELOW_100", "GradeResult", "PartResult"]

#: Exit status of ``nnvec grade`` when the submission was graded but scored below 100.
EXIT_BELOW_100 = 1


@dataclass
class PartResult:
    """How a part went: points earned, and for a failed part what differed and a hint."""

    part: Part
    earned: int
    message: str = ""
    hint: str = ""
    mistake: str | None = None  # the name of the matching Mistake, if one matched

    @property
    def passed(self) -> bool:
        return self.earned == self.part.points

    def line(self) -> str:
        p = self.part
        head = f"Part {p.number}  {p.title:<42} {self.earned:>2} / {p.points:<2}"
        if self.passed:
            return f"{head}  passed"
        text = f"{head}  failed: {self.message}"
        if not text.endswith("."):
            text += "."
        return f"{text} Hint: {self.hint}" if self.hint else text


@dataclass
class GradeResult:
    """The graded parts, the randInitializeWeights check, and the total."""

    parts: list[PartResult] = field(default_factory=list)
    init_passed: bool = False
    init_message: str = ""
    #: The convention graded in (``'course'`` or ``'python-port'``) and why (the
    #: ``Convention:`` line of the report: given, detected, or the default).
    convention: str = "course"
    convention_reason: str = ""

    @property
    def total(self) -> int:
        return sum(r.earned for r in self.parts)

    @property
    def exit_status(self) -> int:
        return 0 if self.total == 100 else EXIT_BELOW_100

    def init_line(self) -> str:
        return (f"randInitializeWeights (checked, no points)  "
                f"{'passed' if self.init_passed else 'failed'}: {self.init_message}")

    def convention_line(self) -> str:
        return f"Convention: {self.convention} ({self.convention_reason})"

    def lines(self) -> list[str]:
        head = [self.convention_line()] if self.convention_reason else []
        return head + [r.line() for r in self.parts] + [self.init_line(),
                                                         f"Total: {self.total} / 100"]
