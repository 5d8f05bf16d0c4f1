# gomsggw server image: build the shaded jar, run it as a non-root user on a JRE.
#   docker build -t gomsggw .
#   docker run -p 3000:3000 -p 9550:9550 -p 2566:2566 -p 2550:2550 -v gomsggw-data:/var/lib/gomsggw/data gomsggw
# The server jar bundles Humble Video (AGPL-3.0) for video/audio transcoding; see NOTICE.
# Build without it: docker build --build-arg MAVEN_ARGS=-DskipHumble -t gomsggw .

FROM maven:3.9-eclipse-temurin-17 AS build
ARG MAVEN_ARGS=""
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests ${MAVEN_ARGS}

FROM eclipse-temurin:17-jre
RUN groupadd --system gomsggw \
 && useradd --system --gid gomsggw --home-dir /var/lib/gomsggw --shell /usr/sbin/nologin gomsggw \
 && mkdir -p /var/lib/gomsggw/data /opt/gomsggw/plugins \
 && chown -R gomsggw:gomsggw /var/lib/gomsggw
COPY --from=build /src/gomsggw-server/target/gomsggw-server.jar /opt/gomsggw/gomsggw-server.jar
COPY LICENSE NOTICE /opt/gomsggw/
USER gomsggw
WORKDIR /var/lib/gomsggw
ENV GOMSGGW_DATA_DIR=/var/lib/gomsggw/data \
    PLUGINS_DIR=/opt/gomsggw/plugins \
    LOG_FORMAT=json
VOLUME ["/var/lib/gomsggw/data"]
# HTTP API, SMPP, MM4 (SMTP), Prometheus metrics
EXPOSE 3000 9550 2566 2550
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-Xmx48m", "-XX:TieredStopAtLevel=1", "-jar", "/opt/gomsggw/gomsggw-server.jar", "healthcheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/gomsggw/gomsggw-server.jar"]
CMD ["serve"]
