"""How doses and kit read: "3 x 10 per side", "8 jumps", "a hip-circle band"."""

from __future__ import annotations

from typing import Final

from content.model import Equipment, Prescription, Rung, Unit, WeightUnit

# Kit as a label on its own (how-to cards, lists).
EQUIPMENT_LABELS: Final[dict[Equipment, str]] = {
    Equipment.NONE: "None (body weight)",
    Equipment.HIP_BAND: "Hip-circle band",
    Equipment.LONG_BAND: "Long band",
    Equipment.DUMBBELLS: "Dumbbells",
}

# Kit inside a sentence ("a hip-circle band would unlock ...").
EQUIPMENT_PHRASES: Final[dict[Equipment, str]] = {
    Equipment.NONE: "nothing",
    Equipment.HIP_BAND: "a hip-circle band",
    Equipment.LONG_BAND: "a long band",
    Equipment.DUMBBELLS: "dumbbells",
}


def format_amount(prescription: Prescription) -> str:
    """The dose as the runner reads it: "3 x 10", "3 x 10 per side", "3 x 30 s", "3 x 6 jumps"."""
    return _format(
        prescription.sets, str(prescription.reps), prescription.unit, prescription.per_side
    )


def format_range(rung: Rung) -> str:
    """A rung's whole range, for the how-to card: "3 x 8-12 per side", "3 x 6-8 jumps"."""
    return _format(rung.sets, f"{rung.rep_min}-{rung.rep_max}", rung.unit, rung.per_side)


def _format(sets: int, count: str, unit: Unit, per_side: bool) -> str:
    suffix = {Unit.REPS: "", Unit.SECONDS: " s", Unit.CONTACTS: " jumps"}[unit]
    if unit is Unit.CONTACTS and count == "1":
        suffix = " jump"
    side = " per side" if per_side else ""
    return f"{sets} x {count}{suffix}{side}"


def amount(count: int, rung: Rung) -> str:
    """One set's amount inside a sentence: "12 reps", "40 s per side", "8 jumps"."""
    if rung.unit is Unit.SECONDS:
        words = f"{count} s"
    else:
        noun = "rep" if rung.unit is Unit.REPS else "jump"
        words = f"{count} {noun}{'' if count == 1 else 's'}"
    return f"{words} per side" if rung.per_side else words


def set_count(prescription: Prescription) -> str:
    """One set as the card asks for it: "10 reps", "30 s on each leg", "6 jumps"."""
    if prescription.unit is Unit.SECONDS:
        words = f"{prescription.reps} s"
    elif prescription.unit is Unit.CONTACTS:
        words = f"{prescription.reps} jumps"
    else:
        words = f"{prescription.reps} reps"
    return f"{words} on each leg" if prescription.per_side else words


def weight(value: float, unit: WeightUnit) -> str:
    """A dumbbell weight: "12 kg", "12.5 kg", "25 lb"."""
    number = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{number} {unit.value}"
