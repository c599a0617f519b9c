// Part 2 (and part 3 in a real n8n): a real self-hosted n8n (test/e2e/lib) with the packed package
// installed, the provider emulators on 127.0.0.1, and four active workflows ending in a NoOp:
// n8n's own Webhook node (POST, respond immediately) and the Sarv and Everlytic triggers. autocannon
// posts the same bytes to the Webhook node and to each trigger (10 connections, 10 s after a warm-up),
// in alternating rounds, and reports deliveries/s and p50/p99 latency. n8n runs with
// EXECUTIONS_DATA_SAVE_ON_SUCCESS=none for all workflows alike. Provider calls per lifecycle step
// are read from the emulators' logs around activation, re-publish, restart and deactivation.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { EverlyticEmulator, makeEverlyticStandardEvent } from '../test/emulators/everlytic';
import type { RecordedRequest } from '../test/emulators/httpEmulator';
import { makeTesEvent, signTesDelivery, TES_EVENT_KINDS, TesEmulator } from '../test/emulators/tes';
import { findN8nInstallation, startN8n } from '../test/e2e/lib';
import type { N8n, TriggerWorkflow } from '../test/e2e/lib';
import { median, REPO_ROOT, writeResult } from './lib/common';

const QUICK = process.env.BENCH_QUICK === '1';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? (QUICK ? 4 : 10));
const WARMUP_S = 2;
// 'lazy-isolate': n8n with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, a second, shorter pass (plain
// Webhook node and the two triggers only). n8n 2.41 otherwise takes an expression isolate for every
// webhook request whose start node is not its own Webhook node (LiveWebhooks.webhookPhaseNeedsIsolate).
const PROFILE = process.env.BENCH_N8N_PROFILE === 'lazy-isolate' ? 'lazy-isolate' : 'default';
const LAZY = PROFILE === 'lazy-isolate';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK || LAZY ? 1 : 2));
const TES_EVENTS_PER_DELIVERY = 50;

const OWNER_ID = 'bench-owner';
const TOKEN = 'bench-token';
const EVERLYTIC_USER = 'bench-user';
const EVERLYTIC_KEY = 'bench-api-key';

interface AutocannonResult {
	requests: { average: number; total: number };
	'2xx': number;
	latency: { p50: number; p99: number; average: number };
	errors: number;
	timeouts: number;
	non2xx: number;
	duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

function loadAutocannon(): Autocannon {
	const dir = process.env.BENCH_TOOLS ?? path.join(REPO_ROOT, '.cache', 'bench-tools');
	return require(path.join(dir, 'node_modules', 'autocannon')) as Autocannon;
}

export interface LoadRun {
	target: string;
	/** Which trigger's bytes it received. */
	bytesOf: string;
	round: number;
	requestsPerSecond: number;
	total: number;
	p50Ms: number;
	p99Ms: number;
	errors: number;
	non2xx: number;
	/** Seconds after the load until n8n had finished the execution of every accepted delivery. */
	drainSeconds: number;
	/** Deliveries answered 2xx and fully executed, per second of load + drain. */
	processedPerSecond: number;
	/** CPU the n8n process spent per delivery, answer and execution included. */
	cpuMsPerDelivery: number;
}

export interface LoadTarget {
	target: string;
	/** Which trigger's bytes it received. */
	bytesOf: string;
	bodyBytes: number;
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	errors: number;
	non2xx: number;
	drainSeconds: number;
	processedPerSecond: number;
	cpuMsPerDelivery: number;
}

export interface Comparison {
	trigger: string;
	baseline: string;
	/** The comparison the issue's targets are about (the Webhook node without authentication). */
	primary: boolean;
	/** HTTP answers per second, trigger / baseline. */
	throughputRatio: number;
	/** Deliveries answered and executed per second, trigger / baseline. */
	processedRatio: number;
	/** Deliveries n8n can handle per CPU second, trigger / baseline (baseline CPU ms / trigger CPU ms). */
	capacityRatio: number;
	p99Ratio: number;
	p50Ratio: number;
}

export interface RealLifecycleStep {
	provider: string;
	step: string;
	calls: string[];
	reads: number;
	writes: number;
}

export interface RealN8nResult {
	profile: 'default' | 'lazy-isolate';
	n8nVersion: string;
	connections: number;
	durationSeconds: number;
	warmupSeconds: number;
	rounds: number;
	env: Record<string, string>;
	targets: LoadTarget[];
	runs: LoadRun[];
	comparisons: Comparison[];
	lifecycle: RealLifecycleStep[];
	notes: string[];
	seconds: { start: number; total: number };
}

interface Emulator {
	requests: RecordedRequest[];
	clearRequests(): void;
}

function classify(provider: string, request: RecordedRequest): { name: string; write: boolean } {
	if (provider === 'Everlytic') {
		const route = request.path.replace(/^.*\/transactional\/email\/v1/, '').replace(/\/webhooks\/[^/]+$/, '/webhooks/{id}');
		return { name: `${request.method} ${route}`, write: request.method !== 'GET' };
	}
	const name = request.path.replace(/^\/v1\.0\//, '');
	return { name: `POST ${name}`, write: /(add|edit|delete|keyReset)Webhook$/.test(name) };
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

const CLOCK_TICKS_PER_SECOND = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/**
 * CPU milliseconds the n8n process has used (user + system, from /proc). On a shared machine
 * other processes slow n8n's wall clock down but not the CPU it spends per delivery.
 */
function n8nCpuMs(n8n: N8n): number {
	const pid = n8n.server.pid;
	if (pid === undefined) return Number.NaN;
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// After the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14).
		const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
		return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
	} catch {
		return Number.NaN;
	}
}

/** Executions n8n has finished since it started (its Prometheus counters). */
async function finishedExecutions(n8n: N8n): Promise<number> {
	const text = await (await fetch(`${n8n.baseUrl}/metrics`)).text();
	let total = 0;
	for (const match of text.matchAll(/^n8n_workflow_(?:success|failed)_total(?:\{[^}]*\})? (\d+(?:\.\d+)?)$/gm)) total += Number(match[1]);
	return total;
}

/**
 * Waits until n8n has finished `count` executions more than `before` (at most 120 s) and returns
 * the seconds it took. n8n answers a webhook before the execution it starts has run, so the load
 * generator alone would not see a backlog.
 */
async function drain(n8n: N8n, before: number, count: number): Promise<number> {
	const started = Date.now();
	while (Date.now() - started < 120_000) {
		if ((await finishedExecutions(n8n)) >= before + count) return (Date.now() - started) / 1000;
		// Not more often: each look at the metrics costs n8n CPU, which is measured too.
		await sleep(250);
	}
	return Number.NaN;
}

async function main(): Promise<void> {
	const began = Date.now();
	const autocannon = loadAutocannon();
	const installation = findN8nInstallation();
	const n8nVersion = (JSON.parse(readFileSync(path.join(installation.dir, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string }).version;
	const notes: string[] = [];
	// Metrics: the finished-execution counters tell when n8n has worked off what it accepted.
	const env = {
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
		N8N_LOG_LEVEL: 'warn',
		N8N_METRICS: 'true',
		N8N_METRICS_INCLUDE_MESSAGE_EVENT_BUS_METRICS: 'true',
		...(LAZY ? { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } : {}),
	};

	const tes = await TesEmulator.start({ brand: 'sarv', ownerId: OWNER_ID, token: TOKEN });
	const everlytic = await EverlyticEmulator.start({ username: EVERLYTIC_USER, apiKey: EVERLYTIC_KEY });
	const emulators: Record<string, Emulator> = { 'Sarv (TES)': tes, Everlytic: everlytic };
	let n8n: N8n | undefined;
	try {
		const startBegan = Date.now();
		// BENCH_PACKAGE_TARBALL: measure another build of the package (e.g. a proposed change).
		n8n = await startN8n({ env, tarball: process.env.BENCH_PACKAGE_TARBALL });
		const startSeconds = (Date.now() - startBegan) / 1000;
		process.stdout.write(`  n8n ${n8nVersion} ready in ${startSeconds.toFixed(1)} s (package installed in ${n8n.packageInstallSeconds.toFixed(1)} s)\n`);
		const live = n8n;

		const noOp = [{ type: 'n8n-nodes-base.noOp', name: 'No Operation, do nothing' }];
		const webhookNode = await live.createWorkflowWithTrigger(
			'n8n-nodes-base.webhook',
			{ httpMethod: 'POST', path: `bench-${randomUUID()}`, responseMode: 'onReceived', options: {} },
			{ name: 'Bench: n8n Webhook node', followedBy: noOp },
		);
		const sarvCredential = await live.createCredential('sarvApi', 'Bench Sarv', { ownerId: OWNER_ID, token: TOKEN, appDomain: '', baseUrl: tes.baseUrl });
		// Look-ups of recipients are provider calls (up to 20 per delivery of bounces), not receive
		// work: left out here as in the receive-path part, so that the trigger is compared with the
		// Webhook node on the same work (the README says what a look-up costs).
		const sarv = await live.createWorkflowWithTrigger(
			'sarvTrigger',
			{ events: ['*'], options: { lookUpRecipient: 'never' } },
			{ name: 'Bench: Sarv Trigger', credential: sarvCredential, followedBy: noOp },
		);
		const everlyticCredential = await live.createCredential('everlyticApi', 'Bench Everlytic', {
			username: EVERLYTIC_USER,
			apiKey: EVERLYTIC_KEY,
			baseUrl: everlytic.baseUrl,
		});
		const everlyticFlow = await live.createWorkflowWithTrigger('everlyticTrigger', { events: ['*'], options: {} }, {
			name: 'Bench: Everlytic Trigger',
			credential: everlyticCredential,
			followedBy: noOp,
		});
		const triggers: Array<[string, TriggerWorkflow]> = [
			['Sarv (TES)', sarv],
			['Everlytic', everlyticFlow],
		];

		// ---- lifecycle in the real n8n --------------------------------------------------------
		const lifecycle: RealLifecycleStep[] = [];
		const record = async (step: string, action: () => Promise<void>, settleMs = 0) => {
			for (const emulator of Object.values(emulators)) emulator.clearRequests();
			await action();
			if (settleMs > 0) await sleep(settleMs);
			for (const [provider, emulator] of Object.entries(emulators)) {
				const calls = emulator.requests.map((request) => classify(provider, request));
				lifecycle.push({
					provider,
					step,
					calls: calls.map((call) => call.name),
					reads: calls.filter((call) => !call.write).length,
					writes: calls.filter((call) => call.write).length,
				});
			}
		};
		await live.activateWorkflow(webhookNode.workflow.id);
		const activateAll = async () => {
			for (const [, flow] of triggers) await live.activateWorkflow(flow.workflow.id);
		};
		// The TES handshake probe's method is unpublished (the emulator defaults to GET). When a
		// probe fails in this real n8n, say why and fall back, so the other figures still come.
		const fallbacks: Array<{ label: string; quirks: Parameters<TesEmulator['setQuirks']>[0] }> = [
			{ label: 'a POST probe (body [] as application/json, unsigned)', quirks: { handshakeMethod: 'POST' } },
			{ label: 'no handshake check', quirks: { checkHandshake: false } },
		];
		for (let attempt = 0; ; attempt++) {
			try {
				await record('fresh activation', activateAll);
				break;
			} catch (error) {
				const message = (error as Error).message;
				if (!/must always response/.test(message) || attempt >= fallbacks.length) throw error;
				const probe = attempt === 0 ? `GET (the emulator's default)` : fallbacks[attempt - 1].label;
				const why = /not registered for GET/.test(message)
					? 'n8n had not registered the GET webhook yet when create() ran (n8n log: "This webhook is not registered for GET requests")'
					: /header is missing/.test(message)
						? 'the trigger answered the unsigned probe 401 (n8n log: "the x-sarvtes-signature header is missing")'
						: `n8n log: ${message.split('\n').slice(1, 4).join(' ')}`;
				notes.push(`Activating the Sarv Trigger in the real n8n failed with a ${probe} handshake probe: ${why}. Retried with ${fallbacks[attempt].label}.`);
				process.stdout.write(`  note: handshake probe ${probe} failed during activation; retrying with ${fallbacks[attempt].label}\n`);
				tes.setQuirks(fallbacks[attempt].quirks);
				lifecycle.length = 0;
				for (const [, flow] of triggers) await live.deactivateWorkflow(flow.workflow.id);
				tes.webhooks = [];
			}
		}
		if (!LAZY) {
			await record('re-publish (deactivate + activate)', async () => {
				for (const [, flow] of triggers) {
					await live.deactivateWorkflow(flow.workflow.id);
					await live.activateWorkflow(flow.workflow.id);
				}
			});
			// n8n's default (publication service on) trusts its stored webhooks after a restart.
			await record('n8n restart (SIGTERM, start), workflows active', () => live.restart(), 2000);
			notes.push(
				'Restart in the real n8n runs with its default publication service, which calls no webhook method on start-up; the in-process row "restart, webhook registered" is what n8n does with N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false.',
			);
		}

		// ---- the bytes ------------------------------------------------------------------------
		const tesWebhook = tes.webhooksForUrl(sarv.webhookUrl)[0];
		if (!tesWebhook) throw new Error(`the Sarv Trigger registered no webhook for ${sarv.webhookUrl}`);
		const now = Date.now();
		const tesEvents = Array.from({ length: TES_EVENTS_PER_DELIVERY }, (_, i) =>
			makeTesEvent(TES_EVENT_KINDS[i % TES_EVENT_KINDS.length], { ts: now - i * 1000 }),
		);
		const tesBody = JSON.stringify(tesEvents);
		const tesHeaders = {
			'content-type': 'application/json',
			'x-sarvtes-signature': signTesDelivery('mandrill', tesWebhook.key, tesWebhook.url, tesBody, 'application/json') ?? '',
		};
		const everlyticWebhook = everlytic.webhooksForUrl(everlyticFlow.webhookUrl)[0];
		if (!everlyticWebhook?.auth_details) throw new Error(`the Everlytic Trigger registered no webhook with Basic auth for ${everlyticFlow.webhookUrl}`);
		const { username, password } = everlyticWebhook.auth_details;
		const everlyticBody = JSON.stringify(makeEverlyticStandardEvent('bounce'));
		const everlyticHeaders = {
			'content-type': 'application/json',
			authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
		};

		// n8n's Webhook node as the issue asks (no authentication), and, for context, with the
		// authentication n8n itself offers that comes closest to each trigger's check (Header Auth
		// on the signature header, Basic Auth with the Everlytic credentials): n8n then loads and
		// decrypts a credential per request, as it runs a credential check for our triggers.
		const headerAuth = await live.createCredential('httpHeaderAuth', 'Bench header auth', { name: 'x-sarvtes-signature', value: tesHeaders['x-sarvtes-signature'] });
		const basicAuth = await live.createCredential('httpBasicAuth', 'Bench basic auth', { user: username, password });
		const authBaselines = !LAZY && process.env.BENCH_AUTH_BASELINES !== '0';
		const webhookWithAuth = async (authentication: string, credential: { id: string; name: string; type: string }) => {
			const flow = await live.createWorkflowWithTrigger(
				'n8n-nodes-base.webhook',
				{ httpMethod: 'POST', path: `bench-${randomUUID()}`, authentication, responseMode: 'onReceived', options: {} },
				{ name: `Bench: n8n Webhook node, ${authentication}`, credential, followedBy: noOp },
			);
			await live.activateWorkflow(flow.workflow.id);
			return flow;
		};
		const webhookHeaderAuth = authBaselines ? await webhookWithAuth('headerAuth', headerAuth) : undefined;
		// What a user would build without the trigger to get one item per TES event: Webhook → Split Out.
		const webhookSplit = authBaselines
			? await live.createWorkflowWithTrigger(
					'n8n-nodes-base.webhook',
					{ httpMethod: 'POST', path: `bench-${randomUUID()}`, responseMode: 'onReceived', options: {} },
					{ name: 'Bench: n8n Webhook node, Split Out', followedBy: [{ type: 'n8n-nodes-base.splitOut', parameters: { fieldToSplitOut: 'body', include: 'noOtherFields', options: {} } }, ...noOp] },
				)
			: undefined;
		if (webhookSplit) await live.activateWorkflow(webhookSplit.workflow.id);
		const webhookBasicAuth = authBaselines ? await webhookWithAuth('basicAuth', basicAuth) : undefined;

		const started = /Workflow was started/;
		const candidates = [
			{ key: 'webhook-tes', target: 'n8n Webhook node', bytesOf: 'Sarv (TES)', url: webhookNode.webhookUrl, body: tesBody, headers: tesHeaders, expect: started },
			webhookHeaderAuth && { key: 'webhook-header-tes', target: 'n8n Webhook node + Header Auth', bytesOf: 'Sarv (TES)', url: webhookHeaderAuth.webhookUrl, body: tesBody, headers: tesHeaders, expect: started },
			webhookSplit && { key: 'webhook-split-tes', target: 'n8n Webhook node → Split Out (50 items)', bytesOf: 'Sarv (TES)', url: webhookSplit.webhookUrl, body: tesBody, headers: tesHeaders, expect: started },
			{ key: 'sarv', target: 'Sarv Trigger', bytesOf: 'Sarv (TES)', url: sarv.webhookUrl, body: tesBody, headers: tesHeaders, expect: /^God bless you, Sarv$/ },
			{ key: 'webhook-everlytic', target: 'n8n Webhook node', bytesOf: 'Everlytic', url: webhookNode.webhookUrl, body: everlyticBody, headers: everlyticHeaders, expect: started },
			webhookBasicAuth && { key: 'webhook-basic-everlytic', target: 'n8n Webhook node + Basic Auth', bytesOf: 'Everlytic', url: webhookBasicAuth.webhookUrl, body: everlyticBody, headers: everlyticHeaders, expect: started },
			{ key: 'everlytic', target: 'Everlytic Trigger', bytesOf: 'Everlytic', url: everlyticFlow.webhookUrl, body: everlyticBody, headers: everlyticHeaders, expect: /^OK$/ },
		];
		const targets = candidates.filter((target): target is Exclude<(typeof candidates)[number], undefined> => target !== undefined);
		// One delivery each first: the figures are only worth something for a path that works.
		const beforeChecks = await finishedExecutions(live);
		for (const target of targets) {
			const response = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
			const text = await response.text();
			if (response.status !== 200 || !target.expect.test(text)) {
				throw new Error(`${target.target} (${target.bytesOf} bytes) answered ${response.status} "${text.slice(0, 200)}"\n${live.log().split('\n').slice(-40).join('\n')}`);
			}
		}
		if (Number.isNaN(await drain(live, beforeChecks, targets.length))) {
			throw new Error('n8n did not finish the executions of the first deliveries (are its metrics on?)');
		}

		// ---- load -----------------------------------------------------------------------------
		const runs: LoadRun[] = [];
		for (let round = 1; round <= ROUNDS; round++) {
			const order = round % 2 === 1 ? targets : [...targets].reverse();
			for (const target of order) {
				const options = { url: target.url, method: 'POST', headers: target.headers, body: target.body, connections: CONNECTIONS };
				const beforeWarmup = await finishedExecutions(live);
				const warmup = await autocannon({ ...options, duration: WARMUP_S });
				await drain(live, beforeWarmup, warmup['2xx']);
				const before = await finishedExecutions(live);
				const cpuBefore = n8nCpuMs(live);
				const result = await autocannon({ ...options, duration: DURATION_S });
				const drainSeconds = await drain(live, before, result['2xx']);
				const cpuMsPerDelivery = (n8nCpuMs(live) - cpuBefore) / result['2xx'];
				runs.push({
					target: target.target,
					bytesOf: target.bytesOf,
					round,
					requestsPerSecond: result.requests.average,
					total: result.requests.total,
					p50Ms: result.latency.p50,
					p99Ms: result.latency.p99,
					errors: result.errors + result.timeouts,
					non2xx: result.non2xx,
					drainSeconds,
					processedPerSecond: result['2xx'] / (result.duration + drainSeconds),
					cpuMsPerDelivery,
				});
				process.stdout.write(
					`  round ${round} ${target.target} (${target.bytesOf} bytes): ${result.requests.average.toFixed(0)} req/s, ` +
						`p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, executions done ${drainSeconds.toFixed(1)} s later, n8n CPU ${cpuMsPerDelivery.toFixed(1)} ms/delivery\n`,
				);
			}
		}
		const summary: LoadTarget[] = targets.map((target) => {
			const mine = runs.filter((run) => run.target === target.target && run.bytesOf === target.bytesOf);
			return {
				target: target.target,
				bytesOf: target.bytesOf,
				bodyBytes: Buffer.byteLength(target.body),
				requestsPerSecond: median(mine.map((run) => run.requestsPerSecond)),
				p50Ms: median(mine.map((run) => run.p50Ms)),
				p99Ms: median(mine.map((run) => run.p99Ms)),
				errors: mine.reduce((sum, run) => sum + run.errors, 0),
				non2xx: mine.reduce((sum, run) => sum + run.non2xx, 0),
				drainSeconds: median(mine.map((run) => run.drainSeconds)),
				processedPerSecond: median(mine.map((run) => run.processedPerSecond)),
				cpuMsPerDelivery: median(mine.map((run) => run.cpuMsPerDelivery)),
			};
		});
		const comparisons: Comparison[] = [];
		const byKey = (key: string) => summary[targets.findIndex((target) => target.key === key)];
		for (const [triggerKey, baselineKey, primary] of [
			['sarv', 'webhook-tes', true],
			['sarv', 'webhook-header-tes', false],
			['sarv', 'webhook-split-tes', false],
			['everlytic', 'webhook-everlytic', true],
			['everlytic', 'webhook-basic-everlytic', false],
		] as const) {
			const trigger = byKey(triggerKey);
			const baseline = byKey(baselineKey);
			if (!trigger || !baseline) continue;
			comparisons.push({
				trigger: trigger.target,
				baseline: `${baseline.target} (same bytes)`,
				primary,
				throughputRatio: trigger.requestsPerSecond / baseline.requestsPerSecond,
				processedRatio: trigger.processedPerSecond / baseline.processedPerSecond,
				capacityRatio: baseline.cpuMsPerDelivery / trigger.cpuMsPerDelivery,
				p99Ratio: trigger.p99Ms / baseline.p99Ms,
				p50Ratio: trigger.p50Ms / baseline.p50Ms,
			});
		}

		await record('deactivation', async () => {
			for (const [, flow] of triggers) await live.deactivateWorkflow(flow.workflow.id);
		});

		const result: RealN8nResult = {
			profile: PROFILE,
			n8nVersion,
			connections: CONNECTIONS,
			durationSeconds: DURATION_S,
			warmupSeconds: WARMUP_S,
			rounds: ROUNDS,
			env,
			targets: summary,
			runs,
			comparisons,
			lifecycle,
			notes,
			seconds: { start: startSeconds, total: (Date.now() - began) / 1000 },
		};
		writeResult(LAZY ? 'realN8nLazy' : 'realN8n', result);
	} finally {
		await n8n?.stop();
		await tes.close();
		await everlytic.close();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exit(1);
	},
);
