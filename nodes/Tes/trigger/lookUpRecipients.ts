// Fills the recipient of events that arrive without one (TES bounce, open, click and send events
// carry only the message id) by looking each distinct message up once, within fixed bounds per
// delivery: a look-up that fails, is skipped or finds nothing leaves the event as it was, with
// the reason in `recipientMissingReason`, and never holds the delivery beyond the time budget.
import { sleep } from 'n8n-workflow';

import type { NormalizedComplaint, NormalizedEventType, RecipientSource } from '../../shared/NormalizedEvent';

export type RecipientLookUpMode = 'bouncesAndComplaints' | 'allEvents' | 'never';

export const DEFAULT_RECIPIENT_LOOKUP_MODE: RecipientLookUpMode = 'bouncesAndComplaints';

export interface RecipientLookUpBounds {
	/** Distinct messages looked up per delivery; the others are not looked up. */
	maxLookUps: number;
	/** Look-ups in flight at once. */
	concurrency: number;
	/** Milliseconds the look-ups of one delivery may take in all. */
	budgetMs: number;
}

/** The bounds the README states: keep them in step. */
export const RECIPIENT_LOOKUP_BOUNDS: Readonly<RecipientLookUpBounds> = Object.freeze({
	maxLookUps: 20,
	concurrency: 4,
	budgetMs: 5000,
});

/** The fields of a normalized event the look-up reads and fills. */
export interface RecipientLookUpTarget {
	event: NormalizedEventType;
	messageId: string | null;
	recipient: string | null;
	complaint: NormalizedComplaint | null;
	recipientSource?: RecipientSource | null;
	recipientMissingReason?: string | null;
}

/** What one look-up learnt: the message may be unknown, or known without an address. */
export interface RecipientLookUpAnswer {
	found: boolean;
	recipient: string | null;
}

export type LookUpOne = (
	messageId: string,
	call: { timeoutMs: number; abortSignal: AbortSignal },
) => Promise<RecipientLookUpAnswer>;

/** The stable reasons an item carries in `recipientMissingReason`. */
export const MISSING_REASON = {
	disabled: 'look-up disabled',
	notForThisEvent: 'look-up not enabled for this event type',
	noMessageId: 'no message id',
	notFound: 'message not found',
	noAddress: 'message info names no recipient',
	budget: 'look-up budget exhausted',
	failedPrefix: 'look-up failed: ',
} as const;

export interface RecipientLookUpReport {
	/** Distinct messages asked for (provider calls made). */
	lookedUp: number;
	filled: number;
	/** message id → why its events got no address, for the log. */
	unresolved: Map<string, string>;
}

// An address a feedback report has hashed (an MD5/SHA hex local part, as in the TES doc's sample
// complaint) or redacted cannot reach a CRM: such events are looked up as if they had none.
const HASHED_LOCAL_PART = /^[0-9a-f]{32,}$/i;
const REDACTED_LOCAL_PART = /\*|redacted|removed|hidden|anonymi[sz]ed|^x{3,}$/i;

export function isUsableAddress(address: string | null): boolean {
	if (address === null) return false;
	const at = address.lastIndexOf('@');
	if (at <= 0) return false;
	const local = address.slice(0, at);
	return !HASHED_LOCAL_PART.test(local) && !REDACTED_LOCAL_PART.test(local);
}

function inScope(event: RecipientLookUpTarget, mode: RecipientLookUpMode): boolean {
	if (mode === 'allEvents') return true;
	return mode === 'bouncesAndComplaints' && (event.event === 'bounce' || event.event === 'complaint');
}

function leaveWithout(event: RecipientLookUpTarget, reason: string): void {
	if (event.recipient === null) event.recipientMissingReason = reason;
}

/** A short reason from a failed call: its message, which never carries the token. */
function failureText(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.length > 120 ? `${message.slice(0, 117)}...` : message;
}

/** A refused id (TES answers a ValidationError for one it does not know) means "not found". */
function isNotFound(error: unknown): boolean {
	return (error as { httpCode?: unknown } | null)?.httpCode === '400';
}

/**
 * Looks up the recipients the events lack and fills them in place. Resolves within about
 * `bounds.budgetMs` whatever the provider does, and never rejects.
 */
export async function lookUpRecipients(
	events: RecipientLookUpTarget[],
	mode: RecipientLookUpMode,
	lookUpOne: LookUpOne,
	bounds: RecipientLookUpBounds = RECIPIENT_LOOKUP_BOUNDS,
): Promise<RecipientLookUpReport> {
	const waiting = new Map<string, RecipientLookUpTarget[]>();
	for (const event of events) {
		if (isUsableAddress(event.recipient)) continue;
		if (mode === 'never') leaveWithout(event, MISSING_REASON.disabled);
		else if (!inScope(event, mode)) leaveWithout(event, MISSING_REASON.notForThisEvent);
		else if (event.messageId === null || event.messageId === '') leaveWithout(event, MISSING_REASON.noMessageId);
		else {
			const sameMessage = waiting.get(event.messageId);
			if (sameMessage) sameMessage.push(event);
			else waiting.set(event.messageId, [event]);
		}
	}
	const ids = [...waiting.keys()].slice(0, Math.max(0, bounds.maxLookUps));
	const outcomes = new Map<string, RecipientLookUpAnswer | { failure: string }>();
	if (ids.length > 0) await runWithinBudget(ids, outcomes, lookUpOne, bounds);

	const report: RecipientLookUpReport = { lookedUp: ids.length, filled: 0, unresolved: new Map() };
	for (const [messageId, targets] of waiting) {
		const outcome = outcomes.get(messageId);
		let reason: string;
		if (outcome === undefined) reason = MISSING_REASON.budget;
		else if ('failure' in outcome) reason = outcome.failure;
		else if (outcome.recipient !== null) reason = '';
		else reason = outcome.found ? MISSING_REASON.noAddress : MISSING_REASON.notFound;
		if (reason !== '') report.unresolved.set(messageId, reason);
		for (const event of targets) {
			if (reason !== '') {
				leaveWithout(event, reason);
				continue;
			}
			event.recipient = (outcome as RecipientLookUpAnswer).recipient;
			event.recipientSource = 'lookup';
			event.recipientMissingReason = null;
			report.filled++;
		}
	}
	return report;
}

async function runWithinBudget(
	ids: string[],
	outcomes: Map<string, RecipientLookUpAnswer | { failure: string }>,
	lookUpOne: LookUpOne,
	bounds: RecipientLookUpBounds,
): Promise<void> {
	// One signal ends the budget's wait when the look-ups finish first, and the look-ups still in
	// flight when the budget runs out.
	const stop = new AbortController();
	let next = 0;
	const worker = async () => {
		while (next < ids.length && !stop.signal.aborted) {
			const messageId = ids[next++];
			try {
				const answer = await lookUpOne(messageId, { timeoutMs: bounds.budgetMs, abortSignal: stop.signal });
				if (!stop.signal.aborted) outcomes.set(messageId, answer);
			} catch (error) {
				if (stop.signal.aborted) return;
				outcomes.set(
					messageId,
					isNotFound(error)
						? { found: false, recipient: null }
						: { failure: `${MISSING_REASON.failedPrefix}${failureText(error)}` },
				);
			}
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(bounds.concurrency, ids.length)) }, worker);
	const budget = sleep(bounds.budgetMs, stop.signal).catch(() => undefined);
	try {
		await Promise.race([Promise.all(workers), budget]);
	} finally {
		stop.abort();
	}
}
