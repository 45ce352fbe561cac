# Gongkai's image: the one runnable jar on a JRE. Build: `docker build -t gongkai .` (or let
# docker-compose.yml build it). Configured by GONGKAI_* environment variables (README.md,
# "## Configuration").

# --- build: the same Maven build as on a workstation, tests left to CI -------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps downloaded dependencies between builds (BuildKit, Docker's default builder).
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

# --- run ---------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# curl for the compose healthcheck (recent Temurin images no longer ship it); a fixed non-root
# uid so that volume ownership is predictable.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 gongkai \
    && useradd --system --uid 10001 --gid gongkai --home-dir /app --shell /usr/sbin/nologin gongkai \
    && mkdir -p /app /data \
    && chown gongkai:gongkai /data
COPY --from=build /src/api/target/gongkai.jar /app/gongkai.jar
USER gongkai
WORKDIR /app
# /data is created owned by gongkai, so a named volume mounted there starts writable.
# GONGKAI_HOST=0.0.0.0: in a container, localhost (the app's default) is not reachable through a
# published port. With more than one instance, set GONGKAI_HOST to a name the other instances can
# reach (it is also advertised to them for interactive queries), as docker-compose.yml does.
# Heap: half of the container's memory; RocksDB state stores live off-heap and need the rest.
ENV GONGKAI_DATA_DIR=/data \
    GONGKAI_HOST=0.0.0.0 \
    JAVA_TOOL_OPTIONS="-XX:InitialRAMPercentage=25 -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
EXPOSE 7070
# `run` by default; `docker run … gongkai publish FILE` (or `docker compose run … publish FILE`)
# runs the other subcommand with the same environment.
ENTRYPOINT ["java", "-jar", "/app/gongkai.jar"]
CMD ["run"]
