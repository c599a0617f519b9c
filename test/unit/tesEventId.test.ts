// TES event ids are composed from the provider's fields: the same on every retry, distinct for
// distinct events, hashed only when the fields that identify an event are missing.
import { normalizeTesEvent } from '../../nodes/Tes/delivery/normalizeTesEvent';
import fc from 'fast-check';

import { detailFingerprint, epochMsText, tesEventId } from '../../nodes/Tes/delivery/tesEventId';

const base = { _id: 'm.1', x_unique_id: 'u1', smtp_name: 's', ts: 1465890656000, msg: {} };

describe('tesEventId', () => {
	it('is message:event:ts for events whose type, message and time say all', () => {
		expect(normalizeTesEvent({ ...base, event: 'send' }, 'sarv').id).toBe('u1:send:1465890656000');
		expect(normalizeTesEvent({ ...base, x_unique_id: '', event: 'delivered' }, 'sarv').id).toBe('m.1:delivered:1465890656000');
	});

	it('is the same for a retried event (a fresh parse of the same bytes)', () => {
		const event = { ...base, event: 'click', msg: { clicks: [{ clickTs: 1, clickUrl: 'https://a.example/' }] } };
		expect(normalizeTesEvent(JSON.parse(JSON.stringify(event)), 'sarv').id).toBe(normalizeTesEvent(event, 'sarv').id);
	});

	it('tells apart clicks of one message and time on different links', () => {
		const click = (url: string) => ({ ...base, event: 'click', msg: { clicks: [{ clickTs: 1, clickUrl: url }] } });
		expect(normalizeTesEvent(click('https://a.example/'), 'sarv').id).not.toBe(normalizeTesEvent(click('https://b.example/'), 'sarv').id);
	});

	it('hashes the whole event when it names no message or no time', () => {
		expect(tesEventId({ event: 'send', ts: 1 }, 'send', undefined)).toMatch(/^[A-Za-z0-9_-]{27}$/);
		expect(tesEventId({ event: 'send', x_unique_id: 'u' }, 'send', undefined)).toMatch(/^[A-Za-z0-9_-]{27}$/);
	});

	it('fingerprints details as six characters, objects by their JSON', () => {
		expect(detailFingerprint(['a', 1, null])).toMatch(/^[A-Za-z0-9_-]{6}$/);
		expect(detailFingerprint([{ a: 1 }])).toBe(detailFingerprint(['{"a":1}']));
		expect(detailFingerprint(['ab', 'c'])).not.toBe(detailFingerprint(['a', 'bc']));
	});
});

describe('epochMsText', () => {
	it('writes every number exactly as String() does', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map(Number),
					fc.maxSafeNat().map((n) => n - (n % 1e8) + 99_999_999),
					fc.double({ noNaN: true }),
				),
				(ms) => expect(epochMsText(ms)).toBe(String(ms)),
			),
			{ numRuns: 5000 },
		);
		for (const ms of [1e8, 1e8 - 1, 199_999_999, 1_465_890_656_000, 9_007_199_254_740_991, 9_007_199_254_740_992, 1e17, -1e12, 1.5e12 + 0.5]) {
			expect(epochMsText(ms)).toBe(String(ms));
		}
	});
});
