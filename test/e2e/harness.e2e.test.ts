// The harness's own promises, which every other end-to-end test relies on: a start that fails
// says why with n8n's log, and the workflow check flags what the editor would flag (so that
// "the examples show no problem" means something). No n8n server runs for the check tests: they
// use the node descriptions shipped with the installed n8n-nodes-base.
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { INodeTypeDescription } from 'n8n-workflow';
import { findN8nInstallation, findWorkflowProblems, startN8n } from './lib';
import type { WorkflowDefinition } from './lib';

describe('starting n8n', () => {
	test('a start that fails throws with n8n’s own explanation from its log', async () => {
		const occupied = net.createServer();
		await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
		const port = (occupied.address() as net.AddressInfo).port;
		try {
			const failure = await startN8n({ installPackage: false, port }).then(
				() => new Error('n8n started on an occupied port'),
				(error: Error) => error,
			);
			expect(failure.message).toMatch(/^n8n exited before it was ready/);
			expect(failure.message).toContain("n8n's log:");
			expect(failure.message).toContain(`n8n's port ${port} is already in use`);
		} finally {
			occupied.close();
		}
	}, 120000);
});

describe('findWorkflowProblems', () => {
	const nodeTypes = (
		JSON.parse(
			readFileSync(path.join(findN8nInstallation().dir, 'node_modules', 'n8n-nodes-base', 'dist', 'types', 'nodes.json'), 'utf8'),
		) as INodeTypeDescription[]
	).map((description) => ({ ...description, name: `n8n-nodes-base.${description.name}` }));

	function workflow(): WorkflowDefinition {
		return {
			name: 'check',
			nodes: [
				{
					id: 'a',
					name: 'Bounced?',
					type: 'n8n-nodes-base.filter',
					typeVersion: 2.2,
					position: [0, 0],
					parameters: {
						conditions: {
							options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
							conditions: [{ id: 'c', leftValue: '={{ $json.event }}', rightValue: 'bounce', operator: { type: 'string', operation: 'equals' } }],
							combinator: 'and',
						},
						options: {},
					},
				},
				{
					id: 'b',
					name: 'Unsubscribe',
					type: 'n8n-nodes-base.mailchimp',
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						authentication: 'apiKey',
						resource: 'member',
						operation: 'update',
						list: '',
						email: '={{ $json.recipient }}',
						updateFields: { status: 'unsubscribed' },
					},
				},
			],
			connections: { 'Bounced?': { main: [[{ node: 'Unsubscribe', type: 'main', index: 0 }]] } },
		};
	}

	test('accepts a valid workflow whose account-specific choices (a Mailchimp list) are left to the user', () => {
		expect(findWorkflowProblems(workflow(), nodeTypes)).toEqual([]);
	});

	test.each([
		['an unknown node type', (w: WorkflowDefinition) => (w.nodes[1].type = 'n8n-nodes-base.mailchimpz'), /unknown node type n8n-nodes-base\.mailchimpz/],
		['a version the node does not have', (w: WorkflowDefinition) => (w.nodes[0].typeVersion = 7), /has no version 7/],
		['a missing required value', (w: WorkflowDefinition) => (w.nodes[1].parameters.email = ''), /"email": Parameter "Email" is required/],
		['an option value the node does not offer', (w: WorkflowDefinition) => (w.nodes[1].parameters.operation = 'unsubscribe'), /"operation": "unsubscribe" is not one of its options/],
		[
			'an option value inside a collection',
			(w: WorkflowDefinition) => (w.nodes[1].parameters.updateFields = { status: 'gone' }),
			/"updateFields\.status": "gone" is not one of its options/,
		],
		[
			'a filter operation that does not exist',
			(w: WorkflowDefinition) => {
				const conditions = w.nodes[0].parameters.conditions as { conditions: Array<{ operator: object }> };
				conditions.conditions[0].operator = { type: 'string', operation: 'is' };
			},
			/string has no operation "is"/,
		],
		['a connection to a missing node', (w: WorkflowDefinition) => (w.connections['Bounced?'].main[0]![0].node = 'Nope'), /to missing node "Nope"/],
	])('flags %s', (_name, mutate, expected) => {
		const broken = workflow();
		mutate(broken);
		const problems = findWorkflowProblems(broken, nodeTypes);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(expected);
	});
});
