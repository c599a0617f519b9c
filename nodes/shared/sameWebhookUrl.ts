// Finding a receiver's webhooks by URL, for every provider: when two URLs name the same receiver,
// and the one find-by-URL (the lifecycle, the actions and the receive path all use it).

/** Trailing slashes and letter case of scheme and host do not make a different receiver. */
export function sameWebhookUrl(a: string, b: string): boolean {
	const canonical = (url: string) => {
		const trimmed = url.trim().replace(/\/+$/, '');
		const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(trimmed);
		return match ? match[1].toLowerCase() + match[2] : trimmed;
	};
	return canonical(a) === canonical(b);
}

/** What every provider's webhook tells: its id, the URL it posts to, and when it was created. */
export interface WebhookIdentity<W> {
	idOf(webhook: W): string;
	urlOf(webhook: W): string;
	/** Any unit (only the order counts); 0 when the provider does not say. */
	createdAt(webhook: W): number;
}

/**
 * The webhooks registered for a URL, newest first (providers allow several for one URL). Equal
 * creation times keep the provider's own order: later in its list is newer.
 */
export function webhooksForUrl<W>(webhooks: readonly W[], url: string, identity: WebhookIdentity<W>): W[] {
	return webhooks
		.map((webhook, position) => ({ webhook, position, created: identity.createdAt(webhook) || 0 }))
		.filter(({ webhook }) => sameWebhookUrl(identity.urlOf(webhook), url))
		.sort((a, b) => b.created - a.created || b.position - a.position)
		.map(({ webhook }) => webhook);
}
