// executeNode: runs one node's execute() inside n8n-core's WorkflowExecute, exactly as a workflow
// run would (parameter defaults, expression resolution, credentials, continueOnFail, error
// wrapping), with the given items on its input.
import { WorkflowExecute } from 'n8n-core';
import type { IDataObject, INodeExecutionData, IRun, WorkflowExecuteMode } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import type { LogEntry } from './logger';
import { withLogSink } from './logger';
import type { NodeFixtureOptions } from './workflowFixture';
import { buildNodeFixture } from './workflowFixture';

export interface ExecuteNodeOptions extends NodeFixtureOptions {
	/** Default [{ json: {} }]. */
	input?: INodeExecutionData[];
	/** Default 'manual' (a run started from the editor); production runs use 'trigger' or 'webhook'. */
	mode?: WorkflowExecuteMode;
	/** The n8n instance URL (WEBHOOK_URL) the node sees, e.g. in getRestApiUrl(). Default 127.0.0.1:5678. */
	instanceUrl?: string;
}

/**
 * How n8n reports a node's failure. A failed run carries it as a plain object (serialized like
 * n8n stores it), not as an Error instance: assert on fields.
 */
export interface HarnessNodeError extends IDataObject {
	name: string;
	message: string;
	description?: string | null;
	httpCode?: string | null;
}

export interface ExecuteNodeResult {
	/** Output 0 of the node. Empty when the node failed without continueOnFail. */
	items: INodeExecutionData[];
	/** All outputs of the node. */
	outputs: INodeExecutionData[][];
	error?: HarnessNodeError;
	logs: LogEntry[];
	run: IRun;
}

export function toHarnessError(error: unknown): HarnessNodeError {
	const source = error as Record<string, unknown>;
	const plain: IDataObject = {};
	for (const [key, value] of Object.entries(source)) plain[key] = value as IDataObject[string];
	return {
		...plain,
		name: String(source.name ?? 'Error'),
		message: String(source.message ?? ''),
		description: (source.description as string | null | undefined) ?? undefined,
		httpCode: (source.httpCode as string | null | undefined) ?? undefined,
	};
}

export async function executeNode(opts: ExecuteNodeOptions): Promise<ExecuteNodeResult> {
	const mode = opts.mode ?? 'manual';
	const { node, workflow, workflowData, credentialsHelper } = buildNodeFixture(opts);
	const additionalData = createAdditionalData({ credentialsHelper, mode, workflowData, instanceUrl: opts.instanceUrl });
	const input = opts.input ?? [{ json: {} }];
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [input] }, source: null }],
		},
	});
	const logs: LogEntry[] = [];
	const run = await withLogSink(logs, async () => {
		const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
		return await workflowExecute.processRunExecutionData(workflow);
	});

	const task = run.data.resultData.runData[node.name]?.[0];
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
	const error = task?.error ?? run.data.resultData.error;
	return {
		items: outputs[0] ?? [],
		outputs,
		error: error === undefined ? undefined : toHarnessError(error),
		logs,
		run,
	};
}
