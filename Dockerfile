# syntax=docker/dockerfile:1
# csoft-chatops: the bot as a container. Build: docker build -t csoft-chatops .
# Run:   docker run -d --restart unless-stopped --env-file .env -p 3000:3000 \
#          -v csoft-chatops-data:/data csoft-chatops   (README: Deploy, Docker)

# Node 24, the current LTS, for every stage: the native module is built for the runtime's Node.
ARG NODE_IMAGE=node:24-bookworm-slim

# Production dependencies only. better-sqlite3 is native: its prebuilt binary is fetched at
# install time, and the compilers are here for when none fits. They stay in this stage.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The chat SDKs are optional peer dependencies (a bot that embeds the package brings its own) and
# dev dependencies, so --omit=dev leaves them out: the bot needs them, at the lock file's versions.
RUN npm ci --omit=dev --no-audit --no-fund \
  && sdks=$(node -p "const { packages } = require('./package-lock.json'); \
    Object.keys(require('./package.json').peerDependencies) \
      .map((name) => name + '@' + packages['node_modules/' + name].version).join(' ')") \
  && npm install --no-save --save-prod --omit=dev --no-audit --no-fund $sdks

# Build stage: compile TypeScript with the full dependency tree.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY app ./app
RUN npm run build

# Runtime: the same Node image (so the native module matches), the compiled output and
# production node_modules, run as the image's unprivileged `node` user.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY manifest ./manifest
# The history database lives here; mount a volume so it outlives the container.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Alive when /healthz answers on PORT (chat adapters serve it; the terminal adapter does not).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: stop taking commands, finish pages, close, exit 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/app/main.js"]
