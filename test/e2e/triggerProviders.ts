// What the trigger end-to-end scenarios need to know about each provider, behind one interface:
// its emulator and credential, what it holds registered for a URL, genuine deliveries with the
// items n8n must output for them, and forged ones it must refuse. The scenarios themselves
// (triggerLifecycle.ts) are provider-neutral.
import type { INodeParameters } from 'n8n-workflow';
import {
	EverlyticEmulator,
	makeEverlyticLegacyEvent,
	makeEverlyticStandardEvent,
} from '../emulators/everlytic';
import type { OutboundResponse } from '../emulators/httpEmulator';
import { makeTesEvent, tesDocEvents, TES_BRANDS, TesEmulator } from '../emulators/tes';
import type { TesBrand } from '../emulators/tes';
import type { N8n, StoredCredential } from './lib';

/** A webhook the provider holds for a URL, in the scenarios' words. */
export interface ProviderRegistration {
	id: string;
	url: string;
	/** Subscribed events, in the provider's names, sorted. */
	events: string[];
}

/** Deliveries the provider sends and, per execution they must start, the items it must output. */
export interface DeliveryRound {
	responses: OutboundResponse[];
	executions: unknown[][];
}

export interface TriggerUnderTest {
	/** 'Sarv', 'SendClean', 'Everlytic' */
	label: string;
	/** Short node type, e.g. 'sarvTrigger'. */
	triggerType: string;
	/** The trigger's parameters as the editor saves them. */
	parameters: INodeParameters;
	/** What the provider must hold subscribed for those parameters, sorted. */
	subscribedEvents: string[];
	/** TES only: the text the production URL answers to the provider's URL check. */
	handshakeText?: string;
	/** What every accepted delivery is answered with. */
	acceptedAnswer: { status: number; body: string };
	/** Words of the warning n8n logs for each refused delivery. */
	rejectionLogged: RegExp;
	readonly emulator: TesEmulator | EverlyticEmulator;
	readonly credential: StoredCredential;
	setUp(n8n: N8n): Promise<void>;
	close(): Promise<void>;
	registrations(url: string): ProviderRegistration[];
	/** How many registrations (add / create calls) the provider received for a URL. */
	registrationCalls(url: string): number;
	/** How many times the provider was asked to list its webhooks (what checkExists does). */
	listCalls(): number;
	/** Ids the provider was asked to delete. */
	deletedIds(): string[];
	/** The documented deliveries of the provider. */
	deliverDocumented(registrationId: string): Promise<DeliveryRound>;
	/** One more delivery, different from the documented ones; `tag` makes its ids unique. */
	deliverOne(registrationId: string, tag: string): Promise<DeliveryRound>;
	/** Deliveries without valid authentication: each must be answered 401. */
	deliverForged(registrationId: string): Promise<OutboundResponse[]>;
}

const NO_DETAILS = { bounceType: null, recipient: null, reason: null, bounce: null, open: null, click: null, complaint: null };

const DOC_MESSAGE_ID = '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1';
const DOC_UNIQUE_ID_A = '6f708632d96fe1cb0cb15eccc2676323b2615d5309a7896cf002c54d1a6ea4785';
const DOC_UNIQUE_ID_B = '5H708632d96ty7ub0cb15eccc2676323b2615d87879a7896cf002c54d1a6ea4893';

/**
 * The normalized items of the TES doc's sample delivery (tesDocEvents(), in its order), keyed by
 * the raw event name; the README's field table describes each field.
 */
function tesDocItems(provider: TesBrand): Record<string, Record<string, unknown>> {
	// TES events carry no event id: the id is composed of message id, event and time, plus a
	// fingerprint of the details for events one message can have several of (README).
	const common = { provider };
	// Bounces and complaints are looked up by message id (the default "Look Up Recipient"); the
	// emulator knows none of the doc's messages. Other events are not looked up by default.
	const notFound = { recipientSource: null, recipientMissingReason: 'message not found' };
	const notLookedUp = { recipientSource: null, recipientMissingReason: 'look-up not enabled for this event type' };
	const items: Record<string, Record<string, unknown>> = {
		hard_bounce: {
			...common,
			...NO_DETAILS,
			...notFound,
			event: 'bounce',
			bounceType: 'hard',
			providerEvent: 'hard_bounce',
			messageId: DOC_UNIQUE_ID_A,
			timestamp: '2016-06-14T07:50:56.000Z',
			reason: 'Requested action not taken: mailbox unavailable',
			bounce: { code: 550, enhancedCode: '5.2.2', description: 'Requested action not taken: mailbox unavailable' },
		},
		soft_bounce: {
			...common,
			...NO_DETAILS,
			...notFound,
			event: 'bounce',
			bounceType: 'soft',
			providerEvent: 'soft_bounce',
			messageId: DOC_UNIQUE_ID_B,
			timestamp: '2016-06-14T07:50:56.000Z',
			reason: 'smtp; 552 5.2.2 Over quota',
			bounce: { code: 472, enhancedCode: '4.2.2', description: 'smtp; 552 5.2.2 Over quota' },
		},
		send: { ...common, ...NO_DETAILS, ...notLookedUp, event: 'sent', providerEvent: 'send', messageId: DOC_UNIQUE_ID_B, timestamp: '2016-06-14T07:50:56.000Z' },
		delivered: {
			...common,
			...NO_DETAILS,
			...notLookedUp,
			event: 'delivered',
			providerEvent: 'delivered',
			messageId: DOC_UNIQUE_ID_B,
			timestamp: '2016-06-14T07:50:56.000Z',
		},
		click: {
			...common,
			...NO_DETAILS,
			...notLookedUp,
			event: 'click',
			providerEvent: 'click',
			messageId: DOC_MESSAGE_ID,
			timestamp: '2016-06-15T10:56:23.000Z',
			click: {
				url: 'http://example.com/',
				ip: '0.0.0.0',
				userAgent: 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/47.0.2526.73 Safari/537.36',
				timestamp: '2016-06-15T10:58:34.000Z',
			},
		},
		open: {
			...common,
			...NO_DETAILS,
			...notLookedUp,
			event: 'open',
			providerEvent: 'open',
			messageId: DOC_MESSAGE_ID,
			timestamp: '2016-06-15T10:58:34.000Z',
			open: {
				ip: '0.0.0.0',
				userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
				timestamp: '2016-06-15T10:58:34.000Z',
			},
		},
		spam: {
			...common,
			...NO_DETAILS,
			event: 'complaint',
			providerEvent: 'spam',
			messageId: DOC_UNIQUE_ID_B,
			// The report's hashed address stays when the look-up finds nothing.
			recipient: 'b0df23337efdcda913f1e8888014812b@example.com',
			recipientSource: 'report',
			recipientMissingReason: null,
			timestamp: '2016-06-14T07:50:56.000Z',
			complaint: {
				feedbackType: 'abuse',
				originalRecipient: 'b0df23337efdcda913f1e8888014812b@example.com',
				reportedDomain: 'example.org',
				sourceIp: '0.0.0.0',
				userAgent: 'ReturnPathFBL/2.0',
				arrivalDate: '2016-06-14T07:50:56.000Z',
			},
		},
	};
	for (const item of Object.values(items)) {
		const escaped = String(item.messageId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		item.id = expect.stringMatching(new RegExp(`^${escaped}:${String(item.providerEvent)}:\\d+(:[A-Za-z0-9_-]{6})?$`));
	}
	return items;
}

const TES_ALL_EVENTS = ['click', 'hard_bounce', 'open', 'send', 'soft_bounce', 'spam'];

/**
 * A TES brand's trigger. `events` is the trigger's Events parameter ('*' or subscription names);
 * the raw events of the doc delivery that it selects are the ones expected as items.
 */
export function tesTrigger(brand: TesBrand, events: string[]): TriggerUnderTest {
	const { displayName } = TES_BRANDS[brand];
	const subscribed = events.includes('*') ? TES_ALL_EVENTS : [...events].sort();
	// `delivered` arrives under the `send` subscription.
	const selects = (raw: string) => subscribed.includes(raw === 'delivered' ? 'send' : raw);
	let emulator: TesEmulator | undefined;
	let credential: StoredCredential | undefined;
	const tes = () => {
		if (!emulator) throw new Error(`the ${displayName} emulator did not start`);
		return emulator;
	};
	return {
		label: displayName,
		triggerType: `${brand === 'sarv' ? 'sarv' : 'sendClean'}Trigger`,
		parameters: { events, options: {} },
		subscribedEvents: subscribed,
		handshakeText: TES_BRANDS[brand].handshakeText,
		acceptedAnswer: { status: 200, body: TES_BRANDS[brand].handshakeText },
		rejectionLogged: new RegExp(`${displayName} Trigger rejected a delivery with HTTP 401`),
		get emulator() {
			return tes();
		},
		get credential() {
			if (!credential) throw new Error(`the ${displayName} credential was not created`);
			return credential;
		},
		async setUp(n8n) {
			emulator = await TesEmulator.start({ brand, ownerId: `owner-${brand}`, token: `token-${brand}` });
			credential = await n8n.createCredential(`${brand === 'sarv' ? 'sarv' : 'sendClean'}Api`, `${displayName} (emulator)`, {
				ownerId: emulator.ownerId,
				token: emulator.token,
				appDomain: '',
				baseUrl: emulator.baseUrl,
			});
		},
		async close() {
			await emulator?.close();
		},
		registrations(url) {
			return tes()
				.webhooksForUrl(url)
				.map((webhook) => ({ id: webhook.webhook_id, url: webhook.url, events: webhook.event.split(',').filter(Boolean).sort() }));
		},
		registrationCalls(url) {
			return tes()
				.requestsTo('settings/addWebhook')
				.filter((request) => (request.json as { url?: string } | undefined)?.url === url).length;
		},
		listCalls() {
			return tes().requestsTo('settings/listWebhook').length;
		},
		deletedIds() {
			return tes()
				.requestsTo('settings/deleteWebhook')
				.map((request) => String((request.json as { webhook_id?: unknown } | undefined)?.webhook_id));
		},
		async deliverDocumented(registrationId) {
			const documented = tesDocEvents();
			const items = tesDocItems(brand);
			const response = await tes().deliver(registrationId, documented);
			const selected = documented.filter((event) => selects(event.event)).map((event) => items[event.event]);
			return { responses: [response], executions: selected.length > 0 ? [selected] : [] };
		},
		async deliverOne(registrationId, tag) {
			// A form-encoded batch (Mandrill's `mandrill_events` field) of a fresh hard bounce.
			const bounce = makeTesEvent('hard_bounce', { x_unique_id: `${tag}-bounce`, ts: Date.UTC(2024, 2, 5, 10, 20, 30) });
			const response = await tes().deliver(registrationId, [bounce], { format: 'form' });
			return {
				responses: [response],
				executions: [
					[
						expect.objectContaining({
							provider: brand,
							event: 'bounce',
							bounceType: 'hard',
							providerEvent: 'hard_bounce',
							messageId: `${tag}-bounce`,
							timestamp: '2024-03-05T10:20:30.000Z',
							bounce: expect.objectContaining({ code: 550, enhancedCode: '5.1.1' }),
						}),
					],
				],
			};
		},
		async deliverForged(registrationId) {
			const event = makeTesEvent('hard_bounce');
			return [
				await tes().deliver(registrationId, [event], { signature: 'wrong' }),
				await tes().deliver(registrationId, [event], { signature: 'none' }),
			];
		},
	};
}

const EVERLYTIC_TIME = '2024-03-05T10:20:30.000Z';
const EVERLYTIC_MESSAGE_ID = '<a1b2c3@mail.everlytic.net>';
const EVERLYTIC_ALL_EVENTS = ['bounce', 'click', 'delivered', 'failed', 'open', 'resubscribe', 'sent', 'unsubscribe'];

/** The Everlytic trigger with the given Events parameter (it must select bounce and failed). */
export function everlyticTrigger(events: string[]): TriggerUnderTest {
	let emulator: EverlyticEmulator | undefined;
	let credential: StoredCredential | undefined;
	const everlytic = () => {
		if (!emulator) throw new Error('the Everlytic emulator did not start');
		return emulator;
	};
	const common = {
		provider: 'everlytic',
		messageId: EVERLYTIC_MESSAGE_ID,
		recipient: 'jane.doe@example.com',
		recipientSource: 'event',
		recipientMissingReason: null,
		timestamp: EVERLYTIC_TIME,
	};
	return {
		label: 'Everlytic',
		triggerType: 'everlyticTrigger',
		parameters: { events, options: {} },
		subscribedEvents: events.includes('*') ? EVERLYTIC_ALL_EVENTS : [...events].sort(),
		acceptedAnswer: { status: 200, body: 'OK' },
		rejectionLogged: /Everlytic Trigger rejected a delivery with HTTP 401/,
		get emulator() {
			return everlytic();
		},
		get credential() {
			if (!credential) throw new Error('the Everlytic credential was not created');
			return credential;
		},
		async setUp(n8n) {
			emulator = await EverlyticEmulator.start({ username: 'everlytic-user', apiKey: 'everlytic-api-key' });
			credential = await n8n.createCredential('everlyticApi', 'Everlytic (emulator)', {
				username: emulator.username,
				apiKey: emulator.apiKey,
				baseUrl: emulator.baseUrl,
			});
		},
		async close() {
			await emulator?.close();
		},
		registrations(url) {
			return everlytic()
				.webhooksForUrl(url)
				.map((webhook) => ({ id: webhook.id, url: webhook.url, events: [...webhook.event_types].sort() }));
		},
		registrationCalls(url) {
			return everlytic()
				.requestsTo(/\/webhooks$/)
				.filter((request) => request.method === 'POST' && (request.json as { url?: string } | undefined)?.url === url).length;
		},
		listCalls() {
			return everlytic()
				.requestsTo(/\/webhooks(\?|$)/)
				.filter((request) => request.method === 'GET').length;
		},
		deletedIds() {
			return everlytic()
				.requests.filter((request) => request.method === 'DELETE')
				.map((request) => decodeURIComponent(request.path.split('/').pop() ?? ''));
		},
		async deliverDocumented(registrationId) {
			// One request per event (docs/providers.md), in both field sets; an `open` the trigger did not
			// subscribe to is answered but starts nothing.
			const bounce = makeEverlyticStandardEvent('bounce', {
				id: 'evt-bounce',
				timestamp: EVERLYTIC_TIME,
				transaction: { message_id: EVERLYTIC_MESSAGE_ID },
			});
			const failed = makeEverlyticStandardEvent('failed', {
				id: 'evt-failed',
				timestamp: EVERLYTIC_TIME,
				transaction: { message_id: EVERLYTIC_MESSAGE_ID },
			});
			const legacyBounce = makeEverlyticLegacyEvent('bounce', {
				event_id: 'legacy-bounce',
				event_date: '2024-03-05 10:20:30',
				message_id: EVERLYTIC_MESSAGE_ID,
			});
			const open = makeEverlyticStandardEvent('open', { id: 'evt-open' });
			const standardReason = '550 5.1.1 <jane.doe@example.com>: Recipient address rejected: User unknown';
			const legacyReason = '550 5.1.1 User unknown';
			const responses = await everlytic().deliver(registrationId, [bounce, failed, legacyBounce, open]);
			const none = { open: null, click: null, complaint: null };
			return {
				responses,
				executions: [
					[
						{
							...common,
							...none,
							event: 'bounce',
							providerEvent: 'bounce',
							id: 'evt-bounce',
							bounceType: 'hard',
							reason: standardReason,
							bounce: { code: 550, enhancedCode: '5.1.1', description: standardReason },
						},
					],
					[
						{
							...common,
							...none,
							event: 'failed',
							providerEvent: 'failed',
							id: 'evt-failed',
							bounceType: null,
							reason: 'Recipient is on the suppression list',
							bounce: null,
						},
					],
					[
						{
							...common,
							...none,
							event: 'bounce',
							providerEvent: 'Bounced',
							id: 'legacy-bounce',
							bounceType: 'hard',
							reason: legacyReason,
							bounce: { code: 550, enhancedCode: '5.1.1', description: legacyReason },
						},
					],
				],
			};
		},
		async deliverOne(registrationId, tag) {
			// A form-encoded event (PHP-style brackets), as a webhook with that content type sends it.
			const failed = makeEverlyticStandardEvent('failed', { id: `${tag}-failed`, timestamp: EVERLYTIC_TIME });
			const response = await everlytic().deliver(registrationId, failed, { contentType: 'application/x-www-form-urlencoded' });
			return {
				responses: [response],
				executions: [
					[
						expect.objectContaining({
							provider: 'everlytic',
							event: 'failed',
							providerEvent: 'failed',
							id: `${tag}-failed`,
							timestamp: EVERLYTIC_TIME,
							reason: 'Recipient is on the suppression list',
						}),
					],
				],
			};
		},
		async deliverForged(registrationId) {
			const event = makeEverlyticStandardEvent('bounce');
			return [
				await everlytic().deliver(registrationId, event, { auth: 'none' }),
				await everlytic().deliver(registrationId, event, { auth: { username: 'everlytic', password: 'guessed' } }),
			];
		},
	};
}
