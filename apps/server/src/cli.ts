#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROLES, type Role, roleAssignmentSchema } from '@ganxun/domain';
import { ensureInitialAdmin, prepareDatabase } from './bootstrap.js';
import { startCluster } from './cluster.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/client.js';
import { startServer } from './main.js';
import { BatchUserError } from './modules/users/batch.js';
import { systemContext } from './platform/context.js';
import { AppError } from './platform/errors.js';
import { fieldMessage } from './platform/i18n.js';

const HELP = `ganxun — 干训 · cadre training and talent-exchange platform

Usage: ganxun <command> [options]

Commands:
  start                     migrate, then serve the API and the console (PORT, HOST, DATA_DIR, DATABASE_URL;
                            WORKERS=N runs N server processes on PostgreSQL)
  migrate                   apply pending database migrations and exit
  create-user --username U --password P --role ROLE [--role ROLE2] [--scope S] [--display-name N] [--no-password-change]
  create-users --file F     the accounts of a JSON file, in one run: [{"username", "password", "roles": [ROLE…],
                            "scope"?, "displayName"?, "mustChangePassword"? (true), "locale"?}] — checked
                            whole first (shape, usernames twice or taken), then made in order
  reset-password --username U --password P   set a temporary password (changed at next sign-in)
  unlock --username U       clear a lockout
  demo                      load the demo data set (idempotent)
  rotate-key --new-key-file F   re-encrypt personal information and secrets under a new key (read from F,
                            or generated into F when it does not exist); stop the servers first
  help                      this text

Roles: ${ROLES.join(', ')}`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      scope: { type: 'string' },
      'display-name': { type: 'string' },
      'no-password-change': { type: 'boolean', default: false },
      'new-key-file': { type: 'string' },
      file: { type: 'string' },
    },
    allowPositionals: false,
  });
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig();
  if (command === 'start' && config.workers > 1) {
    await startCluster(config);
    console.log(`Ganxun is starting ${config.workers} server processes on port ${config.port} (PostgreSQL)`);
    return -1; // keep running
  }
  if (command === 'start') {
    const { url } = await startServer(config);
    console.log(
      `Ganxun is listening on ${url} (database: ${config.databaseUrl ? 'PostgreSQL' : `embedded, ${config.dataDir}`})`,
    );
    return -1; // keep running
  }

  const { database, services } = await prepareDatabase(config);
  const ctx = systemContext(`cli:${command}`);
  try {
    switch (command) {
      case 'migrate':
        console.log('Migrations applied.');
        return 0;
      case 'create-user': {
        const username = required(values.username, '--username');
        const password = required(values.password, '--password');
        const roles = (values.role ?? []).map((role) =>
          roleAssignmentSchema.parse({ role: role as Role, scopeId: values.scope ?? null }),
        );
        await ensureInitialAdmin(config, services, (line) => console.log(line));
        const user = await services.users.create(ctx, {
          username,
          displayName: values['display-name'] ?? username,
          password,
          locale: 'zh-CN',
          mustChangePassword: !values['no-password-change'],
        });
        if (roles.length > 0) await services.users.setRoles(ctx, user, roles);
        console.log(`Created user ${username} (${roles.map((r) => r.role).join(', ') || 'no roles'}).`);
        return 0;
      }
      case 'create-users': {
        const { createUsers, parseBatchUsers } = await import('./modules/users/batch.js');
        const file = required(values.file, '--file');
        const entries = parseBatchUsers(readFileSync(file, 'utf8'));
        await ensureInitialAdmin(config, services, (line) => console.log(line));
        for (const line of await createUsers(services.users, ctx, entries)) console.log(line);
        return 0;
      }
      case 'reset-password': {
        const user = await services.users.findByUsername(required(values.username, '--username'));
        if (!user) throw new CliError(`No user ${values.username}`);
        await services.users.resetPassword(
          ctx,
          await services.users.byId(user.id),
          required(values.password, '--password'),
        );
        console.log(`Password of ${user.username} reset; it must be changed at the next sign-in.`);
        return 0;
      }
      case 'unlock': {
        const user = await services.users.findByUsername(required(values.username, '--username'));
        if (!user) throw new CliError(`No user ${values.username}`);
        await services.users.unlock(ctx, await services.users.byId(user.id));
        console.log(`Unlocked ${user.username}.`);
        return 0;
      }
      case 'demo': {
        const { loadDemo } = await import('./demo/index.js');
        await ensureInitialAdmin(config, services, (line) => console.log(line));
        const summary = await loadDemo(services, database, ctx);
        console.log(summary);
        return 0;
      }
      case 'rotate-key': {
        const { rotateKeyCommand } = await import('./modules/people/key-rotation.js');
        await rotateKeyCommand({
          config,
          env: process.env,
          db: database.db,
          newKeyFile: required(values['new-key-file'], '--new-key-file'),
          print: (line) => console.log(line),
        });
        return 0;
      }
      default:
        console.error(`Unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
  } finally {
    await database.close();
  }
}

class CliError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new CliError(`${flag} is required`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (
      error instanceof CliError ||
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      error instanceof BatchUserError
    )
      console.error(error.message);
    else if (error instanceof AppError) {
      const fields = error.options.fields?.map((f) => `  ${f.path}: ${fieldMessage(f.key, 'en', f.x)}`) ?? [];
      console.error([`Error: ${error.code}`, ...fields].join('\n'));
    } else console.error(error);
    process.exit(1);
  },
);
