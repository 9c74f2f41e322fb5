#!/usr/bin/env bash
# Rebuilds the media test fixtures. Needs Debian's imagemagick, libjpeg-turbo-progs,
# libimage-exiftool-perl, zip and python3. Every step is seeded, so a rebuild gives the same pictures.
set -euo pipefail
cd "$(dirname "$0")"
IM=/usr/bin/convert
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# exiftool will not overwrite its output.
rm -f photo-600x800-exif-gps.jpg photo-600x800-orientation-6.jpg signature-600x200-text.png

# A head-and-shoulders scene on a textured background: enough detail to compress like a real photo.
scene() { # width height
    local w=$1 h=$2
    $IM -size "${w}x${h}" -seed 7 plasma:'#dfe6ee-#8fa3b8' -blur 0x3 \
        -fill '#c99a7a' -draw "ellipse $((w / 2)),$((h * 41 / 100)) $((w * 22 / 100)),$((h * 21 / 100)) 0,360" \
        -fill '#22303e' -draw "ellipse $((w / 2)),$((h * 105 / 100)) $((w * 45 / 100)),$((h * 33 / 100)) 0,360" \
        -fill '#2b1d16' -draw "ellipse $((w / 2)),$((h * 27 / 100)) $((w * 21 / 100)),$((h * 9 / 100)) 180,360" \
        -seed 7 -attenuate 0.15 +noise Gaussian ppm:-
}

scene 600 800 | cjpeg -quality 85 -optimize > photo-600x800.jpg
scene 720 960 | cjpeg -quality 80 -progressive -restart 1 > photo-720x960-progressive.jpg
scene 599 800 | cjpeg -quality 85 -optimize > photo-599x800.jpg
scene 800 800 | cjpeg -quality 85 -optimize > photo-800x800.jpg
scene 600 800 | cjpeg -quality 85 -arithmetic > photo-600x800-arithmetic.jpg
scene 600 800 | $IM ppm:- -colorspace CMYK -quality 70 -strip photo-600x800-cmyk.jpg
$IM -size 600x800 xc:"#7f7f7f" ppm:- | cjpeg -quality 85 -optimize > photo-600x800-blank.jpg
$IM -size 300x400 xc:'#e8eef4' -fill '#c99a7a' -draw 'ellipse 150,165 65,85 0,360' \
    -define png:exclude-chunks=date,time -strip photo-300x400.png

# Everything a phone camera writes and a photo must not keep: EXIF with GPS, XMP, IPTC, a comment.
exiftool -q -o photo-600x800-exif-gps.jpg \
    -Make=Phone -Model=Camera -Artist='Nguyen Van A' -DateTimeOriginal='2025:08:12 09:30:00' \
    -GPSLatitude=21.0285 -GPSLatitudeRef=N -GPSLongitude=105.8542 -GPSLongitudeRef=E \
    -XMP-dc:Creator='Nguyen Van A' -IPTC:Keywords=intake -Comment='desk 3, Ky Son ward' \
    photo-600x800.jpg

# Pixels stored sideways with an EXIF note to turn them upright.
exiftool -q -o photo-600x800-orientation-6.jpg -Orientation#=6 photo-600x800.jpg

# A polyglot: a valid JPEG with a ZIP archive appended after EOI.
printf 'not a photo\n' > "$work/payload.txt"
touch -d '2025-08-12 00:00:00Z' "$work/payload.txt"
(cd "$work" && zip -q -X payload.zip payload.txt)
cat photo-600x800.jpg "$work/payload.zip" > photo-600x800-with-zip.jpg

# Strokes in signature_pad 5 toData() shape, drawn with its defaults (16 ms throttle, 5 px minDistance),
# and the same strokes rendered on a 600x200 canvas.
python3 - > signature-600x200.json <<'PY'
import json, math
points_of = []
def stroke(fn, steps, t0):
    pts, last = [], None
    for i in range(steps + 1):
        x, y = fn(i / steps)
        if last and math.hypot(x - last[0], y - last[1]) < 5:
            continue
        t0 += 16
        pts.append({"time": t0, "x": round(x, 2), "y": round(y, 2), "pressure": 0.5})
        last = (x, y)
    return pts, t0
t = 1755000000000
# A capital letter, then a cursive body of uneven loops riding on a slow rise, as handwriting does.
capital, t = stroke(lambda s: (60 + 50 * s + 12 * math.sin(s * 3 * math.pi),
                               140 - 95 * abs(math.sin(s * 1.5 * math.pi))), 120, t)
body, t = stroke(lambda s: (120 + 340 * s + 18 * math.sin(s * 2 * math.pi * 6),
                            125 - 20 * s - (22 + 14 * math.sin(s * 11)) * abs(math.sin(s * math.pi * 6))), 600, t + 220)
# An underline flourish.
flourish, t = stroke(lambda s: (110 + 360 * s, 150 + 8 * math.sin(s * math.pi * 2)), 200, t + 300)
# A short diacritic mark.
mark, t = stroke(lambda s: (300 + 14 * s, 52 - 10 * s), 20, t + 250)
group = lambda pts: {"penColor": "black", "dotSize": 0, "maxWidth": 2.5, "minWidth": 0.5,
                     "velocityFilterWeight": 0.7, "compositeOperation": "source-over", "points": pts}
print(json.dumps([group(capital), group(body), group(flourish), group(mark)], separators=(",", ":")))
PY
draw=$(python3 -c '
import json, sys
groups = json.load(open("signature-600x200.json"))
print(" ".join("polyline " + " ".join("%s,%s" % (p["x"], p["y"]) for p in g["points"]) for g in groups))')
$IM -size 600x200 xc:none -fill none -stroke black -strokewidth 2.5 -draw "$draw" \
    -define png:exclude-chunks=date,time -strip signature-600x200.png

# The same signature carrying text chunks, and one with a ZIP archive after IEND.
exiftool -q -o signature-600x200-text.png -PNG:Comment='drawn at desk 3' -PNG:Author='Nguyen Van A' signature-600x200.png
cat signature-600x200.png "$work/payload.zip" > signature-600x200-with-zip.png
