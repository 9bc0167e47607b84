#!/bin/sh
# Entry point of the image: runs Breakwater as the unprivileged user "breakwater". Its arguments are the
# application's: none starts the server, "admin ..." and "stackwalk ..." run those command lines.
set -eu

if [ "$(id -u)" = 0 ]; then
    # Started as root (--user 0, or to take over a data directory owned by root): PostgreSQL and
    # Elasticsearch refuse root, and a container rarely may create user namespaces, so hand the data
    # directory to breakwater and drop root before the JVM starts.
    data=${BREAKWATER_DATA_DIR:-/data}
    mkdir -p "$data"
    find "$data" ! -user breakwater -exec chown -h breakwater:breakwater {} +
    export HOME=/home/breakwater
    exec setpriv --reuid=breakwater --regid=breakwater --init-groups --inh-caps=-all -- "$0" "$@"
fi

# JAVA_OPTS is split into words on purpose: it holds several options.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /app/quarkus-run.jar "$@"
