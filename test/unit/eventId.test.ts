// De-duplication ids: the provider's id when there is one, else a short, stable hash.
import { eventIdOf, hashRawEvent, hashText, providerIdOf } from '../../nodes/shared/delivery/eventId';

describe('providerIdOf', () => {
	it('takes non-empty text (trimmed) and finite numbers', () => {
		expect(providerIdOf(' 07a64775-ec55 ')).toBe('07a64775-ec55');
		expect(providerIdOf(123)).toBe('123');
		expect(providerIdOf(0)).toBe('0');
	});

	it('ignores anything else', () => {
		for (const value of ['', '   ', undefined, null, NaN, Infinity, {}, [], true]) {
			expect(providerIdOf(value)).toBeUndefined();
		}
	});
});

describe('hashRawEvent', () => {
	it('is a 27-character base64url SHA-1', () => {
		expect(hashRawEvent({ a: 1 })).toMatch(/^[A-Za-z0-9_-]{27}$/);
		expect(hashText('abc')).toBe('qZk-NkcGgWq6PiVxeFDCbJzQ2J0');
	});

	it('is the same for equal events and different for different ones', () => {
		const event = { _id: 'm1', ts: 1, msg: { opens: [{ openTs: 1 }] }, event: 'open' };
		expect(hashRawEvent(JSON.parse(JSON.stringify(event)))).toBe(hashRawEvent(event));
		expect(hashRawEvent({ ...event, ts: 2 })).not.toBe(hashRawEvent(event));
		expect(hashRawEvent({ ...event, msg: { opens: [{ openTs: 2 }] } })).not.toBe(hashRawEvent(event));
	});

	it('hashes values that have no JSON form without throwing', () => {
		expect(hashRawEvent(undefined)).toMatch(/^[A-Za-z0-9_-]{27}$/);
	});
});

describe('eventIdOf', () => {
	it("prefers the provider's id", () => {
		expect(eventIdOf('evt-1', { id: 'evt-1' })).toBe('evt-1');
		expect(eventIdOf(77, {})).toBe('77');
	});

	it('falls back to the hash of the raw event', () => {
		const raw = { event: 'send' };
		expect(eventIdOf(undefined, raw)).toBe(hashRawEvent(raw));
		expect(eventIdOf('', raw)).toBe(hashRawEvent(raw));
	});
});
