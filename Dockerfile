# JVM image of Breakwater, made from the host build's output: run `./mvnw -B -DskipTests package` first.
# Copying that output, rather than compiling inside, needs no network and no build tools in the image.
#
#   docker build -t breakwater .                                              # public JRE base image
#   docker build --build-arg RUNTIME_IMAGE=breakwater-base/jre:21 -t breakwater .  # local base image
#   docker run -p 8080:8080 -v bw-data:/data --stop-timeout 90 breakwater      # the one-box deployment
#
# With no configuration the server starts its embedded PostgreSQL, s3proxy and Elasticsearch with all
# their data under /data; BREAKWATER_DB_URL, BREAKWATER_S3_ENDPOINT and BREAKWATER_ES_URL point the app
# at external services instead (deploy/compose.yaml).

# Any image with a Java 21+ `java` on PATH, sh, bash, setpriv, groupadd and useradd (Debian or Ubuntu based).
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre

FROM ${RUNTIME_IMAGE} AS stage
# The legacy builder keeps this stage as an untagged image; the label lets scripts prune it.
LABEL io.breakwater.build-stage=true
# .dockerignore lets only the build output and the entry point in; check them, with a clear message.
COPY . /ctx/
RUN set -e; \
    for f in target/quarkus-app/quarkus-run.jar target/elasticsearch/launcher/breakwater-server-args.jar; do \
      if [ ! -f "/ctx/$f" ]; then \
        echo "ERROR: $f is missing from the build context. Build the application first:" >&2; \
        echo "ERROR:   ./mvnw -B -DskipTests package" >&2; \
        exit 1; \
      fi; \
    done; \
    mkdir -p /out; \
    cp -a /ctx/target/quarkus-app /out/app; \
    cp -a /ctx/target/elasticsearch /out/app/elasticsearch; \
    cp /ctx/deploy/docker-entrypoint.sh /out/app/docker-entrypoint.sh; \
    chmod 755 /out/app/docker-entrypoint.sh; \
    chmod -R u=rwX,go=rX /out/app

FROM ${RUNTIME_IMAGE}
# A fixed uid and gid, so that a bind-mounted data directory can be prepared with `chown 10001:10001`.
ARG BREAKWATER_UID=10001
RUN set -e; \
    for tool in java sh bash setpriv groupadd useradd; do \
      command -v "$tool" >/dev/null || { echo "ERROR: $tool is missing from the runtime image" >&2; exit 1; }; \
    done; \
    groupadd --system --gid "$BREAKWATER_UID" breakwater; \
    useradd --system --uid "$BREAKWATER_UID" --gid breakwater --create-home --home-dir /home/breakwater \
      --shell /usr/sbin/nologin breakwater; \
    mkdir -p /data; \
    chown breakwater:breakwater /data
# Owned by root and read-only to the app: it writes only under /data and /tmp.
COPY --from=stage /out/app/ /app/
WORKDIR /app
USER breakwater
ENV BREAKWATER_DATA_DIR=/data \
    JAVA_OPTS="-XX:MaxRAMPercentage=50"
VOLUME /data
EXPOSE 8080
# bash's /dev/tcp: the image needs no curl for this.
HEALTHCHECK --interval=15s --timeout=10s --start-period=180s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT:-8080} && printf 'GET /__heartbeat__ HTTP/1.0\\r\\n\\r\\n' >&3 && read -r _ code _ <&3 && [ \"$code\" = 200 ]"]
ENTRYPOINT ["/app/docker-entrypoint.sh"]
# No arguments: the server with whatever services are not configured externally.
CMD []
