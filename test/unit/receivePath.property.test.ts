// Property-based checks of the receive path's pure functions on arbitrary input: the parsers
// fail only with MalformedDeliveryError, normalizing whatever they accept never fails and
// always yields the full schema, no random signature is ever accepted, and the Basic-auth
// check never throws nor accepts other credentials.
import { createHmac } from 'node:crypto';

import fc from 'fast-check';

import { normalizeEverlyticEvent } from '../../nodes/Everlytic/delivery/normalizeEverlyticEvent';
import { parseEverlyticDelivery } from '../../nodes/Everlytic/delivery/parseEverlyticDelivery';
import { MalformedDeliveryError } from '../../nodes/shared/delivery/MalformedDeliveryError';
import { isoFromEpochMs, toEpochMs, toIsoTimestamp } from '../../nodes/shared/delivery/isoTimestamp';
import {
	NORMALIZED_EVENT_FIELDS,
	NORMALIZED_EVENT_TYPES,
	type NormalizedEvent,
} from '../../nodes/shared/NormalizedEvent';
import { verifyBasicAuth } from '../../nodes/shared/trigger/verifyBasicAuth';
import { normalizeTesEvent } from '../../nodes/Tes/delivery/normalizeTesEvent';
import { parseTesDelivery } from '../../nodes/Tes/delivery/parseTesDelivery';
import { verifyTesSignature } from '../../nodes/Tes/delivery/verifyTesSignature';

const RUNS = { numRuns: 300 };

// Bodies as n8n may hand them: any JSON value, text (JSON-ish or not), bytes, form-like records,
// and records shaped like each provider's events with arbitrary values inside.
const tesLike = fc.record(
	{
		_id: fc.oneof(fc.string(), fc.integer()),
		x_unique_id: fc.oneof(fc.string(), fc.constant('')),
		ts: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(1465890656000)),
		event: fc.oneof(
			fc.constantFrom('send', 'delivered', 'hard_bounce', 'soft_bounce', 'open', 'click', 'spam'),
			fc.string(),
		),
		msg: fc.oneof(
			fc.jsonValue(),
			fc.record({
				opens: fc.array(fc.record({ openTs: fc.jsonValue(), openIp: fc.jsonValue(), openUa: fc.jsonValue() })),
				clicks: fc.array(fc.oneof(fc.jsonValue(), fc.record({ clickTs: fc.jsonValue(), clickUrl: fc.jsonValue() }))),
				feedbackReport: fc.oneof(fc.string(), fc.jsonValue()),
				bounceCodeTrad: fc.jsonValue(),
				bounceDesc: fc.jsonValue(),
			}),
		),
	},
	{ requiredKeys: [] },
);
const everlyticLike = fc.oneof(
	fc.record(
		{
			id: fc.jsonValue(),
			type: fc.oneof(fc.constantFrom('sent', 'bounce', 'open', 'click', 'failed'), fc.jsonValue()),
			timestamp: fc.jsonValue(),
			data: fc.oneof(fc.jsonValue(), fc.array(fc.dictionary(fc.string(), fc.jsonValue()))),
		},
		{ requiredKeys: [] },
	),
	fc.record({ event: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())) }),
	fc.dictionary(
		fc.oneof(fc.string(), fc.constantFrom('event[event_type]', 'data[0][recipient][email]', '__proto__[x]', 'data')),
		fc.oneof(fc.string(), fc.jsonValue().map((value) => JSON.stringify(value))),
	),
);
const anyBody = fc.oneof(
	fc.anything(),
	fc.jsonValue(),
	fc.string(),
	fc.jsonValue().map((value) => JSON.stringify(value)),
	fc.uint8Array().map((bytes) => Buffer.from(bytes)),
	fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.jsonValue().map((value) => JSON.stringify(value)))),
	fc.array(tesLike),
	tesLike,
	fc.array(everlyticLike),
	everlyticLike,
);
const anyRawBody = fc.option(
	fc.oneof(
		fc.string(),
		fc.uint8Array().map((bytes) => Buffer.from(bytes)),
		fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? '')),
	),
	{ nil: undefined },
);

function expectFullSchema(event: NormalizedEvent): void {
	expect(Object.keys(event)).toEqual(NORMALIZED_EVENT_FIELDS.filter((field) => field !== 'raw'));
	expect(NORMALIZED_EVENT_TYPES).toContain(event.event);
	expect(typeof event.id).toBe('string');
	expect(event.id.length).toBeGreaterThan(0);
	if (event.timestamp !== null) expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);
	// an n8n item must survive JSON
	expect(JSON.parse(JSON.stringify(event))).toEqual(event);
}

function onlyMalformed(run: () => unknown): unknown {
	try {
		return run();
	} catch (error) {
		if (!(error instanceof MalformedDeliveryError)) throw error;
		expect(error.message.length).toBeLessThan(200);
		return undefined;
	}
}

describe('receive path on arbitrary input', () => {
	it('parseTesDelivery throws nothing but MalformedDeliveryError, and what it accepts normalizes', () => {
		fc.assert(
			fc.property(anyBody, anyRawBody, fc.constantFrom('sarv', 'sendclean') as fc.Arbitrary<'sarv' | 'sendclean'>, (body, rawBody, provider) => {
				const events = onlyMalformed(() => parseTesDelivery({ body, rawBody, contentType: 'application/json' }));
				if (events === undefined) return;
				for (const raw of events as Array<Record<string, unknown>>) expectFullSchema(normalizeTesEvent(raw, provider));
			}),
			RUNS,
		);
	});

	it('parseEverlyticDelivery throws nothing but MalformedDeliveryError, and what it accepts normalizes', () => {
		fc.assert(
			fc.property(anyBody, anyRawBody, (body, rawBody) => {
				const events = onlyMalformed(() => parseEverlyticDelivery({ body, rawBody }));
				if (events === undefined) return;
				for (const raw of events as Array<Record<string, unknown>>) expectFullSchema(normalizeEverlyticEvent(raw));
			}),
			RUNS,
		);
	});

	it('normalizeTesEvent never throws on any record', () => {
		fc.assert(
			fc.property(fc.oneof(tesLike, fc.dictionary(fc.string(), fc.jsonValue())), (raw) => {
				expectFullSchema(normalizeTesEvent(raw as Record<string, unknown>, 'sarv'));
			}),
			RUNS,
		);
	});

	it('identical events get identical ids, whatever their content', () => {
		fc.assert(
			fc.property(tesLike, (raw) => {
				const copy = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
				expect(normalizeTesEvent(copy, 'sarv').id).toBe(normalizeTesEvent(JSON.parse(JSON.stringify(raw)), 'sarv').id);
			}),
			RUNS,
		);
	});
});

describe('verifyTesSignature on arbitrary input', () => {
	const twentyBytes = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => Buffer.from(bytes));
	const signature = fc.oneof(
		twentyBytes.map((bytes) => bytes.toString('base64')),
		twentyBytes.map((bytes) => bytes.toString('hex')),
		twentyBytes.map((bytes) => bytes.toString('base64url')),
		fc.string(),
		fc.anything(),
	);
	const input = fc.record({
		key: fc.string({ minLength: 1 }),
		url: fc.webUrl(),
		rawBody: anyRawBody,
		formParams: fc.option(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))), { nil: undefined }),
	});

	it('never accepts a random signature', () => {
		fc.assert(
			fc.property(input, signature, (fields, sig) => {
				expect(verifyTesSignature({ ...fields, signature: sig })).toBe(false);
			}),
			RUNS,
		);
	});

	it('accepts the right HMAC over url + body, and rejects it under any other key', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.webUrl(), fc.string(), (key, otherKey, url, body) => {
				fc.pre(key !== otherKey);
				const sig = createHmac('sha1', key).update(url + body).digest('base64');
				expect(verifyTesSignature({ key, url, rawBody: Buffer.from(body), signature: sig })).toBe(true);
				expect(verifyTesSignature({ key: otherKey, url, rawBody: Buffer.from(body), signature: sig })).toBe(false);
			}),
			RUNS,
		);
	});
});

describe('verifyBasicAuth on arbitrary input', () => {
	const credentials = fc.record({
		username: fc.string({ minLength: 1 }).filter((name) => !name.includes(':')),
		password: fc.string({ minLength: 1 }),
	});

	it('never throws, and never accepts a header that is not exactly the credentials', () => {
		fc.assert(
			fc.property(fc.oneof(fc.anything(), fc.string(), fc.string().map((s) => `Basic ${s}`)), credentials, (header, expected) => {
				const exact = `Basic ${Buffer.from(`${expected.username}:${expected.password}`).toString('base64')}`;
				fc.pre(header !== exact);
				const decoded = typeof header === 'string' && /^basic /i.test(header.trim())
					? Buffer.from(header.trim().slice(6).trim(), 'base64').toString('utf8')
					: undefined;
				fc.pre(decoded !== `${expected.username}:${expected.password}`);
				expect(verifyBasicAuth(header, expected)).toBe(false);
			}),
			RUNS,
		);
	});

	it('accepts the exact credentials, whatever they are', () => {
		fc.assert(
			fc.property(credentials, (expected) => {
				const header = `Basic ${Buffer.from(`${expected.username}:${expected.password}`).toString('base64')}`;
				expect(verifyBasicAuth(header, expected)).toBe(true);
			}),
			RUNS,
		);
	});
});

describe('isoFromEpochMs on arbitrary times', () => {
	it('matches Date#toISOString over the whole Date range', () => {
		fc.assert(
			fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
				expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
			}),
			{ numRuns: 2000 },
		);
	});

	it('matches Date#toISOString for fractional milliseconds in 1970..9999', () => {
		fc.assert(
			fc.property(fc.double({ min: 0, max: 253_402_300_799_999, noNaN: true }), (ms) => {
				expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('toIsoTimestamp on arbitrary text', () => {
	const isoLike = fc
		.tuple(
			fc.integer({ min: 0, max: 9999 }),
			fc.integer({ min: 0, max: 13 }),
			fc.integer({ min: 0, max: 32 }),
			fc.integer({ min: 0, max: 24 }),
			fc.integer({ min: 0, max: 60 }),
			fc.integer({ min: 0, max: 60 }),
			fc.constantFrom('', '.5', '.123', ',9', '.123456'),
			fc.constantFrom('Z', '+00:00', '-05:30', '+1400', '+02', ''),
		)
		.map(([y, mo, d, h, mi, s, fraction, zone]) => {
			const p = (n: number, w = 2) => String(n).padStart(w, '0');
			return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${fraction}${zone}`;
		});

	it('never throws and gives null or a valid ISO time', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), isoLike), (text) => {
				const iso = toIsoTimestamp(text);
				if (iso !== null) expect(new Date(iso).toISOString()).toBe(iso);
			}),
			{ numRuns: 2000 },
		);
	});

	it('agrees with Date.parse wherever both read a time with a zone', () => {
		// Ours is stricter on impossible dates (Feb 31: V8 rolls over) and also takes a comma
		// before the fraction (ISO 8601 allows it); where both read a time, it is the same one.
		fc.assert(
			fc.property(isoLike, (text) => {
				fc.pre(/(Z|[+-]\d\d(:?\d\d)?)$/.test(text.slice(19)));
				const parsed = Date.parse(text);
				const ours = toEpochMs(text);
				if (ours !== null && !Number.isNaN(parsed)) expect(ours).toBe(parsed);
			}),
			{ numRuns: 2000 },
		);
	});
});
