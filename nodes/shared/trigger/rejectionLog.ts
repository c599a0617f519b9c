// Warnings about refused webhook requests, at most one per webhook per interval, each saying how
// many were not logged since the last; advice to the user only where it can be right.
//
// A webhook URL is public: strangers may send thousands of forged requests, and a warning for
// each would flood n8n's log. The limit is kept per process, beside the log it protects, by the
// pipeline instance that writes to it (one per trigger node type, never at module scope):
// counting in the workflow's static data instead would cost a database write per forged request,
// and those writes, each saving the whole static data it loaded, would overwrite the key and
// re-read claims that concurrent genuine requests save (keyReReadLimiter.ts). Nothing here
// decides whether a request is accepted.
import type { IWebhookFunctions } from 'n8n-workflow';

import type { Unauthenticated } from './deliveryReceiver';

/** One warning per webhook per minute at most. */
export const REJECTION_WARNING_INTERVAL_MS = 60_000;
/** Advice once the same delivery was refused this often... */
const RETRIES_BEFORE_ADVICE = 3;
/** ...over at least this long: the provider retries over minutes, a replay burst does not. */
const RETRY_SPAN_BEFORE_ADVICE_MS = 2 * 60_000;
/** Bounds on what is kept: webhooks per trigger node type, deliveries per webhook. */
const MAX_WEBHOOKS = 256;
const MAX_FINGERPRINTS = 32;
/** Text from outside (a provider's error message) is cut to this many characters in the log. */
export const MAX_LOGGED_TEXT = 200;

interface Refusals {
	count: number;
	firstAt: number;
}

interface WebhookRejections {
	nextWarningAt: number;
	suppressed: number;
	refusalsByDelivery: Map<string, Refusals>;
}

export interface RejectionLog {
	/** Logs (or counts) one refused request to the webhook at `url`. */
	record(ctx: IWebhookFunctions, providerName: string, url: string, rejection: Unauthenticated): void;
}

/** `text` cut to `max` characters, saying so. */
export function boundedLogText(text: string, max = MAX_LOGGED_TEXT): string {
	return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Adds to a Map kept in insertion order, dropping the oldest entry beyond `max`. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
	map.delete(key);
	map.set(key, value);
	if (map.size > max) map.delete(map.keys().next().value as string);
}

function countRefusal(webhook: WebhookRejections, fingerprint: string | undefined, now: number): Refusals | undefined {
	if (fingerprint === undefined) return undefined;
	const refusals = webhook.refusalsByDelivery.get(fingerprint) ?? { count: 0, firstAt: now };
	refusals.count++;
	remember(webhook.refusalsByDelivery, fingerprint, refusals, MAX_FINGERPRINTS);
	return refusals;
}

function looksRetried(refusals: Refusals | undefined, now: number): boolean {
	return (
		refusals !== undefined &&
		refusals.count >= RETRIES_BEFORE_ADVICE &&
		now - refusals.firstAt >= RETRY_SPAN_BEFORE_ADVICE_MS
	);
}

export function createRejectionLog(now: () => number = Date.now): RejectionLog {
	const webhooks = new Map<string, WebhookRejections>();
	return {
		record(ctx, providerName, url, rejection) {
			const at = now();
			const key = `${ctx.getWorkflow().id ?? ''} ${url}`;
			const webhook = webhooks.get(key) ?? { nextWarningAt: 0, suppressed: 0, refusalsByDelivery: new Map() };
			remember(webhooks, key, webhook, MAX_WEBHOOKS);
			const refusals = countRefusal(webhook, rejection.deliveryFingerprint, at);
			if (at < webhook.nextWarningAt) {
				webhook.suppressed++;
				return;
			}
			const seconds = Math.round(REJECTION_WARNING_INTERVAL_MS / 1000);
			let message = `${providerName} Trigger rejected a delivery with HTTP 401: ${boundedLogText(rejection.reason, 2 * MAX_LOGGED_TEXT)}.`;
			if (webhook.suppressed > 0) {
				message += ` ${webhook.suppressed} more rejected request${webhook.suppressed === 1 ? ' was' : 's were'} not logged (at most one warning per webhook every ${seconds} s).`;
			}
			if (rejection.adviceWhenRetried !== undefined && looksRetried(refusals, at)) {
				message += ` The same delivery has now been refused ${refusals?.count} times over ${Math.round((at - (refusals?.firstAt ?? at)) / 60_000)} minutes, as ${providerName}'s retries look. ${rejection.adviceWhenRetried}`;
			}
			webhook.nextWarningAt = at + REJECTION_WARNING_INTERVAL_MS;
			webhook.suppressed = 0;
			ctx.logger.warn(message, { workflowId: ctx.getWorkflow().id, node: ctx.getNode().name });
		},
	};
}
