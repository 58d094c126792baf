# syntax=docker/dockerfile:1
# The Sluice server image: Debian slim with Debian's Java 17 runtime, the release archive in /opt/sluice, a non-root
# user, SLUICE_HOME on the /data volume, and a health check on /health/ready.
#
# Build the release archive first, then the image (from the repository root):
#   mvn -B -DskipTests package
#   docker build -t sluice:0.1.0-SNAPSHOT .
# From a downloaded release instead (the archive next to this file):
#   docker build --build-arg SLUICE_RELEASE=sluice-0.1.0-SNAPSHOT.tar.gz -t sluice .
# Run:
#   docker run -d --name sluice -p 8080:8080 -v sluice-data:/data sluice:0.1.0-SNAPSHOT
#   docker logs sluice          # the first admin's one-time password is printed once
# Configure with SLUICE_… variables (-e SLUICE_SERVER_PUBLIC_URL=https://sluice.example.com) or /data/sluice.yaml.
FROM debian:bookworm-slim

ARG SLUICE_VERSION=0.1.0-SNAPSHOT
ARG SLUICE_RELEASE=sluice-dist/target/sluice-${SLUICE_VERSION}.tar.gz

# the JRE (not a JDK), CA certificates for Microsoft's endpoints, curl for the health check
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 sluice \
    && useradd --system --uid 10001 --gid sluice --home-dir /data --no-create-home --shell /usr/sbin/nologin sluice

# ADD unpacks a local tar.gz: /opt/sluice-VERSION/{bin,lib,conf,licenses}
ADD ${SLUICE_RELEASE} /opt/
RUN ln -s /opt/sluice-${SLUICE_VERSION} /opt/sluice \
    && install -d -o sluice -g sluice -m 0700 /data

# the server listens on every interface of the container; put TLS in front, or give it a certificate:
#   -e SLUICE_SERVER_TLS_CERT=/data/tls/fullchain.pem -e SLUICE_SERVER_TLS_KEY=/data/tls/privkey.pem
ENV SLUICE_HOME=/data \
    SLUICE_SERVER_HOST=0.0.0.0 \
    SLUICE_SERVER_PORT=8080

VOLUME ["/data"]
WORKDIR /data
USER sluice:sluice
EXPOSE 8080

# ready = the server answers and its database does; https when the server has its own certificate
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS --max-time 4 "http://127.0.0.1:${SLUICE_SERVER_PORT}/health/ready" >/dev/null \
        || curl -fsSk --max-time 4 "https://127.0.0.1:${SLUICE_SERVER_PORT}/health/ready" >/dev/null

ENTRYPOINT ["/opt/sluice/bin/sluice"]
CMD ["serve"]
