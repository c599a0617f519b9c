// A 32-bit FNV-1a style hash folded two UTF-16 units per step, for the receive path's cheap
// hashes (de-duplication buckets, TES detail fingerprints). Not a digest: it spreads values, and
// every use settles equal hashes or only tells apart what already shares everything else.
// Two units per multiplication halve the cost of hashing the long texts these hashes read.

export const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** Folds `value` (a 32-bit integer: a length, a separator) into `hash`. */
export function fnv32Mix(hash: number, value: number): number {
	return Math.imul(hash ^ value, FNV32_PRIME);
}

/** Folds text[from, to) into `hash`, two UTF-16 units per step. */
export function fnv32Fold(hash: number, text: string, from = 0, to = text.length): number {
	let h = hash;
	let i = from;
	for (; i + 1 < to; i += 2) h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), FNV32_PRIME);
	if (i < to) h = Math.imul(h ^ text.charCodeAt(i), FNV32_PRIME);
	return h;
}
