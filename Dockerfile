# vanban: Node 20 on Debian bookworm with Debian's chromium and the fonts shipped in fonts/.
FROM node:20-bookworm-slim

# The same Debian packages as .ci/run (scripts/debian-packages.txt).
COPY scripts/debian-packages.txt /tmp/debian-packages.txt
RUN apt-get update \
 && grep -v '^\s*#' /tmp/debian-packages.txt | sed '/^\s*$/d' \
    | xargs apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/* /tmp/debian-packages.txt

WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
COPY fonts ./fonts
# better-sqlite3 is compiled from source (node-gyp: python3, make, g++). The compilers stay: removing
# python3 could take packages of the list above with it.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
 && npm_config_build_from_source=true npm ci --no-audit --no-fund && npm prune --omit=dev \
 && rm -rf /var/lib/apt/lists/*
COPY bin ./bin
COPY templates ./templates
COPY fixtures ./fixtures
COPY migrations ./migrations

RUN groupadd --system vanban && useradd --system --gid vanban --home-dir /app vanban \
 && mkdir -p /app/data && chown -R vanban:vanban /app/data
USER vanban

# Embedded (the default): the register and the files in /app/data, one container per volume. As one instance of
# many (docs/deploy.md): DATABASE_URL, FILE_STORE=s3 (S3_BUCKET, S3_ENDPOINT, AWS_*) or FILE_STORE=postgres, and
# the volume is left out: the container then keeps nothing that another instance needs.
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 CHROMIUM_PATH=/usr/bin/chromium DATA_DIR=/app/data
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself as the process that receives SIGTERM (npm does not wait for its child): the drain of
# docs/deploy.md (503 to new requests, requests and job slices in flight finished, leases released) then runs.
# Give the orchestrator's stop timeout more than SHUTDOWN_GRACE_MS.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
