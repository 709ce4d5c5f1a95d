// `npm run collector`: the collector on HOST:PORT, with its SQLite file under DATA_DIR or PostgreSQL at
// DATABASE_URL. Retention runs at start and every hour; SIGINT/SIGTERM finish the requests in flight, then stop.
import { join } from 'node:path';
import { projectRoot, projectVersion } from '../cli/io';
import { buildApp } from './app';
import { readConfig } from './config';
import { openStore } from './storage/open';
import { weeksAgo } from './weeks';

const HOUR = 3_600_000;

async function start(): Promise<void> {
  const config = readConfig();
  const store = await openStore(config);
  const app = await buildApp({ store, config, version: projectVersion(), methodologyFile: join(projectRoot(), 'METHODOLOGY.md') });

  const purge = async () => {
    try {
      const dropped = await store.purgeBefore(weeksAgo(config.retentionWeeks));
      if (dropped) app.log.info({ dropped, retentionWeeks: config.retentionWeeks }, 'retention: raw reports dropped');
    } catch (error) {
      app.log.error({ err: error }, 'retention failed');
    }
  };
  await purge();
  const timer = setInterval(() => void purge(), HOUR);
  timer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    clearInterval(timer);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const url = await app.listen({ host: config.host, port: config.port });
  app.log.info({ url, store: store.kind, retentionWeeks: config.retentionWeeks, dashboard: config.dashboardDir }, 'collector ready');
}

start().catch((error: Error) => {
  // A sentence for the person starting it (bad setting, database unreachable), not a stack trace.
  console.error(`vigie collector: ${error.message}`);
  process.exit(1);
});
