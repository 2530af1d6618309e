#!/usr/bin/env bash
# Regenerates the fonts the server renders chart PNGs with (assets/fonts/), from Debian's packages:
#   apt-get install -y fonts-dejavu-core fonts-noto-cjk python3-fonttools
#   bash scripts/subset-fonts.sh
# - ValuemapSans-*.ttf: DejaVu Sans (Bitstream Vera licence) cut to Latin, Latin-1, punctuation,
#   arrows, maths and geometric shapes.
# - ValuemapCJK-Regular.otf: Noto Sans CJK SC (SIL OFL 1.1, face 2 of the .ttc) cut to Latin,
#   CJK punctuation, full-width forms, all of GB2312 (its 6763 hanzi: level 1, the 3755 most
#   common, and level 2) and every character of app/i18n/*.zh-CN.ts and the demo seed.
#   Text outside the subset (rare characters in a study's own names) is left blank in PNGs;
#   SVG downloads are unaffected (the viewer's fonts draw them).
# The family names stay DejaVu Sans / Noto Sans CJK SC (what the SVG's font-family names).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
OUT=assets/fonts
mkdir -p "$OUT"
LATIN="U+0020-007E,U+00A0-017F,U+2000-206F,U+2190-21FF,U+2212,U+2200-22FF,U+25A0-25FF,U+20AC"

for style in "" "-Bold"; do
  "$PY" -m fontTools.subset "/usr/share/fonts/truetype/dejavu/DejaVuSans${style}.ttf" \
    --unicodes="$LATIN" --layout-features='*' --no-hinting --desubroutinize \
    --output-file="$OUT/ValuemapSans${style:--Regular}.ttf"
done

CHARS=$(mktemp)
"$PY" - "$CHARS" <<'PYEOF'
import glob, sys
chars = set()
# GB2312 levels 1 and 2 (6763 hanzi): rows 0xB0..0xF7, cells 0xA1..0xFE.
for hi in range(0xB0, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
# GB2312 symbols and punctuation rows 0xA1..0xA9.
for hi in range(0xA1, 0xAA):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for path in sorted(glob.glob("app/i18n/*.zh-CN.ts") + glob.glob("db/seed-demo*.ts")):
    chars.update(open(path, encoding="utf-8").read())
chars.update(chr(c) for c in range(0x20, 0x7F))
chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
chars.update(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
chars = sorted(c for c in chars if ord(c) >= 0x20)
open(sys.argv[1], "w", encoding="utf-8").write("".join(chars))
print(f"{len(chars)} characters", file=sys.stderr)
PYEOF
"$PY" -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
  --text-file="$CHARS" --layout-features='*' --no-hinting --desubroutinize \
  --output-file="$OUT/ValuemapCJK-Regular.otf"
rm -f "$CHARS"

cp /usr/share/doc/fonts-dejavu-core/copyright "$OUT/LICENSE-DejaVu.txt"
{
  echo 'Noto Sans CJK SC: Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name "Source".'
  echo 'ValuemapCJK-Regular.otf is a subset made by scripts/subset-fonts.sh, under the same licence:'
  echo
  awk '/^License: SIL-1.1$/ {n++} n==2 && /^License: / && !/SIL-1.1/ {exit} n==2 && !/^License: SIL-1.1$/ {sub(/^ /, ""); if ($0 == ".") $0 = ""; print}' \
    /usr/share/doc/fonts-noto-cjk/copyright
} > "$OUT/LICENSE-NotoSansCJK-OFL.txt"
ls -l "$OUT"
