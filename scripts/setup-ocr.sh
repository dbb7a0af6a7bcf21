#!/usr/bin/env bash
# Install what OCR of scans needs from Debian: Tesseract with its Arabic (language and script)
# and English models,
# libraqm (Pillow's complex-text shaping, for rendering the generated Arabic corpus) and the
# Arabic fonts that corpus is rendered with; and the fonts whose digits the glyph-by-glyph
# number reader (sijill.ingest.digits) compares a scan's digits with. Needs root, as on CI; a no-op when all are there.
set -euo pipefail
packages=(tesseract-ocr tesseract-ocr-ara tesseract-ocr-script-arab tesseract-ocr-eng libraqm0 fonts-hosny-amiri fonts-noto-core
  fonts-sil-scheherazade fonts-sil-lateef fonts-dejavu-core fonts-freefont-ttf fonts-kacst fonts-arabeyes
  fonts-lemonada fonts-sil-harmattan fonts-farsiweb fonts-freefarsi fonts-kacst-one fonts-hosny-thabit)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-ocr: missing Debian packages: ${missing[*]}; install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
