// The one error a delivery parser throws: the body cannot be read as events. The trigger answers
// it with HTTP 400 and the message, and starts no execution; the provider retries, so nothing
// is lost. Messages are short, fixed texts about the body's shape: never a secret, a header
// value, a stack trace or a copy of the body.

export class MalformedDeliveryError extends Error {
	/** HTTP status the trigger answers with */
	readonly httpStatusCode = 400;

	constructor(message: string) {
		super(message);
		this.name = 'MalformedDeliveryError';
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
