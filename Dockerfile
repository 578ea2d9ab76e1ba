# One image per service, from the jar that `./mvnw package` built (see "Container images and Kubernetes" in the
# README):
#   docker build --build-arg SERVICE=process-app -t shared-mobility/process-app:0.1.0-SNAPSHOT .
# SERVICE is process-app, payment-adapter or key-adapter.

FROM eclipse-temurin:17-jre AS layers
ARG SERVICE
WORKDIR /layers
COPY ${SERVICE}/target/${SERVICE}-*.jar application.jar
# Spring Boot's layers, least often changed first, so that a code change rebuilds and ships only the last one
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
ARG SERVICE
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.source="shared-mobility"
# a fixed numeric user, so that Kubernetes' runAsNonRoot can verify it without looking into /etc/passwd
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --home-dir /application --shell /usr/sbin/nologin app
WORKDIR /application
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
# the services' default ports are 8080, 8081 and 8082 (SERVER_PORT)
EXPOSE 8080 8081 8082
# no HEALTHCHECK: Kubernetes probes /actuator/health/liveness and /readiness itself.
# JVM options (heap as a share of the memory limit) come from JAVA_TOOL_OPTIONS in the Deployment.
ENTRYPOINT ["java", "-jar", "application.jar"]
