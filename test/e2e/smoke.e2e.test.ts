// A real self-hosted n8n with the packed package installed in its user folder: it loads every
// node and credential the package declares, and the harness can drive a workflow end to end
// (create, activate, call its production webhook, read the execution back, deactivate, delete).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ICredentialType } from 'n8n-workflow';
import { declaredNodeTypes, nodeOutputItems, PACKAGE_NAME, REPO_ROOT, startN8n } from './lib';
import type { N8n } from './lib';

const PUBLIC_NODE_TYPES = ['sarv', 'sarvTrigger', 'sendClean', 'sendCleanTrigger', 'everlytic', 'everlyticTrigger'].map(
	(name) => `${PACKAGE_NAME}.${name}`,
);
const PUBLIC_CREDENTIAL_TYPES = ['sarvApi', 'sendCleanApi', 'everlyticApi'];

let n8n: N8n;

beforeAll(async () => {
	n8n = await startN8n();
	process.stderr.write(
		`e2e smoke: package installed in ${n8n.packageInstallSeconds.toFixed(1)} s, ` +
			`n8n ready in ${n8n.server.lastStartSeconds.toFixed(1)} s\n`,
	);
}, 180000);

afterAll(async () => {
	await n8n?.stop();
});

describe('n8n with n8n-nodes-email-webhooks installed', () => {
	test('package.json declares the six public node types', () => {
		expect(declaredNodeTypes().sort()).toEqual([...PUBLIC_NODE_TYPES].sort());
	});

	test('n8n loads every node type package.json declares', async () => {
		const loaded = new Set((await n8n.nodeTypes()).map((description) => description.name));
		const missing = declaredNodeTypes().filter((type) => !loaded.has(type));
		// On failure, n8n's log says why a node file did not load.
		expect({ missing, log: missing.length > 0 ? n8n.log() : '' }).toEqual({ missing: [], log: '' });
	});

	test('n8n loads the three credential types', async () => {
		const credentials = await n8n.client.getWithSession<ICredentialType[]>('/types/credentials.json');
		const loaded = new Set(credentials.map((credential) => credential.name));
		expect(PUBLIC_CREDENTIAL_TYPES.filter((name) => !loaded.has(name))).toEqual([]);
	});

	test('the installed package is the packed one, with the files package.json publishes', () => {
		const installed = path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'package.json');
		const manifest = JSON.parse(readFileSync(installed, 'utf8')) as { version: string };
		const ours = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
		expect(manifest.version).toBe(ours.version);
	});
});

describe('driving a workflow through the real n8n', () => {
	test("n8n's Webhook node: activated, called, execution read back, restarted, deactivated, deleted", async () => {
		const webhookPath = `smoke-${randomUUID()}`;
		const { workflow, trigger, webhookUrl } = await n8n.createWorkflowWithTrigger('n8n-nodes-base.webhook', {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'onReceived',
			options: {},
		});
		expect(webhookUrl).toBe(`${n8n.baseUrl}/webhook/${webhookPath}`);

		await n8n.activateWorkflow(workflow.id);
		expect((await n8n.getWorkflow(workflow.id)).active).toBe(true);

		const payload = { event: 'hard_bounce', email: 'someone@example.com' };
		const response = await fetch(webhookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
		});
		expect(response.status).toBe(200);

		const [execution] = await n8n.waitForExecutions(workflow.id, 1);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		const [item] = nodeOutputItems(execution, trigger.name);
		expect(item.body).toEqual(payload);

		// A restart (SIGTERM, start on the same folder) keeps the workflow published and the URL live.
		await n8n.restart();
		const afterRestart = await fetch(webhookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...payload, email: 'other@example.com' }),
		});
		expect(afterRestart.status).toBe(200);
		const executions = await n8n.waitForExecutions(workflow.id, 2);
		expect(executions.map((run) => nodeOutputItems(run, trigger.name)[0].body)).toEqual([
			payload,
			{ ...payload, email: 'other@example.com' },
		]);

		await n8n.deactivateWorkflow(workflow.id);
		const afterDeactivation = await fetch(webhookUrl, { method: 'POST', body: '{}' });
		expect(afterDeactivation.status).toBe(404);

		await n8n.deleteWorkflow(workflow.id);
		expect((await n8n.client.apiRaw('GET', `/workflows/${workflow.id}`)).status).toBe(404);
	});
});
