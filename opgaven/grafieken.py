"""Chart geometry for the opgaven pages, computed on the server so the pages need no JavaScript.

Pure functions: they take the rows to draw and return SVG coordinates for the templates.
"""

import math


def trend_grafiek(rapporten, *, max_balken=12, hoogte=160, balk=72, tussenruimte=16, boven=24, onder=28):
    """Bars of the money spent per reported period (the last `max_balken` periods), as SVG coordinates."""
    rapporten = list(rapporten)[-max_balken:]
    if not rapporten:
        return None
    maximum = max(r.besteed for r in rapporten)
    balken = []
    for i, rapport in enumerate(rapporten):
        h = round(float(rapport.besteed / maximum) * hoogte, 1) if maximum else 0
        x = tussenruimte + i * (balk + tussenruimte)
        balken.append(
            {
                "x": x,
                "y": round(boven + hoogte - h, 1),
                "tekst_y": round(boven + hoogte - h - 6, 1),
                "breedte": balk,
                "hoogte": h,
                "midden": x + balk / 2,
                "rapport": rapport,
            }
        )
    return {
        "breedte": tussenruimte + len(rapporten) * (balk + tussenruimte),
        "hoogte": boven + hoogte + onder,
        "basis": boven + hoogte,
        "label_y": boven + hoogte + 18,
        "balken": balken,
    }


def synergie_graaf(opgaven, links, *, breedte=800, hoogte=560, label_lengte=32):
    """Place the opgaven on a circle and draw a line for every synergy between two of them."""
    n = len(opgaven)
    if not n:
        return None
    cx, cy = breedte / 2, hoogte / 2
    straal = 0 if n == 1 else min(breedte, hoogte) / 2 - 90
    knopen = {}
    for i, opgave in enumerate(opgaven):
        hoek = -math.pi / 2 + 2 * math.pi * i / n
        cos, sin = math.cos(hoek), math.sin(hoek)
        r = 14 + 2 * min(getattr(opgave, "prioriteit", 0) or 0, 8)
        afstand = straal + r + 8
        titel = opgave.titel if len(opgave.titel) <= label_lengte else opgave.titel[: label_lengte - 1] + "…"
        knopen[opgave.pk] = {
            "nummer": i + 1,
            "opgave": opgave,
            "x": round(cx + straal * cos, 1),
            "y": round(cy + straal * sin, 1),
            "r": r,
            "nummer_y": round(cy + straal * sin + 5, 1),
            "label": titel,
            "label_x": round(cx + afstand * cos, 1) if n > 1 else cx,
            "label_y": round(cy + afstand * sin + (14 if sin > 0.5 else 0 if sin < -0.5 else 5), 1)
            if n > 1
            else cy + r + 20,
            "anker": "start" if cos > 0.3 and n > 1 else "end" if cos < -0.3 and n > 1 else "middle",
        }
    lijnen = [
        {"van": knopen[a], "naar": knopen[b], "reden": reden}
        for a, b, reden in links
        if a in knopen and b in knopen
    ]
    return {"breedte": breedte, "hoogte": hoogte, "knopen": list(knopen.values()), "lijnen": lijnen}
