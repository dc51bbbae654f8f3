import { buildApp } from './app.js';
import { ensureInitialAdmin, prepareDatabase } from './bootstrap.js';
import type { Config } from './config.js';

/** Starts the server: database → migrations → first admin → listen; stops cleanly on SIGTERM/SIGINT. */
export async function startServer(config: Config): Promise<{ close: () => Promise<void>; url: string }> {
  const { database } = await prepareDatabase(config);
  const { app, services } = await buildApp({ config, database });
  await ensureInitialAdmin(config, services, (line) => console.log(line));
  await services.sessions.prune().catch((error) => app.log.warn({ err: error }, 'session prune failed'));
  const url = await app.listen({ port: config.port, host: config.host });
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await database.close();
    })();
    return closing;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      close()
        .then(() => process.exit(0))
        .catch((error) => {
          console.error(error);
          process.exit(1);
        });
    });
  }
  return { close, url };
}
