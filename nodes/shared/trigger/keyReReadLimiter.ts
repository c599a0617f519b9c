// How often a trigger may ask the provider for its webhook's current key after a signature did
// not match the stored one. The re-read exists to pick up a key reset done elsewhere (the
// provider's dashboard, an action node), but anyone can post a wrong signature, and each re-read
// spends the user's API quota (Sarv allows about 60 calls a minute). So, per webhook:
// - at most one re-read per REREAD_INTERVAL_MS (60 s: a key reset is picked up within a minute,
//   and forged traffic of any volume costs at most about one call a minute, 1/60 of that quota);
// - a failed re-read (429, timeout, outage) waits longer before the next: 2, 4, 8, 16 minutes;
// - the caller bounds the call itself (one attempt, short timeout), so that a forged request is
//   never held open for the provider's full timeout and retries.
//
// Where the state lives. The slot (next allowed time, failures) is kept in the node's static
// data, the only state n8n keeps for a trigger across processes: n8n (live-webhooks.js, in the
// main process and in queue mode's webhook processors alike, which both serve production webhooks
// through LiveWebhooks) loads the workflow, static data included, from the database for every
// request and saves it after webhook() returns, when it changed. The slot is claimed in static
// data before the call, so that it holds even when the call fails or times out.
//
// Requests in flight at the same time each work on their own copy of the static data, loaded
// before any of them saved: none can see the others' claim, and n8n offers a trigger no atomic
// store. Sharing one re-read among them is therefore impossible through static data alone. The
// closest safe approach, used here: the limiter instance (one per trigger node type, created with
// the node, never at module scope) remembers, per webhook, the re-read it started and until when
// its slot holds; concurrent mismatches in the same process await that one call and reuse its
// answer. This memory only ever prevents calls: every decision to call is still bounded by the
// slot in static data, so in queue mode, where each webhook processor has its own memory, a burst
// costs at most one re-read per process. Only the request that makes the call writes the slot: a
// forged request that is refused without a call changes no static data, so n8n saves nothing for
// it. (n8n saves the whole static data a request loaded: a request that stores a new key while a
// claim is being saved may undo that claim, which costs at most one more re-read.)
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

export const REREAD_INTERVAL_MS = 60_000;
const MAX_BACKOFF_MS = 16 * 60_000;
/** Webhooks whose last re-read a limiter keeps in memory (one entry per webhook URL served). */
const MAX_REMEMBERED = 256;

/** The slot of one webhook, as saved in static data. */
interface ReReadSlot extends IDataObject {
	/** epoch ms before which no new re-read starts */
	nextAt: number;
	/** consecutive failed re-reads */
	failures: number;
}

type StoredSlots = IDataObject & { keyReReads?: Record<string, ReReadSlot> };

export type ReReadOutcome<T> =
	/** The provider answered: `value` is what it holds now (undefined: no such webhook). */
	| { status: 'read'; value: T | undefined }
	| { status: 'failed'; error: string }
	/** No re-read now: the last one was too recent. */
	| { status: 'limited'; retryInMs: number };

interface SharedReRead {
	slot: ReReadSlot;
	outcome: Promise<ReReadOutcome<unknown>>;
}

export interface KeyReReadLimiter {
	/**
	 * `read()` when the webhook's slot allows it, or the answer of the re-read this process is
	 * already making for it, or `limited`. Never throws.
	 */
	reRead<T>(ctx: IWebhookFunctions, url: string, read: () => Promise<T | undefined>): Promise<ReReadOutcome<T>>;
}

function slotAfterFailure(failures: number, at: number): ReReadSlot {
	return { nextAt: at + Math.min(REREAD_INTERVAL_MS * 2 ** failures, MAX_BACKOFF_MS), failures };
}

function storedSlot(staticData: IDataObject, url: string): ReReadSlot | undefined {
	return (staticData as StoredSlots).keyReReads?.[url];
}

function storeSlot(staticData: IDataObject, url: string, slot: ReReadSlot): void {
	const data = staticData as StoredSlots;
	const current = data.keyReReads?.[url];
	if (current?.nextAt === slot.nextAt && current.failures === slot.failures) return;
	data.keyReReads = { ...data.keyReReads, [url]: { nextAt: slot.nextAt, failures: slot.failures } };
}

export function createKeyReReadLimiter(now: () => number = Date.now): KeyReReadLimiter {
	const shared = new Map<string, SharedReRead>();

	async function start<T>(read: () => Promise<T | undefined>, claim: ReReadSlot): Promise<ReReadOutcome<T>> {
		try {
			const value = await read();
			claim.failures = 0;
			return { status: 'read', value };
		} catch (error) {
			// Updated in place: every request sharing this re-read stores the backed-off slot.
			Object.assign(claim, slotAfterFailure(claim.failures + 1, now()));
			return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
		}
	}

	return {
		async reRead<T>(ctx: IWebhookFunctions, url: string, read: () => Promise<T | undefined>) {
			const at = now();
			const staticData = ctx.getWorkflowStaticData('node');
			const key = `${ctx.getWorkflow().id ?? ''} ${url}`;
			const inProcess = shared.get(key);
			if (inProcess && at < inProcess.slot.nextAt) {
				// The claimant saves the slot; the requests sharing its answer write nothing here,
				// so that a burst of forged requests is not a burst of database writes.
				return (await inProcess.outcome) as ReReadOutcome<T>;
			}
			const stored = storedSlot(staticData, url);
			if (stored && at < stored.nextAt) return { status: 'limited', retryInMs: stored.nextAt - at };

			const claim: ReReadSlot = { nextAt: at + REREAD_INTERVAL_MS, failures: stored?.failures ?? 0 };
			storeSlot(staticData, url, claim);
			const reRead: SharedReRead = { slot: claim, outcome: start(read, claim) };
			shared.delete(key);
			shared.set(key, reRead);
			if (shared.size > MAX_REMEMBERED) shared.delete(shared.keys().next().value as string);
			const outcome = await reRead.outcome;
			storeSlot(staticData, url, claim);
			return outcome as ReReadOutcome<T>;
		},
	};
}
