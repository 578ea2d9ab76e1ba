#!/usr/bin/env bash
# What the monitoring tests need, installed when missing and left when there: Debian's prometheus package, which
# brings promtool (PrometheusRulesTest checks the rules and the dashboard's queries with it) and the server that
# AlertsIT runs against the three services. With sudo when not root. `./mvnw verify` runs it before the tests.
set -euo pipefail

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  echo "installing prometheus (with promtool)"
  $sudo apt-get update -qq
  # the package's service is not wanted here: the tests start their own server
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
promtool --version | head -1
