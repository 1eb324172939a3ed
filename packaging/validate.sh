#!/usr/bin/env bash
# Check Coach's desktop integration files the way distributions and Flathub do: the .desktop
# entry with desktop-file-validate and the AppStream metainfo with appstreamcli (offline, so CI
# needs no network and the screenshot URLs are not fetched). .ci/run calls this on every run.
# Needs the Debian packages desktop-file-utils and appstream.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_ID="org.coachapp.Coach"

for tool in desktop-file-validate appstreamcli; do
  if ! command -v "$tool" >/dev/null; then
    echo "packaging/validate.sh: $tool is missing (apt-get install desktop-file-utils appstream)" >&2
    exit 1
  fi
done
desktop-file-validate "$HERE/$APP_ID.desktop"
echo "$APP_ID.desktop: valid"
appstreamcli validate --no-net "$HERE/$APP_ID.metainfo.xml"
