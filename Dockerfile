# Build stage: Maven on a JDK 25 image compiles the server and collects its libraries in target/libs. The
# libraries and plug-ins come in a layer of their own, fetched again only when pom.xml changes.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
RUN mvn -B -ntp -q package -DskipTests
# The load tool (JDK only) drives the training run below: the library's screens and a burst of live events.
COPY load load
RUN mvn -B -ntp -q -f load/pom.xml package

# Runtime stage: a JRE 25 image, the jar and its libraries, the AOT cache trained on this very JRE (it halves
# start time and idle memory; see docs/PERFORMANCE.md), data in the /data volume. The flags adapt to the JDK,
# so an older base image (21+) still works, with an AppCDS archive instead.
FROM eclipse-temurin:25-jre
RUN groupadd --system jamra && useradd --system --gid jamra --home-dir /app jamra \
    && mkdir -p /app /data && chown jamra:jamra /data
WORKDIR /app
COPY --from=build /build/target/jamra-server.jar ./
COPY --from=build /build/target/libs ./libs
COPY bin/jvm-options bin/aot-cache bin/java-home ./bin/
COPY --from=build /build/load/target/jamra-load.jar ./training/
# The training run starts the server as the image will, opens the library's screens over 5,000 items and sends
# it a burst of live events: if it cannot, the build fails here.
RUN bin/aot-cache "$JAVA_HOME" /app/jamra-server.jar /app/jamra-server /app/training/jamra-load.jar
# Listen on every interface inside the container. Requests must still name the server as localhost or
# 127.0.0.1 (what a published port gives) unless ALLOWED_HOSTS lists other names, e.g. -e ALLOWED_HOSTS=jamra.lan
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 3000
USER jamra
# The image has no curl or wget and a JVM per check would cost more than the server at rest: bash asks GET /health
# over its own /dev/tcp. 200 is healthy; a 503 (a module failing), no answer in time or a refused connection is not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q '^HTTP/1.1 200 '"]
# The JVM flags of bin/start (reasons in docs/PERFORMANCE.md); JAVA_OPTS adds to them.
ENTRYPOINT ["sh", "-c", "exec java $(/app/bin/jvm-options /app/jamra-server) ${JAVA_OPTS:-} -jar /app/jamra-server.jar"]
