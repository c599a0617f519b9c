// Text fields of the normalized event read the same way for every provider.

/** Trimmed non-empty text; numbers become their decimal text; anything else null. */
export function textOrNull(value: unknown): string | null {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return trimmed === '' ? null : trimmed;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}
