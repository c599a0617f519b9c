// The events of the TES platform (Sarv, SendClean): the names a webhook subscribes to, how the
// node UI labels them, and which subscription delivers a raw event type.
import type { INodePropertyOptions } from 'n8n-workflow';

/** The events a TES webhook can subscribe to (addWebhook `event`), in the provider's order. */
export const TES_SUBSCRIPTION_EVENTS = Object.freeze([
	'send',
	'open',
	'click',
	'soft_bounce',
	'hard_bounce',
	'spam',
] as const);

export type TesSubscriptionEvent = (typeof TES_SUBSCRIPTION_EVENTS)[number];

const EVENT_LABELS: Record<TesSubscriptionEvent, { name: string; description: string }> = {
	send: { name: 'Send', description: 'The email was sent (delivery reports arrive under this too)' },
	open: { name: 'Open', description: 'The recipient opened the email' },
	click: { name: 'Click', description: 'The recipient clicked a tracked link' },
	soft_bounce: { name: 'Soft Bounce', description: 'Temporary delivery failure, such as a full mailbox' },
	hard_bounce: { name: 'Hard Bounce', description: 'Permanent delivery failure, such as an unknown address' },
	spam: { name: 'Spam Complaint', description: 'The recipient reported the email as spam' },
};

/** The events as options of a multiOptions parameter. */
export const tesEventOptions: INodePropertyOptions[] = TES_SUBSCRIPTION_EVENTS.map((value) => ({
	value,
	...EVENT_LABELS[value],
}));

/**
 * The subscription that delivers a raw event type, for filtering: `delivered` arrives with
 * `send`. Undefined for a type no subscription names.
 */
export function tesSubscriptionOf(rawType: unknown): TesSubscriptionEvent | undefined {
	switch (rawType) {
		case 'send':
		case 'delivered':
			return 'send';
		case 'open':
		case 'click':
		case 'soft_bounce':
		case 'hard_bounce':
		case 'spam':
			return rawType;
		default: {
			if (typeof rawType !== 'string') return undefined;
			const lower = rawType.trim().toLowerCase();
			return lower === rawType ? undefined : tesSubscriptionOf(lower);
		}
	}
}
