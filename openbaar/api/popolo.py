"""Popolo JSON (http://www.popoloproject.com/specs/) of a region or one body: organizations, posts, memberships and
persons in public roles, what Open Civic Data tools import. Current seats only; never an e-mail address.

Ids are stable within the portal: `regio:<slug>`, `orgaan:<pk>`, `bestuur:<pk>`, `partij:<pk>`, `persoon:<pk>`,
`post:<pk>` and `lidmaatschap:<pk>` (a post is the seat of one membership).
"""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema
from pydantic import Field

from besturen.models import Orgaan

from . import selectors
from .http import MAX_ID, SLUG_PATROON

router = Router(tags=["Popolo"])


class Identifier(Schema):
    scheme: str
    identifier: str


class Organization(Schema):
    id: str
    name: str
    classification: str
    parent_id: str | None = None
    identifiers: list[Identifier] = []


class Person(Schema):
    id: str
    name: str
    given_name: str
    family_name: str


class Post(Schema):
    id: str
    label: str
    role: str
    organization_id: str


class Member(Schema):
    type: str = Field(alias="@type", serialization_alias="@type")
    id: str


class Membership(Schema):
    id: str
    role: str
    person_id: str | None = None
    member: Member | None = Field(None, description="Een externe partij die zelf de zetel heeft.")
    organization_id: str
    post_id: str
    on_behalf_of_id: str | None = None
    start_date: datetime.date
    end_date: datetime.date | None = None


class PopoloOut(Schema):
    organizations: list[Organization]
    posts: list[Post]
    persons: list[Person]
    memberships: list[Membership]


def _regio_org(regio):
    return {"id": f"regio:{regio.slug}", "name": regio.naam, "classification": "regio"}


def _bestuur_org(bestuur):
    return {
        "id": f"bestuur:{bestuur.pk}",
        "name": str(bestuur),
        "classification": bestuur.soort,
        "identifiers": [{"scheme": "NIS" if bestuur.land == "BE" else "CBS", "identifier": bestuur.code}],
    }


def _orgaan_org(orgaan):
    parent = f"regio:{orgaan.regio.slug}" if orgaan.regio_id else f"bestuur:{orgaan.bestuur_id}"
    return {
        "id": f"orgaan:{orgaan.pk}",
        "name": orgaan.naam,
        "classification": orgaan.soort,
        "parent_id": parent,
    }


def _document(organizations, zetels):
    """Popolo for `organizations` (dicts, in order) and the current seats `zetels` (loaded with their holders)."""
    orgs = {org["id"]: org for org in organizations}
    persons, posts, memberships = {}, [], []
    for zetel in zetels:
        if zetel.namens_id:
            orgs.setdefault(f"bestuur:{zetel.namens_id}", _bestuur_org(zetel.namens))
        if zetel.externe_partij_id:
            partij = zetel.externe_partij
            orgs.setdefault(
                f"partij:{partij.pk}",
                {"id": f"partij:{partij.pk}", "name": partij.naam, "classification": partij.soort},
            )
        orgaan_id = f"orgaan:{zetel.orgaan_id}"
        rol = zetel.get_rol_display()
        posts.append(
            {
                "id": f"post:{zetel.pk}",
                "label": f"{rol} ({zetel.orgaan.naam})",
                "role": rol,
                "organization_id": orgaan_id,
            }
        )
        lid = {
            "id": f"lidmaatschap:{zetel.pk}",
            "role": rol,
            "organization_id": orgaan_id,
            "post_id": f"post:{zetel.pk}",
            "start_date": zetel.begindatum,
            "end_date": zetel.einddatum,
        }
        if zetel.persoon_id:
            persoon = zetel.persoon
            persons.setdefault(
                persoon.pk,
                {
                    "id": f"persoon:{persoon.pk}",
                    "name": str(persoon),
                    "given_name": persoon.voornaam,
                    "family_name": persoon.achternaam,
                },
            )
            lid["person_id"] = f"persoon:{persoon.pk}"
            if zetel.namens_id:
                lid["on_behalf_of_id"] = f"bestuur:{zetel.namens_id}"
            elif zetel.externe_partij_id:
                lid["on_behalf_of_id"] = f"partij:{zetel.externe_partij_id}"
        else:
            lid["member"] = {"@type": "Organization", "id": f"partij:{zetel.externe_partij_id}"}
        memberships.append(lid)
    return {
        "organizations": list(orgs.values()),
        "posts": posts,
        "persons": sorted(persons.values(), key=lambda p: (p["family_name"], p["given_name"], p["id"])),
        "memberships": memberships,
    }


@router.get("regio/{slug}.json", response=PopoloOut, by_alias=True, url_name="popolo_regio")
def popolo_regio(request, slug: str = Path(..., pattern=SLUG_PATROON)):
    """The region, its current members, its bodies and their current seats (four queries, whatever the size)."""
    regio = selectors.regio_of_404(slug)
    organen = list(Orgaan.objects.filter(regio=regio).select_related("regio").order_by("naam", "pk"))
    organizations = [_regio_org(regio)]
    organizations += [_bestuur_org(bestuur) for bestuur in selectors.besturen(regio)]
    organizations += [_orgaan_org(orgaan) for orgaan in organen]
    return _document(organizations, selectors.zetels(regio=regio))


@router.get("orgaan/{pk}.json", response=PopoloOut, by_alias=True, url_name="popolo_orgaan")
def popolo_orgaan(request, pk: int = Path(..., ge=1, le=MAX_ID)):
    """One body, the region or government it belongs to, and its current seats."""
    orgaan = get_object_or_404(Orgaan.objects.select_related("regio", "bestuur"), pk=pk)
    eigenaar = _regio_org(orgaan.regio) if orgaan.regio_id else _bestuur_org(orgaan.bestuur)
    return _document([eigenaar, _orgaan_org(orgaan)], selectors.zetels(orgaan_id=orgaan.pk))
