"""Topics of a meeting: what the sentences telling it talk about, from a general vocabulary."""

from documents.extraction.caseless import Caseless, Folded

TOPICS = {
    "demining": r"demining|mine action|mine clearance|landmines?|mine-free|unexploded ordnance",
    "trade": r"\btrade\b|exports?|imports?|tariffs?",
    "investment": r"investments?|investors?",
    "security and defence": r"security|defen[cs]e|military|maritime|naval|army|police",
    "infrastructure": r"infrastructure|roads?|bridges?|ports?|railways?|transmission|water supply",
    "human rights": r"human rights",
    "democracy": r"democra\w+|elections?",
    "development aid": r"\bgrants?\b|\bloans?\b|\bODA\b|development assistance|\baid\b",
    "education": r"scholarships?|education|universit\w+|students?|human resource development",
    "health": r"\bhealth\b|covid|pandemic|hospitals?|vaccines?",
    "digital": r"digital|cyber|5G|technology",
    "tourism": r"touris\w+|direct flights?",
    "regional affairs": r"ASEAN|Indo-Pacific|South China Sea|Myanmar|North Korea|Ukraine",
    "culture": r"cultur\w+|arts?\b|heritage|people-to-people|people to people",
    "energy and climate": r"energy|climate|electricity|renewable",
}
_COMPILED = {name: Caseless(rx) for name, rx in TOPICS.items()}


def topics_in(text: str) -> set[str]:
    folded = Folded.of(text)
    return {name for name, rx in _COMPILED.items() if rx.search(folded)}
