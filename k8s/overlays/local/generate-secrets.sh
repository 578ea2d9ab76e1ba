#!/usr/bin/env bash
# Writes the local overlay's Secrets, one env file per account under secrets/ (git-ignored), each with a user name
# and a random password. Existing files are kept, so running it again changes nothing; delete a file to renew it.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets

account() { # secret name, user name
  local file="secrets/$1.env"
  if [[ ! -f "$file" ]]; then
    printf 'username=%s\npassword=%s\n' "$2" "$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24)" >"$file"
    echo "wrote $file"
  fi
}

account postgres-superuser postgres
account process-app-db rental
account payment-adapter-db payment
account key-adapter-db keys
account payment-client-account process-app
account payment-operator-account ops
account key-client-account process-app
account key-worker-account keyworker
account key-vehicle-account vehicle
account key-operator-account ops
account rental-operator-account ops
account camunda-admin-account admin
