"""Addresses: the admin, the public pages of the knowledge base, and the sources."""

from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.generic import TemplateView

from relations.kept_pages import kept_page
from relations.views import (
    agreements,
    countries,
    country_index,
    home,
    meetings,
    officials,
    site_search,
)


class YearConverter:
    """Four digits: /meetings/2024/ is a year, /meetings/17/ a meeting (redirected)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class MonthConverter:
    regex = "0?[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


register_converter(YearConverter, "year")
register_converter(MonthConverter, "month")


# The lists, the home, the relationship pages and an official's page (many parts) are kept
# whole per data version (relations.kept_pages); a meeting's page keeps itself.
site_patterns = [
    path("", kept_page(home.home), name="home"),
    path("meetings/", kept_page(meetings.meeting_list), name="meetings"),
    path("meetings/<year:year>/", kept_page(meetings.meeting_year), name="meetings-year"),
    path(
        "meetings/<year:year>/<month:month>/",
        kept_page(meetings.meeting_month),
        name="meetings-month",
    ),
    # A meeting lives at /meeting/<id>/: /meetings/<four digits>/ is a year, so any id
    # could collide with one; /meetings/<id>/ for other numbers redirects there.
    path("meetings/<int:pk>/", meetings.meeting_redirect),
    path("meeting/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("officials/", kept_page(officials.official_list), name="officials"),
    path("officials/<int:pk>/", kept_page(officials.official_detail), name="official"),
    path("agreements/", kept_page(agreements.agreement_list), name="agreements"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement"),
    path("countries/", kept_page(country_index.country_index), name="countries"),
    path("countries/<str:pair>/", kept_page(countries.country_pair), name="country-pair"),
    path("search/", kept_page(site_search.site_search), name="search"),
]

urlpatterns = [
    # Search engines: the public pages, never the editors' admin.
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
    path("admin/", admin.site.urls),
    path("documents/", include("documents.urls")),
    path("", include((site_patterns, "relations"))),
]
