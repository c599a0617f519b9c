// The Everlytic trigger in n8n's engine: lifecycle against the Everlytic emulator (call counts
// measured there), and deliveries sent by the emulator over real HTTP to the node's webhook()
// (through WebhookBridge), with the Basic credentials the trigger registered.
import fc from 'fast-check';

import { EverlyticApi } from '../../credentials/EverlyticApi.credentials';
import { EverlyticTrigger } from '../../nodes/Everlytic/EverlyticTrigger.node';
import {
	DEFAULT_EVERLYTIC_QUIRKS,
	EVERLYTIC_EVENT_TYPES,
	EVERLYTIC_LEGACY_EVENT_NAMES,
	EverlyticEmulator,
	makeEverlyticLegacyEvent,
	makeEverlyticStandardEvent,
	type EverlyticEventType,
	type EverlyticFormEncoding,
	type EverlyticQuirks,
} from '../emulators/everlytic';
import type { RecordedRequest } from '../emulators/httpEmulator';
import { createTriggerHarness, type TriggerHarness } from '../harness';
import { WebhookBridge } from './webhookBridge';

const USERNAME = 'api-user';
const API_KEY = 'everlytic-api-key-never-logged';
const NODE_NAME = 'Everlytic Trigger';
const WEBHOOK_ID = 'e7e7e7e7-0000-4000-8000-000000000004';

interface Registration {
	webhookId: string;
	username: string;
	password: string;
}

let everlytic: EverlyticEmulator;
let bridge: WebhookBridge;
/** Runs for every request the emulator receives, after its fault was chosen. */
let onEverlyticRequest: ((request: RecordedRequest) => void) | undefined;

beforeAll(async () => {
	everlytic = await EverlyticEmulator.start({
		username: USERNAME,
		apiKey: API_KEY,
		onRequest: (request) => onEverlyticRequest?.(request),
	});
	bridge = await WebhookBridge.start();
});
afterAll(async () => {
	await everlytic.close();
	await bridge.close();
});
beforeEach(() => {
	everlytic.webhooks = [];
	everlytic.pageSize = 2;
	everlytic.setQuirks(DEFAULT_EVERLYTIC_QUIRKS);
	everlytic.clearRequests();
	everlytic.clearFaults();
	onEverlyticRequest = undefined;
	bridge.received.length = 0;
});

/** The trigger of one workflow; `nodeStaticData` is the node's static data as n8n saved it. */
function trigger(parameters: Record<string, unknown> = {}, nodeStaticData?: Record<string, unknown>): TriggerHarness {
	const harness = createTriggerHarness({
		nodeType: new EverlyticTrigger(),
		nodeName: NODE_NAME,
		parameters: { events: ['*'], options: {}, ...parameters } as never,
		credentials: { everlyticApi: { username: USERNAME, apiKey: API_KEY, baseUrl: everlytic.baseUrl } },
		credentialTypes: [new EverlyticApi()],
		webhookBaseUrl: bridge.baseUrl,
		workflowName: 'Failed emails to Slack',
		webhookId: WEBHOOK_ID,
		staticData: (nodeStaticData === undefined ? undefined : { [`node:${NODE_NAME}`]: nodeStaticData }) as never,
	});
	bridge.target = harness;
	return harness;
}

const productionUrl = () => `${bridge.baseUrl}webhook/${WEBHOOK_ID}/webhook`;
const requestsWith = (method: string) => everlytic.requests.filter((request) => request.method === method);
const writes = () => everlytic.requests.filter((request) => request.method !== 'GET').length;
const registrationOf = (harness: TriggerHarness, mode: 'production' | 'test' = 'production') =>
	(harness.staticData(mode).registrations as Record<string, Registration> | undefined)?.[harness.webhookUrl(mode)];

/** Everlytic's current Basic credentials for the webhook (the emulator keeps what was registered). */
function credentialsAt(webhookId: string) {
	return everlytic.findWebhook(webhookId)?.auth_details;
}

/** Makes the next request to `/webhooks` after the list (the create's POST) fail. */
function failCreateWith(status: number) {
	onEverlyticRequest = (request) => {
		if (request.method === 'GET' && request.path.endsWith('/webhooks')) {
			everlytic.injectFault({ status }, { path: '/webhooks' });
			onEverlyticRequest = undefined;
		}
	};
}

describe('lifecycle', () => {
	test('activation registers the production URL once, in 3 calls (list, create, list again: one webhook per URL), with random Basic credentials it remembers', async () => {
		const harness = trigger({ events: ['bounce', 'failed'] });
		await harness.activate();
		const url = harness.webhookUrl();
		expect(url).toBe(productionUrl());
		expect(everlytic.webhooks).toHaveLength(1);
		const [webhook] = everlytic.webhooks;
		expect(webhook).toMatchObject({
			url,
			verb: 'post',
			auth_type: 'basic',
			status: 'enabled',
			content_type: 'application/json',
			field_set: 'standard',
		});
		expect([...webhook.event_types].sort()).toEqual(['bounce', 'failed']);
		expect(everlytic.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'GET']);
		const { username, password } = webhook.auth_details!;
		expect(username).toMatch(/^[A-Za-z0-9_-]{16,}$/);
		expect(password).toMatch(/^[A-Za-z0-9_-]{32,}$/);
		expect(harness.staticData()).toEqual({ registrations: { [url]: { webhookId: webhook.id, username, password } } });
		// Everlytic has no description field: nothing else is sent.
		expect(Object.keys(requestsWith('POST')[0].json as object).sort()).toEqual(
			['auth_details', 'auth_type', 'content_type', 'event_types', 'field_set', 'settings', 'status', 'url', 'verb'],
		);
	});

	test('each activation chooses new credentials', async () => {
		const first = trigger();
		await first.activate();
		await first.deactivate();
		const second = trigger();
		await second.activate();
		expect(registrationOf(second)!.password).not.toBe(registrationOf(first)?.password ?? 'none');
		expect(everlytic.webhooks).toHaveLength(1);
	});

	test.each<[EverlyticQuirks['createResponse'], number]>([
		['webhook', 3],
		['id', 3],
		['data', 3],
		['empty', 3],
	])('a create answer shaped "%s" gives the id in %d calls', async (createResponse, calls) => {
		everlytic.setQuirks({ createResponse });
		const harness = trigger();
		await harness.activate();
		expect(everlytic.requests).toHaveLength(calls);
		expect(registrationOf(harness)?.webhookId).toBe(everlytic.webhooks[0].id);
	});

	test('a restart with the webhook registered costs one read and no write', async () => {
		const first = trigger();
		await first.activate();
		everlytic.clearRequests();
		const restarted = trigger({}, first.staticData());
		const result = await restarted.activate();
		expect(result.webhooks[0]).toMatchObject({ existed: true, created: false });
		expect(everlytic.requests.map((request) => request.method)).toEqual(['GET']);
		expect(everlytic.webhooks).toHaveLength(1);
		expect(restarted.staticData()).toEqual(first.staticData());
		expect((await everlytic.deliver(everlytic.webhooks[0].id, makeEverlyticStandardEvent('open'))).status).toBe(200);
	});

	test('lost static data: the webhook is adopted by URL with a fresh password (PUT), never added twice', async () => {
		const first = trigger();
		await first.activate();
		const [webhook] = everlytic.webhooks;
		const oldCredentials = { ...webhook.auth_details! };
		everlytic.clearRequests();

		const fresh = trigger({}, {});
		await fresh.activate();
		expect(everlytic.requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
		expect(everlytic.webhooks).toHaveLength(1);
		const adopted = registrationOf(fresh)!;
		expect(adopted.webhookId).toBe(webhook.id);
		expect(adopted.password).not.toBe(oldCredentials.password);
		expect(credentialsAt(webhook.id)).toEqual({ username: adopted.username, password: adopted.password });
		// The PUT sent the whole webhook, so nothing else changed.
		expect(everlytic.webhooks[0]).toMatchObject({ url: webhook.url, verb: 'post', status: 'enabled', field_set: 'standard' });

		expect((await everlytic.deliver(webhook.id, makeEverlyticStandardEvent('bounce'))).status).toBe(200);
		expect(bridge.emitted).toHaveLength(1);
		const stale = await everlytic.deliver(webhook.id, makeEverlyticStandardEvent('bounce'), { auth: oldCredentials });
		expect(stale.status).toBe(401);
	});

	test('a webhook registered for the URL elsewhere (password unknown) is adopted with fresh credentials', async () => {
		const harness = trigger();
		const seeded = everlytic.seedWebhook({
			url: harness.webhookUrl(),
			auth_details: { username: 'someone', password: 'their-password' },
			content_type: 'application/x-www-form-urlencoded',
			field_set: 'legacy',
		});
		await harness.activate();
		expect(everlytic.webhooks).toHaveLength(1);
		expect(credentialsAt(seeded.id)?.password).not.toBe('their-password');
		// Both content types and field sets are understood, so the user's choice is kept.
		expect(everlytic.webhooks[0]).toMatchObject({ content_type: 'application/x-www-form-urlencoded', field_set: 'legacy' });
		expect((await everlytic.deliver(seeded.id, makeEverlyticLegacyEvent('click'))).status).toBe(200);
		expect(bridge.emitted.map((item) => item.json.event)).toEqual(['click']);
	});

	test('changed events are brought up to date on the adopted webhook, keeping its password', async () => {
		const first = trigger();
		await first.activate();
		const before = registrationOf(first)!;
		everlytic.clearRequests();
		const changed = trigger({ events: ['open', 'click'] }, first.staticData());
		await changed.activate();
		expect(everlytic.requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
		expect([...everlytic.webhooks[0].event_types].sort()).toEqual(['click', 'open']);
		expect(registrationOf(changed)).toEqual(before);
		expect(credentialsAt(before.webhookId)).toEqual({ username: before.username, password: before.password });
	});

	test('a disabled webhook is enabled again', async () => {
		const first = trigger();
		await first.activate();
		everlytic.webhooks[0].status = 'disabled';
		await trigger({}, first.staticData()).activate();
		expect(everlytic.webhooks[0].status).toBe('enabled');
	});

	test('copies left by an earlier crash are removed; the one whose password we know stays', async () => {
		const harness = trigger();
		const url = harness.webhookUrl();
		everlytic.seedWebhook({ url });
		const known = everlytic.seedWebhook({ url, auth_details: { username: 'n8n-known', password: 'known-password' } });
		everlytic.seedWebhook({ url });
		everlytic.seedWebhook({ url: 'https://elsewhere.example/hook' });
		const restarted = trigger({}, { registrations: { [url]: { webhookId: known.id, username: 'n8n-known', password: 'known-password' } } });
		await restarted.activate();
		expect(everlytic.webhooksForUrl(url).map((webhook) => webhook.id)).toEqual([known.id]);
		expect(everlytic.webhooks).toHaveLength(2);
		expect(requestsWith('DELETE')).toHaveLength(2);
		expect(requestsWith('PUT')).toHaveLength(0);
		expect((await everlytic.deliver(known.id, makeEverlyticStandardEvent('sent'))).status).toBe(200);
	});

	test('copies without a known password: one remains, with fresh credentials', async () => {
		const harness = trigger();
		everlytic.seedWebhook({ url: harness.webhookUrl() });
		everlytic.seedWebhook({ url: harness.webhookUrl() });
		await harness.activate();
		const remaining = everlytic.webhooksForUrl(harness.webhookUrl());
		expect(remaining).toHaveLength(1);
		expect(registrationOf(harness)?.webhookId).toBe(remaining[0].id);
		expect((await everlytic.deliver(remaining[0].id, makeEverlyticStandardEvent('sent'))).status).toBe(200);
	});

	test('a stale stored id: the webhook registered for the URL is adopted and gets a password we know', async () => {
		const url = productionUrl();
		const harness = trigger({}, { registrations: { [url]: { webhookId: 'deleted-long-ago', username: 'n8n-old', password: 'old-password' } } });
		const current = everlytic.seedWebhook({ url });
		await harness.activate();
		const registration = registrationOf(harness)!;
		expect(registration.webhookId).toBe(current.id);
		expect(registration.password).not.toBe('old-password');
		expect(credentialsAt(current.id)).toEqual({ username: registration.username, password: registration.password });
		expect(requestsWith('POST')).toHaveLength(0);
	});

	test('a stored registration whose webhook is gone is forgotten and the URL registered again', async () => {
		const url = productionUrl();
		const harness = trigger({}, { registrations: { [url]: { webhookId: 'gone', username: 'n8n-old', password: 'old-password' } } });
		await harness.activate();
		expect(everlytic.webhooks).toHaveLength(1);
		expect(registrationOf(harness)?.webhookId).toBe(everlytic.webhooks[0].id);
	});

	describe('paging (2 webhooks per page, ours on page 3)', () => {
		beforeEach(() => {
			for (let i = 1; i <= 5; i++) everlytic.seedWebhook({ url: `https://other-${i}.example/hook` });
		});

		test('a restart reads every page, finds the webhook on page 3 and writes nothing', async () => {
			const first = trigger();
			await first.activate();
			expect(everlytic.webhooks.at(-1)?.url).toBe(first.webhookUrl());
			everlytic.clearRequests();
			await trigger({}, first.staticData()).activate();
			expect(everlytic.requests.map((request) => request.url.replace(/^.*\/webhooks/, ''))).toEqual(['', '?page=2', '?page=3']);
			expect(writes()).toBe(0);
			expect(everlytic.webhooks).toHaveLength(6);
		});

		test('lost static data: adopted from page 3, not registered twice', async () => {
			await trigger().activate();
			everlytic.clearRequests();
			const fresh = trigger({}, {});
			await fresh.activate();
			expect(everlytic.webhooks).toHaveLength(6);
			expect(requestsWith('POST')).toHaveLength(0);
			expect(requestsWith('PUT')).toHaveLength(1);
			expect(registrationOf(fresh)?.webhookId).toBe(everlytic.webhooks[5].id);
		});

		test('deactivation without static data finds the webhook on page 3', async () => {
			await trigger().activate();
			await trigger({}, {}).deactivate();
			expect(everlytic.webhooks.map((webhook) => webhook.url)).toEqual([1, 2, 3, 4, 5].map((i) => `https://other-${i}.example/hook`));
		});
	});

	test('deactivation deletes the webhook by its stored id, then checks its URL for copies, and clears static data', async () => {
		const harness = trigger();
		await harness.activate();
		const { id } = everlytic.webhooks[0];
		everlytic.clearRequests();
		await harness.deactivate();
		expect(everlytic.webhooks).toHaveLength(0);
		expect(everlytic.requests.map((request) => `${request.method} ${request.path.replace(/^.*\/webhooks/, '')}`)).toEqual([`DELETE /${id}`, 'GET ']);
		expect(harness.staticData()).toEqual({ registrations: {} });
	});

	test('deactivation when the webhook is already gone ({"status":false}) succeeds', async () => {
		const harness = trigger();
		await harness.activate();
		everlytic.webhooks = [];
		await expect(harness.deactivate()).resolves.toBeUndefined();
		expect(harness.staticData()).toEqual({ registrations: {} });
	});

	test('deactivation when Everlytic answers "Webhook not found" (412) succeeds', async () => {
		const harness = trigger();
		await harness.activate();
		const notFound = JSON.stringify({
			code: 412,
			message: 'Webhook not found',
			error: { errors: [{ domain: 'global', reason: 'invalid', message: 'Webhook not found', locationType: 'request', location: 'default' }] },
		});
		everlytic.injectFault({ status: 412, body: notFound, headers: { 'content-type': 'application/json' } }, { path: /\/webhooks\/[^/?]+$/ });
		everlytic.webhooks = [];
		await expect(harness.deactivate()).resolves.toBeUndefined();
		expect(harness.staticData()).toEqual({ registrations: {} });
	});

	test('deactivation without static data deletes by URL and leaves other webhooks alone', async () => {
		await trigger().activate();
		everlytic.seedWebhook({ url: 'https://other.example/keep' });
		await trigger({}, {}).deactivate();
		expect(everlytic.webhooks.map((webhook) => webhook.url)).toEqual(['https://other.example/keep']);
	});

	test('a provider 5xx on the create is a clear error, and no webhook is left behind', async () => {
		const harness = trigger();
		failCreateWith(500);
		await expect(harness.activate()).rejects.toThrow(/Everlytic: Service unavailable/);
		// A create is not re-sent after a 5xx: it may have been applied.
		expect(requestsWith('POST')).toHaveLength(1);
		expect(everlytic.webhooks).toHaveLength(0);
		expect(registrationOf(harness)).toBeUndefined();
	});

	test('a create applied but answered with garbage still ends with one known webhook', async () => {
		const harness = trigger();
		onEverlyticRequest = (request) => {
			if (request.method === 'GET' && request.path.endsWith('/webhooks')) {
				everlytic.injectFault({ malformedJson: true }, { path: '/webhooks' });
				onEverlyticRequest = undefined;
			}
		};
		await harness.activate();
		expect(everlytic.webhooks).toHaveLength(1);
		expect(registrationOf(harness)?.webhookId).toBe(everlytic.webhooks[0].id);
		expect((await everlytic.deliver(everlytic.webhooks[0].id, makeEverlyticStandardEvent('sent'))).status).toBe(200);
	});

	test('Everlytic unavailable while listing is a clear error after bounded retries, and nothing is registered', async () => {
		const harness = trigger();
		everlytic.injectFault({ status: 503 }, { path: '/webhooks', times: 3 });
		await expect(harness.activate()).rejects.toThrow(/Everlytic: Service unavailable/);
		expect(requestsWith('POST')).toHaveLength(0);
		expect(everlytic.webhooks).toHaveLength(0);
	});

	test('no event selected is a clear error before anything is registered', async () => {
		await expect(trigger({ events: [] }).activate()).rejects.toThrow(/Select at least one event/);
		expect(everlytic.webhooks).toHaveLength(0);
	});

	test('test mode never disturbs the production registration', async () => {
		const harness = trigger();
		await harness.activate('production');
		const production = structuredClone(harness.staticData());
		await harness.activate('test');
		expect(everlytic.webhooks.map((webhook) => webhook.url).sort()).toEqual([harness.webhookUrl('production'), harness.webhookUrl('test')].sort());
		const testWebhook = everlytic.webhooksForUrl(harness.webhookUrl('test'))[0];
		// A test delivery is checked against the test registration's credentials.
		expect((await everlytic.deliver(testWebhook.id, makeEverlyticStandardEvent('open'))).status).toBe(200);
		expect(bridge.received.at(-1)?.path).toMatch(/^\/webhook-test\//);
		// Each URL has its own credentials: the test ones do not open the production URL.
		const testCredentials = { ...testWebhook.auth_details! };
		expect((await everlytic.deliver(everlytic.webhooksForUrl(harness.webhookUrl())[0].id, makeEverlyticStandardEvent('open'), { auth: testCredentials })).status).toBe(401);
		await harness.deactivate('test');
		expect(everlytic.webhooks.map((webhook) => webhook.url)).toEqual([harness.webhookUrl('production')]);
		expect(harness.staticData()).toEqual(production);
		expect((await everlytic.deliver(everlytic.webhooks[0].id, makeEverlyticStandardEvent('open'))).status).toBe(200);
	});
});

describe('receiving', () => {
	let harness: TriggerHarness;
	let webhookId: string;
	let credentials: { username: string; password: string };
	beforeEach(async () => {
		harness = trigger();
		await harness.activate();
		webhookId = everlytic.webhooks[0].id;
		credentials = { ...everlytic.webhooks[0].auth_details! };
		everlytic.clearRequests();
	});

	const TIME = '2024-03-05T10:20:30.000Z';
	const MESSAGE_ID = '<a1b2c3@mail.everlytic.net>';
	const standardEvent = (type: EverlyticEventType | string) =>
		makeEverlyticStandardEvent(type, { id: `evt-${type}`, timestamp: TIME, transaction: { message_id: MESSAGE_ID } });
	const legacyEvent = (type: EverlyticEventType | string) =>
		makeEverlyticLegacyEvent(type, { event_id: `legacy-${type}`, event_date: '2024-03-05 10:20:30', message_id: MESSAGE_ID });

	/** What a user reads in the item for each event type, beyond the common fields. */
	const expectedDetails = (type: EverlyticEventType, fieldSet: 'standard' | 'legacy') => {
		const none = { bounceType: null, reason: null, bounce: null, open: null, click: null, complaint: null };
		const agentOpen = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)';
		switch (type) {
			case 'bounce': {
				const reason =
					fieldSet === 'standard'
						? '550 5.1.1 <jane.doe@example.com>: Recipient address rejected: User unknown'
						: '550 5.1.1 User unknown';
				return { ...none, bounceType: 'hard', reason, bounce: { code: 550, enhancedCode: '5.1.1', description: reason } };
			}
			case 'failed':
				return { ...none, reason: 'Recipient is on the suppression list' };
			case 'open':
				return { ...none, open: { ip: '198.51.100.31', userAgent: agentOpen, timestamp: TIME } };
			case 'click':
				return {
					...none,
					click: { url: 'https://example.com/track-order', ip: '198.51.100.32', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', timestamp: TIME },
				};
			default:
				return none;
		}
	};

	describe.each(['standard', 'legacy'] as const)('%s field set', (fieldSet) => {
		const eventOf = fieldSet === 'standard' ? standardEvent : legacyEvent;

		test.each([...EVERLYTIC_EVENT_TYPES])('a JSON "%s" event becomes one normalized item', async (type) => {
			const answer = await everlytic.deliver(webhookId, eventOf(type));
			expect(answer).toMatchObject({ status: 200, body: 'OK' });
			expect(bridge.emitted.map((item) => item.json)).toEqual([
				{
					provider: 'everlytic',
					event: type,
					providerEvent: fieldSet === 'standard' ? type : EVERLYTIC_LEGACY_EVENT_NAMES[type],
					id: fieldSet === 'standard' ? `evt-${type}` : `legacy-${type}`,
					messageId: MESSAGE_ID,
					recipient: 'jane.doe@example.com',
					recipientSource: 'event',
					recipientMissingReason: null,
					timestamp: TIME,
					...expectedDetails(type, fieldSet),
				},
			]);
		});

		test.each<EverlyticFormEncoding>(['brackets', 'json-field'])('form-urlencoded (%s) gives the same items as JSON', async (formEncoding) => {
			for (const type of EVERLYTIC_EVENT_TYPES) {
				const event = eventOf(type);
				await everlytic.deliver(webhookId, event);
				const answer = await everlytic.deliver(webhookId, event, { contentType: 'application/x-www-form-urlencoded', formEncoding });
				expect(answer.status).toBe(200);
			}
			const items = bridge.emitted.map((item) => item.json);
			expect(items).toHaveLength(2 * EVERLYTIC_EVENT_TYPES.length);
			for (let i = 0; i < items.length; i += 2) expect(items[i + 1]).toEqual(items[i]);
		});
	});

	test('a standard delivery with several data entries gives one item per entry, each with its own id', async () => {
		const base = standardEvent('bounce');
		const event = { ...base, data: [base.data[0], { ...base.data[0], recipient: { name: 'Joe', email: 'joe@example.com' } }] };
		await everlytic.deliver(webhookId, event);
		const items = bridge.emitted.map((item) => item.json);
		expect(items.map((item) => item.recipient)).toEqual(['jane.doe@example.com', 'joe@example.com']);
		expect(new Set(items.map((item) => item.id)).size).toBe(2);
	});

	test('identical events inside one delivery are emitted once', async () => {
		const event = standardEvent('open');
		// Everlytic posts one event per request; an array (as a batching proxy might send) is read too.
		await everlytic.deliver(webhookId, event, { rawBody: JSON.stringify([event, event, standardEvent('click')]) });
		expect(bridge.emitted.map((item) => item.json.event)).toEqual(['open', 'click']);
	});

	test('wrong Basic credentials are a 401, start nothing, and the log says why without the password', async () => {
		const answer = await everlytic.deliver(webhookId, standardEvent('bounce'), { auth: { username: credentials.username, password: 'guessed' } });
		expect(answer.status).toBe(401);
		expect(answer.headers['www-authenticate']).toMatch(/^Basic/);
		expect(bridge.emitted).toHaveLength(0);
		const warning = harness.logs.find((entry) => entry.level === 'warn');
		expect(warning?.message).toMatch(/401: the Basic username or password does not match/);
		expect(JSON.stringify(harness.logs)).not.toContain(credentials.password);
		expect(JSON.stringify(harness.logs)).not.toContain('guessed');
		// Rejecting costs no provider call.
		expect(everlytic.requests).toHaveLength(0);
	});

	test.each([
		['missing', { auth: 'none' as const }, /Authorization header is missing/],
		['not Basic', { auth: 'none' as const, headers: { authorization: 'Bearer abc' } }, /not HTTP Basic/],
		['a wrong username', { auth: { username: 'n8n-other', password: 'x' } }, /does not match/],
	])('an Authorization header that is %s is a 401', async (_name, options, why) => {
		const answer = await everlytic.deliver(webhookId, standardEvent('bounce'), options);
		expect(answer.status).toBe(401);
		expect(bridge.emitted).toHaveLength(0);
		expect(harness.logs.filter((entry) => entry.level === 'warn').map((entry) => entry.message)).toEqual([expect.stringMatching(why)]);
	});

	test('the right credentials under another header case and extra spaces are accepted', async () => {
		const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
		const answer = await everlytic.deliver(webhookId, standardEvent('sent'), { auth: 'none', headers: { Authorization: `basic   ${token}` } });
		expect(answer.status).toBe(200);
		expect(bridge.emitted).toHaveLength(1);
	});

	test('without stored credentials every delivery is refused, and the log says how to fix it', async () => {
		trigger({}, {});
		const answer = await everlytic.deliver(webhookId, standardEvent('bounce'));
		expect(answer.status).toBe(401);
		expect(bridge.received[0].result.logs.find((entry) => entry.level === 'warn')?.message).toMatch(/Deactivate and activate the workflow/);
	});

	test('JSON that does not parse is refused by n8n (422) before the node runs', async () => {
		const answer = await everlytic.deliver(webhookId, {}, { rawBody: '{"type":', contentType: 'application/json' });
		expect(answer.status).toBe(422);
		expect(bridge.emitted).toHaveLength(0);
	});

	test.each([
		['a JSON string', '"hello"', 'application/json'],
		['an array of numbers', '[1,2,3]', 'application/json'],
		['an object that is no event', '{"foo":"bar"}', 'application/json'],
		['a standard event whose data is not objects', '{"id":"1","type":"open","data":[5]}', 'application/json'],
		['a form field that is no event', 'foo=bar', 'application/x-www-form-urlencoded'],
		['plain text', 'hello there', 'text/plain'],
	])('an authenticated body that is %s is a 400 with a short clear message', async (_name, rawBody, contentType) => {
		const answer = await everlytic.deliver(webhookId, {}, { rawBody, contentType });
		expect(answer.status).toBe(400);
		expect(answer.body).toMatch(/^Bad Request: \S/);
		expect(answer.body.length).toBeLessThan(200);
		expect(answer.body).not.toMatch(/at .*\.[jt]s/);
		expect(bridge.emitted).toHaveLength(0);
	});

	test('an empty delivery (a ping) is answered 200 and starts nothing', async () => {
		const answer = await everlytic.deliver(webhookId, {});
		expect(answer).toMatchObject({ status: 200, body: 'OK' });
		expect(bridge.received[0].result.items).toBeUndefined();
	});

	test('an unknown event type arrives as "unknown" with All Events, and is dropped otherwise', async () => {
		await everlytic.deliver(webhookId, standardEvent('spam_report'));
		await everlytic.deliver(webhookId, legacyEvent('Complained'));
		expect(bridge.emitted.map((item) => item.json)).toEqual([
			expect.objectContaining({ event: 'unknown', providerEvent: 'spam_report', id: 'evt-spam_report' }),
			expect.objectContaining({ event: 'unknown', providerEvent: 'Complained' }),
		]);
		trigger({ events: ['bounce'] }, harness.staticData());
		bridge.received.length = 0;
		expect((await everlytic.deliver(webhookId, standardEvent('spam_report'))).status).toBe(200);
		expect(bridge.emitted).toHaveLength(0);
	});

	test('events the user did not select are dropped; if none remain, nothing starts', async () => {
		trigger({ events: ['bounce', 'failed'] }, harness.staticData());
		for (const type of EVERLYTIC_EVENT_TYPES) await everlytic.deliver(webhookId, standardEvent(type));
		await everlytic.deliver(webhookId, legacyEvent('bounce'));
		expect(bridge.emitted.map((item) => item.json.providerEvent)).toEqual(['failed', 'bounce', 'Bounced']);
		const opened = bridge.received.find((request) => request.result.body === 'OK' && request.result.items === undefined);
		expect(opened).toBeDefined();
	});

	test.each([
		['raw', (json: Record<string, unknown>, raw: Record<string, unknown>) => expect(json).toEqual(raw)],
		['normalizedAndRaw', (json: Record<string, unknown>, raw: Record<string, unknown>) => expect(json).toMatchObject({ event: 'bounce', bounceType: 'hard', raw })],
		['normalized', (json: Record<string, unknown>) => expect(json).not.toHaveProperty('raw')],
	] as const)('output %s', async (output, check) => {
		trigger({ options: { output } }, harness.staticData());
		const event = standardEvent('bounce');
		await everlytic.deliver(webhookId, event);
		check(bridge.emitted[0].json as Record<string, unknown>, JSON.parse(JSON.stringify(event)));
	});

	test('arbitrary bodies and Authorization headers never crash webhook() and never emit without the right credentials', async () => {
		const right = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
		const wrongPassword = `Basic ${Buffer.from(`${credentials.username}:${credentials.password.slice(1)}`).toString('base64')}`;
		const validBodies = EVERLYTIC_EVENT_TYPES.map((type) => JSON.stringify(standardEvent(type)));
		let emittedWithRightCredentials = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.string(), fc.json(), fc.constantFrom(...validBodies), fc.constant('event[event_type]=Bounced&event[event_id]=1')),
				fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
				fc.oneof(
					fc.constant({ kind: 'right', header: right as string | undefined }),
					fc.constant({ kind: 'wrong', header: wrongPassword as string | undefined }),
					fc.constant({ kind: 'none', header: undefined as string | undefined }),
					fc.string().map((header) => ({ kind: 'arbitrary', header: header as string | undefined })),
					fc.base64String().map((token) => ({ kind: 'arbitrary', header: `Basic ${token}` as string | undefined })),
					fc.tuple(fc.string(), fc.string()).map(([user, pass]) => ({
						kind: 'arbitrary',
						header: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` as string | undefined,
					})),
				),
				async (body, contentType, authorization) => {
					const headers: Record<string, string> = { 'content-type': contentType };
					if (authorization.header !== undefined) headers.authorization = authorization.header;
					const result = await harness.receive({ method: 'POST', headers, body });
					expect([200, 400, 401, 422]).toContain(result.status);
					expect(result.webhookError).toBeUndefined();
					if (authorization.kind !== 'right') expect(result.status === 401 || result.status === 422).toBe(true);
					if (result.items !== undefined) {
						expect(authorization.kind).toBe('right');
						emittedWithRightCredentials += 1;
					}
				},
			),
			{ numRuns: 200 },
		);
		// The property is not vacuous: valid deliveries with the right credentials did emit.
		expect(emittedWithRightCredentials).toBeGreaterThan(0);
		expect(JSON.stringify(harness.logs)).not.toContain(credentials.password);
	});
});
