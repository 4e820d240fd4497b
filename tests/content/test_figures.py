"""Exercise pictures as data: every rung has one, every pose keeps human joint ranges, rests on
what it says it rests on, stays above the floor and inside the frame, all the way through."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from content.figures import (
    BODY,
    FRAME,
    Anchor,
    Arm,
    Band,
    Grip,
    Leg,
    Picture,
    Pose,
    View,
    animation_poses,
    blend,
    ease,
    panel,
    pose_skeleton,
)
from content.figures.catalogue import (
    MOVEMENTS,
    RUNG_MOVEMENTS,
    all_pictures,
    exercise_picture,
    picture_for,
)
from content.figures.checks import (
    TOLERANCE,
    contact_problems,
    floor_problems,
    frame_problems,
    joint_problems,
    problems,
)
from content.library import default_library
from content.model import Equipment

PICTURES = all_pictures()
BY_ID = {picture.id: picture for picture in PICTURES}


# --- every rung has a picture --------------------------------------------------------------


def test_every_rung_of_every_exercise_has_a_picture() -> None:
    for exercise in default_library():
        for rung in exercise.ladder:
            picture = picture_for(exercise.id, rung.id)
            assert picture.movement.id in MOVEMENTS, (exercise.id, rung.id)


def test_the_catalogue_names_only_rungs_the_library_has() -> None:
    library = {e.id: {r.id for r in e.ladder} for e in default_library()}
    assert set(RUNG_MOVEMENTS) == set(library)
    for exercise_id, rungs in RUNG_MOVEMENTS.items():
        assert set(rungs) == library[exercise_id], exercise_id


def test_every_movement_is_used_by_some_rung() -> None:
    used = {movement for rungs in RUNG_MOVEMENTS.values() for movement in rungs.values()}
    assert used == set(MOVEMENTS)


def test_a_rung_draws_its_own_kit_on_its_movement() -> None:
    banded = picture_for("squat", "hip_band")
    plain = picture_for("squat", "body_weight")
    assert banded.movement is plain.movement
    assert (banded.id, banded.bands, banded.grip) == ("squat-hip_band", (Band.THIGHS,), None)
    band = picture_for("single_leg_deadlift", "long_band")
    assert band.bands == (Band.ANKLES,)
    weights = picture_for("squat", "dumbbells")
    assert (weights.grip, weights.start.right_arm) != (None, plain.start.right_arm)
    assert picture_for("side_lunge", "dumbbell").grip is Grip.ONE_AT_CHEST
    assert picture_for("calf_raise", "one_leg_dumbbell").grip is Grip.ONE_HANGING


def test_rungs_that_change_only_tempo_or_sets_share_a_picture() -> None:
    assert picture_for("squat", "slow") == picture_for("squat", "body_weight")
    assert picture_for("squat_jump", "four_sets") == picture_for("squat_jump", "pause")
    assert picture_for("single_leg_bridge", "hold") == picture_for("single_leg_bridge", "one_leg")
    assert picture_for("squat", "split_squat") != picture_for("squat", "body_weight")


def test_all_pictures_lists_each_distinct_picture_once() -> None:
    ids = [picture.id for picture in PICTURES]
    assert len(ids) == len(set(ids))
    every = {
        picture_for(e.id, r.id).id for e in default_library() for r in e.ladder
    }  # fmt: skip
    assert set(ids) == every


def test_an_exercise_is_shown_by_its_first_rung() -> None:
    assert exercise_picture("calf_raise") == picture_for("calf_raise", "two_leg")


def test_a_missing_rung_names_what_is_missing() -> None:
    with pytest.raises(KeyError, match="no rung 'jumping_jack'"):
        picture_for("squat", "jumping_jack")


def test_a_rung_without_a_picture_says_where_to_add_it() -> None:
    exercise = default_library().get("squat")
    extra = replace(exercise.ladder[0], id="goblet")
    library = replace(
        default_library(),
        exercises=tuple(
            replace(e, ladder=(*e.ladder, extra)) if e.id == "squat" else e
            for e in default_library()
        ),
    )
    with pytest.raises(KeyError, match="no picture for exercise 'squat', rung 'goblet'"):
        picture_for("squat", "goblet", library)


def test_dumbbells_on_a_movement_without_a_hold_are_refused() -> None:
    exercise = default_library().get("single_leg_bridge")
    heavy = replace(exercise.ladder[1], equipment=frozenset({Equipment.DUMBBELLS}))
    library = replace(
        default_library(),
        exercises=tuple(
            replace(e, ladder=(*e.ladder[:1], heavy, *e.ladder[2:]))
            if e.id == "single_leg_bridge"
            else e
            for e in default_library()
        ),
    )
    with pytest.raises(KeyError, match="no dumbbell hold"):
        picture_for("single_leg_bridge", "one_leg", library)


# --- the body and its kinematics -----------------------------------------------------------


def test_standing_straight_the_body_has_its_proportions() -> None:
    sk = pose_skeleton(Pose(anchor=Anchor("right_heel")), View.SIDE)
    top_of_head = sk["head"][1] + BODY.head
    assert top_of_head == pytest.approx(1.0, abs=0.03)  # a pictogram head, a little large
    assert sk["right_hip"][1] == pytest.approx(0.53, abs=0.01)
    assert sk["shoulders"][1] == pytest.approx(0.82, abs=0.01)
    # standing, the sole is flat on the floor under the ankle
    assert sk.underside("right_heel") == pytest.approx(0.0, abs=1e-9)
    assert sk.underside("right_ball") == pytest.approx(0.0, abs=1e-6)
    assert sk["right_heel"][0] < sk["right_ankle"][0] < sk["right_ball"][0] < sk["right_toe"][0]


def test_angles_bend_the_way_their_names_say() -> None:
    def point(pose: Pose, name: str) -> tuple[float, float]:
        return pose_skeleton(pose, View.SIDE)[name]

    base = Pose(anchor=Anchor("pelvis", 0.0, 0.5))
    flexed = Pose(anchor=Anchor("pelvis", 0.0, 0.5), right_leg=Leg(hip=90.0))
    assert point(flexed, "right_knee")[0] > point(base, "right_knee")[0] + 0.2  # thigh forward
    bent = Pose(anchor=Anchor("pelvis", 0.0, 0.5), right_leg=Leg(knee=90.0))
    assert point(bent, "right_ankle")[0] < -0.2  # the shin folds back
    lean = Pose(anchor=Anchor("pelvis", 0.0, 0.5), trunk=45.0)
    assert point(lean, "shoulders")[0] > 0.15
    reach = Pose(anchor=Anchor("pelvis", 0.0, 0.5), right_arm=Arm(shoulder=90.0))
    assert point(reach, "right_hand")[1] == pytest.approx(point(reach, "right_shoulder")[1])
    tiptoe = Pose(anchor=Anchor("right_ball"), right_leg=Leg(ankle=-30.0))
    assert point(tiptoe, "right_heel")[1] > 0.05


def test_the_front_view_shows_the_right_side_on_the_viewers_left() -> None:
    sk = pose_skeleton(Pose(anchor=Anchor("pelvis", 0.0, 0.5)), View.FRONT)
    assert sk["right_hip"][0] < 0 < sk["left_hip"][0]
    side = pose_skeleton(Pose(anchor=Anchor("pelvis", 0.0, 0.5)), View.SIDE)
    assert side.depth["right_hip"] > side.depth["left_hip"]  # the right side is nearer


def test_blend_eases_from_start_to_end_and_keeps_the_pinned_point() -> None:
    start = Pose(anchor=Anchor("right_heel"))
    end = Pose(anchor=Anchor("right_heel", y=0.2), trunk=40.0, right_leg=Leg(knee=100.0))
    assert blend(start, end, 0.0) == start
    assert blend(start, end, 1.0) == end
    halfway = blend(start, end, 0.5)
    assert (halfway.trunk, halfway.right_leg.knee, halfway.anchor.y) == (20.0, 50.0, 0.1)
    assert ease(0.0) == 0.0 and ease(1.0) == 1.0 and ease(0.5) == pytest.approx(0.5)
    assert ease(0.1) < 0.1 < 0.9 < ease(0.9)  # slow at both ends
    with pytest.raises(ValueError, match="anchored at"):
        blend(start, Pose(anchor=Anchor("left_heel")), 0.5)


# --- the checks find what is wrong --------------------------------------------------------


def test_joint_ranges_catch_an_impossible_knee() -> None:
    pose = Pose(anchor=Anchor("right_heel"), right_leg=Leg(knee=170.0), left_leg=Leg(knee=-10.0))
    found = joint_problems(pose)
    assert any("right leg knee 170.0" in f for f in found)
    assert any("left leg knee -10.0" in f for f in found)
    assert joint_problems(Pose(anchor=Anchor("right_heel"))) == []


def test_contacts_catch_a_foot_off_the_floor() -> None:
    from content.figures.picture import Contact

    sk = pose_skeleton(Pose(anchor=Anchor("right_heel", y=0.05)), View.SIDE)
    assert contact_problems(sk, (Contact("right_heel"),)) == [
        "right_heel is +0.0500 from its surface at 0.0"
    ]


def test_floor_and_frame_checks_catch_a_sunken_or_escaped_figure() -> None:
    picture = BY_ID["squat"]
    sunk = replace(picture.start, anchor=Anchor("right_heel", y=-0.1))
    assert floor_problems(picture, sunk)
    flown = replace(picture.start, anchor=Anchor("right_heel", y=1.0))
    assert frame_problems(picture, flown)


# --- every picture keeps the rules --------------------------------------------------------


@pytest.mark.parametrize("picture", PICTURES, ids=lambda p: p.id)
def test_each_picture_keeps_the_joint_floor_and_frame_rules(picture: Picture) -> None:
    """Joint ranges and contacts at start and end; floor and frame in every animation step."""
    assert problems(picture) == []


def test_standing_feet_rest_flat_on_the_floor_within_a_couple_of_pixels() -> None:
    pixels = TOLERANCE * 540 / FRAME.width
    assert pixels <= 2
    for picture in PICTURES:
        for contact in picture.movement.start_contacts:
            sk = pose_skeleton(picture.start, picture.view)
            assert abs(sk.underside(contact.point) - contact.height) <= TOLERANCE


def test_the_animation_starts_and_ends_on_the_two_poses() -> None:
    for picture in PICTURES:
        poses = animation_poses(picture, 6)
        assert poses[0] == picture.start
        last = pose_skeleton(poses[-1], picture.view)
        end = pose_skeleton(picture.end, picture.view)
        assert all(math.dist(last[name], end[name]) < 1e-6 for name in end.points)


def test_a_panel_is_the_same_every_time() -> None:
    picture = BY_ID["side_lunge-dumbbells"]
    assert panel(picture, picture.start, arrow=True) == panel(picture, picture.start, arrow=True)


def test_the_arrow_runs_the_way_the_body_moves() -> None:
    """The arrow's head is where its point ends up: down for a squat, up for a calf raise."""
    for picture_id, direction in (("squat", -1), ("calf_raise", 1), ("bridge", 1)):
        picture = BY_ID[picture_id]
        shapes = panel(picture, picture.start, arrow=True)[-1].shapes
        shaft = shapes[0].points  # type: ignore[union-attr]
        assert (shaft[-1][1] - shaft[0][1]) * direction > 0.05, picture_id
    lunge = panel(BY_ID["lunge"], BY_ID["lunge"].start, arrow=True)[-1].shapes[0]
    assert lunge.points[-1][0] - lunge.points[0][0] > 0.2  # type: ignore[union-attr]


def test_pictures_follow_the_same_scale_everywhere() -> None:
    """Standing pictures show the same height: one body, one scale, in every picture."""
    heights = set()
    for picture_id in ("squat", "lunge", "calf_raise", "side_lunge"):
        picture = BY_ID[picture_id]
        sk = pose_skeleton(picture.start, picture.view)
        heights.add(round(sk["head"][1] - sk.underside("right_heel"), 2))
    assert len(heights) == 1
    assert math.isclose(FRAME.width, FRAME.height)
