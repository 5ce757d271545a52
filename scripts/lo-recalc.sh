#!/usr/bin/env bash
# lo-recalc.sh OUTDIR FILE.xlsx...
#
# Recalculates workbooks with LibreOffice headless, independently of the values cached in the files,
# and writes OUTDIR/<name>.xlsx for each input (same base name; the cached values in the copy are the
# ones LibreOffice computed). All files go through ONE soffice start-up (start-up is ~4 s of the cost).
#
# Why a private profile: for .xlsx LibreOffice by default TRUSTS the cached values
# (Calc > Formula > Load: OOXMLRecalcMode=1, "never recalculate") and ignores fullCalcOnLoad.
# A fresh throw-away user profile with OOXMLRecalcMode=0 ("always recalculate") forces a real
# recalculation on load, without touching the user's own LibreOffice profile, and lets several
# recalculations run side by side (each has its own profile, so no lock is shared).
#
# Needs: apt-get install -y --no-install-recommends libreoffice-calc-nogui
# Exit: 0 ok; 2 usage or soffice missing; 1 a conversion failed (an output is missing).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: lo-recalc.sh OUTDIR FILE.xlsx..." >&2
  exit 2
fi
out=$1
shift

if ! command -v soffice >/dev/null 2>&1; then
  echo "lo-recalc.sh: soffice not found on PATH; install LibreOffice with:" >&2
  echo "  apt-get install -y --no-install-recommends libreoffice-calc-nogui" >&2
  exit 2
fi

mkdir -p "$out"
declare -A seen=()
for f in "$@"; do
  [ -f "$f" ] || { echo "lo-recalc.sh: no such file: $f" >&2; exit 2; }
  base=$(basename -- "$f")
  target="$out/${base%.*}.xlsx"
  if [ -n "${seen[$target]:-}" ]; then
    echo "lo-recalc.sh: $f and ${seen[$target]} would both be written to $target" >&2
    exit 2
  fi
  seen[$target]=$f
  if [ "$f" -ef "$target" ]; then
    echo "lo-recalc.sh: $target would overwrite its input; choose another OUTDIR" >&2
    exit 2
  fi
done
# Remove stale outputs first, so that a failed conversion cannot pass for a fresh one.
for target in "${!seen[@]}"; do rm -f -- "$target"; done

profile=$(mktemp -d -t lo-recalc-profile.XXXXXX)
trap 'rm -rf "$profile"' EXIT
mkdir -p "$profile/user"
cat > "$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU

# soffice prints "convert a.xlsx -> b.xlsx using filter : ..." on stdout; keep it quiet, keep stderr.
status=0
soffice -env:UserInstallation="file://$profile" --headless --invisible --norestore --nolockcheck \
  --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out" "$@" >/dev/null || status=$?

# soffice may exit 0 although a file failed to load: check every output.
missing=0
for f in "$@"; do
  base=$(basename -- "$f")
  target="$out/${base%.*}.xlsx"
  if [ ! -s "$target" ]; then
    echo "lo-recalc.sh: no output for $f (expected $target)" >&2
    missing=1
  fi
done
if [ "$missing" -ne 0 ] || [ "$status" -ne 0 ]; then
  echo "lo-recalc.sh: soffice exit status $status" >&2
  exit 1
fi
