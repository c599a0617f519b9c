// Which events of one delivery repeat an earlier event's id (a provider may send the same event
// twice in one batch): the trigger emits each id once, at its first occurrence. A Set of the ids
// is the obvious way, but for a 10,000-event delivery growing it cost about a sixth of the whole
// receive path (measured for issue 11); sorting one number per event (a 32-bit hash of its id and its
// position) costs a fraction of that and allocates one typed array. Equal hashes are then
// settled by the ids themselves, so a collision never drops an event.

import { FNV32_OFFSET, fnv32Fold, fnv32Mix } from './fnv32';

/** Positions fit in the low 20 bits of the sort key; larger deliveries use a Set. */
const POSITION_BITS = 2 ** 20;

/** Characters hashed at each end of a longer id (its middle only counts through its length). */
const HASHED_END = 24;

/**
 * A 32-bit hash of an id's first and last HASHED_END characters and its length (hashing whole
 * ids of ~90 characters was most of this step). It only spreads ids: equal hashes are compared
 * as text afterwards, so ids that differ only in the middle cost a Set, never an event.
 */
function hashOf(id: string): number {
	const n = id.length;
	if (n <= 2 * HASHED_END) return fnv32Fold(FNV32_OFFSET, id) >>> 0;
	const head = fnv32Fold(fnv32Mix(FNV32_OFFSET, n), id, 0, HASHED_END);
	return fnv32Fold(head, id, n - HASHED_END, n) >>> 0;
}

function repeatedBySet(ids: readonly string[]): Uint8Array {
	const repeated = new Uint8Array(ids.length);
	const seen = new Set<string>();
	for (let i = 0; i < ids.length; i++) {
		if (seen.has(ids[i])) repeated[i] = 1;
		else seen.add(ids[i]);
	}
	return repeated;
}

/** `repeated[i]` is 1 when `ids[i]` equals the id of an event before it, else 0. */
export function repeatedIds(ids: readonly string[]): Uint8Array {
	const n = ids.length;
	if (n >= POSITION_BITS) return repeatedBySet(ids);
	const keys = new Float64Array(n);
	// hash * 2^20 + position < 2^52: exact in a double, and sorting puts equal hashes together,
	// in delivery order.
	for (let i = 0; i < n; i++) keys[i] = hashOf(ids[i]) * POSITION_BITS + i;
	keys.sort();
	const repeated = new Uint8Array(n);
	for (let start = 0; start < n; ) {
		const hash = Math.floor(keys[start] / POSITION_BITS);
		let end = start + 1;
		while (end < n && Math.floor(keys[end] / POSITION_BITS) === hash) end++;
		// Rare (a repeat or a collision): a Set per group keeps even crafted collisions linear.
		if (end - start > 1) {
			const seen = new Set<string>();
			for (let k = start; k < end; k++) {
				const position = keys[k] % POSITION_BITS;
				if (seen.has(ids[position])) repeated[position] = 1;
				else seen.add(ids[position]);
			}
		}
		start = end;
	}
	return repeated;
}
