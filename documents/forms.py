"""The admin's upload form: one document, as a file or as pasted text, into the pipeline."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.text import slugify

from documents.models import Ingestion
from documents.reader import READERS, UnreadableDocument, check_size
from documents.services import UploadOutcome, ingest_upload
from documents.tasks import enqueue, new_batch

READABLE = ", ".join(sorted(READERS))


class UploadForm(forms.Form):
    duplicate = None  # after ingest(): the document an upload turned out to repeat

    file = forms.FileField(
        required=False,
        allow_empty_file=True,  # the reader says why an empty file cannot be read
        help_text=f"A {READABLE} file, in UTF-8.",
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(READERS))}),
    )
    text = forms.CharField(
        label="Or paste the text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 90}),
        help_text="Pasted text needs a title.",
    )
    title = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 90}),
        help_text="Stands instead of the title read from the document.",
    )
    published_on = forms.DateField(
        label="Published on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Stands instead of the date read from the document.",
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text") or ""
        if upload and text.strip():
            raise forms.ValidationError("Upload a file or paste a text, not both.")
        if not upload and not text.strip():
            if "file" not in self.errors and "text" not in self.errors:
                raise forms.ValidationError("Upload a file or paste a text.")
            return data
        if text.strip() and not (data.get("title") or "").strip():
            self.add_error("title", "Give pasted text a title.")
        if upload:
            try:  # before reading it: a file too large is refused unread
                check_size(
                    upload.size, name=upload.name, max_bytes=settings.BILATERAL_MAX_DOCUMENT_BYTES
                )
            except UnreadableDocument as exc:
                self.add_error("file", str(exc))
        return data

    def enqueue(self) -> Ingestion:
        """Hand the valid form's document to the task queue (a worker ingests it)."""
        data = self.cleaned_data
        title = (data.get("title") or "").strip()
        editor = {"title": title} if title else {}
        if data.get("published_on"):
            editor["published_on"] = data["published_on"].isoformat()
        upload = data.get("file")
        if upload:
            name, content = upload.name, upload.read()
        else:
            name = f"{slugify(title)[:100] or 'pasted-text'}.txt"
            content = data["text"].replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
        name = Path(name.replace("\\", "/")).name[:255] or "upload.txt"
        return enqueue(name=name, data=content, batch=new_batch(), editor=editor)

    def ingest(self) -> UploadOutcome | None:
        """Run the valid form's document through ingestion; None, with the form's error
        set, when it cannot be ingested (the outcome of a duplicate is kept as `duplicate`)."""
        data = self.cleaned_data
        title = (data.get("title") or "").strip() or None
        upload = data.get("file")
        if upload:
            outcome = ingest_upload(
                name=upload.name,
                data=upload.read(),
                title=title,
                published_on=data.get("published_on"),
            )
        else:
            outcome = ingest_upload(
                name=f"{slugify(title)[:100] or 'pasted-text'}.txt",
                text=data["text"],
                title=title,
                published_on=data.get("published_on"),
            )
        if outcome.status == "new":
            return outcome
        self.duplicate = outcome.document if outcome.status == "unchanged" else None
        self.add_error("file" if upload else "text", outcome.message)
        return None
