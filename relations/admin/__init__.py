"""The editors' admin: review, correct, merge and split what extraction found.

- Correct: every field of every fact is editable. Whatever an editor changes (form fields,
  and the participants / posts / aliases inlines) is recorded in the fact's `edited_fields`,
  so re-ingestion never writes it again (relations.services). The change form shows, per
  field, what extraction proposed and whether an editor set it.
- Review queue (`admin:relations_review_queue`, linked from the admin index and from the fact
  lists): every fact still `extracted`, oldest documents first, beside its quoted evidence,
  with verify / reject for one or many. The fact lists have the same actions.
- Merge: the "Merge selected …" action on officials and meetings asks which record to keep,
  then calls relations.editing.merge_officials / merge_meetings.
- Split: "Split off as its own official" on aliases; "Take off the meeting" and "Move to
  another official" on participations (also from the alias / participation change pages,
  which the official's and meeting's inlines link to).
- History: SimpleHistoryAdmin (who, when, what; revert).
- Two editors at once: FactAdminForm (relations.admin_forms) refuses a save made from a form
  opened at an older `version`; every save raises the version.

Writes that are editors' decisions go through relations.editing.
"""

from relations.admin import facts, merge_split, reference  # noqa: F401  (registers the admins)
