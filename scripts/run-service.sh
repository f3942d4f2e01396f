#!/usr/bin/env bash
# Runs one Tixproof service of the release this script belongs to, in the foreground:
#   run-service.sh api | master | worker
# The environment comes from systemd's EnvironmentFile= or, in process mode, from the file named by
# TIXPROOF_ENV_FILE (application-start.sh passes it). Adds the host's defaults that tie the three
# together, then execs java (signals reach the JVM).
set -euo pipefail
if [[ -n "${TIXPROOF_ENV_FILE:-}" ]]; then
  set -a
  # shellcheck source=/dev/null
  . "$TIXPROOF_ENV_FILE"
  set +a
fi
RELEASE_DIR=$(cd "$(dirname "$0")/.." && pwd -P)
RELEASE_ROOT=${RELEASE_ROOT:-/opt/tixproof}
JAVA_BIN=${JAVA_BIN:-java}
export DATA_DIR=${DATA_DIR:-$RELEASE_ROOT/shared/data}

case "${1:-}" in
  api)
    export MASTER_URL=${MASTER_URL:-http://127.0.0.1:${MASTER_PORT:-8081}}
    jar=api.jar
    ;;
  master)
    export API_URL=${API_URL:-http://127.0.0.1:${PORT:-8080}}
    # the API generates the callback secret on first start unless CALLBACK_SECRET is given
    export CALLBACK_SECRET_FILE=${CALLBACK_SECRET_FILE:-$DATA_DIR/secrets/callback.key}
    jar=master.jar
    ;;
  worker)
    jar=worker.jar
    ;;
  *)
    echo "usage: $0 api|master|worker" >&2
    exit 2
    ;;
esac
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec "$JAVA_BIN" ${JAVA_OPTS:-} -jar "$RELEASE_DIR/lib/$jar"
