// The Sarv and SendClean action nodes run in n8n's engine against the TES emulator over HTTP.
import { SarvApi } from '../../credentials/SarvApi.credentials';
import { SendCleanApi } from '../../credentials/SendCleanApi.credentials';
import { Sarv } from '../../nodes/Sarv/Sarv.node';
import { SendClean } from '../../nodes/SendClean/SendClean.node';
import { tesBaseUrl } from '../../nodes/Tes/transport/tesApiRequest';
import { SARV } from '../../nodes/Sarv/sarvBrand';
import { SENDCLEAN } from '../../nodes/SendClean/sendCleanBrand';
import { RecordingReceiver } from '../emulators/recordingReceiver';
import { TesEmulator } from '../emulators/tes';
import { executeNode, testCredential } from '../harness';

const OWNER_ID = 'owner-42';
const TOKEN = 'tok-SECRET-never-shown';

const brands = [
	{ brand: 'sarv' as const, node: () => new Sarv(), credential: new SarvApi(), credentialName: 'sarvApi' },
	{ brand: 'sendclean' as const, node: () => new SendClean(), credential: new SendCleanApi(), credentialName: 'sendCleanApi' },
];

describe.each(brands)('$brand action node', ({ brand, node, credential, credentialName }) => {
	let tes: TesEmulator;
	let receiver: RecordingReceiver;

	beforeAll(async () => {
		tes = await TesEmulator.start({ brand, ownerId: OWNER_ID, token: TOKEN });
		receiver = await RecordingReceiver.start();
	});
	afterAll(async () => {
		await tes.close();
		await receiver.close();
	});
	beforeEach(() => {
		tes.webhooks = [];
		tes.clearRequests();
		tes.clearFaults();
		tes.setQuirks({ errorHttpStatus: 200, errorTypeField: 'name', errorCodeAsString: false, checkHandshake: true });
		receiver.reply = { status: 200, body: tes.handshakeText };
	});

	const credentials = (token = TOKEN) => ({
		[credentialName]: { ownerId: OWNER_ID, token, appDomain: '', baseUrl: tes.baseUrl },
	});
	const run = (parameters: Record<string, unknown>, extra: { token?: string; input?: { json: object }[]; continueOnFail?: boolean } = {}) =>
		executeNode({
			nodeType: node(),
			parameters: { resource: 'webhook', ...parameters } as never,
			credentials: credentials(extra.token),
			credentialTypes: [credential],
			input: extra.input as never,
			continueOnFail: extra.continueOnFail,
		});
	const calls = (method: string) => tes.requestsTo(`settings/${method}`).length;

	test('Create registers the URL and returns the new webhook with its id and key', async () => {
		const url = receiver.url('/create');
		const { items, error } = await run({ operation: 'create', url, events: ['hard_bounce', 'spam'], additionalFields: { description: 'CRM sync', storeLog: true } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const [stored] = tes.webhooks;
		expect(items[0].json).toMatchObject({ webhook_id: stored.webhook_id, key: stored.key, url, event: 'hard_bounce,spam', description: 'CRM sync', store_log: 'Enable' });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		// The credential put owner_id and token into the body of every call.
		const add = tes.requestsTo('settings/addWebhook')[0];
		expect(add.json).toMatchObject({ owner_id: OWNER_ID, token: TOKEN, url, event: 'hard_bounce,spam', store_log: 'Enable' });
		expect(receiver.received.length).toBeGreaterThan(0);
	});

	test('Create shows the provider refusing a URL that does not answer the handshake', async () => {
		receiver.reply = { status: 200, body: 'hello' };
		const { error } = await run({ operation: 'create', url: receiver.url('/wrong') });
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(error?.message).toContain(tes.handshakeText);
		expect(tes.webhooks).toHaveLength(0);
	});

	test('Create picks the new webhook when the URL already has one', async () => {
		const url = receiver.url('/dup');
		const old = tes.seedWebhook({ url, create_date: Math.floor(Date.now() / 1000) + 60 });
		const { items } = await run({ operation: 'create', url });
		expect(tes.webhooks).toHaveLength(2);
		expect(items[0].json.webhook_id).not.toBe(old.webhook_id);
	});

	test('Create with Reuse Existing returns the registered webhook and adds nothing', async () => {
		const url = receiver.url('/reuse');
		const existing = tes.seedWebhook({ url });
		const { items } = await run({ operation: 'create', url, options: { reuseExisting: true } });
		expect(items[0].json).toMatchObject({ webhook_id: existing.webhook_id, key: existing.key });
		expect(calls('addWebhook')).toBe(0);
		expect(tes.webhooks).toHaveLength(1);
	});

	test('Update changes only the fields set and keeps the rest', async () => {
		const webhook = tes.seedWebhook({ url: receiver.url('/upd'), event: 'open,click', description: 'keep me', store_log: 'Enable' });
		const { items, error } = await run({ operation: 'update', webhookId: webhook.webhook_id, updateFields: { events: ['hard_bounce'] } });
		expect(error).toBeUndefined();
		expect(tes.findWebhook(webhook.webhook_id)).toMatchObject({ event: 'hard_bounce', description: 'keep me', store_log: 'Enable', url: webhook.url });
		expect(items[0].json).toMatchObject({ webhook_id: webhook.webhook_id, event: 'hard_bounce', description: 'keep me' });
	});

	test('Reset Key returns the new key, which the provider now holds', async () => {
		const webhook = tes.seedWebhook({ url: receiver.url('/key') });
		const oldKey = webhook.key;
		const { items } = await run({ operation: 'resetKey', webhookId: webhook.webhook_id });
		expect(items[0].json.webhook_id).toBe(webhook.webhook_id);
		expect(items[0].json.key).not.toBe(oldKey);
		expect(tes.findWebhook(webhook.webhook_id)?.key).toBe(items[0].json.key);
	});

	test('Get returns the webhook with its delivery statistics', async () => {
		const webhook = tes.seedWebhook({ url: receiver.url('/get'), total_event: 23 });
		const { items } = await run({ operation: 'get', webhookId: webhook.webhook_id });
		expect(items[0].json).toMatchObject({ webhook_id: webhook.webhook_id, url: webhook.url, total_event: 23 });
	});

	test('Get Many honours Limit and Return All', async () => {
		for (const path of ['/a', '/b', '/c']) tes.seedWebhook({ url: receiver.url(path) });
		expect((await run({ operation: 'getAll', returnAll: false, limit: 2 })).items).toHaveLength(2);
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all.items.map((item) => item.json.url)).toEqual(tes.webhooks.map((w) => w.url));
	});

	test('Delete removes the webhook', async () => {
		const webhook = tes.seedWebhook({ url: receiver.url('/del') });
		const { items } = await run({ operation: 'delete', webhookId: webhook.webhook_id });
		expect(items[0].json).toEqual({ deleted: true, webhook_id: webhook.webhook_id });
		expect(tes.webhooks).toHaveLength(0);
	});

	test('an unknown webhook ID is a 400 with the provider message', async () => {
		const { error } = await run({ operation: 'get', webhookId: '123' });
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(error?.description).toContain('ValidationError');
	});

	test.each([
		{ errorHttpStatus: 200 as const, errorTypeField: 'name' as const, errorCodeAsString: false },
		{ errorHttpStatus: 401 as const, errorTypeField: 'type' as const, errorCodeAsString: true },
		{ errorHttpStatus: 'byType' as const, errorTypeField: 'name' as const, errorCodeAsString: true },
	])('a wrong token is a 401 with the provider message, never the token (%o)', async (quirks) => {
		tes.setQuirks(quirks);
		const { error } = await run({ operation: 'getAll', returnAll: true }, { token: 'wrong-token' });
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(error?.message).toContain('Token MissMatch');
		expect(JSON.stringify(error)).not.toContain('wrong-token');
		expect(calls('listWebhook')).toBe(1);
	});

	test('continueOnFail turns a failing item into an error item and goes on', async () => {
		const webhook = tes.seedWebhook({ url: receiver.url('/cof') });
		const { items, error } = await run(
			{ operation: 'get', webhookId: '={{ $json.id }}' },
			{ input: [{ json: { id: webhook.webhook_id } }, { json: { id: 'nope' } }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({ json: { webhook_id: webhook.webhook_id }, pairedItem: { item: 0 } });
		expect(items[1]).toMatchObject({ json: { httpCode: '400' }, pairedItem: { item: 1 } });
		expect(String(items[1].json.error)).toMatch(/webhook/i);
	});

	test('transient failures on reads are retried, then succeed', async () => {
		tes.seedWebhook({ url: receiver.url('/r') });
		tes.injectFault({ status: 503 }, { path: 'settings/listWebhook' });
		tes.injectFault({ reset: true }, { path: 'settings/listWebhook' });
		const { items, error } = await run({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(calls('listWebhook')).toBe(3);
	});

	test('retries are bounded and end in a clear error', async () => {
		tes.injectFault({ status: 503 }, { path: 'settings/getWebhookInfo', times: 10 });
		const { error } = await run({ operation: 'get', webhookId: '1' });
		expect(calls('getWebhookInfo')).toBe(3);
		expect(error?.message).toMatch(/unavailable \(HTTP 503\)/);
		expect(error?.description).toMatch(/Tried 3 times/);
	});

	test('an add that fails with 429 or 5xx is settled by listing, never registering twice', async () => {
		const url = receiver.url('/add');
		tes.injectFault({ status: 429, headers: { 'Retry-After': '0' } }, { path: 'settings/addWebhook' });
		tes.injectFault({ status: 500 }, { path: 'settings/addWebhook' });
		const created = await run({ operation: 'create', url });
		expect(created.error).toBeUndefined();
		expect(calls('addWebhook')).toBe(3);
		expect(tes.webhooksForUrl(url)).toHaveLength(1);
		expect(created.items[0].json.webhook_id).toBe(tes.webhooksForUrl(url)[0].webhook_id);

		tes.clearRequests();
		tes.injectFault({ status: 500 }, { path: 'settings/addWebhook', times: 10 });
		const failed = await run({ operation: 'create', url: receiver.url('/add2') });
		expect(calls('addWebhook')).toBe(3);
		expect(failed.error?.message).toMatch(/HTTP 500/);
		expect(tes.webhooksForUrl(receiver.url('/add2'))).toHaveLength(0);
	});

	test('a refused add (4xx) is reported at once, not re-sent', async () => {
		receiver.reply = { status: 404, body: 'nope' };
		const { error } = await run({ operation: 'create', url: receiver.url('/refused') });
		expect(error?.httpCode).toBe('400');
		expect(calls('addWebhook')).toBe(1);
		expect(calls('listWebhook')).toBe(1);
	});

	test('a malformed answer is reported, not crashed on', async () => {
		tes.injectFault({ malformedJson: true }, { path: 'settings/getWebhookInfo' });
		const webhook = tes.seedWebhook({ url: receiver.url('/m') });
		const { error } = await run({ operation: 'get', webhookId: webhook.webhook_id });
		expect(error?.message).toMatch(/unexpected response/);
	});

	test('the credential test passes with the right token and names the problem otherwise', async () => {
		const data = credentials()[credentialName];
		await expect(testCredential(credential, data)).resolves.toMatchObject({ status: 'OK' });
		const bad = await testCredential(credential, { ...data, token: 'wrong-token' });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/Token MissMatch/);
		expect(bad.message).not.toContain('wrong-token');
		expect(tes.requestsTo('account/viewUserDetail').length).toBeGreaterThanOrEqual(2);
	});
});

test('the base URL comes from the App Domain unless overridden', () => {
	expect(tesBaseUrl({ appDomain: 'mta9.example.net' }, SARV)).toBe('https://api.mta9.example.net/v1.0');
	expect(tesBaseUrl({ appDomain: '' }, SENDCLEAN)).toBe('https://api.us1-mta1.sendclean.net/v1.0');
	expect(tesBaseUrl({ appDomain: 'x', baseUrl: 'http://host:7278/v1.0/' }, SARV)).toBe('http://host:7278/v1.0');
});
