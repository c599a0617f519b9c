// Deliveries as real TES receivers see them (issue 9) and hostile shapes of signed input
// (issue 12), sent by the TES emulator over real HTTP to the Sarv and SendClean triggers in
// n8n's engine: form fields named *_events beside other fields, Python-literal field values,
// and JSON nested 10,000 deep.
import { makeTesEvent, tesDocEvents } from '../emulators/tes';
import type { TriggerHarness } from '../harness';
import { connectTesTrigger, TES_TRIGGER_BRANDS, useTesEmulatorAndBridge } from './tesTriggerFixture';

const OWNER_ID = 'owner-7';
const TOKEN = 'tes-token-never-logged';
const ACCOUNT = { ownerId: OWNER_ID, token: TOKEN };


function nested(depth: number): string {
	return '['.repeat(depth) + ']'.repeat(depth);
}

describe.each(TES_TRIGGER_BRANDS)('$brand trigger receiving real-world delivery shapes', ({ brand, node, credential, credentialName }) => {
	let harness: TriggerHarness;
	let webhookId: string;

	const env = useTesEmulatorAndBridge(brand, OWNER_ID, TOKEN);
	beforeEach(async () => {
		env.tes.webhooks = [];
		env.tes.clearRequests();
		env.bridge.received.length = 0;
		harness = connectTesTrigger(env, { node, credential, credentialName }, ACCOUNT, {
			parameters: { events: ['*'], options: { lookUpRecipient: 'never' } } as never,
			workflowName: 'Deliveries',
			webhookId: 'a1b2c3d4-0000-4000-8000-0000000000d1',
		});
		await harness.activate();
		webhookId = env.tes.webhooks[0].webhook_id;
	});

	test.each([
		['sarvtes_events beside user_id, JSON', 'sarvtes_events', { user_id: '4711' }, 'json'],
		['sarvtes_events beside user_id, Python literal', 'sarvtes_events', { user_id: '4711' }, 'python'],
		['SendCleantes_events, Python literal', 'SendCleantes_events', {}, 'python'],
		['mandrill_events, Python literal', 'mandrill_events', {}, 'python'],
		['MANDRILL_EVENTS beside two other fields, JSON', 'MANDRILL_EVENTS', { user_id: '1', data: 'x' }, 'json'],
	] as const)('a form with %s produces one item per event', async (_name, formField, formExtraFields, formEncoding) => {
		const events = tesDocEvents();
		// Quotes of both kinds and a backslash inside a value, as a Python sender would write them.
		events[0].msg.bounceDesc = `it's "full" \\ ${brand}`;
		const answer = await env.tes.deliver(webhookId, events, { format: 'form', formField, formExtraFields, formEncoding });
		expect(answer.status).toBe(200);
		const items = env.bridge.emitted.map((item) => item.json);
		expect(items.map((item) => item.event)).toEqual(['bounce', 'bounce', 'sent', 'delivered', 'click', 'open', 'complaint']);
		expect(items[0]).toMatchObject({ provider: brand, reason: `it's "full" \\ ${brand}`, bounce: { code: 550 } });
		expect(items[6]).toMatchObject({ recipientSource: 'report', complaint: { feedbackType: 'abuse' } });
	});

	test('a form field that is neither JSON nor a Python literal is a 400 and starts nothing', async () => {
		const answer = await env.tes.deliver(webhookId, [], {
			rawBody: new URLSearchParams({ sarvtes_events: "[{'event': 'open', 'ts': }]", user_id: '1' }).toString(),
			contentType: 'application/x-www-form-urlencoded',
		});
		expect(answer.status).toBe(400);
		expect(answer.body).toBe('Bad Request: Body is not valid JSON');
		expect(env.bridge.emitted).toHaveLength(0);
	});

	test.each([
		['a bounce description', (deep: string) => `[{"event":"hard_bounce","x_unique_id":"u","ts":1,"msg":{"bounceDesc":${deep}}}]`],
		['an event of an unknown kind', (deep: string) => `[{"event":"reject","x_unique_id":"u","ts":1,"msg":{"detail":${deep}}}]`],
	])('JSON nested 10,000 deep in %s is a clear 400, not a crash', async (_name, body) => {
		const answer = await env.tes.deliver(webhookId, [], { rawBody: body(nested(10_000)), contentType: 'application/json' });
		expect(answer.status).toBe(400);
		expect(answer.body).toBe('Bad Request: Body is nested more than 64 levels deep');
		expect(env.bridge.emitted).toHaveLength(0);
	});

	test('the same shapes shallow are items, so the bound refuses only what no provider sends', async () => {
		const answer = await env.tes.deliver(webhookId, [{ ...makeTesEvent('hard_bounce'), msg: { bounceDesc: JSON.parse(nested(20)) as unknown } }]);
		expect(answer.status).toBe(200);
		expect(env.bridge.emitted).toHaveLength(1);
	});
});
