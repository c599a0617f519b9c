// Proves the harness against n8n-core with tiny nodes and credentials defined here (not the
// product's), talking to a node:http server on 127.0.0.1.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { createTriggerHarness, executeNode, testCredential } from './index';

// ---------------------------------------------------------------- a fake provider on 127.0.0.1

interface Received {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

interface Hook {
	id: string;
	url: string;
}

const received: Received[] = [];
let hooks: Hook[] = [];
let nextHookId = 1;
let failCreate = false;
let server: Server;
let baseUrl = '';

function json(res: import('node:http').ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			const path = (req.url ?? '').split('?')[0];
			received.push({ method: req.method ?? '', path, headers: req.headers, body });
			const parsed = body ? (JSON.parse(body) as IDataObject) : {};
			if (path === '/echo') return json(res, 200, { ok: true, got: parsed });
			if (path === '/fail') return json(res, 500, { message: 'The provider broke' });
			if (path === '/account/viewUserDetail') {
				return parsed.token === 'good'
					? json(res, 200, { status: 'success', data: { owner: parsed.owner_id } })
					: json(res, 200, { status: 'error', name: 'AuthenticationError', message: 'Invalid token' });
			}
			if (path === '/whoami') {
				const expected = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
				return req.headers.authorization === expected ? json(res, 200, { user: 'alice' }) : json(res, 401, {});
			}
			if (path === '/hooks' && req.method === 'GET') return json(res, 200, hooks);
			if (path === '/hooks' && req.method === 'POST' && failCreate) return json(res, 503, { message: 'Try later' });
			if (path === '/hooks' && req.method === 'POST') {
				const hook = { id: String(nextHookId++), url: String(parsed.url) };
				hooks.push(hook);
				return json(res, 200, hook);
			}
			if (path.startsWith('/hooks/') && req.method === 'DELETE') {
				const id = path.slice('/hooks/'.length);
				const before = hooks.length;
				hooks = hooks.filter((hook) => hook.id !== id);
				return before === hooks.length ? json(res, 404, { message: 'No such hook' }) : json(res, 200, {});
			}
			return json(res, 404, { message: 'not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	received.length = 0;
	hooks = [];
	nextHookId = 1;
	failCreate = false;
});

// ---------------------------------------------------------------- test credentials and nodes

class BodyTokenApi implements ICredentialType {
	name = 'harnessBodyTokenApi';
	displayName = 'Harness Body Token API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Owner ID', name: 'ownerId', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://example.invalid' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { body: { owner_id: '={{$credentials.ownerId}}', token: '={{$credentials.token}}' } },
	};
	test: ICredentialType['test'] = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/account/viewUserDetail', method: 'POST' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 'error', message: 'The token was refused' },
			},
		],
	};
}

class BasicApi implements ICredentialType {
	name = 'harnessBasicApi';
	displayName = 'Harness Basic API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Username', name: 'username', type: 'string', default: '' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];
	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { auth: { username: '={{$credentials.username}}', password: '={{$credentials.password}}' } },
	};
	test: ICredentialType['test'] = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/whoami', method: 'GET' },
	};
}

/** Sends one request per item with the chosen credential. */
class EchoAction implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Echo',
		name: 'harnessEcho',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Harness Echo' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'harnessBodyTokenApi', required: true, displayOptions: { show: { auth: ['body'] } } },
			{ name: 'harnessBasicApi', required: true, displayOptions: { show: { auth: ['basic'] } } },
		],
		properties: [
			{
				displayName: 'Auth',
				name: 'auth',
				type: 'options',
				options: [
					{ name: 'Body', value: 'body' },
					{ name: 'Basic', value: 'basic' },
				],
				default: 'body',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'POST' },
			{ displayName: 'Message', name: 'message', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const auth = this.getNodeParameter('auth', 0) as string;
		const credentialType = auth === 'body' ? 'harnessBodyTokenApi' : 'harnessBasicApi';
		const credentials = await this.getCredentials(credentialType);
		for (let i = 0; i < this.getInputData().length; i++) {
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: this.getNodeParameter('method', i) as IHttpRequestMethods,
					url: `${String(credentials.baseUrl)}${this.getNodeParameter('path', i) as string}`,
					body: { message: this.getNodeParameter('message', i) },
					json: true,
				})) as IDataObject;
				output.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [output];
	}
}

/**
 * A trigger that registers its URL with the fake provider and reacts to the `behaviour` query
 * parameter of a delivery.
 */
class HookTrigger implements INodeType {
	webhookCalls = 0;

	description: INodeTypeDescription = {
		displayName: 'Harness Hook Trigger',
		name: 'harnessHookTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test trigger',
		defaults: { name: 'Harness Hook Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'harnessBodyTokenApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			// n8n splits a comma-separated httpMethod into one webhook per method.
			{ name: 'default', httpMethod: 'GET,HEAD', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const url = this.getNodeWebhookUrl('default');
				const { baseUrl: providerUrl } = await this.getCredentials('harnessBodyTokenApi');
				const list = (await this.helpers.httpRequest({ url: `${String(providerUrl)}/hooks`, json: true })) as Hook[];
				const match = list.find((hook) => hook.url === url);
				if (match === undefined) return false;
				staticData.hookId = match.id;
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const { baseUrl: providerUrl } = await this.getCredentials('harnessBodyTokenApi');
				const hook = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessBodyTokenApi', {
					method: 'POST',
					url: `${String(providerUrl)}/hooks`,
					body: { url: this.getNodeWebhookUrl('default') },
					json: true,
				})) as Hook;
				staticData.hookId = hook.id;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				if (staticData.hookId === undefined) return true;
				const { baseUrl: providerUrl } = await this.getCredentials('harnessBodyTokenApi');
				try {
					await this.helpers.httpRequest({ method: 'DELETE', url: `${String(providerUrl)}/hooks/${String(staticData.hookId)}` });
				} catch (error) {
					throw new NodeApiError(this.getNode(), error as never);
				}
				delete staticData.hookId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const query = this.getQueryData() as IDataObject;
		const req = this.getRequestObject();
		switch (query.behaviour) {
			case 'reject': {
				this.logger.warn('Rejected a delivery without a valid signature', { reason: 'missing' });
				this.getResponseObject().status(401).send('Unauthorized');
				return { noWebhookResponse: true };
			}
			case 'handshake':
				return { webhookResponse: 'Hello, provider' };
			case 'handshakeWithItems':
				return { webhookResponse: 'Hello, provider', workflowData: [[{ json: { n: 1 } }]] };
			case 'answerItself': {
				this.getResponseObject().status(200).send('Hello, provider');
				return { noWebhookResponse: true, workflowData: [[{ json: { n: 1 } }]] };
			}
			case 'writeWithoutFlag':
				this.getResponseObject().status(200).send('Hello, provider');
				return { webhookResponse: 'Hello again' };
			case 'flagWithoutEnd':
				this.getResponseObject().status(200);
				return { noWebhookResponse: true };
			case 'throw':
				throw new Error('webhook() exploded');
			case 'describe':
				return {
					workflowData: [
						[
							{
								json: {
									body: this.getBodyData() === undefined ? '(undefined)' : (this.getBodyData() as IDataObject),
									rawBody: (req as unknown as { rawBody?: Buffer }).rawBody?.toString('utf8') ?? '(none)',
									rawIsBuffer: Buffer.isBuffer((req as unknown as { rawBody?: Buffer }).rawBody),
									headers: this.getHeaderData() as IDataObject,
								},
							},
						],
					],
				};
			default: {
				const body = this.getBodyData() as unknown as IDataObject[];
				return { workflowData: [this.helpers.returnJsonArray(body)] };
			}
		}
	}
}

const bodyCredentials = () => ({
	harnessBodyTokenApi: { ownerId: 'owner-1', token: 'good', baseUrl },
});

// ---------------------------------------------------------------- execute path

describe('executeNode', () => {
	it('runs execute() and applies body-injected credentials to the request', async () => {
		const result = await executeNode({
			nodeType: new EchoAction(),
			parameters: { message: 'hi' },
			credentials: bodyCredentials(),
			credentialTypes: [new BodyTokenApi()],
			input: [{ json: { a: 1 } }, { json: { a: 2 } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[1]).toMatchObject({
			json: { ok: true, got: { message: 'hi', owner_id: 'owner-1', token: 'good' } },
			pairedItem: { item: 1 },
		});
		expect(received.map((request) => JSON.parse(request.body))).toEqual([
			{ message: 'hi', owner_id: 'owner-1', token: 'good' },
			{ message: 'hi', owner_id: 'owner-1', token: 'good' },
		]);
	});

	it('shows that n8n drops the body of a GET, so body credentials authenticate nothing there', async () => {
		const result = await executeNode({
			nodeType: new EchoAction(),
			parameters: { method: 'GET' },
			credentials: bodyCredentials(),
			credentialTypes: [new BodyTokenApi()],
		});

		expect(result.error).toBeUndefined();
		expect(received).toHaveLength(1);
		expect(received[0].method).toBe('GET');
		expect(received[0].body).toBe('');
	});

	it('applies Basic auth from a generic `auth` authenticate block', async () => {
		const result = await executeNode({
			nodeType: new EchoAction(),
			parameters: { auth: 'basic' },
			credentials: { harnessBasicApi: { username: 'alice', password: 'secret', baseUrl } },
			credentialTypes: [new BasicApi()],
		});

		expect(result.error).toBeUndefined();
		expect(received[0].headers.authorization).toBe(`Basic ${Buffer.from('alice:secret').toString('base64')}`);
	});

	it('reports an HTTP failure as a NodeApiError with the HTTP code', async () => {
		const result = await executeNode({
			nodeType: new EchoAction(),
			parameters: { path: '/fail' },
			credentials: bodyCredentials(),
			credentialTypes: [new BodyTokenApi()],
		});

		expect(result.items).toEqual([]);
		// n8n's generic text for a 500 in `message`, the provider's own message in `description`.
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '500',
			message: 'The service was not able to process your request',
			description: 'The provider broke',
		});
	});

	it('turns the failure into an item when continueOnFail is set', async () => {
		const result = await executeNode({
			nodeType: new EchoAction(),
			parameters: { path: '/fail' },
			credentials: bodyCredentials(),
			credentialTypes: [new BodyTokenApi()],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toEqual(expect.any(String));
	});

	it('refuses credentials whose type was not given', async () => {
		await expect(
			executeNode({ nodeType: new EchoAction(), parameters: {}, credentials: bodyCredentials() }),
		).rejects.toThrow(/credentialTypes/);
	});
});

// ---------------------------------------------------------------- credential test

describe('testCredential', () => {
	it('passes when the test request succeeds and no rule matches', async () => {
		await expect(testCredential(new BodyTokenApi(), { ownerId: 'o', token: 'good', baseUrl })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(JSON.parse(received[0].body)).toEqual({ owner_id: 'o', token: 'good' });
	});

	it('fails with the rule message when a responseSuccessBody rule matches', async () => {
		await expect(testCredential(new BodyTokenApi(), { ownerId: 'o', token: 'bad', baseUrl })).resolves.toEqual({
			status: 'Error',
			message: 'The token was refused',
		});
	});

	it('fails with the status text on a non-2xx answer', async () => {
		await expect(
			testCredential(new BasicApi(), { username: 'alice', password: 'wrong', baseUrl }),
		).resolves.toEqual({ status: 'Error', message: 'Unauthorized' });
		await expect(
			testCredential(new BasicApi(), { username: 'alice', password: 'secret', baseUrl }),
		).resolves.toMatchObject({ status: 'OK' });
	});

	it('reports a connection failure by its code', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));

		await expect(
			testCredential(new BasicApi(), { username: 'a', password: 'b', baseUrl: `http://127.0.0.1:${port}` }),
		).resolves.toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

// ---------------------------------------------------------------- trigger lifecycle

describe('createTriggerHarness: webhookMethods', () => {
	const triggerOptions = () => ({
		nodeType: new HookTrigger(),
		parameters: {},
		credentials: bodyCredentials(),
		credentialTypes: [new BodyTokenApi()],
		webhookId: 'c0ffee00-0000-4000-8000-000000000001',
		workflowId: 'wf1',
	});

	it('gives the production and test URLs n8n would register', () => {
		const trigger = createTriggerHarness(triggerOptions());
		expect(trigger.webhookUrl()).toBe('http://127.0.0.1:5678/webhook/c0ffee00-0000-4000-8000-000000000001/webhook');
		expect(trigger.webhookUrl('test')).toBe(
			'http://127.0.0.1:5678/webhook-test/c0ffee00-0000-4000-8000-000000000001/webhook',
		);
	});

	it('runs checkExists/create/delete through HookContext and keeps static data between calls', async () => {
		const trigger = createTriggerHarness(triggerOptions());

		await expect(trigger.runHook('checkExists')).resolves.toBe(false);
		await expect(trigger.runHook('create')).resolves.toBe(true);
		expect(hooks).toEqual([{ id: '1', url: trigger.webhookUrl() }]);
		expect(trigger.staticData()).toEqual({ hookId: '1' });
		// The create request carried the credential injected into its body.
		expect(JSON.parse(received.find((request) => request.method === 'POST')!.body)).toMatchObject({
			token: 'good',
		});

		await expect(trigger.runHook('delete')).resolves.toBe(true);
		expect(hooks).toEqual([]);
		expect(trigger.staticData()).toEqual({});
	});

	it('activate() registers once per workflow even with two HTTP methods, and a restart adopts it', async () => {
		const trigger = createTriggerHarness(triggerOptions());
		const first = await trigger.activate();
		expect(first.webhooks).toEqual([
			{ httpMethod: 'POST', existed: false, created: true },
			{ httpMethod: 'GET', existed: true, created: false },
			{ httpMethod: 'HEAD', existed: true, created: false },
		]);
		expect(hooks).toHaveLength(1);

		// A restart with the saved static data, and one that lost it: neither adds a second hook.
		const restarted = createTriggerHarness({ ...triggerOptions(), staticData: { 'node:Harness Hook Trigger': trigger.staticData() } });
		await restarted.activate('production', 'init');
		const lost = createTriggerHarness({ ...triggerOptions(), staticData: {} });
		await lost.activate();
		expect(hooks).toHaveLength(1);
		expect(lost.staticData()).toEqual({ hookId: '1' });

		await lost.deactivate();
		expect(hooks).toEqual([]);
	});

	it('keeps test-URL registrations out of the production static data', async () => {
		const trigger = createTriggerHarness(triggerOptions());
		await trigger.activate();
		await trigger.activate('test');
		expect(hooks.map((hook) => hook.url)).toEqual([trigger.webhookUrl(), trigger.webhookUrl('test')]);
		expect(trigger.staticData()).toEqual({ hookId: '1' });
		expect(trigger.staticData('test')).toEqual({ hookId: '2' });

		await trigger.deactivate('test');
		expect(hooks.map((hook) => hook.url)).toEqual([trigger.webhookUrl()]);
		expect(trigger.staticData()).toEqual({ hookId: '1' });
	});

	it('runs delete when create fails during activation, as n8n does', async () => {
		const nodeType = new HookTrigger();
		const deleteSpy = jest.spyOn(nodeType.webhookMethods.default, 'delete');
		const trigger = createTriggerHarness({ ...triggerOptions(), nodeType });
		failCreate = true;

		await expect(trigger.activate()).rejects.toMatchObject({ httpCode: '503' });
		expect(deleteSpy).toHaveBeenCalledTimes(1);
		expect(hooks).toEqual([]);
	});
});

// ---------------------------------------------------------------- webhook()

describe('createTriggerHarness: receive', () => {
	const newTrigger = () =>
		createTriggerHarness({
			nodeType: new HookTrigger(),
			parameters: {},
			credentials: bodyCredentials(),
			credentialTypes: [new BodyTokenApi()],
		});

	it('turns a JSON delivery into items, answering what n8n answers by default', async () => {
		const trigger = newTrigger();
		const response = await trigger.receive({
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify([{ event: 'bounce' }, { event: 'open' }]),
		});

		// The engine adds pairedItem on the way through, as in a real execution.
		expect(response.items).toEqual([
			[
				{ json: { event: 'bounce' }, pairedItem: { item: 0, input: undefined } },
				{ json: { event: 'open' }, pairedItem: { item: 1, input: undefined } },
			],
		]);
		expect(response.status).toBe(200);
		// n8n's default responseData for a node that does not set it is this literal string.
		expect(response.body).toBe('firstEntryJson');
	});

	it('sends webhookResponse as the body when no execution starts', async () => {
		const response = await newTrigger().receive({ method: 'GET', query: { behaviour: 'handshake' } });
		expect(response).toMatchObject({ status: 200, body: 'Hello, provider' });
		expect(response.items).toBeUndefined();
		expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
	});

	it('does not send webhookResponse when an execution starts (responseData wins)', async () => {
		const response = await newTrigger().receive({ method: 'GET', query: { behaviour: 'handshakeWithItems' } });
		expect(response.body).toBe('firstEntryJson');
		expect(response.items).toMatchObject([[{ json: { n: 1 } }]]);
	});

	it('lets the node answer itself with noWebhookResponse', async () => {
		const trigger = newTrigger();
		const rejected = await trigger.receive({ method: 'POST', query: { behaviour: 'reject' }, body: '{}' });
		expect(rejected).toMatchObject({ status: 401, body: 'Unauthorized' });
		expect(rejected.items).toBeUndefined();
		expect(rejected.logs).toEqual([
			{ level: 'warn', message: 'Rejected a delivery without a valid signature', meta: { reason: 'missing' } },
		]);
		expect(trigger.logs).toHaveLength(1);

		const answered = await trigger.receive({ method: 'POST', query: { behaviour: 'answerItself' } });
		expect(answered).toMatchObject({ status: 200, body: 'Hello, provider', items: [[{ json: { n: 1 } }]] });
	});

	it('answers 422 to invalid JSON without calling the node', async () => {
		const nodeType = new HookTrigger();
		const spy = jest.spyOn(nodeType, 'webhook');
		const trigger = createTriggerHarness({
			nodeType,
			parameters: {},
			credentials: bodyCredentials(),
			credentialTypes: [new BodyTokenApi()],
		});
		const response = await trigger.receive({
			method: 'POST',
			headers: { 'content-type': 'application/json; charset=utf-8' },
			body: '{"broken": ',
		});

		expect(response.status).toBe(422);
		expect(JSON.parse(response.body)).toMatchObject({ code: 422, message: 'Failed to parse request body' });
		expect(spy).not.toHaveBeenCalled();
	});

	it('parses a form body into string fields and keeps rawBody as a Buffer', async () => {
		const response = await newTrigger().receive({
			method: 'POST',
			query: { behaviour: 'describe' },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Signature': 'abc' },
			body: 'mandrill_events=%5B%7B%22event%22%3A%22open%22%7D%5D&n=1',
		});

		expect(response.items?.[0][0].json).toMatchObject({
			body: { mandrill_events: '[{"event":"open"}]', n: '1' },
			rawBody: 'mandrill_events=%5B%7B%22event%22%3A%22open%22%7D%5D&n=1',
			rawIsBuffer: true,
			headers: { 'x-signature': 'abc', 'content-type': 'application/x-www-form-urlencoded' },
		});
	});

	it('leaves the body undefined for content types n8n does not parse, with rawBody read', async () => {
		const response = await newTrigger().receive({
			method: 'POST',
			query: { behaviour: 'describe' },
			body: '[{"event":"open"}]',
		});
		expect(response.items?.[0][0].json).toMatchObject({ body: '(undefined)', rawBody: '[{"event":"open"}]' });
	});

	it('parses XML bodies the way n8n does (lower-cased tags, no single-item arrays)', async () => {
		const response = await newTrigger().receive({
			method: 'POST',
			query: { behaviour: 'describe' },
			headers: { 'content-type': 'application/xml' },
			body: '<Event><Type>bounce</Type><Code>550</Code></Event>',
		});
		expect(response.items?.[0][0].json.body).toEqual({ event: { type: 'bounce', code: '550' } });
	});

	it('reads nothing for a typeVersion > 1 node and an unparsed content type, until the node asks', async () => {
		class HookTriggerV2 extends HookTrigger {
			description = { ...new HookTrigger().description, version: 2 };

			async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
				const req = this.getRequestObject() as unknown as { rawBody?: Buffer; readRawBody(): Promise<void> };
				const before = req.rawBody === undefined ? '(none)' : req.rawBody.toString();
				await req.readRawBody();
				return { workflowData: [[{ json: { before, after: req.rawBody?.toString() ?? '(none)' } }]] };
			}
		}
		const trigger = createTriggerHarness({ nodeType: new HookTriggerV2(), parameters: {} });
		const response = await trigger.receive({
			method: 'POST',
			headers: { 'content-type': 'application/octet-stream' },
			body: 'raw bytes',
		});
		expect(response.items?.[0][0].json).toEqual({ before: '(none)', after: 'raw bytes' });
	});

	it('routes a request on the test URL through the test registration', async () => {
		const response = await newTrigger().receive({ method: 'GET', mode: 'test', query: { behaviour: 'handshake' } });
		expect(response.request.path).toMatch(/^\/webhook-test\//);
		expect(response.body).toBe('Hello, provider');
	});

	it('answers 500 with n8n\'s generic message when webhook() throws', async () => {
		const response = await newTrigger().receive({ method: 'POST', query: { behaviour: 'throw' } });
		expect(response.status).toBe(500);
		expect(JSON.parse(response.body)).toEqual({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
		expect(response.webhookError?.message).toBe('webhook() exploded');
	});

	it('answers 404 for a method the node has no webhook for', async () => {
		const response = await newTrigger().receive({ method: 'PUT' });
		expect(response.status).toBe(404);
	});

	it('sends headers but no body to a HEAD request', async () => {
		const response = await newTrigger().receive({ method: 'HEAD', query: { behaviour: 'handshake' } });
		expect(response).toMatchObject({ status: 200, body: '', headers: { 'content-length': '15' } });
	});

	it('fails loudly when a node answers twice or claims an answer it never finished', async () => {
		const trigger = newTrigger();
		await expect(trigger.receive({ method: 'POST', query: { behaviour: 'writeWithoutFlag' } })).rejects.toThrow(
			/ERR_HTTP_HEADERS_SENT/,
		);
		await expect(trigger.receive({ method: 'POST', query: { behaviour: 'flagWithoutEnd' } })).rejects.toThrow(
			/never ended the response/,
		);
	});

	it('gives every harness of one workflow the same stable URL, as n8n keeps webhookId', () => {
		const options = { nodeType: new HookTrigger(), parameters: {}, workflowId: 'wf-7' };
		const first = createTriggerHarness(options);
		const second = createTriggerHarness({ ...options, nodeName: 'Renamed' });
		expect(first.webhookUrl()).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook\/[0-9a-f-]{36}\/webhook$/);
		expect(second.webhookUrl()).toBe(first.webhookUrl());
	});
});
