#!/usr/bin/env bash
# Builds Scriptroom's Debian package, OUT/scriptroom_VERSION_ARCH.deb, from
# the app binary: the binary in /usr/bin, the .desktop entry, the icon in
# the hicolor theme (from build/appicon.png), and the MIME types of
# Fountain and Final Draft files (shared-mime-info), so a double-click on a
# .fountain or .fdx file opens it in Scriptroom. dpkg's triggers update the
# MIME, desktop and icon caches on install; nothing is run by hand.
#
#   scripts/package-deb.sh BINARY [OUT] [VERSION]
#
# VERSION defaults to wails.json's productVersion.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:?usage: scripts/package-deb.sh BINARY [OUT] [VERSION]}
out=${2:-build}
version=${3:-$(sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)}
arch=$(dpkg --print-architecture)
[ -x "$bin" ] || { echo "package-deb: $bin is not an executable (run make build)" >&2; exit 1; }
[ -n "$version" ] || { echo "package-deb: no version in wails.json" >&2; exit 1; }

root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT

install -Dm755 "$bin" "$root/usr/bin/scriptroom"
install -Dm644 build/linux/scriptroom.desktop "$root/usr/share/applications/scriptroom.desktop"
install -Dm644 build/linux/scriptroom-mime.xml "$root/usr/share/mime/packages/scriptroom.xml"
for size in 48 64 128 256 512; do
  dir="$root/usr/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  convert build/appicon.png -resize "${size}x${size}" -strip "$dir/scriptroom.png"
done
install -Dm644 /dev/stdin "$root/usr/share/doc/scriptroom/copyright" <<'TXT'
Scriptroom: a desktop app for writing screenplays together.
The icon (build/appicon.png) is drawn by scripts/appicon.sh in the source.
TXT

size_kb=$(du -sk "$root/usr" | cut -f1)
mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CTRL
Package: scriptroom
Version: $version
Architecture: $arch
Maintainer: Scriptroom <dev@scriptroom.invalid>
Installed-Size: $size_kb
Depends: libc6, libgtk-3-0, libwebkit2gtk-4.0-37
Recommends: shared-mime-info, desktop-file-utils
Section: editors
Priority: optional
Description: write screenplays together
 Scriptroom is a desktop app for writing screenplays in Fountain with real
 screenplay formatting: named revisions in a local library, compare, PDF and
 Final Draft export, and writing together through a small relay.
CTRL

mkdir -p "$out"
deb="$out/scriptroom_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >/dev/null
echo "$deb"
