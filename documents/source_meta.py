"""What a source says about itself, apart from its text: a web page's markup, a PDF's
information, a sidecar file or manifest row. It stands before what extraction guesses from
the text; an editor's correction (`Document.edited_fields`) stands before it."""

import datetime as dt
from dataclasses import dataclass, fields, replace

# Document fields a source can give, with the longest value each column holds.
LIMITS = {"title": 500, "publisher": 200, "byline": 200, "url": 2000}


@dataclass(frozen=True)
class SourceMeta:
    title: str = ""
    published_on: dt.date | None = None
    publisher: str = ""
    byline: str = ""
    url: str = ""

    def over(self, other: "SourceMeta") -> "SourceMeta":
        """These values, and `other`'s where these are blank."""
        return replace(
            other, **{f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        )

    def as_json(self) -> dict[str, str]:
        """The values given, for a JSON field (the date as YYYY-MM-DD)."""
        data = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                data[f.name] = value.isoformat()
            elif value:
                data[f.name] = value[: LIMITS[f.name]]
        return data

    @classmethod
    def from_json(cls, data: dict | None) -> "SourceMeta":
        data = dict(data or {})
        if data.get("published_on"):
            data["published_on"] = dt.date.fromisoformat(data["published_on"])
        return cls(**{f.name: data[f.name] for f in fields(cls) if data.get(f.name)})
