#!/usr/bin/env python3
"""Regenerates the binary media of the sample courses (PDF handouts, the WAV clip and the video).

The SVG images are written by hand and live next to the lessons; this script makes only
the files that cannot sensibly be hand-edited:

  SampleCourses/python-foundations/media/python-cheat-sheet.pdf
  SampleCourses/digital-literacy/media/safe-online-checklist.pdf
  SampleCourses/digital-literacy/media/audio/passphrase-tip.wav   (needs espeak-ng)
  SampleCourses/digital-literacy/media/video/padlock.mp4          (needs espeak-ng and ffmpeg)
  SampleCourses/digital-literacy/media/video/padlock.poster.png
  SampleCourses/huerto-escolar/media/calendario-de-siembra.pdf

The video's captions (padlock.en.vtt, padlock.es.vtt) are text, written by hand next to it;
their cue times follow NARRATION below.

Usage: python3 scripts/sample-courses/make_media.py [--skip-audio] [--skip-video]

Standard library only. The PDFs are minimal PDF 1.4 files with the standard Type 1 fonts
(no embedding) in WinAnsiEncoding, so Spanish accents work. The WAV is espeak-ng speech,
low-pass filtered and resampled to 8 kHz, 8-bit mono to stay well under 100 KB.
"""

import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import wave

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "SampleCourses"))


# --------------------------------------------------------------------------- PDF

class Page:
    """Collects drawing operators for one A4 page (595 x 842 points, origin bottom left)."""

    FONTS = {"regular": "F1", "bold": "F2", "mono": "F3", "italic": "F4"}

    def __init__(self):
        self.ops = []

    @staticmethod
    def _escape(text):
        data = text.encode("cp1252")
        out = bytearray()
        for byte in data:
            if byte in (0x28, 0x29, 0x5C):          # ( ) \
                out += b"\\" + bytes([byte])
            elif byte < 0x20 or byte > 0x7E:
                out += b"\\%03o" % byte
            else:
                out.append(byte)
        return out.decode("ascii")

    def text(self, x, y, string, font="regular", size=11, rgb=(0, 0, 0)):
        r, g, b = rgb
        self.ops.append(f"BT {r:.3f} {g:.3f} {b:.3f} rg /{self.FONTS[font]} {size} Tf "
                        f"{x:.1f} {y:.1f} Td ({self._escape(string)}) Tj ET")

    def rect(self, x, y, w, h, fill=None, stroke=None, width=1):
        parts = [f"{width} w"]
        if fill:
            parts.append("{:.3f} {:.3f} {:.3f} rg".format(*fill))
        if stroke:
            parts.append("{:.3f} {:.3f} {:.3f} RG".format(*stroke))
        parts.append(f"{x:.1f} {y:.1f} {w:.1f} {h:.1f} re")
        parts.append("B" if fill and stroke else ("f" if fill else "S"))
        self.ops.append(" ".join(parts))

    def line(self, x1, y1, x2, y2, rgb=(0, 0, 0), width=1):
        self.ops.append("{} w {:.3f} {:.3f} {:.3f} RG {:.1f} {:.1f} m {:.1f} {:.1f} l S".format(
            width, *rgb, x1, y1, x2, y2))

    def stream(self):
        return ("\n".join(["q"] + self.ops + ["Q"]) + "\n").encode("ascii")


def write_pdf(path, pages, title, author, subject):
    """Writes a PDF 1.4 file with one content stream per page and an exact xref table."""
    objects = []                              # object bodies, object n at index n-1

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    fonts = {
        "F1": add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        "F2": add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"),
        "F3": add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"),
        "F4": add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique /Encoding /WinAnsiEncoding >>"),
    }
    font_dict = " ".join(f"/{name} {num} 0 R" for name, num in fonts.items())
    page_ids = []
    for page in pages:
        data = page.stream()
        content = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"endstream")
        page_ids.append(add(
            f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << {font_dict} >> >> /Contents {content} 0 R >>".encode("ascii")))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode("ascii")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode("ascii")

    def pdf_string(text):
        # UTF-16BE with a byte-order mark, as a hex string: safe for any character.
        return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"

    info = add(f"<< /Title {pdf_string(title)} /Author {pdf_string(author)} /Subject {pdf_string(subject)} "
               f"/Producer (Lectern sample media script) >>".encode("ascii"))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, xref))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(out)


def header(page, title, subtitle, rgb):
    page.rect(0, 762, 595, 80, fill=rgb)
    page.text(40, 804, title, font="bold", size=24, rgb=(1, 1, 1))
    page.text(40, 780, subtitle, size=12, rgb=(1, 1, 1))


def footer(page, text):
    page.line(40, 48, 555, 48, rgb=(0.6, 0.6, 0.6), width=0.5)
    page.text(40, 34, text, font="italic", size=9, rgb=(0.35, 0.35, 0.35))


def python_cheat_sheet():
    page = Page()
    blue = (0.118, 0.227, 0.373)
    header(page, "Python cheat sheet", "PY101 Python Foundations  -  everything used in the course on one page", blue)

    # Two columns of (heading, [(kind, text)]) blocks.
    left = [
        ("Running Python", [
            ("mono", "python3            # start the shell"),
            ("mono", "py                 # ... on Windows"),
            ("mono", "python3 hello.py   # run a file"),
            ("mono", "exit()             # leave the shell"),
        ]),
        ("Values and types", [
            ("mono", "42      int     whole number"),
            ("mono", "3.14    float   decimal number"),
            ("mono", "\"hi\"    str     text (a string)"),
            ("mono", "True    bool    True or False"),
            ("mono", "type(x)         which type is x?"),
        ]),
        ("Arithmetic", [
            ("mono", "+  -  *  /      7 / 2   -> 3.5"),
            ("mono", "//  whole div   7 // 2  -> 3"),
            ("mono", "%   remainder   7 % 2   -> 1"),
            ("mono", "**  power       7 ** 2  -> 49"),
        ]),
        ("Variables, input and output", [
            ("mono", "score = 0"),
            ("mono", "score += 10"),
            ("mono", "print(\"Score:\", score)"),
            ("mono", "name = input(\"Name? \")   # a str"),
            ("mono", "age = int(input(\"Age? \"))"),
            ("mono", "float(\"2.5\")   str(42)"),
        ]),
        ("Comparisons and logic", [
            ("mono", "==  !=  <  >  <=  >="),
            ("mono", "and   or   not"),
            ("text", "= stores a value, == compares two values."),
        ]),
    ]
    right = [
        ("Decisions", [
            ("mono", "if mark >= 80:"),
            ("mono", "    grade = \"A\""),
            ("mono", "elif mark >= 50:"),
            ("mono", "    grade = \"C\""),
            ("mono", "else:"),
            ("mono", "    grade = \"Not yet\""),
        ]),
        ("Loops", [
            ("mono", "for fruit in [\"apple\", \"fig\"]:"),
            ("mono", "    print(fruit)"),
            ("mono", "for n in range(1, 11):   # 1..10"),
            ("mono", "    print(n * 7)"),
            ("mono", "while savings < 100:"),
            ("mono", "    savings += 15"),
            ("mono", "break                    # leave a loop"),
        ]),
        ("Functions", [
            ("mono", "def area(width, height=1):"),
            ("mono", "    return width * height"),
            ("mono", "a = area(4, 3.5)         # 14.0"),
            ("mono", "assert area(2, 3) == 6"),
            ("text", "return hands a value back; print only shows it."),
        ]),
        ("Reading an error", [
            ("text", "1. Read the last line: the kind of error."),
            ("text", "2. Look at the line marked with ^."),
            ("text", "3. Check the file name and line number."),
        ]),
    ]

    def column(x, blocks):
        y = 732
        for heading, lines in blocks:
            page.text(x, y, heading, font="bold", size=13, rgb=blue)
            page.line(x, y - 5, x + 245, y - 5, rgb=(0.75, 0.8, 0.9), width=1)
            y -= 22
            for kind, line in lines:
                if kind == "mono":
                    page.text(x, y, line, font="mono", size=9.5)
                else:
                    page.text(x, y, line, size=10)
                y -= 14
            y -= 14

    column(40, left)
    column(310, right)
    footer(page, "Python Foundations (PY101), CC BY 4.0. Indent blocks with 4 spaces; "
                 "lines before a block end with a colon.")
    write_pdf(os.path.join(ROOT, "python-foundations", "media", "python-cheat-sheet.pdf"), [page],
              "Python cheat sheet", "Ada Okafor and Tomás Lindqvist", "PY101 Python Foundations")


def checklist_page(page, x, y, items, box_rgb):
    for item in items:
        page.rect(x, y - 3, 13, 13, stroke=box_rgb, width=1.2)
        first = True
        for part in item:
            page.text(x + 24, y, part, size=12 if first else 11, font="bold" if first else "regular",
                      rgb=(0, 0, 0) if first else (0.25, 0.25, 0.25))
            y -= 17
            first = False
        y -= 10
    return y


def safe_online_checklist():
    page = Page()
    green = (0.059, 0.463, 0.431)
    header(page, "Staying safe online: my checklist", "Digital Literacy  -  tick each box when you have done it", green)
    y = 726
    sections = [
        ("Passwords", [
            ("I use a long passphrase of three or more random words.",
             "Example pattern: purple kettle river (but never use an example!)"),
            ("Every important account has its own password.",
             "If one website leaks it, your other accounts stay safe."),
            ("I turned on 2-step verification for my email.",
             "A code on your phone stops thieves who know your password."),
        ]),
        ("Websites and links", [
            ("I check the address bar before I type a password.",
             "Read the real domain name just before the first single slash."),
            ("I know the padlock only means the connection is private.",
             "Scam websites can have a padlock too."),
        ]),
        ("Phishing", [
            ("I stop and think when a message is urgent or scary.",
             "Pressure to act now is the number one warning sign."),
            ("I never open links or attachments I was not expecting.",
             "Go to the website yourself, or phone the sender on a number you know."),
            ("I know who to tell if I clicked something by mistake.",
             "Tell an adult or your IT helpdesk, then change the password."),
        ]),
        ("Searching", [
            ("I check who wrote a page and when, before I trust it.",
             "Compare with at least one other reliable source."),
        ]),
    ]
    for title, items in sections:
        page.text(40, y, title, font="bold", size=15, rgb=green)
        y -= 26
        y = checklist_page(page, 48, y, items, green)
        y -= 6
    page.rect(40, 70, 515, 50, stroke=green, width=1)
    page.text(52, 100, "Need help? Tell a teacher, a librarian or a parent straight away.", font="bold", size=11)
    page.text(52, 82, "Nobody will be cross with you for reporting a scam; it helps keep everyone safe.", size=10.5)
    footer(page, "Digital Literacy sample course, CC BY-SA 4.0.")
    write_pdf(os.path.join(ROOT, "digital-literacy", "media", "safe-online-checklist.pdf"), [page],
              "Staying safe online: my checklist", "Digital Literacy course team", "Digital Literacy")


def calendario_de_siembra():
    page = Page()
    green = (0.227, 0.420, 0.122)
    header(page, "Calendario de siembra del huerto escolar",
           "El huerto escolar  -  hemisferio norte, clima templado", green)
    columns = [40, 150, 265, 380, 475]
    titles = ["Cultivo", "Siembra", "Cosecha", "Distancia", "Profundidad"]
    rows = [
        ("Lechuga", "feb - sep", "abr - nov", "25 cm", "0,5 cm"),
        ("Rábano", "mar - oct", "abr - nov", "5 cm", "1 cm"),
        ("Zanahoria", "mar - jul", "jun - nov", "5 cm", "1 cm"),
        ("Guisante", "oct - mar", "mar - jun", "10 cm", "3 cm"),
        ("Haba", "oct - dic", "mar - may", "20 cm", "5 cm"),
        ("Tomate", "mar - abr (semillero)", "jul - oct", "50 cm", "0,5 cm"),
        ("Calabacín", "abr - may", "jun - sep", "90 cm", "3 cm"),
        ("Judía verde", "abr - jun", "jun - sep", "15 cm", "3 cm"),
        ("Fresa", "sep - oct (planta)", "abr - jun", "30 cm", "-"),
    ]
    y = 722
    page.rect(36, y - 6, 523, 22, fill=(0.87, 0.93, 0.82))
    for x, title in zip(columns, titles):
        page.text(x + 4, y, title, font="bold", size=11)
    y -= 24
    for index, row in enumerate(rows):
        if index % 2 == 1:
            page.rect(36, y - 6, 523, 22, fill=(0.96, 0.97, 0.94))
        for x, cell in zip(columns, row):
            page.text(x + 4, y, cell, size=10.5)
        y -= 22
    y -= 14
    page.text(40, y, "Reglas de oro", font="bold", size=14, rgb=green)
    y -= 22
    for rule in [
        "Siembra a una profundidad de dos o tres veces el tamaño de la semilla.",
        "Riega por la mañana temprano o al atardecer, junto a la raíz y no sobre las hojas.",
        "El huerto necesita al menos seis horas de sol directo al día.",
        "Cubre la tierra con acolchado (paja u hojas secas) para que no pierda humedad.",
        "Anota cada semana en la ficha lo que observas: así aprendemos del huerto.",
    ]:
        page.text(48, y, "-  " + rule, size=11)
        y -= 18
    y -= 16
    page.text(40, y, "Ficha de observación semanal", font="bold", size=14, rgb=green)
    y -= 26
    labels = ["Fecha:", "Cultivo:", "Altura (cm):", "Nº de hojas:", "¿Flores o frutos?", "¿Plagas? ¿Cuáles?",
              "Riego esta semana:", "Dibujo o notas:"]
    for label in labels:
        page.text(48, y, label, size=11)
        page.line(170, y - 2, 555, y - 2, rgb=(0.6, 0.6, 0.6), width=0.6)
        y -= 26
    footer(page, "El huerto escolar, curso de ejemplo de Lectern, CC BY 4.0. Ajusta las fechas al clima de tu zona.")
    write_pdf(os.path.join(ROOT, "huerto-escolar", "media", "calendario-de-siembra.pdf"), [page],
              "Calendario de siembra del huerto escolar", "Equipo del huerto escolar", "El huerto escolar")


# --------------------------------------------------------------------------- WAV

PASSPHRASE_TRANSCRIPT = (
    "Here is a tip for strong passwords. Use three random words, like purple, kettle, river. "
    "Use a different password for every account, and never share it."
)


def lowpass_and_resample(samples, rate_in, rate_out, cutoff):
    """Windowed-sinc low-pass filter, then linear-interpolation resampling. Pure Python."""
    taps = 63
    fc = cutoff / rate_in
    mid = taps // 2
    kernel = []
    for n in range(taps):
        k = n - mid
        sinc = 2 * fc if k == 0 else math.sin(2 * math.pi * fc * k) / (math.pi * k)
        window = 0.54 - 0.46 * math.cos(2 * math.pi * n / (taps - 1))
        kernel.append(sinc * window)
    total = sum(kernel)
    kernel = [k / total for k in kernel]
    count = len(samples)
    out = []
    step = rate_in / rate_out
    position = 0.0
    while position < count - 1:
        i = int(position)
        acc = 0.0
        for j, weight in enumerate(kernel):
            idx = i + j - mid
            if 0 <= idx < count:
                acc += samples[idx] * weight
        out.append(acc)
        position += step
    return out


def passphrase_audio():
    espeak = shutil.which("espeak-ng")
    if not espeak:
        sys.exit("espeak-ng not found: install it (apt-get install -y espeak-ng) or use --skip-audio")
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "speech.wav")
        subprocess.run([espeak, "-v", "en-gb", "-s", "160", "-g", "4", "-w", raw, PASSPHRASE_TRANSCRIPT], check=True)
        with wave.open(raw, "rb") as w:
            assert w.getsampwidth() == 2 and w.getnchannels() == 1
            rate = w.getframerate()
            frames = w.readframes(w.getnframes())
    samples = [s[0] for s in struct.iter_unpack("<h", frames)]
    # Trim leading and trailing silence, keep a short pause at each end.
    threshold = 300
    start = next(i for i, s in enumerate(samples) if abs(s) > threshold)
    end = len(samples) - next(i for i, s in enumerate(reversed(samples)) if abs(s) > threshold)
    pad = int(rate * 0.25)
    samples = samples[max(0, start - pad):min(len(samples), end + pad)]
    resampled = lowpass_and_resample(samples, rate, 8000, 3400)
    peak = max(abs(s) for s in resampled) or 1
    gain = 0.9 * 32767 / peak
    pcm = bytes(max(0, min(255, int(round(128 + s * gain / 256)))) for s in resampled)
    path = os.path.join(ROOT, "digital-literacy", "media", "audio", "passphrase-tip.wav")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)         # 8-bit unsigned PCM
        w.setframerate(8000)
        w.writeframes(pcm)
    print(f"{path}: {len(pcm) / 8000:.1f} s")


# --------------------------------------------------------------------------- Video

# (start in seconds, sentence): the narration, and the times of the cues in padlock.<lang>.vtt.
NARRATION = [
    (0.3, "Before you type a password, check two things."),
    (3.5, "The padlock: your connection is private."),
    (6.3, "The domain name: who you are talking to."),
]
VIDEO_SECONDS = 9.5


def padlock_video():
    """Three title cards drawn by ffmpeg (a padlock, then an address bar) with espeak-ng narration:
    640x360 H.264 and 32 kb/s AAC in MP4, about 85 KB, and the first card as the poster."""
    espeak, ffmpeg = shutil.which("espeak-ng"), shutil.which("ffmpeg")
    if not espeak or not ffmpeg:
        sys.exit("espeak-ng and ffmpeg are needed (apt-get install -y espeak-ng ffmpeg), or use --skip-video")
    fonts = "/usr/share/fonts/truetype/dejavu/"
    bold, regular, mono = fonts + "DejaVuSans-Bold.ttf", fonts + "DejaVuSans.ttf", fonts + "DejaVuSansMono-Bold.ttf"
    navy, white, pale, gold, green = "0x0b2545", "white", "0xdfe6ef", "0xf2c14e", "0x7fd69a"
    cards = [(0, 3.4), (3.4, 6.2), (6.2, VIDEO_SECONDS)]

    def during(card):
        start, end = cards[card]
        return f"enable='between(t,{start},{end})'"

    def padlock(card, colour):
        # A thick outline for the shackle, the body drawn over its lower edge, a keyhole.
        on = during(card)
        return [f"drawbox={on}:x=100:y=70:w=96:h=90:color={colour}:t=16",
                f"drawbox={on}:x=78:y=140:w=140:h=110:color={colour}:t=fill",
                f"drawbox={on}:x=141:y=175:w=14:h=40:color={navy}:t=fill"]

    def text(card, font, words, x, y, size, colour):
        return f"drawtext={during(card)}:fontfile={font}:text='{words}':x={x}:y={y}:fontsize={size}:fontcolor={colour}"

    filters = (padlock(0, gold)
               + [text(0, bold, "Check two things", 260, 110, 36, white),
                  text(0, regular, "before you type a password", 260, 160, 24, pale)]
               + padlock(1, green)
               + [text(1, bold, "1  The padlock", 260, 110, 36, white),
                  text(1, regular, "= a private connection", 260, 160, 26, green),
                  text(1, regular, "(not proof that the site is honest)", 260, 200, 18, pale),
                  text(2, bold, "2  The domain name", 40, 40, 36, white),
                  f"drawbox={during(2)}:x=40:y=110:w=560:h=60:color=white:t=fill",
                  # Behind "northfieldbank.com": 12 characters of 14 px in, 18 characters wide.
                  f"drawbox={during(2)}:x=218:y=120:w=259:h=40:color={gold}:t=fill",
                  text(2, mono, "https\\://www.northfieldbank.com/login", 54, 128, 24, "0x1a1d21"),
                  text(2, regular, "= who you are talking to", 40, 195, 26, gold)])
    folder = os.path.join(ROOT, "digital-literacy", "media", "video")
    os.makedirs(folder, exist_ok=True)
    video, poster = os.path.join(folder, "padlock.mp4"), os.path.join(folder, "padlock.poster.png")
    with tempfile.TemporaryDirectory() as tmp:
        inputs, mix = [], []
        for index, (start, sentence) in enumerate(NARRATION):
            wav = os.path.join(tmp, f"{index}.wav")
            subprocess.run([espeak, "-v", "en-gb", "-s", "170", "-w", wav, sentence], check=True)
            inputs += ["-i", wav]
            mix.append(f"[{index + 1}]adelay={int(start * 1000)}:all=1[s{index}]")
        voices = "".join(f"[s{index}]" for index in range(len(NARRATION)))
        graph = (f"[0]{','.join(filters)}[v];" + ";".join(mix)
                 + f";{voices}amix=inputs={len(NARRATION)}:normalize=0,apad,atrim=0:{VIDEO_SECONDS},aresample=22050[a]")
        subprocess.run([ffmpeg, "-y", "-hide_banner", "-loglevel", "error",
                        "-f", "lavfi", "-i", f"color=c={navy}:s=640x360:r=24:d={VIDEO_SECONDS}", *inputs,
                        "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
                        "-c:v", "libx264", "-preset", "veryslow", "-tune", "stillimage", "-crf", "28",
                        "-pix_fmt", "yuv420p", "-profile:v", "main", "-c:a", "aac", "-b:a", "32k", "-ac", "1",
                        "-movflags", "+faststart", "-t", str(VIDEO_SECONDS), video], check=True)
    subprocess.run([ffmpeg, "-y", "-hide_banner", "-loglevel", "error", "-ss", "1.5", "-i", video,
                    "-frames:v", "1", "-update", "1", poster], check=True)
    print(f"{video}: {os.path.getsize(video) // 1024} KiB, {poster}: {os.path.getsize(poster) // 1024} KiB")


def main():
    python_cheat_sheet()
    safe_online_checklist()
    calendario_de_siembra()
    if "--skip-audio" not in sys.argv:
        passphrase_audio()
    if "--skip-video" not in sys.argv:
        padlock_video()


if __name__ == "__main__":
    main()
