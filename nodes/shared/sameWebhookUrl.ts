// When two webhook URLs name the same receiver, for every provider's find-by-URL.
/** Trailing slashes and letter case of scheme and host do not make a different receiver. */
export function sameWebhookUrl(a: string, b: string): boolean {
	const canonical = (url: string) => {
		const trimmed = url.trim().replace(/\/+$/, '');
		const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(trimmed);
		return match ? match[1].toLowerCase() + match[2] : trimmed;
	};
	return canonical(a) === canonical(b);
}
