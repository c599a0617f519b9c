// Writes an immediate answer to a webhook request and tells n8n not to answer again.
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export function answerWebhook(
	ctx: IWebhookFunctions,
	status: number,
	text: string,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.status(status).type('text/plain').send(text);
	return { noWebhookResponse: true };
}
