// Every event of the TES webhook doc's sample delivery (copied verbatim from
// the Sarv reference's webhook page; SendClean's holds the same bytes; docs/providers.md),
// normalized for both brands and checked field by field.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NORMALIZED_EVENT_FIELDS, type NormalizedEvent } from '../../nodes/shared/NormalizedEvent';
import { normalizeTesEvent, type TesProvider } from '../../nodes/Tes/delivery/normalizeTesEvent';
import { parseFeedbackReport } from '../../nodes/Tes/delivery/parseFeedbackReport';
import { TES_SUBSCRIPTION_EVENTS, tesSubscriptionOf } from '../../nodes/Tes/events';
import { parseTesDelivery, type TesRawEvent } from '../../nodes/Tes/delivery/parseTesDelivery';

const DOC_DELIVERY_TEXT = readFileSync(join(__dirname, 'fixtures', 'tes-doc-delivery.json'), 'utf8');
function docEvents(): TesRawEvent[] {
	return JSON.parse(DOC_DELIVERY_TEXT) as TesRawEvent[];
}

const MESSAGE_ID = '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1';
const UNIQUE_ID_A = '6f708632d96fe1cb0cb15eccc2676323b2615d5309a7896cf002c54d1a6ea4785';
const UNIQUE_ID_B = '5H708632d96ty7ub0cb15eccc2676323b2615d87879a7896cf002c54d1a6ea4893';

type Expected = Omit<NormalizedEvent, 'provider' | 'id' | 'raw'>;
const nothing = {
	bounceType: null,
	recipient: null,
	recipientSource: null,
	recipientMissingReason: 'not in the event',
	reason: null,
	bounce: null,
	open: null,
	click: null,
	complaint: null,
};

// In the doc's order: hard_bounce, soft_bounce, send, delivered, click, open, spam.
const EXPECTED: Expected[] = [
	{
		...nothing,
		event: 'bounce',
		bounceType: 'hard',
		providerEvent: 'hard_bounce',
		messageId: UNIQUE_ID_A,
		timestamp: '2016-06-14T07:50:56.000Z',
		reason: 'Requested action not taken: mailbox unavailable',
		bounce: { code: 550, enhancedCode: '5.2.2', description: 'Requested action not taken: mailbox unavailable' },
	},
	{
		...nothing,
		event: 'bounce',
		bounceType: 'soft',
		providerEvent: 'soft_bounce',
		messageId: UNIQUE_ID_B,
		timestamp: '2016-06-14T07:50:56.000Z',
		reason: 'smtp; 552 5.2.2 Over quota',
		bounce: { code: 472, enhancedCode: '4.2.2', description: 'smtp; 552 5.2.2 Over quota' },
	},
	{ ...nothing, event: 'sent', providerEvent: 'send', messageId: UNIQUE_ID_B, timestamp: '2016-06-14T07:50:56.000Z' },
	{
		...nothing,
		event: 'delivered',
		providerEvent: 'delivered',
		messageId: UNIQUE_ID_B,
		timestamp: '2016-06-14T07:50:56.000Z',
	},
	{
		...nothing,
		event: 'click',
		providerEvent: 'click',
		// x_unique_id is "" here: the message's _id stands in.
		messageId: MESSAGE_ID,
		timestamp: '2016-06-15T10:56:23.000Z',
		click: {
			url: 'http://example.com/',
			ip: '0.0.0.0',
			userAgent:
				'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/47.0.2526.73 Safari/537.36',
			// the click's own clickTs, not the event's ts
			timestamp: '2016-06-15T10:58:34.000Z',
		},
	},
	{
		...nothing,
		event: 'open',
		providerEvent: 'open',
		messageId: MESSAGE_ID,
		timestamp: '2016-06-15T10:58:34.000Z',
		open: {
			ip: '0.0.0.0',
			userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
			timestamp: '2016-06-15T10:58:34.000Z',
		},
	},
	{
		...nothing,
		event: 'complaint',
		providerEvent: 'spam',
		messageId: UNIQUE_ID_B,
		recipient: 'b0df23337efdcda913f1e8888014812b@example.com',
		recipientSource: 'report',
		recipientMissingReason: null,
		timestamp: '2016-06-14T07:50:56.000Z',
		complaint: {
			feedbackType: 'abuse',
			originalRecipient: 'b0df23337efdcda913f1e8888014812b@example.com',
			reportedDomain: 'example.org',
			sourceIp: '0.0.0.0',
			userAgent: 'ReturnPathFBL/2.0',
			arrivalDate: '2016-06-14T07:50:56.000Z',
		},
	},
];

describe.each<TesProvider>(['sarv', 'sendclean'])('normalizeTesEvent, doc sample delivery, %s', (provider) => {
	const events = parseTesDelivery({ body: docEvents() });

	it('parses the seven documented events in order', () => {
		expect(events.map((event) => event.event)).toEqual([
			'hard_bounce',
			'soft_bounce',
			'send',
			'delivered',
			'click',
			'open',
			'spam',
		]);
	});

	it.each(EXPECTED.map((expected, index) => [expected.providerEvent, index] as const))(
		'%s normalizes field by field',
		(_name, index) => {
			const normalized = normalizeTesEvent(events[index], provider);
			const { id, ...rest } = normalized;
			expect(rest).toEqual({ provider, ...EXPECTED[index] });
			// composed from the provider's fields (tesEventId.ts): message, event, ts[, detail fingerprint]
			expect(id).toMatch(/^[^:]+:[a-z_]+:\d+(?::[A-Za-z0-9_-]{6})?$/);
			expect(Object.keys(normalized)).toEqual(NORMALIZED_EVENT_FIELDS.filter((field) => field !== 'raw'));
		},
	);

	it('gives every event of the delivery its own id although _id and x_unique_id repeat', () => {
		const ids = events.map((event) => normalizeTesEvent(event, provider).id);
		expect(new Set(ids).size).toBe(7);
	});

	it('gives the same event the same id when it is delivered again', () => {
		const again = parseTesDelivery({ body: docEvents() });
		expect(again.map((event) => normalizeTesEvent(event, provider).id)).toEqual(
			events.map((event) => normalizeTesEvent(event, provider).id),
		);
	});

	it('keeps the raw event by reference only when asked', () => {
		expect(normalizeTesEvent(events[0], provider)).not.toHaveProperty('raw');
		expect(normalizeTesEvent(events[0], provider, { includeRaw: true }).raw).toBe(events[0]);
	});
});

describe('normalizeTesEvent, beyond the doc sample', () => {
	const base = { _id: 'm1', smtp_name: 'smtp1', x_unique_id: 'u1', ts: 1465890656000, msg: {} };

	it('takes the latest open and click by time, not by position', () => {
		const open = normalizeTesEvent(
			{
				...base,
				event: 'open',
				msg: {
					opens: [
						{ openTs: 1465988400000, openIp: '10.0.0.2', openUa: 'second' },
						{ openTs: 1465988314000, openIp: '10.0.0.1', openUa: 'first' },
					],
				},
			},
			'sarv',
		);
		expect(open.open).toEqual({ ip: '10.0.0.2', userAgent: 'second', timestamp: '2016-06-15T11:00:00.000Z' });
		const click = normalizeTesEvent(
			{
				...base,
				event: 'click',
				msg: {
					clicks: [
						{ clickTs: 1465988314000, clickUrl: 'http://a.example/', clickIp: '10.0.0.1', clickUa: 'a' },
						{ clickTs: 1465988400000, clickUrl: 'http://b.example/', clickIp: '10.0.0.2', clickUa: 'b' },
					],
				},
			},
			'sendclean',
		);
		expect(click.click).toEqual({
			url: 'http://b.example/',
			ip: '10.0.0.2',
			userAgent: 'b',
			timestamp: '2016-06-15T11:00:00.000Z',
		});
	});

	it('gives an open or click without entries empty details at the event time', () => {
		expect(normalizeTesEvent({ ...base, event: 'open', msg: {} }, 'sarv').open).toEqual({
			ip: null,
			userAgent: null,
			timestamp: '2016-06-14T07:50:56.000Z',
		});
		expect(normalizeTesEvent({ ...base, event: 'click' }, 'sarv').click).toEqual({
			url: null,
			ip: null,
			userAgent: null,
			timestamp: '2016-06-14T07:50:56.000Z',
		});
	});

	it('gives opens with more entries a new id (each open event carries every open so far)', () => {
		const first = { openTs: 1465988314000, openIp: '10.0.0.1', openUa: 'ua' };
		const one = normalizeTesEvent({ ...base, event: 'open', msg: { opens: [first] } }, 'sarv');
		const two = normalizeTesEvent(
			{ ...base, event: 'open', msg: { opens: [first, { ...first, openTs: 1465988999000 }] } },
			'sarv',
		);
		expect(one.id).not.toBe(two.id);
	});

	it('tells apart events that differ only in recipient id, time or bounce text', () => {
		const bounce = { ...base, event: 'hard_bounce', msg: { bounceDesc: 'a', bounceCodeTrad: 550, bounceCodeEnh: '5.1.1' } };
		const ids = [
			bounce,
			{ ...bounce, x_unique_id: 'u2' },
			{ ...bounce, ts: base.ts + 1 },
			{ ...bounce, msg: { ...bounce.msg, bounceDesc: 'b' } },
			{ ...bounce, event: 'soft_bounce' },
		].map((event) => normalizeTesEvent(event, 'sarv').id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('reads ts given in seconds, as numeric text, or as an ISO string', () => {
		for (const ts of [1465890656, '1465890656000', '2016-06-14T07:50:56Z', '2016-06-14 07:50:56']) {
			expect(normalizeTesEvent({ ...base, event: 'send', ts }, 'sarv').timestamp).toBe('2016-06-14T07:50:56.000Z');
		}
		expect(normalizeTesEvent({ ...base, event: 'send', ts: 'yesterday' }, 'sarv').timestamp).toBeNull();
		expect(normalizeTesEvent({ ...base, event: 'send', ts: undefined }, 'sarv').timestamp).toBeNull();
	});

	it('accepts bounce codes as strings and keeps a non-numeric code out of `code`', () => {
		const event = normalizeTesEvent(
			{ ...base, event: 'hard_bounce', msg: { bounceCodeTrad: '550', bounceCodeEnh: '5.1.1', bounceDesc: '  x  ' } },
			'sarv',
		);
		expect(event.bounce).toEqual({ code: 550, enhancedCode: '5.1.1', description: 'x' });
		expect(event.reason).toBe('x');
		const odd = normalizeTesEvent({ ...base, event: 'hard_bounce', msg: { bounceCodeTrad: 'n/a' } }, 'sarv');
		expect(odd.bounce).toEqual({ code: null, enhancedCode: null, description: null });
	});

	it('maps an unknown type to event "unknown", keeping the provider name', () => {
		const event = normalizeTesEvent({ ...base, event: 'reject' }, 'sarv');
		expect(event).toMatchObject({ event: 'unknown', providerEvent: 'reject', bounceType: null, messageId: 'u1' });
		expect(normalizeTesEvent({ ...base }, 'sarv')).toMatchObject({ event: 'unknown', providerEvent: null });
	});

	it('reads event names in any case', () => {
		expect(normalizeTesEvent({ ...base, event: 'HARD_BOUNCE' }, 'sarv')).toMatchObject({
			event: 'bounce',
			bounceType: 'hard',
			providerEvent: 'HARD_BOUNCE',
		});
	});

	it('takes the recipient from a recipient-looking field when there is no complaint report', () => {
		expect(normalizeTesEvent({ ...base, event: 'send', email: 'a@example.com' }, 'sarv').recipient).toBe('a@example.com');
		expect(normalizeTesEvent({ ...base, event: 'send', msg: { email: 'b@example.com' } }, 'sarv').recipient).toBe(
			'b@example.com',
		);
		expect(normalizeTesEvent({ ...base, event: 'send', to: 'not an address' }, 'sarv').recipient).toBeNull();
	});

	it('falls back from an empty x_unique_id to _id, and to null without either', () => {
		expect(normalizeTesEvent({ ...base, x_unique_id: '', event: 'send' }, 'sarv').messageId).toBe('m1');
		expect(normalizeTesEvent({ event: 'send' }, 'sarv').messageId).toBeNull();
	});
});

describe('parseFeedbackReport', () => {
	it('reads LF-separated, folded and differently cased fields', () => {
		expect(
			parseFeedbackReport(
				'feedback-type: abuse\nUser-Agent: SomeFBL/1.0\n  (folded)\nOriginal-Rcpt-To: rfc822; <x@example.com>\n' +
					'Reported-Domain: example.net\nSource-IP: 192.0.2.1\nArrival-Date: Thu, 8 Mar 2005 14:00:00 EDT\n',
			),
		).toEqual({
			feedbackType: 'abuse',
			originalRecipient: 'x@example.com',
			reportedDomain: 'example.net',
			sourceIp: '192.0.2.1',
			userAgent: 'SomeFBL/1.0 (folded)',
			arrivalDate: '2005-03-08T18:00:00.000Z',
		});
	});

	it('keeps an arrival date it cannot read as the report wrote it', () => {
		expect(parseFeedbackReport('Arrival-Date: sometime last week\r\n').arrivalDate).toBe('sometime last week');
	});

	it('reads a field name in any case and white space the way trim() and toLowerCase() do', () => {
		// The reference: RFC 5965 names, trimmed and lower-cased in full (what the parser did
		// before it compared names in place).
		const reference: Record<string, string> = {
			'feedback-type': 'feedbackType',
			'original-rcpt-to': 'originalRecipient',
			'reported-domain': 'reportedDomain',
			'source-ip': 'sourceIp',
			'user-agent': 'userAgent',
			'arrival-date': 'arrivalDate',
			'received-date': 'arrivalDate',
		};
		const known = fc.constantFrom(...Object.keys(reference), 'abuse-type', 'original-mail-from', 'feedback_type');
		const spelled = known.chain((name) =>
			fc
				.array(fc.constantFrom('keep', 'upper', 'kelvin', 'dotted'), { minLength: name.length, maxLength: name.length })
				.map((ways) =>
					[...name]
						.map((c, i) =>
							ways[i] === 'upper' ? c.toUpperCase() : ways[i] === 'kelvin' && c === 'k' ? '\u212a' : ways[i] === 'dotted' && c === 'i' ? '\u0130' : c,
						)
						.join(''),
				),
		);
		const space = fc.constantFrom('', ' ', '\t', '  ', '\u00a0', '\v', '\r');
		fc.assert(
			fc.property(space, spelled, space, (before, name, after) => {
				const field = reference[`${before}${name}${after}`.trim().toLowerCase()];
				const complaint = parseFeedbackReport(`${before}${name}${after}: value\n`) as unknown as Record<string, unknown>;
				for (const [key, value] of Object.entries(complaint)) expect([key, value]).toEqual([key, key === field ? 'value' : null]);
			}),
			{ numRuns: 2000 },
		);
	});

	it('gives all-null fields for a missing or non-text report', () => {
		for (const report of [undefined, 42, '', 'no fields here']) {
			expect(Object.values(parseFeedbackReport(report)).every((value) => value === null)).toBe(true);
		}
	});
});

describe('tesSubscriptionOf', () => {
	it('maps each subscribable type to itself and delivered to send', () => {
		for (const name of TES_SUBSCRIPTION_EVENTS) expect(tesSubscriptionOf(name)).toBe(name);
		expect(tesSubscriptionOf('delivered')).toBe('send');
		expect(tesSubscriptionOf('Open')).toBe('open');
	});

	it('maps anything else to undefined', () => {
		for (const other of ['reject', '', undefined, null, 3, {}]) expect(tesSubscriptionOf(other)).toBeUndefined();
	});
});
