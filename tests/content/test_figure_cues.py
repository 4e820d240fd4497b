"""The poses show what the library's cues ask for: each test quotes the cue it checks.

Distances are in body heights (1.0 is the runner's height), angles in degrees.
"""

from __future__ import annotations

import math

from content.figures import BODY, Grip, Picture, Skeleton, View, pose_skeleton
from content.figures.catalogue import MOVEMENTS, all_pictures, picture_for

SIDE_VIEW = View.SIDE


def _end(exercise_id: str, rung_id: str) -> tuple[Picture, Skeleton]:
    picture = picture_for(exercise_id, rung_id)
    return picture, pose_skeleton(picture.end, picture.view)


def _start(exercise_id: str, rung_id: str) -> tuple[Picture, Skeleton]:
    picture = picture_for(exercise_id, rung_id)
    return picture, pose_skeleton(picture.start, picture.view)


def _angle_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The angle between two directions in the picture, in degrees."""
    dot = a[0] * b[0] + a[1] * b[1]
    return math.degrees(math.acos(max(-1.0, min(1.0, dot / (math.hypot(*a) * math.hypot(*b))))))


def _vector(sk: Skeleton, start: str, end: str) -> tuple[float, float]:
    return (sk[end][0] - sk[start][0], sk[end][1] - sk[start][1])


def test_squat_hips_back_and_down_thighs_about_level_knees_over_toes_heels_down() -> None:
    """'Send your hips back and down until your thighs are about level with the floor';
    'Knees travel in line with your toes'; 'Heels stay glued to the floor'."""
    picture, sk = _end("squat", "body_weight")
    assert abs(sk["right_knee"][1] - sk["right_hip"][1]) < 0.06
    assert sk["pelvis"][0] < sk["right_heel"][0]  # hips behind the heels
    assert sk["right_knee"][0] <= sk["right_toe"][0] + 0.02  # no further than the toes
    assert sk.underside("right_heel") < 0.005
    assert picture.end.trunk <= 45  # 'Chest proud'


def test_split_squat_trunk_upright_front_knee_over_mid_foot_back_knee_drops() -> None:
    """'Drop the back knee straight down and keep the front knee over the middle of the
    foot'; 'Stay tall'."""
    picture, sk = _end("squat", "split_squat")
    assert abs(picture.end.trunk) <= 10
    heel, toe = sk["right_heel"][0], sk["right_toe"][0]
    assert heel + 0.25 * (toe - heel) <= sk["right_knee"][0] <= heel + 0.75 * (toe - heel)
    assert sk.underside("left_knee") < 0.1
    _, start = _start("squat", "split_squat")
    dropped = start["left_knee"][1] - sk["left_knee"][1]
    moved_back = abs(start["left_knee"][0] - sk["left_knee"][0])
    assert dropped > 0.15 and moved_back < dropped  # mostly down


def test_lunge_front_shin_close_to_upright_trunk_tall_back_knee_hovers() -> None:
    """'Take a step long enough that your front shin stays close to upright'; 'Stay tall';
    'your back knee hovers just above the floor'."""
    picture, sk = _end("moving_lunge", "body_weight")
    shin = _vector(sk, "right_ankle", "right_knee")
    assert _angle_between(shin, (0.0, 1.0)) < 8
    assert abs(picture.end.trunk) <= 8
    assert 0.0 < sk.underside("left_knee") < 0.06
    assert sk.underside("right_heel") < 0.005  # 'whole front foot, heel included'


def test_single_leg_deadlift_one_line_head_to_heel_soft_standing_knee() -> None:
    """'One long flat line from head to heel, like a see-saw'; 'Hips stay square: the toes of
    the lifted leg point at the floor'; not 'Bending the standing knee so far that it turns
    into a squat'."""
    for rung in ("body_weight", "supported"):
        picture, sk = _end("single_leg_deadlift", rung)
        trunk = _vector(sk, "pelvis", "shoulders")
        leg = _vector(sk, "left_ankle", "left_hip")
        assert _angle_between(trunk, leg) < 6, rung
        assert abs(picture.end.neck) <= 5, rung  # the head stays in the line
        assert 5 <= picture.end.right_leg.knee <= 30, rung
        toes = _vector(sk, "left_heel", "left_ball")
        assert _angle_between(toes, (0.0, -1.0)) < 25, rung  # toes to the floor
    picture, _ = _end("single_leg_deadlift", "body_weight")
    assert picture.end.trunk >= 70  # 'close to level with the floor'


def test_supported_deadlift_hand_rests_on_the_wall_and_the_head_clears_it() -> None:
    picture = picture_for("single_leg_deadlift", "supported")
    (wall,) = picture.movement.things
    for pose in (picture.start, picture.end):
        sk = pose_skeleton(pose, SIDE_VIEW)
        assert abs(sk["right_hand"][0] + BODY.hand_radius - wall.x0) < 0.01
        assert sk["head"][0] + BODY.head < wall.x0


def test_dumbbells_hang_straight_down_close_to_the_body() -> None:
    """'Let the dumbbells hang straight down'; 'travel close to your standing shin'."""
    for exercise_id, rung_id in (
        ("moving_lunge", "dumbbells"),
        ("single_leg_deadlift", "dumbbells"),
        ("squat_jump", "dumbbells"),
        ("squat", "split_squat_dumbbells"),
    ):
        picture = picture_for(exercise_id, rung_id)
        assert picture.grip is Grip.PAIR_HANGING
        for pose in (picture.start, picture.end):
            sk = pose_skeleton(pose, SIDE_VIEW)
            assert abs(sk["right_hand"][0] - sk["right_shoulder"][0]) < 0.02, exercise_id


def test_squat_dumbbells_rest_at_the_shoulders() -> None:
    """'Hold a dumbbell at each shoulder'."""
    picture = picture_for("squat", "dumbbells")
    for pose in (picture.start, picture.end):
        sk = pose_skeleton(pose, SIDE_VIEW)
        assert math.dist(sk["right_hand"], sk["right_shoulder"]) < 0.12


def test_bridge_top_is_one_line_shoulders_hips_knee_with_the_shin_upright() -> None:
    """'raise your hips until shoulders, hips and knee form one straight line'; 'keep your
    shin upright at the top'; 'Push through the heel'."""
    for rung in ("two_leg", "one_leg", "shoulders_raised"):
        _, sk = _end("single_leg_bridge", rung)
        back = _vector(sk, "shoulders", "pelvis")
        thigh = _vector(sk, "right_hip", "right_knee")
        assert _angle_between(back, thigh) < 6, rung
        shin = _vector(sk, "right_ankle", "right_knee")
        assert _angle_between(shin, (0.0, 1.0)) < 12, rung
        assert sk.underside("right_heel") < 0.005, rung
        _, start = _start("single_leg_bridge", rung)
        assert sk["pelvis"][1] - start["pelvis"][1] > 0.1, rung


def test_one_legged_bridge_lifted_knee_level_with_the_other() -> None:
    """'Keep the lifted knee level with the other so your hips stay square'."""
    for rung in ("one_leg", "shoulders_raised"):
        picture = picture_for("single_leg_bridge", rung)
        for pose in (picture.start, picture.end):
            assert pose.left_leg.hip == pose.right_leg.hip, rung
            sk = pose_skeleton(pose, SIDE_VIEW)
            assert sk.underside("left_toe") > 0.05, rung  # the foot is off the floor


def test_calf_raise_rises_straight_up_tall_high_on_the_toes() -> None:
    """'Rise onto the balls of your feet as high as you can'; 'Stay tall: no leaning'."""
    for rung in ("two_leg", "step", "one_leg", "one_leg_step_dumbbell"):
        picture, sk = _end("calf_raise", rung)
        _, start = _start("calf_raise", rung)
        assert picture.end.trunk == 0 and picture.start.trunk == 0, rung
        assert sk["right_heel"][1] - start["right_heel"][1] > 0.07, rung
        assert abs(sk["head"][0] - start["head"][0]) < 0.08, rung  # up, not forward


def test_calf_raise_off_a_step_lets_the_heels_sink_below_its_edge() -> None:
    """'Let your heels sink below the step, then rise all the way up'."""
    for rung in ("step", "one_leg_step_dumbbell"):
        picture, sk = _start("calf_raise", rung)
        step = next(t for t in picture.movement.things if t.kind == "step")
        assert sk["right_heel"][1] < step.height - 0.03, rung
        assert sk["right_heel"][0] < step.x0  # the heel hangs off the edge


def test_one_leg_calf_raise_rests_the_other_foot_behind_the_ankle() -> None:
    """'One leg at a time, with the other foot resting behind your ankle'."""
    _, sk = _start("calf_raise", "one_leg")
    assert sk["left_toe"][0] < sk["right_ankle"][0]
    assert math.dist(sk["left_toe"], sk["right_ankle"]) < 0.08
    assert sk.underside("left_toe") > 0.01  # resting, not standing on it


def test_calf_raise_free_hand_holds_the_wall() -> None:
    """'Hold a wall with your free hand'."""
    for movement in (m for m in MOVEMENTS.values() if m.id.startswith("calf_raise")):
        wall = next(t for t in movement.things if t.kind == "wall")
        for pose in (movement.start, movement.end):
            sk = pose_skeleton(pose, SIDE_VIEW)
            assert abs(sk["left_hand"][0] + BODY.hand_radius - wall.x0) < 0.01, movement.id


def test_side_lunge_bent_knee_over_the_toes_other_leg_long_hips_back() -> None:
    """'The bent knee points over your toes, never inside the foot'; 'The straight leg stays
    long, with its whole foot on the floor'; 'Send your hips back as in a squat'."""
    picture, sk = _end("side_lunge", "body_weight")
    assert picture.view is View.FRONT
    # the right leg steps out to the viewer's left: its knee is over or outside the foot
    assert sk["right_knee"][0] <= sk["right_ankle"][0] + 0.01
    assert picture.end.left_leg.knee == 0
    assert sk.underside("left_heel") < 0.005 and sk.underside("left_ball") < 0.005
    assert sk.depth["pelvis"] < sk.depth["right_ankle"] - 0.1  # hips behind the foot
    assert 70 <= picture.end.right_leg.knee <= 100  # 'about 90 degrees'
    _, start = _start("side_lunge", "body_weight")
    assert start["right_ankle"][0] - sk["right_ankle"][0] > 0.4  # a wide step


def test_squat_jump_takes_off_from_a_half_squat_and_leaves_the_floor() -> None:
    """'Drop into a quarter- to half-squat and swing your arms back'; 'jump as high as you
    can'."""
    picture, sk = _end("squat_jump", "body_weight")
    assert min(sk.underside(name) for name in sk.points) > 0.05
    assert picture.start.right_arm.shoulder < 0  # arms back
    assert picture.end.right_arm.shoulder > 120  # arms up
    assert 60 <= picture.start.right_leg.knee <= 100


def test_every_picture_shows_one_whole_person() -> None:
    """The same body in every picture: nothing is drawn without a head and two of each limb."""
    for picture in all_pictures():
        sk = pose_skeleton(picture.start, picture.view)
        assert {"head", "right_hand", "left_hand", "right_toe", "left_toe"} <= set(sk.points)
