# Build stage: Maven on a JDK 25 image compiles the server and collects its libraries in target/libs.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline || true
COPY src src
RUN mvn -B -ntp -q package -DskipTests

# Runtime stage: a JRE 25 image, the jar and its libraries, the AOT cache trained on this very JRE (it halves
# start time and idle memory; see docs/PERFORMANCE.md), data in the /data volume. The flags adapt to the JDK,
# so an older base image (21+) still works, with an AppCDS archive instead.
FROM eclipse-temurin:25-jre
RUN groupadd --system jamra && useradd --system --gid jamra --home-dir /app jamra \
    && mkdir -p /app /data && chown jamra:jamra /data
WORKDIR /app
COPY --from=build /build/target/jamra-server.jar ./
COPY --from=build /build/target/libs ./libs
COPY bin/jvm-options bin/aot-cache ./bin/
RUN bin/aot-cache "$JAVA_HOME" /app/jamra-server.jar /app/jamra-server || echo "no AOT cache; the server starts without it"
# Listen on every interface inside the container. Requests must still name the server as localhost or
# 127.0.0.1 (what a published port gives) unless ALLOWED_HOSTS lists other names, e.g. -e ALLOWED_HOSTS=jamra.lan
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 3000
USER jamra
# The JVM flags of bin/start (reasons in docs/PERFORMANCE.md); JAVA_OPTS adds to them.
ENTRYPOINT ["sh", "-c", "exec java $(/app/bin/jvm-options /app/jamra-server) ${JAVA_OPTS:-} -jar /app/jamra-server.jar"]
