// The least of n8n's IWebhookFunctions a trigger's webhook() needs, with no engine behind it, so
// that the receive-path benchmark times our code and nothing of n8n's. Parameters are returned as
// stored (no expressions), static data is a plain object, the response only records what was sent.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

export interface FakeRequest {
	method: string;
	/** Lower-cased names, as n8n hands them to webhook(). */
	headers: Record<string, string>;
	/** The body as n8n parsed it. */
	body: unknown;
	/** The bytes as received. */
	rawBody: Buffer;
}

export interface FakeResponse {
	statusCode: number;
	body: unknown;
}

export interface FakeContextOptions {
	request: FakeRequest;
	parameters: Record<string, unknown>;
	/** The node's static data (`getWorkflowStaticData('node')`), kept across calls. */
	staticData: IDataObject;
	webhookUrl: string;
	nodeName: string;
}

/**
 * One context for many requests, as cheap as possible: set `options.request` before each call
 * (the context reads it on every access) and read `response` after it.
 */
export function fakeWebhookContext(options: FakeContextOptions): { context: IWebhookFunctions; response: FakeResponse } {
	const response: FakeResponse = { statusCode: 200, body: undefined };
	const res = {
		setHeader: () => res,
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		type: () => res,
		send(body: unknown) {
			response.body = body;
			return res;
		},
		end: () => res,
	};
	const node = { name: options.nodeName, type: 'bench', typeVersion: 1, position: [0, 0], parameters: options.parameters };
	const quiet = () => undefined;
	const context = {
		getRequestObject: () => options.request,
		getResponseObject: () => res,
		getBodyData: () => options.request.body,
		getHeaderData: () => options.request.headers,
		getQueryData: () => ({}),
		getNodeParameter: (name: string, fallback?: unknown) => options.parameters[name] ?? fallback,
		getWorkflowStaticData: () => options.staticData,
		getNodeWebhookUrl: () => options.webhookUrl,
		getWebhookName: () => 'default',
		getNode: () => node,
		getWorkflow: () => ({ id: 'bench-workflow', name: 'Benchmark', active: true }),
		getMode: () => 'webhook',
		logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
		helpers: {},
	};
	return { context: context as unknown as IWebhookFunctions, response };
}
