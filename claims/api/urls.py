"""The REST API, mounted under /api/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from claims.api import views

# No ".json"-style suffix routes: ?format= selects the renderer, and the hand-written
# list/retrieve/action methods take no `format` argument (a suffix URL was a 500).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("events", views.EventViewSet, basename="event")
router.register("relations", views.RelationViewSet, basename="relation")
router.register("claimreview", views.ClaimReviewViewSet, basename="claimreview")
router.register("fact-checks", views.FactCheckViewSet, basename="fact-check")
router.register("stats", views.StatsViewSet, basename="stats")

urlpatterns = [
    path("", include(router.urls)),
    path("auth/token/", views.AuthTokenView.as_view(), name="auth-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
]
