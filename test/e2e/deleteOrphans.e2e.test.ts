// Webhook -> Delete Orphans in a real n8n: each provider holds the registration of an active
// trigger workflow, a stale registration for a URL of this n8n that no workflow serves (what a
// workflow deleted while the provider was unreachable leaves behind), and one pointing elsewhere.
// The sweep asks n8n itself: the dry run reports only the stale one, the real run deletes only it.
// The Everlytic trigger takes POST only, so n8n's answer to the GET probe is its "not registered
// for GET requests" 404, which must count as served.
import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { TesEmulator } from '../emulators/tes';
import { actionWorkflow, succeeded } from './actionWorkflow';
import { startN8n } from './lib';
import type { N8n } from './lib';
import { withN8nLog } from './lib/withN8nLog';
import { everlyticTrigger, tesTrigger } from './triggerProviders';
import type { TriggerUnderTest } from './triggerProviders';

let n8n: N8n | undefined;
const live = (): N8n => {
	if (!n8n) throw new Error('n8n did not start: see the beforeAll failure');
	return n8n;
};
const logged = <Args extends unknown[]>(body: (...args: Args) => Promise<void>) => withN8nLog(() => n8n, body);

const sarv = tesTrigger('sarv', ['hard_bounce']);
const everlytic = everlyticTrigger(['bounce']);

beforeAll(async () => {
	n8n = await startN8n();
	for (const trigger of [sarv, everlytic]) await trigger.setUp(n8n);
}, 180000);

afterAll(async () => {
	await n8n?.stop();
	for (const trigger of [sarv, everlytic]) await trigger.close();
});

/** The provider's webhooks as [url, id] pairs, sorted. */
function registered(trigger: TriggerUnderTest): Array<[string, string]> {
	const { emulator } = trigger;
	const pairs: Array<[string, string]> =
		emulator instanceof TesEmulator
			? emulator.webhooks.map((webhook) => [webhook.url, webhook.webhook_id])
			: emulator.webhooks.map((webhook) => [webhook.url, webhook.id]);
	return pairs.sort();
}

describe.each([
	['Sarv', sarv, 'sarv'],
	['Everlytic', everlytic, 'everlytic'],
] as const)('%s: Webhook -> Delete Orphans', (label, trigger, actionType) => {
	test(
		'the dry run reports only the stale registration; the real run deletes only it',
		logged(async () => {
			const n8n = live();
			const { workflow, webhookUrl } = await n8n.createWorkflowWithTrigger(trigger.triggerType, trigger.parameters, {
				credential: trigger.credential,
				name: `${label} served trigger`,
			});
			await n8n.activateWorkflow(workflow.id);
			expect(trigger.registrations(webhookUrl)).toHaveLength(1);
			const staleUrl = `${n8n.baseUrl}/webhook/${randomUUID()}/webhook`;
			const elsewhereUrl = `https://elsewhere.example.com/${label.toLowerCase()}/hook`;
			trigger.emulator.seedWebhook({ url: staleUrl });
			trigger.emulator.seedWebhook({ url: elsewhereUrl });
			const before = registered(trigger);
			const staleId = before.find(([url]) => url === staleUrl)?.[1];

			const sweep = await actionWorkflow(n8n, actionType, trigger.credential, {
				resource: 'webhook',
				operation: 'deleteOrphans',
				dryRun: '={{ $json.body.dryRun }}',
			});
			const report = (items: IDataObject[]) => Object.fromEntries(items.map((item) => [String(item.url), item]));

			const dry = report(succeeded(await sweep.run({ dryRun: true })));
			expect(Object.keys(dry).sort()).toEqual([elsewhereUrl, staleUrl, webhookUrl].sort());
			expect(dry[webhookUrl]).toMatchObject({ served: true, action: 'kept' });
			expect(dry[staleUrl]).toMatchObject({ served: false, action: 'would delete', probeStatus: 404, webhookId: staleId });
			expect(dry[elsewhereUrl]).toMatchObject({ action: 'skipped' });
			// n8n's own webhook base URL was found without the user naming it.
			expect(dry[staleUrl].baseUrl).toBe(`${n8n.baseUrl}/`);
			expect(registered(trigger)).toEqual(before);

			const real = report(succeeded(await sweep.run({ dryRun: false })));
			expect(real[staleUrl]).toMatchObject({ action: 'deleted', webhookId: staleId });
			expect(real[webhookUrl]).toMatchObject({ action: 'kept' });
			expect(registered(trigger)).toEqual(before.filter(([url]) => url !== staleUrl));
			expect(trigger.deletedIds()).toEqual([staleId]);

			// The served trigger still works: its registration is untouched.
			expect(trigger.registrations(webhookUrl)).toHaveLength(1);
			await n8n.deactivateWorkflow(workflow.id);
		}),
	);
});
