#!/usr/bin/env bash
# Smoke test of the Docker image: build it, run it on a named volume, submit a dump, find it through the
# API, restart the container and find it again. Needs the host build first (./mvnw -B -DskipTests package)
# and ../shared/corpus/generated/segv/crash.dmp beside the repository.
#
#   bash deploy/smoke-test.sh [RUNTIME_IMAGE]
#
# RUNTIME_IMAGE (argument or environment) is the base image for the Dockerfile's build argument; unset,
# the local breakwater-base/jre:21 (deploy/build-base-image.sh) is used when it exists, else the
# Dockerfile's default. Exits 0 with a SKIP line when no Docker engine answers. DOCKER picks the client.
set -uo pipefail
cd "$(dirname "$0")/.."

DOCKER=${DOCKER:-docker}
RUNTIME_IMAGE=${1:-${RUNTIME_IMAGE:-}}
LOCAL_BASE=breakwater-base/jre:21
IMAGE=breakwater:smoke-test
NAME=breakwater-smoke-$$
VOLUME=$NAME-data
DUMP=../shared/corpus/generated/segv/crash.dmp
T0=$(date +%s.%N)
STEP_T0=$T0
BASE=

elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
step() { STEP_T0=$(date +%s.%N); printf '== %s\n' "$*"; }
pass() { printf 'PASS %s (%s)\n' "$*" "$(elapsed "$STEP_T0")"; }
fail() {
  printf 'FAIL %s (%s)\n' "$*" "$(elapsed "$STEP_T0")"
  if "$DOCKER" container inspect "$NAME" >/dev/null 2>&1; then
    echo "-- last lines of the container log:"
    "$DOCKER" logs --tail 40 "$NAME" 2>&1 | sed 's/^/   /'
  fi
  printf 'Smoke test: FAIL after %s\n' "$(elapsed "$T0")"
  exit 1
}

if ! "$DOCKER" info >/dev/null 2>&1; then
  echo "SKIP smoke test: no Docker engine answers ('$DOCKER info' failed)"
  exit 0
fi

cleanup() {
  "$DOCKER" rm -f "$NAME" >/dev/null 2>&1
  "$DOCKER" volume rm "$VOLUME" >/dev/null 2>&1
  # Copy stages the legacy builder left untagged (see the Dockerfile).
  "$DOCKER" image prune -f --filter label=io.breakwater.build-stage=true >/dev/null 2>&1
}
trap cleanup EXIT

step "preconditions"
[ -f "$DUMP" ] || fail "no test dump at $DUMP (the shared corpus must sit beside the repository)"
[ -f target/quarkus-app/quarkus-run.jar ] && [ -d target/elasticsearch ] \
  || fail "no build output in target/: run ./mvnw -B -DskipTests package first"
if [ -z "$RUNTIME_IMAGE" ] && "$DOCKER" image inspect "$LOCAL_BASE" >/dev/null 2>&1; then
  RUNTIME_IMAGE=$LOCAL_BASE
fi
if [ -n "$RUNTIME_IMAGE" ]; then
  BASE="--build-arg RUNTIME_IMAGE=$RUNTIME_IMAGE"
fi
DEFAULT_BASE="the Dockerfile's default"
pass "dump $DUMP, base image ${RUNTIME_IMAGE:-$DEFAULT_BASE}"

step "docker build -t $IMAGE $BASE ."
BUILD_LOG=$(mktemp /tmp/breakwater-smoke-build.XXXXXX)
# shellcheck disable=SC2086
if ! "$DOCKER" build -t "$IMAGE" $BASE . >"$BUILD_LOG" 2>&1; then
  tail -n 20 "$BUILD_LOG" | sed 's/^/   /'
  rm -f "$BUILD_LOG"
  fail "image build"
fi
rm -f "$BUILD_LOG"
pass "image built, $("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')"

step "docker run $NAME on volume $VOLUME"
"$DOCKER" volume create "$VOLUME" >/dev/null || fail "volume create"
"$DOCKER" run -d --name "$NAME" -p 127.0.0.1::8080 -v "$VOLUME:/data" --stop-timeout 90 "$IMAGE" >/dev/null \
  || fail "container start"
# The engine picks a free host port, and picks again at every restart.
published_url() {
  local port
  port=$("$DOCKER" port "$NAME" 8080/tcp | head -n1 | sed 's/.*://')
  [ -n "$port" ] || fail "no published port"
  URL=http://127.0.0.1:$port
}
published_url
USER_IN=$("$DOCKER" exec "$NAME" id -un 2>/dev/null)
[ "$USER_IN" = breakwater ] || fail "runs as '$USER_IN', not breakwater"
pass "container up at $URL as user $USER_IN"

# wait_for SECONDS DESCRIPTION COMMAND...: retries COMMAND every 2 s until it succeeds.
wait_for() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$(( $(date +%s) + limit ))
  while ! "$@"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      fail "$what: not within $limit s"
    fi
    if [ "$("$DOCKER" inspect -f '{{.State.Running}}' "$NAME" 2>/dev/null)" != true ]; then
      fail "$what: the container stopped"
    fi
    sleep 2
  done
}
heartbeat_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/__heartbeat__")" = 200 ]; }
found_once() {
  curl -s "$URL/api/SuperSearch?uuid=$CRASH_ID" | grep -Eq '"total"[[:space:]]*:[[:space:]]*1[,}]'
}

step "wait for /__heartbeat__ (200)"
wait_for 300 "heartbeat" heartbeat_ok
pass "heartbeat 200"

step "POST /submit $DUMP"
RESPONSE=$(curl -s -F ProductName=SmokeTest -F Version=1.0 -F upload_file_minidump=@"$DUMP" "$URL/submit")
CRASH_ID=$(printf '%s' "$RESPONSE" | sed -n 's/^CrashID=bp-//p' | tr -d '\r\n')
[ -n "$CRASH_ID" ] || fail "submit answered '$RESPONSE'"
pass "submitted, crash id $CRASH_ID"

step "wait until /api/SuperSearch?uuid=$CRASH_ID has total 1"
wait_for 180 "search" found_once
pass "crash processed and searchable"

step "docker restart $NAME"
"$DOCKER" restart -t 90 "$NAME" >/dev/null || fail "restart"
published_url
pass "restarted, now at $URL"

step "wait for /__heartbeat__ (200) after the restart"
wait_for 300 "heartbeat after restart" heartbeat_ok
pass "heartbeat 200"

step "crash still found after the restart"
wait_for 60 "search after restart" found_once
CODE=$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/ProcessedCrash?crash_id=$CRASH_ID")
[ "$CODE" = 200 ] || fail "/api/ProcessedCrash?crash_id=$CRASH_ID answered $CODE"
pass "SuperSearch total 1, ProcessedCrash 200"

echo "   /__version__: $(curl -s "$URL/__version__")"
printf 'Smoke test: PASS in %s\n' "$(elapsed "$T0")"
