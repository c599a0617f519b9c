// Some Everlytic accounts answer with the receiving URL's Basic auth details, password included.
// The action node's output (execution logs anyone with the workflow can read) hides the password
// unless the user turns on Include Receiver Password. Runs in n8n's engine against the emulator.
import { EverlyticApi } from '../../credentials/EverlyticApi.credentials';
import { Everlytic } from '../../nodes/Everlytic/Everlytic.node';
import { HIDDEN_PASSWORD } from '../../nodes/Everlytic/actions/webhook/receiverPassword';
import { EverlyticEmulator } from '../emulators/everlytic';
import { executeNode } from '../harness';

const USERNAME = 'acme-user';
const API_KEY = 'key-SECRET-never-shown';
const RECEIVER = { username: 'n8n-receiver', password: 'receiver-PASSWORD-7f3a' };

let everlytic: EverlyticEmulator;

beforeAll(async () => {
	everlytic = await EverlyticEmulator.start({
		username: USERNAME,
		apiKey: API_KEY,
		pageSize: 2,
		quirks: { revealAuthDetails: true },
	});
});
afterAll(async () => {
	await everlytic.close();
});
beforeEach(() => {
	everlytic.webhooks = [];
	everlytic.clearRequests();
});

const run = (parameters: Record<string, unknown>) =>
	executeNode({
		nodeType: new Everlytic(),
		parameters: { resource: 'webhook', ...parameters } as never,
		credentials: { everlyticApi: { username: USERNAME, apiKey: API_KEY, baseUrl: everlytic.baseUrl } },
		credentialTypes: [new EverlyticApi()],
	});
const seed = (path: string) =>
	everlytic.seedWebhook({ url: `https://receiver.example.com${path}`, auth_details: { ...RECEIVER } });
const outputText = (items: Array<{ json: object }>) => JSON.stringify(items.map((item) => item.json));

describe('Everlytic receiver password in the output', () => {
	test('Get and Get Many show the username but not the password by default', async () => {
		const first = seed('/a');
		seed('/b');
		seed('/c');
		const get = await run({ operation: 'get', webhookId: first.id });
		expect(get.error).toBeUndefined();
		expect(get.items[0].json.auth_details).toEqual({ username: RECEIVER.username, password: HIDDEN_PASSWORD });

		const many = await run({ operation: 'getAll', returnAll: true });
		expect(many.items).toHaveLength(3);
		for (const item of many.items) {
			expect(item.json.auth_details).toEqual({ username: RECEIVER.username, password: HIDDEN_PASSWORD });
		}
		expect(outputText([...get.items, ...many.items])).not.toContain(RECEIVER.password);
	});

	test('Include Receiver Password shows it', async () => {
		const webhook = seed('/a');
		const get = await run({ operation: 'get', webhookId: webhook.id, options: { includeReceiverPassword: true } });
		expect(get.items[0].json.auth_details).toEqual(RECEIVER);
		const many = await run({ operation: 'getAll', returnAll: false, limit: 1, options: { includeReceiverPassword: true } });
		expect(many.items[0].json.auth_details).toEqual(RECEIVER);
	});

	test('Create and Update, whose answers echo the credentials, hide the password too', async () => {
		const created = await run({
			operation: 'create',
			url: 'https://receiver.example.com/new',
			eventTypes: ['bounce'],
			additionalFields: { receiverAuth: { basic: RECEIVER } },
		});
		expect(created.error).toBeUndefined();
		expect(everlytic.webhooks[0].auth_details).toEqual(RECEIVER);
		expect(created.items[0].json.auth_details).toEqual({ username: RECEIVER.username, password: HIDDEN_PASSWORD });

		const reused = await run({
			operation: 'create',
			url: 'https://receiver.example.com/new',
			eventTypes: ['bounce'],
			options: { reuseExisting: true },
		});
		expect(reused.items[0].json.id).toBe(everlytic.webhooks[0].id);

		const updated = await run({
			operation: 'update',
			webhookId: everlytic.webhooks[0].id,
			updateFields: { status: 'disabled' },
			receiverAuthMode: 'set',
			receiverUsername: RECEIVER.username,
			receiverPassword: RECEIVER.password,
		});
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ status: 'disabled', auth_details: { password: HIDDEN_PASSWORD } });
		expect(outputText([...created.items, ...reused.items, ...updated.items])).not.toContain(RECEIVER.password);

		const shown = await run({
			operation: 'update',
			webhookId: everlytic.webhooks[0].id,
			updateFields: { status: 'enabled' },
			receiverAuthMode: 'set',
			receiverUsername: RECEIVER.username,
			receiverPassword: RECEIVER.password,
			options: { includeReceiverPassword: true },
		});
		expect(shown.items[0].json.auth_details).toEqual(RECEIVER);
	});

	test('a webhook without receiver credentials is output as Everlytic sent it', async () => {
		const webhook = everlytic.seedWebhook({ url: 'https://receiver.example.com/none' });
		const get = await run({ operation: 'get', webhookId: webhook.id });
		expect(get.items[0].json.auth_details).toBeNull();
	});
});
