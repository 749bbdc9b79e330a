import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

describe('structured logging', () => {
  it('writes JSON lines with level and event', () => {
    const { logger, lines } = capture();
    logger.info({ event: 'turn', activityType: 'message', ms: 12 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', app: 'nabij', event: 'turn', activityType: 'message', ms: 12 });
  });

  it('redacts message text and personal fields at any depth', () => {
    const { logger, lines } = capture();
    logger.info({
      event: 'oops',
      text: 'mijn buurvrouw Marie Peeters woont in de Kerkstraat 12',
      activity: { text: 'geheime tekst', from: { name: 'Jan Janssens' }, value: { note: 'vertrouwelijk' } },
      contact: { firstName: 'Marie', lastName: 'Peeters', address: 'Kerkstraat 12', phone: '0470 12 34 56', email: 'marie@example.org', birthDate: '1941-03-02', nationalRegisterNumber: '41.03.02-123.45' },
    });
    const line = lines.join('');
    for (const secret of ['Marie', 'Peeters', 'Kerkstraat', 'geheime', 'Jan Janssens', 'vertrouwelijk', '0470', 'marie@example.org', '1941', '41.03.02']) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({ event: 'oops', text: '[redacted]' });
  });

  it('logs an error by type and code and code locations, never its message', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('Unique constraint failed for Marie Peeters'), { code: 'P2002' });
    logger.error({ event: 'turn_failed', err: error });
    const entry = JSON.parse(lines[0]!);
    expect(entry.err).toMatchObject({ type: 'Error', code: 'P2002' });
    expect(Array.isArray(entry.err.frames)).toBe(true);
    expect(lines[0]).not.toContain('Marie');
  });

  it('does not copy the message of an error logged on its own', () => {
    const { logger, lines } = capture();
    logger.error(new Error('kon Marie Peeters niet opslaan'));
    expect(lines[0]).not.toContain('Marie');
    expect(JSON.parse(lines[0]!).err).toMatchObject({ type: 'Error' });
  });
});
