#!/usr/bin/env bash
# Checks what makes Scriptroom install like a desktop app (make test runs
# it): the .desktop entry passes desktop-file-validate; the MIME XML is read
# by update-mime-database without a complaint and maps *.fountain, *.spmd
# and *.fdx to the types the .desktop entry opens; the icon is a square PNG
# of 1024 pixels; and scripts/package-deb.sh, run on a stand-in binary in a
# temporary folder, makes a .deb holding all of them where the desktop
# looks for them.
set -euo pipefail
cd "$(dirname "$0")/.."
desktop=build/linux/scriptroom.desktop
mime=build/linux/scriptroom-mime.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check-desktop: $*" >&2; exit 1; }

for tool in desktop-file-validate update-mime-database dpkg-deb identify; do
  command -v "$tool" >/dev/null || fail "$tool is missing (make deps installs it)"
done

out=$(desktop-file-validate "$desktop" 2>&1) || fail "$desktop: $out"
[ -z "$out" ] || fail "$desktop: $out"

mkdir -p "$tmp/mime/packages"
cp "$mime" "$tmp/mime/packages/scriptroom.xml"
out=$(XDG_DATA_HOME="$tmp" update-mime-database "$tmp/mime" 2>&1) || fail "$mime: $out"
[ -z "$out" ] || fail "$mime: $out"
for glob in 'text/x-fountain:\*\.fountain' 'text/x-fountain:\*\.spmd' 'application/vnd\.finaldraft\.fdx:\*\.fdx'; do
  grep -q ":$glob\$" "$tmp/mime/globs2" || fail "$mime: no glob $glob in what update-mime-database made"
done
grep -qx 'application/x-fdx application/vnd.finaldraft.fdx' "$tmp/mime/aliases" || fail "$mime: application/x-fdx is not an alias"

# The .desktop entry opens every type the XML defines, and its aliases.
types=$(sed -n 's/^MimeType=//p' "$desktop" | tr ';' '\n' | sed '/^$/d' | sort)
want=$( (grep -o 'mime-type type="[^"]*"' "$mime"; grep -o 'alias type="[^"]*"' "$mime") | sed 's/.*type="\([^"]*\)"/\1/' | sort)
[ "$types" = "$want" ] || fail "$desktop opens [$(echo $types)], $mime defines [$(echo $want)]"
grep -q '^Exec=scriptroom %F$' "$desktop" || fail "$desktop: Exec must pass the files (%F) to scriptroom"

[ "$(identify -format '%m %wx%h' build/appicon.png)" = "PNG 1024x1024" ] || fail "build/appicon.png is not a 1024x1024 PNG"

printf '#!/bin/sh\nexit 0\n' >"$tmp/scriptroom"
chmod +x "$tmp/scriptroom"
deb=$(scripts/package-deb.sh "$tmp/scriptroom" "$tmp/out" 9.9.9)
listing=$(dpkg-deb -c "$deb")
for f in usr/bin/scriptroom usr/share/applications/scriptroom.desktop usr/share/mime/packages/scriptroom.xml \
  usr/share/icons/hicolor/256x256/apps/scriptroom.png usr/share/icons/hicolor/48x48/apps/scriptroom.png; do
  grep -q " \./$f\$" <<<"$listing" || fail "$deb has no $f"
done
[ "$(dpkg-deb -f "$deb" Package Version | tr '\n' ' ')" = "Package: scriptroom Version: 9.9.9 " ] || fail "$deb: wrong control fields"
dpkg-deb -x "$deb" "$tmp/x"
cmp -s "$desktop" "$tmp/x/usr/share/applications/scriptroom.desktop" || fail "$deb holds another .desktop entry"
echo "check-desktop: .desktop entry, MIME types, icon and package are valid"
