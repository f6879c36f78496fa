"""Writing a document's agreements: found by amount or title, their direction
(who gives, who receives), parties and signatories."""

from decimal import Decimal

from documents.extraction.agreement_merging import title_key
from documents.extraction.candidates import AgreementCandidate
from relations.models import Agreement, ReviewState
from relations.writing.rows import link, locked, save_if_changed, survivor, values, writable


class AgreementWriting:
    """The agreements' part of the document writer (`relations.services._Writer`)."""

    def agreements_(self) -> None:
        for cand in self.extraction.agreements:
            self._agreement(cand)

    def _find_agreement(self, cand: AgreementCandidate) -> Agreement | None:
        if cand.amount:
            amount = Decimal(str(cand.amount))
            low, high = amount * Decimal("0.98"), amount * Decimal("1.02")
            # Two items of one document are two agreements (extraction has already merged
            # its own repetitions), however alike their amounts.
            found = Agreement.objects.filter(
                currency=cand.currency, amount__gte=low, amount__lte=high
            ).exclude(pk__in=self.touched["agreement"])
            first = found.order_by("pk").first()
            if first is not None:
                return survivor(first)
        key = title_key(cand.title)
        titles = Agreement.objects.filter(amount__isnull=cand.amount is None).values_list(
            "pk", "title"
        )
        for pk, title in titles:
            if title_key(title) == key:
                return survivor(Agreement.objects.get(pk=pk))
        return None

    def _direction(self, agreement: Agreement, cand: AgreementCandidate) -> None:
        """Who gives and who receives, where a text says so: written together, once, and
        never over an editor's."""
        names = ("from_country", "to_country")
        if not (cand.giver and cand.receiver) or not all(writable(agreement, n) for n in names):
            return
        if agreement.from_country_id is None and agreement.to_country_id is None:
            before = values(agreement)
            agreement.from_country = self.country(cand.giver)
            agreement.to_country = self.country(cand.receiver)
            save_if_changed(agreement, before)

    def _agreement(self, cand: AgreementCandidate) -> Agreement | None:
        agreement = locked(
            self._previous(Agreement, "agreement", cand.fingerprint) or self._find_agreement(cand)
        )
        if agreement is not None and agreement.review_state == ReviewState.REJECTED:
            return None
        meeting = self.meetings.get(cand.meeting) if cand.meeting is not None else None
        extracted = {
            "kind": cand.kind,
            "title": cand.title,
            "amount": cand.amount,
            "currency": cand.currency,
        }
        new = agreement is None
        if new:
            agreement = _new_agreement(cand, meeting, extracted)
            self.stats.created["agreements"] += 1
        else:
            if agreement.pk not in self.touched["agreement"]:
                self.stats.merged["agreements"] += 1
            _update_agreement(agreement, cand, meeting, extracted)
        self._direction(agreement, cand)
        if writable(agreement, "parties"):
            link(agreement, "parties", [self.country(c) for c in sorted(cand.parties)], new=new)
        if writable(agreement, "signatories"):
            signatories = [o for k in cand.signatories if (o := self.officials.get(k))]
            link(agreement, "signatories", signatories, new=new)
        self.touched["agreement"].add(agreement.pk)
        self._evidence(agreement, "agreement", cand.fingerprint, cand.evidence)
        return agreement


def _new_agreement(cand: AgreementCandidate, meeting, extracted: dict) -> Agreement:
    agreement = Agreement(
        kind=cand.kind,
        title=cand.title[:300],
        amount=Decimal(str(cand.amount)) if cand.amount is not None else None,
        currency=cand.currency or "",
        date=cand.date,
        status=cand.status,
        meeting=meeting,
        terms=cand.terms,
        extracted_values=extracted,
    )
    agreement.save()
    return agreement


def _update_agreement(agreement: Agreement, cand: AgreementCandidate, meeting, extracted) -> None:
    """A known agreement seen again: a date, a meeting, terms where it had none, in the
    fields no editor set."""
    before = values(agreement)
    if writable(agreement, "date") and agreement.date is None and cand.date:
        agreement.date = cand.date
    if writable(agreement, "meeting") and agreement.meeting_id is None and meeting:
        agreement.meeting = meeting
    if writable(agreement, "terms") and not agreement.terms:
        agreement.terms = cand.terms
    agreement.extracted_values = extracted
    save_if_changed(agreement, before)
