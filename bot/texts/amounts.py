"""How doses and kit read: "3 x 10 per side", "8 jumps", "a hip-circle band", in the current
language (``bot.i18n``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final, Generic, TypeVar

from bot.i18n import N_, LazyText, ngettext
from bot.i18n import number as format_number
from bot.i18n import weight as format_weight
from content.model import Equipment, Prescription, Rung, Unit, WeightUnit

K = TypeVar("K")


class Labels(Mapping[K, str], Generic[K]):
    """A table of marked texts keyed by a code: each lookup translates in the current
    language, so the table reads like a ``dict`` of ``str`` wherever it is used."""

    def __init__(self, labels: Mapping[K, LazyText]) -> None:
        self._labels = dict(labels)

    def __getitem__(self, key: K) -> str:
        return str(self._labels[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)


# Kit as a label on its own (how-to cards, lists).
EQUIPMENT_LABELS: Final = Labels(
    {
        Equipment.NONE: N_("None (body weight)"),
        Equipment.HIP_BAND: N_("Hip-circle band"),
        Equipment.LONG_BAND: N_("Long band"),
        Equipment.DUMBBELLS: N_("Dumbbells"),
    }
)

# Kit inside a sentence ("a hip-circle band would unlock ...").
EQUIPMENT_PHRASES: Final = Labels(
    {
        Equipment.NONE: N_("nothing"),
        Equipment.HIP_BAND: N_("a hip-circle band"),
        Equipment.LONG_BAND: N_("a long band"),
        Equipment.DUMBBELLS: N_("dumbbells"),
    }
)


def format_amount(prescription: Prescription) -> str:
    """The dose as the runner reads it: "3 x 10", "3 x 10 per side", "3 x 30 s", "3 x 6 jumps"."""
    return _format(
        prescription.sets,
        str(prescription.reps),
        prescription.reps,
        prescription.unit,
        prescription.per_side,
    )


def format_range(rung: Rung) -> str:
    """A rung's whole range, for the how-to card: "3 x 8-12 per side", "3 x 6-8 jumps"."""
    return _format(
        rung.sets, f"{rung.rep_min}-{rung.rep_max}", rung.rep_max, rung.unit, rung.per_side
    )


def _format(sets: int, count: str, plural: int, unit: Unit, per_side: bool) -> str:
    if unit is Unit.SECONDS:
        if per_side:
            text = ngettext("{sets} x {count} s per side", "{sets} x {count} s per side", plural)
        else:
            text = ngettext("{sets} x {count} s", "{sets} x {count} s", plural)
    elif unit is Unit.CONTACTS:
        if per_side:
            text = ngettext(
                "{sets} x {count} jump per side", "{sets} x {count} jumps per side", plural
            )
        else:
            text = ngettext("{sets} x {count} jump", "{sets} x {count} jumps", plural)
    elif per_side:
        text = ngettext("{sets} x {count} per side", "{sets} x {count} per side", plural)
    else:
        text = ngettext("{sets} x {count}", "{sets} x {count}", plural)
    return text.format(sets=sets, count=count)


def amount(count: int, rung: Rung) -> str:
    """One set's amount inside a sentence: "12 reps", "40 s per side", "8 jumps"."""
    if rung.unit is Unit.SECONDS:
        if rung.per_side:
            text = ngettext("{count} s per side", "{count} s per side", count)
        else:
            text = ngettext("{count} s", "{count} s", count)
    elif rung.unit is Unit.CONTACTS:
        if rung.per_side:
            text = ngettext("{count} jump per side", "{count} jumps per side", count)
        else:
            text = ngettext("{count} jump", "{count} jumps", count)
    elif rung.per_side:
        text = ngettext("{count} rep per side", "{count} reps per side", count)
    else:
        text = ngettext("{count} rep", "{count} reps", count)
    return text.format(count=format_number(count))


def set_count(prescription: Prescription) -> str:
    """One set as the card asks for it: "10 reps", "30 s on each leg", "6 jumps"."""
    count = prescription.reps
    if prescription.unit is Unit.SECONDS:
        if prescription.per_side:
            text = ngettext("{count} s on each leg", "{count} s on each leg", count)
        else:
            text = ngettext("{count} s", "{count} s", count)
    elif prescription.unit is Unit.CONTACTS:
        if prescription.per_side:
            text = ngettext("{count} jump on each leg", "{count} jumps on each leg", count)
        else:
            text = ngettext("{count} jump", "{count} jumps", count)
    elif prescription.per_side:
        text = ngettext("{count} rep on each leg", "{count} reps on each leg", count)
    else:
        text = ngettext("{count} rep", "{count} reps", count)
    return text.format(count=format_number(count))


def weight(value: float, unit: WeightUnit) -> str:
    """A dumbbell weight: "12 kg", "12.5 kg", "25 lb" (the locale's decimal mark)."""
    return format_weight(value, unit)
