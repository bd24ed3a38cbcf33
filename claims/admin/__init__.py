"""The editors' workspace (Django admin): where fact-checking happens.

One module per page family, so a page's code is where its name says:

- ``roles``: who may read and who may change (every page below uses its mixins);
- ``display``: the verdict badge and links the pages share (styles in
  ``claims/static/claims/admin/claims.css``);
- ``forms``: the forms that are not a ModelAdmin's own fields;
- ``filters``: the claim list's sidebar filters;
- ``articles``, ``actors``, ``events``, ``reviews``, ``relations``: one ModelAdmin each
  (``reviews`` holds the verdict record: reviews and evidence);
- ``claims``: the claim list and claim page, with ``claim_page`` (the panels around the form),
  ``claim_views`` (the relate, split and merge buttons) and ``bulk_verdict`` (the actions);
- ``import_page``: the "Import articles" page, reached from the article list;
- ``feeds``: the RSS and Atom feeds polled for new articles, with "Poll now";
- ``factchecks``: fact-checks published elsewhere, their "Import fact-checks" page and the
  claim page's "Attach as evidence" (its "Already checked elsewhere" panel is ``claim_page``).

Every edit that touches more than one row is a service in ``claims.editing``; these modules
only wire it to forms, buttons and permissions.
"""

from django.contrib import admin

from claims.models import (
    Actor,
    Article,
    Claim,
    ClaimRelation,
    Event,
    Evidence,
    FactCheck,
    Feed,
    Review,
)

from .actors import ActorAdmin
from .articles import ArticleAdmin
from .claims import ClaimAdmin
from .events import EventAdmin
from .factchecks import FactCheckAdmin
from .feeds import FeedAdmin
from .relations import ClaimRelationAdmin
from .reviews import EvidenceAdmin, ReviewAdmin

admin.site.register(Actor, ActorAdmin)
admin.site.register(Event, EventAdmin)
admin.site.register(Article, ArticleAdmin)
admin.site.register(Claim, ClaimAdmin)
admin.site.register(Review, ReviewAdmin)
admin.site.register(Evidence, EvidenceAdmin)
admin.site.register(ClaimRelation, ClaimRelationAdmin)
admin.site.register(Feed, FeedAdmin)
admin.site.register(FactCheck, FactCheckAdmin)
