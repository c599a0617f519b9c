// Every workflow in examples/ imports into a real n8n with our package loaded, the way a user
// imports a file in the editor, and shows nothing the editor would flag: known node types and
// versions, valid parameters and conditions, event names the triggers offer. Then each one runs:
// published with its trigger pointed at an emulator, it receives the provider's documented event,
// and the item arriving at its CRM, sheet or chat node carries the recipient (that node itself
// fails without the internet and credentials; what it received is what counts).
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { EverlyticEmulator, makeEverlyticStandardEvent } from '../emulators/everlytic';
import { DEFAULT_TES_QUIRKS, makeTesEvent, TES_MESSAGE_ADDRESS_FIELDS, TES_MESSAGE_CONTAINERS, tesDocEvents, TesEmulator } from '../emulators/tes';
import { findWorkflowProblems, nodeOutputItems, PACKAGE_NAME, REPO_ROOT, startN8n } from './lib';
import type { N8n, StoredExecution, StoredWorkflow, WorkflowDefinition } from './lib';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const exampleFiles = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();

function readExample(file: string): WorkflowDefinition & Record<string, unknown> {
	return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowDefinition & Record<string, unknown>;
}

let n8n: N8n;

beforeAll(async () => {
	n8n = await startN8n();
}, 180000);

afterAll(async () => {
	await n8n?.stop();
});

test('examples/ holds the three documented workflows, each started by one of our triggers', () => {
	expect(exampleFiles).toHaveLength(3);
	const triggers = exampleFiles.map((file) => readExample(file).nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`)).map((node) => node.type));
	expect(triggers).toEqual([
		[`${PACKAGE_NAME}.everlyticTrigger`],
		[`${PACKAGE_NAME}.sarvTrigger`],
		[`${PACKAGE_NAME}.sendCleanTrigger`],
	]);
});

describe.each(exampleFiles)('examples/%s', (file) => {
	test('imports into n8n and is stored as written', async () => {
		const example = readExample(file);
		const stored = await n8n.importWorkflow(example);
		expect(stored.name).toBe(example.name);
		expect(stored.nodes.map((node) => [node.name, node.type, node.typeVersion])).toEqual(
			example.nodes.map((node) => [node.name, node.type, node.typeVersion]),
		);
		expect(stored.connections).toEqual(example.connections);
	});

	test('shows no problem in the editor: node types, versions, parameters, event names', async () => {
		expect(findWorkflowProblems(readExample(file), await n8n.nodeTypes())).toEqual([]);
	});
});

/**
 * The items that reached a node in an execution: what its parent output on the connection it
 * came through (a node that then failed has no output of its own). [] when it did not run.
 */
function itemsArrivingAt(execution: StoredExecution, nodeName: string): IDataObject[] {
	const run = execution.data?.resultData.runData[nodeName]?.[0];
	if (!run) return [];
	const source = run.source?.[0];
	if (!source) throw new Error(`node "${nodeName}" ran without a recorded source in execution ${execution.id}`);
	return nodeOutputItems(execution, source.previousNode, source.previousNodeOutput ?? 0);
}

/**
 * What a user fills in before publishing (the examples' sticky notes say so): a credential and
 * the sheet, list or channel of each third-party node. n8n refuses to publish without them; the
 * values are placeholders, so these nodes fail when they run (there is no internet here).
 */
const THIRD_PARTY_SETUP: Record<string, { credentialType: string; data: Record<string, unknown>; parameters?: INodeParameters }> = {
	'n8n-nodes-base.hubspot': { credentialType: 'hubspotAppToken', data: { appToken: 'pat-na1-placeholder' } },
	'n8n-nodes-base.googleSheets': {
		credentialType: 'googleSheetsOAuth2Api',
		data: { clientId: 'placeholder.apps.googleusercontent.com', clientSecret: 'placeholder' },
		parameters: {
			documentId: { __rl: true, mode: 'id', value: '1PlaceholderSpreadsheetId' },
			sheetName: { __rl: true, mode: 'name', value: 'Suppression' },
		},
	},
	'n8n-nodes-base.mailchimp': { credentialType: 'mailchimpApi', data: { apiKey: 'placeholder-us1' }, parameters: { list: 'a1b2c3d4e5' } },
	'n8n-nodes-base.slack': {
		credentialType: 'slackApi',
		data: { accessToken: 'xoxb-placeholder' },
		parameters: { channelId: { __rl: true, mode: 'id', value: 'C0PLACEHOLDER' } },
	},
};

/** Imports an example with its trigger using `credential` and its other nodes set up, publishes it. */
async function publishExample(file: string, credentialType: string, credential: { id: string; name: string }): Promise<StoredWorkflow> {
	const example = readExample(file);
	const nodes: INode[] = [];
	for (const node of example.nodes) {
		const setup = THIRD_PARTY_SETUP[node.type];
		if (node.type.startsWith(`${PACKAGE_NAME}.`)) {
			nodes.push({ ...node, credentials: { [credentialType]: { id: credential.id, name: credential.name } } });
		} else if (setup) {
			const stored = await n8n.createCredential(setup.credentialType, `${node.name} (placeholder)`, setup.data);
			nodes.push({
				...node,
				parameters: { ...node.parameters, ...setup.parameters },
				credentials: { [setup.credentialType]: { id: stored.id, name: stored.name } },
			});
		} else {
			nodes.push(node);
		}
	}
	const workflow = await n8n.importWorkflow({ ...example, nodes });
	await n8n.activateWorkflow(workflow.id);
	return workflow;
}

const JANE = 'jane.doe@example.com';
const HARD_BOUNCE_EXAMPLE = 'sarv-hard-bounce-to-hubspot-and-suppression-sheet.json';
const COMPLAINT_EXAMPLE = 'sendclean-spam-complaint-to-mailchimp-unsubscribe.json';
const FAILED_EXAMPLE = 'everlytic-failed-to-slack-alert.json';

describe(`examples/${HARD_BOUNCE_EXAMPLE} runs`, () => {
	let sarv: TesEmulator;
	let workflow: StoredWorkflow;
	let webhookId: string;
	const [documentedBounce] = tesDocEvents();

	beforeAll(async () => {
		sarv = await TesEmulator.start({ brand: 'sarv', ownerId: 'owner-sarv', token: 'token-sarv' });
		const credential = await n8n.createCredential('sarvApi', 'Sarv (emulator)', { ownerId: 'owner-sarv', token: 'token-sarv', appDomain: '', baseUrl: sarv.baseUrl });
		workflow = await publishExample(HARD_BOUNCE_EXAMPLE, 'sarvApi', credential);
		expect(sarv.webhooks).toHaveLength(1);
		webhookId = sarv.webhooks[0].webhook_id;
	}, 60000);
	afterAll(async () => {
		if (workflow) await n8n.deactivateWorkflow(workflow.id);
		await sarv?.close();
	});

	test("the documented hard bounce reaches HubSpot with the address Sarv's message info holds, once", async () => {
		sarv.seedMessage({ x_unique_id: documentedBounce.x_unique_id, email: JANE });
		expect(await sarv.deliver(webhookId, [documentedBounce])).toMatchObject({ status: 200, body: 'God bless you, Sarv' });
		const [first] = await n8n.waitForExecutions(workflow.id, 1);
		expect(itemsArrivingAt(first, 'Mark contact in HubSpot')).toEqual([
			expect.objectContaining({
				event: 'bounce',
				bounceType: 'hard',
				messageId: documentedBounce.x_unique_id,
				recipient: JANE,
				recipientSource: 'lookup',
				reason: 'Requested action not taken: mailbox unavailable',
			}),
		]);
		expect(sarv.requestsTo('messages/getMessageInfo')).toHaveLength(1);

		// Sarv delivers the same event again (a retry): the second execution stops at Remove
		// Duplicates, and HubSpot receives nothing.
		expect((await sarv.deliver(webhookId, [documentedBounce])).status).toBe(200);
		const executions = await n8n.waitForExecutions(workflow.id, 2);
		expect(executions).toHaveLength(2);
		expect(nodeOutputItems(executions[1], 'Skip repeated deliveries')).toEqual([]);
		expect(itemsArrivingAt(executions[1], 'Mark contact in HubSpot')).toEqual([]);
		expect(itemsArrivingAt(executions[1], 'Suppression row')).toEqual([]);
	});

	// Every container and every address form of the unpublished answer, each at least once.
	const shapes = TES_MESSAGE_ADDRESS_FIELDS.map((field, i) => [TES_MESSAGE_CONTAINERS[i % TES_MESSAGE_CONTAINERS.length], field] as const);
	test.each(shapes)('the recipient arrives with the message under %s and the address as %s', async (messageContainer, messageAddressField) => {
		sarv.setQuirks({ ...DEFAULT_TES_QUIRKS, messageContainer, messageAddressField });
		const bounce = makeTesEvent('hard_bounce', { x_unique_id: `shape-${messageContainer}-${messageAddressField}` });
		sarv.seedMessage({ x_unique_id: bounce.x_unique_id, email: `${messageAddressField}@example.com` });
		const before = (await n8n.executions(workflow.id)).length;
		expect((await sarv.deliver(webhookId, [bounce])).status).toBe(200);
		const execution = (await n8n.waitForExecutions(workflow.id, before + 1))[before];
		expect(itemsArrivingAt(execution, 'Mark contact in HubSpot').map((item) => [item.messageId, item.recipient])).toEqual([
			[bounce.x_unique_id, `${messageAddressField}@example.com`],
		]);
	});

	test('a bounce whose address cannot be found stops at the filter, saying why', async () => {
		sarv.setQuirks({ ...DEFAULT_TES_QUIRKS });
		const bounce = makeTesEvent('hard_bounce', { x_unique_id: 'never-sent' });
		const before = (await n8n.executions(workflow.id)).length;
		expect((await sarv.deliver(webhookId, [bounce])).status).toBe(200);
		const execution = (await n8n.waitForExecutions(workflow.id, before + 1))[before];
		expect(nodeOutputItems(execution, 'Sarv Trigger')).toEqual([
			expect.objectContaining({ messageId: 'never-sent', recipient: null, recipientSource: null, recipientMissingReason: 'message not found' }),
		]);
		expect(itemsArrivingAt(execution, 'Mark contact in HubSpot')).toEqual([]);
	});
});

describe(`examples/${COMPLAINT_EXAMPLE} runs`, () => {
	let sendClean: TesEmulator;
	let workflow: StoredWorkflow;

	beforeAll(async () => {
		sendClean = await TesEmulator.start({ brand: 'sendclean', ownerId: 'owner-sc', token: 'token-sc' });
		const credential = await n8n.createCredential('sendCleanApi', 'SendClean (emulator)', { ownerId: 'owner-sc', token: 'token-sc', appDomain: '', baseUrl: sendClean.baseUrl });
		workflow = await publishExample(COMPLAINT_EXAMPLE, 'sendCleanApi', credential);
	}, 60000);
	afterAll(async () => {
		if (workflow) await n8n.deactivateWorkflow(workflow.id);
		await sendClean?.close();
	});

	test('the documented complaint (hashed address in the report) unsubscribes the looked-up address in Mailchimp', async () => {
		const complaint = tesDocEvents().find((event) => event.event === 'spam')!;
		sendClean.seedMessage({ x_unique_id: complaint.x_unique_id, email: JANE, status: 'spam' });
		expect((await sendClean.deliver(sendClean.webhooks[0].webhook_id, [complaint])).status).toBe(200);
		const [execution] = await n8n.waitForExecutions(workflow.id, 1);
		expect(itemsArrivingAt(execution, 'Unsubscribe in Mailchimp')).toEqual([
			expect.objectContaining({
				event: 'complaint',
				recipient: JANE,
				recipientSource: 'lookup',
				complaint: expect.objectContaining({ originalRecipient: 'b0df23337efdcda913f1e8888014812b@example.com' }),
			}),
		]);
	});
});

describe(`examples/${FAILED_EXAMPLE} runs`, () => {
	let everlytic: EverlyticEmulator;
	let workflow: StoredWorkflow;

	beforeAll(async () => {
		everlytic = await EverlyticEmulator.start({ username: 'everlytic-user', apiKey: 'everlytic-key' });
		const credential = await n8n.createCredential('everlyticApi', 'Everlytic (emulator)', { username: 'everlytic-user', apiKey: 'everlytic-key', baseUrl: everlytic.baseUrl });
		workflow = await publishExample(FAILED_EXAMPLE, 'everlyticApi', credential);
	}, 60000);
	afterAll(async () => {
		if (workflow) await n8n.deactivateWorkflow(workflow.id);
		await everlytic?.close();
	});

	test('a failed event reaches Slack with its recipient (Everlytic events carry it)', async () => {
		const failed = makeEverlyticStandardEvent('failed', { id: 'evt-failed-example' });
		expect(await everlytic.deliver(everlytic.webhooks[0].id, failed)).toMatchObject({ status: 200 });
		const [execution] = await n8n.waitForExecutions(workflow.id, 1);
		expect(itemsArrivingAt(execution, 'Alert in Slack')).toEqual([
			expect.objectContaining({ event: 'failed', id: 'evt-failed-example', recipient: JANE, recipientSource: 'event' }),
		]);
	});
});
