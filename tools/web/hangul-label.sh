#!/usr/bin/env bash
# Makes assets/fonts/hangul-label.ttf: the three syllables of "한국어" (the language switch's
# label) cut from Nanum Gothic, so the web edition shows that label before it has fetched the
# whole 4.7 MB font (which it does only when Korean is chosen). The SIL Open Font License lets
# a subset be shipped under the same licence but not under the Reserved Font Name, so the cut
# is renamed "Basin Hangul Label". Needs fontTools (pip install fonttools==4.60.1).
#   bash tools/web/hangul-label.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=assets/fonts/hangul-label.ttf
pyftsubset assets/fonts/NanumGothic.ttf --text="한국어" --layout-features='' \
  --no-hinting --desubroutinize --output-file="$out.tmp"
python3 - "$out.tmp" <<'PY'
import sys
from fontTools.ttLib import TTFont
path = sys.argv[1]
font = TTFont(path)
names = {1: "Basin Hangul Label", 2: "Regular", 3: "Basin Hangul Label", 4: "Basin Hangul Label",
         6: "BasinHangulLabel", 16: "Basin Hangul Label", 17: "Regular"}
table = font["name"]
table.names = [n for n in table.names if n.nameID not in names or n.nameID in (0,)]
for name_id, text in names.items():
    table.setName(text, name_id, 3, 1, 0x409)
table.setName("Cut from Nanum Gothic (NAVER), SIL Open Font License 1.1: the glyphs of 한국어 only", 5, 3, 1, 0x409)
font.save(path)
PY
mv "$out.tmp" "$out"
ls -l "$out"
