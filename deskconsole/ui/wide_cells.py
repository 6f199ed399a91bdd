"""Chinese (double-width) characters that survive a repaint where widgets' edges cross them.

Textual cuts every screen line at each widget's left and right edge and paints the pieces
("chops"). Where an edge falls in the middle of a double-width character of a widget on top
(a docked key over the footer's key list, a toast over a table), the character is split into
two blank cells and drops out of the line: "^p 命  面板". This compositor joins the two
pieces either side of such an edge into one when the same widget paints both, so the
character is written whole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.cells import cell_len
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip


def wide_char_middles(strip: Strip) -> set[int]:
    """Cell offsets that fall inside a double-width character (its second cell)."""
    middles: set[int] = set()
    position = 0
    for segment in strip:
        if segment.control:
            continue
        for char in segment.text:
            width = cell_len(char)
            if width == 2:
                middles.add(position + 1)
            position += width
    return middles


class WideSafeCompositor(Compositor):
    """Textual's compositor, never splitting a double-width character at a widget's edge."""

    def _render_chops(
        self,
        crop: Region,
        is_rendered_line: Callable[[int], bool],
    ) -> Sequence[Mapping[int, Strip]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(line[:-1]) for line in cuts]
        for region, clip, strips in self._get_renders(crop):
            render_region = region.intersection(clip)
            render_x = render_region.x
            first_cut, last_cut = render_region.column_span
            for y, strip in zip(render_region.line_range, strips, strict=False):
                if not is_rendered_line(y):
                    continue
                line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                kept = _join_split_characters(line, final_cuts, render_x, strip)
                pieces = strip.divide([cut - render_x for cut in kept[1:]])
                for cut, piece in zip(kept, pieces, strict=False):
                    if cut in line and line[cut] is None:
                        line[cut] = piece
        return chops  # type: ignore[return-value]

    def render_partial_update(self) -> ChopsUpdate | None:
        update = super().render_partial_update()
        if update is None:
            return None
        width = self.size.width
        update.chop_ends = [[*list(line)[1:], width] for line in update.chops]
        return update


def _join_split_characters(
    line: dict[int, Strip | None], cuts: list[int], render_x: int, strip: Strip
) -> list[int]:
    """``cuts`` without those inside a wide character whose both sides are still unpainted.

    The dropped cuts are removed from ``line``, so no widget behind paints there.
    """
    middles = wide_char_middles(strip)
    if not middles or len(cuts) < 3:
        return cuts
    kept = [cuts[0]]
    for cut in cuts[1:-1]:
        previous = kept[-1]
        if cut - render_x in middles and line.get(cut, 0) is None and line.get(previous, 0) is None:
            del line[cut]
            continue
        kept.append(cut)
    kept.append(cuts[-1])
    return kept
