// Webhook -> Delete Orphans on every action node, in n8n's engine against the provider emulators.
// A recording HTTP server plays "this n8n": it answers GET on served paths with 200, on a POST-only
// path and on unknown paths with n8n's own 404 bodies, and 500 on one path it cannot answer.
import { EverlyticApi } from '../../credentials/EverlyticApi.credentials';
import { SarvApi } from '../../credentials/SarvApi.credentials';
import { Everlytic } from '../../nodes/Everlytic/Everlytic.node';
import { Sarv } from '../../nodes/Sarv/Sarv.node';
import { EverlyticEmulator } from '../emulators/everlytic';
import type { ReceivedRequest, ReceiverReply } from '../emulators/recordingReceiver';
import { RecordingReceiver } from '../emulators/recordingReceiver';
import { TesEmulator } from '../emulators/tes';
import { executeNode } from '../harness';

const SERVED = '/webhook/served-1/webhook';
const POST_ONLY = '/webhook/post-only/webhook';
const ORPHAN = '/webhook/orphan-1/webhook';
const UNKNOWN = '/webhook/unsure/webhook';
const ELSEWHERE = 'https://elsewhere.example.com/hooks/1';

/** n8n's answers (n8n 2.x: WebhookNotFoundError bodies). */
function n8nAnswer(request: ReceivedRequest): ReceiverReply {
	const path = request.url.split('?')[0];
	const json = (body: object) => ({ status: 404, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
	if (path === SERVED) return { status: 200, body: 'God bless you, Sarv' };
	if (path === POST_ONLY) {
		return json({ code: 404, message: 'This webhook is not registered for GET requests. Did you mean to make a POST request?' });
	}
	if (path === UNKNOWN) return { status: 500, body: 'Internal Server Error' };
	return json({
		code: 404,
		message: `The requested webhook "GET ${path.replace(/^\/webhook\//, '')}" is not registered.`,
		hint: 'The workflow must be active for a production URL to run successfully.',
	});
}

let n8n: RecordingReceiver;
beforeAll(async () => {
	n8n = await RecordingReceiver.start(n8nAnswer);
});
afterAll(async () => {
	await n8n.close();
});
beforeEach(() => {
	n8n.received.length = 0;
});

const probes = () => n8n.received.filter((request) => request.method === 'GET').map((request) => request.url);
const byUrl = (items: Array<{ json: Record<string, unknown> }>) =>
	Object.fromEntries(items.map((item) => [String(item.json.url).replace(n8n.url(''), ''), item.json]));

describe('Sarv: Delete Orphans', () => {
	let tes: TesEmulator;
	beforeAll(async () => {
		tes = await TesEmulator.start({ brand: 'sarv', ownerId: 'owner-1', token: 'tok-1' });
	});
	afterAll(async () => {
		await tes.close();
	});
	beforeEach(() => {
		tes.webhooks = [];
		tes.clearRequests();
		tes.clearFaults();
		for (const path of [SERVED, POST_ONLY, ORPHAN, UNKNOWN]) tes.seedWebhook({ url: n8n.url(path) });
		tes.seedWebhook({ url: ELSEWHERE });
	});

	const run = (parameters: Record<string, unknown>, instanceUrl = n8n.url('/')) =>
		executeNode({
			nodeType: new Sarv(),
			parameters: { resource: 'webhook', operation: 'deleteOrphans', ...parameters } as never,
			credentials: { sarvApi: { ownerId: 'owner-1', token: 'tok-1', appDomain: '', baseUrl: tes.baseUrl } },
			credentialTypes: [new SarvApi()],
			instanceUrl,
		});

	test('a dry run (the default) reports what it would delete and deletes nothing', async () => {
		const { items, error } = await run({});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		const report = byUrl(items);
		expect(report[SERVED]).toMatchObject({ served: true, action: 'kept', probeStatus: 200, dryRun: true });
		expect(report[POST_ONLY]).toMatchObject({ served: true, action: 'kept', probeStatus: 404 });
		expect(report[ORPHAN]).toMatchObject({ served: false, action: 'would delete', probeStatus: 404 });
		expect(report[UNKNOWN]).toMatchObject({ served: null, action: 'kept', probeStatus: 500 });
		expect(report[ELSEWHERE]).toMatchObject({ served: null, action: 'skipped' });
		for (const item of items) expect(typeof item.json.reason).toBe('string');
		expect(items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		// One probe per URL of this n8n, none to the webhook that points elsewhere.
		expect(probes().sort()).toEqual([ORPHAN, POST_ONLY, SERVED, UNKNOWN].sort());
		expect(tes.requestsTo('settings/deleteWebhook')).toHaveLength(0);
		expect(tes.webhooks).toHaveLength(5);
	});

	test('a real run deletes only the webhook n8n says it does not serve', async () => {
		const orphan = tes.webhooks.find((webhook) => webhook.url === n8n.url(ORPHAN));
		const { items, error } = await run({ dryRun: false });
		expect(error).toBeUndefined();
		expect(byUrl(items)[ORPHAN]).toMatchObject({ action: 'deleted', webhookId: orphan?.webhook_id, dryRun: false });
		expect(tes.requestsTo('settings/deleteWebhook').map((request) => (request.json as { webhook_id?: string } | undefined)?.webhook_id)).toEqual([orphan?.webhook_id]);
		expect(tes.webhooks.map((webhook) => webhook.url).sort()).toEqual(
			[ELSEWHERE, n8n.url(POST_ONLY), n8n.url(SERVED), n8n.url(UNKNOWN)].sort(),
		);
	});

	test('the Webhook Base URL given by the user replaces the one n8n tells', async () => {
		// n8n believes it is at another address (e.g. N8N_EDITOR_BASE_URL vs a tunnel): nothing is ours...
		const nothing = await run({ dryRun: false }, 'https://n8n.internal.example.com/');
		expect(nothing.items.every((item) => item.json.action === 'skipped')).toBe(true);
		expect(probes()).toHaveLength(0);
		// ...until the user names the address the provider posts to.
		const { items } = await run({ dryRun: false, webhookBaseUrl: n8n.url('/') }, 'https://n8n.internal.example.com/');
		expect(byUrl(items)[ORPHAN]).toMatchObject({ action: 'deleted' });
		expect(tes.webhooks).toHaveLength(4);
	});

	test('an n8n that cannot be reached leaves every webhook in place', async () => {
		const unreachable = 'http://127.0.0.1:9/';
		tes.seedWebhook({ url: `${unreachable}webhook/x/webhook` });
		const { items } = await run({ dryRun: false, webhookBaseUrl: unreachable });
		const examined = items.filter((item) => item.json.action !== 'skipped');
		expect(examined).toHaveLength(1);
		expect(examined[0].json).toMatchObject({ served: null, action: 'kept', probeStatus: null });
		expect(tes.requestsTo('settings/deleteWebhook')).toHaveLength(0);
	});

	test('a base URL that is not http(s) is refused before any call', async () => {
		const { error } = await run({ webhookBaseUrl: 'ftp://n8n.example.com/' });
		expect(error?.message).toContain('not an http(s) URL');
		expect(tes.requests).toHaveLength(0);
	});

	test('a delete that fails is reported on its item and the sweep goes on', async () => {
		tes.seedWebhook({ url: n8n.url('/webhook/orphan-2/webhook') });
		tes.injectFault({ status: 400, body: JSON.stringify({ status: 'error', code: -1, name: 'GeneralError', message: 'Try later' }) }, { path: 'settings/deleteWebhook' });
		const { items, error } = await run({ dryRun: false });
		expect(error).toBeUndefined();
		const actions = items.filter((item) => item.json.served === false).map((item) => item.json.action).sort();
		expect(actions).toEqual(['delete failed', 'deleted']);
		expect(items.find((item) => item.json.action === 'delete failed')?.json.deleteError).toContain('Try later');
	});
	test('a webhook deleted by someone else meanwhile is reported as already gone', async () => {
		tes.injectFault(
			{ status: 200, body: JSON.stringify({ status: 'error', code: -1, name: 'ValidationError', message: 'Invalid webhook_id' }) },
			{ path: 'settings/deleteWebhook' },
		);
		const { items, error } = await run({ dryRun: false });
		expect(error).toBeUndefined();
		expect(byUrl(items)[ORPHAN]).toMatchObject({ served: false, action: 'already gone' });
	});
});

describe('Everlytic: Delete Orphans', () => {
	let everlytic: EverlyticEmulator;
	beforeAll(async () => {
		everlytic = await EverlyticEmulator.start({ username: 'u', apiKey: 'k', pageSize: 2 });
	});
	afterAll(async () => {
		await everlytic.close();
	});
	beforeEach(() => {
		everlytic.webhooks = [];
		everlytic.clearRequests();
		for (const path of [SERVED, POST_ONLY, ORPHAN, UNKNOWN]) everlytic.seedWebhook({ url: n8n.url(path) });
		everlytic.seedWebhook({ url: ELSEWHERE });
	});
	const run = (parameters: Record<string, unknown>) =>
		executeNode({
			nodeType: new Everlytic(),
			parameters: { resource: 'webhook', operation: 'deleteOrphans', ...parameters } as never,
			credentials: { everlyticApi: { username: 'u', apiKey: 'k', baseUrl: everlytic.baseUrl } },
			credentialTypes: [new EverlyticApi()],
			instanceUrl: n8n.url('/'),
		});

	test('every page is examined; the dry run deletes nothing, the real run only the orphan', async () => {
		const dry = await run({});
		expect(dry.error).toBeUndefined();
		expect(dry.items).toHaveLength(5);
		expect(byUrl(dry.items)[ORPHAN]).toMatchObject({ action: 'would delete' });
		expect(everlytic.requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);

		const orphanId = everlytic.webhooks.find((webhook) => webhook.url === n8n.url(ORPHAN))?.id;
		const real = await run({ dryRun: false });
		const report = byUrl(real.items);
		expect(report[ORPHAN]).toMatchObject({ action: 'deleted', webhookId: orphanId });
		expect([report[SERVED], report[POST_ONLY], report[UNKNOWN]].map((item) => item.action)).toEqual(['kept', 'kept', 'kept']);
		expect(everlytic.findWebhook(orphanId as string)).toBeUndefined();
		expect(everlytic.webhooks).toHaveLength(4);
	});
});
