#!/usr/bin/env bash
# Builds the CodeDeploy revision folder from built jars (mvn package):
#   scripts/package-bundle.sh OUT_DIR
# OUT_DIR gets appspec.yml, the hook scripts, lib/{api,master,worker}.jar, config/ and REVISION.
# deploy-backend.yml zips and uploads it; scripts/test-codedeploy-hooks.sh installs it locally.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: package-bundle.sh OUT_DIR}

for jar in api/target/api.jar challenge-workers/target/master.jar challenge-workers/target/worker.jar; do
  if [[ ! -f "$root/$jar" ]]; then
    echo "missing $jar: run mvn -B -DskipTests package first" >&2
    exit 1
  fi
done

rm -rf "$out"
mkdir -p "$out/scripts" "$out/lib" "$out/config"
cp "$root/appspec.yml" "$out/"
for f in lib.sh run-service.sh supervise.sh application-stop.sh before-install.sh after-install.sh \
  application-start.sh validate-service.sh; do
  cp "$root/scripts/$f" "$out/scripts/"
done
cp "$root/api/target/api.jar" "$root/challenge-workers/target/master.jar" "$root/challenge-workers/target/worker.jar" "$out/lib/"
cp "$root/config/tixproof.env.example" "$out/config/"
{
  echo "commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$out/REVISION"
echo "bundle ready in $out"
