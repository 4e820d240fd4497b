"""Paint scenes with Pillow: the two-panel PNG and the looping GIF.

One style for every picture: the colours below, the line weights of ``content.figures.scene``
and the frame's fixed scale. Shapes are painted at ``SUPERSAMPLE`` times the size and each
output pixel is the mean of the block it covers (``Image.reduce``): plain supersampling, which
antialiases every edge the same way (and is four times quicker than a Lanczos resize, which
looked no different). Nothing here reads a clock
or a random source, and Pillow writes no timestamps, so the same picture gives the same bytes.
No text is drawn: the pictures must read the same in every language.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from content.figures import FRAME, Layer, Picture, animation_poses, panel
from content.figures.shapes import Capsule, Disc, Ink, Polygon, Shape, Stroke, unit

RGB = tuple[int, int, int]

# Bump when the painting changes the pixels, so cached files and uploads are renewed.
STYLE_VERSION = 1
SUPERSAMPLE = 3
PANEL_PX = 540  # one panel of the PNG; the PNG is two panels side by side
ANIMATION_PX = 480
PNG_SIZE = (2 * PANEL_PX, PANEL_PX)
ANIMATION_SIZE = (ANIMATION_PX, ANIMATION_PX)
# The animation: eased steps each way, shown this long, with a hold at each end.
ANIMATION_STEPS = 12
FRAME_MS = 60
HOLD_MS = 500

BACKGROUND: RGB = (255, 255, 255)
INKS: dict[Ink, RGB] = {
    Ink.BODY: (29, 53, 87),
    Ink.FAR: (141, 169, 196),
    Ink.BAND: (231, 111, 81),
    Ink.METAL: (73, 80, 87),
    Ink.FURNITURE: (218, 223, 229),
    Ink.FLOOR: (160, 168, 178),
    Ink.ARROW: (42, 157, 143),
}
DIVIDER: RGB = (222, 226, 230)


@dataclass(frozen=True, slots=True)
class _Canvas:
    draw: ImageDraw.ImageDraw
    scale: float  # pixels per body height, supersampled
    left: float  # pixel offset of the panel's left edge, supersampled
    height: float  # the panel's height in pixels, supersampled

    def at(self, p: tuple[float, float]) -> tuple[float, float]:
        return (self.left + p[0] * self.scale, self.height - p[1] * self.scale)


def png_bytes(picture: Picture) -> bytes:
    """Start and end side by side, the arrow on the start panel, a chevron between them."""
    ss = SUPERSAMPLE
    image = Image.new("RGB", (PNG_SIZE[0] * ss, PNG_SIZE[1] * ss), BACKGROUND)
    draw = ImageDraw.Draw(image)
    scale = PANEL_PX * ss / FRAME.width
    panels = (panel(picture, picture.start, arrow=True), panel(picture, picture.end))
    for index, layers in enumerate(panels):
        _paint(_Canvas(draw, scale, index * PANEL_PX * ss, PANEL_PX * ss), layers)
    _divider(draw, PANEL_PX * ss, PANEL_PX * ss, scale)
    return _png(image.reduce(ss))


def gif_bytes(picture: Picture) -> bytes:
    """A loop from start to end and back, eased, holding a moment at each end."""
    ss = SUPERSAMPLE
    scale = ANIMATION_PX * ss / FRAME.width
    frames: list[Image.Image] = []
    for pose in animation_poses(picture, ANIMATION_STEPS):
        image = Image.new("RGB", (ANIMATION_PX * ss, ANIMATION_PX * ss), BACKGROUND)
        _paint(_Canvas(ImageDraw.Draw(image), scale, 0, ANIMATION_PX * ss), panel(picture, pose))
        frames.append(image.reduce(ss))
    palette = _palette()
    there = [frame.quantize(palette=palette, dither=Image.Dither.NONE) for frame in frames]
    loop = there + there[-2:0:-1]
    durations = [HOLD_MS if i in (0, ANIMATION_STEPS) else FRAME_MS for i in range(len(loop))]
    out = io.BytesIO()
    loop[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=loop[1:],
        duration=durations,
        loop=0,
        optimize=False,
        disposal=1,
    )
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _palette() -> Image.Image:
    """One fixed palette for every frame: each ink faded into the background in 15 steps.

    A fixed palette keeps colours from flickering between frames. Pillow matches colours to a
    palette approximately, so shades within a few levels of the background are left out: with
    them, pure background came out as a near-white shade.
    """
    colours: list[RGB] = [BACKGROUND]
    for ink in (*INKS.values(), DIVIDER):
        for step in range(1, 16):
            share = step / 15
            colour = _mix(BACKGROUND, ink, share)
            near_background = max(abs(a - b) for a, b in zip(colour, BACKGROUND, strict=True)) <= 8
            if not near_background and colour not in colours:
                colours.append(colour)
    flat = [channel for colour in colours for channel in colour]
    image = Image.new("P", (1, 1))
    image.putpalette(flat + [0] * (768 - len(flat)))
    return image


def _mix(a: RGB, b: RGB, share: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * share),
        round(a[1] + (b[1] - a[1]) * share),
        round(a[2] + (b[2] - a[2]) * share),
    )


def _paint(canvas: _Canvas, layers: Sequence[Layer]) -> None:
    halo = FRAME.halo
    for layer in layers:
        if layer.halo:
            for shape in layer.shapes:
                _shape(canvas, shape, BACKGROUND, grow=halo)
        for shape in layer.shapes:
            _shape(canvas, shape, INKS[shape.ink], grow=0.0)


def _shape(canvas: _Canvas, shape: Shape, colour: RGB, grow: float) -> None:
    if isinstance(shape, Capsule):
        _capsule(canvas, shape.a, shape.b, shape.ra + grow, shape.rb + grow, colour)
    elif isinstance(shape, Disc):
        _disc(canvas, shape.centre, shape.radius + grow, colour)
    elif isinstance(shape, Polygon):
        points = [canvas.at(p) for p in shape.points]
        if grow:
            width = max(1, round(2 * grow * canvas.scale))
            canvas.draw.line([*points, points[0]], fill=colour, width=width, joint="curve")
        canvas.draw.polygon(points, fill=colour)
    else:
        _stroke(canvas, shape, colour, grow)


def _disc(canvas: _Canvas, centre: tuple[float, float], radius: float, colour: RGB) -> None:
    x, y = canvas.at(centre)
    r = radius * canvas.scale
    canvas.draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def _capsule(
    canvas: _Canvas,
    a: tuple[float, float],
    b: tuple[float, float],
    ra: float,
    rb: float,
    colour: RGB,
) -> None:
    """Two discs and the band between their outer tangents: a tapered limb."""
    _disc(canvas, a, ra, colour)
    _disc(canvas, b, rb, colour)
    length = math.dist(a, b)
    if length <= abs(ra - rb):
        return
    dx, dy = unit(b[0] - a[0], b[1] - a[1])
    nx, ny = -dy, dx
    sin = (ra - rb) / length
    cos = math.sqrt(1 - sin * sin)
    corners = []
    for sign in (1.0, -1.0):
        mx, my = sign * nx * cos + dx * sin, sign * ny * cos + dy * sin
        corners.append(((a[0] + mx * ra, a[1] + my * ra), (b[0] + mx * rb, b[1] + my * rb)))
    outline = [corners[0][0], corners[0][1], corners[1][1], corners[1][0]]
    canvas.draw.polygon([canvas.at(p) for p in outline], fill=colour)


def _stroke(canvas: _Canvas, stroke: Stroke, colour: RGB, grow: float) -> None:
    points = list(stroke.points)
    if stroke.closed:
        points.append(points[0])
    half = stroke.width / 2 + grow
    width = max(1, round(2 * half * canvas.scale))
    canvas.draw.line([canvas.at(p) for p in points], fill=colour, width=width, joint="curve")
    for p in points:
        _disc(canvas, p, half, colour)


def _divider(draw: ImageDraw.ImageDraw, x: float, height: float, scale: float) -> None:
    """A thin line between the panels and a chevron on it: read left to right."""
    width = max(1, round(0.006 * scale))
    draw.line([(x, height * 0.08), (x, height * 0.92)], fill=DIVIDER, width=width)
    size = 0.05 * scale
    y = height * 0.5
    chevron = [(x - size * 0.5, y - size), (x + size * 0.5, y), (x - size * 0.5, y + size)]
    draw.polygon(
        [*chevron, (x - size * 0.1, y)],
        fill=BACKGROUND,
    )
    draw.line(chevron, fill=INKS[Ink.FLOOR], width=round(0.016 * scale), joint="curve")
