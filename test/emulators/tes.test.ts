// Tests of the TES (Sarv / SendClean) emulator: documented answers, each quirk switch, the
// handshake probe, fault injection (shared base) and signed deliveries.
import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { DEFAULT_TES_QUIRKS, makeTesEvent, TES_EVENT_KINDS, TesEmulator, tesDocEvents } from './tes';
import type { TesWebhook } from './tes';
import { RecordingReceiver } from './recordingReceiver';

const OWNER = 'owner-1';
const TOKEN = 'secret-token';

let sarv: TesEmulator;
let receiver: RecordingReceiver;

async function call(emulator: TesEmulator, method: string, body: Record<string, unknown> = {}, auth = true) {
	const response = await request(`${emulator.baseUrl}${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(auth ? { owner_id: OWNER, token: TOKEN, ...body } : body),
	});
	const text = await response.body.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.statusCode, headers: response.headers, text, json };
}

async function addAndFind(url: string, extra: Record<string, unknown> = {}): Promise<TesWebhook> {
	const added = await call(sarv, 'settings/addWebhook', { url, event: 'open,click', ...extra });
	expect(added.json).toEqual({ status: 'success', message: 'Webhook Added' });
	return sarv.webhooksForUrl(url).at(-1)!;
}

beforeAll(async () => {
	receiver = await RecordingReceiver.start({ status: 200, body: 'God bless you, Sarv' });
	sarv = await TesEmulator.start({ brand: 'sarv', ownerId: OWNER, token: TOKEN });
});

afterAll(async () => {
	await sarv.close();
	await receiver.close();
});

beforeEach(() => {
	sarv.webhooks = [];
	sarv.quirks = { ...DEFAULT_TES_QUIRKS };
	sarv.clearRequests();
	sarv.clearFaults();
	receiver.reply = { status: 200, body: 'God bless you, Sarv' };
	receiver.received.length = 0;
});

describe('documented answers', () => {
	it('listens on 127.0.0.1 with a /v1.0/ base URL', () => {
		expect(sarv.baseUrl).toBe(`http://127.0.0.1:${sarv.port}/v1.0/`);
	});

	it('viewUserDetail answers user_data for the right owner and token', async () => {
		const result = await call(sarv, 'account/viewUserDetail');
		expect(result.status).toBe(200);
		expect(result.json.status).toBe('success');
		expect(result.json.user_data).toEqual(expect.objectContaining({ owner_id: OWNER }));
	});

	it.each([
		['wrong token', { owner_id: OWNER, token: 'nope' }],
		['wrong owner', { owner_id: 'other', token: TOKEN }],
		['nothing', {}],
	])('refuses %s with the documented AuthenticationError', async (_label, body) => {
		const result = await call(sarv, 'settings/listWebhook', body, false);
		expect(result.status).toBe(200);
		expect(result.json).toEqual({ status: 'error', code: -1, name: 'AuthenticationError', message: 'Token MissMatch' });
	});

	it('addWebhook answers only status and message, and the webhook appears in listWebhook', async () => {
		const before = Math.floor(Date.now() / 1000);
		const url = receiver.url('/a');
		const added = await call(sarv, 'settings/addWebhook', {
			url,
			event: 'hard_bounce,spam',
			description: 'bounces',
			store_log: 'Enable',
		});
		expect(added.json).toEqual({ status: 'success', message: 'Webhook Added' });
		const list = await call(sarv, 'settings/listWebhook');
		expect(list.json.status).toBe('success');
		expect(list.json.webhook_list).toHaveLength(1);
		const [webhook] = list.json.webhook_list;
		expect(Object.keys(webhook).sort()).toEqual(
			['create_date', 'description', 'event', 'key', 'store_log', 'url', 'webhook_id'].sort(),
		);
		expect(webhook).toEqual(
			expect.objectContaining({ url, event: 'hard_bounce,spam', description: 'bounces', store_log: 'Enable' }),
		);
		expect(webhook.webhook_id).toMatch(/^[1-9]\d{20}$/);
		expect(webhook.key).toMatch(/^[A-Za-z0-9]{22}$/);
		expect(webhook.create_date).toBeGreaterThanOrEqual(before);
		expect(webhook.create_date).toBeLessThan(before + 5);
	});

	it('getWebhookInfo answers webhook_data with last_success and total_event', async () => {
		const webhook = await addAndFind(receiver.url());
		const info = await call(sarv, 'settings/getWebhookInfo', { webhook_id: webhook.webhook_id });
		expect(info.json).toEqual({
			status: 'success',
			webhook_data: {
				webhook_id: webhook.webhook_id,
				url: receiver.url(),
				event: 'open,click',
				description: '',
				store_log: 'Disable',
				key: webhook.key,
				create_date: webhook.create_date,
				last_success: 0,
				total_event: 0,
			},
		});
	});

	it('keyResetWebhook answers a new key that the emulator then uses', async () => {
		const webhook = await addAndFind(receiver.url());
		const oldKey = webhook.key;
		const reset = await call(sarv, 'settings/keyResetWebhook', { webhook_id: webhook.webhook_id });
		expect(reset.json).toEqual({
			status: 'success',
			message: 'Webhook key reseted',
			webhook_id: webhook.webhook_id,
			key: expect.stringMatching(/^[A-Za-z0-9]{22}$/),
		});
		expect(reset.json.key).not.toBe(oldKey);
		expect(sarv.findWebhook(webhook.webhook_id)!.key).toBe(reset.json.key);
	});

	it('editWebhook answers "Webhook Edited" and deleteWebhook "Webhook Deleted"', async () => {
		const webhook = await addAndFind(receiver.url());
		const edited = await call(sarv, 'settings/editWebhook', {
			webhook_id: webhook.webhook_id,
			url: receiver.url('/b'),
			event: 'spam',
		});
		expect(edited.json).toEqual({ status: 'success', message: 'Webhook Edited' });
		expect(sarv.findWebhook(webhook.webhook_id)).toEqual(expect.objectContaining({ url: receiver.url('/b'), event: 'spam' }));
		const deleted = await call(sarv, 'settings/deleteWebhook', { webhook_id: webhook.webhook_id });
		expect(deleted.json).toEqual({ status: 'success', message: 'Webhook Deleted' });
		expect(sarv.webhooks).toHaveLength(0);
	});

	it.each(['settings/editWebhook', 'settings/keyResetWebhook', 'settings/getWebhookInfo', 'settings/deleteWebhook'])(
		'%s refuses an unknown webhook_id with a ValidationError',
		async (method) => {
			const result = await call(sarv, method, { webhook_id: '999999999999999999999', url: receiver.url() });
			expect(result.json).toEqual({ status: 'error', code: -1, name: 'ValidationError', message: 'Invalid webhook_id' });
		},
	);

	it.each([
		[{ event: 'open' }, 'url is required'],
		[{ url: 'ftp://example.com/x' }, 'url must be a valid http or https url'],
		[{ url: 'not a url' }, 'url must be a valid http or https url'],
		[{ url: 'http://127.0.0.1:1/x', event: 'open,delivered' }, "Invalid event 'delivered'"],
		[{ url: 'http://127.0.0.1:1/x', event: ['open'] }, 'event must be a comma separated string'],
		[{ url: 'http://127.0.0.1:1/x', store_log: 'Yes' }, "store_log must be either 'Enable' or 'Disable'"],
	])('addWebhook validates %j', async (body, message) => {
		sarv.setQuirks({ checkHandshake: false });
		const result = await call(sarv, 'settings/addWebhook', body);
		expect(result.json.status).toBe('error');
		expect(result.json.name).toBe('ValidationError');
		expect(result.json.message).toContain(message);
		expect(sarv.webhooks).toHaveLength(0);
	});

	it('answers 404 for other paths and an error for non-POST calls', async () => {
		const unknown = await call(sarv, 'settings/renameWebhook');
		expect(unknown.status).toBe(404);
		expect(unknown.json.status).toBe('error');
		const get = await request(`${sarv.baseUrl}settings/listWebhook`);
		expect(get.statusCode).toBe(405);
		expect(((await get.body.json()) as { status: string }).status).toBe('error');
	});
});

describe('quirk switches', () => {
	it.each([
		[400, 'AuthenticationError', 400],
		[401, 'AuthenticationError', 401],
		['byType', 'AuthenticationError', 401],
	] as const)('errorHttpStatus %s', async (setting, _type, expected) => {
		sarv.setQuirks({ errorHttpStatus: setting });
		const result = await call(sarv, 'settings/listWebhook', { token: 'bad' });
		expect(result.status).toBe(expected);
		expect(result.json.message).toBe('Token MissMatch');
	});

	it('errorHttpStatus byType answers ValidationError with 400', async () => {
		sarv.setQuirks({ errorHttpStatus: 'byType' });
		const result = await call(sarv, 'settings/getWebhookInfo', { webhook_id: '1' });
		expect(result.status).toBe(400);
	});

	it('errorTypeField "type" and errorCodeAsString', async () => {
		sarv.setQuirks({ errorTypeField: 'type', errorCodeAsString: true });
		const result = await call(sarv, 'settings/listWebhook', { token: 'bad' });
		expect(result.json).toEqual({ status: 'error', code: '-1', type: 'AuthenticationError', message: 'Token MissMatch' });
	});

	it('editClearsOmittedFields true clears optional fields left out of an edit', async () => {
		const webhook = await addAndFind(receiver.url(), { description: 'keep me', store_log: 'Enable' });
		await call(sarv, 'settings/editWebhook', { webhook_id: webhook.webhook_id, url: receiver.url() });
		expect(sarv.findWebhook(webhook.webhook_id)).toEqual(
			expect.objectContaining({ event: '', description: '', store_log: 'Disable', key: webhook.key }),
		);
	});

	it('editClearsOmittedFields false keeps optional fields left out of an edit', async () => {
		sarv.setQuirks({ editClearsOmittedFields: false });
		const webhook = await addAndFind(receiver.url(), { description: 'keep me', store_log: 'Enable' });
		await call(sarv, 'settings/editWebhook', { webhook_id: webhook.webhook_id, url: receiver.url(), event: 'spam' });
		expect(sarv.findWebhook(webhook.webhook_id)).toEqual(
			expect.objectContaining({ event: 'spam', description: 'keep me', store_log: 'Enable' }),
		);
	});

	it('editWebhook requires url', async () => {
		const webhook = await addAndFind(receiver.url());
		const result = await call(sarv, 'settings/editWebhook', { webhook_id: webhook.webhook_id, event: 'open' });
		expect(result.json).toEqual(expect.objectContaining({ name: 'ValidationError', message: 'url is required' }));
	});

	it('allowDuplicateUrls true accepts a second webhook for the same URL; false refuses it', async () => {
		await addAndFind(receiver.url());
		await addAndFind(receiver.url());
		expect(sarv.webhooksForUrl(receiver.url())).toHaveLength(2);
		sarv.setQuirks({ allowDuplicateUrls: false });
		const third = await call(sarv, 'settings/addWebhook', { url: receiver.url() });
		expect(third.json).toEqual(expect.objectContaining({ status: 'error', name: 'ValidationError' }));
		expect(sarv.webhooksForUrl(receiver.url())).toHaveLength(2);
	});
});

describe('handshake probe', () => {
	it.each(['GET', 'POST', 'HEAD'] as const)('probes the URL with %s on add and on edit', async (method) => {
		sarv.setQuirks({ handshakeMethod: method });
		const webhook = await addAndFind(receiver.url('/probe'));
		await call(sarv, 'settings/editWebhook', { webhook_id: webhook.webhook_id, url: receiver.url('/probe2') });
		expect(receiver.received.map((r) => `${r.method} ${r.url}`)).toEqual([`${method} /probe`, `${method} /probe2`]);
		expect(sarv.handshakes.at(-1)).toEqual(expect.objectContaining({ method, passed: true }));
	});

	it('refuses the add when the URL does not answer the brand text', async () => {
		receiver.reply = { status: 200, body: 'hello' };
		const result = await call(sarv, 'settings/addWebhook', { url: receiver.url() });
		expect(result.json).toEqual({
			status: 'error',
			code: -1,
			name: 'ValidationError',
			message: "url must always response 'God bless you, Sarv'",
		});
		expect(sarv.webhooks).toHaveLength(0);
	});

	it('refuses the add when the URL answers non-200, even with the text; HEAD checks status only', async () => {
		receiver.reply = { status: 500, body: 'God bless you, Sarv' };
		expect((await call(sarv, 'settings/addWebhook', { url: receiver.url() })).json.status).toBe('error');
		sarv.setQuirks({ handshakeMethod: 'HEAD' });
		receiver.reply = { status: 200, body: '' };
		expect((await call(sarv, 'settings/addWebhook', { url: receiver.url() })).json.status).toBe('success');
	});

	it('refuses an edit whose URL fails the probe and keeps the webhook unchanged', async () => {
		const webhook = await addAndFind(receiver.url());
		const result = await call(sarv, 'settings/editWebhook', { webhook_id: webhook.webhook_id, url: 'http://127.0.0.1:1/closed' });
		expect(result.json.message).toBe("url must always response 'God bless you, Sarv'");
		expect(sarv.findWebhook(webhook.webhook_id)!.url).toBe(receiver.url());
	});

	it('expects the SendClean text from a SendClean emulator', async () => {
		const sendclean = await TesEmulator.start({ brand: 'sendclean', ownerId: OWNER, token: TOKEN });
		try {
			const refused = await call(sendclean, 'settings/addWebhook', { url: receiver.url() });
			expect(refused.json.message).toBe("url must always response 'God bless you, SendClean'");
			receiver.reply = { status: 200, body: 'God bless you, SendClean' };
			expect((await call(sendclean, 'settings/addWebhook', { url: receiver.url() })).json.status).toBe('success');
		} finally {
			await sendclean.close();
		}
	});

	it('does not probe when checkHandshake is off', async () => {
		sarv.setQuirks({ checkHandshake: false });
		receiver.reply = { status: 404, body: 'nope' };
		await addAndFind(receiver.url());
		expect(receiver.received).toHaveLength(0);
	});
});

describe('fault injection', () => {
	it('answers an injected status with the given body and headers, once, changing nothing', async () => {
		sarv.injectFault({ status: 429, body: 'slow down', headers: { 'Retry-After': '2' } });
		const faulted = await call(sarv, 'settings/addWebhook', { url: receiver.url() });
		expect(faulted.status).toBe(429);
		expect(faulted.text).toBe('slow down');
		expect(faulted.headers['retry-after']).toBe('2');
		expect(sarv.webhooks).toHaveLength(0);
		expect((await call(sarv, 'settings/listWebhook')).status).toBe(200);
		expect(sarv.requests).toHaveLength(2);
		expect(sarv.requests[0].fault).toEqual({ status: 429, body: 'slow down', headers: { 'Retry-After': '2' } });
	});

	it('defaults a 503 body to an HTML error page', async () => {
		sarv.injectFault({ status: 503 });
		const faulted = await call(sarv, 'settings/listWebhook');
		expect(faulted.status).toBe(503);
		expect(faulted.headers['content-type']).toContain('text/html');
		expect(faulted.json).toBeUndefined();
	});

	it('applies faults only to a matching path, as many times as asked, in order', async () => {
		sarv.injectFault({ status: 500 }, { path: 'settings/listWebhook', times: 2 });
		sarv.injectFault({ status: 502 }, { path: /listWebhook/ });
		expect((await call(sarv, 'account/viewUserDetail')).status).toBe(200);
		expect((await call(sarv, 'settings/listWebhook')).status).toBe(500);
		expect((await call(sarv, 'settings/listWebhook')).status).toBe(500);
		expect((await call(sarv, 'settings/listWebhook')).status).toBe(502);
		expect((await call(sarv, 'settings/listWebhook')).status).toBe(200);
		expect(sarv.pendingFaults).toBe(0);
	});

	it('delays an answer', async () => {
		sarv.injectFault({ delayMs: 150 });
		const started = Date.now();
		expect((await call(sarv, 'settings/listWebhook')).json.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('resets the connection', async () => {
		sarv.injectFault({ reset: true });
		await expect(call(sarv, 'settings/listWebhook')).rejects.toThrow();
		expect(sarv.requests).toHaveLength(1);
	});

	it('answers 200 with truncated JSON after doing the work', async () => {
		sarv.injectFault({ malformedJson: true });
		const result = await call(sarv, 'settings/addWebhook', { url: receiver.url() });
		expect(result.status).toBe(200);
		expect(result.text.length).toBeGreaterThan(0);
		expect(() => JSON.parse(result.text)).toThrow();
		expect(sarv.webhooks).toHaveLength(1);
	});

	it('hangs until close(), which ends the request', async () => {
		const hanging = await TesEmulator.start({ brand: 'sarv', ownerId: OWNER, token: TOKEN });
		hanging.injectFault({ hang: true });
		const pending = call(hanging, 'settings/listWebhook');
		const outcome = pending.then(
			() => 'answered',
			() => 'failed',
		);
		while (hanging.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		const raced = await Promise.race([outcome, new Promise((resolve) => setTimeout(() => resolve('still hanging'), 100))]);
		expect(raced).toBe('still hanging');
		await hanging.close();
		expect(await outcome).toBe('failed');
	});
});

describe('deliveries', () => {
	const sha1 = (key: string, data: string, encoding: 'hex' | 'base64') =>
		createHmac('sha1', key).update(data).digest(encoding);

	it('posts a JSON array signed Mandrill-style (URL + body) by default, and counts events', async () => {
		const webhook = await addAndFind(receiver.url('/hook?x=1'));
		receiver.received.length = 0;
		receiver.reply = { status: 200, body: 'ok' };
		const events = tesDocEvents();
		const response = await sarv.deliver(webhook.webhook_id, events);
		expect(response).toEqual(expect.objectContaining({ status: 200, body: 'ok' }));
		const [received] = receiver.received;
		expect(received.method).toBe('POST');
		expect(received.headers['content-type']).toBe('application/json');
		expect(JSON.parse(received.rawBody)).toEqual(events);
		expect(received.headers['x-sarvtes-signature']).toBe(sha1(webhook.key, webhook.url + received.rawBody, 'base64'));
		const info = await call(sarv, 'settings/getWebhookInfo', { webhook_id: webhook.webhook_id });
		expect(info.json.webhook_data.total_event).toBe(7);
		expect(info.json.webhook_data.last_success).toBeGreaterThan(0);
	});

	it('signs form deliveries over URL + sorted params (Mandrill), with a configurable field', async () => {
		const target = { url: receiver.url('/form'), key: 'k3y' };
		const events = [makeTesEvent('open')];
		await sarv.deliver(target, events, { format: 'form' });
		await sarv.deliver(target, events, { format: 'form', formField: 'events' });
		const [first, second] = receiver.received;
		expect(first.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(JSON.parse(new URLSearchParams(first.rawBody).get('mandrill_events')!)).toEqual(events);
		expect(first.headers['x-sarvtes-signature']).toBe(
			sha1('k3y', `${target.url}mandrill_events${JSON.stringify(events)}`, 'base64'),
		);
		expect(JSON.parse(new URLSearchParams(second.rawBody).get('events')!)).toEqual(events);
	});

	it.each([
		['hex-url-body', (key: string, url: string, body: string) => sha1(key, url + body, 'hex')],
		['base64-url-body', (key: string, url: string, body: string) => sha1(key, url + body, 'base64')],
		['hex-body', (key: string, _url: string, body: string) => sha1(key, body, 'hex')],
		['base64-body', (key: string, _url: string, body: string) => sha1(key, body, 'base64')],
	] as const)('signs with %s', async (scheme, expected) => {
		const target = { url: receiver.url('/s'), key: 'abc' };
		await sarv.deliver(target, [makeTesEvent('click')], { signature: scheme });
		const [received] = receiver.received;
		expect(received.headers['x-sarvtes-signature']).toBe(expected('abc', target.url, received.rawBody));
	});

	it('sends no header with "none" and a wrong but well-formed one with "wrong"', async () => {
		const target = { url: receiver.url('/s'), key: 'abc' };
		await sarv.deliver(target, [makeTesEvent('send')], { signature: 'none' });
		await sarv.deliver(target, [makeTesEvent('send')], { signature: 'wrong' });
		const [none, wrong] = receiver.received;
		expect(none.headers['x-sarvtes-signature']).toBeUndefined();
		const signature = wrong.headers['x-sarvtes-signature'] as string;
		expect(signature).toMatch(/^[A-Za-z0-9+/]{27}=$/);
		expect(signature).not.toBe(sha1('abc', target.url + wrong.rawBody, 'base64'));
	});

	it('sends a single object, a raw body, an old key and extra headers on request', async () => {
		const target = { url: receiver.url('/s'), key: 'new' };
		const event = makeTesEvent('spam');
		await sarv.deliver(target, [event], { format: 'object' });
		await sarv.deliver(target, [], { rawBody: '{not json', signatureKey: 'old', headers: { 'x-extra': '1' } });
		const [object, raw] = receiver.received;
		expect(JSON.parse(object.rawBody)).toEqual(event);
		expect(raw.rawBody).toBe('{not json');
		expect(raw.headers['x-extra']).toBe('1');
		expect(raw.headers['x-sarvtes-signature']).toBe(sha1('old', `${target.url}{not json`, 'base64'));
		await expect(sarv.deliver(target, [event, event], { format: 'object' })).rejects.toThrow(/exactly one/);
	});

	it('uses the SendClean header name for SendClean', async () => {
		const sendclean = await TesEmulator.start({ brand: 'sendclean', ownerId: OWNER, token: TOKEN });
		try {
			await sendclean.deliver({ url: receiver.url(), key: 'k' }, [makeTesEvent('open')]);
			expect(receiver.received[0].headers['x-sendcleantes-signature']).toBeDefined();
			expect(receiver.received[0].headers['x-sarvtes-signature']).toBeUndefined();
		} finally {
			await sendclean.close();
		}
	});

	it('publish sends each webhook only the events it subscribed to, delivered going with send', async () => {
		const opens = sarv.seedWebhook({ url: receiver.url('/opens'), event: 'open' });
		const sends = sarv.seedWebhook({ url: receiver.url('/sends'), event: 'send,hard_bounce' });
		sarv.seedWebhook({ url: receiver.url('/spam'), event: 'spam' });
		const results = await sarv.publish(tesDocEvents().filter((event) => event.event !== 'spam'));
		expect(results.map((result) => [result.webhookId, result.events.map((event) => event.event)])).toEqual([
			[opens.webhook_id, ['open']],
			[sends.webhook_id, ['hard_bounce', 'send', 'delivered']],
		]);
		expect(receiver.received.map((received) => received.url)).toEqual(['/opens', '/sends']);
	});

	it('rejects when the receiver cannot be reached', async () => {
		await expect(sarv.deliver({ url: 'http://127.0.0.1:1/x', key: 'k' }, [])).rejects.toThrow();
	});
});

describe('event helpers', () => {
	it('tesDocEvents returns the seven doc samples, fresh each call', () => {
		const events = tesDocEvents();
		expect(events.map((event) => event.event)).toEqual([
			'hard_bounce',
			'soft_bounce',
			'send',
			'delivered',
			'click',
			'open',
			'spam',
		]);
		expect(events[0].msg).toEqual({
			bounceDesc: 'Requested action not taken: mailbox unavailable ',
			bounceCodeTrad: 550,
			bounceCodeEnh: '5.2.2',
		});
		expect(events[6].msg.feedbackReport).toContain('\r\nFeedback-Type: abuse\r\n');
		events[0].event = 'changed';
		expect(tesDocEvents()[0].event).toBe('hard_bounce');
	});

	it.each(TES_EVENT_KINDS)('makeTesEvent("%s") has the doc shape with fresh ids', (kind) => {
		const a = makeTesEvent(kind);
		const b = makeTesEvent(kind, { ts: 42 });
		expect(Object.keys(a).sort()).toEqual(['_id', 'event', 'msg', 'smtp_name', 'ts', 'x_unique_id']);
		expect(a.event).toBe(kind);
		expect(a.x_unique_id).not.toBe(b.x_unique_id);
		expect(b.ts).toBe(42);
		const docSample = tesDocEvents().find((event) => event.event === kind)!;
		expect(Object.keys(a.msg).sort()).toEqual(Object.keys(docSample.msg).sort());
	});
});
