"""The street's view on a screen: the ``w`` key that picks the community or desk shown,
and the line that says what is shown. Only on a store of several desks; on a store of
one desk the key is hidden and nothing shows."""

from __future__ import annotations

from textual.binding import Binding

from deskconsole.domain.street import Scope, Street
from deskconsole.i18n import t
from deskconsole.ui.screens.scope_picker import ScopePicker

SCOPE_BINDING = Binding("w", "pick_scope", "street.key_scope", tooltip="street.key_scope_tip")


class ScopeKeys:
    """Mixin of a :class:`~deskconsole.ui.screens.base.DeskScreen` that can be narrowed:
    ``scope`` is what it covers (``None``: its default), ``street`` the store's desks,
    set by the screen's loading worker with :meth:`street_known`."""

    scope: Scope | None = None
    street: Street | None = None

    @property
    def scope_applies(self) -> bool:
        """The store holds several desks: the key shows and the scope is named."""
        return self.street is not None and self.street.several

    def street_known(self, street: Street) -> None:
        """The loading worker read the store's desks (the footer may gain the key)."""
        had = self.scope_applies
        self.street = street
        if had != self.scope_applies:
            self.refresh_bindings()  # type: ignore[attr-defined]

    def scope_text(self) -> str:
        """``Covers: 金城社区（服务台 JC, JC2）``, or ``""`` on a store of one desk."""
        if not self.scope_applies or self.street is None:
            return ""
        scope = self.scope or self.default_scope(self.street)
        return t("street.covers", scope=scope.label(self.street))

    def scope_in_view(self, street: Street) -> Scope | None:
        """The scope a load reads with (``None`` on a store of one desk: as ever)."""
        return (self.scope or self.default_scope(street)) if street.several else None

    def action_pick_scope(self) -> None:
        if not self.scope_applies or self.street is None:
            return

        def picked(scope: Scope | None) -> None:
            if scope is not None and scope != self.scope:
                self.scope = scope
                self.scope_changed()

        current = self.scope or self.default_scope(self.street)
        self.app.push_screen(ScopePicker(self.street, current), picked)  # type: ignore[attr-defined]

    def default_scope(self, street: Street) -> Scope:
        """What the screen covers until another scope is picked: this desk."""
        return street.own_desk()

    def scope_changed(self) -> None:
        """Show what the new scope covers (the screen reloads or refilters)."""
        raise NotImplementedError
