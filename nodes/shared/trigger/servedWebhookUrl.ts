// The URL a webhook request arrived on, which keys its registration in static data and is what
// a provider signs. getNodeWebhookUrl() gives the production URL even for a delivery to the test
// URL (webhook-test/...); getWebhookResourceUrl(), in newer n8n versions, gives the one served.
import type { IWebhookFunctions } from 'n8n-workflow';

export function servedWebhookUrl(ctx: IWebhookFunctions): string {
	const served =
		typeof ctx.getWebhookResourceUrl === 'function' ? ctx.getWebhookResourceUrl('default') : undefined;
	return served ?? (ctx.getNodeWebhookUrl('default') as string);
}
