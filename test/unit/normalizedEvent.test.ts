// The normalized event's field list and the value conversions every normalizer shares.
import fc from 'fast-check';

import { isoFromEpochMs, toEpochMs, toIsoTimestamp } from '../../nodes/shared/delivery/isoTimestamp';
import { textOrNull } from '../../nodes/shared/delivery/textOrNull';
import { NORMALIZED_EVENT_FIELDS, NORMALIZED_EVENT_TYPES } from '../../nodes/shared/NormalizedEvent';

describe('NORMALIZED_EVENT_FIELDS', () => {
	it('lists the schema of the README in its order', () => {
		expect(NORMALIZED_EVENT_FIELDS).toEqual([
			'provider',
			'event',
			'bounceType',
			'providerEvent',
			'id',
			'messageId',
			'recipient',
			'recipientSource',
			'recipientMissingReason',
			'timestamp',
			'reason',
			'bounce',
			'open',
			'click',
			'complaint',
			'raw',
		]);
	});

	it('lists every event type of the schema', () => {
		expect([...NORMALIZED_EVENT_TYPES].sort()).toEqual(
			['sent', 'delivered', 'failed', 'bounce', 'open', 'click', 'complaint', 'unsubscribe', 'resubscribe', 'unknown'].sort(),
		);
	});
});

describe('toIsoTimestamp', () => {
	const iso = '2016-06-14T07:50:56.000Z';

	it.each<[string, unknown]>([
		['milliseconds', 1465890656000],
		['seconds', 1465890656],
		['fractional seconds', 1465890656.0004],
		['microseconds', 1465890656000000],
		['numeric text', '1465890656000'],
		['ISO 8601 with Z', '2016-06-14T07:50:56Z'],
		['ISO 8601 with an offset', '2016-06-14T09:50:56+02:00'],
		['a zone-less date-time (read as UTC)', '2016-06-14 07:50:56'],
		['a zone-less ISO date-time (read as UTC)', '2016-06-14T07:50:56'],
		['RFC 2822', 'Tue, 14 Jun 2016 07:50:56 +0000'],
	])('reads %s', (_name, value) => {
		expect(toIsoTimestamp(value)).toBe(iso);
	});

	it.each<[string, unknown]>([
		['empty text', ''],
		['words', 'soon'],
		['NaN', NaN],
		['Infinity', Infinity],
		['a number too large for any unit', 1e20],
		['an object', {}],
		['null', null],
		['a boolean', true],
	])('gives null for %s', (_name, value) => {
		expect(toIsoTimestamp(value)).toBeNull();
	});

	it('reads a time to the second in every spelling as Date does (T or space, Z or none)', () => {
		// 1970..9999, whole seconds: the range the shortcut for these spellings serves.
		const wholeSeconds = fc.integer({ min: 0, max: 253_402_300_799 }).map((s) => s * 1000);
		fc.assert(
			fc.property(wholeSeconds, fc.constantFrom(' ', 'T', 't'), fc.constantFrom('', 'Z', 'z'), (ms, separator, zone) => {
				const iso = new Date(ms).toISOString();
				const text = `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}${zone}`;
				expect(toIsoTimestamp(text)).toBe(iso);
			}),
			{ numRuns: 500 },
		);
		expect(toIsoTimestamp('2023-02-29 00:00:00')).toBeNull();
		expect(toIsoTimestamp('2023-08-07 24:00:00')).toBeNull();
		expect(toIsoTimestamp('2023-08-07 14:21:60Z')).toBeNull();
		expect(toIsoTimestamp(' 2016-06-14 07:50:56')).toBe(iso);
	});

	it('gives what the general reading gives for any text shaped like a UTC time', () => {
		const general = (text: string) => {
			const ms = toEpochMs(text);
			return ms === null ? null : isoFromEpochMs(ms);
		};
		const digit = fc.constantFrom(...'0123456789');
		const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
		const shaped = fc
			.tuple(
				fc.constantFrom('19', '20', '99', '00'),
				digits(2),
				fc.constantFrom('01', '02', '12', '13', '00'),
				fc.constantFrom('01', '28', '29', '30', '31', '32'),
				fc.constantFrom('T', 't', ' ', 'x'),
				fc.constantFrom('00', '23', '24'),
				fc.constantFrom('00', '59', '60'),
				fc.constantFrom('00', '59', '60', '5x'),
				fc.constantFrom('', '.000', '.123', '.12x', '.1234'),
				fc.constantFrom('', 'Z', 'z', '+01:00'),
			)
			.map(([c, yy, mm, dd, sep, hh, mi, ss, frac, zone]) => `${c}${yy}-${mm}-${dd}${sep}${hh}:${mi}:${ss}${frac}${zone}`);
		fc.assert(fc.property(shaped, (text) => expect(toIsoTimestamp(text)).toBe(general(text))), { numRuns: 3000 });
	});

	it('keeps milliseconds', () => {
		expect(toIsoTimestamp(1465890656123)).toBe('2016-06-14T07:50:56.123Z');
		expect(toEpochMs('2016-06-14T07:50:56.123Z')).toBe(1465890656123);
	});
});

describe('isoFromEpochMs', () => {
	it.each([0, 1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 253_402_300_799_999, -1, -62_198_755_200_000, 8.64e15])(
		'%d matches Date#toISOString',
		(ms) => {
			expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
		},
	);

	it('gives null outside the representable range', () => {
		expect(isoFromEpochMs(8.64e15 + 1)).toBeNull();
		expect(isoFromEpochMs(NaN)).toBeNull();
	});
});

describe('textOrNull', () => {
	it('trims text and gives null for empty or non-text values', () => {
		expect(textOrNull('  a b ')).toBe('a b');
		expect(textOrNull(550)).toBe('550');
		for (const value of ['', '  ', undefined, null, NaN, {}, [], false]) expect(textOrNull(value)).toBeNull();
	});
});

describe('toIsoTimestamp on ISO 8601 text', () => {
	it.each<[string, string | null]>([
		['2023-08-07T14:21:12.000Z', '2023-08-07T14:21:12.000Z'],
		['2023-08-07T14:21:12.5Z', '2023-08-07T14:21:12.500Z'],
		['2023-08-07T14:21:12,25Z', '2023-08-07T14:21:12.250Z'],
		['2023-08-07T14:21:12.123456Z', '2023-08-07T14:21:12.123Z'],
		['2023-08-07t14:21:12z', '2023-08-07T14:21:12.000Z'],
		['2023-08-07T14:21Z', '2023-08-07T14:21:00.000Z'],
		['2023-08-07', '2023-08-07T00:00:00.000Z'],
		['2023-08-07T16:21:12+02:00', '2023-08-07T14:21:12.000Z'],
		['2023-08-07T09:51:12-0430', '2023-08-07T14:21:12.000Z'],
		['2023-08-07T16:21:12+02', '2023-08-07T14:21:12.000Z'],
		['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
		['2023-02-29T00:00:00Z', null],
		['2023-02-31T00:00:00.000Z', null],
		['2023-13-01T00:00:00Z', null],
		['2023-08-07T24:00:00Z', null],
		['2023-08-07T14:60:00Z', null],
		['2023-08-07T14:21:61Z', null],
		['2023-08-07T14:21:12+25:00', null],
		['1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z'],
		['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
	])('%s → %s', (text, expected) => {
		expect(toIsoTimestamp(text)).toBe(expected);
	});

	it('agrees with Date.parse on every valid ISO time with a zone', () => {
		for (let ms = -5e11; ms < 5e12; ms += 7_777_777_777) {
			const text = new Date(ms).toISOString();
			expect(toEpochMs(text)).toBe(Date.parse(text));
			expect(toIsoTimestamp(text)).toBe(text);
			const offset = text.replace('Z', '+05:30');
			expect(toEpochMs(offset)).toBe(Date.parse(offset));
		}
	});
});
