#!/usr/bin/env bash
# Builds local base images without any image registry: a Debian trixie root filesystem made with
# debootstrap from the Debian mirror this machine's apt already uses, imported into Docker, and a
# JRE 21 image on top of it for the Dockerfile's RUNTIME_IMAGE build argument.
#
#   bash deploy/build-base-image.sh            # builds what is missing
#   bash deploy/build-base-image.sh --rebuild  # builds both images anew
#
# Environment: DEBIAN_MIRROR (default: read from /etc/apt/sources*), DOCKER (default: docker),
# BASE_TAG (default breakwater-base/debian:trixie), JRE_TAG (default breakwater-base/jre:21),
# EXTRA_CA_DIR (default /usr/local/share/ca-certificates: the machine's own CAs, copied into the image so
# HTTPS works inside as it does on the host).
set -euo pipefail

DOCKER=${DOCKER:-docker}
BASE_TAG=${BASE_TAG:-breakwater-base/debian:trixie}
JRE_TAG=${JRE_TAG:-breakwater-base/jre:21}
EXTRA_CA_DIR=${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}
SUITE=trixie
REBUILD=false
[ "${1:-}" = "--rebuild" ] && REBUILD=true

log() { printf '[build-base-image] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# First URI of a Debian main archive (not debian-security) in apt's sources, deb822 or one-line format.
apt_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # "deb [options] URI suite components"
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' "$f"
  done
}
pick_mirror() { apt_mirror | grep -E '/debian/?$' | head -n1 | sed 's:/*$::'; }
pick_security() { apt_mirror | grep -E '/debian-security/?$' | head -n1 | sed 's:/*$::'; }

image_exists() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers ('$DOCKER info' failed)"

MIRROR=${DEBIAN_MIRROR:-$(pick_mirror)}
[ -n "$MIRROR" ] || die "no Debian mirror found in /etc/apt/sources*; set DEBIAN_MIRROR"
SECURITY=${DEBIAN_SECURITY_MIRROR:-$(pick_security)}
log "Debian mirror: $MIRROR${SECURITY:+ (security: $SECURITY)}"

start=$(date +%s)
if $REBUILD || ! image_exists "$BASE_TAG"; then
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install -y debootstrap)"
  [ "$(id -u)" = 0 ] || die "debootstrap needs root"
  rootfs=$(mktemp -d /tmp/breakwater-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  log "debootstrap --variant=minbase $SUITE into $rootfs"
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$rootfs.log" 2>&1 \
    || { tail -n 30 "$rootfs.log" >&2; die "debootstrap failed (log: $rootfs.log)"; }
  rm -f "$rootfs.log"
  # Same sources inside as debootstrap used; apt lists and downloaded packages are not part of an image.
  {
    echo "deb $MIRROR $SUITE main"
    echo "deb $MIRROR $SUITE-updates main"
    [ -n "$SECURITY" ] && echo "deb $SECURITY $SUITE-security main"
  } >"$rootfs/etc/apt/sources.list"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  log "docker import -> $BASE_TAG"
  tar -C "$rootfs" -c . | "$DOCKER" import \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' - "$BASE_TAG" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  REBUILD=true # the JRE image sits on the new base
else
  log "$BASE_TAG exists (use --rebuild to make it anew)"
fi

if $REBUILD || ! image_exists "$JRE_TAG"; then
  ctx=$(mktemp -d /tmp/breakwater-jre.XXXXXX)
  trap 'rm -rf "$ctx"' EXIT
  mkdir -p "$ctx/ca"
  if [ -d "$EXTRA_CA_DIR" ]; then
    find "$EXTRA_CA_DIR" -name '*.crt' -type f -exec cp {} "$ctx/ca/" \;
  fi
  log "extra CA certificates: $(find "$ctx/ca" -name '*.crt' | wc -l) from $EXTRA_CA_DIR"
  cat >"$ctx/Dockerfile" <<EOF
FROM $BASE_TAG
COPY ca/ /usr/local/share/ca-certificates/
# util-linux: setpriv and unshare, which the launchers call; the rest is the JRE and its trust store.
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\
      ca-certificates ca-certificates-java openjdk-21-jre-headless util-linux \\
 && update-ca-certificates \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /var/cache/apt/*.bin \\
 && java -version
EOF
  log "docker build -> $JRE_TAG"
  "$DOCKER" build -t "$JRE_TAG" "$ctx" >"$ctx.log" 2>&1 \
    || { tail -n 30 "$ctx.log" >&2; die "JRE image build failed (log: $ctx.log)"; }
  rm -rf "$ctx" "$ctx.log"
  trap - EXIT
else
  log "$JRE_TAG exists (use --rebuild to make it anew)"
fi

log "done in $(( $(date +%s) - start )) s: $("$DOCKER" image inspect -f '{{.RepoTags}} {{.Size}} bytes' "$JRE_TAG")"
echo "$JRE_TAG"
