"""The public fact-check pages, their Atom feed and the sitemap, mounted at the site root."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from claims.public import views
from claims.public.feeds import SITEMAPS, FactCheckFeed

urlpatterns = [
    path("fact-checks/", views.fact_check_index, name="public-fact-checks"),
    path("fact-checks/feed/", FactCheckFeed(), name="public-fact-check-feed"),
    path("fact-checks/<int:pk>/", views.fact_check, name="public-fact-check-short"),
    path("fact-checks/<int:pk>/<slug:slug>/", views.fact_check, name="public-fact-check"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
