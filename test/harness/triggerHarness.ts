// createTriggerHarness: one webhook trigger node living in an "n8n instance" the way n8n's server
// handles it, with n8n-core's real HookContext / WebhookContext / WorkflowExecute doing the work.
//
// What the harness reproduces from n8n's server (packages/cli, read for behaviour only):
//   - Webhooks of a node: one per webhook description and per HTTP method (a comma-separated
//     `httpMethod` gives several), path from NodeHelpers.getNodeWebhookPath.
//   - Activation ('production'): for each webhook, checkExists, then create when it said false,
//     in mode 'trigger'; if that throws, n8n runs delete on the same workflow and saves static
//     data before reporting the error. Deactivation: delete in mode 'internal'/'update'.
//   - Test URL ('test'): n8n builds the workflow with EMPTY static data, sets isTest on the
//     webhook (so getNodeWebhookUrl gives the webhook-test URL), runs checkExists/create in mode
//     'manual'/'manual', keeps that static data with the test registration (never in the
//     workflow), and deletes on 'internal'/'update' with it. Production data is never touched.
//   - Static data: n8n loads the workflow (and its static data) fresh for every activation and
//     every request and writes the static data back only when n8n-workflow's ObservableObject
//     flagged a change (`__dataChanged`). The harness does the same, so a change n8n would not
//     notice is lost here too. A webhook() that throws gets no save (n8n rejects before saving).
//   - Requests: see webhookHttp.ts for the body; response rules in `respond()` below.
import { createHash, randomUUID } from 'node:crypto';

import { WebhookContext, HookContext, WorkflowExecute, getHtmlSandboxCSP, isWebhookHtmlSandboxingDisabled } from 'n8n-core';
import type {
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, createRunExecutionData, deepCopy, isNodeClassInstance } from 'n8n-workflow';

import { DEFAULT_INSTANCE_URL, createAdditionalData } from './additionalData';
import type { HarnessNodeError } from './executeNode';
import { toHarnessError } from './executeNode';
import type { LogEntry } from './logger';
import { withLogSink } from './logger';
import { defaultTypeName } from './nodeTypes';
import type { HarnessHttpMethod, HarnessRequest } from './webhookHttp';
import { HarnessResponse, WebhookHttpError, createRequest, parseWebhookRequestBody } from './webhookHttp';
import type { NodeFixture, NodeFixtureOptions } from './workflowFixture';
import { buildNodeFixture } from './workflowFixture';

export type WebhookUrlMode = 'production' | 'test';
export type WebhookSetupMethod = 'checkExists' | 'create' | 'delete';

export interface TriggerHarnessOptions extends Omit<NodeFixtureOptions, 'continueOnFail' | 'active'> {
	/** The URL n8n is reachable at (WEBHOOK_URL); default 'http://127.0.0.1:5678/'. */
	webhookBaseUrl?: string;
	/**
	 * false: what webhook() writes to static data is dropped when the delivery starts an execution,
	 * as n8n 2.41.1 does (README, "Scaling out"); default true (n8n 1.x, and deliveries that start none).
	 */
	saveStaticDataOfExecutions?: boolean;
}

export interface ReceiveRequest {
	method: HarnessHttpMethod;
	headers?: Record<string, string>;
	body?: string | Buffer;
	query?: Record<string, string | string[]>;
	/** Which URL the request arrived on; default 'production' (a live, activated workflow). */
	mode?: WebhookUrlMode;
}

export interface ReceiveResult {
	status: number;
	/** Lower-cased names. */
	headers: Record<string, string>;
	body: string;
	/** The trigger's output (workflowData) after n8n ran it; undefined when no execution started. */
	items?: INodeExecutionData[][];
	/** What webhook() returned, as the node returned it. */
	webhookResult?: IWebhookResponseData;
	/** The error webhook() threw (n8n answered 500 and started no useful execution). */
	webhookError?: HarnessNodeError;
	/** The error of the execution started with the trigger's output, if it failed. */
	executionError?: HarnessNodeError;
	/** The request object the node saw (body, rawBody...), for assertions. */
	request: HarnessRequest;
	logs: LogEntry[];
}

export interface ActivationResult {
	/** Per webhook (method), what checkExists answered and whether create ran. */
	webhooks: Array<{ httpMethod: string; existed: boolean | undefined; created: boolean }>;
}

export interface TriggerHarness {
	/** The workflow of the latest operation (n8n builds a new one for each). */
	readonly workflow: Workflow;
	readonly node: INode;
	/** The node's persisted static data (production), as n8n would have saved it. */
	staticData(mode?: WebhookUrlMode): IDataObject;
	/** What getNodeWebhookUrl('default') returns in that mode. */
	webhookUrl(mode?: WebhookUrlMode): string;
	/** Runs one of the node's webhookMethods for its first webhook, the way n8n calls it. */
	runHook(
		method: WebhookSetupMethod,
		mode?: WebhookUrlMode,
		options?: { activation?: WorkflowActivateMode; httpMethod?: string },
	): Promise<boolean | undefined>;
	/** What n8n does when a workflow is activated (production) or starts listening (test). */
	activate(mode?: WebhookUrlMode, activation?: WorkflowActivateMode): Promise<ActivationResult>;
	/** What n8n does when a workflow is deactivated / stops listening. */
	deactivate(mode?: WebhookUrlMode): Promise<void>;
	receive(request: ReceiveRequest): Promise<ReceiveResult>;
	/** Everything the node logged through this harness, in order. */
	logs: LogEntry[];
}

interface StaticStore {
	data: IDataObject;
}

function pathAndMethods(workflow: Workflow, node: INode, description: IWebhookDescription) {
	const mode = 'internal';
	let nodePath = String(workflow.expression.getSimpleParameterValue(node, description.path, mode, {}) ?? '');
	nodePath = nodePath.replace(/^\//, '').replace(/\/$/, '');
	const isFullPath = workflow.expression.getSimpleParameterValue(node, description.isFullPath, mode, {}, undefined, false) as boolean;
	const restartWebhook = workflow.expression.getSimpleParameterValue(
		node,
		description.restartWebhook,
		mode,
		{},
		undefined,
		false,
	) as boolean;
	const path = NodeHelpers.getNodeWebhookPath(workflow.id, node, nodePath, isFullPath, restartWebhook);
	const methods = String(workflow.expression.getSimpleParameterValue(node, description.httpMethod, mode, {}, undefined, 'GET'))
		.split(',')
		.map((method) => method.trim())
		.filter(Boolean);
	return { path, methods };
}

/**
 * n8n's editor gives every webhook node a random UUID `webhookId` when it is added, and keeps it
 * when the node is renamed. The default here is stable per (workflow id, node type), so two
 * harnesses standing for the same workflow before and after a restart get the same URL.
 */
function defaultWebhookId(opts: TriggerHarnessOptions): string {
	const typeName = opts.typeName ?? defaultTypeName(opts.nodeType);
	const hex = createHash('sha256').update(`${opts.workflowId ?? 'harness-workflow'}:${typeName}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function createTriggerHarness(opts: TriggerHarnessOptions): TriggerHarness {
	const logs: LogEntry[] = [];
	const instanceUrl = opts.webhookBaseUrl ?? DEFAULT_INSTANCE_URL;
	opts = { ...opts, webhookId: opts.webhookId ?? defaultWebhookId(opts), nodeId: opts.nodeId ?? randomUUID() };
	const production: StaticStore = { data: deepCopy(opts.staticData ?? {}) };
	const test: StaticStore = { data: {} };
	let latest: NodeFixture = buildNodeFixture({ ...opts, staticData: production.data, active: true });
	const credentialsHelper = latest.credentialsHelper;
	const nodeName = latest.node.name;

	/** A fresh workflow over a copy of the persisted static data, as n8n loads it from its DB. */
	function load(store: StaticStore): NodeFixture {
		latest = buildNodeFixture({ ...opts, staticData: deepCopy(store.data), active: true });
		// One credential store for the harness lifetime (credential updates must persist).
		latest.credentialsHelper = credentialsHelper;
		return latest;
	}

	function save(fixture: NodeFixture, store: StaticStore) {
		if (fixture.workflow.staticData.__dataChanged === true) {
			store.data = deepCopy(fixture.workflow.staticData);
		}
	}

	function additionalDataFor(fixture: NodeFixture, mode: WorkflowExecuteMode): IWorkflowExecuteAdditionalData {
		return createAdditionalData({
			credentialsHelper: fixture.credentialsHelper,
			mode,
			workflowData: fixture.workflowData,
			instanceUrl,
		});
	}

	function webhooksOf(fixture: NodeFixture, additionalData: IWorkflowExecuteAdditionalData, isTest: boolean): IWebhookData[] {
		const { workflow, node } = fixture;
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const result: IWebhookData[] = [];
		for (const description of nodeType.description.webhooks ?? []) {
			const { path, methods } = pathAndMethods(workflow, node, description);
			for (const httpMethod of methods) {
				result.push({
					httpMethod: httpMethod as IHttpRequestMethods,
					node: node.name,
					path,
					webhookDescription: description,
					workflowId: workflow.id,
					workflowExecuteAdditionalData: additionalData,
					webhookId: path.startsWith(':') || path.includes('/:') ? node.webhookId : undefined,
					...(isTest ? { isTest: true } : {}),
				});
			}
		}
		if (result.length === 0) throw new Error(`Node "${node.name}" declares no webhooks`);
		return result;
	}

	async function callHook(
		fixture: NodeFixture,
		method: WebhookSetupMethod,
		webhookData: IWebhookData,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> {
		const { workflow, node } = fixture;
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const hook = nodeType.webhookMethods?.[webhookData.webhookDescription.name]?.[method];
		if (hook === undefined) return undefined;
		const context = new HookContext(workflow, node, webhookData.workflowExecuteAdditionalData, mode, activation, webhookData);
		return (await hook.call(context)) as boolean | undefined;
	}

	function hookModes(method: WebhookSetupMethod, urlMode: WebhookUrlMode, activation?: WorkflowActivateMode) {
		if (method === 'delete') return { mode: 'internal' as const, activation: activation ?? ('update' as const) };
		if (urlMode === 'test') return { mode: 'manual' as const, activation: activation ?? ('manual' as const) };
		return { mode: 'trigger' as const, activation: activation ?? ('activate' as const) };
	}

	/** What the node's getNodeWebhookUrl('<first webhook>') returns in that mode. */
	function urlOf(fixture: NodeFixture, mode: WebhookUrlMode): string {
		const additionalData = additionalDataFor(fixture, mode === 'test' ? 'manual' : 'trigger');
		const [webhookData] = webhooksOf(fixture, additionalData, mode === 'test');
		const context = new HookContext(fixture.workflow, fixture.node, additionalData, 'internal', 'activate', webhookData);
		const url = context.getNodeWebhookUrl(webhookData.webhookDescription.name);
		if (url === undefined) throw new Error('The node has no webhook URL');
		return url;
	}

	const storeFor = (urlMode: WebhookUrlMode) => (urlMode === 'test' ? test : production);

	// n8n starts every "listen for a test event" session with empty static data and drops that
	// data when the session ends (deleted after one test execution, a timeout, or a cancel).
	let testSessionOpen = false;
	function beginOrContinue(urlMode: WebhookUrlMode) {
		if (urlMode !== 'test' || testSessionOpen) return;
		test.data = {};
		testSessionOpen = true;
	}
	function endTestSession() {
		test.data = {};
		testSessionOpen = false;
	}

	const harness: TriggerHarness = {
		get workflow() {
			return latest.workflow;
		},
		get node() {
			return latest.node;
		},
		logs,

		staticData(mode: WebhookUrlMode = 'production') {
			const data = storeFor(mode).data[`node:${nodeName}`];
			return deepCopy((data as IDataObject | undefined) ?? {});
		},

		webhookUrl(mode: WebhookUrlMode = 'production') {
			return urlOf(load(storeFor(mode)), mode);
		},

		async runHook(method, urlMode = 'production', options = {}) {
			return await withLogSink(logs, async () => {
				if (method !== 'delete') beginOrContinue(urlMode);
				const fixture = load(storeFor(urlMode));
				const { mode, activation } = hookModes(method, urlMode, options.activation);
				const additionalData = additionalDataFor(fixture, mode);
				const webhooks = webhooksOf(fixture, additionalData, urlMode === 'test');
				const webhookData =
					options.httpMethod === undefined
						? webhooks[0]
						: webhooks.find((webhook) => webhook.httpMethod === options.httpMethod);
				if (webhookData === undefined) throw new Error(`No webhook for method ${options.httpMethod}`);
				try {
					return await callHook(fixture, method, webhookData, mode, activation);
				} finally {
					// n8n saves after activation steps and deletions, whether they failed or not.
					save(fixture, storeFor(urlMode));
					if (urlMode === 'test' && method === 'delete') endTestSession();
				}
			});
		},

		async activate(urlMode = 'production', activation) {
			return await withLogSink(logs, async () => {
				beginOrContinue(urlMode);
				const fixture = load(storeFor(urlMode));
				const { mode, activation: activationMode } = hookModes('create', urlMode, activation);
				const additionalData = additionalDataFor(fixture, mode);
				const result: ActivationResult = { webhooks: [] };
				for (const webhookData of webhooksOf(fixture, additionalData, urlMode === 'test')) {
					try {
						const existed = await callHook(fixture, 'checkExists', webhookData, mode, activationMode);
						if (!existed) await callHook(fixture, 'create', webhookData, mode, activationMode);
						result.webhooks.push({ httpMethod: webhookData.httpMethod, existed, created: !existed });
					} catch (error) {
						// n8n: deregister with the same workflow (errors only logged), save, rethrow.
						try {
							const deleteModes = hookModes('delete', urlMode);
							await callHook(fixture, 'delete', webhookData, deleteModes.mode, deleteModes.activation);
						} catch (deleteError) {
							// n8n only logs this one and reports the activation error.
							logs.push({
								level: 'error',
								message: `(harness) delete after failed activation threw: ${(deleteError as Error).message}`,
							});
						}
						save(fixture, storeFor(urlMode));
						throw error;
					}
				}
				save(fixture, storeFor(urlMode));
				return result;
			});
		},

		async deactivate(urlMode = 'production') {
			await withLogSink(logs, async () => {
				const fixture = load(storeFor(urlMode));
				const { mode, activation } = hookModes('delete', urlMode);
				const additionalData = additionalDataFor(fixture, mode);
				try {
					for (const webhookData of webhooksOf(fixture, additionalData, urlMode === 'test')) {
						await callHook(fixture, 'delete', webhookData, mode, activation);
					}
				} finally {
					save(fixture, storeFor(urlMode));
					if (urlMode === 'test') endTestSession();
				}
			});
		},

		async receive(incoming) {
			const requestLogs: LogEntry[] = [];
			const result = await withLogSink(requestLogs, async () => await receiveRequest(incoming));
			logs.push(...requestLogs);
			return { ...result, logs: requestLogs };
		},
	};

	async function receiveRequest(incoming: ReceiveRequest): Promise<Omit<ReceiveResult, 'logs'>> {
		const urlMode = incoming.mode ?? 'production';
		const store = storeFor(urlMode);
		const executionMode: WorkflowExecuteMode = urlMode === 'test' ? 'manual' : 'webhook';
		const fixture = load(store);
		const { workflow, node } = fixture;
		const additionalData = additionalDataFor(fixture, executionMode);
		const webhooks = webhooksOf(fixture, additionalData, urlMode === 'test');
		const webhookData = webhooks.find((webhook) => webhook.httpMethod === incoming.method);

		const url = new URL(urlOf(fixture, urlMode));
		const req = createRequest(incoming, url);
		const res = new HarnessResponse(incoming.method);
		const finish = (extra: Partial<ReceiveResult> = {}) => ({ ...res.toResult(), request: req, ...extra });

		if (webhookData === undefined) {
			// n8n's WebhookNotFoundError wording for a path that exists with other methods.
			const methods = webhooks.map((webhook) => webhook.httpMethod);
			const last = methods.pop();
			const listed = methods.length > 0 ? `${methods.join(', ')} or ${last}` : last;
			res.status(404).json({
				code: 404,
				message: `This webhook is not registered for ${incoming.method} requests. Did you mean to make a ${listed} request?`,
			});
			return finish();
		}

		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = webhookData.webhookDescription;
		const evaluate = <T>(value: unknown, fallback: T): T =>
			(workflow.expression.getSimpleParameterValue(node, value as string | undefined, executionMode, {}, undefined, fallback as string) ??
				fallback) as T;
		const responseMode = evaluate(description.responseMode, 'onReceived');
		const responseCode = Number(evaluate(description.responseCode, 200));
		const responseData =
			description.responseData === undefined
				? 'firstEntryJson'
				: workflow.expression.getComplexParameterValue(node, description.responseData, executionMode, {}, undefined, 'firstEntryJson');

		try {
			await parseWebhookRequestBody(req, node.typeVersion);
		} catch (error) {
			if (!(error instanceof WebhookHttpError)) throw error;
			res.status(error.status).json(error.body);
			return finish();
		}

		additionalData.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const context = new WebhookContext(workflow, node, additionalData, executionMode, webhookData, [], null);
		let webhookResult: IWebhookResponseData;
		try {
			webhookResult = isNodeClassInstance(nodeType)
				? await nodeType.webhook!(context)
				: ((await nodeType.webhook!.call(context)) as IWebhookResponseData);
		} catch (error) {
			// n8n answers this generic 500 (the real message goes to its log) and saves nothing.
			res.status(500).json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return finish({ webhookError: toHarnessError(error) });
		}

		if (res.headersSent && webhookResult.noWebhookResponse !== true) {
			throw new Error(
				'webhook() wrote to the response but did not return noWebhookResponse: true; n8n would then answer a ' +
					'second time and fail with ERR_HTTP_HEADERS_SENT',
			);
		}
		if (webhookResult.noWebhookResponse === true && !res.writableEnded) {
			throw new Error(
				'webhook() returned noWebhookResponse: true but never ended the response; the caller would hang',
			);
		}
		if (opts.saveStaticDataOfExecutions !== false || webhookResult.workflowData === undefined) save(fixture, store);

		const respond = (body: unknown) => {
			if (res.headersSent) return;
			res.status(responseCode);
			if (!isWebhookHtmlSandboxingDisabled()) res.setHeader('content-security-policy', getHtmlSandboxCSP());
			if (typeof body === 'string') res.send(body);
			else res.json(body);
		};

		if (webhookResult.workflowData === undefined) {
			// Only `undefined` selects n8n's default message; null is sent as null.
			respond(webhookResult.webhookResponse !== undefined ? webhookResult.webhookResponse : { message: 'Webhook call received' });
			return finish({ webhookResult });
		}

		const run = await runTriggerExecution(fixture, executionMode, webhookResult.workflowData);
		const task = run.data.resultData.runData[node.name]?.[0];
		const items = task?.data?.main.map((output) => output ?? []);
		const executionErrorSource = task?.error ?? run.data.resultData.error;
		const executionError = executionErrorSource === undefined ? undefined : toHarnessError(executionErrorSource);

		if (responseMode === 'onReceived') {
			// n8n sends the evaluated `responseData` when it is truthy, which for a node that does not
			// set it is the literal string 'firstEntryJson'; 'noData' sends an empty body; only a
			// falsy responseData lets webhookResponse through. Set noWebhookResponse and answer
			// yourself to control the body of a request that starts an execution.
			if (responseData === 'noData') respond(undefined);
			else if (responseData) respond(responseData);
			else if (webhookResult.webhookResponse !== undefined) respond(webhookResult.webhookResponse);
			else respond({ message: 'Workflow was started' });
		} else if (responseMode === 'lastNode') {
			if (executionError !== undefined) {
				res.status(500).json({ message: 'Error in workflow' });
			} else {
				const first = items?.[0] ?? [];
				if (responseData === 'allEntries') respond(first.map((item) => item.json));
				else if (responseData === 'noData') respond(undefined);
				else respond(first[0]?.json ?? { message: 'Workflow executed successfully but the last node did not return any data' });
			}
		} else {
			throw new Error(`responseMode "${String(responseMode)}" is not modelled by the test harness`);
		}
		return finish({ webhookResult, items, executionError });
	}

	async function runTriggerExecution(
		fixture: NodeFixture,
		mode: WorkflowExecuteMode,
		workflowData: INodeExecutionData[][],
	): Promise<IRun> {
		// The execution n8n starts with the trigger's output: WorkflowExecute passes a webhook
		// node's input straight through, validating the items on the way.
		const additionalData = additionalDataFor(fixture, mode);
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: fixture.node, data: { main: workflowData }, source: null }],
			},
		});
		return await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(fixture.workflow);
	}

	return harness;
}
