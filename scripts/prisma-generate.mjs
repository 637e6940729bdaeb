// Generates the Prisma client offline. Generation is WASM; the CLI only insists that a schema
// engine binary exists, which it would otherwise try to download from a host unreachable here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('prisma/schema.prisma')) process.exit(0);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.platform === 'win32' ? 'cmd.exe' : '/bin/true';
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
