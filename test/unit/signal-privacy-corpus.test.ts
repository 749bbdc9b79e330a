import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { identifyingFragments, type TShareableFindingKind } from '../../bot/privacy/check-shareable-text.ts';

// A signal goes to a whole team channel: every identifying text of the corpus must be blocked (with the kinds it
// holds among the findings), every clean text must pass. The corpus lives in test/fixtures/signals/*.yaml.

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/signals');

const KINDS = [
  'PERSOON',
  'ADRES',
  'POSTCODE',
  'TELEFOON',
  'EMAIL',
  'RIJKSREGISTERNUMMER',
  'GEBOORTEDATUM',
  'IBAN',
  'DATUM',
  'CASUSCODE',
] as const satisfies readonly TShareableFindingKind[];

const ZKnown = z.strictObject({
  names: z.array(z.string()).optional(),
  addresses: z.array(z.string()).optional(),
  phones: z.array(z.string()).optional(),
  emails: z.array(z.string()).optional(),
  birthDates: z.array(z.string()).optional(),
  nationalNumbers: z.array(z.string()).optional(),
});
const ZIdentifyingSignal = z.strictObject({
  text: z.string().min(1),
  known: ZKnown.optional(),
  expect: z.array(z.enum(KINDS)).min(1),
});
const ZIdentifyingCorpus = z.strictObject({ entries: z.array(ZIdentifyingSignal), holdout: z.array(ZIdentifyingSignal) });
const ZCleanCorpus = z.strictObject({ entries: z.array(z.strictObject({ text: z.string().min(1) })) });
type TIdentifyingSignal = z.infer<typeof ZIdentifyingSignal>;

/** Clean texts the checker blocks although they identify no one; each needs a reason and the list stays short. */
const KNOWN_FALSE_POSITIVES: { text: string; reason: string }[] = [];
// Names of real people from the reference sources must never be used as test data. They are kept here only as
// truncated SHA-256 hashes of the lower-case name, so this file does not repeat them.
const FORBIDDEN_NAME_HASHES = new Set([
  '4ceab462edbf2655',
  '822252b7f8d410b7',
  'e6d40436312706d4',
  '6ba8ebbba8bfdf04',
  'ba2a116e227fb828',
  'e54534cd882ed504',
  '86ca40c6fe8692d0',
]);
const nameHash = (words: string): string => createHash('sha256').update(words).digest('hex').slice(0, 16);

/** Every run of one to three words in the text, lower case, hashed like FORBIDDEN_NAME_HASHES. */
function forbiddenNamesIn(text: string, hashes: ReadonlySet<string> = FORBIDDEN_NAME_HASHES): string[] {
  const words = text.toLowerCase().match(/[\p{L}'-]+/gu) ?? [];
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= 3 && i + n <= words.length; n++) {
      const run = words.slice(i, i + n).join(' ');
      if (hashes.has(nameHash(run))) found.push(run);
    }
  }
  return found;
}

const readFixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');
const identifyingSource = readFixture('identifying-signals.yaml');
const cleanSource = readFixture('clean-signals.yaml');
const identifying = ZIdentifyingCorpus.parse(parse(identifyingSource));
const clean = ZCleanCorpus.parse(parse(cleanSource));

interface TOutcome {
  signal: TIdentifyingSignal;
  found: Set<TShareableFindingKind>;
  fragments: string[];
}

const check = (signal: TIdentifyingSignal): TOutcome => {
  const findings = identifyingFragments(signal.text, signal.known ?? {});
  return { signal, found: new Set(findings.map((f) => f.kind)), fragments: findings.map((f) => f.fragment) };
};
const missedKinds = (o: TOutcome): TShareableFindingKind[] => o.signal.expect.filter((kind) => !o.found.has(kind));
const missed = (outcomes: TOutcome[]) =>
  outcomes.filter((o) => o.found.size === 0 || missedKinds(o).length > 0).map((o) => ({ text: o.signal.text, missing: missedKinds(o) }));

const entries = identifying.entries.map(check);
const holdout = identifying.holdout.map(check);
const allIdentifying = [...entries, ...holdout];
const cleanOutcomes = clean.entries.map(({ text }) => ({ text, findings: identifyingFragments(text) }));
const knownFalse = new Set(KNOWN_FALSE_POSITIVES.map((k) => k.text));

describe('signal privacy corpus', () => {
  it('is large enough, keeps a holdout and uses fictitious names only', () => {
    expect(allIdentifying.length).toBeGreaterThanOrEqual(120);
    expect(holdout.length).toBeGreaterThanOrEqual(6);
    expect(clean.entries.length).toBeGreaterThanOrEqual(60);
    expect(entries.filter((o) => o.signal.known).length).toBeGreaterThanOrEqual(10);
    expect(forbiddenNamesIn(`${identifyingSource}\n${cleanSource}`)).toEqual([]);
    // The guard itself works: a hashed (fictitious) name is found in running text, in any case.
    expect(forbiddenNamesIn('Op bezoek bij SANNE Testpersoon thuis.', new Set([nameHash('sanne testpersoon')]))).toEqual(['sanne testpersoon']);
  });

  it('blocks every identifying signal, with the kinds it holds', () => {
    expect(missed(entries)).toEqual([]);
  });

  it('blocks every holdout signal (written after the rules were tuned)', () => {
    expect(missed(holdout)).toEqual([]);
  });

  it('shows the worker words that are really in the text', () => {
    const invented = allIdentifying.flatMap((o) =>
      o.fragments.filter((f) => f !== '…' && !o.signal.text.toLowerCase().includes(f.toLowerCase())).map((f) => ({ text: o.signal.text, fragment: f })),
    );
    expect(invented).toEqual([]);
  });

  it('lets every clean signal pass, except the listed false positives', () => {
    const blocked = cleanOutcomes.filter((o) => o.findings.length > 0 && !knownFalse.has(o.text));
    expect(blocked.map((o) => ({ text: o.text, findings: o.findings }))).toEqual([]);
  });

  it('keeps the list of false positives short, true and part of the corpus', () => {
    expect(KNOWN_FALSE_POSITIVES.length).toBeLessThanOrEqual(Math.floor(clean.entries.length * 0.05));
    const stale = KNOWN_FALSE_POSITIVES.filter((k) => !cleanOutcomes.some((o) => o.text === k.text && o.findings.length > 0));
    expect(stale.map((k) => k.text)).toEqual([]);
    expect(KNOWN_FALSE_POSITIVES.every((k) => k.reason.length > 20)).toBe(true);
  });

  it('reports recall per kind and a one-line summary', () => {
    const recall = KINDS.map((kind) => {
      const expected = allIdentifying.filter((o) => o.signal.expect.includes(kind));
      return { kind, found: expected.filter((o) => o.found.has(kind)).length, expected: expected.length };
    }).filter((r) => r.expected > 0);
    const blocked = allIdentifying.filter((o) => o.found.size > 0).length;
    const cleanPassed = cleanOutcomes.filter((o) => o.findings.length === 0).length;
    console.info(`recall per kind: ${recall.map((r) => `${r.kind} ${r.found}/${r.expected}`).join(', ')}`);
    console.info(
      `signal privacy corpus: blocked ${blocked}/${allIdentifying.length} (holdout ${holdout.filter((o) => o.found.size > 0).length}/${holdout.length}), ` +
        `clean passed ${cleanPassed}/${cleanOutcomes.length} (${KNOWN_FALSE_POSITIVES.length} known false positive)`,
    );
    expect(recall.filter((r) => r.found < r.expected)).toEqual([]);
    expect(recall.length).toBe(KINDS.length);
  });
});
