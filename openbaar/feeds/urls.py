from django.urls import path

from . import feeds, views

urlpatterns = [
    path("regio/<slug:slug>/besluiten.atom", feeds.RegioBesluitenFeed(), name="regio_besluiten"),
    path("regio/<slug:slug>/agendas.atom", feeds.RegioAgendasFeed(), name="regio_agendas"),
    path("orgaan/<int:pk>/besluiten.atom", feeds.OrgaanBesluitenFeed(), name="orgaan_besluiten"),
    path("orgaan/<int:pk>/agendas.atom", feeds.OrgaanAgendasFeed(), name="orgaan_agendas"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_sectie, name="sitemap_sectie"),
    path("robots.txt", views.robots_txt, name="robots"),
]
