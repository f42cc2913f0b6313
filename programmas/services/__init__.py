"""Writes in programmas: drafting a version, the workflow, routing to the councils, council decisions, questions.

Every transition checks the actor's permission first, runs in one transaction (row locks where councils can race),
writes an action-log entry and queues its side effects (mail, PDFs) in the outbox (`regioportaal.outbox.enqueue`).

One module per topic; every name lives here too, so `services.submit_versie(...)` reads as before:

- versies: a programme's first version, its lines, participants and fixed contributions, new versions
- bevriezing: freezing the figures of a version (the split per member, with the rules it used)
- vaststelling: submit, send back, adopt, and the board's decision on its agenda item
- raden: routing to the councils, their deadlines, decisions and corrections, the answer to a zienswijze
- pc_stappen: the budget to gedeputeerde staten and the other steps of the P&C calendar
- instellingen: the region's programme arrangement and a programme's own route and meeting date
- vragen: council members' questions and the secretariat's answers
- pakketten: the review packet (PDF) per version and member council
"""

from ..regeling import regeling_van  # read through `services.regeling_van` by the tests
from .bevriezing import (
    _bevries,
)
from .instellingen import (
    REGELING_VELDEN,
    update_jaarprogramma,
    update_regeling,
)
from .pakketten import (
    PAKKET_GEDULD,
    build_reviewpakket,
    fail_reviewpakket,
    request_reviewpakket,
)
from .pc_stappen import (
    PC_STAPPEN,
    record_gs_verzending,
    record_pc_stap,
)
from .raden import (
    answer_zienswijze,
    record_raadsbesluit,
    route_versie,
    set_raad_deadline,
)
from .vaststelling import (
    adopt_versie,
    board_decision,
    send_back,
    submit_versie,
)
from .versies import (
    add_regel,
    draft_jaarprogramma,
    new_versie,
    remove_regel,
    set_vaste_bijdrage,
    update_regel,
)
from .vragen import (
    answer_question,
    ask_question,
)

__all__ = [
    "PAKKET_GEDULD",
    "PC_STAPPEN",
    "REGELING_VELDEN",
    "_bevries",
    "add_regel",
    "adopt_versie",
    "answer_question",
    "answer_zienswijze",
    "ask_question",
    "board_decision",
    "build_reviewpakket",
    "draft_jaarprogramma",
    "fail_reviewpakket",
    "new_versie",
    "record_gs_verzending",
    "record_pc_stap",
    "record_raadsbesluit",
    "regeling_van",
    "remove_regel",
    "request_reviewpakket",
    "route_versie",
    "send_back",
    "set_raad_deadline",
    "set_vaste_bijdrage",
    "submit_versie",
    "update_jaarprogramma",
    "update_regel",
    "update_regeling",
]
