// The one place that sends HTTP to a provider: applies the credential through n8n, retries
// transient failures with backoff and jitter, and turns transport failures into errors that carry
// no request details (a raw HTTP-client error holds the request body, and with it the TES token).
//
// Retry budget (README, "Behaviour worth knowing"): at most 3 tries per call, 30 s timeout each;
// before try 2 a wait drawn from 200-400 ms, before try 3 from 400-800 ms. A Retry-After header
// (seconds or HTTP date) is honoured up to 8 s, with up to half a backoff step added.
import type {
	IDataObject,
	INode,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

export type ProviderContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions;

export interface ProviderResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
	attempts: number;
}

export interface RetryPolicy {
	/** Safe to send again after a 5xx or a broken connection (the first try may have been applied). */
	idempotent: boolean;
	maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 400;
const MAX_DELAY_MS = 8000;
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = error instanceof Error ? error.message : '';
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return undefined;
}

/** Milliseconds the provider asked us to wait (Retry-After as seconds or HTTP date), if it did. */
function retryAfterMs(retryAfter: unknown): number | undefined {
	if (typeof retryAfter !== 'string' && typeof retryAfter !== 'number') return undefined;
	const text = String(retryAfter).trim();
	if (text === '') return undefined;
	const seconds = Number(text);
	if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The wait before try `attempt + 1`. The jitter (`random` in [0, 1)) keeps executions that failed
 * together, e.g. a batch of items hitting one 429, from retrying in the same instant again.
 */
export function retryDelayMs(attempt: number, retryAfter: unknown, random: number = Math.random()): number {
	const step = Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
	const asked = retryAfterMs(retryAfter);
	if (asked !== undefined) return Math.min(asked + (random * step) / 2, MAX_DELAY_MS);
	return step / 2 + (random * step) / 2;
}

function isRetryableStatus(statusCode: number, policy: RetryPolicy): boolean {
	// 429 means the request was refused before it was applied, so even a create can be re-sent.
	return statusCode === 429 || (policy.idempotent && statusCode >= 500);
}

/**
 * Sends a request with the given credential applied and returns status, headers and body
 * whatever the HTTP status: each provider decides what an answer means. Transport failures that
 * outlast the retries become a NodeApiError naming the provider and the failure, nothing more.
 */
export async function sendProviderRequest(
	ctx: ProviderContext,
	providerName: string,
	credentialType: string,
	options: IHttpRequestOptions,
	policy: RetryPolicy,
): Promise<ProviderResponse> {
	const maxAttempts = policy.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
	for (let attempt = 1; ; attempt++) {
		let response: { statusCode: number; body: unknown; headers: IDataObject };
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
				timeout: 30000,
				...options,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as typeof response;
		} catch (error) {
			const code = networkErrorCode(error);
			const retryable = code !== undefined && (policy.idempotent || code === 'ECONNREFUSED');
			if (retryable && attempt < maxAttempts) {
				await sleep(retryDelayMs(attempt, undefined));
				continue;
			}
			const reason = code ?? (error instanceof Error ? error.message : 'unknown error');
			// No `code` in the error body: n8n would swap our message for its generic text for it.
			throw new NodeApiError(ctx.getNode(), { message: reason } as JsonObject, {
				message: `Could not reach ${providerName}: ${reason}`,
				description:
					attempt > 1
						? `Tried ${attempt} times. Check the base URL in the credential and that ${providerName} is reachable from n8n.`
						: `Check the base URL in the credential and that ${providerName} is reachable from n8n.`,
			});
		}
		if (isRetryableStatus(response.statusCode, policy) && attempt < maxAttempts) {
			await sleep(retryDelayMs(attempt, response.headers?.['retry-after']));
			continue;
		}
		return { ...response, attempts: attempt };
	}
}

/** A JSON body as an object, parsing it when the HTTP client left it as text. */
export function jsonBodyOf(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (body.trim() === '') return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

/** An answer that is neither a documented success nor a documented error (HTML, empty, text). */
export function unexpectedAnswerError(
	node: INode,
	providerName: string,
	httpStatus: number,
	attempts: number,
): NodeApiError {
	const transient = httpStatus === 429 || httpStatus >= 500;
	return new NodeApiError(node, { httpStatus } as JsonObject, {
		message: transient
			? `${providerName} is unavailable (HTTP ${httpStatus})`
			: `${providerName} answered with an unexpected response (HTTP ${httpStatus})`,
		description: transient
			? `Tried ${attempts} time${attempts === 1 ? '' : 's'}. Try again later.`
			: 'The answer was not the JSON the API documents. Check the Base URL in the credential.',
		httpCode: String(httpStatus >= 400 ? httpStatus : 502),
	});
}
