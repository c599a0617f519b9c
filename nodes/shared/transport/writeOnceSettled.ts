// Writes that must not land twice (registering a webhook): a write whose answer was lost may
// still be applied, even after the client gave up, so it is never sent again before reading back
// shows that it did not land. A timeout, a broken connection or a 5xx leaves that open; a 4xx
// (429 included) means the provider refused it before applying it.
import { NodeApiError, sleep } from 'n8n-workflow';

import { toNodeError } from '../actions/toNodeError';
import type { ProviderContext } from './providerRequest';

/**
 * Pauses before each further read-back: a write still running at the provider when its answer was
 * lost lands a moment later. Whatever lands later still is caught by the checks after every
 * registration and on every activation (nodes/shared/trigger/webhookLifecycle.ts).
 */
const READ_BACK_PAUSES_MS = [1000];

/** Whether a failed call may nevertheless have been applied by the provider. */
export function mayHaveBeenApplied(error: unknown): boolean {
	// Errors of our own (a parameter check before any call) are not provider answers.
	if (!(error instanceof NodeApiError)) return false;
	const httpCode = Number(error.httpCode ?? NaN);
	return !(httpCode >= 400 && httpCode < 500);
}

export interface SettledWrite<T, F> {
	/** What the write answered; undefined when its answer was lost and reading back found it. */
	written?: T;
	/** The last read-back. */
	found: F;
}

/**
 * Sends `write`, then reads back. After a write that failed but may have been applied, reads back
 * (pausing between reads) until `landed` says it did; sends it again only when it did not, at most
 * `attempts` sends in all, and then fails with the write's own error.
 */
export async function writeOnceSettled<T, F>(
	ctx: ProviderContext,
	{
		write,
		readBack,
		landed,
		attempts,
	}: {
		write: () => Promise<T>;
		readBack: () => Promise<F>;
		landed: (found: F) => boolean;
		attempts: number;
	},
): Promise<SettledWrite<T, F>> {
	for (let attempt = 1; ; attempt++) {
		let written: T;
		try {
			written = await write();
		} catch (failure) {
			if (!mayHaveBeenApplied(failure)) throw toNodeError(ctx.getNode(), failure);
			let found = await readBack();
			for (const pause of READ_BACK_PAUSES_MS) {
				if (landed(found)) break;
				await sleep(pause);
				found = await readBack();
			}
			if (landed(found)) return { found };
			if (attempt >= attempts) throw toNodeError(ctx.getNode(), failure);
			continue;
		}
		return { written, found: await readBack() };
	}
}
