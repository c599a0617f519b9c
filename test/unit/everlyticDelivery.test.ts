// Everlytic deliveries: every event type in the standard and the legacy field set, every body
// shape (JSON object, array, form field holding JSON, flat and bracketed form fields, pings),
// malformed bodies, and the normalized result field by field. The envelopes follow docs/providers.md;
// the event-specific field names (bounce, click, open details) are unpublished guesses, the
// same ones the emulator sends.
import { MalformedDeliveryError } from '../../nodes/shared/delivery/MalformedDeliveryError';
import {
	everlyticEventNameOf,
	normalizeEverlyticEvent,
} from '../../nodes/Everlytic/delivery/normalizeEverlyticEvent';
import { EVERLYTIC_SUBSCRIPTION_EVENTS, everlyticSubscriptionOf } from '../../nodes/Everlytic/events';
import {
	parseEverlyticDelivery,
	type EverlyticDeliveryInput,
	type EverlyticRawEvent,
} from '../../nodes/Everlytic/delivery/parseEverlyticDelivery';
import { NORMALIZED_EVENT_FIELDS, type NormalizedEvent } from '../../nodes/shared/NormalizedEvent';

const TIMESTAMP = '2023-08-07T14:21:12.000Z';

function standardEntry(details: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		transaction: {
			id: '8812345',
			message_id: '<a1b2c3@mail.everlytic.net>',
			method: 'api',
			group: { id: '12', name: 'Order confirmations' },
			sent_timestamp: '2023-08-07T14:20:00.000Z',
			subject: 'Your order has shipped',
			message_size_bytes: 18432,
		},
		recipient: { name: 'Jane Doe', email: 'jane.doe@example.com' },
		...details,
	};
}

function standard(type: string, details: Record<string, unknown> = {}): Record<string, unknown> {
	return { id: '07a64775-ec55-40aa-b32b-7969cbf28b6a', type, timestamp: TIMESTAMP, data: [standardEntry(details)] };
}

function legacy(eventType: string, details: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		event: {
			event_id: '40012345',
			event_date: '2023-08-07 14:21:12',
			event_type: eventType,
			email_to: 'jane.doe@example.com',
			group_name: 'Order confirmations',
			custom_headers: { 'X-Order-Id': 'A-1001' },
			trans_id: '8812345',
			...details,
		},
	};
}

function normalizeOne(body: unknown): NormalizedEvent {
	const events = parseEverlyticDelivery({ body, contentType: 'application/json' });
	expect(events).toHaveLength(1);
	return normalizeEverlyticEvent(events[0]);
}

const none = { bounceType: null, reason: null, bounce: null, open: null, click: null, complaint: null };
const standardCommon = {
	provider: 'everlytic',
	id: '07a64775-ec55-40aa-b32b-7969cbf28b6a',
	messageId: '<a1b2c3@mail.everlytic.net>',
	recipient: 'jane.doe@example.com',
	recipientSource: 'event',
	recipientMissingReason: null,
	timestamp: TIMESTAMP,
};
const legacyCommon = {
	provider: 'everlytic',
	id: '40012345',
	messageId: '8812345',
	recipient: 'jane.doe@example.com',
	recipientSource: 'event',
	recipientMissingReason: null,
	// a zone-less legacy date is read as UTC
	timestamp: '2023-08-07T14:21:12.000Z',
};

describe('normalizeEverlyticEvent, standard field set', () => {
	it.each(['sent', 'delivered', 'unsubscribe', 'resubscribe'])('%s', (type) => {
		expect(normalizeOne(standard(type))).toEqual({ ...standardCommon, ...none, event: type, providerEvent: type });
	});

	it('failed', () => {
		expect(normalizeOne(standard('failed', { failure: { reason: 'Recipient is on the suppression list' } }))).toEqual({
			...standardCommon,
			...none,
			event: 'failed',
			providerEvent: 'failed',
			reason: 'Recipient is on the suppression list',
		});
	});

	it('bounce', () => {
		const reason = '550 5.1.1 <jane.doe@example.com>: Recipient address rejected: User unknown';
		expect(normalizeOne(standard('bounce', { bounce: { type: 'hard', code: '5.1.1', reason } }))).toEqual({
			...standardCommon,
			...none,
			event: 'bounce',
			providerEvent: 'bounce',
			bounceType: 'hard',
			reason,
			bounce: { code: 550, enhancedCode: '5.1.1', description: reason },
		});
	});

	it('bounce without details', () => {
		expect(normalizeOne(standard('bounce'))).toMatchObject({
			event: 'bounce',
			bounceType: null,
			reason: null,
			bounce: { code: null, enhancedCode: null, description: null },
		});
	});

	it('open', () => {
		const open = { ip: '198.51.100.31', user_agent: 'Mozilla/5.0 (iPhone)', timestamp: '2023-08-07T15:00:00.000Z' };
		expect(normalizeOne(standard('open', { open }))).toEqual({
			...standardCommon,
			...none,
			event: 'open',
			providerEvent: 'open',
			open: { ip: '198.51.100.31', userAgent: 'Mozilla/5.0 (iPhone)', timestamp: '2023-08-07T15:00:00.000Z' },
		});
	});

	it('click', () => {
		const click = { url: 'https://example.com/track', ip: '198.51.100.32', user_agent: 'Mozilla/5.0 (X11)' };
		expect(normalizeOne(standard('click', { click }))).toEqual({
			...standardCommon,
			...none,
			event: 'click',
			providerEvent: 'click',
			// no time of its own: the event's
			click: { url: 'https://example.com/track', ip: '198.51.100.32', userAgent: 'Mozilla/5.0 (X11)', timestamp: TIMESTAMP },
		});
	});

	it('an unknown type keeps its name', () => {
		expect(normalizeOne(standard('spam_report'))).toMatchObject({ event: 'unknown', providerEvent: 'spam_report' });
	});

	it('reads flat detail fields and soft-bounce flags', () => {
		expect(
			normalizeOne(standard('bounce', { bounce_type: 'Soft', bounce_reason: 'Mailbox full', bounce_code: 452 })),
		).toMatchObject({
			bounceType: 'soft',
			reason: 'Mailbox full',
			bounce: { code: 452, enhancedCode: null, description: 'Mailbox full' },
		});
		expect(normalizeOne(standard('bounce', { is_hard: false }))).toMatchObject({ bounceType: 'soft' });
		expect(normalizeOne(standard('bounce', { is_hard: true }))).toMatchObject({ bounceType: 'hard' });
	});
});

describe('normalizeEverlyticEvent, legacy field set', () => {
	it.each<[string, string]>([
		['Sent', 'sent'],
		['Delivered', 'delivered'],
		['Unsubscribe', 'unsubscribe'],
		['Unsubscribed', 'unsubscribe'],
		['Resubscribe', 'resubscribe'],
		['Resubscribed', 'resubscribe'],
	])('%s', (name, event) => {
		expect(normalizeOne(legacy(name))).toEqual({ ...legacyCommon, ...none, event, providerEvent: name });
	});

	it('Failed', () => {
		expect(normalizeOne(legacy('Failed', { reason: 'Recipient is on the suppression list' }))).toEqual({
			...legacyCommon,
			...none,
			event: 'failed',
			providerEvent: 'Failed',
			reason: 'Recipient is on the suppression list',
		});
	});

	it('Bounced', () => {
		expect(normalizeOne(legacy('Bounced', { bounce_type: 'hard', reason: '550 5.1.1 User unknown' }))).toEqual({
			...legacyCommon,
			...none,
			event: 'bounce',
			providerEvent: 'Bounced',
			bounceType: 'hard',
			reason: '550 5.1.1 User unknown',
			bounce: { code: 550, enhancedCode: '5.1.1', description: '550 5.1.1 User unknown' },
		});
	});

	it('Opened', () => {
		expect(normalizeOne(legacy('Opened', { ip: '198.51.100.31', user_agent: 'Mozilla/5.0 (iPhone)' }))).toEqual({
			...legacyCommon,
			...none,
			event: 'open',
			providerEvent: 'Opened',
			open: { ip: '198.51.100.31', userAgent: 'Mozilla/5.0 (iPhone)', timestamp: '2023-08-07T14:21:12.000Z' },
		});
	});

	it('Clicked', () => {
		expect(
			normalizeOne(legacy('Clicked', { url: 'https://example.com/track', ip: '198.51.100.32', user_agent: 'UA' })),
		).toEqual({
			...legacyCommon,
			...none,
			event: 'click',
			providerEvent: 'Clicked',
			click: { url: 'https://example.com/track', ip: '198.51.100.32', userAgent: 'UA', timestamp: '2023-08-07T14:21:12.000Z' },
		});
	});

	it('reads names in any case and prefers a message_id over trans_id', () => {
		expect(normalizeOne(legacy('BOUNCED', { message_id: '<m@x>' }))).toMatchObject({
			event: 'bounce',
			providerEvent: 'BOUNCED',
			messageId: '<m@x>',
		});
	});

	it('an unknown name keeps it; a missing one is null', () => {
		expect(normalizeOne(legacy('Complained'))).toMatchObject({ event: 'unknown', providerEvent: 'Complained' });
		expect(normalizeOne({ event: { event_id: '1' } })).toMatchObject({ event: 'unknown', providerEvent: null });
	});
});

describe('normalizeEverlyticEvent, ids', () => {
	it('numbers the entries of a delivery that holds several', () => {
		const body = {
			id: 'd-1',
			type: 'sent',
			timestamp: TIMESTAMP,
			data: [standardEntry(), standardEntry({ recipient: { email: 'b@example.com' } })],
		};
		const events = parseEverlyticDelivery({ body });
		const normalized = events.map((event) => normalizeEverlyticEvent(event));
		expect(normalized.map((event) => [event.id, event.recipient])).toEqual([
			['d-1:0', 'jane.doe@example.com'],
			['d-1:1', 'b@example.com'],
		]);
		// each raw event shows only its own entry, and no index field leaks into it
		expect((events[1].data as unknown[])[0]).toBe(body.data[1]);
		expect(Object.keys(events[1])).toEqual(['id', 'type', 'timestamp', 'data']);
		expect(JSON.parse(JSON.stringify(events[1]))).toEqual({ ...body, data: [body.data[1]] });
	});

	it('hashes an event without an id, stably', () => {
		const body = { type: 'sent', timestamp: TIMESTAMP, data: [standardEntry()] };
		const first = normalizeOne(body).id;
		expect(first).toMatch(/^[A-Za-z0-9_-]{27}$/);
		expect(normalizeOne(JSON.parse(JSON.stringify(body))).id).toBe(first);
		expect(normalizeOne({ ...body, type: 'delivered' }).id).not.toBe(first);
	});

	it('keeps the delivery as raw, by reference, when asked', () => {
		const body = standard('sent');
		const [event] = parseEverlyticDelivery({ body });
		expect(event).toBe(body);
		expect(normalizeEverlyticEvent(event, { includeRaw: true }).raw).toBe(body);
		expect(Object.keys(normalizeEverlyticEvent(event))).toEqual(NORMALIZED_EVENT_FIELDS.filter((f) => f !== 'raw'));
	});
});

describe('everlyticSubscriptionOf / everlyticEventNameOf', () => {
	it('maps every standard name to itself and every legacy name to its standard one', () => {
		for (const name of EVERLYTIC_SUBSCRIPTION_EVENTS) expect(everlyticSubscriptionOf(name)).toBe(name);
		expect(
			['Sent', 'Delivered', 'Failed', 'Bounced', 'Opened', 'Clicked', 'Unsubscribe', 'Resubscribed'].map(
				everlyticSubscriptionOf,
			),
		).toEqual(['sent', 'delivered', 'failed', 'bounce', 'open', 'click', 'unsubscribe', 'resubscribe']);
	});

	it('maps anything else to undefined', () => {
		for (const other of ['spam', '', undefined, null, 1]) expect(everlyticSubscriptionOf(other)).toBeUndefined();
	});

	it('reads the raw name from either field set', () => {
		expect(everlyticEventNameOf(standard('open'))).toBe('open');
		expect(everlyticEventNameOf(legacy('Opened'))).toBe('Opened');
		expect(everlyticEventNameOf({ event_type: 'Clicked' })).toBe('Clicked');
		expect(everlyticEventNameOf({})).toBeNull();
	});
});

/** What n8n's form parser (querystring) makes of a form body. */
function asN8nForm(text: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(text));
}
function form(fields: Record<string, string>): string {
	return new URLSearchParams(fields).toString();
}

describe('parseEverlyticDelivery: accepted shapes', () => {
	const sent = standard('sent');
	const bounced = legacy('Bounced', { reason: '550 User unknown' });

	it('a JSON object, returned by reference', () => {
		expect(parseEverlyticDelivery({ body: sent })[0]).toBe(sent);
		expect(parseEverlyticDelivery({ body: bounced })[0]).toBe(bounced);
	});

	it('an array of deliveries in either field set', () => {
		const events = parseEverlyticDelivery({ body: [sent, bounced] });
		expect(events.map(everlyticEventNameOf)).toEqual(['sent', 'Bounced']);
	});

	it.each(['data', 'event', 'payload', 'only_field'])('a form field %s holding the JSON', (field) => {
		for (const delivery of [sent, bounced]) {
			const text = form({ [field]: JSON.stringify(delivery) });
			const events = parseEverlyticDelivery({
				body: asN8nForm(text),
				rawBody: Buffer.from(text),
				contentType: 'application/x-www-form-urlencoded',
			});
			expect(events).toEqual([delivery]);
		}
	});

	it('a form field holding the legacy inner event object', () => {
		const inner = bounced.event as Record<string, unknown>;
		const [event] = parseEverlyticDelivery({ body: { event: JSON.stringify(inner) } });
		expect(normalizeEverlyticEvent(event)).toMatchObject({ event: 'bounce', id: '40012345', reason: '550 User unknown' });
	});

	it('form fields beside JSON-encoded objects (id=..&type=..&data=[...])', () => {
		const delivery = standard('bounce', { bounce: { type: 'soft', reason: '452 4.2.2 Mailbox full' } });
		const fields: Record<string, string> = {};
		for (const [name, value] of Object.entries(delivery)) {
			fields[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
		}
		const [event] = parseEverlyticDelivery({ body: asN8nForm(form(fields)) });
		expect(event).toEqual(delivery);
		expect(normalizeEverlyticEvent(event)).toEqual(normalizeEverlyticEvent(delivery));
		const legacyFields = { event_type: 'Sent', event_id: '5', custom_headers: '{"X-Order-Id":"A-1"}' };
		const [flatLegacy] = parseEverlyticDelivery({ body: asN8nForm(form(legacyFields)) });
		expect(flatLegacy.custom_headers).toEqual({ 'X-Order-Id': 'A-1' });
		// a text field that merely starts with a bracket stays text
		const [odd] = parseEverlyticDelivery({ body: { type: 'sent', subject: '[URGENT] hello', data: '[]' } });
		expect(odd).toEqual({ type: 'sent', subject: '[URGENT] hello', data: [] });
		// and a JSON field named __proto__ is not decoded into the prototype
		const [safe] = parseEverlyticDelivery({ body: JSON.parse('{"type":"sent","__proto__":"{\\"polluted\\":1}"}') });
		expect((safe as { polluted?: unknown }).polluted).toBeUndefined();
	});

	it('flat legacy form fields', () => {
		const text = form({ event_id: '9', event_type: 'Clicked', email_to: 'a@example.com', url: 'https://x.example/' });
		const [event] = parseEverlyticDelivery({ body: asN8nForm(text) });
		expect(normalizeEverlyticEvent(event)).toMatchObject({
			event: 'click',
			id: '9',
			recipient: 'a@example.com',
			click: { url: 'https://x.example/' },
		});
	});

	it('bracketed legacy form fields, as n8n leaves them or nested as qs makes them', () => {
		const text = form({
			'event[event_id]': '9',
			'event[event_type]': 'Opened',
			'event[email_to]': 'a@example.com',
			'event[custom_headers][X-Order-Id]': 'A-1',
		});
		const [flat] = parseEverlyticDelivery({ body: asN8nForm(text) });
		expect(flat).toEqual({
			event: { event_id: '9', event_type: 'Opened', email_to: 'a@example.com', custom_headers: { 'X-Order-Id': 'A-1' } },
		});
		expect(normalizeEverlyticEvent(flat)).toMatchObject({ event: 'open', id: '9', recipient: 'a@example.com' });
		const [nested] = parseEverlyticDelivery({ body: flat });
		expect(nested).toBe(flat);
	});

	it('bracketed standard form fields with several entries', () => {
		const text = form({
			id: 'd-2',
			type: 'delivered',
			timestamp: TIMESTAMP,
			'data[0][recipient][email]': 'a@example.com',
			'data[1][recipient][email]': 'b@example.com',
		});
		const normalized = parseEverlyticDelivery({ body: asN8nForm(text) }).map((event) => normalizeEverlyticEvent(event));
		expect(normalized.map((event) => [event.id, event.event, event.recipient])).toEqual([
			['d-2:0', 'delivered', 'a@example.com'],
			['d-2:1', 'delivered', 'b@example.com'],
		]);
	});

	it('ignores bracketed names that reach the object prototype', () => {
		const body = { '__proto__[polluted]': 'yes', 'event[event_type]': 'Sent', 'event[constructor][x]': '1' };
		const [event] = parseEverlyticDelivery({ body });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(event).toEqual({ event: { event_type: 'Sent' } });
	});

	it('the raw bytes when n8n parsed nothing', () => {
		expect(parseEverlyticDelivery({ body: {}, rawBody: Buffer.from(JSON.stringify(sent)) })).toEqual([sent]);
		expect(parseEverlyticDelivery({ body: undefined, rawBody: JSON.stringify([sent]) })).toEqual([sent]);
		expect(parseEverlyticDelivery({ body: JSON.stringify(sent), contentType: 'text/plain' })).toEqual([sent]);
	});

	it('raw JSON posted with a form content type (one field name, empty value)', () => {
		expect(parseEverlyticDelivery({ body: { [JSON.stringify(sent)]: '' } })).toEqual([sent]);
		// the form parser turned '+' into a space: the bytes keep it
		const plus = { ...sent, id: 'a+b' };
		const text = JSON.stringify(plus);
		const mangled = asN8nForm(text);
		expect(Object.keys(mangled)).toHaveLength(1);
		expect(
			parseEverlyticDelivery({ body: mangled, rawBody: Buffer.from(text), contentType: 'application/x-www-form-urlencoded' }),
		).toEqual([plus]);
	});

	it('a lone data object instead of an array', () => {
		const entry = standardEntry();
		const [event] = parseEverlyticDelivery({ body: { id: 'd', type: 'sent', timestamp: TIMESTAMP, data: entry } });
		expect(normalizeEverlyticEvent(event)).toMatchObject({ id: 'd', recipient: 'jane.doe@example.com' });
	});

	it('an envelope without data is still one event', () => {
		const events = parseEverlyticDelivery({ body: { id: 'd', type: 'unsubscribe', timestamp: TIMESTAMP } });
		expect(events.map((event) => normalizeEverlyticEvent(event))).toMatchObject([
			{ id: 'd', event: 'unsubscribe', recipient: null, messageId: null },
		]);
	});
});

describe('parseEverlyticDelivery: pings', () => {
	it.each<[string, EverlyticDeliveryInput]>([
		['an empty object', { body: {} }],
		['an empty array', { body: [] }],
		['no body', { body: undefined }],
		['null', { body: null }],
		['white-space text', { body: ' ' }],
		['empty bytes', { body: {}, rawBody: Buffer.alloc(0) }],
		['an empty form field', { body: { data: '' } }],
	])('%s → no events', (_name, input) => {
		expect(parseEverlyticDelivery(input)).toEqual([]);
	});
});

describe('parseEverlyticDelivery: malformed bodies', () => {
	const NOT_EVENTS =
		'Body is not an Everlytic webhook event: expected {type, data: [...]} (standard) or {event: {...}} (legacy)';

	it.each<[string, EverlyticDeliveryInput, string]>([
		['text that is not JSON', { body: 'hello' }, 'Body is neither JSON nor form fields'],
		['broken JSON', { body: '{"type":' }, 'Body is not valid JSON'],
		['an object of something else', { body: { status: 'ok', count: 2 } }, NOT_EVENTS],
		['a form field holding garbage', { body: { payload: 'garbage' } }, 'Body is neither JSON nor form fields'],
		['an array of numbers', { body: [1] }, 'Item 1 of 1 in the body is not an object'],
		['data entries that are not objects', { body: { type: 'sent', data: ['x'] } }, 'data[0] of the event is not an object'],
		['a second data entry that is not an object', { body: { type: 'sent', data: [{}, 2] } }, 'data[1] of the event is not an object'],
		['a number', { body: 7 }, NOT_EVENTS],
		['JSON null text', { body: 'null' }, 'Body is neither JSON nor form fields'],
	])('%s → MalformedDeliveryError', (_name, input, message) => {
		let caught: unknown;
		try {
			parseEverlyticDelivery(input);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(MalformedDeliveryError);
		expect((caught as Error).message).toBe(message);
	});

	it('stops following JSON nested in strings after a few levels', () => {
		let text = JSON.stringify(standard('sent'));
		for (let i = 0; i < 6; i++) text = JSON.stringify(text);
		expect(() => parseEverlyticDelivery({ body: text })).toThrow(MalformedDeliveryError);
	});
});

// Type-level: a raw event is a plain record, usable as an n8n item's json.
const _typeCheck: EverlyticRawEvent = {};
void _typeCheck;
