import os

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from claims.dashboard import dashboard

admin.site.site_header = "claimtracker"
admin.site.site_title = "claimtracker"
admin.site.index_title = "Fact-checking desk"
# The admin's "View site" link opens the dashboard.
admin.site.site_url = "/dashboard/"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", include("claims.api.urls")),
    path("dashboard/", dashboard, name="dashboard"),
    path("", include("claims.public.urls")),
]

if os.environ.get("CLAIMTRACKER_BENCH_VIEWS") == "1":
    # Baselines for bench/http_load.py; production never sets the variable.
    urlpatterns.append(path("bench/", include("claims.devtools.bench_urls")))
