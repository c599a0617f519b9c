// One raw TES event (Sarv or SendClean) → the normalized event, and the raw event type → the
// subscription name the trigger filters on. Field meanings come from the doc's example
// delivery (docs/providers.md, TES deliveries): `ts` in ms, `msg` holding the
// bounce codes, every open/click so far (opens[] / clicks[]) or the complaint's ARF report.

import { hashRawEvent } from '../../shared/delivery/eventId';
import { isRecord } from '../../shared/delivery/isRecord';
import { isoFromEpochMs, toEpochMs, toIsoTimestamp } from '../../shared/delivery/isoTimestamp';
import { textOrNull } from '../../shared/delivery/textOrNull';
import {
	RECIPIENT_NOT_IN_EVENT,
	type BounceType,
	type NormalizedBounce,
	type NormalizedClick,
	type NormalizedComplaint,
	type NormalizedEvent,
	type NormalizedEventType,
	type NormalizedOpen,
} from '../../shared/NormalizedEvent';
import { tesSubscriptionOf } from '../events';
import { parseFeedbackReport } from './parseFeedbackReport';
import type { TesRawEvent } from './parseTesDelivery';
import { tesEventId } from './tesEventId';

export type TesProvider = 'sarv' | 'sendclean';

export type NormalizeOptions = {
	/** add `raw` (the event as received, by reference) to the result */
	includeRaw?: boolean;
};

function tesEventTypeOf(rawType: string | null): NormalizedEventType {
	switch (rawType) {
		case 'send':
			return 'sent';
		case 'delivered':
			return 'delivered';
		case 'hard_bounce':
		case 'soft_bounce':
			return 'bounce';
		case 'open':
			return 'open';
		case 'click':
			return 'click';
		case 'spam':
			return 'complaint';
		default: {
			if (rawType === null) return 'unknown';
			const lower = rawType.trim().toLowerCase();
			return lower === rawType ? 'unknown' : tesEventTypeOf(lower);
		}
	}
}

const NO_FIELDS: Readonly<Record<string, unknown>> = Object.freeze({});

/** The entry of opens[] / clicks[] with the latest time (the last one among equals). */
function latestEntry(
	list: unknown,
	timeField: string,
): { entry: Record<string, unknown>; ms: number | null; count: number } | null {
	if (!Array.isArray(list) || list.length === 0) return null;
	let latest: Record<string, unknown> | null = null;
	let latestMs: number | null = null;
	for (const item of list) {
		if (!isRecord(item)) continue;
		const ms = toEpochMs(item[timeField]);
		if (latest === null || (ms !== null && (latestMs === null || ms >= latestMs))) {
			latest = item;
			if (ms !== null) latestMs = ms;
		} else if (ms === null && latestMs === null) {
			latest = item;
		}
	}
	return latest === null ? null : { entry: latest, ms: latestMs, count: list.length };
}

function smtpCode(value: unknown): number | null {
	const text = textOrNull(value);
	if (text === null) return null;
	const n = Number(text);
	return Number.isInteger(n) ? n : null;
}

// Fields that may name the recipient, best first: none in the documented events; Mandrill's
// `msg.email` and common names otherwise.
function recipientRank(field: string): number {
	switch (field) {
		case 'email':
			return 0;
		case 'rcpt':
			return 1;
		case 'recipient':
			return 2;
		case 'to':
			return 3;
		default:
			return -1;
	}
}

function recipientIn(source: Readonly<Record<string, unknown>>): string | null {
	// One pass over the event's few own fields: cheaper than probing four absent names.
	let best: string | null = null;
	let bestRank = 4;
	for (const field in source) {
		const rank = recipientRank(field);
		if (rank === -1 || rank >= bestRank) continue;
		const value = source[field];
		if (typeof value === 'string' && value.includes('@')) {
			best = value.trim();
			bestRank = rank;
		}
	}
	return best;
}

/**
 * The normalized event for one raw TES event. `id` is composed from the event's own fields
 * (tesEventId.ts), since neither _id nor x_unique_id is unique per event; events of an unknown
 * type hash their whole JSON.
 */
export function normalizeTesEvent(
	raw: TesRawEvent,
	provider: TesProvider,
	options?: NormalizeOptions,
): NormalizedEvent {
	const providerEvent = typeof raw.event === 'string' ? raw.event : null;
	const event = tesEventTypeOf(providerEvent);
	const msg = isRecord(raw.msg) ? raw.msg : NO_FIELDS;
	const timestamp = toIsoTimestamp(raw.ts);

	let bounceType: BounceType | null = null;
	let bounce: NormalizedBounce | null = null;
	let open: NormalizedOpen | null = null;
	let click: NormalizedClick | null = null;
	let complaint: NormalizedComplaint | null = null;
	// What tells apart events of one message, type and time (tesEventId.ts).
	let details: readonly unknown[] | undefined;

	switch (event) {
		case 'bounce': {
			bounceType = tesSubscriptionOf(providerEvent) === 'hard_bounce' ? 'hard' : 'soft';
			bounce = {
				code: smtpCode(msg.bounceCodeTrad),
				enhancedCode: textOrNull(msg.bounceCodeEnh),
				description: textOrNull(msg.bounceDesc),
			};
			details = [msg.bounceCodeTrad, msg.bounceCodeEnh, msg.bounceDesc];
			break;
		}
		case 'open': {
			const latest = latestEntry(msg.opens, 'openTs');
			const entry = latest?.entry ?? NO_FIELDS;
			const at = latest !== null && latest.ms !== null ? isoFromEpochMs(latest.ms) : null;
			open = { ip: textOrNull(entry.openIp), userAgent: textOrNull(entry.openUa), timestamp: at ?? timestamp };
			details = [latest?.count ?? 0, at ?? entry.openTs];
			break;
		}
		case 'click': {
			const latest = latestEntry(msg.clicks, 'clickTs');
			const entry = latest?.entry ?? NO_FIELDS;
			const at = latest !== null && latest.ms !== null ? isoFromEpochMs(latest.ms) : null;
			click = {
				url: textOrNull(entry.clickUrl),
				ip: textOrNull(entry.clickIp),
				userAgent: textOrNull(entry.clickUa),
				timestamp: at ?? timestamp,
			};
			details = [latest?.count ?? 0, at ?? entry.clickTs, entry.clickUrl];
			break;
		}
		case 'complaint': {
			complaint = parseFeedbackReport(msg.feedbackReport);
			details = [complaint.arrivalDate, complaint.originalRecipient, complaint.feedbackType];
			break;
		}
		default:
			break;
	}

	const id = event === 'unknown' ? hashRawEvent(raw) : tesEventId(raw, providerEvent, details);

	const inEvent = recipientIn(raw) ?? recipientIn(msg);
	const recipient = inEvent ?? complaint?.originalRecipient ?? null;
	const normalized: NormalizedEvent = {
		provider,
		event,
		bounceType,
		providerEvent,
		id,
		messageId: textOrNull(raw.x_unique_id) ?? textOrNull(raw._id),
		recipient,
		recipientSource: inEvent !== null ? 'event' : recipient !== null ? 'report' : null,
		recipientMissingReason: recipient === null ? RECIPIENT_NOT_IN_EVENT : null,
		timestamp,
		reason: bounce?.description ?? null,
		bounce,
		open,
		click,
		complaint,
	};
	if (options?.includeRaw === true) normalized.raw = raw;
	return normalized;
}
