/**
 * `npm run keys -- create --scope admin [--name ops] [--expires 2027-01-01]` prints a new key once;
 * `npm run keys -- list`; `npm run keys -- revoke <id>`.
 */
import { z } from 'zod';

import { runCli } from '../../database/cli/run-cli.js';
import { API_KEY_SCOPES, ApiKeysService } from '../api-keys.service.js';

const createSchema = z.object({
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'give at least one --scope (admin, ingest, read)'),
  name: z.string().min(1).max(100).default('unnamed'),
  expires: z.iso.date().optional(),
});

function flags(argv: string[]) {
  const scopes: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--scope') scopes.push(...(argv[++i] ?? '').split(','));
    else if (flag.startsWith('--')) values[flag.slice(2)] = argv[++i] ?? '';
  }
  return { scopes, ...values };
}

runCli(async ({ prisma }) => {
  const [command, ...rest] = process.argv.slice(2);
  const keys = new ApiKeysService(prisma);
  if (command === 'create') {
    const parsed = createSchema.safeParse(flags(rest));
    if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const created = await keys.create(parsed.data.name, parsed.data.scopes, parsed.data.expires ? new Date(`${parsed.data.expires}T00:00:00Z`) : null);
    console.log(`created key ${created.id} (${created.scopes.join(', ')})${created.expiresAt ? `, expires ${parsed.data.expires}` : ''}`);
    console.log('store it now, it is not shown again:');
    console.log(created.key);
  } else if (command === 'list') {
    for (const key of await keys.list()) {
      console.log(`${key.id}  ${key.name}  ${key.scopes.join(',')}  created ${key.createdAt.toISOString()}${key.revokedAt ? '  REVOKED' : ''}`);
    }
  } else if (command === 'revoke' && rest[0]) {
    console.log((await keys.revoke(rest[0])) ? `revoked ${rest[0]}` : `no active key ${rest[0]}`);
  } else {
    throw new Error('usage: keys create --scope admin|ingest|read [--name N] [--expires YYYY-MM-DD] | keys list | keys revoke <id>');
  }
});
