// The three triggers' life in a real n8n, as a user lives it, declared once and run by two test
// files: one per way n8n activates workflows (its default asynchronous publication service, and
// N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false). Per trigger: activation → exactly one registration
// with n8n's production URL and the chosen events (TES: its URL check answered) → genuine
// deliveries become executions whose items are the normalized events → forged deliveries are
// refused with 401 and start nothing → n8n restarted: still one registration, deliveries still
// arrive → deactivation deletes the registration. And a provider refusing the registration is an
// error the user sees, with nothing left registered.
import { randomUUID } from 'node:crypto';
import { EverlyticEmulator } from '../emulators/everlytic';
import { TesEmulator } from '../emulators/tes';
import { nodeOutputItems, startN8n } from './lib';
import type { ActivationResult, N8n, StoredCredential, StoredExecution } from './lib';
import { delay } from './lib/n8nProcess';
import { withN8nLog, withN8nLogSince } from './lib/withN8nLog';
import { everlyticTrigger, tesTrigger } from './triggerProviders';
import type { DeliveryRound, TriggerUnderTest } from './triggerProviders';

interface ActiveTrigger {
	workflowId: string;
	triggerName: string;
	/** The trigger's production webhook URL. */
	url: string;
	/** The provider's id of the registration activation made. */
	registrationId: string;
}

/** Polls until `condition` holds; throws `what` after `timeoutMs`. */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for: ${what}`);
		await delay(100);
	}
}

/**
 * Waits until no emulator has received a request for `quietMs`: after a start, n8n re-activates
 * workflows in the background, and the provider calls it makes must all be counted.
 */
async function waitForQuiet(triggers: TriggerUnderTest[], quietMs = 1500, timeoutMs = 20000): Promise<void> {
	const lastRequest = () => Math.max(0, ...triggers.flatMap((t) => t.emulator.requests.map((request) => request.receivedAt)));
	await waitFor(`the providers to receive no request for ${quietMs} ms`, () => Date.now() - lastRequest() >= quietMs, timeoutMs);
}

/** The workflow's executions once exactly `count` have finished and no more follow shortly. */
async function settledExecutions(n8n: N8n, workflowId: string, count: number): Promise<StoredExecution[]> {
	await n8n.waitForExecutions(workflowId, count);
	// An execution a delivery should not have started would be stored within this pause.
	await delay(500);
	const executions = await n8n.executions(workflowId);
	expect(executions.map((execution) => execution.status)).toEqual(Array(count).fill('success'));
	return executions;
}

function answers(round: { responses: Array<{ status: number; body: string }> }): Array<{ status: number; body: string }> {
	return round.responses.map(({ status, body }) => ({ status, body }));
}

/** Each new execution outputs, from the trigger, exactly the items the round expects. */
function expectRoundItems(executions: StoredExecution[], round: DeliveryRound, triggerName: string): void {
	expect(executions.map((execution) => execution.mode)).toEqual(Array(executions.length).fill('webhook'));
	expect(executions.map((execution) => nodeOutputItems(execution, triggerName))).toEqual(round.executions);
}

export function describeTriggerLifecycle(publicationService: boolean): void {
	const mode = publicationService ? 'asynchronous publication (n8n default)' : 'synchronous activation (publication service off)';
	let n8n: N8n | undefined;
	const live = (): N8n => {
		if (!n8n) throw new Error('n8n did not start: see the beforeAll failure');
		return n8n;
	};
	const logged = <Args extends unknown[]>(body: (...args: Args) => Promise<void>) => withN8nLog(() => n8n, body);

	// Sarv receives everything; SendClean and Everlytic a subset, so that filtering shows too.
	const sarv = tesTrigger('sarv', ['*']);
	const sendClean = tesTrigger('sendclean', ['hard_bounce', 'spam']);
	const everlytic = everlyticTrigger(['bounce', 'failed']);
	const triggers = [sarv, sendClean, everlytic];
	const each = triggers.map((trigger) => [trigger.label, trigger] as const);
	const tesEach = [sarv, sendClean].map((trigger) => [trigger.label, trigger] as const);
	const active = new Map<string, ActiveTrigger>();
	const activeTrigger = (trigger: TriggerUnderTest): ActiveTrigger => {
		const found = active.get(trigger.label);
		if (!found) throw new Error(`${trigger.label}: its activation test failed, so this step cannot run`);
		return found;
	};

	beforeAll(async () => {
		n8n = await startN8n({ publicationService });
		for (const trigger of triggers) await trigger.setUp(n8n);
	}, 180000);

	afterAll(async () => {
		await n8n?.stop();
		for (const trigger of triggers) await trigger.close();
	});

	describe(`${mode}: each trigger from activation to deactivation`, () => {
		test.each(each)(
			"%s: activation registers exactly one webhook, with n8n's production URL and the chosen events",
			logged(async (_label, trigger) => {
				const n8n = live();
				const { workflow, trigger: node, webhookUrl } = await n8n.createWorkflowWithTrigger(trigger.triggerType, trigger.parameters, {
					credential: trigger.credential,
					name: `${trigger.label} lifecycle`,
				});
				expect(webhookUrl).toBe(`${n8n.baseUrl}/webhook/${node.webhookId}/webhook`);

				const registeredBefore = trigger.emulator.webhooks.length;
				expect(await n8n.publishWorkflow(workflow.id)).toMatchObject({ status: 'published', errors: [] });
				expect((await n8n.getWorkflow(workflow.id)).active).toBe(true);

				const registrations = trigger.registrations(webhookUrl);
				expect(registrations).toEqual([{ id: expect.any(String), url: webhookUrl, events: trigger.subscribedEvents }]);
				expect(trigger.registrationCalls(webhookUrl)).toBe(1);
				expect(trigger.emulator.webhooks).toHaveLength(registeredBefore + 1);
				if (trigger.emulator instanceof TesEmulator) {
					// TES checked the URL before accepting it: n8n's production URL answered.
					const probes = trigger.emulator.handshakes.filter((probe) => probe.url === webhookUrl);
					expect(probes).toEqual([expect.objectContaining({ method: 'GET', status: 200, body: trigger.handshakeText, passed: true })]);
				}
				active.set(trigger.label, { workflowId: workflow.id, triggerName: node.name, url: webhookUrl, registrationId: registrations[0].id });
			}),
		);

		test.each(tesEach)(
			'%s: the production URL answers the URL check to GET, HEAD and POST, and starts nothing',
			logged(async (_label, trigger) => {
				const { url, workflowId } = activeTrigger(trigger);
				for (const method of ['GET', 'HEAD', 'POST']) {
					const response = await fetch(url, { method });
					expect({ method, status: response.status, body: await response.text() }).toEqual({
						method,
						status: 200,
						body: method === 'HEAD' ? '' : trigger.handshakeText,
					});
				}
				await delay(500);
				expect(await live().executions(workflowId)).toEqual([]);
			}),
		);

		test.each(each)(
			"%s: the provider's authenticated deliveries become executions whose items are the normalized events",
			logged(async (_label, trigger) => {
				const n8n = live();
				const { workflowId, triggerName, registrationId } = activeTrigger(trigger);
				const before = (await n8n.executions(workflowId)).length;
				const round = await trigger.deliverDocumented(registrationId);
				expect(answers(round)).toEqual(round.responses.map(() => trigger.acceptedAnswer));
				const executions = await settledExecutions(n8n, workflowId, before + round.executions.length);
				expectRoundItems(executions.slice(before), round, triggerName);
			}),
		);

		// A key reset at the provider: the trigger reads the new key once and stores it in the
		// workflow's static data from webhook(). n8n 2.x (2.41.1) does not save static data that
		// webhook() changed when the request starts an execution (WorkflowRunner's
		// establishContextForPersistence() re-wraps the same staticData object, which clears its
		// change flag before LiveWebhooks saves); the trigger then uses the key it remembers in the
		// process (nodes/shared/trigger/refreshedKeys.ts). n8n 1.x saves it. Either way the
		// deliveries after the first one cost no provider call.
		const keyReads = new Map<string, { before: number; afterFirst: number; afterAll: number }>();
		const tesKeyReads = (trigger: TriggerUnderTest) =>
			(trigger.emulator as TesEmulator).requestsTo('settings/getWebhookInfo').length +
			(trigger.emulator as TesEmulator).requestsTo('settings/listWebhook').length;
		test.each(tesEach)(
			'%s: after a key reset at the provider, the next genuine deliveries are accepted and become executions',
			logged(async (_label, trigger) => {
				const n8n = live();
				const tes = trigger.emulator as TesEmulator;
				const { workflowId, triggerName, registrationId } = activeTrigger(trigger);
				const before = (await n8n.executions(workflowId)).length;
				const reset = await fetch(`${tes.baseUrl}settings/keyResetWebhook`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ owner_id: tes.ownerId, token: tes.token, webhook_id: registrationId }),
				});
				expect(reset.status).toBe(200);
				const reads = { before: tesKeyReads(trigger), afterFirst: 0, afterAll: 0 };
				const first = await trigger.deliverOne(registrationId, `after-reset-1-${randomUUID().slice(0, 8)}`);
				reads.afterFirst = tesKeyReads(trigger);
				const second = await trigger.deliverOne(registrationId, `after-reset-2-${randomUUID().slice(0, 8)}`);
				reads.afterAll = tesKeyReads(trigger);
				expect([...answers(first), ...answers(second)]).toEqual([trigger.acceptedAnswer, trigger.acceptedAnswer]);
				// The first delivery after the reset made the trigger ask the provider for the key, once.
				expect(reads.afterFirst - reads.before).toBe(1);
				const executions = await settledExecutions(n8n, workflowId, before + 2);
				expectRoundItems(executions.slice(before, before + 1), first, triggerName);
				expectRoundItems(executions.slice(before + 1), second, triggerName);
				keyReads.set(trigger.label, reads);
			}),
		);
		test.each(tesEach)(
			'%s: after a key reset, the refreshed key is kept: the delivery after the first one does not ask the provider again',
			logged(async (label) => {
				const reads = keyReads.get(label);
				if (!reads) return; // The key reset test failed: nothing to check (reported as a failure here too).
				expect(reads.afterAll - reads.afterFirst).toBe(0);
			}),
		);

		test(
			'n8n restarted: each trigger still has exactly one registration, the same, and deliveries still arrive',
			logged(async () => {
				const n8n = live();
				const before = triggers.map((trigger) => ({
					registrationCalls: trigger.registrationCalls(activeTrigger(trigger).url),
					listCalls: trigger.listCalls(),
					executions: 0,
				}));
				for (const [index, trigger] of triggers.entries()) {
					before[index].executions = (await n8n.executions(activeTrigger(trigger).workflowId)).length;
				}

				await n8n.restart();
				// n8n serves the production URLs again once it has re-activated the workflows.
				await waitFor('n8n to serve the Sarv production URL again', async () => {
					const answer = await fetch(activeTrigger(sarv).url).catch(() => undefined);
					return answer?.status === 200;
				});
				if (!publicationService) {
					// Without the publication service n8n asks each trigger again whether its webhook
					// exists (the trigger lists the provider's webhooks): it must adopt the one it
					// finds, not add a second one.
					await waitFor(
						'n8n to ask every trigger whether its webhook exists',
						() => triggers.every((trigger, index) => trigger.listCalls() > before[index].listCalls),
						30000,
					);
				}
				await waitForQuiet(triggers);

				for (const [index, trigger] of triggers.entries()) {
					const { url, registrationId } = activeTrigger(trigger);
					expect({ trigger: trigger.label, registrations: trigger.registrations(url).map((registration) => registration.id) }).toEqual({
						trigger: trigger.label,
						registrations: [registrationId],
					});
					expect(trigger.registrationCalls(url)).toBe(before[index].registrationCalls);
				}

				for (const [index, trigger] of triggers.entries()) {
					const { workflowId, triggerName, registrationId } = activeTrigger(trigger);
					const round = await trigger.deliverOne(registrationId, `after-restart-${randomUUID().slice(0, 8)}`);
					expect({ trigger: trigger.label, answers: answers(round) }).toEqual({ trigger: trigger.label, answers: [trigger.acceptedAnswer] });
					const executions = await settledExecutions(n8n, workflowId, before[index].executions + 1);
					expectRoundItems(executions.slice(before[index].executions), round, triggerName);
				}
			}),
			120000,
		);

		// After the key reset and the restart: a refused request claims the trigger's key re-read
		// slot for a minute (nodes/shared/trigger/keyReReadLimiter.ts), so a key reset right after
		// forged traffic is picked up only once that minute is over (forgedTraffic covers that).
		test.each(each)(
			'%s: a delivery without valid authentication is answered 401, starts nothing, and n8n logs why',
			logged(async (_label, trigger) => {
				const n8n = live();
				const { workflowId, triggerName, registrationId } = activeTrigger(trigger);
				const before = (await n8n.executions(workflowId)).length;
				const mark = n8n.logMark();
				const forged = await trigger.deliverForged(registrationId);
				expect(forged.map((response) => response.status)).toEqual(forged.map(() => 401));
				// A genuine delivery right after is the only one that starts an execution.
				const genuine = await trigger.deliverOne(registrationId, `after-forged-${randomUUID().slice(0, 8)}`);
				expect(answers(genuine)).toEqual([trigger.acceptedAnswer]);
				const executions = await settledExecutions(n8n, workflowId, before + 1);
				expectRoundItems(executions.slice(before), genuine, triggerName);
				const warnings = n8n.logSince(mark).split('\n').filter((line) => trigger.rejectionLogged.test(line));
				// At most one warning per webhook a minute (issue 12.6); the next one counts the rest.
				expect(warnings).toHaveLength(1);
			}),
		);

		test.each(each)(
			'%s: deactivation deletes the registration and n8n stops serving the URL',
			logged(async (_label, trigger) => {
				const n8n = live();
				const { workflowId, url, registrationId } = activeTrigger(trigger);
				await n8n.deactivateWorkflow(workflowId);
				await waitFor(`${trigger.label} to hold no webhook for ${url}`, () => trigger.registrations(url).length === 0);
				expect(trigger.deletedIds()).toContain(registrationId);
				expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(404);
				expect((await n8n.getWorkflow(workflowId)).active).toBe(false);
				await n8n.deleteWorkflow(workflowId);
			}),
		);
	});

	// TES does not publish how it checks the URL; its emulator plays each method (a POST probe
	// carries an unsigned empty batch `[]`). Every one must let the activation through. How n8n
	// activates does not matter here, so this runs once, where a failed activation settles at once.
	if (!publicationService) describe(`${mode}: the TES URL check, whichever HTTP method the provider probes with`, () => {
		test.each(['HEAD', 'POST'] as const)(
			'Sarv probing with %s: the activation passes the check and registers one webhook',
			logged(async (method) => {
				const n8n = live();
				const tes = sarv.emulator as TesEmulator;
				tes.setQuirks({ handshakeMethod: method });
				try {
					const { workflow, webhookUrl } = await n8n.createWorkflowWithTrigger(sarv.triggerType, sarv.parameters, {
						credential: sarv.credential,
						name: `Sarv probed with ${method}`,
					});
					const result = await n8n.publishWorkflow(workflow.id);
					expect(tes.handshakes.filter((probe) => probe.url === webhookUrl)).toEqual([
						expect.objectContaining({ method, status: 200, passed: true }),
					]);
					expect(result).toMatchObject({ status: 'published', errors: [] });
					expect(sarv.registrations(webhookUrl)).toHaveLength(1);
					await n8n.deactivateWorkflow(workflow.id);
					await waitFor(`Sarv to hold no webhook for ${webhookUrl}`, () => sarv.registrations(webhookUrl).length === 0);
					await n8n.deleteWorkflow(workflow.id);
				} finally {
					tes.setQuirks({ handshakeMethod: 'GET' });
				}
			}),
		);
	});

	describe(`${mode}: a provider refusing the registration`, () => {
		interface Refusal {
			title: string;
			trigger: TriggerUnderTest;
			/** Makes the provider refuse; returns the credential the workflow uses. */
			prepare(n8n: N8n): Promise<StoredCredential>;
			/** What the user must see, and what the provider must hold afterwards. */
			check(n8n: N8n, outcome: RefusalOutcome): Promise<void>;
		}
		interface RefusalOutcome {
			workflowId: string;
			webhookUrl: string;
			result: ActivationResult;
		}

		/** A refused activation: the node's message in the editor, nothing registered, nothing served. */
		const expectRefused = (trigger: TriggerUnderTest, message: RegExp) => async (n8n: N8n, outcome: RefusalOutcome) => {
			expect(outcome.result.status).toBe('failed');
			expect(outcome.result.errors).toEqual([expect.stringMatching(message)]);
			expect(trigger.registrations(outcome.webhookUrl)).toEqual([]);
			if (!publicationService) {
				// Synchronous activation rolls the workflow back. (With the publication service n8n
				// keeps it published with a failed trigger, which the publication status shows.)
				expect((await n8n.getWorkflow(outcome.workflowId)).active).toBe(false);
				expect((await fetch(outcome.webhookUrl, { method: 'POST', body: '{}' })).status).toBe(404);
			}
		};

		const badCredential = (n8n: N8n, type: string, data: Record<string, unknown>) =>
			n8n.createCredential(type, `wrong ${type} ${randomUUID().slice(0, 8)}`, data);

		const refusals: Refusal[] = [
			{
				title: "Sarv refuses the URL (its check of the URL failed): the activation fails with Sarv's message",
				trigger: sarv,
				async prepare() {
					// What TES answers when the URL does not reply "God bless you, Sarv", to every
					// attempt n8n makes.
					(sarv.emulator as TesEmulator).injectFault(
						{
							status: 200,
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({ status: 'error', code: -1, name: 'ValidationError', message: "url must always response 'God bless you, Sarv'" }),
						},
						{ path: 'settings/addWebhook', times: 10 },
					);
					return sarv.credential;
				},
				check: expectRefused(sarv, /^Sarv: url must always response 'God bless you, Sarv'$/),
			},
			{
				title: "SendClean refuses the token: the activation fails with SendClean's message",
				trigger: sendClean,
				async prepare(n8n) {
					const tes = sendClean.emulator as TesEmulator;
					return await badCredential(n8n, 'sendCleanApi', { ownerId: tes.ownerId, token: 'not-the-token', appDomain: '', baseUrl: tes.baseUrl });
				},
				check: expectRefused(sendClean, /^SendClean: Token MissMatch$/),
			},
			{
				title: "Everlytic refuses the API key: the activation fails with Everlytic's message",
				trigger: everlytic,
				async prepare(n8n) {
					const emulator = everlytic.emulator as EverlyticEmulator;
					return await badCredential(n8n, 'everlyticApi', { username: emulator.username, apiKey: 'not-the-key', baseUrl: emulator.baseUrl });
				},
				check: expectRefused(everlytic, /^Everlytic: Login Required/),
			},
			{
				title: 'SendClean answers one registration with HTTP 503: the trigger settles it and registers exactly one webhook',
				trigger: sendClean,
				async prepare() {
					(sendClean.emulator as TesEmulator).injectFault({ status: 503 }, { path: 'settings/addWebhook', times: 1 });
					return sendClean.credential;
				},
				async check(_n8n, outcome) {
					expect(outcome.result).toMatchObject({ status: 'published', errors: [] });
					expect(sendClean.registrations(outcome.webhookUrl)).toHaveLength(1);
				},
			},
		];

		let mark = 0;
		const outcomes = new Map<string, Promise<RefusalOutcome>>();

		async function publishRefused(refusal: Refusal): Promise<RefusalOutcome> {
			const n8n = live();
			const credential = await refusal.prepare(n8n);
			const { workflow, webhookUrl } = await n8n.createWorkflowWithTrigger(refusal.trigger.triggerType, refusal.trigger.parameters, {
				credential,
				name: refusal.title.slice(0, 60),
			});
			// n8n retries a failing activation for about 16 s before it reports it failed.
			return { workflowId: workflow.id, webhookUrl, result: await n8n.publishWorkflow(workflow.id, 60000) };
		}

		beforeAll(() => {
			// All at once: with the publication service each refusal takes n8n's retries (about
			// 16 s) to settle, and n8n publishes up to 5 workflows at a time.
			// Without it activation settles at once, and one after the other: n8n 1.x's SQLite store
			// fails concurrent writes ("no such savepoint", "cannot commit - no transaction is active").
			mark = n8n?.logMark() ?? 0;
			let previous: Promise<unknown> = Promise.resolve();
			for (const refusal of refusals) {
				const outcome = n8n?.publicationService === false ? previous.then(async () => await publishRefused(refusal)) : publishRefused(refusal);
				previous = outcome.catch(() => undefined); // awaited by its test
				outcomes.set(refusal.title, outcome);
			}
		});

		afterAll(async () => {
			await Promise.allSettled(outcomes.values());
			for (const trigger of triggers) trigger.emulator.clearFaults();
		});

		test.each(refusals.map((refusal) => [refusal.title, refusal] as const))(
			'%s',
			async (title, refusal) => {
				const n8n = live();
				await withN8nLogSince(n8n, mark, async () => {
					const outcome = await (outcomes.get(title) as Promise<RefusalOutcome>);
					await refusal.check(n8n, outcome);
					await n8n.deactivateWorkflow(outcome.workflowId);
					await waitFor(`${refusal.trigger.label} to hold no webhook for ${outcome.webhookUrl}`, () => refusal.trigger.registrations(outcome.webhookUrl).length === 0);
					await n8n.deleteWorkflow(outcome.workflowId);
				});
			},
			90000,
		);
		// With the publication service n8n keeps retrying a failing activation on its own, so an
		// outage that outlasts the trigger's own retries is shown where activation settles at once.
		// It runs after the refusals above, which share the SendClean emulator's fault queue.
		if (!publicationService) {
			const outage: Refusal = {
				title: 'SendClean stays unavailable: the user sees why, and publishing again later registers exactly one webhook',
				trigger: sendClean,
				async prepare() {
					(sendClean.emulator as TesEmulator).injectFault({ status: 503 }, { path: 'settings/addWebhook', times: 50 });
					return sendClean.credential;
				},
				async check(n8n, outcome) {
					await expectRefused(sendClean, /^SendClean is unavailable \(HTTP 503\)/)(n8n, outcome);
					(sendClean.emulator as TesEmulator).clearFaults();
					expect(await n8n.publishWorkflow(outcome.workflowId)).toMatchObject({ status: 'published', errors: [] });
					expect(sendClean.registrations(outcome.webhookUrl)).toHaveLength(1);
				},
			};
			test(
				outage.title,
				async () => {
					await Promise.allSettled(outcomes.values());
					const n8n = live();
					await withN8nLogSince(n8n, n8n.logMark(), async () => {
						const outcome = await publishRefused(outage);
						await outage.check(n8n, outcome);
						await n8n.deactivateWorkflow(outcome.workflowId);
						await waitFor(`SendClean to hold no webhook for ${outcome.webhookUrl}`, () => sendClean.registrations(outcome.webhookUrl).length === 0);
						await n8n.deleteWorkflow(outcome.workflowId);
					});
				},
				90000,
			);
		}
	});
}
