// Builds the one-node workflow every harness entry point runs: the node as n8n would store it
// (type, version, parameters, credential references, onError) inside a real n8n-workflow Workflow.
import { randomUUID } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow, deepCopy } from 'n8n-workflow';

import type { CredentialTypeRegistry } from './credentialsHelper';
import { HarnessCredentialsHelper, createCredentialTypeRegistry, credentialReference } from './credentialsHelper';
import { installRecordingLogger } from './logger';
import { createNodeTypes, defaultNodeName, defaultTypeName, latestVersion } from './nodeTypes';

export interface NodeFixtureOptions {
	nodeType: INodeType | IVersionedNodeType;
	/** Default: 'n8n-nodes-email-webhooks.' + description.name. */
	typeName?: string;
	typeVersion?: number;
	parameters: INodeParameters;
	/** Credential data keyed by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	nodeName?: string;
	/** n8n keeps a node's id for its lifetime; default a new UUID. */
	nodeId?: string;
	workflowId?: string;
	workflowName?: string;
	webhookId?: string;
	staticData?: IDataObject;
	continueOnFail?: boolean;
	active?: boolean;
}

export interface NodeFixture {
	node: INode;
	workflow: Workflow;
	workflowData: IWorkflowBase;
	credentialsHelper: HarnessCredentialsHelper;
	credentialTypes: CredentialTypeRegistry;
}

export function buildNodeFixture(opts: NodeFixtureOptions): NodeFixture {
	installRecordingLogger();
	const typeName = opts.typeName ?? defaultTypeName(opts.nodeType);
	const credentialTypes = createCredentialTypeRegistry(opts.credentialTypes);
	const credentials = opts.credentials ?? {};
	for (const type of Object.keys(credentials)) {
		if (!credentialTypes.has(type)) {
			throw new Error(`Credentials of type "${type}" given without its ICredentialType in credentialTypes`);
		}
	}

	const node: INode = {
		id: opts.nodeId ?? randomUUID(),
		name: opts.nodeName ?? defaultNodeName(opts.nodeType),
		type: typeName,
		typeVersion: opts.typeVersion ?? latestVersion(opts.nodeType),
		position: [0, 0],
		// Workflow fills parameter defaults into this object: never share the caller's.
		parameters: deepCopy(opts.parameters),
	};
	if (Object.keys(credentials).length > 0) {
		node.credentials = Object.fromEntries(
			Object.keys(credentials).map((type) => [type, credentialReference(type)]),
		);
	}
	if (opts.webhookId !== undefined) node.webhookId = opts.webhookId;
	if (opts.continueOnFail) node.onError = 'continueRegularOutput';

	const workflowId = opts.workflowId ?? 'harness-workflow';
	const workflow = new Workflow({
		id: workflowId,
		name: opts.workflowName ?? 'Harness workflow',
		nodes: [node],
		connections: {},
		active: opts.active ?? false,
		nodeTypes: createNodeTypes({ [typeName]: opts.nodeType }),
		settings: { executionOrder: 'v1' },
		staticData: opts.staticData,
	});
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: workflow.name ?? '',
		active: workflow.active,
		isArchived: false,
		nodes: [node],
		connections: {},
		settings: { executionOrder: 'v1' },
		createdAt: now,
		updatedAt: now,
		activeVersionId: null,
	};
	return {
		node: workflow.getNode(node.name) ?? node,
		workflow,
		workflowData,
		credentialsHelper: new HarnessCredentialsHelper(credentialTypes, credentials),
		credentialTypes,
	};
}
