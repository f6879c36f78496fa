"""Writes the PDF fixtures beside this file (reportlab, a dev dependency):

    .venv/bin/python tests/data/sources/make_pdfs.py

- two_column.pdf: a two-page joint statement set in two columns, with a running header and
  page numbers, as ministries publish them;
- row_order.pdf: the same two-column layout written line by line across the page (left
  line, right line, next row …), as some layout programs emit it: text order in the file is
  not reading order;
- scanned.pdf: a page that is only an image of text (no text layer), as a scanner makes.
Invented text; no real document is copied.
"""

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

HERE = Path(__file__).parent

TITLE = "Joint Statement on the Strategic Partnership between the Two Kingdoms"
PARAGRAPHS = [
    "Phnom Penh, 9 June 2025",
    "At the invitation of H.E. Mr. Sok Vannak, Minister of Foreign Affairs and International "
    "Cooperation of the Kingdom of Cambodia, H.E. Mr. Lars Holmberg, Minister for Foreign "
    "Affairs of the Kingdom of Sweden, paid an official visit to Cambodia from 8 to 10 June "
    "2025.",
    "The two ministers held talks on 9 June 2025 in Phnom Penh and reviewed the progress of "
    "bilateral cooperation in trade, education, clean energy and demining since the previous "
    "round of consultations.",
    "Both sides welcomed the signing of the Agreement on the Avoidance of Double Taxation and "
    "of the Memorandum of Understanding on Cooperation in Higher Education, witnessed by the "
    "two ministers.",
    "The Swedish side reaffirmed its support for mine clearance in the north-western "
    "provinces and announced further funding for the training of deminers over the coming "
    "three years.",
    "The ministers agreed to hold the next consultations in Stockholm in 2026 and to "
    "encourage exchanges between universities, chambers of commerce and civil society.",
    "The two sides exchanged views on regional and international issues of common concern, "
    "including maritime security, climate change and the reform of multilateral institutions.",
    "Minister Holmberg thanked the Cambodian Government for the warm hospitality extended to "
    "the delegation and invited Minister Sok Vannak to visit Sweden at a mutually convenient "
    "time.",
]


def two_column(path: Path) -> None:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.fontSize, body.leading, body.spaceAfter = 10, 13, 8
    width, height = A4
    gap, margin = 1 * cm, 2 * cm
    column = (width - 2 * margin - gap) / 2
    frames = [
        Frame(margin, margin, column, height - 2 * margin - 1 * cm, id="left"),
        Frame(margin + column + gap, margin, column, height - 2 * margin - 1 * cm, id="right"),
    ]

    def furniture(canv, doc):
        canv.setFont("Helvetica", 8)
        canv.drawString(margin, height - 1.5 * cm, "Ministry of Foreign Affairs — Press Office")
        canv.drawCentredString(width / 2, 1.2 * cm, f"Page {doc.page}")

    doc = BaseDocTemplate(str(path), pagesize=A4, title=TITLE, author="Press Office")
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=furniture)])
    story = [Paragraph(TITLE, styles["Heading2"])]
    # Enough paragraphs for two pages: the statement, then its annex of programmes.
    story += [Paragraph(p, body) for p in PARAGRAPHS]
    story.append(Paragraph("Annex: programmes of cooperation", styles["Heading3"]))
    for n in range(1, 15):
        story.append(
            Paragraph(
                f"Programme {n}. The two sides will continue the exchange of experts and the "
                "joint training of officials in this field, and will review its results each "
                "year at the consultations between the two foreign ministries.",
                body,
            )
        )
    doc.build(story)


def row_order(path: Path) -> None:
    from reportlab.lib.utils import simpleSplit

    width, height = A4
    margin, gap = 2 * cm, 1 * cm
    column = (width - 2 * margin - gap) / 2
    lines: list[str] = [*simpleSplit(TITLE.upper(), "Helvetica", 10, column), ""]
    for paragraph in PARAGRAPHS:
        lines += simpleSplit(paragraph, "Helvetica", 10, column) + [""]
    half = (len(lines) + 1) // 2
    left, right = lines[:half], lines[half:]
    canv = canvas.Canvas(str(path), pagesize=A4)
    canv.setFont("Helvetica", 10)
    y = height - margin
    for n in range(half):  # one row at a time, across both columns
        canv.drawString(margin, y, left[n])
        if n < len(right):
            canv.drawString(margin + column + gap, y, right[n])
        y -= 13
    canv.showPage()
    canv.save()


def scanned(path: Path) -> None:
    """An image of a page (drawn pixels, no text objects), like a scanner's output."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate([TITLE[:60], *(p[:70] for p in PARAGRAPHS)]):
        draw.text((60, 80 + 30 * n), line, fill=0)
    canv = canvas.Canvas(str(path), pagesize=A4)
    image_path = HERE / "_scan.png"
    image.save(image_path)
    canv.drawImage(str(image_path), 0, 0, *A4)
    canv.showPage()
    canv.save()
    image_path.unlink()


if __name__ == "__main__":
    two_column(HERE / "two_column.pdf")
    row_order(HERE / "row_order.pdf")
    scanned(HERE / "scanned.pdf")
