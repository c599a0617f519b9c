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

/** How the node UI labels an event, and the raw event names (lower case) it delivers. */
interface EverlyticEventFacts {
	name: string;
	description: string;
	/** The standard name and the legacy one (past tense) where it differs. */
	rawNames: readonly string[];
}

const EVENT_FACTS: Record<EverlyticSubscriptionEvent, EverlyticEventFacts> = {
	sent: { name: 'Sent', description: 'Everlytic sent the email', rawNames: ['sent'] },
	delivered: { name: 'Delivered', description: 'The receiving server accepted the email', rawNames: ['delivered'] },
	failed: { name: 'Failed', description: 'Everlytic could not send the email', rawNames: ['failed'] },
	open: { name: 'Open', description: 'The recipient opened the email', rawNames: ['open', 'opened'] },
	click: { name: 'Click', description: 'The recipient clicked a tracked link', rawNames: ['click', 'clicked'] },
	bounce: { name: 'Bounce', description: 'The email bounced', rawNames: ['bounce', 'bounced'] },
	unsubscribe: { name: 'Unsubscribe', description: 'The recipient unsubscribed', rawNames: ['unsubscribe', 'unsubscribed'] },
	resubscribe: { name: 'Resubscribe', description: 'The recipient subscribed again', rawNames: ['resubscribe', 'resubscribed'] },
};

/** The events as options of a multiOptions parameter, alphabetical as n8n's linter wants. */
export const everlyticEventOptions: INodePropertyOptions[] = [...EVERLYTIC_SUBSCRIPTION_EVENTS]
	.sort()
	.map((value) => ({ value, name: EVENT_FACTS[value].name, description: EVENT_FACTS[value].description }));

/**
 * Every raw name as written (lower case, and capitalized as legacy events name them) → the
 * event_types name that delivers it, in an object without a prototype: most events are found
 * as they arrive, and no lower-cased copy of the name is made per event.
 */
const SUBSCRIPTION_BY_SPELLING: Readonly<Record<string, EverlyticSubscriptionEvent | undefined>> = Object.assign(
	Object.create(null) as Record<string, EverlyticSubscriptionEvent>,
	...EVERLYTIC_SUBSCRIPTION_EVENTS.flatMap((event) =>
		EVENT_FACTS[event].rawNames.map((name) => ({
			[name]: event,
			[name.charAt(0).toUpperCase() + name.slice(1)]: event,
		})),
	),
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
