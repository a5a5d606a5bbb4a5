# Production image of the API and the dashboard. Build: docker build -t linktrace .
# NODE_IMAGE: any Debian-based image with Node.js 22 or 24 and npm.
ARG NODE_IMAGE=node:24-bookworm-slim
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nest build api && npm run build:dashboard && npm prune --omit=dev

FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/dashboard/dist ./apps/dashboard/dist
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/scripts/serve.sh ./scripts/serve.sh
# The embedded database's folder (used when DATABASE_URL is unset), writable by the unprivileged user.
RUN mkdir .data && chown node:node .data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# node with production's flags (scripts/serve.sh, which `npm run start:prod` runs too); exec makes node PID 1.
CMD ["sh", "scripts/serve.sh"]
