// The bytes of a webhook request as received. n8n reads them for every typeVersion 1 trigger; for
// later versions it skips content types it does not parse (anything but JSON, form, text and
// XML), and the node reads them itself on demand.
import type { IWebhookFunctions } from 'n8n-workflow';

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']> & {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
};

export async function requestRawBody(ctx: IWebhookFunctions): Promise<Buffer | undefined> {
	const req = ctx.getRequestObject() as WebhookRequest;
	if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody();
	return req.rawBody;
}
