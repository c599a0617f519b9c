// The TES emulator's `messages/getMessageInfo`: every answer shape it can play, paging through
// skip_page, unknown messages, validation and call counting.
import { request } from 'undici';

import {
	TES_MESSAGE_ADDRESS_FIELDS,
	TES_MESSAGE_CONTAINERS,
	TesEmulator,
} from './tes';

const OWNER = 'owner-1';
const TOKEN = 'secret-token';
let tes: TesEmulator;

async function getMessageInfo(body: Record<string, unknown>, auth = true) {
	const response = await request(`${tes.baseUrl}messages/getMessageInfo`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(auth ? { owner_id: OWNER, token: TOKEN, ...body } : body),
	});
	return { status: response.statusCode, json: (await response.body.json()) as Record<string, any> };
}

beforeAll(async () => {
	tes = await TesEmulator.start({ brand: 'sendclean', ownerId: OWNER, token: TOKEN });
	tes.seedMessage({ x_unique_id: 'm-1', email: 'jane@example.com', subject: 'Hi', status: 'hard_bounce' });
});
afterAll(async () => {
	await tes.close();
});
afterEach(() => {
	tes.setQuirks({ messageContainer: 'message_data', messageAddressField: 'email', messagePageSize: 0, messagePaging: 'total_pages', messageNotFound: 'error' });
	tes.clearRequests();
});

test('by default the message sits under message_data with its address under email', async () => {
	const { status, json } = await getMessageInfo({ x_unique_id: 'm-1' });
	expect(status).toBe(200);
	expect(json).toEqual({
		status: 'success',
		message_data: expect.objectContaining({ x_unique_id: 'm-1', email: 'jane@example.com', subject: 'Hi', status: 'hard_bounce', events: expect.any(Array) }),
	});
	expect(tes.requestsTo('messages/getMessageInfo')).toHaveLength(1);
});

test.each(TES_MESSAGE_CONTAINERS)('container %s', async (messageContainer) => {
	tes.setQuirks({ messageContainer });
	const { json } = await getMessageInfo({ x_unique_id: 'm-1' });
	const expected = {
		message_data: () => json.message_data,
		message_info: () => json.message_info,
		data: () => json.data,
		message: () => json.message,
		messages: () => json.messages[0],
		data_list: () => json.data[0],
		top_level: () => json,
	}[messageContainer]();
	expect(json.status).toBe('success');
	expect(expected).toMatchObject({ x_unique_id: 'm-1', email: 'jane@example.com' });
	if (messageContainer === 'top_level') expect(json.message_status).toBe('hard_bounce');
});

test.each(TES_MESSAGE_ADDRESS_FIELDS)('address field %s', async (messageAddressField) => {
	tes.setQuirks({ messageAddressField });
	const { json } = await getMessageInfo({ x_unique_id: 'm-1' });
	const expected = {
		to_list: { to: ['jane@example.com'] },
		to_objects: { to: [{ email: 'jane@example.com', name: 'Jane Doe', type: 'to' }] },
	}[messageAddressField as string] ?? { [messageAddressField]: 'jane@example.com' };
	expect(json.message_data).toMatchObject(expected);
});

describe('paging through skip_page', () => {
	beforeAll(() => {
		tes.seedMessage({ x_unique_id: 'paged', events: Array.from({ length: 5 }, (_, i) => ({ event: 'open', ts: 1_700_000_000 + i })) });
	});

	test('total_pages: two entries a page, three pages, the last one short', async () => {
		tes.setQuirks({ messagePageSize: 2 });
		const pages = await Promise.all([0, 1, 2].map((skip_page) => getMessageInfo({ x_unique_id: 'paged', skip_page })));
		expect(pages.map(({ json }) => json.message_data.events.length)).toEqual([2, 2, 1]);
		expect(pages.map(({ json }) => json.total_pages)).toEqual([3, 3, 3]);
		expect(pages[1].json.message_data.events[0].ts).toBe(1_700_000_002);
	});

	test('next_page is named until the last page; has_more says whether there is more', async () => {
		tes.setQuirks({ messagePageSize: 2, messagePaging: 'next_page' });
		expect((await getMessageInfo({ x_unique_id: 'paged' })).json.next_page).toBe(1);
		expect((await getMessageInfo({ x_unique_id: 'paged', skip_page: '2' })).json).not.toHaveProperty('next_page');
		tes.setQuirks({ messagePaging: 'has_more' });
		expect((await getMessageInfo({ x_unique_id: 'paged', skip_page: 1 })).json.has_more).toBe(true);
		expect((await getMessageInfo({ x_unique_id: 'paged', skip_page: 2 })).json.has_more).toBe(false);
	});

	test('an invalid skip_page is a ValidationError', async () => {
		const { json } = await getMessageInfo({ x_unique_id: 'paged', skip_page: -1 });
		expect(json).toMatchObject({ status: 'error', name: 'ValidationError' });
	});
});

test('an unknown message is a ValidationError, or success without a message', async () => {
	expect((await getMessageInfo({ x_unique_id: 'nope' })).json).toMatchObject({ status: 'error', name: 'ValidationError', message: 'Invalid x_unique_id' });
	tes.setQuirks({ messageNotFound: 'empty' });
	expect((await getMessageInfo({ x_unique_id: 'nope' })).json).toEqual({ status: 'success' });
	tes.setQuirks({ messageContainer: 'messages' });
	expect((await getMessageInfo({ x_unique_id: 'nope' })).json).toEqual({ status: 'success', messages: [] });
});

test('a missing x_unique_id and a wrong token are refused', async () => {
	expect((await getMessageInfo({})).json).toMatchObject({ status: 'error', name: 'ValidationError' });
	expect((await getMessageInfo({ x_unique_id: 'm-1' }, false)).json).toMatchObject({ status: 'error', name: 'AuthenticationError' });
});

test('faults apply to the look-up path like any other', async () => {
	tes.injectFault({ status: 503 }, { path: 'messages/getMessageInfo' });
	const response = await request(`${tes.baseUrl}messages/getMessageInfo`, { method: 'POST', body: JSON.stringify({ owner_id: OWNER, token: TOKEN, x_unique_id: 'm-1' }) });
	await response.body.text();
	expect(response.statusCode).toBe(503);
	expect(tes.requestsTo('messages/getMessageInfo')).toEqual([expect.objectContaining({ fault: { status: 503 } })]);
});
