# syntax=docker/dockerfile:1.7
# Every DropMate image from one Dockerfile: each runs esbuild bundles with plain `node` on a
# slim Node base, as a non-root user.
#
#   docker build --target function   -t dropmate-function .    # every function's bundle
#   docker build --target realtime   -t dropmate-realtime .
#   docker build --target dispatcher -t dropmate-dispatcher .
#   docker build --target monitor    -t dropmate-monitor .
#   docker build --target migrate    -t dropmate-migrate .
#
# Expected size: the node:24-slim base (about 75 MB compressed) plus a layer of bundles and
# migrations (knative/README.md has the figures). No node_modules ship: the bundles hold all
# they use. The base layers are shared by all five images and all functions share one image,
# so a node pulls them once.

ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build:bundles
# The web app's files, which the realtime gateway serves (knative/README.md says why there).
RUN npm run build -w web

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# db's migration runner reads ../migrations/ beside the bundle: /app/migrations.
COPY --from=build /src/dist/migrations /app/migrations
# Modules a bundle imports only when it needs them: firebase-admin in firebase mode, SendGrid
# with the first email, the S3 client with the first proof-of-delivery file, the OpenTelemetry
# SDK when an OTLP endpoint is set.
COPY --from=build /src/dist/bundles/firebase-admin.mjs /app/bundles/
COPY --from=build /src/dist/bundles/sendgrid.mjs /app/bundles/
COPY --from=build /src/dist/bundles/s3-client.mjs /app/bundles/
COPY --from=build /src/dist/bundles/opentelemetry.mjs /app/bundles/
# The node user of the official image; the manifests also set runAsNonRoot and this uid.
USER 1000:1000
EXPOSE 8080
# Knative and Kubernetes stop pods with SIGTERM; every process drains on it.
STOPSIGNAL SIGTERM

# Each function's Knative Service runs its own bundle: node /app/functions/<name>.mjs. The
# compile cache made with the bundles (knative/src/compile-cache.ts) spares every cold start
# the compiling; readable by the node user, as Node writes it for the build's root only.
FROM runtime AS function
COPY --from=build /src/dist/functions /app/functions
COPY --from=build --chown=1000:1000 /src/dist/compile-cache /app/compile-cache
ENV NODE_COMPILE_CACHE=/app/compile-cache NODE_COMPILE_CACHE_PORTABLE=1
ENTRYPOINT ["node"]

FROM runtime AS realtime
COPY --from=build /src/dist/bundles/realtime.mjs /app/bundles/
COPY --from=build /src/web/dist /app/web
CMD ["node", "/app/bundles/realtime.mjs"]

FROM runtime AS dispatcher
COPY --from=build /src/dist/bundles/dispatcher.mjs /app/bundles/
CMD ["node", "/app/bundles/dispatcher.mjs"]

FROM runtime AS monitor
COPY --from=build /src/dist/bundles/monitor.mjs /app/bundles/
CMD ["node", "/app/bundles/monitor.mjs"]

FROM runtime AS migrate
COPY --from=build /src/dist/bundles/migrate.mjs /app/bundles/
CMD ["node", "/app/bundles/migrate.mjs"]
