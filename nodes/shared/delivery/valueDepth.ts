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

/**
 * True when `value` nests arrays/objects deeper than `maxDepth`. Walks with its own stack (no
 * recursion, so any depth is safe) and stops at the first level past the bound: linear in the
 * part of the value it visits.
 */
export function isNestedDeeperThan(value: unknown, maxDepth = MAX_VALUE_DEPTH): boolean {
	if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
	const values: unknown[] = [value];
	const depths: number[] = [1];
	while (values.length > 0) {
		const current = values.pop();
		const depth = depths.pop() as number;
		if (typeof current !== 'object' || current === null) continue;
		if (depth > maxDepth) return true;
		if (Array.isArray(current)) {
			for (const item of current) {
				if (typeof item === 'object' && item !== null) {
					values.push(item);
					depths.push(depth + 1);
				}
			}
		} else {
			for (const key in current) {
				const item = (current as Record<string, unknown>)[key];
				if (typeof item === 'object' && item !== null) {
					values.push(item);
					depths.push(depth + 1);
				}
			}
		}
	}
	return false;
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
