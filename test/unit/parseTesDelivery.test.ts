// Every shape a TES delivery may take (documented: a JSON array; docs/providers.md leaves open a single
// object and a form field holding the JSON), pings, and malformed bodies with their messages.
import { MalformedDeliveryError } from '../../nodes/shared/delivery/MalformedDeliveryError';
import { parseTesDelivery, type TesDeliveryInput } from '../../nodes/Tes/delivery/parseTesDelivery';

const send = { _id: 'm1', smtp_name: 's1', x_unique_id: 'u1', ts: 1465890656000, msg: {}, event: 'send' };
const open = {
	_id: 'm1',
	smtp_name: 's1',
	x_unique_id: '',
	ts: 1465988314000,
	msg: { opens: [{ openTs: 1465988314000, openIp: '0.0.0.0', openUa: 'UA & co+more' }] },
	event: 'open',
};
const batchText = JSON.stringify([send, open]);

/** What n8n's form parser (querystring) makes of a form body. */
function asN8nForm(text: string): Record<string, string | string[]> {
	const fields: Record<string, string | string[]> = {};
	for (const [name, value] of new URLSearchParams(text)) {
		const previous = fields[name];
		fields[name] = previous === undefined ? value : ([] as string[]).concat(previous, value);
	}
	return fields;
}

function malformed(input: TesDeliveryInput): MalformedDeliveryError {
	try {
		parseTesDelivery(input);
	} catch (error) {
		expect(error).toBeInstanceOf(MalformedDeliveryError);
		return error as MalformedDeliveryError;
	}
	throw new Error('expected a MalformedDeliveryError');
}

describe('parseTesDelivery: accepted shapes', () => {
	it('returns a parsed JSON array as it is, events by reference', () => {
		const body = [send, open];
		const events = parseTesDelivery({ body, contentType: 'application/json' });
		expect(events).toEqual([send, open]);
		expect(events[0]).toBe(send);
	});

	it('does not read the raw bytes when n8n parsed the body', () => {
		expect(parseTesDelivery({ body: [send], rawBody: Buffer.from('not json at all') })).toEqual([send]);
		expect(parseTesDelivery({ body: send, rawBody: Buffer.from('{{{') })).toEqual([send]);
	});

	it('takes a single event object as a delivery of one', () => {
		expect(parseTesDelivery({ body: send })).toEqual([send]);
		// recognised by its documented fields even without a type
		const untyped = { _id: 'm1', ts: 1, msg: {} };
		expect(parseTesDelivery({ body: untyped })).toEqual([untyped]);
	});

	it.each(['mandrill_events', 'events', 'data', 'payload', 'event', 'anything_else'])(
		'reads a form field %s holding the JSON array',
		(field) => {
			const form = `${field}=${encodeURIComponent(batchText)}`;
			expect(
				parseTesDelivery({
					body: asN8nForm(form),
					rawBody: Buffer.from(form),
					contentType: 'application/x-www-form-urlencoded',
				}),
			).toEqual([send, open]);
		},
	);

	it('reads mandrill_events among other form fields, and a field holding one event object', () => {
		const body = { foo: 'bar', mandrill_events: JSON.stringify(send) };
		expect(parseTesDelivery({ body })).toEqual([send]);
	});

	it('reads the raw bytes when n8n parsed nothing (unknown content type, empty object)', () => {
		expect(parseTesDelivery({ body: {}, rawBody: Buffer.from(batchText), contentType: 'text/plain' })).toEqual([
			send,
			open,
		]);
		expect(parseTesDelivery({ body: undefined, rawBody: batchText })).toEqual([send, open]);
		const form = `mandrill_events=${encodeURIComponent(batchText)}`;
		expect(parseTesDelivery({ body: undefined, rawBody: Buffer.from(form) })).toEqual([send, open]);
	});

	it('reads a text body (n8n hands text/plain over as a string)', () => {
		expect(parseTesDelivery({ body: batchText, contentType: 'text/plain' })).toEqual([send, open]);
		expect(parseTesDelivery({ body: Buffer.from(batchText) })).toEqual([send, open]);
	});

	it('reads raw JSON posted with a form content type from the bytes, not the mangled fields', () => {
		// The open's user agent holds '&' and '+', which a form parser splits and decodes.
		const mangled = asN8nForm(batchText);
		expect(Object.keys(mangled).length).toBeGreaterThan(1);
		expect(
			parseTesDelivery({
				body: mangled,
				rawBody: Buffer.from(batchText),
				contentType: 'application/x-www-form-urlencoded',
			}),
		).toEqual([send, open]);
		// Without the bytes, a body that survived as one field name is still read.
		const plain = JSON.stringify([send]);
		expect(parseTesDelivery({ body: { [plain]: '' } })).toEqual([send]);
	});

	it('follows a JSON string that holds the JSON again (double encoding)', () => {
		expect(parseTesDelivery({ body: JSON.stringify(batchText) })).toEqual([send, open]);
	});
});

describe('parseTesDelivery: pings', () => {
	it.each<[string, TesDeliveryInput]>([
		['an empty array', { body: [] }],
		['an empty object', { body: {} }],
		['no body', { body: undefined }],
		['a null body without bytes', { body: null }],
		['empty bytes', { body: {}, rawBody: Buffer.alloc(0) }],
		['white space', { body: '  \r\n' }],
		['white-space bytes', { body: undefined, rawBody: Buffer.from(' \n') }],
		['an empty JSON array as text', { body: '[]' }],
		['an empty form field', { body: { mandrill_events: '' } }],
		['a form field holding []', { body: { mandrill_events: '[]' } }],
	])('%s is a ping with no events', (_name, input) => {
		expect(parseTesDelivery(input)).toEqual([]);
	});
});

describe('parseTesDelivery: malformed bodies', () => {
	it.each<[string, TesDeliveryInput, string]>([
		['text that is not JSON', { body: 'hello there' }, 'Body is neither JSON nor a form holding JSON'],
		['broken JSON', { body: '[{"event": "send"' }, 'Body is not valid JSON'],
		['broken JSON bytes', { body: undefined, rawBody: Buffer.from('{"a":') }, 'Body is not valid JSON'],
		['an array of numbers', { body: [1, 2] }, 'Event 1 of 2 in the delivery is not a JSON object'],
		['an array holding an array', { body: [send, []] }, 'Event 2 of 2 in the delivery is not a JSON object'],
		['an array holding null', { body: [send, null, send] }, 'Event 2 of 3 in the delivery is not a JSON object'],
		[
			'JSON that is not an event',
			{ body: { status: 'ok', count: 2 } },
			'Body is not a TES delivery: expected a JSON array of events, one event object, or a form field holding them as JSON',
		],
		['a form field that is not JSON', { body: { mandrill_events: 'garbage' } }, 'Body is neither JSON nor a form holding JSON'],
		['a form field holding broken JSON', { body: { mandrill_events: '[{' } }, 'Body is not valid JSON'],
		['a single field holding a number', { body: { foo: 1 } }, 'A form field of the body does not hold JSON events'],
		['a repeated form field', { body: { mandrill_events: ['[]', '[]'] } }, 'A form field of the body appears more than once'],
		['an event whose type is not text', { body: { event: 5 } }, 'A form field of the body does not hold JSON events'],
		['JSON null', { body: 'null' }, 'Body is neither JSON nor a form holding JSON'],
		['a number', { body: 42 }, 'Body is not a TES delivery: expected a JSON array of events, one event object, or a form field holding them as JSON'],
		['JSON text holding a number', { body: undefined, rawBody: '"42"' }, 'Body is neither JSON nor a form holding JSON'],
	])('%s → MalformedDeliveryError', (_name, input, message) => {
		const error = malformed(input);
		expect(error.message).toBe(message);
		expect(error.httpStatusCode).toBe(400);
	});

	it('stops following JSON nested in strings after a few levels', () => {
		let text = batchText;
		for (let i = 0; i < 6; i++) text = JSON.stringify(text);
		expect(malformed({ body: text }).message).toMatch(/^Body is not a TES delivery/);
	});

	it('keeps the body out of the message', () => {
		const error = malformed({ body: { secret_looking_field: 'sk_live_123' , other: 1 } });
		expect(error.message).not.toContain('sk_live_123');
		expect(error.message).not.toContain('secret_looking_field');
		expect(error.message).not.toMatch(/\n\s+at /);
	});
});
