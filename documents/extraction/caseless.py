"""Patterns matched whatever the case, read faster on plain ASCII text.

`re.IGNORECASE` compares every character in both cases, which makes a pattern about twice
as slow as the same pattern in lower case over lower-case text. On ASCII text the two
find the same matches at the same offsets (lowering keeps the length and what is a word
character), so `Caseless` runs the lowered pattern over the lowered text there, and the
`re.IGNORECASE` pattern over any other text.
"""

import re
from dataclasses import dataclass

# An escape (`\b`, `\S`), a group's name (`(?P<d1>`, `(?P=d1)`), or one character.
_TOKEN = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|.", re.DOTALL)


def _lowered(pattern: str) -> str:
    """The pattern with its letters in lower case, escapes and group names as they are."""
    return "".join(
        token if token[0] == "\\" or token.startswith("(?P") else token.lower()
        for token in _TOKEN.findall(pattern)
    )


@dataclass(frozen=True)
class Folded:
    """A text as `Caseless` patterns read it: lowered when it is ASCII."""

    text: str
    ascii: bool

    @classmethod
    def of(cls, text: str) -> "Folded":
        return cls(text.lower(), True) if text.isascii() else cls(text, False)


class Caseless:
    def __init__(self, pattern: str):
        self.any_case = re.compile(pattern, re.IGNORECASE)
        self.lower_case = re.compile(_lowered(pattern))

    def on(self, folded: Folded) -> re.Pattern:
        """The compiled pattern that reads `folded.text`."""
        return self.lower_case if folded.ascii else self.any_case

    def search(self, folded: Folded) -> re.Match | None:
        return self.on(folded).search(folded.text)

    def finditer(self, folded: Folded):
        return self.on(folded).finditer(folded.text)
