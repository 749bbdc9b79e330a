/**
 * Shows exactly what would be sent to the LLM for a note: reads the note on stdin, prints the pseudonymised
 * text on stdout (and nothing else). The mapping to the originals is never printed.
 *
 *   npm run -s pseudonymise -- --name "Marie Peeters" --address "Kerkstraat 12, 9200 Dendermonde" < note.txt
 *
 * Usage errors go to stderr with exit code 2.
 */
import { parseArgs } from 'node:util';
import { pseudonymise, type TKnownIdentifiers } from '../bot/privacy/pseudonymise.ts';

const USAGE = `usage: npm run -s pseudonymise -- [options] < note.txt

Prints the pseudonymised note on stdout, exactly as it would reach the LLM.

Identifiers from the contact record (each option may be repeated):
  --name "First Last"          --address "Street 12, 9200 Municipality"
  --phone "0470 12 34 56"      --email "name@example.be"
  --birth-date "02/03/1941"    --national-number "41.03.02-123.45"
  -h, --help                   show this help`;

const options = {
  name: { type: 'string', multiple: true },
  address: { type: 'string', multiple: true },
  phone: { type: 'string', multiple: true },
  email: { type: 'string', multiple: true },
  'birth-date': { type: 'string', multiple: true },
  'national-number': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

function usageError(message: string): never {
  process.stderr.write(`pseudonymise: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options, strict: true, allowPositionals: false });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  for (const [key, values] of Object.entries(v)) {
    if (Array.isArray(values) && values.some((x) => x.trim() === '')) usageError(`--${key} needs a non-empty value`);
  }
  if (process.stdin.isTTY) usageError('no input: pipe or redirect the note on stdin');

  const known: TKnownIdentifiers = {
    names: v.name,
    addresses: v.address,
    phones: v.phone,
    emails: v.email,
    birthDates: v['birth-date'],
    nationalNumbers: v['national-number'],
  };
  const text = await readStdin();
  process.stdout.write(pseudonymise(text, known).text);
}

await main();
