// The Sarv and SendClean triggers' recipient look-up in n8n's engine: deliveries from the TES
// emulator over HTTP, the look-up against its messages/getMessageInfo, counted call by call.
import { RECIPIENT_LOOKUP_BOUNDS } from '../../nodes/Tes/trigger/lookUpRecipients';
import {
	DEFAULT_TES_QUIRKS,
	makeTesEvent,
	TES_MESSAGE_ADDRESS_FIELDS,
	TES_MESSAGE_CONTAINERS,
	tesDocEvents,
} from '../emulators/tes';
import type { TriggerHarness } from '../harness';
import { connectTesTrigger, TES_TRIGGER_BRANDS, useTesEmulatorAndBridge } from './tesTriggerFixture';

const OWNER_ID = 'owner-lookup';
const TOKEN = 'tes-token-LOOKUP-never-logged';
const ACCOUNT = { ownerId: OWNER_ID, token: TOKEN };
const JANE = 'jane.doe@example.com';
const [DOC_HARD_BOUNCE, DOC_SOFT_BOUNCE] = tesDocEvents();
const HASHED = 'b0df23337efdcda913f1e8888014812b@example.com';


describe.each(TES_TRIGGER_BRANDS)('$brand trigger looks up recipients', ({ brand, node, credential, credentialName, name }) => {
	let harness: TriggerHarness;
	let webhookId: string;

	const env = useTesEmulatorAndBridge(brand, OWNER_ID, TOKEN);

	async function activate(options: Record<string, unknown> = {}, events: string[] = ['*']): Promise<void> {
		env.tes.webhooks = [];
		harness = connectTesTrigger(env, { node, credential, credentialName }, ACCOUNT, {
			parameters: { events, options } as never,
			workflowName: 'Bounces to CRM',
		});
		await harness.activate();
		webhookId = env.tes.webhooks[0].webhook_id;
		env.tes.clearRequests();
		env.bridge.received.length = 0;
	}
	beforeEach(async () => {
		env.tes.messages.clear();
		env.tes.clearFaults();
		env.tes.setQuirks({ ...DEFAULT_TES_QUIRKS });
		await activate();
	});
	const lookUps = () => env.tes.requestsTo('messages/getMessageInfo');
	const emitted = () => env.bridge.emitted.map((item) => item.json);
	const warnings = () => harness.logs.filter((entry) => entry.level === 'warn').map((entry) => entry.message);

	test('the documented hard bounce arrives with the address the message info holds', async () => {
		env.tes.seedMessage({ x_unique_id: DOC_HARD_BOUNCE.x_unique_id, email: JANE });
		const answer = await env.tes.deliver(webhookId, [DOC_HARD_BOUNCE]);
		expect(answer.status).toBe(200);
		expect(emitted()).toEqual([
			expect.objectContaining({ event: 'bounce', bounceType: 'hard', messageId: DOC_HARD_BOUNCE.x_unique_id, recipient: JANE, recipientSource: 'lookup', recipientMissingReason: null }),
		]);
		expect(lookUps().map((call) => call.json)).toEqual([{ owner_id: OWNER_ID, token: TOKEN, x_unique_id: DOC_HARD_BOUNCE.x_unique_id }]);
		expect(warnings()).toEqual([]);
	});

	test.each(TES_MESSAGE_CONTAINERS.flatMap((container) => TES_MESSAGE_ADDRESS_FIELDS.map((field) => [container, field] as const)))(
		'message under %s, address as %s',
		async (messageContainer, messageAddressField) => {
			env.tes.setQuirks({ messageContainer, messageAddressField, messagePageSize: 1 });
			env.tes.seedMessage({ x_unique_id: DOC_HARD_BOUNCE.x_unique_id, email: JANE });
			await env.tes.deliver(webhookId, [DOC_HARD_BOUNCE]);
			expect(emitted().map((event) => [event.recipient, event.recipientSource])).toEqual([[JANE, 'lookup']]);
			// One page is enough for the address, paged answer or not.
			expect(lookUps()).toHaveLength(1);
		},
	);

	test('one call per distinct message: a bounce and a complaint of one message share it', async () => {
		env.tes.seedMessage({ x_unique_id: DOC_SOFT_BOUNCE.x_unique_id, email: JANE });
		await env.tes.deliver(webhookId, tesDocEvents());
		const byEvent = Object.fromEntries(emitted().map((event) => [event.providerEvent, event]));
		// hard_bounce (message A, unknown), soft_bounce and spam (message B): two calls; send,
		// delivered, open and click are not looked up by default.
		expect(lookUps().map((call) => (call.json as { x_unique_id: string }).x_unique_id).sort()).toEqual([DOC_SOFT_BOUNCE.x_unique_id, DOC_HARD_BOUNCE.x_unique_id].sort());
		expect(byEvent.soft_bounce).toMatchObject({ recipient: JANE, recipientSource: 'lookup' });
		expect(byEvent.hard_bounce).toMatchObject({ recipient: null, recipientSource: null, recipientMissingReason: 'message not found' });
		expect(byEvent.open).toMatchObject({ recipient: null, recipientMissingReason: 'look-up not enabled for this event type' });
		// The report's hashed address gives way to the looked-up one, and stays in the complaint.
		expect(byEvent.spam).toMatchObject({ recipient: JANE, recipientSource: 'lookup', complaint: { originalRecipient: HASHED } });
		expect(warnings().join('\n')).toContain(`${DOC_HARD_BOUNCE.x_unique_id}: message not found`);
	});

	test(`a big delivery costs at most ${RECIPIENT_LOOKUP_BOUNDS.maxLookUps} calls; every event is still emitted and says why`, async () => {
		const bounces = Array.from({ length: 30 }, (_, i) => makeTesEvent('hard_bounce', { x_unique_id: `big-${i}` }));
		for (const bounce of bounces) env.tes.seedMessage({ x_unique_id: bounce.x_unique_id, email: `${bounce.x_unique_id}@example.com` });
		expect((await env.tes.deliver(webhookId, bounces)).status).toBe(200);
		expect(lookUps()).toHaveLength(RECIPIENT_LOOKUP_BOUNDS.maxLookUps);
		const events = emitted();
		expect(events).toHaveLength(30);
		expect(events.filter((event) => event.recipientSource === 'lookup')).toHaveLength(RECIPIENT_LOOKUP_BOUNDS.maxLookUps);
		expect(events.filter((event) => event.recipientMissingReason === 'look-up budget exhausted')).toHaveLength(30 - RECIPIENT_LOOKUP_BOUNDS.maxLookUps);
		expect(warnings().join('\n')).toMatch(/Look-ups are limited to 20 messages and 5 s per delivery/);
	});

	test('a provider that fails is asked once per message, never retried; the events arrive with the reason', async () => {
		env.tes.injectFault({ status: 503 }, { path: 'messages/getMessageInfo', times: 10 });
		const bounces = [makeTesEvent('hard_bounce'), makeTesEvent('soft_bounce')];
		expect((await env.tes.deliver(webhookId, bounces)).status).toBe(200);
		expect(lookUps()).toHaveLength(2);
		expect(emitted().map((event) => event.recipientMissingReason)).toEqual([
			`look-up failed: ${name} is unavailable (HTTP 503)`,
			`look-up failed: ${name} is unavailable (HTTP 503)`,
		]);
		expect(warnings().join('\n')).toContain('is unavailable (HTTP 503)');
		expect(JSON.stringify(harness.logs)).not.toContain(TOKEN);
	});

	test('a refused credential: the events arrive, the log says why and never shows the token', async () => {
		env.tes.injectFault({ status: 200, body: JSON.stringify({ status: 'error', code: -1, name: 'AuthenticationError', message: 'Token MissMatch' }) }, { path: 'messages/getMessageInfo' });
		await env.tes.deliver(webhookId, [makeTesEvent('hard_bounce')]);
		expect(emitted().map((event) => event.recipientMissingReason)).toEqual([`look-up failed: ${name}: Token MissMatch`]);
		expect(JSON.stringify(harness.logs)).not.toContain(TOKEN);
	});

	test('a provider that never answers holds the delivery no longer than the budget', async () => {
		env.tes.injectFault({ hang: true }, { path: 'messages/getMessageInfo' });
		env.tes.seedMessage({ x_unique_id: 'answered', email: JANE });
		const answer = await env.tes.deliver(webhookId, [makeTesEvent('hard_bounce', { x_unique_id: 'hangs' }), makeTesEvent('hard_bounce', { x_unique_id: 'answered' })]);
		expect(answer.status).toBe(200);
		expect(emitted().map((event) => [event.messageId, event.recipient, event.recipientMissingReason])).toEqual([
			['hangs', null, 'look-up budget exhausted'],
			['answered', JANE, null],
		]);
	});

	test('"Never" makes no call', async () => {
		await activate({ lookUpRecipient: 'never' });
		await env.tes.deliver(webhookId, [makeTesEvent('hard_bounce')]);
		expect(lookUps()).toHaveLength(0);
		expect(emitted().map((event) => event.recipientMissingReason)).toEqual(['look-up disabled']);
	});

	test('"For All Events" looks up opens and clicks too', async () => {
		await activate({ lookUpRecipient: 'allEvents' });
		const open = makeTesEvent('open');
		env.tes.seedMessage({ x_unique_id: open.x_unique_id, email: JANE });
		await env.tes.deliver(webhookId, [open]);
		expect(emitted().map((event) => [event.event, event.recipient, event.recipientSource])).toEqual([['open', JANE, 'lookup']]);
	});

	test('Output "Raw" emits the events as received and makes no call', async () => {
		await activate({ output: 'raw' });
		const bounce = makeTesEvent('hard_bounce');
		await env.tes.deliver(webhookId, [bounce]);
		expect(emitted()).toEqual([bounce]);
		expect(lookUps()).toHaveLength(0);
	});

	test('a forged delivery costs no provider call', async () => {
		const answer = await env.tes.deliver(webhookId, [makeTesEvent('hard_bounce')], { signature: 'wrong' });
		expect(answer.status).toBe(401);
		expect(lookUps()).toHaveLength(0);
	});

	test('events the user did not select cost no call', async () => {
		await activate({}, ['spam']);
		await env.tes.deliver(webhookId, [makeTesEvent('hard_bounce')]);
		expect(lookUps()).toHaveLength(0);
		expect(emitted()).toEqual([]);
	});
});
