# JVM image of Breakwater. Build stage compiles with the Maven wrapper; the runtime stage holds only the
# packaged Quarkus app. External PostgreSQL, S3 and Elasticsearch are configured through the environment
# (see deploy/compose.yaml); without them the app starts its embedded services under /data.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline || true
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:21-jre
RUN useradd --system --create-home --home-dir /home/breakwater breakwater \
    && mkdir -p /data && chown breakwater:breakwater /data
WORKDIR /app
COPY --from=build --chown=breakwater:breakwater /src/target/quarkus-app/ /app/
COPY --from=build --chown=breakwater:breakwater /src/target/elasticsearch/ /app/elasticsearch/
USER breakwater
ENV BREAKWATER_DATA_DIR=/data \
    JAVA_OPTS="-XX:MaxRAMPercentage=50"
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar \"$@\"", "--"]
