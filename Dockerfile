# syntax=docker/dockerfile:1
# onedoor: Spring Boot 3.5 + Camunda 7.24 in two stages. Build:  docker build -t onedoor .
# The tests are not run here (CI runs them with .ci/run); docker-compose.yml starts it with PostgreSQL.

# ---- build: Maven 3.9 on Temurin 17 -----------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# src/, processes/ and forms/ (pom.xml adds the last two to the classpath); see .dockerignore.
# The cache mount keeps downloaded dependencies between builds (BuildKit, the default builder).
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package \
 && cp target/onedoor-*.jar application.jar \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# ---- run: JRE only ------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# the regulators' working days and deadlines are local to China
ENV TZ=Asia/Shanghai \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8"
RUN groupadd --system --gid 10001 onedoor \
 && useradd --system --uid 10001 --gid onedoor --home-dir /app --shell /usr/sbin/nologin onedoor \
 && mkdir -p /app/data \
 && chown onedoor:onedoor /app/data
WORKDIR /app
# Spring Boot's layers, least changing first
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
USER onedoor
EXPOSE 8080
# Health check without curl or wget: recent eclipse-temurin images no longer ship them, and a JVM
# per probe would cost more CPU than the check is worth. bash (always in the Ubuntu base) opens the
# TCP connection itself and sends HTTP/1.0, so the server closes after the response and grep sees
# the whole body: "UP" -> healthy, "DOWN", a 503 or no answer -> unhealthy. /actuator/health is
# open to anonymous callers (SecurityConfig). docker-compose.yml repeats this check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "application.jar"]
