#!/usr/bin/env bash
# The customer app in a real browser: headless Chromium driven by Selenium (CustomerAppBrowserIT) against the
# packaged services on PostgreSQL, each page checked with axe-core, and the screenshots of the rental screen and
# my page written to docs/ (the README shows them).
#
#   e2e-tests/browser-tests.sh     (from anywhere; extra arguments go to Maven, e.g. -De2e.startTimeoutSeconds=300)
#
# Installs what is missing and leaves what is there: Debian's chromium, chromium-driver and fonts-noto-cjk (the app's
# Korean, apt-get, with sudo when not root) and axe-core (npm ci in e2e-tests/browser; needs Node.js and npm).
# PostgreSQL as for ./mvnw verify.
set -euo pipefail

cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
    || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  echo "installing chromium, chromium-driver and fonts-noto-cjk"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi
(cd e2e-tests/browser && npm ci --no-audit --no-fund --loglevel=error)

# builds the three services, skips the unit tests of every module, runs the one browser class
./mvnw -pl e2e-tests -am verify -Pbrowser-tests -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CustomerAppBrowserIT -De2e.screenshotDir="$PWD/docs" "$@"
echo "screenshots: docs/app-rental.png, docs/app-mypage.png"
