// One raw Everlytic event (standard or legacy field set) → the normalized event, and the raw
// event name → the webhook's event_types name the trigger filters on.
// Documented (docs/providers.md, Everlytic deliveries): the standard envelope {id, type, timestamp} and
// data[i].transaction.message_id / data[i].recipient.email; the legacy event_id, event_date,
// event_type, email_to, trans_id. Everything about bounces, failures, opens and clicks is
// unpublished: the names in fieldRole (all GUESSES, common names for each thing) are looked
// for in data[i] and its bounce/failure/open/click sub-objects (legacy: in the event), and
// the fields stay null when absent. `raw` always keeps the original.

import { hashRawEvent, providerIdOf } from '../../shared/delivery/eventId';
import { isRecord } from '../../shared/delivery/isRecord';
import { toIsoTimestamp } from '../../shared/delivery/isoTimestamp';
import { textOrNull } from '../../shared/delivery/textOrNull';
import {
	RECIPIENT_NOT_IN_EVENT,
	type BounceType,
	type NormalizedEvent,
	type NormalizedEventType,
} from '../../shared/NormalizedEvent';
import { everlyticSubscriptionOf } from '../events';
import { everlyticDetailsOf } from './everlyticEventDetails';
import { EVERLYTIC_ENTRY_INDEX, type EverlyticRawEvent } from './envelopeViews';

export type NormalizeOptions = {
	/** add `raw` (the event as received, by reference) to the result */
	includeRaw?: boolean;
};

type Fields = Record<string, unknown>;

// GUESS: sub-objects the details may be grouped in, searched before the entry itself.
const BOUNCE_GROUPS: readonly string[] = Object.freeze(['bounce', 'failure', 'error']);
const OPEN_GROUPS: readonly string[] = Object.freeze(['open']);
const CLICK_GROUPS: readonly string[] = Object.freeze(['click', 'link']);

const NO_FIELDS: Readonly<Fields> = Object.freeze({});

/** Legacy events wrap their fields in `event` (or, posted flat, carry `event_type` itself). */
function legacyFieldsOf(raw: EverlyticRawEvent): Fields | undefined {
	if (isRecord(raw.event)) return raw.event;
	if (!Array.isArray(raw.data) && ('event_type' in raw || 'event_id' in raw)) return raw;
	return undefined;
}

function typeName(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The provider's own event name: standard `type`, legacy `event_type`; null when absent. */
export function everlyticEventNameOf(raw: EverlyticRawEvent): string | null {
	const legacy = legacyFieldsOf(raw);
	return typeName(legacy === undefined ? raw.type : legacy.event_type);
}

/**
 * The normalized event for one raw Everlytic event (from parseEverlyticDelivery). id: the
 * delivery's `id` (with `:index` when the delivery held several data entries), legacy
 * `event_id`, else a hash of the event.
 */
export function normalizeEverlyticEvent(
	raw: EverlyticRawEvent,
	options?: NormalizeOptions,
): NormalizedEvent {
	const legacy = legacyFieldsOf(raw);
	let entry: Fields;
	let providerEvent: string | null;
	let providerId: string | undefined;
	let messageId: string | null;
	let recipient: string | null;
	let timestamp: string | null;
	if (legacy === undefined) {
		const first = Array.isArray(raw.data) ? raw.data[0] : undefined;
		entry = isRecord(first) ? first : NO_FIELDS;
		providerEvent = typeName(raw.type);
		providerId = providerIdOf(raw.id);
		const index = (raw as { [EVERLYTIC_ENTRY_INDEX]?: number })[EVERLYTIC_ENTRY_INDEX];
		if (providerId !== undefined && index !== undefined) providerId = `${providerId}:${index}`;
		const transaction = isRecord(entry.transaction) ? entry.transaction : NO_FIELDS;
		messageId = textOrNull(transaction.message_id);
		const to = entry.recipient;
		recipient = isRecord(to)
			? textOrNull(to.email)
			: typeof to === 'string' && to.includes('@')
				? to.trim()
				: null;
		timestamp = toIsoTimestamp(raw.timestamp) ?? toIsoTimestamp(entry.timestamp);
	} else {
		entry = legacy;
		providerEvent = typeName(legacy.event_type);
		providerId = providerIdOf(legacy.event_id);
		// The standard set's message_id when the legacy set carries it too, else its
		// transaction id.
		messageId = textOrNull(legacy.message_id) ?? textOrNull(legacy.trans_id);
		recipient = textOrNull(legacy.email_to);
		timestamp = toIsoTimestamp(legacy.event_date) ?? toIsoTimestamp(legacy.timestamp);
	}
	const event: NormalizedEventType = everlyticSubscriptionOf(providerEvent) ?? 'unknown';

	let bounceType: BounceType | null = null;
	let reason: string | null = null;
	let bounce: NormalizedEvent['bounce'] = null;
	let open: NormalizedEvent['open'] = null;
	let click: NormalizedEvent['click'] = null;
	if (event === 'bounce' || event === 'failed') {
		const details = everlyticDetailsOf(entry, BOUNCE_GROUPS);
		reason = details.reason;
		bounceType = details.bounceType;
		if (event === 'bounce') {
			bounce = { code: details.code, enhancedCode: details.enhancedCode, description: reason };
		}
	} else if (event === 'open') {
		const details = everlyticDetailsOf(entry, OPEN_GROUPS);
		open = { ip: details.ip, userAgent: details.userAgent, timestamp: details.actionTime ?? timestamp };
	} else if (event === 'click') {
		const details = everlyticDetailsOf(entry, CLICK_GROUPS);
		click = {
			url: details.url,
			ip: details.ip,
			userAgent: details.userAgent,
			timestamp: details.actionTime ?? timestamp,
		};
	}

	const id = providerId ?? hashRawEvent(raw);

	const normalized: NormalizedEvent = {
		provider: 'everlytic',
		event,
		bounceType,
		providerEvent,
		id,
		messageId,
		recipient,
		recipientSource: recipient === null ? null : 'event',
		recipientMissingReason: recipient === null ? RECIPIENT_NOT_IN_EVENT : null,
		timestamp,
		reason,
		bounce,
		open,
		click,
		complaint: null,
	};
	if (options?.includeRaw === true) normalized.raw = raw;
	return normalized;
}
