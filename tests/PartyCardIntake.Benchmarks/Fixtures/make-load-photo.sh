#!/usr/bin/env bash
# The load benchmark's photo: the scene of tests/PartyCardIntake.UnitTests/Media/Fixtures/make-fixtures.sh
# at 600x800, encoded at a higher quality so that it weighs about 60 KB, as a desk camera's photo does.
# Needs Debian's imagemagick and libjpeg-turbo-progs; seeded, so a rerun gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")"
w=600 h=800
/usr/bin/convert -size "${w}x${h}" -seed 7 plasma:'#dfe6ee-#8fa3b8' -blur 0x3 \
    -fill '#c99a7a' -draw "ellipse $((w / 2)),$((h * 41 / 100)) $((w * 22 / 100)),$((h * 21 / 100)) 0,360" \
    -fill '#22303e' -draw "ellipse $((w / 2)),$((h * 105 / 100)) $((w * 45 / 100)),$((h * 33 / 100)) 0,360" \
    -fill '#2b1d16' -draw "ellipse $((w / 2)),$((h * 27 / 100)) $((w * 21 / 100)),$((h * 9 / 100)) 180,360" \
    -seed 7 -attenuate 0.15 +noise Gaussian ppm:- | cjpeg -quality 89 -optimize > photo-600x800-60k.jpg
