"""The models of raad: the information protocol per region (`Informatieafspraak`) and its log per council
(`Informatiezending`). One module per topic; the app label stays `raad`."""

from .protocol import Frequentie, Informatieafspraak, Informatiesoort, Informatiezending, Ontvangers

__all__ = ["Frequentie", "Informatieafspraak", "Informatiesoort", "Informatiezending", "Ontvangers"]
