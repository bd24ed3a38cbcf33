"""Forms of the claims admin pages that are not a ModelAdmin's own fields: the actor and claim
forms, and the intermediate pages (merge actors, bulk verdict, relate, split)."""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

from django import forms
from django.core.exceptions import ValidationError

from claims import editing
from claims.extract.types import Precision
from claims.models import Actor, Claim, ClaimRelation, Evidence


class ActorForm(forms.ModelForm):
    # Longer than the column so a pasted item URL gets here; the model validates the result.
    wikidata_id = forms.CharField(
        label="Wikidata ID",
        max_length=300,
        required=False,
        help_text="Q… item ID, e.g. Q7747; pasting the item's Wikidata URL works too.",
    )

    class Meta:
        model = Actor
        fields = ["name", "kind", "description", "wikidata_id"]

    def clean_wikidata_id(self) -> str:
        # Editors paste whatever they have: "q42", " Q42 ", or the item's URL.
        value = (self.cleaned_data.get("wikidata_id") or "").strip()
        value = value.rstrip("/").rsplit("/", 1)[-1]
        value = value.upper() if value[:1] in ("q", "Q") else value
        if value:
            taken = Actor.objects.filter(wikidata_id=value).exclude(pk=self.instance.pk).first()
            if taken is not None:
                raise ValidationError(
                    f"{value} is already the Wikidata ID of “{taken.name}”. If they are the "
                    "same actor, merge them (the “Merge selected duplicate actors” action)."
                )
        return value


class ActorMergeForm(forms.Form):
    keep = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Keep")


PRECISIONS = get_args(Precision)  # the importer's precisions, in its order


class DateMentionsWidget(forms.Widget):
    """Mentioned dates as rows (as written, date, precision) plus an empty row to add one;
    a row left blank is dropped. No JSON for editors to type."""

    template_name = "admin/claims/widgets/date_mentions.html"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[dict[str, str]]:
        columns = [data.getlist(f"{name}-{part}") for part in ("text", "date", "precision")]
        return [
            {"text": text.strip(), "date": date.strip(), "precision": precision}
            for text, date, precision in zip(*columns, strict=False)
        ]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return f"{name}-date" not in data

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        context["widget"]["rows"] = [*rows, {"text": "", "date": "", "precision": "day"}]
        context["widget"]["precisions"] = PRECISIONS
        return context


class DateMentionsField(forms.Field):
    """The ``mentioned_dates`` list from the rows of ``DateMentionsWidget``: ISO dates, the
    precision's first day (as the importer stores them), the written form defaulting to it."""

    widget = DateMentionsWidget

    def clean(self, value: Any) -> list[dict[str, str]]:
        cleaned, errors = [], []
        for number, row in enumerate(value or [], start=1):
            if not row.get("text") and not row.get("date"):
                continue  # the empty row
            try:
                day = dt.date.fromisoformat(row.get("date", ""))
            except ValueError:
                errors.append(f"Row {number}: “{row.get('date', '')}” is not a date (YYYY-MM-DD).")
                continue
            precision = row.get("precision") if row.get("precision") in PRECISIONS else "day"
            day = day.replace(day=1) if precision != "day" else day
            day = day.replace(month=1) if precision == "year" else day
            iso = day.isoformat()
            cleaned.append({"text": row.get("text") or iso, "date": iso, "precision": precision})
        if errors:
            raise ValidationError(errors)
        return cleaned

    def has_changed(self, initial: Any, data: Any) -> bool:
        stored = [d for d in initial if isinstance(d, dict)] if isinstance(initial, list) else []
        try:
            return self.clean(data) != stored
        except ValidationError:
            return True


class ClaimForm(forms.ModelForm):
    # The version the editor loaded; compared on save so a concurrent change is not lost.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    mentioned_dates = DateMentionsField(
        required=False,
        label="Mentioned dates",
        help_text="One row per date the claim names; fill the last row to add one, clear a "
        "row to remove it.",
    )

    class Meta:
        model = Claim
        fields = [
            "article",
            "position",
            "text",
            "kind",
            "speaker",
            "start",
            "end",
            "paragraph",
            "verdict",
            "verdict_note",
            "actors",
            "events",
            "mentioned_dates",
            "check_worthiness",
            "assignee",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self.instance.version
        if "assignee" in self.fields:
            # Claims go to editors only; the list is short (a desk), so a plain select.
            self.fields["assignee"].queryset = editing.editors()
            self.fields["assignee"].empty_label = "nobody"


class AssignForm(forms.Form):
    """The intermediate page of the bulk "assign to…" action."""

    assignee = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="nobody (take them back)",
        label="Assign to",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = editing.editors()


class BulkVerdictForm(forms.Form):
    """The intermediate page of a bulk verdict: note, optional evidence, and the versions the
    editor saw (so claims changed meanwhile are not overwritten)."""

    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))
    evidence_url = forms.URLField(
        label="Evidence URL", required=False, max_length=1000, assume_scheme="https"
    )
    evidence_title = forms.CharField(label="Evidence title", required=False, max_length=500)
    evidence_excerpt = forms.CharField(
        label="Evidence excerpt",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
    )
    evidence_stance = forms.ChoiceField(
        label="Stance", choices=Evidence.Stance.choices, initial=Evidence.Stance.CONTEXT
    )
    versions = forms.CharField(widget=forms.HiddenInput)

    def clean_versions(self) -> dict[int, int]:
        try:
            pairs = [item.split(":") for item in self.cleaned_data["versions"].split(",")]
            return {int(pk): int(version) for pk, version in pairs}
        except ValueError:
            raise ValidationError("Malformed selection; start again from the list.") from None

    def evidence(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        item = {
            "url": data.get("evidence_url", ""),
            "title": data.get("evidence_title", ""),
            "excerpt": data.get("evidence_excerpt", ""),
            "stance": data.get("evidence_stance", ""),
        }
        return [item] if item["url"] or item["excerpt"] or item["title"] else []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for item in self.evidence():
            try:
                Evidence.from_dict(item)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return data


class RelateForm(forms.Form):
    to_claim = forms.IntegerField()
    relation = forms.ChoiceField(choices=ClaimRelation.Relation.choices)
    note = forms.CharField(required=False)


class SplitForm(forms.Form):
    """Where to split: one of the offered sentence boundaries, or any character offset."""

    at = forms.IntegerField(required=False, min_value=1, widget=forms.RadioSelect)
    at_custom = forms.IntegerField(
        label="or split before character",
        required=False,
        min_value=1,
        help_text="Offset inside the claim text (0 is its first character) where the second "
        "part starts.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        at = data.get("at_custom") or data.get("at")
        if not at and not self.errors:
            raise ValidationError("Pick a sentence boundary or enter a character offset.")
        data["at"] = at
        return data
