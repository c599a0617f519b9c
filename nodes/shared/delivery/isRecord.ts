// The one test every parser and normalizer makes before reading fields: a plain object (not an
// array, not null), as JSON.parse makes them.

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

