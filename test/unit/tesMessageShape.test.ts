// Reading a getMessageInfo answer whose shape TES does not publish: every shape issue 9 lists,
// written out by hand (not produced by the emulator, so the two cannot share a mistake).
import type { IDataObject } from 'n8n-workflow';

import { nextTesSkipPage } from '../../nodes/Tes/transport/tesMessages';
import { addressIn, tesMessageFieldsOf, tesMessageRecordsOf, tesRecipientOf } from '../../nodes/Tes/transport/tesMessageShape';

const ADDRESS = 'jane.doe@example.com';
const message = (address: IDataObject): IDataObject => ({ x_unique_id: 'm-1', subject: 'Hello', ...address });

describe('the message is found in every container', () => {
	test.each<[string, IDataObject]>([
		['message_data', { status: 'success', message_data: message({ email: ADDRESS }) }],
		['message_info', { status: 'success', message_info: message({ email: ADDRESS }) }],
		['data', { status: 'success', data: message({ email: ADDRESS }) }],
		['message (object)', { status: 'success', message: message({ email: ADDRESS }) }],
		['messages list', { status: 'success', messages: [message({ email: ADDRESS })] }],
		['data list', { status: 'success', data: [message({ email: ADDRESS })] }],
		['list', { status: 'success', list: [message({ email: ADDRESS })] }],
		['data.message_data (nested)', { status: 'success', data: { message_data: message({ email: ADDRESS }) } }],
		['top level', { status: 'success', ...message({ email: ADDRESS }) }],
		['a text message beside the data', { status: 'success', message: 'Message info', data: message({ email: ADDRESS }) }],
	])('%s', (_name, answer) => {
		expect(tesRecipientOf(answer)).toBe(ADDRESS);
		expect(tesMessageRecordsOf(answer).records).toHaveLength(1);
	});
});

describe('the address is read from every field and form', () => {
	test.each<[string, IDataObject]>([
		['email', { email: ADDRESS }],
		['to as a string', { to: ADDRESS }],
		['to as a list of strings', { to: [ADDRESS, 'other@example.com'] }],
		['to as a list of {email}', { to: [{ email: ADDRESS, name: 'Jane' }] }],
		['rcpt', { rcpt: ADDRESS }],
		['rcpt_to', { rcpt_to: ADDRESS }],
		['recipient', { recipient: ADDRESS }],
		['receiver', { receiver: ADDRESS }],
		['email_to', { email_to: ADDRESS }],
		['a display name with angle brackets', { to: `"Doe, Jane" <${ADDRESS}>` }],
		['a comma-separated list', { to: `${ADDRESS}, other@example.com` }],
		['surrounding spaces', { email: `  ${ADDRESS} ` }],
	])('%s', (_name, address) => {
		expect(tesRecipientOf({ status: 'success', message_data: message(address) })).toBe(ADDRESS);
	});

	test('a huge text is not searched for an address', () => {
		expect(addressIn(`${'x'.repeat(600)} <${ADDRESS}>`)).toBeNull();
		expect(addressIn(`${'x'.repeat(400)} <${ADDRESS}>`)).toBe(ADDRESS);
	});

	test('values that hold no address give null, not text', () => {
		for (const value of ['', 'not an address', 42, null, [], [{ name: 'Jane' }], { name: 'x' }]) {
			expect(addressIn(value)).toBeNull();
		}
	});

	test('a message without any address field gives null; so does an answer without a message', () => {
		expect(tesRecipientOf({ status: 'success', message_data: { x_unique_id: 'm-1', subject: 'Hi' } })).toBeNull();
		expect(tesRecipientOf({ status: 'success' })).toBeNull();
		expect(tesRecipientOf({ status: 'success', messages: [] })).toBeNull();
		expect(tesMessageRecordsOf({ status: 'success', messages: [] })).toEqual({ records: [], isList: true });
	});
});

describe('subject, sender and status', () => {
	test('are read where present, the sender as an address when it names one', () => {
		expect(
			tesMessageFieldsOf({ to: [{ email: ADDRESS }], subject: ' Order shipped ', from: 'Shop <orders@example.org>', status: 'hard_bounce' }),
		).toEqual({ recipient: ADDRESS, subject: 'Order shipped', sender: 'orders@example.org', status: 'hard_bounce' });
		expect(tesMessageFieldsOf({ rcpt: ADDRESS })).toEqual({ recipient: ADDRESS, subject: null, sender: null, status: null });
	});

	test('a top-level answer does not pass the call\'s "success" off as the message status', () => {
		const [record] = tesMessageRecordsOf({ status: 'success', email: ADDRESS, message_status: 'delivered' }).records;
		expect(tesMessageFieldsOf(record).status).toBe('delivered');
	});
});

describe('paging through skip_page', () => {
	test.each<[string, IDataObject, number, number | undefined]>([
		['a page count with pages left', { total_pages: 3 }, 1, 1],
		['a page count, all read', { total_pages: 3 }, 3, undefined],
		['a page count as text', { total_page: '2' }, 1, 1],
		['a named next page', { next_page: 4 }, 1, 4],
		['a named next page that goes back', { next_page: 0 }, 1, undefined],
		['a "more" flag', { has_more: true }, 2, 2],
		['a "more" flag off', { has_more: false }, 2, undefined],
		['paging fields in a pagination object', { pagination: { total_pages: 2 } }, 1, 1],
		['no paging fields', {}, 1, undefined],
	])('%s', (_name, fields, pagesRead, next) => {
		expect(nextTesSkipPage({ status: 'success', ...fields }, pagesRead)).toBe(next);
	});
});
