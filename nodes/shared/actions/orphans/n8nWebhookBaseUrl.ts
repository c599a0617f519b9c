// Which URLs belong to this n8n. An action node cannot read n8n's configuration (no `process`),
// but n8n hands every node its REST API URL, built as the webhook base URL (WEBHOOK_URL, else the
// address n8n derives from its host, port and path) plus the REST endpoint name ("rest"). The
// webhook base URL is that URL without its last path segment. getInstanceBaseUrl() would be wrong
// where N8N_EDITOR_BASE_URL names another address than WEBHOOK_URL.
import type { IExecuteFunctions } from 'n8n-workflow';

/** The base every webhook URL of this n8n starts with, ending in "/"; undefined when unknown. */
export function n8nWebhookBaseUrl(ctx: IExecuteFunctions): string | undefined {
	const restApiUrl = ctx.getRestApiUrl();
	if (typeof restApiUrl !== 'string' || restApiUrl.trim() === '') return undefined;
	try {
		const url = new URL(restApiUrl.trim());
		url.pathname = url.pathname.replace(/\/+$/, '').replace(/[^/]*$/, '');
		url.search = '';
		url.hash = '';
		return url.toString();
	} catch {
		return undefined;
	}
}

/** Scheme, host and port compared without case or default port; the path as a prefix. */
export function isUnderBaseUrl(url: string, baseUrl: string): boolean {
	let target: URL;
	let base: URL;
	try {
		target = new URL(url.trim());
		base = new URL(baseUrl.trim());
	} catch {
		return false;
	}
	if (target.protocol !== base.protocol || target.host !== base.host) return false;
	const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
	return target.pathname.startsWith(basePath);
}
