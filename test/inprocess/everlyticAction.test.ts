// The Everlytic action node runs in n8n's engine against the Everlytic emulator over HTTP: every
// operation, paging, both delete outcomes, the documented error bodies, retries and continueOnFail.
import { EverlyticApi } from '../../credentials/EverlyticApi.credentials';
import { Everlytic } from '../../nodes/Everlytic/Everlytic.node';
import { everlyticBaseUrl } from '../../nodes/Everlytic/transport/everlyticApiRequest';
import { EverlyticEmulator } from '../emulators/everlytic';
import type { EverlyticQuirks } from '../emulators/everlytic';
import type { EmulatorReply, RecordedRequest } from '../emulators/httpEmulator';
import { executeNode, testCredential } from '../harness';

const USERNAME = 'acme-user';
const API_KEY = 'key-SECRET-never-shown';

let everlytic: EverlyticEmulator;

beforeAll(async () => {
	everlytic = await EverlyticEmulator.start({ username: USERNAME, apiKey: API_KEY, pageSize: 2 });
});
afterAll(async () => {
	await everlytic.close();
});
beforeEach(() => {
	// Drops a failNextPut override: the prototype's handler answers again.
	delete (everlytic as unknown as Record<string, unknown>).handle;
	everlytic.webhooks = [];
	everlytic.reprocessCalls = 0;
	everlytic.pageSize = 2;
	everlytic.clearRequests();
	everlytic.clearFaults();
	everlytic.setQuirks({ createResponse: 'webhook', createHttpStatus: 200, notFoundHttpStatus: 412 });
});

const credentialData = (apiKey = API_KEY) => ({ username: USERNAME, apiKey, baseUrl: everlytic.baseUrl });
const run = (
	parameters: Record<string, unknown>,
	extra: { apiKey?: string; input?: Array<{ json: object }>; continueOnFail?: boolean } = {},
) =>
	executeNode({
		nodeType: new Everlytic(),
		parameters: { resource: 'webhook', ...parameters } as never,
		credentials: { everlyticApi: credentialData(extra.apiKey) },
		credentialTypes: [new EverlyticApi()],
		input: extra.input as never,
		continueOnFail: extra.continueOnFail,
	});
const sent = (method: string, path: string | RegExp = /\/webhooks/) =>
	everlytic.requestsTo(path).filter((request) => request.method === method);
const listCalls = () => sent('GET', /\/webhooks(\?.*)?$/);
const url = (path: string) => `https://receiver.example.com${path}`;

describe('credential', () => {
	test('the test passes with the right API key and shows Everlytic\'s message otherwise', async () => {
		await expect(testCredential(new EverlyticApi(), credentialData())).resolves.toMatchObject({ status: 'OK' });
		const bad = await testCredential(new EverlyticApi(), credentialData('wrong-key'));
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/Login Required/);
		expect(bad.message).not.toContain('wrong-key');
		// n8n sends a request answered 401 once more (to refresh expiring credentials) before
		// giving up, so the wrong key makes two calls.
		const calls = everlytic.requestsTo('/webhooks');
		expect(calls).toHaveLength(3);
		expect(calls.every((call) => call.method === 'GET')).toBe(true);
	});

	test('HTTP Basic with username and API key goes with every call', async () => {
		await run({ operation: 'getAll', returnAll: true });
		const expected = `Basic ${Buffer.from(`${USERNAME}:${API_KEY}`).toString('base64')}`;
		expect(everlytic.requests.map((request) => request.headers.authorization)).toEqual([expected]);
	});

	test('the base URL defaults to Everlytic\'s and loses trailing slashes', () => {
		expect(everlyticBaseUrl({})).toBe('https://api.everlytic.net/transactional/email/v1');
		expect(everlyticBaseUrl({ baseUrl: 'http://127.0.0.1:9/x/v1/ ' })).toBe('http://127.0.0.1:9/x/v1');
	});
});

describe('Create', () => {
	test('registers every field given and returns the new webhook with its id and parsed settings', async () => {
		const { items, error } = await run({
			operation: 'create',
			url: url('/create'),
			eventTypes: ['bounce', 'click'],
			additionalFields: {
				verb: 'put',
				status: 'disabled',
				contentType: 'application/x-www-form-urlencoded',
				fieldSet: 'legacy',
				includeHtml: true,
				receiverAuth: { basic: { username: 'hook-user', password: 'hook-pass' } },
			},
		});
		expect(error).toBeUndefined();
		const [stored] = everlytic.webhooks;
		expect(stored).toMatchObject({
			url: url('/create'),
			verb: 'put',
			status: 'disabled',
			content_type: 'application/x-www-form-urlencoded',
			field_set: 'legacy',
			settings: { include_html: true },
			event_types: ['bounce', 'click'],
			auth_type: 'basic',
			auth_details: { username: 'hook-user', password: 'hook-pass' },
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: stored.id, url: url('/create'), settings: { include_html: true } });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('defaults to POST, enabled, JSON, the standard field set, no HTML and no receiver auth', async () => {
		const { error } = await run({ operation: 'create', url: url('/defaults') });
		expect(error).toBeUndefined();
		expect(sent('POST')[0].json).toEqual({
			url: url('/defaults'),
			verb: 'post',
			event_types: ['sent', 'delivered', 'failed', 'open', 'click', 'bounce', 'unsubscribe', 'resubscribe'],
			status: 'enabled',
			content_type: 'application/json',
			field_set: 'standard',
			settings: { include_html: false },
			auth_type: 'basic',
		});
		expect(everlytic.webhooks[0].auth_details).toBeNull();
	});

	test.each<EverlyticQuirks['createResponse']>(['webhook', 'id', 'data', 'empty'])(
		'finds the id when the create answer is the "%s" variant',
		async (createResponse) => {
			everlytic.setQuirks({ createResponse });
			const older = everlytic.seedWebhook({ url: url('/variant'), created_timestamp: '2020-01-01T00:00:00.000Z' });
			const { items, error } = await run({ operation: 'create', url: url('/variant'), eventTypes: ['open'] });
			expect(error).toBeUndefined();
			const created = everlytic.webhooks.find((webhook) => webhook.id !== older.id);
			expect(items[0].json).toMatchObject({ id: created?.id, url: url('/variant'), event_types: ['open'] });
			expect(typeof items[0].json.settings).toBe('object');
			// Only the answer without an id needs the list.
			expect(listCalls()).toHaveLength(createResponse === 'empty' ? 1 : 0);
		},
	);

	test('an answer with only the id is read back by id', async () => {
		rewriteReplies(async (request, reply) => {
			const answer = await reply();
			if (request.method !== 'POST') return answer;
			return { status: 201, body: { id: (answer.body as { webhook: { id: string } }).webhook.id } };
		});
		const { items, error } = await run({ operation: 'create', url: url('/id-only'), eventTypes: ['sent'] });
		expect(error).toBeUndefined();
		const [stored] = everlytic.webhooks;
		expect(items[0].json).toMatchObject({ id: stored.id, url: url('/id-only'), event_types: ['sent'] });
		expect(sent('GET', `/webhooks/${stored.id}`)).toHaveLength(1);
	});

	test('Reuse Existing returns the webhook already registered for the URL and adds nothing', async () => {
		everlytic.pageSize = 1;
		for (const path of ['/a', '/b']) everlytic.seedWebhook({ url: url(path) });
		const existing = everlytic.seedWebhook({ url: url('/reuse') });
		const { items, error } = await run({
			operation: 'create',
			url: `${url('/reuse')}/`,
			options: { reuseExisting: true },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: existing.id, url: url('/reuse') });
		expect(sent('POST')).toHaveLength(0);
		expect(everlytic.webhooks).toHaveLength(3);
		expect(listCalls()).toHaveLength(3);
	});

	test('Reuse Existing creates the webhook when the URL has none', async () => {
		everlytic.seedWebhook({ url: url('/other') });
		const { items } = await run({ operation: 'create', url: url('/fresh'), options: { reuseExisting: true } });
		expect(sent('POST')).toHaveLength(1);
		expect(items[0].json.id).toBe(everlytic.webhooksForUrl(url('/fresh'))[0].id);
	});

	test.each([
		{ username: 'only-user', password: '', missing: 'password' },
		{ username: '', password: 'only-pass', missing: 'username' },
	])('receiver auth with only one of username and password is refused before any call (%o)', async ({ username, password, missing }) => {
		const { error } = await run({
			operation: 'create',
			url: url('/half'),
			additionalFields: { receiverAuth: { basic: { username, password } } },
		});
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toMatch(/both a username and a password/);
		expect(error?.message).toContain(`only the ${missing === 'password' ? 'username' : 'password'} is set`);
		expect(everlytic.requests).toHaveLength(0);
	});

	test('no event type is refused before any call', async () => {
		// n8n itself refuses an empty literal list; an expression can still produce one.
		const { error } = await run({ operation: 'create', url: url('/none'), eventTypes: '={{ [] }}' });
		expect(error?.message).toMatch(/at least one event type/);
		expect(everlytic.requests).toHaveLength(0);
	});

	test('Everlytic\'s validation errors carry reason, location and message of each error', async () => {
		const { error } = await run({ operation: 'create', url: 'not-a-url' });
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '412' });
		expect(error?.message).toBe('Everlytic: The url must be a valid URL. (invalid at webhookValidation)');
		expect(error?.description).toContain('reason invalid at body/webhookValidation: The url must be a valid URL.');
		expect(everlytic.webhooks).toHaveLength(0);
	});
});

describe('Update', () => {
	const seedFull = () =>
		everlytic.seedWebhook({
			url: url('/upd'),
			verb: 'put',
			status: 'enabled',
			content_type: 'application/x-www-form-urlencoded',
			field_set: 'legacy',
			settings: { include_html: true },
			event_types: ['bounce', 'failed'],
			auth_details: { username: 'old-user', password: 'old-pass' },
		});

	test('changes only the fields set and sends the rest as Everlytic has them', async () => {
		const webhook = seedFull();
		const { items, error } = await run({ operation: 'update', webhookId: webhook.id, updateFields: { status: 'disabled' } });
		expect(error).toBeUndefined();
		expect(sent('PUT')[0].json).toEqual({
			url: url('/upd'),
			verb: 'put',
			event_types: ['bounce', 'failed'],
			status: 'disabled',
			content_type: 'application/x-www-form-urlencoded',
			field_set: 'legacy',
			settings: { include_html: true },
			auth_type: 'basic',
		});
		expect(everlytic.findWebhook(webhook.id)).toMatchObject({
			status: 'disabled',
			verb: 'put',
			field_set: 'legacy',
			content_type: 'application/x-www-form-urlencoded',
			settings: { include_html: true },
			event_types: ['bounce', 'failed'],
		});
		expect(items[0].json).toMatchObject({ id: webhook.id, status: 'disabled', settings: { include_html: true } });
	});

	test('sets every field it is given', async () => {
		const webhook = seedFull();
		await run({
			operation: 'update',
			webhookId: webhook.id,
			updateFields: {
				url: url('/moved'),
				eventTypes: ['open'],
				verb: 'post',
				contentType: 'application/json',
				fieldSet: 'standard',
				includeHtml: false,
			},
		});
		expect(everlytic.findWebhook(webhook.id)).toMatchObject({
			url: url('/moved'),
			event_types: ['open'],
			verb: 'post',
			content_type: 'application/json',
			field_set: 'standard',
			settings: { include_html: false },
			status: 'enabled',
		});
	});

	// Everlytic answers auth_details: null, so the password cannot be sent back. Keep sends none
	// and keeps auth_type; the UI notice tells the user to re-enter the credentials when the
	// receiver checks them.
	test('Keep (the default) sends no auth details and keeps auth_type', async () => {
		const webhook = seedFull();
		await run({ operation: 'update', webhookId: webhook.id, updateFields: { eventTypes: ['open'] } });
		const body = sent('PUT')[0].json as Record<string, unknown>;
		expect(body).not.toHaveProperty('auth_details');
		expect(body.auth_type).toBe('basic');
	});

	test('Set New Credentials replaces the receiver\'s Basic credentials', async () => {
		const webhook = seedFull();
		const { error } = await run({
			operation: 'update',
			webhookId: webhook.id,
			receiverAuthMode: 'set',
			receiverUsername: 'new-user',
			receiverPassword: 'new-pass',
		});
		expect(error).toBeUndefined();
		expect(everlytic.findWebhook(webhook.id)).toMatchObject({
			auth_type: 'basic',
			auth_details: { username: 'new-user', password: 'new-pass' },
			field_set: 'legacy',
			event_types: ['bounce', 'failed'],
		});
	});

	test('Remove clears the receiver\'s Basic credentials', async () => {
		const webhook = seedFull();
		await run({ operation: 'update', webhookId: webhook.id, receiverAuthMode: 'remove' });
		expect(sent('PUT')[0].json).toMatchObject({ auth_details: null });
		expect(everlytic.findWebhook(webhook.id)?.auth_details).toBeNull();
	});

	test('Set New Credentials needs both username and password, checked before any change', async () => {
		const webhook = seedFull();
		const { error } = await run({
			operation: 'update',
			webhookId: webhook.id,
			receiverAuthMode: 'set',
			receiverUsername: 'new-user',
			// n8n itself refuses an empty literal; an expression can still produce one.
			receiverPassword: '={{ $json.password ?? "" }}',
		});
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(error?.message).toMatch(/both a username and a password/);
		expect(sent('PUT')).toHaveLength(0);
		expect(everlytic.findWebhook(webhook.id)?.auth_details).toEqual({ username: 'old-user', password: 'old-pass' });
	});

	test('an unknown webhook reads as "Webhook not found" and nothing is sent', async () => {
		const { error } = await run({ operation: 'update', webhookId: 'nope', updateFields: { status: 'disabled' } });
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '412' });
		expect(error?.message).toMatch(/^Everlytic: Webhook not found/);
		expect(sent('PUT')).toHaveLength(0);
	});
});

describe('Get', () => {
	test('returns the webhook with settings parsed from Everlytic\'s JSON string', async () => {
		const webhook = everlytic.seedWebhook({ url: url('/get'), settings: { include_html: true } });
		const { items, error } = await run({ operation: 'get', webhookId: webhook.id });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id: webhook.id,
			url: url('/get'),
			settings: { include_html: true },
			auth_details: null,
			event_types: webhook.event_types,
		});
	});

	test.each([412, 400])('"Webhook not found" reads as such with HTTP %i', async (notFoundHttpStatus) => {
		everlytic.setQuirks({ notFoundHttpStatus });
		const { error } = await run({ operation: 'get', webhookId: 'missing-id' });
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: String(notFoundHttpStatus) });
		expect(error?.message).toBe('Everlytic: Webhook not found (invalid at default)');
		expect(error?.description).toContain('reason invalid at request/default: Webhook not found');
		expect(error?.description).toContain('Check the Webhook ID');
	});

	test('a wrong API key is a 401 with Everlytic\'s message and never the key', async () => {
		const { error } = await run({ operation: 'get', webhookId: 'x' }, { apiKey: 'wrong-key' });
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(error?.message).toBe('Everlytic: Login Required (required at authorization)');
		expect(error?.description).toContain('Check the Username and API Key');
		expect(JSON.stringify(error)).not.toContain('wrong-key');
		expect(everlytic.requests).toHaveLength(1);
	});

	test('a malformed answer is reported, not crashed on', async () => {
		const webhook = everlytic.seedWebhook({ url: url('/m') });
		everlytic.injectFault({ malformedJson: true }, { path: `/webhooks/${webhook.id}` });
		const { error } = await run({ operation: 'get', webhookId: webhook.id });
		expect(error?.message).toMatch(/unexpected response/);
	});
});

describe('Get Many', () => {
	const seed = (count: number) =>
		Array.from({ length: count }, (_, index) => everlytic.seedWebhook({ url: url(`/many/${index}`) }));

	test('Return All follows links.next across every page', async () => {
		const seeded = seed(7);
		const { items, error } = await run({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(seeded.map((webhook) => webhook.id));
		expect(listCalls().map((request) => request.query.page ?? '1')).toEqual(['1', '2', '3', '4']);
		expect(items.every((item) => typeof item.json.settings === 'object')).toBe(true);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test.each([
		{ limit: 5, pages: 3 },
		{ limit: 4, pages: 2 },
		{ limit: 1, pages: 1 },
	])('Limit $limit returns that many and fetches only $pages page(s)', async ({ limit, pages }) => {
		const seeded = seed(7);
		const { items } = await run({ operation: 'getAll', returnAll: false, limit });
		expect(items.map((item) => item.json.id)).toEqual(seeded.slice(0, limit).map((webhook) => webhook.id));
		expect(listCalls()).toHaveLength(pages);
	});

	test('paging stays on the configured base URL whatever origin links.next names', async () => {
		const seeded = seed(5);
		rewriteReplies(async (_request, reply) => {
			const answer = await reply();
			const body = answer.body as { links?: { next: string | null } };
			if (body?.links?.next) body.links.next = body.links.next.replace(/^http:\/\/[^/]+/, 'http://127.0.0.1:1');
			return answer;
		});
		const { items, error } = await run({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(seeded.map((webhook) => webhook.id));
		expect(listCalls()).toHaveLength(3);
	});

	test('without links, meta\'s page numbers lead through the pages', async () => {
		const seeded = seed(5);
		rewriteReplies(async (_request, reply) => {
			const answer = await reply();
			delete (answer.body as { links?: unknown }).links;
			return answer;
		});
		const { items } = await run({ operation: 'getAll', returnAll: true });
		expect(items.map((item) => item.json.id)).toEqual(seeded.map((webhook) => webhook.id));
		expect(listCalls().map((request) => request.query.page ?? '1')).toEqual(['1', '2', '3']);
	});

	test('an account without webhooks gives no items', async () => {
		const { items, error } = await run({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
	});
});

describe('Delete', () => {
	test('removes the webhook, then reports "nothing to delete" for the same ID', async () => {
		const webhook = everlytic.seedWebhook({ url: url('/del') });
		const first = await run({ operation: 'delete', webhookId: webhook.id });
		expect(first.items[0].json).toEqual({ deleted: true, id: webhook.id });
		expect(everlytic.webhooks).toHaveLength(0);

		const second = await run({ operation: 'delete', webhookId: webhook.id });
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toEqual({
			deleted: false,
			id: webhook.id,
			message: `Nothing to delete: Everlytic has no webhook with ID ${webhook.id}`,
		});
		expect(sent('DELETE')).toHaveLength(2);
	});
});

describe('Delete when Everlytic answers "Webhook not found"', () => {
	test('reports nothing to delete as well', async () => {
		rewriteReplies(async (request, reply) =>
			request.method === 'DELETE'
				? {
						status: 412,
						body: {
							code: 412,
							message: 'Webhook not found',
							error: { errors: [{ domain: 'global', reason: 'invalid', message: 'Webhook not found', locationType: 'request', location: 'default' }] },
						},
					}
				: await reply(),
		);
		const { items, error } = await run({ operation: 'delete', webhookId: 'gone' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ deleted: false, id: 'gone' });
	});
});

describe('Reprocess Failed', () => {
	test('asks Everlytic to resend failed deliveries and returns its answer', async () => {
		const { items, error } = await run({ operation: 'reprocessFailed' });
		expect(error).toBeUndefined();
		expect(everlytic.reprocessCalls).toBe(1);
		expect(sent('GET', '/webhooks/failed/reprocess')).toHaveLength(1);
		expect(items[0].json).toEqual({ status: true });
	});
});

describe('retries', () => {
	test('a 503, a 429 and a connection reset on a read are retried, then it succeeds', async () => {
		const webhook = everlytic.seedWebhook({ url: url('/r') });
		const path = `/webhooks/${webhook.id}`;
		everlytic.injectFault({ status: 503 }, { path });
		everlytic.injectFault({ reset: true }, { path });
		const first = await run({ operation: 'get', webhookId: webhook.id });
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.id).toBe(webhook.id);
		expect(sent('GET', path)).toHaveLength(3);

		everlytic.clearRequests();
		everlytic.injectFault({ status: 429, headers: { 'Retry-After': '0' } }, { path: '/webhooks' });
		const second = await run({ operation: 'getAll', returnAll: true });
		expect(second.items).toHaveLength(1);
		expect(listCalls()).toHaveLength(2);
	});

	test('a page that fails midway is retried and paging goes on', async () => {
		seedMany(5);
		everlytic.injectFault({ status: 502 }, { path: /page=2/ });
		const { items, error } = await run({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(listCalls().map((request) => request.query.page ?? '1')).toEqual(['1', '2', '2', '3']);
	});

	test('update and delete are retried on 5xx (they are idempotent)', async () => {
		const webhook = everlytic.seedWebhook({ url: url('/idem') });
		const path = `/webhooks/${webhook.id}`;
		failNextPut(1);
		const updated = await run({ operation: 'update', webhookId: webhook.id, updateFields: { status: 'disabled' } });
		expect(updated.error).toBeUndefined();
		expect(sent('PUT', path)).toHaveLength(2);
		expect(everlytic.findWebhook(webhook.id)?.status).toBe('disabled');

		everlytic.injectFault({ status: 503 }, { path });
		const deleted = await run({ operation: 'delete', webhookId: webhook.id });
		expect(deleted.items[0].json).toEqual({ deleted: true, id: webhook.id });
		expect(sent('DELETE', path)).toHaveLength(2);
	});

	test('a 500 on create is not retried (it may have been applied) but a 429 is', async () => {
		everlytic.injectFault({ status: 429, headers: { 'Retry-After': '0' } }, { path: '/webhooks' });
		const created = await run({ operation: 'create', url: url('/add') });
		expect(created.error).toBeUndefined();
		expect(sent('POST')).toHaveLength(2);
		expect(everlytic.webhooks).toHaveLength(1);

		everlytic.clearRequests();
		everlytic.injectFault({ status: 500 }, { path: '/webhooks' });
		const failed = await run({ operation: 'create', url: url('/add2') });
		expect(sent('POST')).toHaveLength(1);
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
	});

	test('retries are bounded and end in a clear error', async () => {
		everlytic.injectFault({ status: 503 }, { path: '/webhooks', times: 10 });
		const { error } = await run({ operation: 'getAll', returnAll: true });
		expect(listCalls()).toHaveLength(3);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '503' });
		expect(error?.message).toBe('Everlytic: Service unavailable (invalid at default)');
		expect(error?.description).toMatch(/Tried 3 times/);
	});

	test('connection resets that never stop end in a clear error without request details', async () => {
		everlytic.injectFault({ reset: true }, { path: '/webhooks', times: 10 });
		const { error } = await run({ operation: 'getAll', returnAll: true }, {});
		expect(listCalls()).toHaveLength(3);
		expect(error).toMatchObject({ name: 'NodeApiError' });
		// n8n's NodeApiError swaps a message for its own wording when the error carries a
		// connection code; ours is kept among its messages either way.
		expect([error?.message, ...((error?.messages as string[] | undefined) ?? [])]).toContain(
			'Could not reach Everlytic: ECONNRESET',
		);
		expect(error?.description).toMatch(/Tried 3 times/);
		expect(JSON.stringify(error)).not.toContain(API_KEY);
	});
});

describe('items', () => {
	test('continueOnFail turns a failing item into an error item paired with its input and goes on', async () => {
		const webhook = everlytic.seedWebhook({ url: url('/cof') });
		const { items, error } = await run(
			{ operation: 'get', webhookId: '={{ $json.id }}' },
			{ input: [{ json: { id: webhook.id } }, { json: { id: 'nope' } }, { json: { id: webhook.id } }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0]).toMatchObject({ json: { id: webhook.id }, pairedItem: { item: 0 } });
		expect(items[1]).toMatchObject({
			json: { error: 'Everlytic: Webhook not found (invalid at default)', httpCode: '412' },
			pairedItem: { item: 1 },
		});
		expect(items[2]).toMatchObject({ json: { id: webhook.id }, pairedItem: { item: 2 } });
	});

	test('without continueOnFail the first failing item stops the node', async () => {
		const { items, error } = await run(
			{ operation: 'get', webhookId: '={{ $json.id }}' },
			{ input: [{ json: { id: 'a' } }, { json: { id: 'b' } }], apiKey: 'wrong-key' },
		);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(items).toHaveLength(0);
		expect(everlytic.requests.map((request) => request.path)).toEqual([expect.stringMatching(/\/webhooks\/a$/)]);
	});
});

/**
 * Lets a test change the emulator's answers (after the request is logged, as a fault would),
 * for what its faults and quirks cannot play: a fault on one method of a path (Update sends GET
 * and PUT to the same one), or an answer shape the emulator does not produce.
 */
function rewriteReplies(
	rewrite: (request: RecordedRequest, reply: () => Promise<EmulatorReply>) => Promise<EmulatorReply>,
) {
	const emulator = everlytic as unknown as { handle: (request: RecordedRequest) => Promise<EmulatorReply> };
	const handle = emulator.handle.bind(everlytic);
	emulator.handle = async (request) => await rewrite(request, async () => await handle(request));
}

function failNextPut(times: number) {
	let remaining = times;
	rewriteReplies(async (request, reply) => {
		if (request.method !== 'PUT' || remaining <= 0) return await reply();
		remaining -= 1;
		return { status: 503, body: { code: 503, message: 'Service unavailable', error: { errors: [] } } };
	});
}

function seedMany(count: number) {
	return Array.from({ length: count }, (_, index) => everlytic.seedWebhook({ url: url(`/seed/${index}`) }));
}
