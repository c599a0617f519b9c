// What an Everlytic event says about its bounce, failure, open or click. Everlytic publishes none
// of these fields (docs/providers.md): every name in FIELD_NAMES is a GUESS, a common name for the
// thing, looked for in the event's group objects (bounce/failure/error, open, click/link) and
// then in the entry itself; fields stay null when absent. One pass over an object's few own
// fields, each name looked up in one table, replaces probing dozens of absent names per event.

import { isRecord } from '../../shared/delivery/isRecord';
import { toIsoTimestamp } from '../../shared/delivery/isoTimestamp';
import { textOrNull } from '../../shared/delivery/textOrNull';
import type { BounceType } from '../../shared/NormalizedEvent';

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

const ENHANCED_CODE = /^[245]\.\d{1,3}\.\d{1,3}$/;
// INFERENCE: a description that is an SMTP reply ("550 5.1.1 User unknown") carries both codes.
const REPLY_CODE = /^([245]\d\d)(?:[\s-]|$)/;
const REPLY_ENHANCED_CODE = /(?:^|\s)([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/;

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
export class EverlyticDetails {
	reason: string | null = null;
	code: number | null = null;
	enhancedCode: string | null = null;
	bounceType: BounceType | null = null;
	url: string | null = null;
	ip: string | null = null;
	userAgent: string | null = null;
	actionTime: string | null = null;
	// The rank each value was found at (lower wins); plain fields, not a keyed table, since this
	// runs for every field of every event.
	private reasonRank = NO_VALUE;
	private codeRank = NO_VALUE;
	private enhancedCodeRank = NO_VALUE;
	private bounceTypeRank = NO_VALUE;
	private urlRank = NO_VALUE;
	private ipRank = NO_VALUE;
	private userAgentRank = NO_VALUE;
	private actionTimeRank = NO_VALUE;

	/** Reads one source; `floor` keeps what earlier sources found (their ranks are below it). */
	read(source: Fields, floor: number, isEntry: boolean): void {
		for (const name in source) {
			const field = FIELD_ROLES.get(name);
			if (field !== undefined) this.take(field, floor + field.priority, source[name], isEntry);
		}
	}

	private take({ role }: FieldRole, rank: number, value: unknown, isEntry: boolean): void {
		switch (role) {
			case 'reason': {
				const text = rank < this.reasonRank ? textOrNull(value) : null;
				if (text === null) return;
				this.reason = text;
				this.reasonRank = rank;
				return;
			}
			case 'url': {
				const text = rank < this.urlRank ? textOrNull(value) : null;
				if (text === null) return;
				this.url = text;
				this.urlRank = rank;
				return;
			}
			case 'ip': {
				const text = rank < this.ipRank ? textOrNull(value) : null;
				if (text === null) return;
				this.ip = text;
				this.ipRank = rank;
				return;
			}
			case 'userAgent': {
				const text = rank < this.userAgentRank ? textOrNull(value) : null;
				if (text === null) return;
				this.userAgent = text;
				this.userAgentRank = rank;
				return;
			}
			case 'code':
				this.takeCode(rank, textOrNull(value));
				return;
			case 'bounceTypeText':
			case 'hardFlag':
			case 'softFlag': {
				if (rank >= this.bounceTypeRank) return;
				const type = bounceTypeOf(role, value);
				if (type === null) return;
				this.bounceType = type;
				this.bounceTypeRank = rank;
				return;
			}
			case 'groupTime':
			case 'actionTime': {
				if (rank >= this.actionTimeRank || (isEntry && role === 'groupTime')) return;
				const iso = toIsoTimestamp(value);
				if (iso === null) return;
				this.actionTime = iso;
				this.actionTimeRank = rank;
				return;
			}
		}
	}

	/** A status code field holds an enhanced code ('5.1.1') or a basic one ('550'). */
	private takeCode(rank: number, text: string | null): void {
		if (text === null) return;
		if (rank < this.enhancedCodeRank && ENHANCED_CODE.test(text)) {
			this.enhancedCode = text;
			this.enhancedCodeRank = rank;
			return;
		}
		const n = Number(text);
		if (rank < this.codeRank && Number.isInteger(n) && n >= 200 && n < 600) {
			this.code = n;
			this.codeRank = rank;
		}
	}
}

/** The details of an entry: its group objects first (in order), then the entry itself. */
export function everlyticDetailsOf(entry: Fields, groups: readonly string[]): EverlyticDetails {
	const details = new EverlyticDetails();
	let floor = 0;
	for (const group of groups) {
		const value = entry[group];
		if (isRecord(value)) details.read(value, floor, false);
		floor += SOURCE_STEP;
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
