// What an Everlytic event says about its bounce, failure, open or click. Everlytic publishes none
// of these fields (docs/providers.md): every name in FIELD_NAMES is a GUESS, a common name for the
// thing, looked for in the event's group objects (bounce/failure/error, open, click/link) and
// then in the entry itself; fields stay null when absent. One pass over an object's few own
// fields, each name looked up in one table, replaces probing dozens of absent names per event.

import { isRecord } from '../../shared/delivery/isRecord';
import { toIsoTimestamp } from '../../shared/delivery/isoTimestamp';
import { textOrNull } from '../../shared/delivery/textOrNull';
import type { BounceType } from '../../shared/NormalizedEvent';
import { isEnhancedStatusCode, replyEnhancedStatusCode, replyStatusCode } from './smtpStatusText';

type Fields = Record<string, unknown>;

/** What a field holds. */
type Role =
	| 'reason' // bounce / failure description
	| 'code' // SMTP basic ('550') or enhanced ('5.1.1') status code: the value tells which
	| 'bounceTypeText' // text holding "hard" or "soft"
	| 'hardFlag' // true: hard bounce, false: soft
	| 'softFlag' // true: soft bounce, false: hard
	| 'url'
	| 'ip'
	| 'userAgent'
	| 'actionTime' // an open's / click's own time
	| 'groupTime'; // a plain time, the action's only inside a group object (on the entry it may be the send's)

// GUESSES, best first within a role. The bounce type's roles share one ranking: text first,
// then hard flags, then soft flags.
const FIELD_NAMES: Readonly<Record<Role, readonly string[]>> = {
	reason: [
		'reason',
		'bounce_reason',
		'failure_reason',
		'failed_reason',
		'bounce_description',
		'description',
		'error',
		'error_message',
		'smtp_response',
		'message',
	],
	code: ['bounce_code', 'smtp_code', 'status_code', 'code', 'enhanced_code', 'enhanced_status_code', 'dsn', 'status'],
	bounceTypeText: ['bounce_type', 'bounceType', 'bounce_category', 'bounce_class', 'type', 'category'],
	hardFlag: ['is_hard', 'is_hard_bounce', 'hard_bounce', 'hard'],
	softFlag: ['is_soft', 'is_soft_bounce', 'soft_bounce', 'soft'],
	url: ['url', 'link', 'link_url', 'click_url', 'clicked_url', 'href'],
	ip: ['ip', 'ip_address', 'client_ip', 'remote_ip'],
	userAgent: ['user_agent', 'userAgent', 'useragent', 'ua'],
	groupTime: ['timestamp', 'date', 'time'],
	actionTime: ['opened_timestamp', 'clicked_timestamp', 'open_timestamp', 'click_timestamp', 'opened_at', 'clicked_at'],
};
// Where a role's priorities start within the ranking it shares with other roles.
const PRIORITY_BASE: Readonly<Partial<Record<Role, number>>> = { hardFlag: 6, softFlag: 10, actionTime: 3 };

type FieldRole = { role: Role; priority: number };

const FIELD_ROLES: ReadonlyMap<string, FieldRole> = new Map(
	(Object.keys(FIELD_NAMES) as Role[]).flatMap((role) =>
		FIELD_NAMES[role].map((name, index): [string, FieldRole] => [name, { role, priority: (PRIORITY_BASE[role] ?? 0) + index }]),
	),
);
/** Ranks one source's priorities above the next one's (more than any role's priorities). */
const SOURCE_STEP = 16;
const NO_VALUE = 99;

function flagOf(value: unknown): boolean | null {
	if (value === true || value === 1 || value === 'true' || value === '1') return true;
	if (value === false || value === 0 || value === 'false' || value === '0') return false;
	return null;
}

function bounceTypeOf(role: Role, value: unknown): BounceType | null {
	if (role === 'bounceTypeText') {
		if (typeof value !== 'string') return null;
		const lower = value.toLowerCase();
		return lower.includes('hard') ? 'hard' : lower.includes('soft') ? 'soft' : null;
	}
	const flag = flagOf(value);
	if (flag === null) return null;
	return flag === (role === 'hardFlag') ? 'hard' : 'soft';
}

/** What one event's detail fields say. An earlier source wins, then the lower priority. */
export interface EverlyticDetails {
	reason: string | null;
	code: number | null;
	enhancedCode: string | null;
	bounceType: BounceType | null;
	url: string | null;
	ip: string | null;
	userAgent: string | null;
	actionTime: string | null;
}

/**
 * The details while they are read, with the rank each value was found at (lower wins). A plain
 * object literal, not a class instance: measured after every full garbage collection (as the
 * benchmark runs), constructing a class instance cost more than the rest of the detail reading.
 */
interface RankedDetails extends EverlyticDetails {
	reasonRank: number;
	codeRank: number;
	enhancedCodeRank: number;
	bounceTypeRank: number;
	urlRank: number;
	ipRank: number;
	userAgentRank: number;
	actionTimeRank: number;
}

function unrankedDetails(): RankedDetails {
	return {
		reason: null,
		code: null,
		enhancedCode: null,
		bounceType: null,
		url: null,
		ip: null,
		userAgent: null,
		actionTime: null,
		reasonRank: NO_VALUE,
		codeRank: NO_VALUE,
		enhancedCodeRank: NO_VALUE,
		bounceTypeRank: NO_VALUE,
		urlRank: NO_VALUE,
		ipRank: NO_VALUE,
		userAgentRank: NO_VALUE,
		actionTimeRank: NO_VALUE,
	};
}

/** A status code field holds an enhanced code ('5.1.1') or a basic one ('550'). */
function takeCode(details: RankedDetails, rank: number, text: string | null): void {
	if (text === null) return;
	if (rank < details.enhancedCodeRank && isEnhancedStatusCode(text)) {
		details.enhancedCode = text;
		details.enhancedCodeRank = rank;
		return;
	}
	const n = Number(text);
	if (rank < details.codeRank && Number.isInteger(n) && n >= 200 && n < 600) {
		details.code = n;
		details.codeRank = rank;
	}
}

function take(details: RankedDetails, role: Role, rank: number, value: unknown, isEntry: boolean): void {
	switch (role) {
		case 'reason': {
			const text = rank < details.reasonRank ? textOrNull(value) : null;
			if (text === null) return;
			details.reason = text;
			details.reasonRank = rank;
			return;
		}
		case 'url': {
			const text = rank < details.urlRank ? textOrNull(value) : null;
			if (text === null) return;
			details.url = text;
			details.urlRank = rank;
			return;
		}
		case 'ip': {
			const text = rank < details.ipRank ? textOrNull(value) : null;
			if (text === null) return;
			details.ip = text;
			details.ipRank = rank;
			return;
		}
		case 'userAgent': {
			const text = rank < details.userAgentRank ? textOrNull(value) : null;
			if (text === null) return;
			details.userAgent = text;
			details.userAgentRank = rank;
			return;
		}
		case 'code':
			takeCode(details, rank, textOrNull(value));
			return;
		case 'bounceTypeText':
		case 'hardFlag':
		case 'softFlag': {
			if (rank >= details.bounceTypeRank) return;
			const type = bounceTypeOf(role, value);
			if (type === null) return;
			details.bounceType = type;
			details.bounceTypeRank = rank;
			return;
		}
		case 'groupTime':
		case 'actionTime': {
			if (rank >= details.actionTimeRank || (isEntry && role === 'groupTime')) return;
			const iso = toIsoTimestamp(value);
			if (iso === null) return;
			details.actionTime = iso;
			details.actionTimeRank = rank;
			return;
		}
	}
}

/** Reads one group object, its values ranked from `floor` (below every later source's). */
function readGroup(details: RankedDetails, group: Fields, floor: number): void {
	for (const name in group) {
		const field = FIELD_ROLES.get(name);
		if (field !== undefined) take(details, field.role, floor + field.priority, group[name], false);
	}
}

/**
 * The details of an entry: its group objects (earlier groups outrank later ones), then the entry
 * itself. One pass over the entry finds both its own detail fields and its groups: looking each
 * group name up on the entry cost more than the rest of the pass. Ranks, not reading order,
 * decide which value wins.
 */
export function everlyticDetailsOf(entry: Fields, groups: readonly string[]): EverlyticDetails {
	const details = unrankedDetails();
	const entryFloor = groups.length * SOURCE_STEP;
	for (const name in entry) {
		const value = entry[name];
		const field = FIELD_ROLES.get(name);
		if (field !== undefined) take(details, field.role, entryFloor + field.priority, value, true);
		if (typeof value === 'object' && value !== null) {
			const group = groups.indexOf(name);
			if (group !== -1 && isRecord(value)) readGroup(details, value, group * SOURCE_STEP);
		}
	}
	if (details.reason !== null) {
		// INFERENCE: a description that is an SMTP reply ("550 5.1.1 User unknown") carries both
		// codes, taken from it when no field gave them.
		details.code ??= replyStatusCode(details.reason);
		details.enhancedCode ??= replyEnhancedStatusCode(details.reason);
	}
	return details;
}
