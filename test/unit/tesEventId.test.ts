// TES event ids are composed from the provider's fields: the same on every retry, distinct for
// distinct events, hashed only when the fields that identify an event are missing.
import { normalizeTesEvent } from '../../nodes/Tes/delivery/normalizeTesEvent';
import { detailFingerprint, tesEventId } from '../../nodes/Tes/delivery/tesEventId';

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
