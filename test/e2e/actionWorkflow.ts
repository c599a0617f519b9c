// A workflow that runs one action node the way an automation would call it, without a browser:
// n8n's Webhook node ("respond when the last node finishes") followed by the action node, whose
// parameters read the request body through expressions. Used by the actions e2e tests.
import { randomUUID } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { executionError, makeNode, nodeOutputItems, webhookEndpoints } from './lib';
import type { N8n, StoredCredential, StoredExecution } from './lib';

const ACTION_NODE = 'Action';

export interface ActionRun {
	/** n8n's HTTP answer: the action's output items (an error answer when the execution failed). */
	status: number;
	body: unknown;
	execution: StoredExecution;
	/** The action node's output items in the stored execution ([] when it failed). */
	items: IDataObject[];
}

/** An active workflow "Webhook → action node"; each run posts `input` as the request body. */
export interface ActionWorkflow {
	run(input?: Record<string, unknown>): Promise<ActionRun>;
}

export async function actionWorkflow(
	n8n: N8n,
	nodeType: string,
	credential: StoredCredential,
	parameters: INodeParameters,
): Promise<ActionWorkflow> {
	const requestType = await n8n.nodeType('n8n-nodes-base.webhook');
	const request = makeNode(requestType, {
		name: 'Request',
		parameters: { httpMethod: 'POST', path: `action-${randomUUID()}`, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	});
	const action = makeNode(await n8n.nodeType(nodeType), {
		name: ACTION_NODE,
		parameters,
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		position: [220, 0],
	});
	const workflow = await n8n.createWorkflow({
		name: `${nodeType} ${String(parameters.operation)} ${randomUUID().slice(0, 8)}`,
		nodes: [request, action],
		connections: { Request: { main: [[{ node: ACTION_NODE, type: 'main', index: 0 }]] } },
	});
	const [endpoint] = webhookEndpoints(n8n.server.webhookBaseUrl, workflow.id, request, requestType);
	await n8n.activateWorkflow(workflow.id);
	return {
		async run(input = {}) {
			const before = (await n8n.executions(workflow.id)).length;
			const response = await fetch(endpoint.productionUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(input),
			});
			const text = await response.text();
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Not JSON: keep the text.
			}
			const executions = await n8n.waitForExecutions(workflow.id, before + 1);
			const execution = executions[executions.length - 1];
			const items = execution.status === 'success' ? nodeOutputItems(execution, ACTION_NODE) : [];
			return { status: response.status, body, execution, items };
		},
	};
}

/** A run that succeeded: the answer and the stored execution carry the same items. */
export function succeeded(run: ActionRun): IDataObject[] {
	expect({ status: run.status, execution: run.execution.status, error: executionError(run.execution) }).toEqual({
		status: 200,
		execution: 'success',
		error: undefined,
	});
	expect(run.body).toEqual(run.items);
	return run.items;
}

/** A run whose action failed: the user reads why in the execution. */
export function failedWith(run: ActionRun, message: RegExp): void {
	expect(run.execution.status).toBe('error');
	expect(run.status).toBe(500);
	expect(executionError(run.execution)).toMatch(message);
}
