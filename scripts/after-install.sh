#!/usr/bin/env bash
# CodeDeploy AfterInstall: turns the staged revision into releases/<DEPLOYMENT_ID>, checks it,
# points `current` at it (atomically), writes the systemd units, and prunes old releases.
# Safe to run again for the same deployment (the release folder is rebuilt from staging).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

release_id=${DEPLOYMENT_ID:-manual-$(date -u +%Y%m%d%H%M%S)}
release_dir=$RELEASES_DIR/$release_id

for f in lib/api.jar lib/master.jar lib/worker.jar scripts/run-service.sh scripts/supervise.sh; do
  if [[ ! -f "$STAGING_DIR/$f" ]]; then
    log "the revision lacks $f (staged in $STAGING_DIR)"
    exit 1
  fi
done
if [[ ! -r "$TIXPROOF_ENV_FILE" ]]; then
  log "no environment file $TIXPROOF_ENV_FILE: create it first (docs/ci-cd.md, config/tixproof.env.example)"
  exit 1
fi

rm -rf "$release_dir.tmp"
cp -a "$STAGING_DIR" "$release_dir.tmp"
chmod +x "$release_dir.tmp"/scripts/*.sh
rm -rf "$release_dir"
mv "$release_dir.tmp" "$release_dir"
ln -sfn "$release_dir" "$CURRENT_LINK.tmp"
mv -T "$CURRENT_LINK.tmp" "$CURRENT_LINK"
log "release $release_id installed; current -> $release_dir"

if [[ "$SERVICE_MANAGER" == systemd ]]; then
  chown -R "$SERVICE_USER:" "$SHARED_DIR/data" "$LOG_DIR"
  write_unit() {
    local file=$1 description=$2 service=$3
    cat > "$file.tmp" <<UNIT
[Unit]
Description=$description
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=$SERVICE_USER
EnvironmentFile=$TIXPROOF_ENV_FILE
Environment=RELEASE_ROOT=$RELEASE_ROOT
ExecStart=$CURRENT_LINK/scripts/run-service.sh $service
Restart=always
RestartSec=2
TimeoutStopSec=$STOP_TIMEOUT
SyslogIdentifier=tixproof-${service}

[Install]
WantedBy=multi-user.target
UNIT
    mv "$file.tmp" "$file"
  }
  write_unit "$SYSTEMD_DIR/tixproof-api.service" "Tixproof API" api
  write_unit "$SYSTEMD_DIR/tixproof-master.service" "Tixproof job master" master
  write_unit "$SYSTEMD_DIR/tixproof-worker@.service" "Tixproof worker %i" worker
  "$SYSTEMCTL" daemon-reload
  log "systemd units written to $SYSTEMD_DIR"
fi

# keep the newest KEEP_RELEASES releases, never the current one
current=$(readlink -f "$CURRENT_LINK")
mapfile -t old < <(find "$RELEASES_DIR" -mindepth 1 -maxdepth 1 -type d ! -name '*.tmp' -printf '%T@ %p\n' \
  | sort -rn | cut -d' ' -f2- | tail -n +"$((KEEP_RELEASES + 1))")
for dir in "${old[@]}"; do
  if [[ "$(readlink -f "$dir")" != "$current" ]]; then
    log "removing old release ${dir##*/}"
    rm -rf "$dir"
  fi
done
