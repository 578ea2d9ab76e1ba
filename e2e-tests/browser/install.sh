#!/usr/bin/env bash
# What the customer app's browser test needs, installed when missing and left when there: Debian's chromium,
# chromium-driver and fonts-noto-cjk (the app's Korean), with sudo when not root, and axe-core (npm ci here; needs
# Node.js and npm). `./mvnw verify` runs it before the e2e tests.
set -euo pipefail

cd "$(dirname "$0")"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
    || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  echo "installing chromium, chromium-driver and fonts-noto-cjk"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi
if [[ ! -f node_modules/axe-core/axe.min.js || package-lock.json -nt node_modules/axe-core/axe.min.js ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
