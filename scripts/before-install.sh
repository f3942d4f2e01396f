#!/usr/bin/env bash
# CodeDeploy BeforeInstall: prepares the host for the files (runtime, user, folders) and empties the
# staging folder CodeDeploy is about to fill. Safe to run again.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

if ! command -v "${JAVA_BIN:-java}" >/dev/null; then
  if [[ $EUID -eq 0 ]] && command -v dnf >/dev/null; then
    log "installing Java 17 (Amazon Corretto)"
    dnf install -y java-17-amazon-corretto-headless
  elif [[ $EUID -eq 0 ]] && command -v yum >/dev/null; then
    log "installing Java 17 (Amazon Corretto)"
    yum install -y java-17-amazon-corretto-headless
  else
    log "no Java 17 on this host (JAVA_BIN=${JAVA_BIN:-java}) and no way to install it"
    exit 1
  fi
fi

if [[ "$SERVICE_MANAGER" == systemd && $EUID -eq 0 ]] && ! id "$SERVICE_USER" >/dev/null 2>&1; then
  log "creating system user $SERVICE_USER"
  useradd --system --home-dir "$RELEASE_ROOT" --shell /sbin/nologin "$SERVICE_USER"
fi

mkdir -p "$RELEASES_DIR" "$SHARED_DIR/data" "$RUN_DIR" "$LOG_DIR"
rm -rf "$STAGING_DIR"
mkdir -p "$STAGING_DIR"
log "host ready: $RELEASE_ROOT ($SERVICE_MANAGER)"
