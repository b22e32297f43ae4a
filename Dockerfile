# Jobhound: a small image that runs the TypeScript sources with tsx (no build step).
# Build: docker build -t jobhound .   Run: see compose.yaml and the README's Deploy section.

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only (tsx, which runs the sources, is one of them).
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HTTP_PORT=9464 \
    HTTP_HOST=0.0.0.0 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9464
HEALTHCHECK --interval=60s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.HTTP_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node directly (not npm) so SIGTERM reaches the bot and it can shut down cleanly.
CMD ["node", "--import", "tsx", "src/main.ts"]
