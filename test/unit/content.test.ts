import { mkdirSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checklistFor,
  ContentError,
  lifeEventById,
  loadContent,
  searchSocialMap,
  socialMapFor,
  type TContent,
} from '../../data/content/load-content.ts';
import { DOMAIN_IDS } from '../../data/content/schemas.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONTENT_DIR = join(REPO_ROOT, 'data', 'content');
const MAP_FILE = 'social-map/voorbeeldgemeente.yaml';

const content: TContent = loadContent();
const map = content.socialMaps[0]!;
const names = (services: { name: string }[]) => services.map((s) => s.name);

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real content (YAML files only) in a fresh folder, by default outside the repository. */
function copyContent(parent = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'nabij-content-'));
  tempDirs.push(dir);
  cpSync(CONTENT_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  return dir;
}

/** Parses a YAML file of the copy, lets `change` edit it, and writes it back. */
function mutate(dir: string, file: string, change: (data: any) => void): void {
  const data = parse(readFileSync(join(dir, file), 'utf8'));
  change(data);
  writeFileSync(join(dir, file), stringify(data));
}

function contentErrorOf(dir: string): ContentError {
  try {
    loadContent(dir);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('loadContent accepted the broken content');
}

describe('the real content', () => {
  it('validates and has every part', () => {
    expect(content.domains.map((d) => d.id)).toEqual([...DOMAIN_IDS]);
    expect(content.lifeEvents.map((e) => e.id)).toEqual(['partner_death', 'move', 'divorce', 'single_older', 'other']);
    expect(content.guide.phases.map((p) => p.id)).toEqual(['opening', 'listening', 'closing']);
    for (const id of DOMAIN_IDS) expect(content.guide.questions[id].length).toBeGreaterThanOrEqual(2);
    expect(content.registration.steps.map((s) => s.id)).toEqual(['visit', 'domains_a', 'domains_b', 'wellbeing', 'actions', 'referrals', 'follow_up']);
    expect(content.registration.steps.flatMap((s) => s.domains ?? []).sort()).toEqual([...DOMAIN_IDS].sort());
    expect(content.letter.salutation).toBe('Beste {{firstName}} {{lastName}},');
    expect(content.letter.visitParagraph).toContain('{{visitDate}}');
    expect(content.socialMaps.map((m) => m.municipality)).toEqual(['Voorbeeldgemeente']);
    expect(map.services.length).toBeGreaterThanOrEqual(18);
  });

  it('uses only fictitious contact details in the example social map', () => {
    for (const service of map.services) {
      if (service.contact.phone) expect(service.contact.phone).toMatch(/^\+32 9 000 \d\d \d\d$/);
      if (service.contact.email) expect(service.contact.email).toMatch(/example\.org$/);
      if (service.contact.website) expect(service.contact.website).toMatch(/^https:\/\/[^/]*example\.org/);
    }
  });

  it('an unchanged copy loads the same content', () => {
    expect(loadContent(copyContent())).toEqual(content);
  });
});

describe('helpers', () => {
  it('finds a life event by id', () => {
    expect(lifeEventById(content, 'partner_death')?.emphasisDomains).toEqual(expect.arrayContaining(['admin_finance', 'end_of_life', 'emotional']));
    expect(lifeEventById(content, 'move')?.emphasisDomains).toEqual(expect.arrayContaining(['social_network', 'meaning', 'housing']));
    expect(lifeEventById(content, 'retirement')).toBeUndefined();
  });

  it('gives the checklist for a life event: the general items and its own, not those of another', () => {
    const ids = checklistFor(content, 'partner_death').map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['letter_sent', 'partner_signal_consent', 'partner_death_circumstances', 'estate_info_ready']));
    expect(ids).not.toContain('local_offer_ready');
    const moveIds = checklistFor(content, 'move').map((i) => i.id);
    expect(moveIds).toContain('local_offer_ready');
    expect(moveIds).not.toContain('estate_info_ready');
    expect(checklistFor(content, 'unknown').every((i) => i.lifeEvents === 'all')).toBe(true);
  });

  it('searches the social map by domain, sorted by name', () => {
    const found = searchSocialMap(map, { domain: 'mobility' });
    expect(names(found)).toEqual(['Buurtbus Voorbeeldgemeente', 'Mobitwin Voorbeeldgemeente']);
    const endOfLife = searchSocialMap(map, { domain: 'end_of_life' });
    expect(endOfLife.length).toBeGreaterThanOrEqual(2);
    expect(endOfLife.every((s) => s.domains.includes('end_of_life'))).toBe(true);
    expect(names(endOfLife)).toEqual([...names(endOfLife)].sort((a, b) => a.localeCompare(b, 'nl')));
    expect(searchSocialMap(map, {}).length).toBe(map.services.length);
  });

  it('searches by words in name, keywords and notes, ignoring case and accents', () => {
    const premie = names(searchSocialMap(map, { words: 'premie' }));
    expect(premie).toContain('Woonloket Voorbeeldgemeente');
    expect(names(searchSocialMap(map, { words: 'PRÉMIE' }))).toEqual(premie);
    expect(names(searchSocialMap(map, { words: 'wílsverklaring' }))).toEqual(['LEIF-punt Voorbeeldregio']);
    expect(names(searchSocialMap(map, { words: 'buurtcafe' }))).toEqual(['Bibliotheek Voorbeeldgemeente – Buurtcafé en leesclub']);
    expect(names(searchSocialMap(map, { words: 'een-op-een' }))).toEqual(['Lotgenotencontact Samen Verder']); // notes: "één-op-één"
  });

  it('needs every word to match, and combines words with a domain', () => {
    expect(searchSocialMap(map, { words: 'vervoer' }).length).toBe(2);
    expect(names(searchSocialMap(map, { words: '  vervoer   vrijwilliger ' }))).toEqual(['Mobitwin Voorbeeldgemeente']);
    expect(names(searchSocialMap(map, { domain: 'housing', words: 'premie' }))).not.toContain('Dienst maatschappelijk werk van het ziekenfonds');
    expect(names(searchSocialMap(map, { domain: 'admin_finance', words: 'premie' }))).toContain('Dienst maatschappelijk werk van het ziekenfonds');
    expect(searchSocialMap(map, { words: 'rouw zwembad' })).toEqual([]);
  });

  it('finds the social map of a municipality', () => {
    expect(socialMapFor(content, ' voorbeeldgemeente ')).toBe(map);
    expect(socialMapFor(content, 'Elders')).toBeUndefined();
  });
});

describe('broken content is refused with the file and the place of the problem', () => {
  it('names the file relative to the repository, the path and the line', () => {
    const dir = copyContent(join(REPO_ROOT, 'test-results'));
    mutate(dir, 'guide.yaml', (g) => g.questions.mobility.splice(1));
    const line = readFileSync(join(dir, 'guide.yaml'), 'utf8').split('\n').indexOf('  mobility:') + 1;
    expect(line).toBeGreaterThan(0);
    const error = contentErrorOf(dir);
    expect(error.message).toBe(`${relative(REPO_ROOT, dir)}/guide.yaml: questions.mobility: expected at least 2 questions (line ${line})`);
    expect(error.problems[0]).toMatchObject({ file: 'guide.yaml', path: ['questions', 'mobility'], line });
  });

  const cases: [string, string, (dir: string) => void, RegExp][] = [
    // domain ids
    ['a missing domain', 'domains.yaml', (d) => mutate(d, 'domains.yaml', (f) => f.domains.splice(6, 1)), /domains: domain "mobility" is missing/],
    ['a duplicate domain', 'domains.yaml', (d) => mutate(d, 'domains.yaml', (f) => (f.domains[1].id = 'emotional')), /domains\.1\.id: domain "emotional" appears more than once/],
    ['an unknown domain in a life event', 'life-events.yaml', (d) => mutate(d, 'life-events.yaml', (f) => f.lifeEvents[0].emphasisDomains.push('rouw')), /lifeEvents\.0\.emphasisDomains\.3: unknown domain "rouw"/],
    ['an unknown domain in the social map', MAP_FILE, (d) => mutate(d, MAP_FILE, (f) => (f.services[2].domains = ['welzijn'])), /services\.2\.domains\.0: unknown domain "welzijn"/],
    ['an unknown domain in the guide', 'guide.yaml', (d) => mutate(d, 'guide.yaml', (f) => (f.questions.geld = f.questions.care)), /questions: unknown field "geld"/],
    // life-event ids
    ['an unknown life event in the checklist', 'checklist.yaml', (d) => mutate(d, 'checklist.yaml', (f) => (f.items[7].lifeEvents = ['partner_death', 'retirement'])), /items\.7\.lifeEvents\.1: unknown life event "retirement"/],
    ['a missing base life event', 'life-events.yaml', (d) => mutate(d, 'life-events.yaml', (f) => f.lifeEvents.splice(2, 1)), /lifeEvents: life event "divorce" is missing/],
    // guide
    ['a domain without questions', 'guide.yaml', (d) => mutate(d, 'guide.yaml', (f) => delete f.questions.care), /questions\.care: no questions/],
    ['phases out of order', 'guide.yaml', (d) => mutate(d, 'guide.yaml', (f) => f.phases.reverse()), /phases: phases must be in this order: opening, listening, closing/],
    // registration
    ['a domain in two steps', 'registration.yaml', (d) => mutate(d, 'registration.yaml', (f) => f.steps[1].domains.push('care')), /steps\.2\.domains\.2: domain "care" is already in step domains_a/],
    ['a domain in no step', 'registration.yaml', (d) => mutate(d, 'registration.yaml', (f) => f.steps[2].domains.pop()), /steps: domain "end_of_life" is in no step/],
    ['steps out of order', 'registration.yaml', (d) => mutate(d, 'registration.yaml', (f) => f.steps.push(f.steps.shift())), /steps: steps must be in this order/],
    ['a missing domain status', 'registration.yaml', (d) => mutate(d, 'registration.yaml', (f) => f.domainStatuses.pop()), /domainStatuses: domain status "support_needed" is missing/],
    // letter
    ['an unknown placeholder', 'letter.yaml', (d) => mutate(d, 'letter.yaml', (f) => (f.paragraphs[1] += ' Tot {{voornaam}}.')), /paragraphs\.1: unknown placeholder \{\{voornaam\}\}/],
    ['an unknown placeholder in the sender', 'letter.yaml', (d) => mutate(d, 'letter.yaml', (f) => (f.sender.phone = '{{telefoon}}')), /sender\.phone: unknown placeholder \{\{telefoon\}\}/],
    ['an unclosed placeholder', 'letter.yaml', (d) => mutate(d, 'letter.yaml', (f) => (f.closing = 'Groet, {{workerName}')), /closing: a placeholder is not closed/],
    ['a visit paragraph without the date', 'letter.yaml', (d) => mutate(d, 'letter.yaml', (f) => (f.visitParagraph = 'Ik kom langs om {{visitTime}}.')), /visitParagraph: must contain \{\{visitDate\}\}/],
    // social map
    ['a duplicate service id', MAP_FILE, (d) => mutate(d, MAP_FILE, (f) => (f.services[3].id = f.services[0].id)), /services\.3\.id: service "rouwgroep-de-linde" appears more than once/],
    ['two maps for one municipality', 'social-map/z-kopie.yaml', (d) => cpSync(join(d, MAP_FILE), join(d, 'social-map/z-kopie.yaml')), /municipality: Voorbeeldgemeente already has a social map in social-map\/voorbeeldgemeente\.yaml/],
    ['a service without contact', MAP_FILE, (d) => mutate(d, MAP_FILE, (f) => (f.services[0].contact = {})), /services\.0\.contact: expected at least one of phone/],
    // localised texts
    ['an empty English text', 'guide.yaml', (d) => mutate(d, 'guide.yaml', (f) => (f.attitude[0].en = '  ')), /attitude\.0\.en: text is empty/],
    ['a missing Dutch text', 'domains.yaml', (d) => mutate(d, 'domains.yaml', (f) => delete f.domains[4].label.nl), /domains\.4\.label\.nl: missing/],
    ['missing English notes', MAP_FILE, (d) => mutate(d, MAP_FILE, (f) => delete f.services[5].notes.en), /services\.5\.notes\.en: missing/],
    ['an empty tip', 'life-events.yaml', (d) => mutate(d, 'life-events.yaml', (f) => (f.lifeEvents[1].tips[0].nl = '')), /lifeEvents\.1\.tips\.0\.nl: text is empty/],
    ['an empty checklist label', 'checklist.yaml', (d) => mutate(d, 'checklist.yaml', (f) => (f.items[0].label.en = '')), /items\.0\.label\.en: text is empty/],
    ['an empty registration help', 'registration.yaml', (d) => mutate(d, 'registration.yaml', (f) => (f.steps[0].help.nl = '')), /steps\.0\.help\.nl: text is empty/],
    // files
    ['a YAML syntax error', 'checklist.yaml', (d) => writeFileSync(join(d, 'checklist.yaml'), 'items:\n  - id: x\n   label: [\n'), /checklist\.yaml: not valid YAML: .*\(line \d+\)/],
    ['a missing file', 'letter.yaml', (d) => rmSync(join(d, 'letter.yaml')), /letter\.yaml: file not found/],
  ];

  it.each(cases)('%s', (_name, file, breakIt, message) => {
    const dir = copyContent();
    breakIt(dir);
    const error = contentErrorOf(dir);
    expect(error.message).toMatch(message);
    expect(error.message.split('\n').some((line) => line.startsWith(`${join(dir, file)}: `) && message.test(line))).toBe(true);
  });
});
