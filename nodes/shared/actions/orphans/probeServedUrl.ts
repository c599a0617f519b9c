// Asks this n8n whether it still serves a webhook URL. A GET is enough: the TES triggers answer it
// with their handshake text, the Everlytic trigger with 200, and for a path that only takes POST
// n8n answers 404 "This webhook is not registered for GET requests", which still means served.
// Only n8n's own "not registered" 404 for the path counts as not served; every other answer,
// a timeout or a refused connection leaves the question open, and the webhook is kept.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

export type ServedAnswer =
	| { served: true; status: number; reason: string }
	| { served: false; status: number; reason: string }
	| { served: null; status: number | null; reason: string };

/** How long one probe may take: n8n answers its own 404 at once. */
export const PROBE_TIMEOUT_MS = 10000;

function messageOf(body: unknown): string {
	let value: unknown = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			return value as string;
		}
	}
	const message = (value as IDataObject | null)?.message;
	return typeof message === 'string' ? message : '';
}

/** Classifies n8n's answer to a GET on one of its webhook URLs. */
export function servedFromAnswer(status: number, body: unknown): ServedAnswer {
	if (status >= 200 && status < 400) {
		return { served: true, status, reason: `This n8n answered HTTP ${status}: a workflow serves the URL` };
	}
	if (status === 404) {
		const message = messageOf(body);
		if (/not registered for \w+ requests/i.test(message)) {
			return { served: true, status, reason: 'This n8n serves the URL for other HTTP methods than GET' };
		}
		if (/webhook .* is not registered/i.test(message)) {
			return { served: false, status, reason: 'This n8n answered that no active workflow serves the URL' };
		}
		return {
			served: null,
			status,
			reason: 'HTTP 404, but not n8n\'s answer for an unknown webhook (a proxy in front of n8n?): kept to be safe',
		};
	}
	return { served: null, status, reason: `This n8n answered HTTP ${status}: cannot tell, kept to be safe` };
}

export async function probeServedUrl(ctx: IExecuteFunctions, url: string): Promise<ServedAnswer> {
	try {
		const response = (await ctx.helpers.httpRequest({
			method: 'GET',
			url,
			timeout: PROBE_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
		})) as { statusCode: number; body: unknown };
		return servedFromAnswer(response.statusCode, response.body);
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		const what = typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error';
		return { served: null, status: null, reason: `This n8n could not be asked (${what}): kept to be safe` };
	}
}
