"""Grading a student's solution: the parts and cases (`grade`), a whole class
(`grade_class`), running untrusted code isolated (`submission`, `sandbox`,
`grade_worker`) and the known mistakes behind the hints (`mistakes`)."""
