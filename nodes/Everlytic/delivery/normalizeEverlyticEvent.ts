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
import { EVERLYTIC_ENTRY_INDEX, type EverlyticRawEvent } from './parseEverlyticDelivery';

export type NormalizeOptions = {
	/** add `raw` (the event as received, by reference) to the result */
	includeRaw?: boolean;
};

type Fields = Record<string, unknown>;

// Detail fields are unpublished: every name below is a GUESS (a common name for the thing).
// Each name maps to a role and a priority within it (lower wins); one pass over an object's
// few own fields replaces probing dozens of absent names per event.
const REASON = 0; // bounce / failure description
const CODE = 1; // SMTP basic ('550') or enhanced ('5.1.1') status code: the value tells which
const BOUNCE_TYPE = 2; // text holding "hard"/"soft" (priority 0-5), hard flag (6-9), soft flag (10-13)
const URL = 3;
const IP = 4;
const USER_AGENT = 5;
const ACTION_TIME = 6; // an open's / click's own time; priority 0-2 only inside a group object
const ROLE_SHIFT = 4;

function fieldRole(name: string): number {
	switch (name) {
		case 'reason':
			return (REASON << ROLE_SHIFT) | 0;
		case 'bounce_reason':
			return (REASON << ROLE_SHIFT) | 1;
		case 'failure_reason':
			return (REASON << ROLE_SHIFT) | 2;
		case 'failed_reason':
			return (REASON << ROLE_SHIFT) | 3;
		case 'bounce_description':
			return (REASON << ROLE_SHIFT) | 4;
		case 'description':
			return (REASON << ROLE_SHIFT) | 5;
		case 'error':
			return (REASON << ROLE_SHIFT) | 6;
		case 'error_message':
			return (REASON << ROLE_SHIFT) | 7;
		case 'smtp_response':
			return (REASON << ROLE_SHIFT) | 8;
		case 'message':
			return (REASON << ROLE_SHIFT) | 9;
		case 'bounce_code':
			return (CODE << ROLE_SHIFT) | 0;
		case 'smtp_code':
			return (CODE << ROLE_SHIFT) | 1;
		case 'status_code':
			return (CODE << ROLE_SHIFT) | 2;
		case 'code':
			return (CODE << ROLE_SHIFT) | 3;
		case 'enhanced_code':
			return (CODE << ROLE_SHIFT) | 4;
		case 'enhanced_status_code':
			return (CODE << ROLE_SHIFT) | 5;
		case 'dsn':
			return (CODE << ROLE_SHIFT) | 6;
		case 'status':
			return (CODE << ROLE_SHIFT) | 7;
		case 'bounce_type':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 0;
		case 'bounceType':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 1;
		case 'bounce_category':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 2;
		case 'bounce_class':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 3;
		case 'type':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 4;
		case 'category':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 5;
		case 'is_hard':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 6;
		case 'is_hard_bounce':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 7;
		case 'hard_bounce':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 8;
		case 'hard':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 9;
		case 'is_soft':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 10;
		case 'is_soft_bounce':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 11;
		case 'soft_bounce':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 12;
		case 'soft':
			return (BOUNCE_TYPE << ROLE_SHIFT) | 13;
		case 'url':
			return (URL << ROLE_SHIFT) | 0;
		case 'link':
			return (URL << ROLE_SHIFT) | 1;
		case 'link_url':
			return (URL << ROLE_SHIFT) | 2;
		case 'click_url':
			return (URL << ROLE_SHIFT) | 3;
		case 'clicked_url':
			return (URL << ROLE_SHIFT) | 4;
		case 'href':
			return (URL << ROLE_SHIFT) | 5;
		case 'ip':
			return (IP << ROLE_SHIFT) | 0;
		case 'ip_address':
			return (IP << ROLE_SHIFT) | 1;
		case 'client_ip':
			return (IP << ROLE_SHIFT) | 2;
		case 'remote_ip':
			return (IP << ROLE_SHIFT) | 3;
		case 'user_agent':
			return (USER_AGENT << ROLE_SHIFT) | 0;
		case 'userAgent':
			return (USER_AGENT << ROLE_SHIFT) | 1;
		case 'useragent':
			return (USER_AGENT << ROLE_SHIFT) | 2;
		case 'ua':
			return (USER_AGENT << ROLE_SHIFT) | 3;
		case 'timestamp':
			return (ACTION_TIME << ROLE_SHIFT) | 0;
		case 'date':
			return (ACTION_TIME << ROLE_SHIFT) | 1;
		case 'time':
			return (ACTION_TIME << ROLE_SHIFT) | 2;
		case 'opened_timestamp':
			return (ACTION_TIME << ROLE_SHIFT) | 3;
		case 'clicked_timestamp':
			return (ACTION_TIME << ROLE_SHIFT) | 4;
		case 'open_timestamp':
			return (ACTION_TIME << ROLE_SHIFT) | 5;
		case 'click_timestamp':
			return (ACTION_TIME << ROLE_SHIFT) | 6;
		case 'opened_at':
			return (ACTION_TIME << ROLE_SHIFT) | 7;
		case 'clicked_at':
			return (ACTION_TIME << ROLE_SHIFT) | 8;
		default:
			return -1;
	}
}

// GUESS: sub-objects the details may be grouped in, searched before the entry itself.
const BOUNCE_GROUPS: readonly string[] = Object.freeze(['bounce', 'failure', 'error']);
const OPEN_GROUPS: readonly string[] = Object.freeze(['open']);
const CLICK_GROUPS: readonly string[] = Object.freeze(['click', 'link']);

const ENHANCED_CODE = /^[245]\.\d{1,3}\.\d{1,3}$/;
// INFERENCE: a description that is an SMTP reply ("550 5.1.1 User unknown") carries both codes.
const REPLY_CODE = /^([245]\d\d)(?:[\s-]|$)/;
const REPLY_ENHANCED_CODE = /(?:^|\s)([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/;
const NO_VALUE = 99;

function isTrueFlag(flag: unknown): boolean {
	return flag === true || flag === 1 || flag === 'true' || flag === '1';
}

function isFalseFlag(flag: unknown): boolean {
	return flag === false || flag === 0 || flag === 'false' || flag === '0';
}

/** What one event's detail fields say. An earlier source wins, then the lower priority. */
class Details {
	reason: string | null = null;
	reasonRank = NO_VALUE;
	code: number | null = null;
	codeRank = NO_VALUE;
	enhancedCode: string | null = null;
	enhancedRank = NO_VALUE;
	bounceType: BounceType | null = null;
	bounceTypeRank = NO_VALUE;
	url: string | null = null;
	urlRank = NO_VALUE;
	ip: string | null = null;
	ipRank = NO_VALUE;
	userAgent: string | null = null;
	userAgentRank = NO_VALUE;
	actionTime: string | null = null;
	actionTimeRank = NO_VALUE;

	/** Reads one source; `floor` keeps what earlier sources found (their ranks are below it). */
	read(source: Fields, floor: number, isEntry: boolean): void {
		for (const name in source) {
			const role = fieldRole(name);
			if (role === -1) continue;
			const rank = floor + (role & 15);
			const value = source[name];
			switch (role >> ROLE_SHIFT) {
				case REASON:
					if (rank < this.reasonRank) {
						const text = textOrNull(value);
						if (text !== null) {
							this.reason = text;
							this.reasonRank = rank;
						}
					}
					break;
				case CODE: {
					const text = textOrNull(value);
					if (text === null) break;
					if (rank < this.enhancedRank && ENHANCED_CODE.test(text)) {
						this.enhancedCode = text;
						this.enhancedRank = rank;
						break;
					}
					const n = Number(text);
					if (rank < this.codeRank && Number.isInteger(n) && n >= 200 && n < 600) {
						this.code = n;
						this.codeRank = rank;
					}
					break;
				}
				case BOUNCE_TYPE: {
					if (rank >= this.bounceTypeRank) break;
					let type: BounceType | null = null;
					const priority = role & 15;
					if (priority < 6) {
						if (typeof value === 'string') {
							const lower = value.toLowerCase();
							type = lower.includes('hard') ? 'hard' : lower.includes('soft') ? 'soft' : null;
						}
					} else {
						const hardFlag = priority < 10;
						if (isTrueFlag(value)) type = hardFlag ? 'hard' : 'soft';
						else if (isFalseFlag(value)) type = hardFlag ? 'soft' : 'hard';
					}
					if (type !== null) {
						this.bounceType = type;
						this.bounceTypeRank = rank;
					}
					break;
				}
				case URL:
					if (rank < this.urlRank) {
						const text = textOrNull(value);
						if (text !== null) {
							this.url = text;
							this.urlRank = rank;
						}
					}
					break;
				case IP:
					if (rank < this.ipRank) {
						const text = textOrNull(value);
						if (text !== null) {
							this.ip = text;
							this.ipRank = rank;
						}
					}
					break;
				case USER_AGENT:
					if (rank < this.userAgentRank) {
						const text = textOrNull(value);
						if (text !== null) {
							this.userAgent = text;
							this.userAgentRank = rank;
						}
					}
					break;
				case ACTION_TIME:
					// On the entry, a plain timestamp/date/time may be the send's: only the names
					// that say open/click count there.
					if (rank < this.actionTimeRank && !(isEntry && (role & 15) < 3)) {
						const iso = toIsoTimestamp(value);
						if (iso !== null) {
							this.actionTime = iso;
							this.actionTimeRank = rank;
						}
					}
					break;
				default:
					break;
			}
		}
	}
}

/** The details of an entry: its group objects first (in order), then the entry itself. */
function detailsOf(entry: Fields, groups: readonly string[]): Details {
	const details = new Details();
	let floor = 0;
	for (const group of groups) {
		const value = entry[group];
		if (isRecord(value)) details.read(value, floor, false);
		floor += 16;
	}
	details.read(entry, floor, true);
	if (details.reason !== null) {
		// INFERENCE (see REPLY_CODE): codes from the reply text when no field gave them.
		if (details.code === null) {
			const reply = REPLY_CODE.exec(details.reason);
			if (reply !== null) details.code = Number(reply[1]);
		}
		if (details.enhancedCode === null) {
			const reply = REPLY_ENHANCED_CODE.exec(details.reason);
			if (reply !== null) details.enhancedCode = reply[1];
		}
	}
	return details;
}

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
		const details = detailsOf(entry, BOUNCE_GROUPS);
		reason = details.reason;
		bounceType = details.bounceType;
		if (event === 'bounce') {
			bounce = { code: details.code, enhancedCode: details.enhancedCode, description: reason };
		}
	} else if (event === 'open') {
		const details = detailsOf(entry, OPEN_GROUPS);
		open = { ip: details.ip, userAgent: details.userAgent, timestamp: details.actionTime ?? timestamp };
	} else if (event === 'click') {
		const details = detailsOf(entry, CLICK_GROUPS);
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
