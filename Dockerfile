# syntax=docker/dockerfile:1
# Build stage: resolve dependencies first so they are cached across source changes.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

# The Spark job (only the runtime-spark image carries it): its jar and dependencies, as spark-job/target has them.
FROM maven:3.9-eclipse-temurin-17 AS spark-job
WORKDIR /src
COPY spark-job/pom.xml spark-job/pom.xml
RUN mvn -B -q -f spark-job/pom.xml dependency:go-offline
COPY spark-job/src spark-job/src
RUN mvn -B -q -f spark-job/pom.xml package -DskipTests

# Runtime stage: a JRE and the jar, run by an unprivileged user.
FROM eclipse-temurin:17-jre AS runtime
# Charts are drawn with Java2D, which needs fontconfig and at least one font even when headless.
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system app && useradd --system --gid app --uid 10001 --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=app:app /src/target/customer-segmentation-service.jar app.jar
USER app
EXPOSE 8080
# Out of memory, the process exits (and the orchestrator restarts it) instead of living on half-dead.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# No curl in the image: ask the health endpoint over bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf "GET /actuator/health HTTP/1.0\r\n\r\n" >&3 && grep -q "\"status\":\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

# The same service with the Spark job beside it (about 320 MB more), for runs on a Spark master:
#   docker build --target runtime-spark .     (docker compose: SERVICE_TARGET=runtime-spark)
FROM runtime AS runtime-spark
COPY --from=spark-job --chown=app:app /src/spark-job/target/spark-job.jar /app/spark-job/spark-job.jar
COPY --from=spark-job --chown=app:app /src/spark-job/target/lib /app/spark-job/lib
ENV SEGMENTATION_SPARK_JOB_JAR=/app/spark-job/spark-job.jar
# A run's driver is a second JVM in the container (its heap: segmentation.spark.driver-memory, default 2g), and it
# inherits these options: the service keeps to half the container's memory, leaving the rest for the driver.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"

# The default image (the last stage): the service without Spark.
FROM runtime
