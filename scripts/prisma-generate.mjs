// Generates one Prisma client per supported provider from the single source schema data/schema.prisma.
// Plain .mjs because it runs from `postinstall`, before anything else can be assumed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = readFileSync(join(root, 'data/schema.prisma'), 'utf8');
const outDir = join(root, 'data/generated');
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

export const PROVIDERS = ['sqlite', 'postgresql'];

export function schemaFor(provider, text = source) {
  return text
    .replace(/provider\s*=\s*"postgresql"/, `provider = "${provider}"`)
    .replace(/output\s*=\s*"[^"]*"/, `output = "./${provider}"`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  for (const provider of PROVIDERS) {
    const schemaPath = join(outDir, `schema.${provider}.prisma`);
    writeFileSync(schemaPath, schemaFor(provider));
    // `prisma generate` needs no schema engine, but the CLI insists that one exists (it cannot be downloaded offline).
    const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
    const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schemaPath], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  console.log(`Prisma clients generated for ${PROVIDERS.join(' and ')} in data/generated/`);
}
