// Message → Get of the Sarv and SendClean nodes in a real n8n, placed right after the brand's
// trigger with its own look-up off: the default Message ID ({{ $json.messageId }}) reads the
// event, and the recipient comes from the emulator's messages/getMessageInfo.
import type { INode } from 'n8n-workflow';
import { makeTesEvent, TES_BRANDS, TesEmulator } from '../emulators/tes';
import type { TesBrand } from '../emulators/tes';
import { makeNode, nodeOutputItems, startN8n } from './lib';
import type { N8n } from './lib';

let n8n: N8n;

beforeAll(async () => {
	n8n = await startN8n();
}, 180000);

afterAll(async () => {
	await n8n?.stop();
});

const JANE = 'jane.doe@example.com';

describe.each<[TesBrand, string, boolean]>([
	['sarv', 'sarv', true],
	['sendclean', 'sendClean', false],
])('%s trigger → Message → Get', (brand, nodeName, addToInput) => {
	let tes: TesEmulator;

	beforeAll(async () => {
		tes = await TesEmulator.start({ brand, ownerId: `owner-${brand}`, token: `token-${brand}` });
		tes.setQuirks({ messageContainer: 'messages', messageAddressField: 'to_objects' });
	});
	afterAll(async () => {
		await tes?.close();
	});

	test(addToInput ? 'with "Add Recipient to Input Item" the event arrives completed' : 'the message arrives with its recipient', async () => {
		const { displayName } = TES_BRANDS[brand];
		const credential = await n8n.createCredential(`${nodeName}Api`, `${displayName} (emulator)`, {
			ownerId: tes.ownerId,
			token: tes.token,
			appDomain: '',
			baseUrl: tes.baseUrl,
		});
		const credentials = { [`${nodeName}Api`]: { id: credential.id, name: credential.name } };
		const trigger = makeNode(await n8n.nodeType(`${nodeName}Trigger`), {
			parameters: { events: ['hard_bounce'], options: { lookUpRecipient: 'never' } },
			credentials,
		});
		const action: INode = makeNode(await n8n.nodeType(nodeName), {
			name: 'Get message',
			parameters: { resource: 'message', operation: 'get', options: addToInput ? { addToInput: true } : {} },
			credentials,
			position: [220, 0],
		});
		const workflow = await n8n.createWorkflow({
			name: `${displayName} bounce → Message → Get`,
			nodes: [trigger, action],
			connections: { [trigger.name]: { main: [[{ node: action.name, type: 'main', index: 0 }]] } },
		});
		await n8n.activateWorkflow(workflow.id);

		const bounce = makeTesEvent('hard_bounce');
		tes.seedMessage({ x_unique_id: bounce.x_unique_id, email: JANE, subject: 'Your order' });
		expect((await tes.deliver(tes.webhooks[0].webhook_id, [bounce])).status).toBe(200);
		const [execution] = await n8n.waitForExecutions(workflow.id, 1);
		expect(execution.status).toBe('success');
		expect(nodeOutputItems(execution, trigger.name)).toEqual([
			expect.objectContaining({ messageId: bounce.x_unique_id, recipient: null, recipientMissingReason: 'look-up disabled' }),
		]);
		expect(nodeOutputItems(execution, 'Get message')).toEqual([
			addToInput
				? expect.objectContaining({ event: 'bounce', messageId: bounce.x_unique_id, recipient: JANE, recipientSource: 'lookup', recipientMissingReason: null })
				: expect.objectContaining({ x_unique_id: bounce.x_unique_id, messageId: bounce.x_unique_id, recipient: JANE, subject: 'Your order', to: [expect.objectContaining({ email: JANE })] }),
		]);
		// The trigger made no call (look-up off); the action one.
		expect(tes.requestsTo('messages/getMessageInfo').map((request) => (request.json as { x_unique_id: string }).x_unique_id)).toEqual([bounce.x_unique_id]);
		await n8n.deactivateWorkflow(workflow.id);
	});
});
