// Observation logs come from files people handle: broken ones get a clear message, never an exception.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseObservationLog } from './observation-log';

const example = readFileSync(join(import.meta.dirname, '../tests/fixtures/sn1/example-4.json'), 'utf8');
const logText = JSON.stringify((JSON.parse(example) as { log: unknown }).log, null, 2);

describe('parseObservationLog', () => {
  it('reads a valid log', () => {
    const result = parseObservationLog(logText);
    expect('log' in result && result.log.requests.length).toBeGreaterThan(10);
    expect('log' in result && result.problems).toEqual([]);
  });

  it('says where a truncated file stops', () => {
    const result = parseObservationLog(logText.slice(0, logText.length / 2));
    expect(result).toEqual({ error: expect.stringMatching(/invalid JSON at line \d+, column \d+/) });
  });

  it('rejects what is not a log', () => {
    expect(parseObservationLog('')).toEqual({ error: 'empty file' });
    expect(parseObservationLog('[1,2]')).toEqual({ error: expect.stringContaining('expected a JSON object') });
    expect(parseObservationLog('{"format":"har"}')).toEqual({ error: expect.stringContaining('"format"') });
    expect(parseObservationLog('{"format":"vigie.observations/1","page":{},"requests":[]}')).toEqual({
      error: 'the log has no page.url',
    });
    expect(parseObservationLog('\u0000\u0001binary')).toEqual({ error: expect.stringContaining('invalid JSON') });
  });

  it('keeps usable requests and reports each bad one', () => {
    const text = JSON.stringify({
      format: 'vigie.observations/1',
      page: { url: 'https://www.lyon.fr/', serverIp: null },
      requests: [
        { url: 'https://fonts.googleapis.com/css', type: 'stylesheet', time: 5, beforeInteraction: true, cookies: [] },
        42,
        { type: 'script' },
        { url: 'https://x.example/', type: 'teleport', cookies: [{ domain: 'x' }, { name: 'a', expiresIn: 'soon' }] },
      ],
    });
    const result = parseObservationLog(text);
    if (!('log' in result)) throw new Error(result.error);
    expect(result.log.requests.map((r) => r.type)).toEqual(['stylesheet', 'other']);
    expect(result.problems.map((p) => p.at)).toEqual([
      'requests[1]',
      'requests[2]',
      'requests[3]',
      'requests[3].cookies[0]',
      'requests[3].cookies[1]',
    ]);
  });
});
