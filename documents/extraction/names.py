"""Comparing people's names: one key however a name is spelled or ordered."""

import re
import unicodedata

_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case without accents: 'Sóc' -> 'soc'."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", fold(text)) if w]


def name_key(text: str) -> str:
    """The words of a name, folded and sorted: 'HAYASHI Yoshimasa' == 'Yoshimasa Hayashi'."""
    return " ".join(sorted(set(name_words(text))))
