"""Red flags: symptoms that need a doctor today, not an exercise session.

Worded in plain language from the clinical list in shared/CLINICAL.md. Coach supports care and
does not diagnose; every screen that shows these also says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RedFlag:
    key: str
    text: str
    neck_only: bool = False


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("bladder_bowel", "New trouble controlling your bladder or bowels"),
    RedFlag("saddle_numbness", "Numbness around the groin, genitals or buttocks (saddle area)"),
    RedFlag("progressive_weakness", "Weakness in a leg or arm that is getting worse"),
    RedFlag("fever_weight_loss", "Back pain with a fever, or weight loss you cannot explain"),
    RedFlag("night_pain", "Severe pain at night that does not ease when you change position"),
    RedFlag("trauma", "Pain that started after a fall, accident or other major injury"),
    RedFlag("dizziness", "Dizziness or fainting when you move your neck", neck_only=True),
    RedFlag("double_vision", "Double vision", neck_only=True),
    RedFlag("speech_swallowing", "Trouble speaking or swallowing", neck_only=True),
    RedFlag("drop_attacks", "Sudden falls without losing consciousness", neck_only=True),
)

URGENT_ADVICE = (
    "Do not exercise today. These symptoms need a medical check straight away: contact your "
    "doctor or an urgent-care service today, or call emergency services if they are severe or "
    "came on suddenly."
)

NOT_MEDICAL_ADVICE = (
    "Coach helps you follow the exercise programme you agreed with your therapist and keep a "
    "record of how you feel. It does not diagnose or treat anything and is not a substitute "
    "for medical advice. If an exercise makes pain spread further into your arm or leg, stop it "
    "and contact your therapist."
)
