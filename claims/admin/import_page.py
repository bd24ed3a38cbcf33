"""The admin's "Import articles" page: upload files, paste URLs or text, see one result per
article (a URL that cannot be fetched is one failed row naming it and the reason).

It runs the same code as ``manage.py import_articles`` (formats → pipeline → service), in one
batch per submission. It is admin UI, not part of the importer: the importer knows nothing of
forms or pages. Wired into ``ArticleAdmin.get_urls`` through ``import_urls``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from claims.extract.errors import ArticleError
from claims.extract.types import ArticleHints
from claims.importer import fetch, limits
from claims.importer.service import (
    MAX_URLS_PER_REQUEST,
    Importer,
    ImportResult,
    paste_source_name,
)
from claims.models import Article

PERMISSION = "claims.add_article"
URL_NAME = "claims_article_import"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        required=False,
        # An empty file is the importer's to refuse, by name, like any other bad file; the
        # form's generic "The submitted file is empty." would reject the whole upload.
        allow_empty_file=True,
        help_text="Plain text (optionally with a “Title: …” header block), HTML, JSON or "
        "JSON Lines. Several files at once are fine.",
    )
    urls = forms.CharField(
        label="URLs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 90}),
        help_text=f"One http(s) URL per line, at most {MAX_URLS_PER_REQUEST}: each page is "
        "fetched and imported under the URL it ends at after redirects. Addresses inside the "
        "newsroom's network are refused.",
    )
    text = forms.CharField(
        label="Or paste the article text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
    )
    title = forms.CharField(max_length=500, required=False)
    url = forms.URLField(label="URL", max_length=1000, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label="Published",
        required=False,
        help_text="YYYY-MM-DD",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    publisher = forms.CharField(max_length=200, required=False)
    dry_run = forms.BooleanField(
        label="Dry run", required=False, help_text="Parse and report, but save nothing."
    )

    def clean_urls(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data.get("urls", "").splitlines()]
        urls = list(dict.fromkeys(line for line in lines if line))
        for url in urls:
            if not fetch.looks_like_url(url):
                raise forms.ValidationError(
                    f"Not a URL: “{url[:100]}” (one http:// or https:// URL per line)."
                )
        if len(urls) > MAX_URLS_PER_REQUEST:
            raise forms.ValidationError(
                f"At most {MAX_URLS_PER_REQUEST} URLs at once, got {len(urls)} "
                "(manage.py import_articles takes any number)."
            )
        return urls

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "urls" not in data:
            return data  # its own error says why
        if not data.get("files") and not data["urls"] and not (data.get("text") or "").strip():
            raise forms.ValidationError("Choose at least one file, paste URLs or some text.")
        return data


def run_import(form: ImportForm) -> list[ImportResult]:
    data = form.cleaned_data
    importer = Importer(dry_run=bool(data.get("dry_run")))
    results: list[ImportResult] = []
    for upload in data.get("files") or []:
        name = upload.name or "upload"
        try:
            limits.check_size(upload.size or 0)  # before reading it into memory
        except ArticleError as exc:
            results.append(
                ImportResult(
                    status="failed", source_name=name, error=str(exc), dry_run=importer.dry_run
                )
            )
            continue
        results.extend(importer.data(upload.read(), source_name=name))
    for url in data.get("urls") or []:
        results.extend(importer.url(url))
    text = data.get("text") or ""
    if text.strip():
        hints = ArticleHints(
            title=data.get("title") or None,
            url=data.get("url") or None,
            published_on=data.get("published_on"),
            publisher=data.get("publisher") or None,
        )
        results.extend(importer.data(text, source_name=paste_source_name(text), hints=hints))
    return results


def import_articles_view(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    # admin_view() has already required an active staff user; adding articles is the right.
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    results: list[ImportResult] | None = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            results = run_import(form)
    else:
        form = ImportForm()
    counts: dict[str, int] = {}
    for r in results or []:
        counts[r.status] = counts.get(r.status, 0) + 1
    context = {
        **admin_site.each_context(request),
        "title": "Import articles",
        "opts": Article._meta,
        "form": form,
        "results": results,
        "counts": counts,
        "max_mb": round(limits.max_import_bytes() / (1024 * 1024), 1),
    }
    return TemplateResponse(request, "admin/claims/import_articles.html", context)


def import_urls(admin_site: AdminSite) -> list[URLPattern]:
    """URL patterns for ``ModelAdmin.get_urls`` (put them before the default ones, whose
    ``<object_id>/`` pattern would otherwise swallow "import/")."""

    def view(request: HttpRequest) -> HttpResponse:
        return import_articles_view(request, admin_site)

    return [path("import/", admin_site.admin_view(view), name=URL_NAME)]
