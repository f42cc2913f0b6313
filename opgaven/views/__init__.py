"""Pages of a region's strategy and opgaven, and the forms of the secretariat and the bestuurlijk opdrachtgever.

Who may see or do what is asked of opgaven.permissions only: an opgave the user may not see answers 404, an action
they may not take on one they can see answers 403. The services decide and write; the views read and render.

One module per page family; the names urls.py and the tests use live here too:

- paginas: the strategy, the filtered list of opgaven, the synergy graph and one opgave
- formulieren: the forms on an opgave (or a region), each calling one service
- strategie: the secretariat's strategy editor, and the page of one goal, theme or value

The charts' geometry is `opgaven.grafieken`.
"""

from ..grafieken import synergie_graaf, trend_grafiek
from ..selectors import opdrachtgevers_van
from .formulieren import (
    BudgetView,
    CapaciteitView,
    DeelView,
    FormulierView,
    IndicatorView,
    MandaatView,
    OpgaveBewerkenView,
    OpgaveNieuwView,
    StatusView,
    SynergieLeggenView,
    VerplichtingView,
    VoortgangView,
)
from .paginas import OpgavenView, OpgaveView, StrategieView, SynergieView
from .strategie import (
    OnderdeelActieView,
    OnderdeelNieuwView,
    OnderdeelView,
    PortefeuilleEindeView,
    PortefeuilleNieuwView,
    StrategieBeheerView,
)

__all__ = [
    "BudgetView",
    "CapaciteitView",
    "DeelView",
    "FormulierView",
    "IndicatorView",
    "MandaatView",
    "OnderdeelActieView",
    "OnderdeelNieuwView",
    "OnderdeelView",
    "OpgaveBewerkenView",
    "OpgaveNieuwView",
    "OpgaveView",
    "OpgavenView",
    "PortefeuilleEindeView",
    "PortefeuilleNieuwView",
    "StatusView",
    "StrategieBeheerView",
    "StrategieView",
    "SynergieLeggenView",
    "SynergieView",
    "VerplichtingView",
    "VoortgangView",
    "opdrachtgevers_van",
    "synergie_graaf",
    "trend_grafiek",
]
