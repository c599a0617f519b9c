// The IWorkflowExecuteAdditionalData n8n's server would hand the engine, as a plain object.
// Plain on purpose: a deep mock makes optional fields such as `currentNodeParameters` or
// `evalLlmMockHandler` truthy, which sends requests down n8n's evaluation-mock code paths.
import { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	ICredentialsHelper,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

export const DEFAULT_INSTANCE_URL = 'http://127.0.0.1:5678/';

/** The URLs n8n derives from its instance URL (`WEBHOOK_URL`) and default endpoint names. */
export function instanceUrls(instanceUrl: string) {
	const base = instanceUrl.replace(/\/+$/, '');
	return {
		instanceBaseUrl: `${base}/`,
		restApiUrl: `${base}/rest`,
		webhookBaseUrl: `${base}/webhook`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		formBaseUrl: `${base}/form`,
		formTestBaseUrl: `${base}/form-test`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
	};
}

let executionCounter = 0;

export function nextExecutionId(): string {
	executionCounter += 1;
	return String(executionCounter);
}

export function createAdditionalData(opts: {
	credentialsHelper: ICredentialsHelper;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	instanceUrl?: string;
	executionId?: string;
}): IWorkflowExecuteAdditionalData {
	const executionId = opts.executionId ?? nextExecutionId();
	const notAvailable = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not available in the test harness`);
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		...instanceUrls(opts.instanceUrl ?? DEFAULT_INSTANCE_URL),
		credentialsHelper: opts.credentialsHelper,
		hooks: new ExecutionLifecycleHooks(opts.mode, executionId, opts.workflowData),
		executionId,
		workflowId: opts.workflowData.id,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: undefined,
		variables: {},
		executeWorkflow: notAvailable('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notAvailable('The Code node task runner'),
		logAiEvent: () => {},
		setExecutionStatus: () => {},
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}
