// How deep a delivery's values may nest. JSON.parse reads any depth, but JSON.stringify, and
// every recursive walk, overflows the stack somewhere past a few thousand levels (RangeError:
// an HTTP 500 and endless provider retries). No provider nests an event more than a handful of
// levels, so a delivery deeper than MAX_VALUE_DEPTH is answered 400 before anything recurses.
// The parsers check every delivery once (a walk costs about 2% of JSON.parse of the same body).

import { MalformedDeliveryError } from './MalformedDeliveryError';

/** Levels of arrays/objects a value may nest (the value itself is level 1). */
export const MAX_VALUE_DEPTH = 64;

export function tooDeepError(maxDepth = MAX_VALUE_DEPTH): MalformedDeliveryError {
	return new MalformedDeliveryError(`Body is nested more than ${maxDepth} levels deep`);
}

/** True when `value` holds arrays/objects more than `levels` deep (itself not counted). */
function holdsDeeperThan(value: object, levels: number): boolean {
	if (Array.isArray(value)) {
		for (const item of value) {
			if (typeof item === 'object' && item !== null && (levels === 0 || holdsDeeperThan(item, levels - 1))) return true;
		}
		return false;
	}
	if (ArrayBuffer.isView(value)) return false;
	for (const key in value) {
		const item = (value as Record<string, unknown>)[key];
		if (typeof item === 'object' && item !== null && (levels === 0 || holdsDeeperThan(item, levels - 1))) return true;
	}
	return false;
}

/**
 * True when `value` nests arrays/objects deeper than `maxDepth`. Recurses at most `maxDepth`
 * levels (stops at the first level past the bound), so any input is safe: linear in the part
 * of the value it visits.
 */
export function isNestedDeeperThan(value: unknown, maxDepth = MAX_VALUE_DEPTH): boolean {
	if (typeof value !== 'object' || value === null) return false;
	return holdsDeeperThan(value, maxDepth - 1);
}

/** Throws MalformedDeliveryError (400) when `value` nests deeper than `maxDepth`. */
export function assertDepthAtMost(value: unknown, maxDepth = MAX_VALUE_DEPTH): void {
	if (isNestedDeeperThan(value, maxDepth)) throw tooDeepError(maxDepth);
}

/** JSON text of a value after checking its depth; too deep → MalformedDeliveryError (400). */
export function boundedJson(value: unknown, maxDepth = MAX_VALUE_DEPTH): string {
	if (isNestedDeeperThan(value, maxDepth)) throw tooDeepError(maxDepth);
	return JSON.stringify(value) ?? '';
}
