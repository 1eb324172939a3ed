"""The words a patient sees for exercise categories, body regions, positions and equipment.

The exercise files use short codes (`side_lying`, `towel_roll`); screens, handouts and the CLI
all show these plain-language names instead, so they are defined once, without Qt.
"""

from __future__ import annotations

from coach.domain.exercise import Category, Equipment, Position, Region

CATEGORY = {
    Category.MCKENZIE: "McKenzie",
    Category.CORE: "Core strength",
    Category.FLEXIBILITY: "Flexibility",
    Category.NEURAL: "Nerve mobility",
}

REGION = {
    Region.LUMBAR: "Lower back",
    Region.CERVICAL: "Neck",
    Region.THORACIC: "Upper back",
    Region.HIP: "Hip",
    Region.SHOULDER: "Shoulder",
    Region.KNEE: "Knee",
    Region.ANKLE: "Ankle and calf",
    Region.WHOLE_BODY: "Whole body",
}

POSITION = {
    Position.SUPINE: "Lying on your back",
    Position.PRONE: "Lying on your front",
    Position.SIDE_LYING: "Lying on your side",
    Position.QUADRUPED: "On hands and knees",
    Position.KNEELING: "Kneeling",
    Position.SITTING: "Sitting",
    Position.STANDING: "Standing",
}

EQUIPMENT = {
    Equipment.MAT: "Mat",
    Equipment.WALL: "Wall",
    Equipment.CHAIR: "Chair",
    Equipment.BED: "Bed",
    Equipment.STRAP: "Strap or belt",
    Equipment.TOWEL_ROLL: "Rolled towel",
    Equipment.PILLOW: "Pillow",
    Equipment.DOORWAY: "Doorway",
    Equipment.BAND: "Exercise band",
    Equipment.STEP: "Step or stair",
}
