// Tests of the Everlytic emulator: Basic auth, the documented bodies, paging via links.next,
// validation, each quirk switch, faults, and deliveries in both field sets and content types.
import { request } from 'undici';
import {
	DEFAULT_EVERLYTIC_QUIRKS,
	EVERLYTIC_EVENT_TYPES,
	EverlyticEmulator,
	makeEverlyticLegacyEvent,
	makeEverlyticStandardEvent,
} from './everlytic';
import { RecordingReceiver } from './recordingReceiver';

const USER = 'api-user';
const KEY = 'api-key-123';
const AUTH = `Basic ${Buffer.from(`${USER}:${KEY}`).toString('base64')}`;

let everlytic: EverlyticEmulator;
let receiver: RecordingReceiver;

async function call(method: string, pathOrUrl: string, body?: unknown, authorization: string | null = AUTH) {
	const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${everlytic.baseUrl}${pathOrUrl}`;
	const headers: Record<string, string> = {};
	if (authorization !== null) headers.authorization = authorization;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await request(url, {
		method: method as 'GET',
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.body.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.statusCode, text, json };
}

function webhookBody(overrides: Record<string, unknown> = {}) {
	return {
		url: receiver.url(),
		verb: 'post',
		event_types: ['bounce', 'open'],
		auth_type: 'basic',
		auth_details: { username: 'hook-user', password: 'hook-pass' },
		content_type: 'application/json',
		field_set: 'standard',
		status: 'enabled',
		settings: { include_html: false },
		...overrides,
	};
}

const LOGIN_REQUIRED = {
	code: 401,
	message: 'Login Required',
	error: {
		errors: [
			{ domain: 'global', reason: 'required', message: 'Login Required', locationType: 'request', location: 'authorization' },
		],
	},
};

const NOT_FOUND = {
	code: 412,
	message: 'Webhook not found',
	error: {
		errors: [{ domain: 'global', reason: 'invalid', message: 'Webhook not found', locationType: 'request', location: 'default' }],
	},
};

beforeAll(async () => {
	receiver = await RecordingReceiver.start();
	everlytic = await EverlyticEmulator.start({ username: USER, apiKey: KEY });
});

afterAll(async () => {
	await everlytic.close();
	await receiver.close();
});

beforeEach(() => {
	everlytic.webhooks = [];
	everlytic.quirks = { ...DEFAULT_EVERLYTIC_QUIRKS };
	everlytic.pageSize = 2;
	everlytic.clearRequests();
	everlytic.clearFaults();
	receiver.received.length = 0;
	receiver.reply = { status: 200, body: 'ok' };
});

describe('authentication', () => {
	it('has the documented base URL', () => {
		expect(everlytic.baseUrl).toBe(`http://127.0.0.1:${everlytic.port}/transactional/email/v1`);
	});

	it.each([
		['missing', null],
		['wrong key', `Basic ${Buffer.from(`${USER}:nope`).toString('base64')}`],
		['not Basic', 'Bearer abc'],
	])('answers 401 Login Required when credentials are %s', async (_label, authorization) => {
		const result = await call('GET', '/webhooks', undefined, authorization);
		expect(result.status).toBe(401);
		expect(result.json).toEqual(LOGIN_REQUIRED);
	});
});

describe('webhooks', () => {
	it('creates a webhook and answers {webhook:{...}} by default, hiding auth_details and stringifying settings', async () => {
		const created = await call('POST', '/webhooks', webhookBody({ settings: { include_html: true } }));
		expect(created.status).toBe(200);
		const view = created.json.webhook;
		expect(view).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			url: receiver.url(),
			verb: 'post',
			auth_details: null,
			auth_type: 'basic',
			status: 'enabled',
			settings: '{"include_html":true}',
			content_type: 'application/json',
			field_set: 'standard',
			updated_timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
			created_timestamp: expect.stringMatching(/\.000Z$/),
			event_types: ['bounce', 'open'],
		});
		expect(everlytic.findWebhook(view.id)!.auth_details).toEqual({ username: 'hook-user', password: 'hook-pass' });
		const fetched = await call('GET', `/webhooks/${view.id}`);
		expect(fetched.json).toEqual({ webhook: view });
	});

	it.each([
		['id', (json: any) => json.id],
		['data', (json: any) => json.data.id],
	] as const)('createResponse "%s" puts the id there', async (createResponse, readId) => {
		everlytic.setQuirks({ createResponse });
		const created = await call('POST', '/webhooks', webhookBody());
		expect(readId(created.json)).toBe(everlytic.webhooks[0].id);
	});

	it('createResponse "empty" answers {} and createHttpStatus changes the status', async () => {
		everlytic.setQuirks({ createResponse: 'empty', createHttpStatus: 201 });
		const created = await call('POST', '/webhooks', webhookBody());
		expect(created.status).toBe(201);
		expect(created.json).toEqual({});
		expect(everlytic.webhooks).toHaveLength(1);
	});

	it('answers the documented "Webhook not found" with 412, or 400 when asked', async () => {
		const missing = await call('GET', '/webhooks/07a64775-ec55-40aa-b32b-7969cbf28b6a');
		expect(missing.status).toBe(412);
		expect(missing.json).toEqual(NOT_FOUND);
		everlytic.setQuirks({ notFoundHttpStatus: 400 });
		const again = await call('PUT', '/webhooks/nope', webhookBody());
		expect(again.status).toBe(400);
		expect(again.json).toEqual(NOT_FOUND);
	});

	it('lists across pages by following links.next, with meta and absolute links', async () => {
		for (let i = 0; i < 7; i++) everlytic.seedWebhook({ url: receiver.url(`/h${i}`) });
		const seen: string[] = [];
		const pages: any[] = [];
		let next: string | null = '/webhooks';
		while (next) {
			const page = await call('GET', next);
			expect(page.status).toBe(200);
			pages.push(page.json);
			seen.push(...page.json.data.map((webhook: { url: string }) => webhook.url));
			next = page.json.links.next;
		}
		expect(pages).toHaveLength(4);
		expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => receiver.url(`/h${i}`)));
		expect(pages[0].type).toBe('webhook');
		expect(pages[0].meta).toEqual({ total: 7, per_page: 2, current_page: 1, last_page: 4, from: 1, to: 2 });
		expect(pages[3].meta).toEqual({ total: 7, per_page: 2, current_page: 4, last_page: 4, from: 7, to: 7 });
		expect(pages[0].links).toEqual({
			first: `${everlytic.baseUrl}/webhooks?page=1`,
			last: `${everlytic.baseUrl}/webhooks?page=4`,
			prev: null,
			next: `${everlytic.baseUrl}/webhooks?page=2`,
		});
		expect(pages[3].links.prev).toBe(`${everlytic.baseUrl}/webhooks?page=3`);
		expect(pages[1].data[0]).toEqual(expect.objectContaining({ auth_details: null, settings: '{"include_html":false}' }));
	});

	it('lists an empty account as one empty page', async () => {
		const page = await call('GET', '/webhooks');
		expect(page.json.data).toEqual([]);
		expect(page.json.meta).toEqual(expect.objectContaining({ total: 0, last_page: 1, from: null, to: null }));
		expect(page.json.links.next).toBeNull();
	});

	it.each([
		[{ url: undefined }, 'required', 'url'],
		[{ url: 'mailto:x@example.com' }, 'invalid', 'url'],
		[{ verb: 'head' }, 'invalid', 'verb'],
		[{ event_types: [] }, 'required', 'event_types'],
		[{ event_types: ['bounce', 'complaint'] }, 'invalid', 'complaint'],
		[{ auth_details: { username: 'only-user' } }, 'required', 'auth_details'],
		[{ auth_details: { password: 'only-pass' } }, 'required', 'auth_details'],
		[{ content_type: 'text/plain' }, 'invalid', 'content_type'],
		[{ field_set: 'fancy' }, 'invalid', 'field_set'],
		[{ status: 'paused' }, 'invalid', 'status'],
	])('refuses %j with 412 webhookValidation', async (overrides, reason, mentioned) => {
		const result = await call('POST', '/webhooks', webhookBody(overrides));
		expect(result.status).toBe(412);
		expect(result.json.code).toBe(412);
		expect(result.json.error.errors).toEqual([
			expect.objectContaining({ domain: 'global', reason, locationType: 'body', location: 'webhookValidation' }),
		]);
		expect(result.json.message).toContain(mentioned);
		expect(everlytic.webhooks).toHaveLength(0);
	});

	it('accepts auth_details with neither username nor password, and settings echoed back as a string', async () => {
		const created = await call('POST', '/webhooks', webhookBody({ auth_details: null, settings: '{"include_html":true}' }));
		expect(created.status).toBe(200);
		expect(everlytic.webhooks[0]).toEqual(expect.objectContaining({ auth_details: null, settings: { include_html: true } }));
	});

	it('answers 400 for a body that is not JSON', async () => {
		const result = await call('POST', '/webhooks', '{oops');
		expect(result.status).toBe(400);
		expect(result.json.error.errors[0].message).toBe('The request body was formatted improperly');
	});

	it('PUT replaces the whole webhook: omitted fields take their defaults', async () => {
		const created = await call('POST', '/webhooks', webhookBody({ content_type: 'application/x-www-form-urlencoded', status: 'disabled' }));
		const id = created.json.webhook.id;
		const replaced = await call('PUT', `/webhooks/${id}`, { url: receiver.url('/new'), verb: 'put', event_types: ['click'] });
		expect(replaced.status).toBe(200);
		expect(replaced.json.webhook).toEqual(
			expect.objectContaining({ id, url: receiver.url('/new'), verb: 'put', status: 'enabled', content_type: 'application/json', event_types: ['click'] }),
		);
		expect(everlytic.findWebhook(id)!.auth_details).toBeNull();
	});

	it('DELETE answers {"status":true}, then {"status":false} when nothing is left', async () => {
		const { id } = everlytic.seedWebhook({ url: receiver.url() });
		const first = await call('DELETE', `/webhooks/${id}`);
		expect(first).toEqual(expect.objectContaining({ status: 200, json: { status: true } }));
		const second = await call('DELETE', `/webhooks/${id}`);
		expect(second).toEqual(expect.objectContaining({ status: 200, json: { status: false } }));
	});

	it('records failed-delivery reprocessing', async () => {
		const result = await call('GET', '/webhooks/failed/reprocess');
		expect(result.status).toBe(200);
		expect(result.json).toEqual({ status: true });
		expect(everlytic.reprocessCalls).toBe(1);
		expect(everlytic.requestsTo('/webhooks/failed/reprocess')).toHaveLength(1);
	});

	it('answers 404 for unknown paths and 405 for unknown methods', async () => {
		expect((await call('GET', '/templates')).status).toBe(404);
		expect((await call('PATCH', '/webhooks')).status).toBe(405);
	});
});

describe('faults', () => {
	it('answers 429 with a usageLimit error body by default, on the matching path only', async () => {
		everlytic.injectFault({ status: 429, headers: { 'Retry-After': '0' } }, { path: '/webhooks' });
		const limited = await call('GET', '/webhooks');
		expect(limited.status).toBe(429);
		expect(limited.json.error.errors[0]).toEqual(expect.objectContaining({ domain: 'usageLimit', reason: 'RequestLimit' }));
		expect((await call('GET', '/webhooks')).status).toBe(200);
	});

	it('truncates JSON and resets connections', async () => {
		everlytic.injectFault({ malformedJson: true });
		everlytic.injectFault({ reset: true });
		const garbled = await call('GET', '/webhooks');
		expect(garbled.status).toBe(200);
		expect(garbled.json).toBeUndefined();
		await expect(call('GET', '/webhooks')).rejects.toThrow();
		expect(everlytic.requests.map((r) => r.fault)).toEqual([{ malformedJson: true }, { reset: true }]);
	});
});

describe('deliveries', () => {
	const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

	it('posts a standard JSON event with the webhook Basic credentials', async () => {
		const webhook = everlytic.seedWebhook({
			url: receiver.url('/e'),
			auth_details: { username: 'hook-user', password: 'hook-pass' },
		});
		const event = makeEverlyticStandardEvent('bounce');
		const response = await everlytic.deliver(webhook.id, event);
		expect(response.status).toBe(200);
		const [received] = receiver.received;
		expect(received.method).toBe('POST');
		expect(received.headers.authorization).toBe(basic('hook-user', 'hook-pass'));
		expect(received.headers['content-type']).toBe('application/json');
		expect(JSON.parse(received.rawBody)).toEqual(event);
	});

	it('sends one request per event, with no auth or other credentials on request, using the verb', async () => {
		const webhook = everlytic.seedWebhook({ url: receiver.url(), verb: 'put', auth_details: { username: 'u', password: 'p' } });
		const responses = await everlytic.deliver(webhook.id, [makeEverlyticStandardEvent('open'), makeEverlyticStandardEvent('click')], {
			auth: 'none',
		});
		expect(responses.map((r) => r.status)).toEqual([200, 200]);
		await everlytic.deliver(webhook.id, makeEverlyticStandardEvent('sent'), { auth: { username: 'x', password: 'y' } });
		expect(receiver.received.map((r) => [r.method, r.headers.authorization])).toEqual([
			['PUT', undefined],
			['PUT', undefined],
			['PUT', basic('x', 'y')],
		]);
	});

	it('form-encodes with PHP brackets by default, or one JSON field per top-level key', async () => {
		const webhook = everlytic.seedWebhook({ url: receiver.url(), content_type: 'application/x-www-form-urlencoded', field_set: 'legacy' });
		const legacy = makeEverlyticLegacyEvent('bounce', { trans_id: '42' });
		await everlytic.deliver(webhook.id, legacy);
		await everlytic.deliver(webhook.id, legacy, { formEncoding: 'json-field' });
		const [brackets, jsonField] = receiver.received;
		expect(brackets.headers['content-type']).toBe('application/x-www-form-urlencoded');
		const params = new URLSearchParams(brackets.rawBody);
		expect(params.get('event[event_type]')).toBe('Bounced');
		expect(params.get('event[trans_id]')).toBe('42');
		expect(params.get('event[custom_headers][X-Order-Id]')).toBe('A-1001');
		expect(JSON.parse(new URLSearchParams(jsonField.rawBody).get('event')!)).toEqual(legacy.event);

		const standard = makeEverlyticStandardEvent('click');
		await everlytic.deliver(webhook.id, standard);
		const nested = new URLSearchParams(receiver.received[2].rawBody);
		expect(nested.get('data[0][transaction][message_id]')).toBe(standard.data[0].transaction.message_id);
		expect(nested.get('type')).toBe('click');
	});

	it('puts a GET delivery in the query string', async () => {
		const webhook = everlytic.seedWebhook({ url: receiver.url('/g'), verb: 'get' });
		await everlytic.deliver(webhook.id, makeEverlyticLegacyEvent('open'));
		const [received] = receiver.received;
		expect(received.method).toBe('GET');
		expect(received.rawBody).toBe('');
		expect(new URLSearchParams(received.url.split('?')[1]).get('event[event_type]')).toBe('Opened');
	});

	it('publish sends each enabled subscriber an event in its field set', async () => {
		const standard = everlytic.seedWebhook({ url: receiver.url('/std'), event_types: ['bounce'] });
		const legacy = everlytic.seedWebhook({ url: receiver.url('/legacy'), event_types: ['bounce', 'sent'], field_set: 'legacy' });
		everlytic.seedWebhook({ url: receiver.url('/off'), event_types: ['bounce'], status: 'disabled' });
		everlytic.seedWebhook({ url: receiver.url('/opens'), event_types: ['open'] });
		const results = await everlytic.publish('bounce');
		expect(results.map((r) => r.webhookId)).toEqual([standard.id, legacy.id]);
		expect(JSON.parse(receiver.received[0].rawBody).type).toBe('bounce');
		expect(JSON.parse(receiver.received[1].rawBody).event.event_type).toBe('Bounced');
	});

	it('includes html in legacy sent events when include_html is on', async () => {
		everlytic.seedWebhook({ url: receiver.url(), event_types: ['sent'], field_set: 'legacy', settings: { include_html: true } });
		await everlytic.publish('sent');
		expect(JSON.parse(receiver.received[0].rawBody).event.html).toContain('<p>');
	});
});

describe('event generators', () => {
	it.each(EVERLYTIC_EVENT_TYPES)('standard "%s" has the published envelope', (type) => {
		const event = makeEverlyticStandardEvent(type, { recipient: { email: 'x@example.com' } });
		expect(event).toEqual({
			id: expect.any(String),
			type,
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
			data: [
				expect.objectContaining({
					transaction: expect.objectContaining({
						id: expect.any(String),
						message_id: expect.any(String),
						method: expect.any(String),
						group: { id: expect.any(String), name: expect.any(String) },
						sent_timestamp: expect.any(String),
						subject: expect.any(String),
						message_size_bytes: expect.any(Number),
					}),
					recipient: { name: 'Jane Doe', email: 'x@example.com' },
				}),
			],
		});
	});

	it.each([
		['sent', 'Sent'],
		['delivered', 'Delivered'],
		['failed', 'Failed'],
		['open', 'Opened'],
		['click', 'Clicked'],
		['bounce', 'Bounced'],
		['unsubscribe', 'Unsubscribe'],
		['resubscribe', 'Resubscribe'],
	])('legacy "%s" is named %s with the published fields', (type, name) => {
		const { event } = makeEverlyticLegacyEvent(type);
		expect(event.event_type).toBe(name);
		for (const field of ['event_id', 'event_date', 'email_to', 'group_name', 'custom_headers', 'trans_id']) {
			expect(event).toHaveProperty(field);
		}
	});

	it('carries the guessed bounce and click details', () => {
		expect(makeEverlyticStandardEvent('bounce').data[0].bounce).toEqual(expect.objectContaining({ type: 'hard' }));
		expect(makeEverlyticStandardEvent('click').data[0].click).toEqual(expect.objectContaining({ url: expect.any(String) }));
		expect(makeEverlyticLegacyEvent('click').event.url).toEqual(expect.any(String));
	});
});
