#!/usr/bin/env bash
# The load balancer of the rolling-restart test (RollingRestartIT), installed when missing and left when there:
# Debian's haproxy, with sudo when not root. The package's own service is not used: the test starts its own
# haproxy with a configuration it writes. `./mvnw verify` runs this before the e2e tests.
set -euo pipefail

if ! command -v haproxy >/dev/null 2>&1; then
  sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  echo "installing haproxy"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null
fi
haproxy -v | sed -n 1p
