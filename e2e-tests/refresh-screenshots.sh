#!/usr/bin/env bash
# Refreshes the README's pictures of the customer app (docs/app-rental.png, app-mypage.png, app-extend.png,
# app-return.png): the browser test (headless Chromium, axe-core on every page), which `./mvnw verify` also runs with
# its screenshots under e2e-tests/target/screenshots, here writing them to docs/.
#
#   e2e-tests/refresh-screenshots.sh     (from anywhere; extra arguments go to Maven, e.g. -De2e.startTimeoutSeconds=300)
set -euo pipefail

cd "$(dirname "$0")/.."
# builds the three services, skips the unit tests of every module, runs the one browser class
./mvnw -pl e2e-tests -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=CustomerAppBrowserIT -De2e.screenshotDir="$PWD/docs" "$@"
echo "screenshots: docs/app-rental.png, docs/app-mypage.png, docs/app-extend.png, docs/app-return.png"
