// Part 1 (receive path vs JSON.parse) and the memory figure of part 4, in one process run with
// --expose-gc. Everything runs the compiled package in dist/. "Ours" is what a delivery costs
// before n8n starts the execution: n8n's own body parse (JSON.parse of the bytes) followed by the
// trigger's webhook() (signature or Basic-auth check, parse, filter, normalize, de-duplicate,
// answer). It is compared, in the same process and interleaved, with JSON.parse of the same bytes
// alone. The parts of webhook() are also timed one by one to show where the time goes.
import type { IDataObject, INodeExecutionData, INodeType, IWebhookResponseData } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';

import type * as EverlyticNormalizeModule from '../nodes/Everlytic/delivery/normalizeEverlyticEvent';
import type * as EverlyticParseModule from '../nodes/Everlytic/delivery/parseEverlyticDelivery';
import type * as BasicAuthModule from '../nodes/shared/trigger/verifyBasicAuth';
import type * as TriggerOutputModule from '../nodes/shared/trigger/triggerOutput';
import type * as TesEventsModule from '../nodes/Tes/events';
import type * as EverlyticEventsModule from '../nodes/Everlytic/events';
import type * as TesNormalizeModule from '../nodes/Tes/delivery/normalizeTesEvent';
import type * as TesParseModule from '../nodes/Tes/delivery/parseTesDelivery';
import type * as TesSignatureModule from '../nodes/Tes/delivery/verifyTesSignature';
import {
	EVERLYTIC_EVENT_TYPES,
	makeEverlyticLegacyEvent,
	makeEverlyticStandardEvent,
} from '../test/emulators/everlyticEvents';
import { makeTesEvent, TES_EVENT_KINDS, tesDocEvents } from '../test/emulators/tesEvents';
import { signTesDelivery } from '../test/emulators/tesSignature';
import {
	collectGarbage,
	distExists,
	distRequire,
	median,
	sink,
	timeInterleaved,
	writeResult,
} from './lib/common';
import { fakeWebhookContext } from './lib/fakeWebhookContext';
import type { FakeRequest } from './lib/fakeWebhookContext';

const QUICK = process.env.BENCH_QUICK === '1';
const TES_EVENTS = 10_000;
const EVERLYTIC_DELIVERIES = 1_000;
const WARMUP = QUICK ? 3 : 10;
const RUNS = QUICK ? 7 : 61;

const { verifyTesSignature } = distRequire<typeof TesSignatureModule>('nodes/Tes/delivery/verifyTesSignature');
const { parseTesDelivery } = distRequire<typeof TesParseModule>('nodes/Tes/delivery/parseTesDelivery');
const { normalizeTesEvent } = distRequire<typeof TesNormalizeModule>('nodes/Tes/delivery/normalizeTesEvent');
const { tesSubscriptionOf } = distRequire<typeof TesEventsModule>('nodes/Tes/events');
const { eventsToItems } = distRequire<typeof TriggerOutputModule>('nodes/shared/trigger/triggerOutput');
const { verifyBasicAuth } = distRequire<typeof BasicAuthModule>('nodes/shared/trigger/verifyBasicAuth');
const { parseEverlyticDelivery } = distRequire<typeof EverlyticParseModule>('nodes/Everlytic/delivery/parseEverlyticDelivery');
const { everlyticSubscriptionOf } = distRequire<typeof EverlyticEventsModule>('nodes/Everlytic/events');
const { normalizeEverlyticEvent, everlyticEventNameOf } =
	distRequire<typeof EverlyticNormalizeModule>('nodes/Everlytic/delivery/normalizeEverlyticEvent');
const { SarvTrigger } = distRequire<{ SarvTrigger: new () => INodeType }>('nodes/Sarv/SarvTrigger.node');

export interface Measured {
	/** Median milliseconds. */
	medianMs: number;
	samples: number;
}

export interface ReceivePathCase {
	name: string;
	events: number;
	deliveries: number;
	bytes: number;
	/** JSON.parse of the bytes alone. */
	floor: Measured;
	/** JSON.parse + the trigger's whole webhook(). */
	total: Measured;
	/**
	 * total / floor, the median of each round's own ratio: a round times both back to back, so a
	 * slow moment of the machine weighs on both sides of its ratio. The target is <= 2.
	 */
	ratio: number;
	/** events / total time. */
	eventsPerSecond: number;
	/** Where webhook() spends its time, each timed alone (milliseconds, medians). */
	parts: Record<string, number>;
	/** How "total" was run: the node's webhook(), or its steps composed when the node is missing. */
	via: string;
	/** What every run produced, checked so the figures are for a path that works. */
	items: number;
	status: number;
}

export interface ReceivePathResult {
	warmup: number;
	runs: number;
	cases: ReceivePathCase[];
	memory: {
		deliveryBytes: number;
		/** Heap retained by the parsed body alone (what n8n holds anyway). */
		parsedBody: number;
		/** Heap retained in addition by the output items while the execution holds them. */
		outputItems: number;
		/** Heap still retained after the delivery and its items are released (a leak if large). */
		afterRelease: number;
		items: number;
	};
}

function measured(samples: number[]): Measured {
	return { medianMs: median(samples), samples: samples.length };
}

/** The median of total[i] / floor[i]: timeInterleaved's samples of one round share an index. */
function pairedRatio(total: number[], floor: number[]): number {
	return median(total.map((ms, round) => ms / floor[round]));
}

/** Live heap after full collections, with event-loop turns between them so nothing transient remains. */
async function heapUsed(): Promise<number> {
	for (let i = 0; i < 3; i++) {
		collectGarbage();
		await new Promise((resolve) => setImmediate(resolve));
	}
	return getHeapStatistics().used_heap_size;
}

// ---- TES: one delivery of 10,000 mixed events -------------------------------------------------

const TES_URL = 'http://127.0.0.1:5678/webhook/6c3f2a1e-0b7d-4e59-9a41-2f8d5c7b1e90/webhook';
const TES_KEY = randomBytes(16).toString('base64url').slice(0, 22);

function tesDelivery(count: number): { bytes: Buffer; signature: string } {
	// Every documented kind in turn, plus the doc's own sample events (shared _id, empty
	// x_unique_id), with distinct times so that no two generated events are the same event.
	const events: unknown[] = tesDocEvents();
	const now = Date.now();
	for (let i = events.length; i < count; i++) {
		events.push(makeTesEvent(TES_EVENT_KINDS[i % TES_EVENT_KINDS.length], { ts: now - i * 1000 }));
	}
	const text = JSON.stringify(events);
	const signature = signTesDelivery('mandrill', TES_KEY, TES_URL, text, 'application/json');
	if (signature === undefined) throw new Error('no signature');
	return { bytes: Buffer.from(text, 'utf8'), signature };
}

function tesRequest(bytes: Buffer, signature: string, body: unknown): FakeRequest {
	return {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-sarvtes-signature': signature },
		body,
		rawBody: bytes,
	};
}

/** The Sarv Trigger's webhook() for one delivery, after n8n's JSON.parse of the bytes. */
function tesRunner(trigger: INodeType) {
	const options = {
		request: tesRequest(Buffer.alloc(0), '', undefined),
		// The recipient look-up is provider calls, not receive-path work (counted in part 3).
		parameters: { events: ['*'], options: { lookUpRecipient: 'never' } },
		staticData: { registrations: { [TES_URL]: { webhookId: '100000000000000000001', key: TES_KEY } } } as IDataObject,
		webhookUrl: TES_URL,
		nodeName: 'Sarv Trigger',
	};
	const { context, response } = fakeWebhookContext(options);
	return async (bytes: Buffer, signature: string) => {
		// n8n parses the body before it calls webhook(): part of "ours" as it is of the floor.
		const body: unknown = JSON.parse(bytes.toString('utf8'));
		options.request = tesRequest(bytes, signature, body);
		response.statusCode = 200;
		const result = (await trigger.webhook!.call(context)) as IWebhookResponseData;
		return { result, status: response.statusCode };
	};
}

function itemsOf(result: IWebhookResponseData): INodeExecutionData[] {
	return result.workflowData?.[0] ?? [];
}

async function benchTes(): Promise<ReceivePathCase> {
	const { bytes, signature } = tesDelivery(TES_EVENTS);
	const runTesWebhook = tesRunner(new SarvTrigger());

	const check = await runTesWebhook(bytes, signature);
	const items = itemsOf(check.result).length;
	if (check.status !== 200 || items !== TES_EVENTS) {
		throw new Error(`TES webhook() answered ${check.status} with ${items} items, expected 200 and ${TES_EVENTS}`);
	}

	const samples = await timeInterleaved(
		{
			floor: () => JSON.parse(bytes.toString('utf8')),
			total: () => runTesWebhook(bytes, signature),
		},
		{ warmup: WARMUP, runs: RUNS },
	);

	// The steps of webhook(), each alone, on an already parsed body.
	const body = JSON.parse(bytes.toString('utf8')) as unknown;
	const events = parseTesDelivery({ body, rawBody: bytes, contentType: 'application/json' }) as IDataObject[];
	const selection = {
		subscriptionOf: (raw: IDataObject) => tesSubscriptionOf(raw.event),
		normalize: (raw: IDataObject) => normalizeTesEvent(raw, 'sarv'),
	};
	const parts = await timeInterleaved(
		{
			'signature check (HMAC-SHA1 over URL + body)': () =>
				verifyTesSignature({ key: TES_KEY, signature, url: TES_URL, rawBody: bytes }),
			parseTesDelivery: () => parseTesDelivery({ body, rawBody: bytes, contentType: 'application/json' }),
			'filter + normalize + de-dup (eventsToItems)': () => eventsToItems(events, ['*'], 'normalized', selection),
		},
		{ warmup: WARMUP, runs: RUNS },
	);

	const floor = measured(samples.floor);
	const total = measured(samples.total);
	return {
		name: `TES (Sarv Trigger): 1 delivery of ${TES_EVENTS.toLocaleString('en-US')} mixed events`,
		events: TES_EVENTS,
		deliveries: 1,
		bytes: bytes.length,
		floor,
		total,
		ratio: pairedRatio(samples.total, samples.floor),
		eventsPerSecond: (TES_EVENTS / total.medianMs) * 1000,
		parts: Object.fromEntries(Object.entries(parts).map(([name, values]) => [name, median(values)])),
		via: "the Sarv Trigger node's webhook() from dist/",
		items,
		status: check.status,
	};
}

// ---- Everlytic: 1,000 deliveries, one event each, standard and legacy -------------------------

const EVERLYTIC_URL = 'http://127.0.0.1:5678/webhook/0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f/webhook';
const BASIC = { username: `n8n-${randomBytes(6).toString('hex')}`, password: randomBytes(24).toString('base64url') };
// As Node's HTTP parser hands it to n8n: a flat string. Built by concatenation, V8 would keep it
// as a rope (two joined strings), slower to read character by character than any real header.
const AUTHORIZATION = flatString(`Basic ${Buffer.from(`${BASIC.username}:${BASIC.password}`).toString('base64')}`);

function flatString(text: string): string {
	return Buffer.from(text, 'utf8').toString('utf8');
}

function everlyticDeliveries(count: number): Buffer[] {
	const deliveries: Buffer[] = [];
	for (let i = 0; i < count; i++) {
		const type = EVERLYTIC_EVENT_TYPES[i % EVERLYTIC_EVENT_TYPES.length];
		// Half in each field set, alternating so both meet every event type.
		const event = Math.floor(i / EVERLYTIC_EVENT_TYPES.length) % 2 === 0 ? makeEverlyticStandardEvent(type) : makeEverlyticLegacyEvent(type);
		deliveries.push(Buffer.from(JSON.stringify(event), 'utf8'));
	}
	return deliveries;
}

function everlyticRequest(bytes: Buffer, body: unknown): FakeRequest {
	return { method: 'POST', headers: { 'content-type': 'application/json', authorization: AUTHORIZATION }, body, rawBody: bytes };
}

type EverlyticRunner = (bytes: Buffer) => Promise<{ items: number; status: number }>;

/** The Everlytic trigger's webhook() from dist/, when that node exists and accepts our static data. */
async function everlyticNodeRunner(probe: Buffer): Promise<EverlyticRunner | undefined> {
	if (!distExists('nodes/Everlytic/EverlyticTrigger.node')) return undefined;
	const { EverlyticTrigger } = distRequire<{ EverlyticTrigger?: new () => INodeType }>('nodes/Everlytic/EverlyticTrigger.node');
	if (!EverlyticTrigger) return undefined;
	const trigger = new EverlyticTrigger();
	// The trigger's static data layout (nodes/Everlytic/trigger/everlyticRegistration.ts).
	const options = {
		request: everlyticRequest(Buffer.alloc(0), undefined),
		parameters: { events: ['*'], options: {} },
		staticData: { registrations: { [EVERLYTIC_URL]: { webhookId: 'bench-webhook', ...BASIC } } } as IDataObject,
		webhookUrl: EVERLYTIC_URL,
		nodeName: 'Everlytic Trigger',
	};
	const { context, response } = fakeWebhookContext(options);
	const runner: EverlyticRunner = async (bytes) => {
		const body: unknown = JSON.parse(bytes.toString('utf8'));
		options.request = everlyticRequest(bytes, body);
		response.statusCode = 200;
		const result = (await trigger.webhook!.call(context)) as IWebhookResponseData;
		return { items: itemsOf(result).length, status: response.statusCode };
	};
	const check = await runner(probe);
	if (check.status !== 200 || check.items !== 1) {
		process.stderr.write(
			`bench: the Everlytic Trigger's webhook() answered ${check.status} with ${check.items} items for a valid ` +
				'delivery; timing its composed steps instead (its static data layout may have changed)\n',
		);
		return undefined;
	}
	return runner;
}

const everlyticSelection = {
	subscriptionOf: (raw: IDataObject) => everlyticSubscriptionOf(everlyticEventNameOf(raw)),
	normalize: (raw: IDataObject) => normalizeEverlyticEvent(raw),
};

/** The receive path composed of the package's own steps, as the trigger runs them. */
const composedEverlyticRunner: EverlyticRunner = async (bytes) => {
	const body: unknown = JSON.parse(bytes.toString('utf8'));
	if (!verifyBasicAuth(AUTHORIZATION, BASIC)) return { items: 0, status: 401 };
	const events = parseEverlyticDelivery({ body, rawBody: bytes, contentType: 'application/json' }) as IDataObject[];
	const items = eventsToItems(events, ['*'], 'normalized', everlyticSelection);
	return { items: items.length, status: 200 };
};

async function benchEverlytic(): Promise<ReceivePathCase> {
	const deliveries = everlyticDeliveries(EVERLYTIC_DELIVERIES);
	const bytes = deliveries.reduce((sum, delivery) => sum + delivery.length, 0);
	const nodeRunner = await everlyticNodeRunner(deliveries[0]);
	const runner = nodeRunner ?? composedEverlyticRunner;

	let items = 0;
	let status = 200;
	for (const delivery of deliveries) {
		const result = await runner(delivery);
		items += result.items;
		if (result.status !== 200) status = result.status;
	}
	if (status !== 200 || items !== EVERLYTIC_DELIVERIES) {
		throw new Error(`Everlytic receive path answered ${status} with ${items} items, expected 200 and ${EVERLYTIC_DELIVERIES}`);
	}

	const samples = await timeInterleaved(
		{
			floor: () => {
				for (const delivery of deliveries) sink[1] = JSON.parse(delivery.toString('utf8'));
			},
			total: async () => {
				for (const delivery of deliveries) sink[1] = await runner(delivery);
			},
		},
		{ warmup: WARMUP, runs: RUNS },
	);

	const bodies = deliveries.map((delivery) => JSON.parse(delivery.toString('utf8')) as unknown);
	const parsed = bodies.map(
		(body, i) => parseEverlyticDelivery({ body, rawBody: deliveries[i], contentType: 'application/json' }) as IDataObject[],
	);
	const parts = await timeInterleaved(
		{
			'Basic-auth check (constant-time comparison of the header)': () => {
				for (let i = 0; i < bodies.length; i++) sink[1] = verifyBasicAuth(AUTHORIZATION, BASIC);
			},
			parseEverlyticDelivery: () => {
				for (let i = 0; i < bodies.length; i++) {
					sink[1] = parseEverlyticDelivery({ body: bodies[i], rawBody: deliveries[i], contentType: 'application/json' });
				}
			},
			'filter + normalize + de-dup (eventsToItems)': () => {
				for (const events of parsed) sink[1] = eventsToItems(events, ['*'], 'normalized', everlyticSelection);
			},
		},
		{ warmup: WARMUP, runs: RUNS },
	);

	const floor = measured(samples.floor);
	const total = measured(samples.total);
	return {
		name: `Everlytic: ${EVERLYTIC_DELIVERIES.toLocaleString('en-US')} deliveries of 1 event (standard + legacy)`,
		events: EVERLYTIC_DELIVERIES,
		deliveries: EVERLYTIC_DELIVERIES,
		bytes,
		floor,
		total,
		ratio: pairedRatio(samples.total, samples.floor),
		eventsPerSecond: (EVERLYTIC_DELIVERIES / total.medianMs) * 1000,
		parts: Object.fromEntries(Object.entries(parts).map(([name, values]) => [name, median(values)])),
		via: nodeRunner
			? "the Everlytic Trigger node's webhook() from dist/"
			: 'its steps from dist/ composed as the trigger runs them (the Everlytic Trigger node did not run)',
		items,
		status,
	};
}

// ---- Memory retained by a 10,000-event delivery -----------------------------------------------

async function memoryOfTesDelivery(): Promise<ReceivePathResult['memory']> {
	const trigger = new SarvTrigger();
	let { bytes, signature } = tesDelivery(TES_EVENTS);
	// One run first, so that lazily compiled code and caches are not counted as retained.
	await tesRunner(trigger)(bytes, signature);
	const deliveryBytes = bytes.length;

	const base = await heapUsed();
	let body: unknown = JSON.parse(bytes.toString('utf8'));
	const afterParse = await heapUsed();
	const options = {
		request: tesRequest(bytes, signature, body),
		// The recipient look-up is provider calls, not receive-path work (counted in part 3).
		parameters: { events: ['*'], options: { lookUpRecipient: 'never' } },
		staticData: { registrations: { [TES_URL]: { webhookId: '100000000000000000001', key: TES_KEY } } },
		webhookUrl: TES_URL,
		nodeName: 'Sarv Trigger',
	};
	const { context, response } = fakeWebhookContext(options);
	let result: IWebhookResponseData | undefined = (await trigger.webhook!.call(context)) as IWebhookResponseData;
	const items = itemsOf(result).length;
	if (response.statusCode !== 200) throw new Error(`memory run answered ${response.statusCode}`);
	const afterItems = await heapUsed();
	// What n8n drops when the execution ends: the request (body and bytes) and the items.
	result = undefined;
	body = undefined;
	bytes = Buffer.alloc(0);
	signature = '';
	options.request = tesRequest(bytes, signature, body);
	const afterRelease = await heapUsed();
	void [result, body, bytes, signature];
	return {
		deliveryBytes,
		parsedBody: afterParse - base,
		outputItems: afterItems - afterParse,
		afterRelease: afterRelease - base,
		items,
	};
}

async function main(): Promise<void> {
	if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc');
	const memory = await memoryOfTesDelivery();
	const cases = [await benchTes(), await benchEverlytic()];
	const result: ReceivePathResult = { warmup: WARMUP, runs: RUNS, cases, memory };
	writeResult('receivePath', result);
	for (const c of cases) {
		process.stdout.write(
			`  ${c.name}: JSON.parse ${c.floor.medianMs.toFixed(2)} ms, ours ${c.total.medianMs.toFixed(2)} ms, ${c.ratio.toFixed(2)}x\n`,
		);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
