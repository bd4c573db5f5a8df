"""The admin's dashboard as the portal's editors need it (``editorial.dashboard``).

The Wagtail panel that the portal's review panel replaces is taken out: "Awaiting your
review" (the portal's panel names who submitted what and when, in a fixed number of
queries, and leads to the page, where the approval actions are). Kept, below the portal's
panels: the editor's own pages in moderation (what Presse waits for), their recent edits
and the pages they locked; and the site summary at the top, whose "Pages" link is the
shortest way into the page tree.
"""

from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from editorial.dashboard import PORTAL_PANELS


@hooks.register("construct_homepage_panels")
def portal_dashboard(request, panels):
    panels[:] = [panel for panel in panels if not isinstance(panel, WorkflowObjectsToModeratePanel)]
    panels.extend(panel() for panel in PORTAL_PANELS)
