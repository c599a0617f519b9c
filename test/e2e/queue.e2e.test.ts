// n8n scaled out in queue mode (test/e2e/lib/queueCluster.ts): PostgreSQL, Redis, one main, two
// webhook processors and a worker, each with our packed package installed. Our triggers'
// create()/checkExists()/delete() run in main and their webhook() in the processors, so
// everything a trigger remembers (its registration, the Sarv signing key, the Everlytic Basic
// password, a key refreshed after a reset at the provider) must travel through the database.
// Per trigger (Sarv, Everlytic): activation on main → one registration with the public URL →
// authenticated deliveries posted alternately straight to both processors, many at once, each
// run by the worker exactly once → forged ones refused by either processor → (Sarv) a key reset at
// the provider is picked up once and shared → main restarted: still one registration, deliveries
// still run → deactivation on main deletes the registration and the processors stop serving it.
import { randomUUID } from 'node:crypto';
import { EverlyticEmulator, makeEverlyticStandardEvent } from '../emulators/everlytic';
import type { OutboundResponse } from '../emulators/httpEmulator';
import { makeTesEvent, TES_BRANDS, TesEmulator } from '../emulators/tes';
import { n8nFlavor, nodeOutputItems, QueueCluster } from './lib';
import type { N8n, StoredCredential, StoredExecution } from './lib';
import { delay } from './lib/n8nProcess';

/** Deliveries per trigger in the volume test, and how many are in flight at once. */
const DELIVERIES = Number(process.env.E2E_QUEUE_DELIVERIES ?? 120);
const CONCURRENCY = 12;
/** Sarv batches several events per delivery (documented); Everlytic sends one per request. */
const SARV_EVENTS_PER_DELIVERY = 3;

// Queue mode is proven on the pinned 2.x; the 1.x run covers the single-instance suite only.
const describeQueue = n8nFlavor() === '2x' ? describe : describe.skip;
if (n8nFlavor() !== '2x') {
	process.stderr.write('e2e queue mode: skipped on n8n 1.x (queue mode is proven on the pinned n8n 2.x only)\n');
}

let cluster: QueueCluster | undefined;
const live = (): QueueCluster => {
	if (!cluster) throw new Error('the queue-mode cluster did not start: see the beforeAll failure');
	return cluster;
};

/** Polls until `condition` holds; throws `what` after `timeoutMs`. */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for: ${what}`);
		await delay(200);
	}
}

/** Runs `tasks` with at most `limit` in flight; results in task order. */
async function inParallel<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
	const results: T[] = new Array(tasks.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, tasks.length) }, async () => {
			while (next < tasks.length) {
				const index = next++;
				results[index] = await tasks[index]();
			}
		}),
	);
	return results;
}

/** A failing test says what every process of the cluster logged while it ran. */
function logged(body: () => Promise<void>): () => Promise<void> {
	return async () => {
		const marks = cluster?.logMarks();
		try {
			await body();
		} catch (error) {
			if (cluster && error instanceof Error) {
				const lines = cluster.logsSince(marks).split('\n');
				error.message += `\n\nThe cluster's log meanwhile (last 150 lines):\n${lines.slice(-150).map((line) => `  │ ${line}`).join('\n')}`;
			}
			throw error;
		}
	};
}

/** Exactly `count` finished executions, none started after them, all successful; oldest first. */
async function settledExecutions(n8n: N8n, workflowId: string, count: number): Promise<StoredExecution[]> {
	await n8n.waitForExecutions(workflowId, count, 600000);
	// An execution that should not exist would show within this pause.
	await delay(1000);
	const executions = await n8n.executions(workflowId);
	expect({ count: executions.length, statuses: [...new Set(executions.map((execution) => execution.status))] }).toEqual({
		count,
		statuses: ['success'],
	});
	return executions;
}

/** The processors' origins (`http://127.0.0.1:<port>`), for posting straight to each. */
function processorOrigins(): string[] {
	return live().webhookProcessors.map((processor) => processor.baseUrl);
}

interface ActiveWorkflow {
	workflowId: string;
	triggerName: string;
	url: string;
	registrationId: string;
}

describeQueue('n8n queue mode: main + two webhook processors + a worker, PostgreSQL, Redis', () => {
	let sarv: TesEmulator | undefined;
	let everlytic: EverlyticEmulator | undefined;
	let sarvCredential: StoredCredential | undefined;
	let everlyticCredential: StoredCredential | undefined;
	const active = new Map<'Sarv' | 'Everlytic', ActiveWorkflow>();
	const activeWorkflow = (label: 'Sarv' | 'Everlytic'): ActiveWorkflow => {
		const found = active.get(label);
		if (!found) throw new Error(`${label}: its activation test failed, so this step cannot run`);
		return found;
	};
	const tes = (): TesEmulator => sarv ?? (() => { throw new Error('the Sarv emulator did not start'); })();
	const ev = (): EverlyticEmulator => everlytic ?? (() => { throw new Error('the Everlytic emulator did not start'); })();

	const sarvRegistrationCalls = (url: string) =>
		tes().requestsTo('settings/addWebhook').filter((request) => (request.json as { url?: string } | undefined)?.url === url).length;
	const everlyticRegistrationCalls = (url: string) =>
		ev()
			.requestsTo(/\/webhooks$/)
			.filter((request) => request.method === 'POST' && (request.json as { url?: string } | undefined)?.url === url).length;
	const sarvKeyReads = () => tes().requestsTo('settings/getWebhookInfo').length + tes().requestsTo('settings/listWebhook').length;

	/** One genuine Sarv delivery of `count` hard bounces whose message ids start with `tag`. */
	const deliverSarv = async (origin: string, tag: string, count = 1): Promise<{ response: OutboundResponse; ids: string[] }> => {
		const { registrationId } = activeWorkflow('Sarv');
		const ids = Array.from({ length: count }, (_, index) => `${tag}-${index}`);
		const events = ids.map((id) => makeTesEvent('hard_bounce', { x_unique_id: id }));
		const response = await tes().deliver(registrationId, events, { sendToOrigin: origin, timeoutMs: 120000 });
		return { response, ids };
	};
	/** One genuine Everlytic delivery (one event) whose event id is `tag`. */
	const deliverEverlytic = async (origin: string, tag: string): Promise<{ response: OutboundResponse; ids: string[] }> => {
		const { registrationId } = activeWorkflow('Everlytic');
		const event = makeEverlyticStandardEvent('bounce', { id: tag });
		const response = (await ev().deliver(registrationId, event, { sendToOrigin: origin, timeoutMs: 120000 })) as OutboundResponse;
		return { response, ids: [tag] };
	};
	const SARV_OK = { status: 200, body: TES_BRANDS.sarv.handshakeText };
	const EVERLYTIC_OK = { status: 200, body: 'OK' };
	const answer = (response: OutboundResponse) => ({ status: response.status, body: response.body });

	beforeAll(async () => {
		cluster = await QueueCluster.start();
		process.stderr.write(
			`e2e queue mode: started in ${Object.entries(cluster.startSeconds)
				.map(([part, seconds]) => `${part} ${seconds.toFixed(1)} s`)
				.join(', ')}\n`,
		);
		const n8n = cluster.n8n;
		sarv = await TesEmulator.start({ brand: 'sarv', ownerId: 'owner-queue', token: 'token-queue' });
		everlytic = await EverlyticEmulator.start({ username: 'everlytic-queue', apiKey: 'everlytic-queue-key' });
		sarvCredential = await n8n.createCredential('sarvApi', 'Sarv (emulator)', {
			ownerId: sarv.ownerId,
			token: sarv.token,
			appDomain: '',
			baseUrl: sarv.baseUrl,
		});
		everlyticCredential = await n8n.createCredential('everlyticApi', 'Everlytic (emulator)', {
			username: everlytic.username,
			apiKey: everlytic.apiKey,
			baseUrl: everlytic.baseUrl,
		});
	}, 300000);

	afterAll(async () => {
		// Everything stops, also after a failure; the first error is reported after all stopped.
		const results = await Promise.allSettled([cluster?.stop(), sarv?.close(), everlytic?.close()]);
		const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;
	}, 120000);

	test(
		'activation on main registers exactly one webhook per trigger, with the public URL the webhook processors serve',
		logged(async () => {
			const n8n = live().n8n;
			const publicUrl = live().publicUrl;
			for (const [label, type, credential] of [
				['Sarv', 'sarvTrigger', sarvCredential],
				['Everlytic', 'everlyticTrigger', everlyticCredential],
			] as const) {
				const { workflow, trigger, webhookUrl } = await n8n.createWorkflowWithTrigger(type, { events: ['*'], options: {} }, {
					credential,
					name: `${label} in queue mode`,
				});
				expect(webhookUrl).toBe(`${publicUrl}webhook/${trigger.webhookId}/webhook`);
				expect(await n8n.publishWorkflow(workflow.id, 60000)).toMatchObject({ status: 'published', errors: [] });

				const registered =
					label === 'Sarv'
						? tes().webhooksForUrl(webhookUrl).map((webhook) => webhook.webhook_id)
						: ev().webhooksForUrl(webhookUrl).map((webhook) => webhook.id);
				expect({ label, registered: registered.length }).toEqual({ label, registered: 1 });
				expect(label === 'Sarv' ? sarvRegistrationCalls(webhookUrl) : everlyticRegistrationCalls(webhookUrl)).toBe(1);
				active.set(label, { workflowId: workflow.id, triggerName: trigger.name, url: webhookUrl, registrationId: registered[0] });
			}
			// Sarv checked the public URL before accepting it; a webhook processor answered.
			expect(tes().handshakes.filter((probe) => probe.url === activeWorkflow('Sarv').url)).toEqual([
				expect.objectContaining({ status: 200, body: TES_BRANDS.sarv.handshakeText, passed: true }),
			]);
			// Main serves no production webhook (its editor answers the GET): the processors behind
			// the public URL do.
			const path = new URL(activeWorkflow('Sarv').url).pathname;
			const fromMain = await fetch(`${n8n.baseUrl}${path}`, { method: 'POST', body: '[]' });
			expect({ status: fromMain.status, body: await fromMain.text() }).not.toEqual({ status: 200, body: TES_BRANDS.sarv.handshakeText });
			for (const origin of processorOrigins()) {
				const response = await fetch(`${origin}${path}`);
				expect({ origin, status: response.status, body: await response.text() }).toEqual({
					origin,
					status: 200,
					body: TES_BRANDS.sarv.handshakeText,
				});
			}
		}),
		180000,
	);

	describe.each([
		['Sarv', SARV_EVENTS_PER_DELIVERY],
		['Everlytic', 1],
	] as const)('%s', (label, eventsPerDelivery) => {
		const deliver = (origin: string, tag: string) =>
			label === 'Sarv' ? deliverSarv(origin, tag, eventsPerDelivery) : deliverEverlytic(origin, tag);
		const ok = label === 'Sarv' ? SARV_OK : EVERLYTIC_OK;

		test(
			`${DELIVERIES} deliveries (${DELIVERIES * eventsPerDelivery} events), ${CONCURRENCY} at a time, alternately to both webhook processors: each event is one normalized item of one execution the worker ran; none lost, none doubled`,
			logged(async () => {
				const n8n = live().n8n;
				const { workflowId, triggerName } = activeWorkflow(label);
				const before = (await n8n.executions(workflowId)).length;
				const origins = processorOrigins();
				const run = randomUUID().slice(0, 8);
				const rounds = await inParallel(
					Array.from({ length: DELIVERIES }, (_, index) => () => deliver(origins[index % origins.length], `${label}-${run}-${index}`)),
					CONCURRENCY,
				);
				const refused = rounds.map((round, index) => ({ index, ...answer(round.response) })).filter((round) => round.status !== ok.status || round.body !== ok.body);
				expect(refused).toEqual([]);

				const executions = (await settledExecutions(n8n, workflowId, before + DELIVERIES)).slice(before);
				const items = executions.flatMap((execution) => nodeOutputItems(execution, triggerName));
				const receivedIds = items.map((item) => String(label === 'Sarv' ? item.messageId : item.id)).sort();
				const sentIds = rounds.flatMap((round) => round.ids).sort();
				expect(receivedIds).toEqual(sentIds);
				expect(new Set(items.map((item) => `${item.provider}/${item.event}/${item.bounceType}`))).toEqual(
					new Set([`${label === 'Sarv' ? 'sarv' : 'everlytic'}/bounce/hard`]),
				);
				expect(executions.map((execution) => execution.mode)).toEqual(Array(DELIVERIES).fill('webhook'));
				// Every one of them ran in the worker.
				await waitFor('the worker to log every execution as finished', () => {
					const finished = new Set(live().executionsFinishedByWorker());
					return executions.every((execution) => finished.has(String(execution.id)));
				});
			}),
			900000,
		);
	});

	/** What the key-reset test saw, for the test of where the refreshed key ended up. */
	let keyReset: { newKey: string; readsAfterFirst: number; readsAfterAll: number } | undefined;

	test(
		'Sarv resets the key: the next genuine delivery to either processor is accepted, and deliveries to both processors keep being accepted and run',
		logged(async () => {
			const n8n = live().n8n;
			const { workflowId, registrationId, triggerName } = activeWorkflow('Sarv');
			const [first, second] = processorOrigins();
			const before = (await n8n.executions(workflowId)).length;
			const oldKey = tes().findWebhook(registrationId)?.key;

			// The key is reset at Sarv (its dashboard or API), not through n8n.
			const reset = await fetch(`${tes().baseUrl}settings/keyResetWebhook`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ owner_id: tes().ownerId, token: tes().token, webhook_id: registrationId }),
			});
			expect(reset.status).toBe(200);
			const newKey = String(tes().findWebhook(registrationId)?.key);
			expect(newKey).not.toBe(oldKey);

			const readsBefore = sarvKeyReads();
			const onFirst = await deliverSarv(first, `after-reset-1-${randomUUID().slice(0, 8)}`);
			expect(answer(onFirst.response)).toEqual(SARV_OK);
			// The stored key no longer matched: the processor asked Sarv once for the current one.
			expect(sarvKeyReads()).toBe(readsBefore + 1);
			const readsAfterFirst = sarvKeyReads();

			const onSecond = await deliverSarv(second, `after-reset-2-${randomUUID().slice(0, 8)}`);
			const again = await Promise.all([
				deliverSarv(first, `after-reset-3-${randomUUID().slice(0, 8)}`),
				deliverSarv(second, `after-reset-4-${randomUUID().slice(0, 8)}`),
			]);
			expect([onSecond, ...again].map((round) => answer(round.response))).toEqual([SARV_OK, SARV_OK, SARV_OK]);
			const executions = (await settledExecutions(n8n, workflowId, before + 4)).slice(before);
			expect(executions.flatMap((execution) => nodeOutputItems(execution, triggerName).map((item) => item.messageId)).sort()).toEqual(
				[onFirst, onSecond, ...again].flatMap((round) => round.ids).sort(),
			);
			keyReset = { newKey, readsAfterFirst, readsAfterAll: sarvKeyReads() };
			// Each processor reads the new key at most once: the one that took the first delivery
			// remembers it, the other reads it at its own first delivery (n8n 2.x does not save it,
			// see below; n8n 1.x would).
			expect(keyReset.readsAfterAll - readsAfterFirst).toBeLessThanOrEqual(1);
		}),
		180000,
	);

	// The trigger writes the refreshed key into the workflow's static data in webhook(). n8n 2.x
	// (2.41.1) does not save static data that webhook() changed when the request starts an
	// execution: WorkflowRunner.run() -> establishContextForPersistence() builds a second Workflow
	// on the same staticData object, and its ObservableObject.create() resets the object's
	// __dataChanged flag before LiveWebhooks calls saveStaticData(). So the database keeps the old
	// key; each processor then uses the key it read once (nodes/shared/trigger/refreshedKeys.ts, the
	// test above). n8n 1.x has no such step. Declared as failing on 2.x: when n8n fixes it, jest
	// reports this test and it becomes an ordinary one.
	const refreshedKeyTest = n8nFlavor() === '2x' ? test.failing : test;
	refreshedKeyTest(
		'after a key reset, the refreshed key reaches the database',
		logged(async () => {
			if (!keyReset) return; // The key reset test failed: nothing to check here (reported as a failure).
			const workflow = (await live().n8n.getWorkflow(activeWorkflow('Sarv').workflowId)) as { staticData?: unknown };
			expect(JSON.stringify(workflow.staticData ?? {})).toContain(keyReset.newKey);
		}),
	);

	test(
		'main restarted: each trigger still has exactly one registration, and deliveries to both processors still run',
		logged(async () => {
			const n8n = live().n8n;
			const sarvActive = activeWorkflow('Sarv');
			const everlyticActive = activeWorkflow('Everlytic');
			const registrationsBefore = [sarvRegistrationCalls(sarvActive.url), everlyticRegistrationCalls(everlyticActive.url)];
			const executionsBefore = [(await n8n.executions(sarvActive.workflowId)).length, (await n8n.executions(everlyticActive.workflowId)).length];

			await n8n.restart();
			// What main does with active workflows when it starts happens in the background.
			await waitFor('the providers to receive no request for 2 s', () => {
				const last = Math.max(0, ...[...tes().requests, ...ev().requests].map((request) => request.receivedAt));
				return Date.now() - last >= 2000;
			});

			expect(tes().webhooksForUrl(sarvActive.url).map((webhook) => webhook.webhook_id)).toEqual([sarvActive.registrationId]);
			expect(ev().webhooksForUrl(everlyticActive.url).map((webhook) => webhook.id)).toEqual([everlyticActive.registrationId]);
			expect([sarvRegistrationCalls(sarvActive.url), everlyticRegistrationCalls(everlyticActive.url)]).toEqual(registrationsBefore);

			const rounds = [];
			for (const origin of processorOrigins()) {
				rounds.push(await deliverSarv(origin, `after-restart-${randomUUID().slice(0, 8)}`));
				rounds.push(await deliverEverlytic(origin, `after-restart-${randomUUID().slice(0, 8)}`));
			}
			expect(rounds.map((round) => answer(round.response))).toEqual([SARV_OK, EVERLYTIC_OK, SARV_OK, EVERLYTIC_OK]);
			await settledExecutions(n8n, sarvActive.workflowId, executionsBefore[0] + 2);
			await settledExecutions(n8n, everlyticActive.workflowId, executionsBefore[1] + 2);
		}),
		300000,
	);

	// Forged requests come after the key reset: a refused request claims the trigger's key
	// re-read slot for a minute (nodes/shared/trigger/keyReReadLimiter.ts), so a key reset right
	// after forged traffic is picked up only once that minute is over (the provider retries the
	// refused delivery); forgedTraffic.e2e.test.ts shows that case.
	describe.each([
		['Sarv', SARV_EVENTS_PER_DELIVERY],
		['Everlytic', 1],
	] as const)('%s', (label, eventsPerDelivery) => {
		const deliver = (origin: string, tag: string) =>
			label === 'Sarv' ? deliverSarv(origin, tag, eventsPerDelivery) : deliverEverlytic(origin, tag);
		const ok = label === 'Sarv' ? SARV_OK : EVERLYTIC_OK;

		test(
			`a delivery without valid authentication is answered 401 by either webhook processor and starts nothing`,
			logged(async () => {
				const n8n = live().n8n;
				const { workflowId, registrationId, triggerName } = activeWorkflow(label);
				const before = (await n8n.executions(workflowId)).length;
				const forged: number[] = [];
				for (const origin of processorOrigins()) {
					if (label === 'Sarv') {
						const event = makeTesEvent('hard_bounce');
						forged.push((await tes().deliver(registrationId, [event], { signature: 'wrong', sendToOrigin: origin })).status);
						forged.push((await tes().deliver(registrationId, [event], { signature: 'none', sendToOrigin: origin })).status);
					} else {
						const event = makeEverlyticStandardEvent('bounce');
						const wrong = { username: ev().findWebhook(registrationId)?.auth_details?.username ?? 'n8n', password: 'guessed' };
						forged.push(((await ev().deliver(registrationId, event, { auth: wrong, sendToOrigin: origin })) as OutboundResponse).status);
						forged.push(((await ev().deliver(registrationId, event, { auth: 'none', sendToOrigin: origin })) as OutboundResponse).status);
					}
				}
				expect(forged).toEqual([401, 401, 401, 401]);
				// A genuine delivery after them is the only one that starts an execution.
				const genuine = await deliver(processorOrigins()[1], `${label}-after-forged-${randomUUID().slice(0, 8)}`);
				expect(answer(genuine.response)).toEqual(ok);
				const executions = await settledExecutions(n8n, workflowId, before + 1);
				const items = nodeOutputItems(executions[executions.length - 1], triggerName);
				expect(items.map((item) => String(label === 'Sarv' ? item.messageId : item.id)).sort()).toEqual([...genuine.ids].sort());
			}),
			180000,
		);
	});

	test(
		'deactivation on main deletes each registration, and the webhook processors stop serving the URL',
		logged(async () => {
			const n8n = live().n8n;
			for (const label of ['Sarv', 'Everlytic'] as const) {
				const { workflowId, url, registrationId } = activeWorkflow(label);
				await n8n.deactivateWorkflow(workflowId);
				const remaining = () => (label === 'Sarv' ? tes().webhooksForUrl(url).length : ev().webhooksForUrl(url).length);
				await waitFor(`${label} to hold no webhook for ${url}`, () => remaining() === 0);
				const deleted =
					label === 'Sarv'
						? tes()
								.requestsTo('settings/deleteWebhook')
								.map((request) => String((request.json as { webhook_id?: unknown } | undefined)?.webhook_id))
						: ev()
								.requests.filter((request) => request.method === 'DELETE')
								.map((request) => decodeURIComponent(request.path.split('/').pop() ?? ''));
				expect(deleted).toEqual([registrationId]);
				const path = new URL(url).pathname;
				for (const origin of processorOrigins()) {
					await waitFor(`${origin} to answer 404 for ${path}`, async () => (await fetch(`${origin}${path}`, { method: 'POST', body: '{}' })).status === 404);
				}
			}
		}),
		180000,
	);
});
