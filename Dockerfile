# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the dev dependencies. No install scripts: none is needed
# to compile, and one of them (@scarf/scarf, via swagger-ui-dist) is an install-time analytics ping.
FROM node:26-slim AS build
ENV SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies only, no install scripts, non-root. Node's current LTS.
FROM node:26-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The embedded database's initdb template, built once into the image under node_modules/.cache
# (not /tmp: a container's /tmp is often a fresh mount). A single instance on the embedded
# database (EMBEDDED_DATABASE=true) copies it instead of running initdb (~3 s) before ready.
RUN node dist/database/prepare-embedded-database.js \
    && mkdir -p /data && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# node's own flags: src/bootstrap/node-flags.ts says why (memory).
CMD ["node", "--liftoff-only", "--max-semi-space-size=4", "dist/main.js"]
