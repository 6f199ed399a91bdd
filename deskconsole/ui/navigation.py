"""The app's answers to the jump messages: screens ask to go somewhere, the app takes them.

A screen never imports another screen to open it; it posts :class:`OpenCase`,
:class:`OpenResident`, :class:`StartIntake` or :class:`OpenStatistics` (``ui/messages.py``)
and this mixin of the app pushes the screen or switches the mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deskconsole.ui.messages import OpenCase, OpenResident, OpenStatistics, StartIntake
from deskconsole.ui.screens.case_view import CaseScreen
from deskconsole.ui.screens.resident import ResidentScreen
from deskconsole.ui.screens.stats import StatsScreen

if TYPE_CHECKING:
    from deskconsole.ui.desk import Desk

    _Base = Desk
else:
    _Base = object


class Navigation(_Base):
    """Mixed into the app: open a case, a resident, Intake or the statistics."""

    def on_open_case(self, message: OpenCase) -> None:
        self.push_screen(CaseScreen(message.number))

    async def on_open_resident(self, message: OpenResident) -> None:
        if message.in_lookup and self.current_mode != "lookup":
            await self.switch_mode("lookup")
        self.push_screen(ResidentScreen(message.resident_id))

    def on_start_intake(self, message: StartIntake) -> None:
        self.intake_resident_id = message.resident_id
        self.switch_mode("intake")

    def on_open_statistics(self, message: OpenStatistics) -> None:
        self.push_screen(StatsScreen(scope=message.scope, street=message.street))
