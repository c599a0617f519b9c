// `npm start` (via test/e2e/start.sh): a real n8n on http://127.0.0.1:5678 with the freshly built
// package installed the way a self-hosted user has it, the Sarv, SendClean and Everlytic emulators
// on 127.0.0.1, one credential per provider pointing at them, the example workflows imported, and
// a published demo workflow whose triggers are registered with the emulators. Sample events are
// sent by typing `sarv hard_bounce` here or with curl to a small local control endpoint. The user
// folder (.cache/n8n-dev-home) persists, so owner, credentials and edits survive a restart.
// Ctrl-C stops n8n, the emulators and the control endpoint.
//
// `npm start -- --queue` starts n8n scaled out instead (test/e2e/lib/queueCluster.ts): PostgreSQL
// and Redis on free ports, main on :5678, two webhook processors and a worker, with the public
// webhook URL http://127.0.0.1:5690/ balancing between the processors. Its databases are
// scratch ones: everything starts fresh each time (the folder .cache/n8n-dev-queue keeps the logs).
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { INode, INodeCredentials } from 'n8n-workflow';
import { DEMO_CREDENTIALS, runDemoCommand, startEmulatorsForDemo } from '../emulators/demo';
import type { DemoEmulators } from '../emulators/demo';
import { DEV_HOME, installPackage, N8n, PACKAGE_NAME, packPackage, QueueCluster, REPO_ROOT } from './lib';
import type { OwnerAccount, StoredCredential, StoredWorkflow, WorkflowDefinition } from './lib';

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const CONTROL_PORT = Number(process.env.DEMO_CONTROL_PORT ?? 5100);
const EMULATOR_PORTS = { tesPort: 5101, sendcleanPort: 5102, everlyticPort: 5103 };
const DEMO_WORKFLOW_NAME = 'Demo: every email event from the emulators';
const QUEUE_MODE = process.argv.includes('--queue');
const QUEUE_PUBLIC_PORT = Number(process.env.N8N_PUBLIC_PORT ?? 5690);
const QUEUE_HOME = path.join(REPO_ROOT, '.cache', 'n8n-dev-queue');

const OWNER: OwnerAccount = {
	email: 'dev@example.com',
	firstName: 'Dev',
	lastName: 'User',
	password: 'Dev-Passw0rd',
};

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
	const started = Date.now();
	let tarball = '';
	if (QUEUE_MODE) {
		rmSync(QUEUE_HOME, { recursive: true, force: true });
		say('Packing the built package (each n8n process of the queue-mode setup installs it) ...');
		tarball = await packPackage(path.join(QUEUE_HOME, 'pack'));
	} else {
		say('Packing the built package and installing it into .cache/n8n-dev-home/.n8n/nodes ...');
		tarball = await packPackage(path.join(DEV_HOME, 'pack'));
		await installPackage(DEV_HOME, tarball);
	}

	const demo = await startEmulatorsForDemo(EMULATOR_PORTS, (line) => say(`  ${line}`));
	let n8n: N8n | undefined;
	let cluster: QueueCluster | undefined;
	let control: http.Server | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the emulators ...');
		control?.close();
		if (cluster) await cluster.stop();
		else await n8n?.stop();
		await demo.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const logLevel = (process.env.N8N_LOG_LEVEL as 'warn' | undefined) ?? 'warn';
		if (QUEUE_MODE) {
			say(`Starting n8n in queue mode (PostgreSQL, Redis, main on http://127.0.0.1:${N8N_PORT}, two webhook processors, a worker; about a minute) ...`);
			const starting = QueueCluster.start({
				folder: QUEUE_HOME,
				tarball,
				mainPort: N8N_PORT,
				publicPort: QUEUE_PUBLIC_PORT,
				owner: OWNER,
				logLevel,
			});
			// Ctrl-C during the start must still stop what started.
			starting.catch(() => undefined);
			cluster = await starting;
			n8n = cluster.n8n;
		} else {
			say(`Starting n8n on http://127.0.0.1:${N8N_PORT} (about 15 s) ...`);
			n8n = await N8n.start({
				userFolder: DEV_HOME,
				port: N8N_PORT,
				installPackage: false,
				owner: OWNER,
				keepUserFolder: true,
				echo: true,
				logLevel,
			});
		}
		const credentials = await ensureDemoCredentials(n8n, demo);
		await importExamples(n8n, credentials);
		await publishDemoWorkflow(n8n, credentials);
		control = await startControlEndpoint(demo);
	} catch (error) {
		say(`\nnpm start failed: ${(error as Error).message}`);
		await stop(1);
		return;
	}

	const input = readline.createInterface({ input: process.stdin });
	input.on('line', (line) => {
		runDemoCommand(demo, line, say).catch((error: Error) => say(`delivery failed: ${error.message}`));
	});
	printBanner((Date.now() - started) / 1000, cluster);
}

async function ensureDemoCredentials(n8n: N8n, demo: DemoEmulators): Promise<Record<string, StoredCredential>> {
	const wanted: Array<{ type: string; name: string; data: Record<string, unknown> }> = [
		{ type: 'sarvApi', name: 'Sarv (local emulator)', data: { ...DEMO_CREDENTIALS.sarv, appDomain: '', baseUrl: demo.sarv.baseUrl } },
		{
			type: 'sendCleanApi',
			name: 'SendClean (local emulator)',
			data: { ...DEMO_CREDENTIALS.sendclean, appDomain: '', baseUrl: demo.sendclean.baseUrl },
		},
		{ type: 'everlyticApi', name: 'Everlytic (local emulator)', data: { ...DEMO_CREDENTIALS.everlytic, baseUrl: demo.everlytic.baseUrl } },
	];
	const existing = await n8n.client.rest<StoredCredential[]>('GET', '/credentials');
	const byType: Record<string, StoredCredential> = {};
	for (const credential of wanted) {
		byType[credential.type] =
			existing.find((candidate) => candidate.name === credential.name && candidate.type === credential.type) ??
			(await n8n.createCredential(credential.type, credential.name, credential.data));
	}
	return byType;
}

function withDemoCredentials(nodes: INode[], credentials: Record<string, StoredCredential>): INode[] {
	const credentialOf: Record<string, string> = {
		[`${PACKAGE_NAME}.sarv`]: 'sarvApi',
		[`${PACKAGE_NAME}.sarvTrigger`]: 'sarvApi',
		[`${PACKAGE_NAME}.sendClean`]: 'sendCleanApi',
		[`${PACKAGE_NAME}.sendCleanTrigger`]: 'sendCleanApi',
		[`${PACKAGE_NAME}.everlytic`]: 'everlyticApi',
		[`${PACKAGE_NAME}.everlyticTrigger`]: 'everlyticApi',
	};
	return nodes.map((node) => {
		const type = credentialOf[node.type];
		if (!type) return node;
		const nodeCredentials: INodeCredentials = { [type]: { id: credentials[type].id, name: credentials[type].name } };
		return { ...node, credentials: nodeCredentials };
	});
}

async function existingWorkflows(n8n: N8n): Promise<StoredWorkflow[]> {
	return (await n8n.client.api<{ data: StoredWorkflow[] }>('GET', '/workflows?limit=250')).data;
}

/** Imports each examples/*.json once (by name): edits made in the editor are kept. */
async function importExamples(n8n: N8n, credentials: Record<string, StoredCredential>): Promise<void> {
	const present = new Set((await existingWorkflows(n8n)).map((workflow) => workflow.name));
	const dir = path.join(REPO_ROOT, 'examples');
	for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
		const example = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as WorkflowDefinition & Record<string, unknown>;
		if (present.has(example.name)) continue;
		await n8n.importWorkflow({ ...example, nodes: withDemoCredentials(example.nodes, credentials) });
		say(`  imported examples/${file}`);
	}
}

/**
 * One workflow with the three triggers on "All events", published so that the emulators hold
 * its webhooks. The emulators start empty every time, so it is unpublished and published again.
 */
async function publishDemoWorkflow(n8n: N8n, credentials: Record<string, StoredCredential>): Promise<void> {
	let workflow = (await existingWorkflows(n8n)).find((candidate) => candidate.name === DEMO_WORKFLOW_NAME);
	if (!workflow) {
		const triggers = ['sarvTrigger', 'sendCleanTrigger', 'everlyticTrigger'];
		const nodes: INode[] = [];
		for (const [index, trigger] of triggers.entries()) {
			const description = await n8n.nodeType(trigger);
			nodes.push({
				id: randomUUID(),
				name: description.defaults.name ?? description.displayName,
				type: description.name,
				typeVersion: 1,
				position: [0, index * 200],
				parameters: { events: ['*'], options: {} },
				webhookId: `demo-${trigger.replace('Trigger', '').toLowerCase()}`,
			});
		}
		workflow = await n8n.createWorkflow({
			name: DEMO_WORKFLOW_NAME,
			nodes: withDemoCredentials(nodes, credentials),
			connections: {},
		});
	} else if (workflow.active) {
		await n8n.deactivateWorkflow(workflow.id);
	}
	const result = await n8n.publishWorkflow(workflow.id);
	if (result.status !== 'published') {
		say(`  The demo workflow did not publish (${result.status}): ${result.errors.join('; ')}`);
	} else {
		say(`  published "${DEMO_WORKFLOW_NAME}": its triggers registered with the emulators`);
	}
}

/** POST /deliver/<provider>/<event> sends a sample event through an emulator (for curl). */
async function startControlEndpoint(demo: DemoEmulators): Promise<http.Server> {
	const server = http.createServer((request, response) => {
		const match = /^\/deliver\/(\w+)\/(\w+)$/.exec(request.url ?? '');
		if (!match) {
			response.writeHead(404, { 'content-type': 'text/plain' }).end('POST /deliver/<sarv|sendclean|everlytic>/<event>\n');
			return;
		}
		const lines: string[] = [];
		const log = (line: string) => {
			lines.push(line);
			say(line);
		};
		runDemoCommand(demo, `${match[1]} ${match[2]}`, log)
			.then(() => response.writeHead(200, { 'content-type': 'text/plain' }).end(`${lines.join('\n')}\n`))
			.catch((error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(CONTROL_PORT, '127.0.0.1', resolve);
	});
	return server;
}

function printBanner(seconds: number, cluster: QueueCluster | undefined): void {
	const queue = cluster
		? `
Queue mode: main http://127.0.0.1:${N8N_PORT} (editor, API, activation; no production webhooks),
  webhook processors ${cluster.webhookProcessors.map((processor) => processor.baseUrl).join(' and ')},
  worker (runs every execution), PostgreSQL 127.0.0.1:${cluster.postgres?.port}, Redis 127.0.0.1:${cluster.redis?.port};
  public webhook URL ${cluster.publicUrl} (round-robin to the processors).
  Logs: ${path.relative(REPO_ROOT, cluster.folder)}/<main|webhook-1|webhook-2|worker>/n8n.log
`
		: '';
	say(`
n8n with n8n-nodes-email-webhooks is ready (${seconds.toFixed(0)} s).
${queue}
  Open      http://127.0.0.1:${N8N_PORT}
  Sign in   ${OWNER.email} / ${OWNER.password}
  Look at   Workflows → "${DEMO_WORKFLOW_NAME}" (published) and the imported examples,
            Credentials → the three "(local emulator)" credentials.

Send a sample hard bounce through the Sarv emulator (signed, to the demo workflow's production URL):
  curl -X POST http://127.0.0.1:${CONTROL_PORT}/deliver/sarv/hard_bounce
or type it here:  sarv hard_bounce   sendclean spam   everlytic failed
then open the demo workflow's Executions tab to see the normalized event.

Ctrl-C stops n8n and the emulators.`);
}

void main();
