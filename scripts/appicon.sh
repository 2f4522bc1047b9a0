#!/usr/bin/env bash
# Draws Scriptroom's icon, build/appicon.png (1024x1024, Wails's app icon),
# with ImageMagick: a screenplay page held by two brass brads, its lines
# laid out as a scene (heading, action, a cue and its dialogue), on an
# ink-blue tile. Run it again after changing the drawing; the PNG is
# committed so builds need no ImageMagick.
set -euo pipefail
out=${1:-build/appicon.png}
convert -size 1024x1024 xc:none \
  \( -size 1024x1024 gradient:'#3b4f8a-#172039' \
     \( -size 1024x1024 xc:black -fill white -draw 'roundrectangle 64,64 960,960 190,190' \) \
     -alpha off -compose CopyOpacity -composite \) -compose over -composite \
  \( -size 1024x1024 xc:none -fill '#00000090' -draw 'polygon 262,214 702,214 782,294 782,878 262,878' -blur 0x18 \) \
  -compose over -composite \
  -fill '#fbfaf6' -draw 'polygon 250,190 690,190 770,270 770,850 250,850' \
  -fill '#d9d4c5' -draw 'polygon 690,190 690,270 770,270' \
  -fill '#1f2a44' \
  -draw 'rectangle 318,300 560,326' \
  -draw 'rectangle 318,372 700,390' \
  -draw 'rectangle 318,412 660,430' \
  -draw 'rectangle 318,452 520,470' \
  -draw 'rectangle 456,534 580,556' \
  -draw 'rectangle 400,596 640,614' \
  -draw 'rectangle 400,636 612,654' \
  -draw 'rectangle 318,718 690,736' \
  -draw 'rectangle 318,758 600,776' \
  -fill '#c8962e' -stroke '#8a6418' -strokewidth 6 \
  -draw 'circle 282,330 282,352' \
  -draw 'circle 282,710 282,732' \
  -strip -define png:compression-level=9 "$out"
echo "wrote $out"
