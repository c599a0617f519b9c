// Part 3, in process: the provider calls each trigger makes per lifecycle step, read from the
// emulators' request logs. The triggers (compiled, from dist/) run inside n8n-core's real engine
// through test/harness, which calls webhookMethods the way n8n's server does. A restart is a new
// harness given the static data the first one saved, as n8n reloads it from its database.
// The TES emulator's handshake probe reaches the harness over real HTTP (test/inprocess bridge).
import '../test/harness/env';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { EverlyticEmulator } from '../test/emulators/everlytic';
import type { RecordedRequest } from '../test/emulators/httpEmulator';
import { TesEmulator } from '../test/emulators/tes';
import { createTriggerHarness } from '../test/harness';
import type { TriggerHarness } from '../test/harness';
import { WebhookBridge } from '../test/inprocess/webhookBridge';
import { distExists, distRequire, writeResult } from './lib/common';

export interface StepCalls {
	step: string;
	/** Calls in order, e.g. `POST settings/listWebhook`. */
	calls: string[];
	reads: number;
	writes: number;
}

export interface ProviderLifecycle {
	provider: string;
	node: string;
	steps: StepCalls[];
	/** Webhooks registered at the provider for the trigger's URL after each step. */
	registered: number[];
}

export interface LifecycleResult {
	where: string;
	providers: ProviderLifecycle[];
	skipped: string[];
}

type Classifier = (request: RecordedRequest) => { name: string; write: boolean };

const TES_WRITES = new Set(['addWebhook', 'editWebhook', 'deleteWebhook', 'keyResetWebhook']);

const tesCall: Classifier = (request) => {
	const name = request.path.replace(/^\/v1\.0\//, '');
	return { name: `POST ${name}`, write: TES_WRITES.has(name.split('/').pop() ?? '') };
};

const everlyticCall: Classifier = (request) => {
	const route = request.path.replace(/^.*\/transactional\/email\/v1/, '').replace(/\/webhooks\/[^/]+$/, '/webhooks/{id}');
	return { name: `${request.method} ${route}`, write: request.method !== 'GET' };
};

interface Emulator {
	requests: RecordedRequest[];
	clearRequests(): void;
}

async function step(name: string, emulator: Emulator, classify: Classifier, action: () => Promise<unknown>): Promise<StepCalls> {
	emulator.clearRequests();
	await action();
	const calls = emulator.requests.map(classify);
	return {
		step: name,
		calls: calls.map((call) => call.name),
		reads: calls.filter((call) => !call.write).length,
		writes: calls.filter((call) => call.write).length,
	};
}

/** fresh activation → restart → lost static data → re-publish → deactivation, on one emulator. */
async function lifecycleOf(
	provider: string,
	node: string,
	emulator: Emulator,
	classify: Classifier,
	makeHarness: (staticData?: Record<string, unknown>) => TriggerHarness,
	registeredFor: (url: string) => number,
): Promise<ProviderLifecycle> {
	const steps: StepCalls[] = [];
	const registered: number[] = [];
	const first = makeHarness();
	const url = first.webhookUrl();
	const record = async (name: string, action: () => Promise<unknown>) => {
		steps.push(await step(name, emulator, classify, action));
		registered.push(registeredFor(url));
	};

	await record('fresh activation', () => first.activate());
	// n8n restarted: the workflow is loaded again with the static data it saved (the harness
	// takes the whole workflow's static data, keyed `node:<name>`).
	const restarted = makeHarness({ [`node:${first.node.name}`]: first.staticData() });
	await record('restart, webhook registered', () => restarted.activate());
	const lost = makeHarness({});
	await record('restart, static data lost', () => lost.activate());
	await record('re-publish (deactivate + activate)', async () => {
		await lost.deactivate();
		await lost.activate();
	});
	await record('deactivation', () => lost.deactivate());
	return { provider, node, steps, registered };
}

async function main(): Promise<void> {
	const providers: ProviderLifecycle[] = [];
	const skipped: string[] = [];
	const bridge = await WebhookBridge.start();
	try {
		for (const brand of [
			{ brand: 'sarv' as const, file: 'nodes/Sarv/SarvTrigger.node', cls: 'SarvTrigger', credential: 'SarvApi', credentialName: 'sarvApi' },
			{ brand: 'sendclean' as const, file: 'nodes/SendClean/SendCleanTrigger.node', cls: 'SendCleanTrigger', credential: 'SendCleanApi', credentialName: 'sendCleanApi' },
		]) {
			const tes = await TesEmulator.start({ brand: brand.brand, ownerId: 'bench-owner', token: 'bench-token' });
			try {
				const NodeClass = distRequire<Record<string, new () => INodeType>>(brand.file)[brand.cls];
				const CredentialClass = distRequire<Record<string, new () => ICredentialType>>(`credentials/${brand.credential}.credentials`)[brand.credential];
				const makeHarness = (staticData?: Record<string, unknown>) => {
					const harness = createTriggerHarness({
						nodeType: new NodeClass(),
						parameters: { events: ['*'], options: {} } as never,
						credentials: { [brand.credentialName]: { ownerId: 'bench-owner', token: 'bench-token', appDomain: '', baseUrl: tes.baseUrl } },
						credentialTypes: [new CredentialClass()],
						webhookBaseUrl: bridge.baseUrl,
						workflowName: 'Benchmark',
						webhookId: '5b0d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
						staticData: staticData as never,
					});
					bridge.target = harness;
					return harness;
				};
				providers.push(
					await lifecycleOf(brand.brand === 'sarv' ? 'Sarv (TES)' : 'SendClean (TES)', brand.cls, tes, tesCall, makeHarness, (url) =>
						tes.webhooksForUrl(url).length,
					),
				);
			} finally {
				await tes.close();
			}
		}

		if (distExists('nodes/Everlytic/EverlyticTrigger.node')) {
			const everlytic = await EverlyticEmulator.start({ username: 'bench-user', apiKey: 'bench-key' });
			try {
				const { EverlyticTrigger } = distRequire<{ EverlyticTrigger: new () => INodeType }>('nodes/Everlytic/EverlyticTrigger.node');
				const { EverlyticApi } = distRequire<{ EverlyticApi: new () => ICredentialType }>('credentials/EverlyticApi.credentials');
				const makeHarness = (staticData?: Record<string, unknown>) =>
					createTriggerHarness({
						nodeType: new EverlyticTrigger(),
						parameters: { events: ['*'], options: {} } as never,
						credentials: { everlyticApi: { username: 'bench-user', apiKey: 'bench-key', baseUrl: everlytic.baseUrl } },
						credentialTypes: [new EverlyticApi()],
						webhookBaseUrl: bridge.baseUrl,
						workflowName: 'Benchmark',
						webhookId: '6c1e2d3f-4a5b-4c6d-9e7f-8091a2b3c4d5',
						staticData: staticData as never,
					});
				providers.push(
					await lifecycleOf('Everlytic', 'EverlyticTrigger', everlytic, everlyticCall, makeHarness, (url) =>
						everlytic.webhooksForUrl(url).length,
					),
				);
			} finally {
				await everlytic.close();
			}
		} else {
			skipped.push('Everlytic: dist/nodes/Everlytic/EverlyticTrigger.node.js does not exist');
		}
	} finally {
		await bridge.close();
	}
	const result: LifecycleResult = { where: "n8n-core's engine through test/harness, triggers from dist/, provider emulators on 127.0.0.1", providers, skipped };
	writeResult('lifecycle', result);
	for (const provider of providers) {
		process.stdout.write(`  ${provider.provider}: ${provider.steps.map((s) => `${s.step} ${s.reads}r/${s.writes}w`).join(', ')}\n`);
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exit(1);
	},
);
