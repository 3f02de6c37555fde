"""Site photos for the demo's progress updates, drawn with Pillow (no file from elsewhere).

A small picture of the kind of work a task does (a building going up, a road, water, a park): sky and
ground, the works in the task's colours, a date stamp in the corner as a site camera prints it. The same
task and day always give the same picture.
"""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from .choices import TaskCategory as C

SIZE = (640, 400)
# What a site looks like by category: building, road, water, green.
SCENES = {C.EDUCATION: "building", C.HEALTH: "building", C.ELDERLY_CARE: "building", C.HOUSING: "building",
          C.ROADS: "road", C.WATER: "water", C.ENVIRONMENT: "green", C.RURAL: "green", C.CULTURE_SPORTS: "green"}


def _sky(draw, rng):
    top, bottom = (rng.randint(90, 140), rng.randint(150, 190), 235), (215, 230, 245)
    for y in range(SIZE[1] // 2):
        t = y / (SIZE[1] / 2)
        draw.line([(0, y), (SIZE[0], y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))


def _building(draw, rng, ground):
    for _n in range(rng.randint(2, 4)):
        left, width = rng.randint(20, 460), rng.randint(90, 170)
        height = rng.randint(110, 210)
        grey = rng.randint(170, 215)
        draw.rectangle([left, ground - height, left + width, ground], fill=(grey, grey - 8, grey - 20))
        for row in range(ground - height + 14, ground - 20, 26):
            for col in range(left + 10, left + width - 16, 24):
                draw.rectangle([col, row, col + 12, row + 14], fill=(90, 120, 150))
    crane = rng.randint(380, 600)
    draw.line([(crane, ground), (crane, 60)], fill=(235, 170, 40), width=6)
    draw.line([(crane - 150, 68), (crane + 40, 68)], fill=(235, 170, 40), width=5)


def _road(draw, rng, ground):
    draw.polygon([(250, ground - 2), (390, ground - 2), (600, SIZE[1]), (40, SIZE[1])], fill=(70, 70, 75))
    for y in range(ground + 8, SIZE[1], 30):
        draw.line([(320, y), (320, y + 14)], fill=(240, 240, 240), width=4)
    for x in (rng.randint(60, 180), rng.randint(460, 580)):
        draw.rectangle([x, ground - 40, x + 50, ground - 10], fill=(230, 160, 30))


def _water(draw, rng, ground):
    draw.rectangle([0, ground, SIZE[0], SIZE[1]], fill=(70, 130, 170))
    for y in range(ground + 10, SIZE[1], 18):
        draw.arc([rng.randint(0, 500), y, rng.randint(520, 640), y + 10], 0, 180, fill=(150, 195, 220), width=2)
    draw.rectangle([0, ground - 16, SIZE[0], ground], fill=(150, 150, 140))


def _green(draw, rng, ground):
    for _n in range(rng.randint(5, 9)):
        x, size = rng.randint(10, 620), rng.randint(25, 55)
        draw.rectangle([x - 4, ground - size, x + 4, ground], fill=(110, 80, 50))
        draw.ellipse([x - size // 2 - 10, ground - size * 2, x + size // 2 + 10, ground - size + 10],
                     fill=(60, rng.randint(120, 160), 70))


def site_photo(task, day):
    """A JPEG (``ContentFile`` named ``site-<code>-<day>.jpg``) of the task's site on ``day``."""
    rng = random.Random(f"{task.code}-{day}")
    image = Image.new("RGB", SIZE, (200, 200, 200))
    draw = ImageDraw.Draw(image)
    _sky(draw, rng)
    ground = SIZE[1] // 2 + rng.randint(20, 60)
    draw.rectangle([0, ground, SIZE[0], SIZE[1]], fill=(rng.randint(110, 140), rng.randint(120, 150), 90))
    {"building": _building, "road": _road, "water": _water, "green": _green}[SCENES.get(task.category, "building")](
        draw, rng, ground)
    stamp = day.strftime("%Y-%m-%d")
    draw.rectangle([SIZE[0] - 150, SIZE[1] - 34, SIZE[0] - 8, SIZE[1] - 8], fill=(0, 0, 0))
    draw.text((SIZE[0] - 140, SIZE[1] - 28), stamp, fill=(255, 200, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return ContentFile(buffer.getvalue(), name=f"现场照片-{task.code}-{stamp}.jpg")
