// Building workflow JSON the way the editor saves it, and reading what n8n gives back: the
// production and test webhook URLs of a trigger node (computed from the node type's own webhook
// descriptions, as n8n does) and the output items of a node in a stored execution.
import { randomUUID } from 'node:crypto';
import { NodeHelpers } from 'n8n-workflow';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeCredentials,
	INodeParameters,
	INodeTypeDescription,
	IRunExecutionData,
	IWebhookDescription,
	IWorkflowSettings,
} from 'n8n-workflow';
import { PACKAGE_NAME } from './paths';

export interface WorkflowDefinition {
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

/** A workflow as the public API returns it. */
export interface StoredWorkflow extends WorkflowDefinition {
	id: string;
	active: boolean;
	versionId?: string;
	activeVersionId?: string | null;
}

/** A credential as the public API returns it (never its data). */
export interface StoredCredential {
	id: string;
	name: string;
	type: string;
}

/** An execution as GET /api/v1/executions?includeData=true returns it. */
export interface StoredExecution {
	id: string | number;
	workflowId: string;
	mode: string;
	status: 'new' | 'running' | 'success' | 'error' | 'canceled' | 'crashed' | 'waiting' | 'unknown';
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	data?: IRunExecutionData;
}

export interface WebhookEndpoint {
	/** The webhook description's name ('default', 'setup', ...). */
	name: string;
	httpMethod: string;
	/** `<N8N_WEBHOOK_URL>webhook/...`: the URL a provider must be given. */
	productionUrl: string;
	/** `<N8N_WEBHOOK_URL>webhook-test/...`: the editor's "listen for test event" URL. */
	testUrl: string;
}

/** `sarvTrigger` → `n8n-nodes-email-webhooks.sarvTrigger`; full type names pass through. */
export function fullNodeType(typeName: string): string {
	return typeName.includes('.') ? typeName : `${PACKAGE_NAME}.${typeName}`;
}

/** The newest version a description declares (a number or a list of numbers). */
export function latestVersion(description: INodeTypeDescription): number {
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	return Math.max(...versions);
}

export function declaresVersion(description: INodeTypeDescription, version: number): boolean {
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	return versions.includes(version);
}

export function makeNode(
	description: INodeTypeDescription,
	fields: {
		parameters?: INodeParameters;
		credentials?: INodeCredentials;
		name?: string;
		typeVersion?: number;
		position?: [number, number];
		webhookId?: string;
	} = {},
): INode {
	const node: INode = {
		id: randomUUID(),
		name: fields.name ?? description.defaults.name ?? description.displayName,
		type: description.name,
		typeVersion: fields.typeVersion ?? latestVersion(description),
		position: fields.position ?? [0, 0],
		parameters: fields.parameters ?? {},
	};
	if (fields.credentials) node.credentials = fields.credentials;
	// The editor gives every webhook node a webhookId; it is part of the production URL.
	if (description.webhooks?.length) node.webhookId = fields.webhookId ?? randomUUID();
	return node;
}

/** Every webhook a node answers on, with n8n's URL rules (isFullPath, webhookId, path). */
export function webhookEndpoints(
	webhookBaseUrl: string,
	workflowId: string,
	node: INode,
	description: INodeTypeDescription,
): WebhookEndpoint[] {
	return (description.webhooks ?? []).map((webhook) => {
		const webhookPath = resolveStaticValue(webhook.path, node, description);
		const isFullPath = webhook.isFullPath === true;
		const root = webhookBaseUrl.replace(/\/+$/, '');
		return {
			name: webhook.name,
			httpMethod: resolveStaticValue(webhook.httpMethod, node, description),
			productionUrl: NodeHelpers.getNodeWebhookUrl(`${root}/webhook`, workflowId, node, webhookPath, isFullPath),
			testUrl: NodeHelpers.getNodeWebhookUrl(`${root}/webhook-test`, workflowId, node, webhookPath, isFullPath),
		};
	});
}

/**
 * Webhook paths and methods are plain strings or `={{$parameter["name"]}}`-style expressions
 * (n8n's own Webhook node); anything else must be spelled out by the test.
 */
function resolveStaticValue(
	value: IWebhookDescription['path'] | IWebhookDescription['httpMethod'],
	node: INode,
	description: INodeTypeDescription,
): string {
	if (typeof value !== 'string') throw new Error(`Unsupported webhook description value ${JSON.stringify(value)}`);
	if (!value.startsWith('=')) return value;
	const match = /^=\{\{\s*\$parameter(?:\[["'](\w+)["']\]|\.(\w+))\s*(?:\|\|\s*["'](\w+)["']\s*)?\}\}$/.exec(value);
	if (!match) throw new Error(`Cannot resolve webhook expression ${value} of ${description.name} without running it`);
	const parameter = match[1] ?? match[2];
	const fromNode = node.parameters[parameter];
	if (typeof fromNode === 'string' && fromNode !== '') return fromNode;
	const declared = description.properties.find((property) => property.name === parameter)?.default;
	if (typeof declared === 'string' && declared !== '') return declared;
	if (match[3]) return match[3];
	throw new Error(`${description.name} has no value for parameter ${parameter} used in its webhook path`);
}

/** The JSON of the items `nodeName` output on its first run (main output `outputIndex`). */
export function nodeOutputItems(execution: StoredExecution, nodeName: string, outputIndex = 0): IDataObject[] {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs || runs.length === 0) {
		const ran = Object.keys(execution.data?.resultData.runData ?? {});
		throw new Error(`Execution ${execution.id} has no run of node "${nodeName}" (nodes that ran: ${ran.join(', ') || 'none'})`);
	}
	return (runs[0].data?.main?.[outputIndex] ?? []).map((item) => item.json);
}

/** The error message of a failed execution, or undefined. */
export function executionError(execution: StoredExecution): string | undefined {
	const error = execution.data?.resultData.error;
	return error ? `${error.message}${error.description ? `: ${error.description}` : ''}` : undefined;
}
