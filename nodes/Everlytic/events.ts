// Everlytic's events: the webhook event_types names, how the node UI labels them, and which
// event_types name delivers a raw (standard or legacy) event name.
import type { INodePropertyOptions } from 'n8n-workflow';

/** The webhook event_types Everlytic offers. */
export const EVERLYTIC_SUBSCRIPTION_EVENTS = Object.freeze([
	'sent',
	'delivered',
	'failed',
	'open',
	'click',
	'bounce',
	'unsubscribe',
	'resubscribe',
] as const);

export type EverlyticSubscriptionEvent = (typeof EVERLYTIC_SUBSCRIPTION_EVENTS)[number];

const EVENT_LABELS: Record<EverlyticSubscriptionEvent, { name: string; description: string }> = {
	sent: { name: 'Sent', description: 'Everlytic sent the email' },
	delivered: { name: 'Delivered', description: 'The receiving server accepted the email' },
	failed: { name: 'Failed', description: 'Everlytic could not send the email' },
	open: { name: 'Open', description: 'The recipient opened the email' },
	click: { name: 'Click', description: 'The recipient clicked a tracked link' },
	bounce: { name: 'Bounce', description: 'The email bounced' },
	unsubscribe: { name: 'Unsubscribe', description: 'The recipient unsubscribed' },
	resubscribe: { name: 'Resubscribe', description: 'The recipient subscribed again' },
};

/** The events as options of a multiOptions parameter, alphabetical as n8n's linter wants. */
export const everlyticEventOptions: INodePropertyOptions[] = [...EVERLYTIC_SUBSCRIPTION_EVENTS]
	.sort()
	.map((value) => ({ value, ...EVENT_LABELS[value] }));

/** Raw event names, standard and legacy, → the event_types name that delivers them. */
const SUBSCRIPTION_BY_NAME: Readonly<Record<string, EverlyticSubscriptionEvent>> = {
	sent: 'sent',
	delivered: 'delivered',
	failed: 'failed',
	open: 'open',
	opened: 'open',
	click: 'click',
	clicked: 'click',
	bounce: 'bounce',
	bounced: 'bounce',
	unsubscribe: 'unsubscribe',
	unsubscribed: 'unsubscribe',
	resubscribe: 'resubscribe',
	resubscribed: 'resubscribe',
};

/**
 * The same names as written (lower case, and capitalized as legacy events name them), in an
 * object without a prototype: most events are found as they arrive, and no lower-cased copy of
 * the name is made per event.
 */
const SUBSCRIPTION_BY_SPELLING: Readonly<Record<string, EverlyticSubscriptionEvent | undefined>> = Object.assign(
	Object.create(null) as Record<string, EverlyticSubscriptionEvent>,
	...Object.entries(SUBSCRIPTION_BY_NAME).map(([name, event]) => ({
		[name]: event,
		[name.charAt(0).toUpperCase() + name.slice(1)]: event,
	})),
);

/**
 * The event_types name that delivers a raw event name: standard names as they are, legacy
 * names (Sent, Delivered, Failed, Bounced, Opened, Clicked, Unsubscribe(d), Resubscribe(d))
 * in any case. Undefined for any other name.
 */
export function everlyticSubscriptionOf(rawType: unknown): EverlyticSubscriptionEvent | undefined {
	if (typeof rawType !== 'string') return undefined;
	return SUBSCRIPTION_BY_SPELLING[rawType] ?? SUBSCRIPTION_BY_SPELLING[rawType.trim().toLowerCase()];
}
