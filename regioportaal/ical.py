"""iCalendar (RFC 5545) written by hand: escaped text, times in UTC, lines folded at 75 octets, CRLF endings.

Shared by the meetings feeds (vergaderingen) and the P&C calendar (programmas)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .links import site_host

PRODID = "-//Regioportaal//Vergaderingen//NL"
MAX_OCTETS = 75


@dataclass
class Event:
    uid: str
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    dtstamp: datetime.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    status: str = ""  # e.g. "CANCELLED" (RFC 5545 3.8.1.11); empty: no STATUS line


def escape(text):
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def utc(value):
    """A datetime as a UTC DATE-TIME value (aware datetimes only)."""
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """Fold a content line into pieces of at most 75 octets, never splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line
    pieces, current, limit = [], b"", MAX_OCTETS
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode("utf-8"))
            current, limit = b"", MAX_OCTETS - 1  # a continuation line starts with one space
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def uid(kind, pk):
    return f"{kind}-{pk}@{site_host()}"


def calendar(events, *, name="", method="PUBLISH"):
    """Return the text of a VCALENDAR holding `events`."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc(event.dtstamp)}",
            f"DTSTART:{utc(event.start)}",
            f"DTEND:{utc(event.end)}",
            f"SEQUENCE:{event.sequence}",
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.status:
            lines.append(f"STATUS:{event.status}")
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def now():
    return timezone.now().replace(microsecond=0)
