// testCredential: what happens when a user clicks "Test" on a credential in n8n's UI, for
// credentials with a declarative `test` request. Mirrors n8n's server (CredentialsTester in
// packages/cli, read for behaviour): the credential's defaults are applied, the test request runs
// through n8n-core's RoutingNode inside a temporary one-node workflow (node type
// 'n8n-nodes-base.noOp' with the credential attached, so `authenticate` applies), and the outcome
// maps to { status, message } as follows:
//   - the request failed with an HTTP response: a `responseCode` rule matching the status gives
//     its message; otherwise any non-2xx gives the status text, else "Received HTTP status code: N";
//   - it failed without a response: the error's cause code (ECONNREFUSED...), else its message;
//   - it succeeded: each `responseSuccessBody` rule whose `key` (a dot path) in the response body
//     equals `value` gives status 'Error' with its message; otherwise 'OK', 'Connection successful!'.
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsDecrypted,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { HarnessCredentialsHelper, createCredentialTypeRegistry, credentialReference } from './credentialsHelper';
import type { LogEntry } from './logger';
import { installRecordingLogger, withLogSink } from './logger';
import { createNodeTypes } from './nodeTypes';

const TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

function getPath(data: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		if (value === null || value === undefined) return undefined;
		return (value as Record<string, unknown>)[key];
	}, data);
}

export interface CredentialTestOptions {
	/** Other credential types `credentialType` extends. */
	extraCredentialTypes?: ICredentialType[];
	logs?: LogEntry[];
}

export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	options: CredentialTestOptions = {},
): Promise<INodeCredentialTestResult> {
	installRecordingLogger();
	const testRequest = credentialType.test;
	if (testRequest === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}
	const credentialTypes = createCredentialTypeRegistry([credentialType, ...(options.extraCredentialTypes ?? [])]);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, { [credentialType.name]: data });
	const reference = credentialReference(credentialType.name);
	const credentialsDecrypted: ICredentialsDecrypted = {
		...reference,
		id: reference.id as string,
		type: credentialType.name,
		data: credentialsHelper.withDefaults(credentialType.name, data),
	};

	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: TEST_NODE_TYPE,
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType.name]: reference },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: createNodeTypes({ [TEST_NODE_TYPE]: nodeType }),
	});
	const mode = 'internal';
	const additionalData = createAdditionalData({
		credentialsHelper,
		mode,
		workflowData: {
			id: workflow.id,
			name: '',
			active: false,
			isArchived: false,
			nodes: [node],
			connections: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		},
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await withLogSink(options.logs ?? [], async () => await routingNode.runNode());
	} catch (caught) {
		const error = caught as Error & {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			if (getPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
