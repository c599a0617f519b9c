// Message → Get of the Sarv and SendClean action nodes in n8n's engine, against the TES
// emulator's messages/getMessageInfo in every answer shape it can play.
import { SarvApi } from '../../credentials/SarvApi.credentials';
import { SendCleanApi } from '../../credentials/SendCleanApi.credentials';
import { Sarv } from '../../nodes/Sarv/Sarv.node';
import { SendClean } from '../../nodes/SendClean/SendClean.node';
import { DEFAULT_TES_QUIRKS, TES_MESSAGE_ADDRESS_FIELDS, TES_MESSAGE_CONTAINERS, TesEmulator } from '../emulators/tes';
import { executeNode } from '../harness';

const OWNER_ID = 'owner-9';
const TOKEN = 'tok-SECRET-message';
const ID = '6f708632d96fe1cb0cb15eccc2676323b2615d5309a7896cf002c54d1a6ea4785';

const brands = [
	{ brand: 'sarv' as const, node: () => new Sarv(), credential: new SarvApi(), credentialName: 'sarvApi' },
	{ brand: 'sendclean' as const, node: () => new SendClean(), credential: new SendCleanApi(), credentialName: 'sendCleanApi' },
];

describe.each(brands)('$brand Message → Get', ({ brand, node, credential, credentialName }) => {
	let tes: TesEmulator;

	beforeAll(async () => {
		tes = await TesEmulator.start({ brand, ownerId: OWNER_ID, token: TOKEN });
	});
	afterAll(async () => {
		await tes.close();
	});
	beforeEach(() => {
		tes.messages.clear();
		tes.seedMessage({ x_unique_id: ID, email: 'jane.doe@example.com', subject: 'Your order', from: 'Shop <orders@example.org>', status: 'hard_bounce' });
		tes.clearRequests();
		tes.clearFaults();
		tes.setQuirks({ ...DEFAULT_TES_QUIRKS });
	});

	const run = (parameters: Record<string, unknown> = {}, extra: { input?: { json: object }[]; continueOnFail?: boolean } = {}) =>
		executeNode({
			nodeType: node(),
			parameters: { resource: 'message', operation: 'get', ...parameters } as never,
			credentials: { [credentialName]: { ownerId: OWNER_ID, token: TOKEN, appDomain: '', baseUrl: tes.baseUrl } },
			credentialTypes: [credential],
			input: (extra.input ?? [{ json: { messageId: ID } }]) as never,
			continueOnFail: extra.continueOnFail,
		});
	const calls = () => tes.requestsTo('messages/getMessageInfo');

	test('by default it reads the messageId of the incoming item (a trigger event) and outputs the message', async () => {
		const { items, error } = await run();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			x_unique_id: ID,
			email: 'jane.doe@example.com',
			events: [expect.objectContaining({ event: 'send' }), expect.objectContaining({ event: 'hard_bounce' })],
			messageId: ID,
			recipient: 'jane.doe@example.com',
			subject: 'Your order',
			sender: 'orders@example.org',
			status: 'hard_bounce',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(calls().map((call) => call.json)).toEqual([{ owner_id: OWNER_ID, token: TOKEN, x_unique_id: ID }]);
	});

	test.each(TES_MESSAGE_CONTAINERS)('the recipient is found with the message under %s', async (messageContainer) => {
		tes.setQuirks({ messageContainer });
		const { items } = await run();
		expect(items.map((item) => item.json.recipient)).toEqual(['jane.doe@example.com']);
	});

	test.each(TES_MESSAGE_ADDRESS_FIELDS)('the recipient is found with the address as %s', async (messageAddressField) => {
		tes.setQuirks({ messageAddressField });
		const { items } = await run();
		expect(items.map((item) => item.json.recipient)).toEqual(['jane.doe@example.com']);
	});

	test.each(['total_pages', 'next_page', 'has_more'] as const)('a paged answer (%s) is read to its last page through skip_page', async (messagePaging) => {
		const events = Array.from({ length: 7 }, (_, i) => ({ event: 'open', ts: 1_700_000_000 + i }));
		tes.seedMessage({ x_unique_id: ID, events });
		tes.setQuirks({ messagePageSize: 3, messagePaging });
		const { items } = await run();
		expect(items).toHaveLength(1);
		expect(items[0].json.events).toEqual(events);
		expect(calls().map((call) => (call.json as { skip_page?: number }).skip_page)).toEqual([undefined, 1, 2]);
	});

	test('a paged list of messages is read to its last page too', async () => {
		tes.seedMessage({ x_unique_id: ID, events: Array.from({ length: 4 }, (_, i) => ({ event: 'open', ts: i })) });
		tes.setQuirks({ messageContainer: 'messages', messagePageSize: 2 });
		const { items } = await run();
		expect(items).toHaveLength(1);
		expect(items[0].json.events).toHaveLength(4);
		expect(calls()).toHaveLength(2);
	});

	test('"Add Recipient to Input Item" completes the incoming trigger event instead of replacing it', async () => {
		const event = { event: 'bounce', messageId: ID, recipient: null, recipientSource: null, recipientMissingReason: 'look-up disabled' };
		const { items } = await run({ options: { addToInput: true } }, { input: [{ json: event }] });
		expect(items.map((item) => item.json)).toEqual([{ ...event, recipient: 'jane.doe@example.com', recipientSource: 'lookup', recipientMissingReason: null }]);
	});

	test('an unknown message is an error naming the provider, in both not-found forms', async () => {
		const refused = await run({}, { input: [{ json: { messageId: 'nope' } }] });
		expect(refused.error).toMatchObject({ httpCode: '400' });
		expect(refused.error?.description).toMatch(/ValidationError/);
		tes.setQuirks({ messageNotFound: 'empty' });
		const empty = await run({}, { input: [{ json: { messageId: 'nope' } }] });
		expect(empty.error?.message).toMatch(/has no message with ID "nope"/);
	});

	test('an item without a message ID says what to map', async () => {
		const { error } = await run({}, { input: [{ json: { event: 'bounce' } }] });
		expect(error?.message).toMatch(/Message ID is empty/);
		expect(calls()).toHaveLength(0);
	});

	test('continueOnFail turns a failing item into an error item, paired, and goes on', async () => {
		const { items } = await run({}, { input: [{ json: { messageId: 'nope' } }, { json: { messageId: ID } }], continueOnFail: true });
		expect(items.map((item) => [item.pairedItem, item.json.recipient ?? null, typeof item.json.error])).toEqual([
			[{ item: 0 }, null, 'string'],
			[{ item: 1 }, 'jane.doe@example.com', 'undefined'],
		]);
	});

	test('transient failures are retried like any read, and the token never shows in the error', async () => {
		tes.injectFault({ status: 503 }, { path: 'messages/getMessageInfo' });
		const retried = await run();
		expect(retried.items.map((item) => item.json.recipient)).toEqual(['jane.doe@example.com']);
		expect(calls()).toHaveLength(2);
		tes.injectFault({ status: 503 }, { path: 'messages/getMessageInfo', times: 5 });
		const failed = await run();
		expect(failed.error?.description).toMatch(/Tried 3 times/);
		expect(JSON.stringify(failed.error)).not.toContain(TOKEN);
	});
});
