#!/usr/bin/env bash
# Starts the real desktop app under Xvfb on a fresh demo library and saves a
# screenshot of it: on the left the script as it opens (the title page drawn as
# printed), on the right after Ctrl+G 2 (page 2 with its page number and the
# scene numbers in the margins). Usage: screenshot.sh APP OUT.png [SECONDS]
set -euo pipefail
app=$1 out=$2 wait=${3:-6}
tmp=$(mktemp -d)
trap 'kill $app_pid $xvfb_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x820x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
# The writer is named, so the first-run welcome does not cover the page.
DISPLAY=$display SCRIPTROOM_LIBRARY="$tmp/library.db" SCRIPTROOM_NAME="Nora Hale" "$app" >"$tmp/app.log" 2>&1 &
app_pid=$!
sleep "$wait"
if ! kill -0 "$app_pid" 2>/dev/null; then
  echo "the app exited early:"; cat "$tmp/app.log"; exit 1
fi
DISPLAY=$display import -window root "$tmp/open.png"
# Go to page 2: the editor has the keyboard once the script is open.
DISPLAY=$display xdotool key --clearmodifiers ctrl+g
sleep 1
DISPLAY=$display xdotool type --delay 50 2
DISPLAY=$display xdotool key Return
sleep 2
DISPLAY=$display import -window root "$tmp/page2.png"
convert "$tmp/open.png" "$tmp/page2.png" +append "$out"
echo "wrote $out"
