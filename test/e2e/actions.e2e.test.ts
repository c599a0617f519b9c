// The Sarv, SendClean and Everlytic action nodes in a real n8n: every operation of the Webhook
// resource runs in an active workflow against the provider emulators, and its output is checked
// both in the HTTP answer and in the execution n8n stores. Without a browser, a workflow runs the
// way an automation would call it: n8n's Webhook node ("respond when the last node finishes")
// followed by the action node, whose parameters read the request body through expressions.
import { randomUUID } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { EverlyticEmulator } from '../emulators/everlytic';
import { TES_BRANDS, TesEmulator } from '../emulators/tes';
import type { TesBrand } from '../emulators/tes';
import { actionWorkflow as runActionWorkflow, failedWith, succeeded } from './actionWorkflow';
import type { ActionWorkflow } from './actionWorkflow';
import { startN8n } from './lib';
import type { N8n, StoredCredential } from './lib';
import { withN8nLog } from './lib/withN8nLog';

let n8n: N8n | undefined;
const live = (): N8n => {
	if (!n8n) throw new Error('n8n did not start: see the beforeAll failure');
	return n8n;
};
const logged = <Args extends unknown[]>(body: (...args: Args) => Promise<void>) => withN8nLog(() => n8n, body);

beforeAll(async () => {
	n8n = await startN8n();
}, 180000);

afterAll(async () => {
	await n8n?.stop();
});

const actionWorkflow = (nodeType: string, credential: StoredCredential, parameters: INodeParameters) =>
	runActionWorkflow(live(), nodeType, credential, parameters);

describe.each<[string, TesBrand]>([
	['Sarv', 'sarv'],
	['SendClean', 'sendclean'],
])('%s action node, resource Webhook', (label, brand) => {
	const nodeType = brand === 'sarv' ? 'sarv' : 'sendClean';
	const handshakeText = TES_BRANDS[brand].handshakeText;
	let tes: TesEmulator;
	let credential: StoredCredential;
	/** A URL in n8n that answers TES's URL check, as a real receiver must. */
	let receiverUrl: string;
	let created: IDataObject | undefined;
	let getWorkflow: ActionWorkflow | undefined;
	const createdWebhook = (): IDataObject => {
		if (!created) throw new Error('the Create test failed, so this step cannot run');
		return created;
	};

	beforeAll(async () => {
		const n8n = live();
		tes = await TesEmulator.start({ brand, ownerId: `owner-${brand}`, token: `token-${brand}` });
		credential = await n8n.createCredential(`${nodeType}Api`, `${label} (emulator)`, {
			ownerId: tes.ownerId,
			token: tes.token,
			appDomain: '',
			baseUrl: tes.baseUrl,
		});
		const receiver = await n8n.createWorkflowWithTrigger(
			'n8n-nodes-base.webhook',
			{ httpMethod: 'GET', path: `${brand}-receiver-${randomUUID()}`, responseMode: 'onReceived', options: { responseData: handshakeText } },
			{ name: `${label} receiver` },
		);
		receiverUrl = receiver.webhookUrl;
		await n8n.activateWorkflow(receiver.workflow.id);
	}, 60000);

	afterAll(async () => {
		await tes?.close();
	});

	test(
		'Create registers the URL (which passes the URL check) and outputs the webhook with its id and key',
		logged(async () => {
			const create = await actionWorkflow(nodeType, credential, {
				resource: 'webhook',
				operation: 'create',
				url: '={{ $json.body.url }}',
				events: ['hard_bounce', 'spam'],
				additionalFields: { description: 'Bounces to the CRM', storeLog: true },
				options: {},
			});
			const [webhook, ...more] = succeeded(await create.run({ url: receiverUrl }));
			expect(more).toEqual([]);
			expect(webhook).toMatchObject({
				webhook_id: expect.stringMatching(/^\d{21}$/),
				url: receiverUrl,
				event: 'hard_bounce,spam',
				description: 'Bounces to the CRM',
				store_log: 'Enable',
				key: expect.stringMatching(/^[A-Za-z0-9]{22}$/),
			});
			const stored = tes.webhooksForUrl(receiverUrl);
			expect(stored.map(({ webhook_id, key }) => ({ webhook_id, key }))).toEqual([{ webhook_id: webhook.webhook_id, key: webhook.key }]);
			expect(tes.handshakes).toEqual([expect.objectContaining({ url: receiverUrl, method: 'GET', status: 200, passed: true })]);
			created = webhook;
		}),
	);

	test(
		'Create with Reuse Existing outputs the webhook already registered for the URL and adds none',
		logged(async () => {
			const create = await actionWorkflow(nodeType, credential, {
				resource: 'webhook',
				operation: 'create',
				url: '={{ $json.body.url }}',
				events: ['hard_bounce', 'spam'],
				additionalFields: {},
				options: { reuseExisting: true },
			});
			const items = succeeded(await create.run({ url: receiverUrl }));
			expect(items).toEqual([expect.objectContaining({ webhook_id: createdWebhook().webhook_id, url: receiverUrl })]);
			expect(tes.webhooksForUrl(receiverUrl)).toHaveLength(1);
			expect(tes.requestsTo('settings/addWebhook')).toHaveLength(1);
		}),
	);

	test(
		'Update changes the fields set and keeps the others',
		logged(async () => {
			const update = await actionWorkflow(nodeType, credential, {
				resource: 'webhook',
				operation: 'update',
				webhookId: '={{ $json.body.webhookId }}',
				updateFields: { description: 'Opens and bounces', events: ['open', 'click', 'hard_bounce'] },
			});
			const { webhook_id: webhookId } = createdWebhook();
			const [webhook] = succeeded(await update.run({ webhookId }));
			expect(webhook).toMatchObject({ webhook_id: webhookId, url: receiverUrl, description: 'Opens and bounces', store_log: 'Enable' });
			expect(String(webhook.event).split(',').sort()).toEqual(['click', 'hard_bounce', 'open']);
			expect(tes.findWebhook(String(webhookId))).toMatchObject({ url: receiverUrl, description: 'Opens and bounces', store_log: 'Enable' });
		}),
	);

	test(
		'Reset Key outputs the new key, the one the provider now holds',
		logged(async () => {
			const resetKey = await actionWorkflow(nodeType, credential, {
				resource: 'webhook',
				operation: 'resetKey',
				webhookId: '={{ $json.body.webhookId }}',
			});
			const { webhook_id: webhookId, key: oldKey } = createdWebhook();
			const items = succeeded(await resetKey.run({ webhookId }));
			expect(items).toEqual([{ webhook_id: webhookId, key: expect.stringMatching(/^[A-Za-z0-9]{22}$/) }]);
			expect(items[0].key).not.toBe(oldKey);
			expect(tes.findWebhook(String(webhookId))?.key).toBe(items[0].key);
		}),
	);

	test(
		'Get outputs the webhook with its delivery statistics',
		logged(async () => {
			getWorkflow = await actionWorkflow(nodeType, credential, {
				resource: 'webhook',
				operation: 'get',
				webhookId: '={{ $json.body.webhookId }}',
			});
			const { webhook_id: webhookId } = createdWebhook();
			const stored = tes.findWebhook(String(webhookId));
			const items = succeeded(await getWorkflow.run({ webhookId }));
			expect(items).toEqual([
				{
					webhook_id: webhookId,
					url: receiverUrl,
					event: stored?.event,
					description: 'Opens and bounces',
					store_log: 'Enable',
					key: stored?.key,
					create_date: stored?.create_date,
					last_success: 0,
					total_event: 0,
				},
			]);
		}),
	);

	test(
		'Get Many outputs every webhook, or up to Limit',
		logged(async () => {
			tes.seedWebhook({ url: 'https://crm.example.com/hooks/one' });
			tes.seedWebhook({ url: 'https://crm.example.com/hooks/two' });
			const getAll = await actionWorkflow(nodeType, credential, {
				resource: 'webhook',
				operation: 'getAll',
				returnAll: '={{ $json.body.returnAll }}',
				limit: '={{ $json.body.limit }}',
			});
			const all = succeeded(await getAll.run({ returnAll: true, limit: 1 }));
			expect(all.map((webhook) => webhook.url)).toEqual([receiverUrl, 'https://crm.example.com/hooks/one', 'https://crm.example.com/hooks/two']);
			expect(all.map((webhook) => webhook.webhook_id)).toEqual(tes.webhooks.map((webhook) => webhook.webhook_id));
			const limited = succeeded(await getAll.run({ returnAll: false, limit: 2 }));
			expect(limited).toEqual(all.slice(0, 2));
		}),
	);

	test(
		'Delete removes the webhook and says so',
		logged(async () => {
			const remove = await actionWorkflow(nodeType, credential, {
				resource: 'webhook',
				operation: 'delete',
				webhookId: '={{ $json.body.webhookId }}',
			});
			const { webhook_id: webhookId } = createdWebhook();
			expect(succeeded(await remove.run({ webhookId }))).toEqual([{ deleted: true, webhook_id: webhookId }]);
			expect(tes.webhooksForUrl(receiverUrl)).toEqual([]);
		}),
	);

	test(
		"an operation the provider refuses fails the execution with the provider's message",
		logged(async () => {
			if (!getWorkflow) throw new Error('the Get test failed, so this step cannot run');
			failedWith(await getWorkflow.run({ webhookId: createdWebhook().webhook_id }), new RegExp(`^${label}: Invalid webhook_id`));
		}),
	);
});

describe('Everlytic action node, resource Webhook', () => {
	let everlytic: EverlyticEmulator;
	let credential: StoredCredential;
	const url = 'https://crm.example.com/everlytic/events';
	let created: IDataObject | undefined;
	let getWorkflow: ActionWorkflow | undefined;
	const createdWebhook = (): IDataObject => {
		if (!created) throw new Error('the Create test failed, so this step cannot run');
		return created;
	};

	beforeAll(async () => {
		// Two webhooks per page, so that Get Many has to follow the pages.
		everlytic = await EverlyticEmulator.start({ username: 'everlytic-user', apiKey: 'everlytic-api-key', pageSize: 2 });
		credential = await live().createCredential('everlyticApi', 'Everlytic (emulator)', {
			username: everlytic.username,
			apiKey: everlytic.apiKey,
			baseUrl: everlytic.baseUrl,
		});
	});

	afterAll(async () => {
		await everlytic?.close();
	});

	test(
		'Create registers the URL with the chosen settings and receiver credentials, and outputs the webhook with its id',
		logged(async () => {
			const create = await actionWorkflow('everlytic', credential, {
				resource: 'webhook',
				operation: 'create',
				url: '={{ $json.body.url }}',
				eventTypes: ['bounce', 'failed'],
				additionalFields: {
					contentType: 'application/x-www-form-urlencoded',
					fieldSet: 'legacy',
					receiverAuth: { basic: { username: 'crm', password: 'crm-secret' } },
				},
				options: {},
			});
			const [webhook, ...more] = succeeded(await create.run({ url }));
			expect(more).toEqual([]);
			expect(webhook).toMatchObject({
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				url,
				verb: 'post',
				status: 'enabled',
				auth_type: 'basic',
				content_type: 'application/x-www-form-urlencoded',
				field_set: 'legacy',
				settings: { include_html: false },
				event_types: ['bounce', 'failed'],
			});
			expect(everlytic.webhooksForUrl(url)).toEqual([
				expect.objectContaining({ id: webhook.id, auth_details: { username: 'crm', password: 'crm-secret' } }),
			]);
			created = webhook;
		}),
	);

	test(
		'Create with Reuse Existing outputs the webhook already registered for the URL and adds none',
		logged(async () => {
			const create = await actionWorkflow('everlytic', credential, {
				resource: 'webhook',
				operation: 'create',
				url: '={{ $json.body.url }}',
				eventTypes: ['bounce'],
				additionalFields: {},
				options: { reuseExisting: true },
			});
			expect(succeeded(await create.run({ url }))).toEqual([expect.objectContaining({ id: createdWebhook().id, url })]);
			expect(everlytic.webhooksForUrl(url)).toHaveLength(1);
			expect(everlytic.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		}),
	);

	test(
		'Update changes the fields set, keeps the others, and sets new receiver credentials',
		logged(async () => {
			const update = await actionWorkflow('everlytic', credential, {
				resource: 'webhook',
				operation: 'update',
				webhookId: '={{ $json.body.webhookId }}',
				updateFields: { status: 'disabled', eventTypes: ['bounce'] },
				receiverAuthMode: 'set',
				receiverUsername: 'crm-2',
				receiverPassword: 'crm-secret-2',
			});
			const { id } = createdWebhook();
			const [webhook] = succeeded(await update.run({ webhookId: id }));
			expect(webhook).toMatchObject({
				id,
				url,
				status: 'disabled',
				event_types: ['bounce'],
				content_type: 'application/x-www-form-urlencoded',
				field_set: 'legacy',
			});
			expect(everlytic.findWebhook(String(id))?.auth_details).toEqual({ username: 'crm-2', password: 'crm-secret-2' });
		}),
	);

	test(
		'Get outputs the webhook, with its settings readable',
		logged(async () => {
			getWorkflow = await actionWorkflow('everlytic', credential, {
				resource: 'webhook',
				operation: 'get',
				webhookId: '={{ $json.body.webhookId }}',
			});
			const { id } = createdWebhook();
			const stored = everlytic.findWebhook(String(id));
			expect(succeeded(await getWorkflow.run({ webhookId: id }))).toEqual([
				{
					id,
					url,
					verb: 'post',
					auth_details: null,
					auth_type: 'basic',
					status: 'disabled',
					settings: { include_html: false },
					content_type: 'application/x-www-form-urlencoded',
					field_set: 'legacy',
					updated_timestamp: stored?.updated_timestamp,
					created_timestamp: stored?.created_timestamp,
					event_types: ['bounce'],
				},
			]);
		}),
	);

	test(
		"Get Many follows Everlytic's pages for every webhook, and stops at Limit",
		logged(async () => {
			for (const name of ['one', 'two', 'three']) everlytic.seedWebhook({ url: `https://crm.example.com/other/${name}` });
			const getAll = await actionWorkflow('everlytic', credential, {
				resource: 'webhook',
				operation: 'getAll',
				returnAll: '={{ $json.body.returnAll }}',
				limit: '={{ $json.body.limit }}',
			});
			const all = succeeded(await getAll.run({ returnAll: true, limit: 1 }));
			expect(all.map((webhook) => webhook.id)).toEqual(everlytic.webhooks.map((webhook) => webhook.id));
			expect(all).toHaveLength(4);

			everlytic.clearRequests();
			const limited = succeeded(await getAll.run({ returnAll: false, limit: 2 }));
			expect(limited).toEqual(all.slice(0, 2));
			// Two webhooks are on the first page: no second page is fetched.
			expect(everlytic.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
				'GET /transactional/email/v1/webhooks',
			]);
		}),
	);

	test(
		'Reprocess Failed asks Everlytic to send the failed deliveries again',
		logged(async () => {
			const reprocess = await actionWorkflow('everlytic', credential, { resource: 'webhook', operation: 'reprocessFailed' });
			expect(succeeded(await reprocess.run())).toEqual([{ status: true }]);
			expect(everlytic.reprocessCalls).toBe(1);
		}),
	);

	test(
		'Delete removes the webhook; deleting it again says there was nothing to delete',
		logged(async () => {
			const remove = await actionWorkflow('everlytic', credential, {
				resource: 'webhook',
				operation: 'delete',
				webhookId: '={{ $json.body.webhookId }}',
			});
			const { id } = createdWebhook();
			expect(succeeded(await remove.run({ webhookId: id }))).toEqual([{ deleted: true, id }]);
			expect(everlytic.webhooksForUrl(url)).toEqual([]);
			expect(succeeded(await remove.run({ webhookId: id }))).toEqual([
				{ deleted: false, id, message: `Nothing to delete: Everlytic has no webhook with ID ${String(id)}` },
			]);
		}),
	);

	test(
		"an operation Everlytic refuses fails the execution with Everlytic's message",
		logged(async () => {
			if (!getWorkflow) throw new Error('the Get test failed, so this step cannot run');
			failedWith(await getWorkflow.run({ webhookId: createdWebhook().id }), /^Everlytic: Webhook not found/);
		}),
	);
});
