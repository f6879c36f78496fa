"""The filters of a list in its page title, so a tab, a bookmark and a screen reader's
first words say what the list holds ('Meetings (Kind: Summit or Courtesy call), page 2')."""

from django import template

register = template.Library()


@register.simple_tag
def title_filters(chips, query="", page=None) -> str:
    """The chips' labels as they combine, leaving out a search the title already names."""
    words = []
    for chip in chips or []:
        if query and chip.label.endswith(f": {query}"):
            continue
        if words:
            words.append(f" {chip.joiner} " if chip.joiner else ", ")
        words.append(chip.label)
    text = f" ({''.join(words)})" if words else ""
    number = getattr(page, "number", 1)  # a page of rows, or "" on a page without one
    if number > 1:
        text += f", page {number}"
    return text
