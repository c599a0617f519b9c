// The one error a delivery parser throws: the body cannot be read as events. The trigger answers
// it with its own HTTP status (400 for a malformed body, 413 for one past a size bound) and the
// message, and starts no execution; the provider retries, so nothing is lost. Messages are
// short, fixed texts about the body's shape: never a secret, a header value, a stack trace or a
// copy of the body.

export type MalformedDeliveryStatus = 400 | 413;

export class MalformedDeliveryError extends Error {
	/** HTTP status the trigger answers with */
	readonly httpStatusCode: MalformedDeliveryStatus;

	constructor(message: string, httpStatusCode: MalformedDeliveryStatus = 400) {
		super(message);
		this.name = 'MalformedDeliveryError';
		this.httpStatusCode = httpStatusCode;
	}
}

export function isMalformedDeliveryError(error: unknown): error is MalformedDeliveryError {
	return error instanceof MalformedDeliveryError;
}

/** JSON text of a delivery as a value; text that does not parse is a malformed delivery. */
export function parseDeliveryJson(text: string): unknown {
	let parsed: unknown;
	let valid = true;
	try {
		parsed = JSON.parse(text);
	} catch {
		valid = false; // answered below: only MalformedDeliveryError leaves a parser
	}
	if (!valid) throw new MalformedDeliveryError('Body is not valid JSON');
	return parsed;
}
