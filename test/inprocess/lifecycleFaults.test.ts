// Slow and flaky providers against the trigger lifecycle, in n8n's engine: a registration the
// provider applied although its answer was lost (a reset connection, a gateway timeout), landing at
// once or late; two activations of one workflow at the same time; copies left for a URL at
// deactivation. After every step at most one webhook is registered for the trigger's URL, and it
// is the one the trigger remembers, with credentials that open it.
import { EverlyticApi } from '../../credentials/EverlyticApi.credentials';
import { EverlyticTrigger } from '../../nodes/Everlytic/EverlyticTrigger.node';
import { EverlyticEmulator, makeEverlyticStandardEvent } from '../emulators/everlytic';
import { TesEmulator } from '../emulators/tes';
import { createTriggerHarness, type TriggerHarness } from '../harness';
import { connectTesTrigger, TES_TRIGGER_BRANDS } from './tesTriggerFixture';
import { WebhookBridge } from './webhookBridge';

const OWNER_ID = 'owner-7';
const TOKEN = 'tes-token-never-logged';
const [SARV] = TES_TRIGGER_BRANDS;
const USERNAME = 'api-user';
const API_KEY = 'everlytic-api-key-never-logged';

let tes: TesEmulator;
let everlytic: EverlyticEmulator;
let bridge: WebhookBridge;

beforeAll(async () => {
	tes = await TesEmulator.start({ brand: 'sarv', ownerId: OWNER_ID, token: TOKEN });
	everlytic = await EverlyticEmulator.start({ username: USERNAME, apiKey: API_KEY });
	bridge = await WebhookBridge.start();
});
afterAll(async () => {
	await tes.close();
	await everlytic.close();
	await bridge.close();
});
beforeEach(() => {
	for (const emulator of [tes, everlytic]) {
		emulator.webhooks = [];
		emulator.clearRequests();
		emulator.clearFaults();
	}
});

/** The registration a harness remembers for its production URL. */
function registrationOf(harness: TriggerHarness): Record<string, string> | undefined {
	const registrations = harness.staticData().registrations as Record<string, Record<string, string>> | undefined;
	return registrations?.[harness.webhookUrl()];
}

/** Two activations of one workflow at the same time: both find nothing, then both register. */
async function activateTwiceAtOnce(first: TriggerHarness, second: TriggerHarness): Promise<void> {
	const hook = { httpMethod: 'POST' };
	expect(await first.runHook('checkExists', 'production', hook)).toBe(false);
	expect(await second.runHook('checkExists', 'production', hook)).toBe(false);
	await Promise.all([first.runHook('create', 'production', hook), second.runHook('create', 'production', hook)]);
}

/** Registrations the provider applies although the client never learns it. */
const landingLate = [
	['a reset connection, landing late', 'reset', 1],
	['a gateway timeout (504), landing late', 504, 1],
] as const;
const lostAnswers = [...landingLate, ['a gateway timeout (504), applied at once', 504, 0]] as const;

describe('Sarv trigger', () => {
	function trigger(): TriggerHarness {
		return connectTesTrigger({ tes, bridge }, SARV, { ownerId: OWNER_ID, token: TOKEN }, {
			workflowName: 'Bounces to CRM',
			webhookId: 'f00dfeed-0000-4000-8000-000000000011',
		});
	}
	const adds = () => tes.requestsTo('settings/addWebhook').length;

	// An add applied at once was already found by the read-back that followed a failed add.
	test.each(landingLate)('an add applied after %s is read back, never sent twice', async (_name, answer, lateByRequests) => {
		const harness = trigger();
		tes.injectFault({ appliedUnanswered: { answer, lateByRequests } }, { path: 'settings/addWebhook' });
		await harness.activate();
		await tes.landLateWrites();
		const registered = tes.webhooksForUrl(harness.webhookUrl());
		expect(registered).toHaveLength(1);
		expect(adds()).toBe(1);
		expect(registrationOf(harness)).toEqual({ webhookId: registered[0].webhook_id, key: registered[0].key });
	});

	test('two activations of one workflow at the same time leave one webhook, which both remember', async () => {
		const first = trigger();
		const second = trigger();
		await activateTwiceAtOnce(first, second);
		const registered = tes.webhooksForUrl(first.webhookUrl());
		expect(registered).toHaveLength(1);
		for (const harness of [first, second]) {
			expect(registrationOf(harness)).toEqual({ webhookId: registered[0].webhook_id, key: registered[0].key });
		}
	});

	test('deactivation removes every webhook registered for the URL, not only the remembered one', async () => {
		const harness = trigger();
		await harness.activate();
		// A copy that landed after the activation settled.
		tes.seedWebhook({ url: harness.webhookUrl() });
		tes.seedWebhook({ url: 'https://elsewhere.example/keep' });
		await harness.deactivate();
		expect(tes.webhooks.map((webhook) => webhook.url)).toEqual(['https://elsewhere.example/keep']);
		expect(harness.staticData()).toEqual({ registrations: {} });
	});
});

describe('Everlytic trigger', () => {
	function trigger(): TriggerHarness {
		const harness = createTriggerHarness({
			nodeType: new EverlyticTrigger(),
			parameters: { events: ['*'], options: {} } as never,
			credentials: { everlyticApi: { username: USERNAME, apiKey: API_KEY, baseUrl: everlytic.baseUrl } },
			credentialTypes: [new EverlyticApi()],
			webhookBaseUrl: bridge.baseUrl,
			workflowName: 'Failed emails to Slack',
			webhookId: 'f00dfeed-0000-4000-8000-000000000012',
		});
		bridge.target = harness;
		return harness;
	}
	const creates = () => everlytic.requests.filter((request) => request.method === 'POST').length;

	/** The one webhook for the URL opens with the credentials `harness` remembers. */
	async function expectDeliveredWith(harness: TriggerHarness, webhookId: string): Promise<void> {
		bridge.target = harness;
		const answer = await everlytic.deliver(webhookId, makeEverlyticStandardEvent('bounce'));
		expect(answer.status).toBe(200);
	}

	test.each(lostAnswers)(
		'a create applied after %s does not fail the activation: the webhook is adopted with credentials the trigger knows',
		async (_name, answer, lateByRequests) => {
			const harness = trigger();
			everlytic.injectFault({ appliedUnanswered: { answer, lateByRequests } }, { path: '/webhooks', method: 'POST' });
			await harness.activate();
			await everlytic.landLateWrites();
			const registered = everlytic.webhooksForUrl(harness.webhookUrl());
			expect(registered).toHaveLength(1);
			expect(creates()).toBe(1);
			const registration = registrationOf(harness)!;
			expect(registration.webhookId).toBe(registered[0].id);
			expect(registered[0].auth_details).toEqual({ username: registration.username, password: registration.password });
			await expectDeliveredWith(harness, registered[0].id);
		},
	);

	test('two activations of one workflow at the same time leave one webhook, which one of them opens', async () => {
		const first = trigger();
		const second = trigger();
		await activateTwiceAtOnce(first, second);
		const registered = everlytic.webhooksForUrl(first.webhookUrl());
		expect(registered).toHaveLength(1);
		// Everlytic never returns a password: the webhook carries the credentials of the
		// activation that settled last, and that one remembers them.
		const opener = [first, second].find(
			(harness) => registrationOf(harness)?.password === registered[0].auth_details?.password,
		);
		expect(opener).toBeDefined();
		expect(registrationOf(opener!)?.webhookId).toBe(registered[0].id);
		await expectDeliveredWith(opener!, registered[0].id);
	});

	test('deactivation removes every webhook registered for the URL, not only the remembered one', async () => {
		const harness = trigger();
		await harness.activate();
		// A copy that landed after the activation settled.
		everlytic.seedWebhook({ url: harness.webhookUrl() });
		everlytic.seedWebhook({ url: 'https://elsewhere.example/keep' });
		await harness.deactivate();
		expect(everlytic.webhooks.map((webhook) => webhook.url)).toEqual(['https://elsewhere.example/keep']);
		expect(harness.staticData()).toEqual({ registrations: {} });
	});
});
