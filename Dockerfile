# syntax=docker/dockerfile:1
# Image of the ftgan command (API, workers). Build: docker build -t ftgan .
# GPU workers: docker build --build-arg MAVEN_PROFILE=cuda \
#   --build-arg RUNTIME_BASE=nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04 -t ftgan:cuda .
# (docker-compose.yml passes both for the worker-gpu service.)

# Maven profile for the tensor backend: empty = the default CPU backend, "cuda" = nd4j-cuda-11.6.
ARG MAVEN_PROFILE=""
# Base of the runtime stage; the GPU image needs the CUDA 11.6 runtime libraries underneath the JRE.
ARG RUNTIME_BASE=eclipse-temurin:17-jre

# The loss-term, figure and status names as TypeScript constants for the dashboard (what web's Maven build
# does with exec:java): ftgan-names has no dependencies (not even Jackson: PlatformDataConverter maps the
# statuses to JSON on the Temporal side), so javac alone builds it.
FROM eclipse-temurin:17-jdk AS names
COPY names/src/main/java /src/names
RUN javac -d /names-classes $(find /src/names -name '*.java') \
    && java -cp /names-classes org.ftgan.names.TypeScriptNames /names.ts

# The dashboard's bundle: npm packages pinned by package-lock.json, bundled by esbuild.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
COPY --from=names /names.ts src/generated/names.ts
COPY experiments/ /src/experiments/
RUN npm run typecheck && npm run build

FROM maven:3-eclipse-temurin-17 AS build
ARG MAVEN_PROFILE
WORKDIR /src
COPY . .
# the bundle from the web stage goes into the ftgan-web jar; Maven then skips npm (no node here)
COPY --from=web /src/web/target/classes/dashboard /src/web/target/classes/dashboard
# javacpp.platform keeps the native jars to linux-x86_64 (the other platforms' binaries are large).
# The cache mount keeps ~/.m2 between builds so that a source change does not download everything again.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests -Ddashboard.skip=true -Djavacpp.platform=linux-x86_64 ${MAVEN_PROFILE:+-P${MAVEN_PROFILE}} package -pl cli -am

FROM eclipse-temurin:17-jre AS jre

FROM ${RUNTIME_BASE} AS runtime
# The JRE is copied in rather than inherited so that the same stage works on a CUDA base image.
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    OMP_WAIT_POLICY=PASSIVE \
    MALLOC_ARENA_MAX=2 \
    FTGAN_ARTIFACTS=/artifacts
WORKDIR /app
# Same layout as cli/target: the jar's manifest class path points at lib/ beside it.
COPY --from=build /src/cli/target/lib /app/lib
COPY --from=build /src/cli/target/ftgan.jar /app/ftgan.jar
VOLUME /artifacts
# The Vector API (org.ftgan.nn.VectorApi) for the float loops; Temurin's 17 JRE has the incubator module,
# and the JVM prints one warning that it uses it.
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-jar", "/app/ftgan.jar"]
