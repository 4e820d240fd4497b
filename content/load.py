"""Dumbbell weight: the unit a runner counts in, reading a typed weight, and the next step up.

COACHING.md: once the top rung is reached with dumbbells, progress the weight by about
5-10% when every set reaches the top of the range (ACSM 2009: 2-10% load increases). A new
weight is rounded to what dumbbells come in: 1 kg steps up to 10 kg and 2 kg above, or 5 lb.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from content.model import WeightUnit

# Countries that weigh in pounds (Telegram's language codes carry a region only sometimes).
POUND_REGIONS: Final = frozenset({"US", "LR", "MM"})
# The raise aimed at, between the 5% and 10% of COACHING.md.
RAISE: Final = 0.075
# Weights outside this are typos, not dumbbells.
MAX_WEIGHT: Final = {WeightUnit.KG: 100.0, WeightUnit.LB: 220.0}

_UNIT_WORDS: Final = {
    "kg": WeightUnit.KG,
    "kgs": WeightUnit.KG,
    "kilo": WeightUnit.KG,
    "kilos": WeightUnit.KG,
    "kilogram": WeightUnit.KG,
    "kilograms": WeightUnit.KG,
    "kilogramm": WeightUnit.KG,
    "kilogramos": WeightUnit.KG,
    "kilogrammes": WeightUnit.KG,
    "lb": WeightUnit.LB,
    "lbs": WeightUnit.LB,
    "pound": WeightUnit.LB,
    "pounds": WeightUnit.LB,
    "libras": WeightUnit.LB,
}
_WEIGHT = re.compile(r"^\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*([a-z]*)\.?\s*$", re.IGNORECASE)


def unit_for(language_code: str | None) -> WeightUnit:
    """Pounds for a Telegram language code from a pound country (en-US), else kilograms."""
    if not language_code:
        return WeightUnit.KG
    region = language_code.replace("_", "-").split("-")[-1].upper()
    return WeightUnit.LB if "-" in language_code and region in POUND_REGIONS else WeightUnit.KG


class WeightReading(StrEnum):
    WEIGHT = "weight"  # a number with its unit
    BARE = "bare"  # a number alone: the weight, or the reps?
    NONE = "none"  # not a weight


@dataclass(frozen=True, slots=True)
class TypedWeight:
    reading: WeightReading
    value: float = 0.0
    unit: WeightUnit | None = None


def read_weight(text: str) -> TypedWeight:
    """What a runner typed on a loaded card: "12.5 kg", "25 lb", "12,5kg", or a bare "12"."""
    match = _WEIGHT.match(text)
    if match is None:
        return TypedWeight(WeightReading.NONE)
    value = float(match.group(1).replace(",", "."))
    word = match.group(2).lower()
    if not word:
        return (
            TypedWeight(WeightReading.BARE, value)
            if value > 0
            else TypedWeight(WeightReading.NONE)
        )
    unit = _UNIT_WORDS.get(word)
    if unit is None or not 0 < value <= MAX_WEIGHT[unit]:
        return TypedWeight(WeightReading.NONE)
    return TypedWeight(WeightReading.WEIGHT, value, unit)


def step(weight: float, unit: WeightUnit) -> float:
    """The gap between dumbbells at this weight."""
    if unit is WeightUnit.LB:
        return 5.0
    return 1.0 if weight < 10 else 2.0


def heavier(weight: float, unit: WeightUnit) -> float:
    """The next weight: about 7.5% more, rounded to a dumbbell step, at least one step up."""
    gap = step(weight, unit)
    rounded = round(weight * (1 + RAISE) / gap) * gap
    if rounded <= weight:  # too small a raise to reach the next dumbbell: take the next one
        rounded = math.floor(weight / gap + 1) * gap
    return float(rounded)


def convert(weight: float, source: WeightUnit, target: WeightUnit) -> float:
    """A weight in the other unit, rounded to a tenth."""
    if source is target:
        return weight
    factor = 2.20462 if target is WeightUnit.LB else 1 / 2.20462
    return round(weight * factor, 1)
