// Forged traffic costs the user nothing (issue 12): against the TES emulator, counting the
// provider calls it receives, forged deliveries to a Sarv Trigger spend at most a few key
// re-reads whatever their number, concurrency or the provider's state; a genuine key reset is
// still picked up within the re-read interval; a forged body costs no more than hashing its bytes;
// and n8n's log gets at most one warning per webhook per minute, with advice only where it can be
// right. Time is moved forward by replacing Date.now, never waited for.
import { createHmac } from 'node:crypto';

import { EverlyticApi } from '../../credentials/EverlyticApi.credentials';
import { EverlyticTrigger } from '../../nodes/Everlytic/EverlyticTrigger.node';
import { EverlyticEmulator, makeEverlyticStandardEvent } from '../emulators/everlytic';
import { makeTesEvent, TesEmulator } from '../emulators/tes';
import { createTriggerHarness, type TriggerHarness, type TriggerHarnessOptions } from '../harness';
import { connectTesTrigger, TES_TRIGGER_BRANDS } from './tesTriggerFixture';
import { WebhookBridge } from './webhookBridge';

const OWNER_ID = 'owner-7';
const TOKEN = 'tes-token-never-logged';
const [SARV] = TES_TRIGGER_BRANDS;
const HEADER = 'x-sarvtes-signature';
const MINUTE = 60_000;

let tes: TesEmulator;
let bridge: WebhookBridge;
let offsetMs = 0;
const realNow = Date.now.bind(Date);

beforeAll(async () => {
	tes = await TesEmulator.start({ brand: 'sarv', ownerId: OWNER_ID, token: TOKEN });
	bridge = await WebhookBridge.start();
});
afterAll(async () => {
	await tes.close();
	await bridge.close();
});
beforeEach(() => {
	offsetMs = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
	tes.webhooks = [];
	tes.clearRequests();
	tes.clearFaults();
	bridge.received.length = 0;
});
afterEach(() => jest.restoreAllMocks());

function sarvTrigger(options: Partial<TriggerHarnessOptions> = {}): TriggerHarness {
	return connectTesTrigger({ tes, bridge }, SARV, { ownerId: OWNER_ID, token: TOKEN }, {
		workflowName: 'Bounces to CRM',
		webhookId: 'f0f0f0f0-0000-4000-8000-000000000012',
		...options,
	});
}

/** Provider calls a delivery can cause: the key re-reads. */
const keyReads = () => tes.requestsTo('settings/getWebhookInfo').length + tes.requestsTo('settings/listWebhook').length;
const warnings = (harness: TriggerHarness) => harness.logs.filter((entry) => entry.level === 'warn');

describe('Sarv Trigger under forged deliveries', () => {
	let harness: TriggerHarness;
	let webhookId: string;
	beforeEach(async () => {
		harness = sarvTrigger();
		await harness.activate();
		webhookId = tes.webhooks[0].webhook_id;
		tes.clearRequests();
	});
	const forge = (n: number) => tes.deliver(webhookId, [makeTesEvent('hard_bounce', { _id: `forged-${n}` })], { signatureKey: 'guessed-key' });

	test('60 forged deliveries, one a second, cost at most 2 key re-reads', async () => {
		for (let i = 0; i < 60; i++) {
			offsetMs = i * 1000;
			expect((await forge(i)).status).toBe(401);
		}
		expect(keyReads()).toBeGreaterThanOrEqual(1);
		expect(keyReads()).toBeLessThanOrEqual(2);
		expect(bridge.emitted).toHaveLength(0);
	});

	test('50 concurrent forged deliveries cost at most 2 key re-reads', async () => {
		const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => forge(i)));
		expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(401));
		expect(keyReads()).toBeLessThanOrEqual(2);
	});

	test.each([
		['is not a signature', 'not-a-signature'],
		['is too short to be SHA-1', 'c2hvcnQ='],
		['is empty', ''],
		['is white space', '   '],
	])('a signature header that %s is refused without any provider call', async (_name, signature) => {
		for (let i = 0; i < 5; i++) {
			const answer = await harness.receive({
				method: 'POST',
				headers: { 'content-type': 'application/json', [HEADER]: signature },
				body: JSON.stringify([makeTesEvent('open')]),
			});
			expect(answer.status).toBe(401);
		}
		expect(tes.requests).toHaveLength(0);
	});

	test('while the provider answers 429, forged deliveries cause no retry storm', async () => {
		tes.injectFault({ status: 429, headers: { 'Retry-After': '1' } }, { times: 1000 });
		for (let i = 0; i < 30; i++) {
			offsetMs = i * 10_000; // five minutes of forged traffic
			expect((await forge(i)).status).toBe(401);
		}
		// One attempt per re-read, and failed re-reads back off (2, 4 minutes...).
		expect(tes.requests.length).toBeLessThanOrEqual(3);
		expect(warnings(harness).every((entry) => entry.message.length < 1200)).toBe(true);
	});

	test('a re-read never waits for a hanging provider beyond its short timeout, and only once', async () => {
		tes.injectFault({ delayMs: 8000 }, { times: 100 });
		const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => forge(i)));
		expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill(401));
		expect(keyReads()).toBe(1);
	}, 20_000);

	test('a genuine key reset is still picked up within a minute of forged traffic', async () => {
		expect((await forge(0)).status).toBe(401); // forged traffic used the re-read slot
		expect(keyReads()).toBe(1);
		tes.webhooks[0].key = 'KeyResetInTheDashboard0001';
		offsetMs = 20_000;
		// Within the interval the new key is not read yet: the delivery is refused, TES retries it.
		expect((await tes.deliver(webhookId, [makeTesEvent('open')])).status).toBe(401);
		expect(keyReads()).toBe(1);
		offsetMs = MINUTE + 1000;
		expect((await tes.deliver(webhookId, [makeTesEvent('open')])).status).toBe(200);
		expect(keyReads()).toBe(2);
		expect(bridge.emitted.map((item) => item.json.event)).toEqual(['open']);
		// From then on the new key is the stored one: no more reads.
		expect((await tes.deliver(webhookId, [makeTesEvent('click')])).status).toBe(200);
		expect(keyReads()).toBe(2);
	});

	test('when n8n does not save the refreshed key (n8n 2.x), a key reset still costs one re-read, not one a minute', async () => {
		const lossy = sarvTrigger({ saveStaticDataOfExecutions: false });
		await lossy.activate();
		const lossyId = tes.webhooks.find((webhook) => webhook.url === lossy.webhookUrl())!.webhook_id;
		tes.findWebhook(lossyId)!.key = 'KeyResetInTheDashboard0003';
		tes.clearRequests();
		for (let minute = 0; minute < 5; minute++) {
			offsetMs = minute * 2 * MINUTE;
			expect((await tes.deliver(lossyId, [makeTesEvent('open', { _id: `genuine-${minute}` })])).status).toBe(200);
		}
		// The database still holds the old key; this process remembers the one it read.
		expect(lossy.staticData().registrations).toEqual({ [lossy.webhookUrl()]: expect.objectContaining({ key: expect.not.stringMatching('KeyResetInTheDashboard0003') }) });
		expect(keyReads()).toBe(1);
		expect(bridge.emitted).toHaveLength(5);
	});

	test('a key reset with no forged traffic before it is picked up at the first delivery', async () => {
		tes.webhooks[0].key = 'KeyResetInTheDashboard0002';
		expect((await tes.deliver(webhookId, [makeTesEvent('open')])).status).toBe(200);
		expect(keyReads()).toBe(1);
	});

	test('60 forged requests write one warning, without advice; the next one counts the rest', async () => {
		for (let i = 0; i < 60; i++) {
			offsetMs = i * 500;
			await forge(i);
		}
		expect(warnings(harness)).toHaveLength(1);
		expect(warnings(harness)[0].message).not.toMatch(/Verify Signature/);
		offsetMs = MINUTE + 1000;
		await forge(61);
		expect(warnings(harness)).toHaveLength(2);
		expect(warnings(harness)[1].message).toMatch(/59 more rejected requests were not logged/);
		expect(warnings(harness)[1].message).not.toMatch(/Verify Signature/);
	});

	test('the advice to turn Verify Signature off comes only when the same delivery keeps being refused over minutes', async () => {
		const delivery = [makeTesEvent('hard_bounce', { _id: 'retried-by-sarv' })];
		const retry = () => tes.deliver(webhookId, delivery, { signatureKey: 'a-scheme-we-do-not-know' });
		// A burst of replays is no retry pattern.
		for (let i = 0; i < 5; i++) await retry();
		offsetMs = 2 * MINUTE;
		await retry();
		const advised = warnings(harness).filter((entry) => /Verify Signature/.test(entry.message));
		expect(advised).toHaveLength(1);
		expect(advised[0].message).toMatch(/refused 6 times over 2 minutes/);
		expect(JSON.stringify(harness.logs)).not.toContain(tes.webhooks[0].key);
	});

	test('an unsigned request never gets the advice on its own', async () => {
		const answer = await tes.deliver(webhookId, [makeTesEvent('open')], { signature: 'none' });
		expect(answer.status).toBe(401);
		expect(warnings(harness)[0].message).toMatch(/header is missing/);
		expect(warnings(harness)[0].message).not.toMatch(/Verify Signature/);
	});

	test('a provider error text in the log is cut to a bounded length', async () => {
		const long = 'x'.repeat(5000);
		tes.injectFault({ status: 200, body: JSON.stringify({ status: 'error', code: -1, name: 'GeneralError', message: long }) }, { times: 5 });
		await forge(0);
		const [warning] = warnings(harness);
		expect(warning.message).toMatch(/could not be read from Sarv/);
		expect(warning.message.length).toBeLessThan(1000);
	});
});

describe('Sarv Trigger: a forged body costs no more than hashing it', () => {
	test('a 2 MB form body of 200,000 fields with a well-formed signature is never parsed into fields nor sorted', async () => {
		const harness = sarvTrigger();
		await harness.activate();
		tes.clearRequests();
		const body = Array.from({ length: 200_000 }, (_, i) => `f${i}=v`).join('&');
		const signature = createHmac('sha1', 'not-the-key').update(body).digest('base64');
		const sortedLengths: number[] = [];
		const sort = Array.prototype.sort;
		jest.spyOn(Array.prototype, 'sort').mockImplementation(function (this: unknown[], compare?: (a: unknown, b: unknown) => number) {
			sortedLengths.push(this.length);
			return sort.call(this, compare);
		});
		const answer = await harness.receive({
			method: 'POST',
			// A content type n8n does not parse: what happens to the bytes is the node's doing.
			headers: { 'content-type': 'application/octet-stream', [HEADER]: signature },
			body,
		});
		expect(answer.status).toBe(401);
		expect(Math.max(0, ...sortedLengths)).toBeLessThan(100);
	});
});

describe('Everlytic Trigger', () => {
	let everlytic: EverlyticEmulator;
	beforeAll(async () => {
		everlytic = await EverlyticEmulator.start({ username: 'api-user', apiKey: 'everlytic-api-key' });
	});
	afterAll(async () => await everlytic.close());

	function everlyticTrigger(): TriggerHarness {
		const harness = createTriggerHarness({
			nodeType: new EverlyticTrigger(),
			nodeName: 'Everlytic Trigger',
			parameters: { events: ['*'], options: {} } as never,
			credentials: { everlyticApi: { username: 'api-user', apiKey: 'everlytic-api-key', baseUrl: everlytic.baseUrl } },
			credentialTypes: [new EverlyticApi()],
			webhookBaseUrl: bridge.baseUrl,
			workflowName: 'Failed emails to Slack',
			webhookId: 'e0e0e0e0-0000-4000-8000-000000000012',
		});
		bridge.target = harness;
		return harness;
	}

	test('answers a GET probe on its production URL with 200 and a short body, starting nothing', async () => {
		const harness = everlyticTrigger();
		await harness.activate();
		everlytic.clearRequests();
		const answer = await harness.receive({ method: 'GET' });
		expect(answer.status).toBe(200);
		expect(answer.body).toBe('OK');
		expect(answer.items).toBeUndefined();
		expect(everlytic.requests).toHaveLength(0);
		// Deliveries stay POST-only: other methods are not served.
		expect((await harness.receive({ method: 'PUT' as never })).status).toBe(404);
	});

	test('forged deliveries write one warning a minute, counting the rest, with no advice', async () => {
		const harness = everlyticTrigger();
		await harness.activate();
		const webhookId = everlytic.webhooks[0].id;
		for (let i = 0; i < 30; i++) {
			await everlytic.deliver(webhookId, makeEverlyticStandardEvent('bounce'), { auth: { username: 'n8n-guess', password: `guess-${i}` } });
		}
		offsetMs = MINUTE;
		await everlytic.deliver(webhookId, makeEverlyticStandardEvent('bounce'), { auth: 'none' });
		const logged = warnings(harness);
		expect(logged).toHaveLength(2);
		expect(logged[1].message).toMatch(/29 more rejected requests were not logged/);
		expect(logged.some((entry) => /Deactivate and activate/.test(entry.message))).toBe(false);
	});
});
