// Every Adaptive Card template in cards/ is rendered with every fixture from
// test/fixtures/card-view-models.ts (real view functions and translations, nl and en) and checked:
// (a) the raw template is JSON with "type": "AdaptiveCard" and "version": "1.5";
// (b) it has fixtures, for both locales (a new template without fixtures fails here, by name);
// (c) the rendered card has no unresolved ${…} binding left;
// (d) it validates as an Adaptive Card 1.5 (test/support/adaptive-card-schema.ts);
// (e) no element or action the template has unconditionally vanished: literal ids, per-type counts, and
//     the order and literal properties of every array ($data repeats may multiply or be empty, $when
//     subtrees may drop);
// (f) every Action.Execute has a verb and every TextBlock has text;
// (g) the serialized card stays under 28 KB (Teams' per-card limit).
// The last block feeds each check a broken card and expects it to complain, so no check can pass vacuously.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../bot/ui/render.ts';
import { cardFixtures, fixturesFor, LOCALES } from '../fixtures/card-view-models.ts';
import { validateAdaptiveCard } from '../support/adaptive-card-schema.ts';

type TJson = Record<string, unknown>;

const CARDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../cards');
const MAX_CARD_BYTES = 28 * 1024;
const TEMPLATE_VERSION = '1.5';

const templateNames = readdirSync(CARDS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();

const isObject = (value: unknown): value is TJson => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------------
// Checks: each returns a list of problems, empty when the card is fine.

/** (a) */
function templateHeaderProblems(rawText: string): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(rawText);
  } catch (error) {
    return [`not valid JSON: ${(error as Error).message}`];
  }
  if (!isObject(raw)) return ['not a JSON object'];
  const problems: string[] = [];
  if (raw.type !== 'AdaptiveCard') problems.push(`"type" is ${JSON.stringify(raw.type)}, expected "AdaptiveCard"`);
  if (raw.version !== TEMPLATE_VERSION) problems.push(`"version" is ${JSON.stringify(raw.version)}, expected "${TEMPLATE_VERSION}"`);
  return problems;
}

/** (b) */
function fixtureProblems(template: string): string[] {
  const fixtures = fixturesFor(template);
  if (fixtures.length === 0) {
    return [`cards/${template}.json has no fixture: add one per locale to cardFixtures in test/fixtures/card-view-models.ts`];
  }
  const problems = LOCALES.filter((locale) => !fixtures.some((f) => f.locale === locale)).map(
    (locale) => `cards/${template}.json has no '${locale}' fixture in test/fixtures/card-view-models.ts`,
  );
  const names = fixtures.map((f) => f.name);
  for (const name of new Set(names)) {
    if (names.indexOf(name) !== names.lastIndexOf(name)) problems.push(`fixture name "${name}" is used twice for ${template}`);
  }
  return problems;
}

/** (c) Paths of keys or strings that still contain "${". */
function unresolvedBindings(node: unknown, path = '$'): string[] {
  if (typeof node === 'string') return node.includes('${') ? [`${path}: ${node}`] : [];
  if (Array.isArray(node)) return node.flatMap((item, i) => unresolvedBindings(item, `${path}[${i}]`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => [
    ...(key.includes('${') ? [`${path}: key ${key}`] : []),
    ...unresolvedBindings(value, `${path}.${key}`),
  ]);
}

interface TCardObject {
  type: string;
  path: string;
  id?: string;
  node: TJson;
  /** Under a $when (itself or an ancestor): may be dropped. */
  conditional: boolean;
  /** Under a $data (itself or an ancestor): may repeat any number of times, zero included. */
  repeated: boolean;
}

/** Every element/action (any object with a string "type"), with the template flags of its subtree. */
function cardObjects(node: unknown, conditional = false, repeated = false, path = '$'): TCardObject[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => cardObjects(item, conditional, repeated, `${path}[${i}]`));
  if (!isObject(node)) return [];
  const isConditional = conditional || '$when' in node;
  const isRepeated = repeated || '$data' in node;
  const self: TCardObject[] =
    typeof node.type === 'string'
      ? [{ type: node.type, path, id: typeof node.id === 'string' ? node.id : undefined, node, conditional: isConditional, repeated: isRepeated }]
      : [];
  return [...self, ...Object.entries(node).flatMap(([key, value]) => cardObjects(value, isConditional, isRepeated, `${path}.${key}`))];
}

function countByType(objects: TCardObject[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.type, (counts.get(o.type) ?? 0) + 1);
  return counts;
}

/**
 * (e) Elements/actions of the template that are missing (or appeared from nowhere) in the rendered card:
 * per-type counts and literal ids, then the order of every array of objects (body, items, actions, …),
 * where a template item without $when/$data must appear exactly once, a $when item at most once and a
 * $data item any number of times. The order check catches a dropped element that a $data repeat of the
 * same type would hide from the counts.
 */
function vanishedElements(template: unknown, rendered: unknown): string[] {
  const problems: string[] = [];
  const source = cardObjects(template).filter((o) => !o.type.includes('${'));
  const output = cardObjects(rendered);
  const renderedCounts = countByType(output);
  const renderedIds = new Set(output.map((o) => o.id));

  const fixed = source.filter((o) => !o.conditional && !o.repeated);
  for (const [type, expected] of countByType(fixed)) {
    const actual = renderedCounts.get(type) ?? 0;
    if (actual < expected) problems.push(`${type}: template has ${expected} unconditional, rendered card has ${actual}`);
  }
  for (const o of fixed) {
    if (o.id !== undefined && !o.id.includes('${') && !renderedIds.has(o.id)) problems.push(`${o.type}#${o.id} is missing from the rendered card`);
  }
  // A type without $data in the template cannot multiply, and no type can appear from nowhere.
  const sourceTypes = countByType(source);
  const repeatedTypes = new Set(source.filter((o) => o.repeated).map((o) => o.type));
  for (const [type, actual] of renderedCounts) {
    const max = sourceTypes.get(type);
    if (max === undefined) problems.push(`${type}: in the rendered card but not in the template`);
    else if (!repeatedTypes.has(type) && actual > max) problems.push(`${type}: template has at most ${max}, rendered card has ${actual}`);
  }
  return [...problems, ...structureProblems(template, rendered, '$')];
}

const literal = (value: unknown): value is string => typeof value === 'string' && !value.includes('${');
const objectsIn = (value: unknown): TJson[] => (Array.isArray(value) ? value.filter(isObject) : []);
const bindingKey = (key: string) => key.startsWith('$') || key.includes('${');

/**
 * Could the rendered object `r` come from template object `t`? Literal values (no ${…}) are copied as they
 * are, so they must be equal, r has no keys t lacks, and nested arrays and objects must fit too.
 */
function sameShape(t: TJson, r: unknown): boolean {
  if (!isObject(r)) return false;
  const templatedKeys = Object.keys(t).some((key) => key.includes('${'));
  if (!templatedKeys && Object.keys(r).some((key) => !(key in t))) return false;
  return Object.entries(t).every(([key, tv]) => {
    if (bindingKey(key)) return true;
    if (tv === null || typeof tv === 'number' || typeof tv === 'boolean' || literal(tv)) return r[key] === tv;
    if (Array.isArray(tv)) return arrayFits(objectsIn(tv), objectsIn(r[key]));
    if (isObject(tv)) return r[key] === undefined ? '$when' in tv || '$data' in tv : sameShape(tv, r[key]);
    return true;
  });
}

/** Ordered match of rendered items against template items ('one', '$when' = 0..1, '$data' = 0..n). */
function arrayFits(t: TJson[], r: TJson[]): boolean {
  const failed = new Set<string>();
  const fits = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (failed.has(key)) return false;
    const item = t[i];
    const ok =
      item === undefined
        ? j === r.length
        : '$data' in item
          ? fits(i + 1, j) || (j < r.length && sameShape(item, r[j]) && fits(i, j + 1))
          : '$when' in item
            ? fits(i + 1, j) || (j < r.length && sameShape(item, r[j]) && fits(i + 1, j + 1))
            : j < r.length && sameShape(item, r[j]) && fits(i + 1, j + 1);
    if (!ok) failed.add(key);
    return ok;
  };
  return fits(0, 0);
}

function structureProblems(template: unknown, rendered: unknown, path: string): string[] {
  if (!isObject(template) || !isObject(rendered)) return [];
  return Object.entries(template).flatMap(([key, tv]) => {
    if (bindingKey(key)) return [];
    if (Array.isArray(tv)) {
      const t = objectsIn(tv);
      const r = objectsIn(rendered[key]);
      if (arrayFits(t, r)) return [];
      const pattern = t.map((o) => `${String(o.type ?? '{}')}${'$data' in o ? '*' : '$when' in o ? '?' : ''}`);
      return [`${path}.${key}: rendered [${r.map((o) => String(o.type ?? '{}')).join(', ')}] does not fit template [${pattern.join(', ')}]`];
    }
    return isObject(tv) && !('$when' in tv) && !('$data' in tv) ? structureProblems(tv, rendered[key], `${path}.${key}`) : [];
  });
}

/** (f) */
function emptyRequiredTexts(card: unknown): string[] {
  const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
  const problems: string[] = [];
  for (const o of cardObjects(card)) {
    if (o.type === 'Action.Execute' && blank(o.node.verb)) problems.push(`${o.path}: Action.Execute "${String(o.node.title)}" has no verb`);
    if (o.type === 'TextBlock' && blank(o.node.text)) problems.push(`${o.path}: TextBlock has no text`);
  }
  return problems;
}

/** (g) */
const serializedBytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

// ---------------------------------------------------------------------------------------------------

describe('card templates in cards/', () => {
  it('finds the templates', () => {
    expect(templateNames.length).toBeGreaterThan(0);
  });

  it('has no fixtures for templates that do not exist', () => {
    expect(Object.keys(cardFixtures).filter((name) => !templateNames.includes(name))).toEqual([]);
  });

  describe.each(templateNames)('cards/%s.json', (template) => {
    const rawText = readFileSync(join(CARDS_DIR, `${template}.json`), 'utf8');

    it('(a) is JSON with "type": "AdaptiveCard" and "version": "1.5"', () => {
      expect(templateHeaderProblems(rawText)).toEqual([]);
    });

    it('(b) has fixtures in test/fixtures/card-view-models.ts for every locale', () => {
      expect(fixtureProblems(template)).toEqual([]);
    });

    for (const fixture of fixturesFor(template)) {
      describe(`fixture ${fixture.name}`, () => {
        const render = () => renderCard(template, fixture.viewModel);

        it('(c) renders with no ${…} left', () => {
          expect(unresolvedBindings(render())).toEqual([]);
        });

        it('(d) validates as Adaptive Card 1.5', () => {
          expect(validateAdaptiveCard(render())).toEqual([]);
        });

        it('(e) keeps every unconditional element and action of the template', () => {
          expect(vanishedElements(JSON.parse(rawText), render())).toEqual([]);
        });

        it('(f) has a verb on every Action.Execute and text in every TextBlock', () => {
          expect(emptyRequiredTexts(render())).toEqual([]);
        });

        it(`(g) serializes to less than ${MAX_CARD_BYTES} bytes`, () => {
          expect(serializedBytes(render())).toBeLessThan(MAX_CARD_BYTES);
        });
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// The checks must be able to fail: feed each one a broken card.

describe('the card checks catch broken cards', () => {
  const welcomeTemplate = JSON.parse(readFileSync(join(CARDS_DIR, 'welcome.json'), 'utf8')) as TJson;
  const welcomeFixture = fixturesFor('welcome')[0];
  if (!welcomeFixture) throw new Error('the welcome card needs a fixture for these tests');
  const good = (): TJson => structuredClone(renderCard('welcome', welcomeFixture.viewModel));
  const body = (card: TJson) => card.body as TJson[];
  const actions = (card: TJson) => card.actions as TJson[];
  const minimal = (version: string, extra: TJson): TJson => ({ type: 'AdaptiveCard', version, body: [], ...extra });

  it('all checks pass on an unbroken card (so a failure below is the mutation, not the card)', () => {
    const card = good();
    expect(unresolvedBindings(card)).toEqual([]);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(vanishedElements(welcomeTemplate, card)).toEqual([]);
    expect(emptyRequiredTexts(card)).toEqual([]);
    expect(serializedBytes(card)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('(a) rejects a template that is not JSON, not an AdaptiveCard or not version 1.5', () => {
    expect(templateHeaderProblems('{ "type": "AdaptiveCard", ')).toHaveLength(1);
    expect(templateHeaderProblems(JSON.stringify({ ...welcomeTemplate, version: '1.4' }))).toEqual([
      `"version" is "1.4", expected "1.5"`,
    ]);
    expect(templateHeaderProblems(JSON.stringify({ ...welcomeTemplate, type: 'Card' }))).toHaveLength(1);
  });

  it('(b) names a template without fixtures', () => {
    expect(fixtureProblems('no-such-template')).toEqual([
      'cards/no-such-template.json has no fixture: add one per locale to cardFixtures in test/fixtures/card-view-models.ts',
    ]);
  });

  it('(c) finds a ${…} left in a value or a key', () => {
    const card = good();
    (body(card)[0] as TJson).text = 'Dag ${firstName}';
    (actions(card)[0] as TJson)['${key}'] = 1;
    expect(unresolvedBindings(card)).toEqual(['$.body[0].text: Dag ${firstName}', '$.actions[0]: key ${key}']);
  });

  describe('(d) the 1.5 validator', () => {
    it('accepts valid 1.5 cards, including 1.5 elements and Teams msteams', () => {
      expect(
        validateAdaptiveCard(
          minimal('1.5', {
            msteams: { width: 'Full' },
            body: [
              { type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'x' }] }] }] },
              { type: 'Input.Text', id: 'note', label: 'Note', isRequired: true, errorMessage: 'Required', style: 'Password' },
              { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] },
            ],
            actions: [{ type: 'Action.Execute', title: 'Save', verb: 'save', data: { anything: { goes: true } } }],
          }),
        ),
      ).toEqual([]);
    });

    it('rejects an unknown element type', () => {
      expect(validateAdaptiveCard(minimal('1.5', { body: [{ type: 'TextBlok', text: 'x' }] }))).toEqual([
        expect.stringContaining('Unknown element type "TextBlok"'),
      ]);
    });

    it('rejects a misspelled property on a known element, also in nested objects', () => {
      expect(validateAdaptiveCard(minimal('1.5', { body: [{ type: 'TextBlock', txet: 'x' }] }))).toEqual([
        'TextBlock: unknown property "txet"',
      ]);
      expect(
        validateAdaptiveCard(
          minimal('1.5', {
            body: [{ type: 'Input.ChoiceSet', id: 'c', label: 'Kies', choices: [{ title: 'a', valeu: 'a' }] }],
            actions: [{ type: 'Action.ShowCard', title: 'Meer', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x', colour: 'Good' }] } }],
          }),
        ),
      ).toEqual([
        'validate: All choices in an Input.ChoiceSet must have their title and value properties set.',
        'Choice: unknown property "valeu"',
        'TextBlock: unknown property "colour"',
      ]);
    });

    it('rejects an invalid enum value', () => {
      expect(validateAdaptiveCard(minimal('1.5', { body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }] }))).toEqual([
        expect.stringContaining('Invalid value "Huge" for property "size"'),
      ]);
    });

    it('rejects Action.Execute in a version 1.0 card', () => {
      expect(validateAdaptiveCard(minimal('1.0', { actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go' }] }))).toEqual([
        expect.stringContaining('Unknown action type "Action.Execute"'),
      ]);
    });

    it('rejects an element newer than 1.5 and a card version newer than 1.5', () => {
      expect(validateAdaptiveCard(minimal('1.5', { body: [{ type: 'Carousel', pages: [] }] }))).toEqual([
        expect.stringContaining('Unknown element type "Carousel"'),
      ]);
      expect(validateAdaptiveCard(minimal('1.4', { body: [{ type: 'Table', rows: [] }] }))).toEqual([
        expect.stringContaining('Unknown element type "Table"'),
      ]);
      expect(validateAdaptiveCard(minimal('1.6', {}))).toEqual(['root: card version 1.6 is newer than 1.5']);
    });

    it('rejects a missing type, on an element, an action and the card', () => {
      expect(validateAdaptiveCard(minimal('1.5', { body: [{ text: 'x' }] }))).toEqual([expect.stringContaining('Unknown element type "undefined"')]);
      expect(validateAdaptiveCard(minimal('1.5', { actions: [{ title: 'x', verb: 'x' }] }))).toEqual([
        expect.stringContaining('Unknown action type "undefined"'),
      ]);
      const { type: _type, ...untyped } = good();
      expect(validateAdaptiveCard(untyped)).toEqual(['root: "type" must be "AdaptiveCard", got undefined']);
    });

    it('rejects a rendered card whose template drifted (duplicate id, bad lang)', () => {
      const card = good();
      body(card).push({ type: 'TextBlock', id: 'x', text: 'a' }, { type: 'TextBlock', id: 'x', text: 'b' });
      card.lang = 'Nederlands';
      expect(validateAdaptiveCard(card)).toHaveLength(2);
    });
  });

  it('(e) notices a vanished element, a vanished id and an element from nowhere', () => {
    const dropped = good();
    dropped.body = body(dropped).filter((e) => e.type !== 'Container'); // the privacy box with its 2 TextBlocks
    expect(vanishedElements(welcomeTemplate, dropped)).toEqual([
      'Container: template has 1 unconditional, rendered card has 0',
      '$.body: rendered [TextBlock, TextBlock, TextBlock, TextBlock, TextBlock, TextBlock, TextBlock] does not fit template [TextBlock, TextBlock, TextBlock, TextBlock*, Container]',
    ]);
    // Only the shape check sees a dropped TextBlock when a $data repeat of TextBlocks makes up the count.
    const droppedIntro = good();
    body(droppedIntro).splice(1, 1);
    expect(vanishedElements(welcomeTemplate, droppedIntro)).toEqual([
      '$.body: rendered [TextBlock, TextBlock, TextBlock, TextBlock, TextBlock, TextBlock, Container] does not fit template [TextBlock, TextBlock, TextBlock, TextBlock*, Container]',
    ]);
    const nested = good();
    (body(nested).find((e) => e.type === 'Container') as TJson).items = [{ type: 'TextBlock', text: 'x' }];
    expect(vanishedElements(welcomeTemplate, nested)).toEqual([expect.stringContaining('$.body: rendered [')]);

    const noAction = good();
    actions(noAction).pop();
    const n = actions(good()).length;
    const list = (count: number) => Array.from({ length: count }, () => 'Action.Execute').join(', ');
    expect(vanishedElements(welcomeTemplate, noAction)).toEqual([
      `Action.Execute: template has ${n} unconditional, rendered card has ${n - 1}`,
      `$.actions: rendered [${list(n - 1)}] does not fit template [${list(n)}]`,
    ]);

    const extra = good();
    actions(extra).push({ type: 'Action.Execute', title: 'x', verb: 'x' }, { type: 'Action.OpenUrl', title: 'x', url: 'https://example.org' });
    expect(vanishedElements(welcomeTemplate, extra)).toEqual([
      `Action.Execute: template has at most ${n}, rendered card has ${n + 1}`,
      'Action.OpenUrl: in the rendered card but not in the template',
      `$.actions: rendered [${list(n + 1)}, Action.OpenUrl] does not fit template [${list(n)}]`,
    ]);

    const withIds = { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'name' }, { type: 'TextBlock', id: 'hint', $when: '${x}' }] };
    expect(vanishedElements(withIds, { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'other' }] })).toEqual([
      'Input.Text#name is missing from the rendered card',
      '$.body: rendered [Input.Text] does not fit template [Input.Text, TextBlock?]',
    ]);
    // $data may repeat or be empty, $when may drop.
    const noBullets = good();
    noBullets.body = body(noBullets).filter((e) => !String(e.text).startsWith('•'));
    expect(vanishedElements(welcomeTemplate, noBullets)).toEqual([]);
    const noticeTemplate = JSON.parse(readFileSync(join(CARDS_DIR, 'notice.json'), 'utf8')) as TJson;
    expect(vanishedElements(noticeTemplate, { ...noticeTemplate, actions: [] })).toEqual([]);
  });

  it('(f) notices an empty verb and an empty TextBlock', () => {
    const card = good();
    (actions(card)[1] as TJson).verb = '';
    ((body(card).find((e) => e.type === 'Container') as TJson).items as TJson[])[0] = { type: 'TextBlock', text: ' ' };
    expect(emptyRequiredTexts(card)).toEqual([
      expect.stringMatching(/^\$\.body\[\d+\]\.items\[0\]: TextBlock has no text$/),
      `$.actions[1]: Action.Execute "${String((actions(card)[1] as TJson).title)}" has no verb`,
    ]);
  });

  it('(g) measures the serialized size in bytes', () => {
    const card = good();
    (body(card)[1] as TJson).text = 'é'.repeat(MAX_CARD_BYTES / 2);
    expect(serializedBytes(card)).toBeGreaterThan(MAX_CARD_BYTES);
  });
});
