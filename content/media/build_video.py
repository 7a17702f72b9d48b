"""Builds the course's short captioned video from slides and narration (a maintainer's tool;
the output is committed, so neither `make run` nor CI needs ffmpeg or espeak-ng).

    python content/media/build_video.py   # needs ffmpeg, espeak-ng and Pillow

Each slide is a picture, its narration is spoken by espeak-ng, and the captions file gets one
cue per sentence, timed from the narration's own length, so captions and speech agree.
"""

import subprocess
import tempfile
import wave
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
NAME = "learning-targets-just-right"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SIZE = (960, 540)

SLIDES = [
    (
        "Learning targets that are just right",
        [
            "A learning target tells a student what they will be able to do.",
            "This video shows three checks that make a target assessable.",
        ],
    ),
    (
        "1. Written for the student",
        ["Start with the words I can.", "Use language a student reads without help."],
    ),
    (
        "2. One verb you can observe",
        [
            "Understand and know cannot be seen.",
            "Explain, compare, solve and design can.",
            "Pick the verb that names what the student will show you.",
        ],
    ),
    (
        "3. Not too big, not too small",
        [
            "A whole unit is too big to assess in one task.",
            "One worksheet question is too small to be worth assessing again.",
            "Aim for a skill a student can show in one mastery task.",
        ],
    ),
    (
        "Your turn",
        [
            "Take one target from your course and run it through the checklist.",
            "Then post it in this module's activity.",
        ],
    ),
]


def slide_image(title, lines, path):
    image = Image.new("RGB", SIZE, "#0b3d5c")
    draw = ImageDraw.Draw(image)
    draw.text((60, 60), title, font=ImageFont.truetype(BOLD, 44), fill="#ffffff")
    y = 170
    body = ImageFont.truetype(FONT, 28)
    for line in lines:
        for part in _wrap(line, 52):
            draw.text((60, y), part, font=body, fill="#f2f2f2")
            y += 40
        y += 14
    image.save(path)


def _wrap(text, width):
    words, line, out = text.split(), "", []
    for word in words:
        if len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return out + [line]


def speak(text, path):
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
    with wave.open(str(path)) as audio:
        return audio.getnframes() / audio.getframerate()


def stamp(seconds):
    minutes, secs = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{secs:06.3f}"


def build():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cues, concat_video, concat_audio, clock = [], [], [], 0.0
        for index, (title, lines) in enumerate(SLIDES):
            picture = tmp / f"slide{index}.png"
            slide_image(title, lines, picture)
            sentences = [title.split(". ", 1)[-1] + "."] + lines
            slide_length = 0.0
            for number, sentence in enumerate(sentences):
                audio = tmp / f"s{index}-{number}.wav"
                length = speak(sentence, audio)
                cues.append((clock + slide_length, clock + slide_length + length, sentence))
                concat_audio.append(audio)
                slide_length += length
            concat_video.append((picture, slide_length))
            clock += slide_length
        (tmp / "video.txt").write_text(
            "".join(f"file '{p}'\nduration {d:.3f}\n" for p, d in concat_video) + f"file '{concat_video[-1][0]}'\n"
        )
        (tmp / "audio.txt").write_text("".join(f"file '{p}'\n" for p in concat_audio))
        subprocess.run(
            [
                "ffmpeg",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                str(tmp / "video.txt"),
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                str(tmp / "audio.txt"),
                "-vf",
                "fps=5,format=yuv420p",
                "-c:v",
                "libvpx-vp9",
                "-b:v",
                "0",
                "-crf",
                "45",
                "-c:a",
                "libopus",
                "-b:a",
                "24k",
                "-shortest",
                str(HERE / f"{NAME}.webm"),
            ],
            check=True,
        )
    vtt = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        vtt += [str(number), f"{stamp(start)} --> {stamp(end)}", text, ""]
    (HERE / f"{NAME}.vtt").write_text("\n".join(vtt), encoding="utf-8")
    print(f"{NAME}.webm: {clock:.1f} s, {len(cues)} captions")


if __name__ == "__main__":
    build()
