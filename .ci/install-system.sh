#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: Chromium for the browser tests
# (a test tool's own browser download cannot work here), fonts so pages render as people see them,
# libtiff's tools, which check that the derivative TIFFs read with libtiff as iipsrv reads them,
# poppler's tools, which read the book PDFs the server makes as a reader's PDF viewer would, and
# speech-dispatcher with espeak-ng, the real voices (de, nl, fr, la, en) that Chromium's Web Speech
# API lists with --enable-speech-dispatcher, for the read-aloud browser test; Tesseract with the
# German, Dutch, French, Latin and English models and the Fraktur script model, for ingest's OCR;
# libvips' tools, ingest's JPEG 2000 decoder (ingest/pyramid/jp2-decode.ts), and OpenJPEG's, which
# make the tests' JPEG 2000 pages.
# Benchmark-only tools (nginx, iipsrv, lighttpd) are installed by `npm run bench` itself.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
[ -x /usr/bin/tiff2rgba ] || need+=(libtiff-tools)
[ -x /usr/bin/pdftotext ] || need+=(poppler-utils)
[ -x /usr/bin/speech-dispatcher ] || need+=(speech-dispatcher)
[ -x /usr/lib/speech-dispatcher-modules/sd_espeak-ng ] || need+=(speech-dispatcher-espeak-ng)
[ -x /usr/bin/tesseract ] || need+=(tesseract-ocr)
for model in deu nld fra lat eng frk; do
  [ -f "/usr/share/tesseract-ocr/5/tessdata/$model.traineddata" ] || need+=("tesseract-ocr-$model")
done
[ -f /usr/share/tesseract-ocr/5/tessdata/Fraktur.traineddata ] || need+=(tesseract-ocr-script-frak)
[ -x /usr/bin/vips ] || need+=(libvips-tools)
[ -x /usr/bin/opj_compress ] || need+=(libopenjp2-tools)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "Missing Debian packages: ${need[*]}; install them with apt-get (needs root)." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "Installing Debian packages: ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
