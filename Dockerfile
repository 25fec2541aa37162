# Builds the gateway jar, then runs it on Debian with the PostgreSQL grammar library.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY policy/pom.xml policy/
COPY config/pom.xml config/
COPY protocol-pg/pom.xml protocol-pg/
COPY protocol-mysql/pom.xml protocol-mysql/
COPY gateway/pom.xml gateway/
RUN mvn -B -q dependency:go-offline -DexcludeArtifactIds=schemagate-policy,schemagate-config,schemagate-protocol-pg,schemagate-protocol-mysql || true
COPY . .
RUN mvn -B -q -DskipTests package

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless libpg-query1504.0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/schemagate schemagate \
 && mkdir -p /var/lib/schemagate /etc/schemagate \
 && chown schemagate /var/lib/schemagate
COPY --from=build /src/gateway/target/schemagate.jar /opt/schemagate/schemagate.jar
COPY examples/policy.yaml /etc/schemagate/policy.yaml
COPY examples/compose/schemagate.yaml /etc/schemagate/schemagate.yaml
USER schemagate
WORKDIR /var/lib/schemagate
EXPOSE 6432 6033 9600
ENTRYPOINT ["java", "-jar", "/opt/schemagate/schemagate.jar"]
CMD ["serve", "--config", "/etc/schemagate/schemagate.yaml"]
