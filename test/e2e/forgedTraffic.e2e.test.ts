// Forged traffic in a real n8n (issue 12): what a stranger posting to a published Sarv Trigger's
// production URL costs the user, counted at the TES emulator. n8n loads the trigger's static data
// for each request and saves it after webhook() returns, so these scenarios show that the key
// re-read slot the trigger claims there really holds across requests; a burst on a fresh webhook
// shows that concurrent mismatches share one re-read. A genuine delivery still gets through, and
// an Everlytic Trigger answers the GET probe that Delete Orphans asks, where n8n answers 404 for
// a URL no workflow serves.
import { randomUUID } from 'node:crypto';

import { EverlyticEmulator } from '../emulators/everlytic';
import { makeTesEvent, TesEmulator } from '../emulators/tes';
import { startN8n } from './lib';
import type { N8n, StoredCredential } from './lib';
import { delay } from './lib/n8nProcess';
import { withN8nLog } from './lib/withN8nLog';

let n8n: N8n | undefined;
let tes: TesEmulator;
let everlytic: EverlyticEmulator;
let sarvCredential: StoredCredential;
const live = (): N8n => {
	if (!n8n) throw new Error('n8n did not start: see the beforeAll failure');
	return n8n;
};
const logged = (body: () => Promise<void>) => withN8nLog(() => n8n, body);

beforeAll(async () => {
	n8n = await startN8n();
	tes = await TesEmulator.start({ brand: 'sarv', ownerId: 'owner-forged', token: 'token-forged' });
	everlytic = await EverlyticEmulator.start({ username: 'everlytic-user', apiKey: 'everlytic-api-key' });
	sarvCredential = await n8n.createCredential('sarvApi', 'Sarv (emulator)', {
		ownerId: tes.ownerId,
		token: tes.token,
		appDomain: '',
		baseUrl: tes.baseUrl,
	});
}, 180000);

afterAll(async () => {
	await n8n?.stop();
	await tes?.close();
	await everlytic?.close();
});

/** A published workflow with a Sarv Trigger; its webhook's id at the provider. */
async function publishedSarvTrigger(name: string): Promise<{ workflowId: string; webhookId: string; url: string }> {
	const { workflow, webhookUrl } = await live().createWorkflowWithTrigger('sarvTrigger', { events: ['*'], options: {} }, { credential: sarvCredential, name });
	expect(await live().publishWorkflow(workflow.id)).toMatchObject({ status: 'published', errors: [] });
	const [webhook] = tes.webhooksForUrl(webhookUrl);
	expect(webhook).toBeDefined();
	// Let n8n's own activation calls end before counting.
	await delay(1500);
	return { workflowId: workflow.id, webhookId: webhook.webhook_id, url: webhookUrl };
}

const keyReads = () => tes.requestsTo('settings/getWebhookInfo').length + tes.requestsTo('settings/listWebhook').length;
const forged = (webhookId: string, n: number) =>
	tes.deliver(webhookId, [makeTesEvent('hard_bounce', { _id: `forged-${n}-${randomUUID().slice(0, 6)}` })], { signatureKey: 'guessed-key' });

test(
	'60 forged deliveries after a key reset cost no further provider call; genuine deliveries still start executions',
	logged(async () => {
		const { workflowId, webhookId } = await publishedSarvTrigger('Forged traffic after a key reset');
		tes.clearRequests();
		const mark = live().logMark();

		// A key reset done in the dashboard: the next genuine delivery makes the one re-read.
		tes.findWebhook(webhookId)!.key = 'KeyResetInTheSarvDashboard1';
		expect((await tes.deliver(webhookId, [makeTesEvent('open')])).status).toBe(200);
		expect(keyReads()).toBe(1);

		// A minute's worth of forged traffic, in bursts of 20: the slot n8n saved holds.
		for (let round = 0; round < 3; round++) {
			const answers = await Promise.all(Array.from({ length: 20 }, async (_, i) => await forged(webhookId, round * 20 + i)));
			expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(401));
		}
		expect(keyReads()).toBe(1);

		expect((await tes.deliver(webhookId, [makeTesEvent('click')])).status).toBe(200);
		const executions = await live().waitForExecutions(workflowId, 2);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		const warnings = live().logSince(mark).split('\n').filter((line) => /Sarv Trigger rejected a delivery/.test(line));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).not.toMatch(/Verify Signature/);
	}),
);

test(
	'50 concurrent forged deliveries to a fresh webhook cost at most 2 provider calls',
	logged(async () => {
		const { workflowId, webhookId } = await publishedSarvTrigger('Concurrent forged traffic');
		tes.clearRequests();
		const answers = await Promise.all(Array.from({ length: 50 }, async (_, i) => await forged(webhookId, i)));
		expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(401));
		expect(keyReads()).toBeGreaterThanOrEqual(1);
		expect(keyReads()).toBeLessThanOrEqual(2);
		expect((await tes.deliver(webhookId, [makeTesEvent('spam')])).status).toBe(200);
		await live().waitForExecutions(workflowId, 1);
	}),
);

test(
	"an Everlytic Trigger answers Delete Orphans' GET probe on its production URL; an unserved URL is 404",
	logged(async () => {
		const credential = await live().createCredential('everlyticApi', 'Everlytic (emulator)', {
			username: everlytic.username,
			apiKey: everlytic.apiKey,
			baseUrl: everlytic.baseUrl,
		});
		const { workflow, webhookUrl } = await live().createWorkflowWithTrigger('everlyticTrigger', { events: ['*'], options: {} }, { credential, name: 'Everlytic probe' });
		expect(await live().publishWorkflow(workflow.id)).toMatchObject({ status: 'published', errors: [] });
		const probe = await fetch(webhookUrl);
		expect({ status: probe.status, body: await probe.text() }).toEqual({ status: 200, body: 'OK' });
		const unserved = await fetch(webhookUrl.replace(/\/webhook\/[^/]+\//, `/webhook/${randomUUID()}/`));
		expect(unserved.status).toBe(404);
		await delay(500);
		expect(await live().executions(workflow.id)).toEqual([]);
	}),
);
