// The shared receive pipeline (receiveDelivery) driven with a stub receiver, the key re-read
// limiter on its own, and the work a forged body costs the TES signature check, counted.
import { createHmac } from 'node:crypto';

import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { fakeWebhookContext, type FakeResponse } from '../../bench/lib/fakeWebhookContext';
import { MalformedDeliveryError } from '../../nodes/shared/delivery/MalformedDeliveryError';
import type { NormalizedEvent } from '../../nodes/shared/NormalizedEvent';
import type { DeliveryReceiver } from '../../nodes/shared/trigger/deliveryReceiver';
import { createKeyReReadLimiter, REREAD_INTERVAL_MS } from '../../nodes/shared/trigger/keyReReadLimiter';
import { receiveDelivery } from '../../nodes/shared/trigger/receiveDelivery';
import { outputModeOf } from '../../nodes/shared/trigger/triggerOutput';
import { answerWebhook } from '../../nodes/shared/trigger/webhookResponse';
import { MAX_SIGNED_FORM_FIELDS, verifyTesSignature, type TesSignatureWork } from '../../nodes/Tes/delivery/verifyTesSignature';

const URL = 'https://n8n.example.com/webhook/abc/webhook';

function normalized(raw: IDataObject): NormalizedEvent {
	return { provider: 'sarv', event: 'bounce', id: String(raw.id), recipient: null } as unknown as NormalizedEvent;
}

function stubReceiver(overrides: Partial<DeliveryReceiver<IDataObject>> = {}): DeliveryReceiver<IDataObject> {
	return {
		providerName: 'Stub',
		answers: { accepted: (ctx) => answerWebhook(ctx, 200, 'ok'), unauthenticated: { body: 'no' } },
		isProbe: (_ctx, delivery) => delivery.method !== 'POST',
		authenticate: () => ({ authentic: true }),
		parse: (delivery) => delivery.body as IDataObject[],
		subscriptionOf: () => 'bounce',
		normalize: normalized,
		outputMode: (delivery) => outputModeOf(delivery.options),
		...overrides,
	};
}

async function run(
	receiver: DeliveryReceiver<IDataObject>,
	body: unknown,
	options: IDataObject = {},
): Promise<{ result: IWebhookResponseData; response: FakeResponse }> {
	const { context, response } = fakeWebhookContext({
		request: { method: 'POST', headers: { 'content-type': 'application/json' }, body, rawBody: Buffer.from(JSON.stringify(body)) },
		parameters: { events: ['*'], options },
		staticData: {},
		webhookUrl: URL,
		nodeName: 'Stub Trigger',
	});
	const result = await receiveDelivery(receiver).call(context);
	return { result, response };
}

describe('receiveDelivery', () => {
	const events = [{ id: 'a' }, { id: 'b' }];
	const enrich = async (_ctx: IWebhookFunctions, normalizedEvents: NormalizedEvent[]) => {
		for (const event of normalizedEvents) event.recipient = `${event.id}@example.com`;
	};

	test.each([
		['normalized', (json: IDataObject) => json.recipient],
		['normalizedAndRaw', (json: IDataObject) => json.recipient],
	])('enrichEvents fills fields that Output %s keeps', async (output, recipientOf) => {
		const { result } = await run(stubReceiver({ enrichEvents: enrich }), events, { output });
		expect(result.workflowData?.[0].map((item) => recipientOf(item.json))).toEqual(['a@example.com', 'b@example.com']);
	});

	test('enrichEvents is skipped for Output Raw, which emits the events as received', async () => {
		const enrichEvents = jest.fn(enrich);
		const { result } = await run(stubReceiver({ enrichEvents }), events, { output: 'raw' });
		expect(enrichEvents).not.toHaveBeenCalled();
		expect(result.workflowData?.[0].map((item) => item.json)).toEqual(events);
	});

	test('enrichEvents is not called when no event is selected', async () => {
		const enrichEvents = jest.fn(enrich);
		const { response } = await run(stubReceiver({ enrichEvents }), []);
		expect(enrichEvents).not.toHaveBeenCalled();
		expect(response).toMatchObject({ statusCode: 200, body: 'ok' });
	});

	test("a parse error is answered with the error's own HTTP status", async () => {
		const parse = () => {
			throw new MalformedDeliveryError('Body has more than 1000 form fields', 413);
		};
		const { result, response } = await run(stubReceiver({ parse }), events);
		expect(response).toMatchObject({ statusCode: 413, body: 'Bad Request: Body has more than 1000 form fields' });
		expect(result.workflowData).toBeUndefined();
	});

	test('any other parse failure is a 400, never a 500', async () => {
		const parse = () => {
			throw new RangeError('Maximum call stack size exceeded');
		};
		const { response } = await run(stubReceiver({ parse }), events);
		expect(response).toMatchObject({ statusCode: 400, body: 'Bad Request: the body is not a Stub delivery' });
	});

	test('an unauthenticated request is a 401 and never parsed', async () => {
		const parse = jest.fn(() => events);
		const receiver = stubReceiver({ parse, authenticate: () => ({ authentic: false, reason: 'forged' }) });
		const { response } = await run(receiver, events);
		expect(response).toMatchObject({ statusCode: 401, body: 'no' });
		expect(parse).not.toHaveBeenCalled();
	});
});

describe('key re-read limiter', () => {
	let now = 1_000_000;
	const staticData: IDataObject = {};
	const ctx = { getWorkflowStaticData: () => staticData, getWorkflow: () => ({ id: 'wf' }) } as unknown as IWebhookFunctions;

	test('concurrent mismatches share one re-read; the next waits for the interval; failures back off', async () => {
		const limiter = createKeyReReadLimiter(() => now);
		let calls = 0;
		const read = async () => {
			calls++;
			return 'key';
		};
		const outcomes = await Promise.all(Array.from({ length: 20 }, async () => await limiter.reRead(ctx, URL, read)));
		expect(calls).toBe(1);
		expect(outcomes.every((outcome) => outcome.status === 'read' && outcome.value === 'key')).toBe(true);
		expect(staticData.keyReReads).toEqual({ [URL]: { nextAt: now + REREAD_INTERVAL_MS, failures: 0 } });

		// Another process (a fresh limiter) sees the slot in static data.
		expect(await createKeyReReadLimiter(() => now + 1000).reRead(ctx, URL, read)).toMatchObject({ status: 'limited' });
		expect(calls).toBe(1);

		const failing = async () => {
			calls++;
			throw new Error('HTTP 429');
		};
		const waits: number[] = [];
		for (let i = 0; i < 6; i++) {
			const stored = (staticData.keyReReads as Record<string, { nextAt: number }>)[URL];
			now = stored.nextAt;
			const fresh = createKeyReReadLimiter(() => now);
			expect(await fresh.reRead(ctx, URL, failing)).toMatchObject({ status: 'failed', error: 'HTTP 429' });
			waits.push(((staticData.keyReReads as Record<string, { nextAt: number }>)[URL].nextAt - now) / 60_000);
		}
		expect(waits).toEqual([2, 4, 8, 16, 16, 16]);
	});
});

describe('TES signature check: work on a forged body', () => {
	const size = 4 * 1024 * 1024;
	const signature = createHmac('sha1', 'forger').update('x').digest('base64');

	test('a large non-JSON body of many fields costs two passes over its bytes and no form parse', () => {
		const rawBody = Buffer.from('a=1&'.repeat(size / 4));
		const work: TesSignatureWork = { bytesHashed: 0, formFieldsParsed: 0 };
		expect(verifyTesSignature({ key: 'the-key', signature, url: URL, rawBody, work })).toBe(false);
		expect(work.formFieldsParsed).toBe(0);
		expect(work.bytesHashed).toBeLessThanOrEqual(2 * (size + URL.length));
	});

	test('a body that can be a Mandrill form is parsed, within the field bound', () => {
		const rawBody = Buffer.from(`mandrill_events=${encodeURIComponent('[]')}`);
		const work: TesSignatureWork = { bytesHashed: 0, formFieldsParsed: 0 };
		verifyTesSignature({ key: 'the-key', signature, url: URL, rawBody, work });
		expect(work.formFieldsParsed).toBe(1);
		expect(MAX_SIGNED_FORM_FIELDS).toBeLessThanOrEqual(64);
	});

	test('a signature that does not decode costs nothing', () => {
		const work: TesSignatureWork = { bytesHashed: 0, formFieldsParsed: 0 };
		verifyTesSignature({ key: 'the-key', signature: 'garbage', url: URL, rawBody: Buffer.alloc(size), work });
		expect(work).toEqual({ bytesHashed: 0, formFieldsParsed: 0 });
	});
});
