// De-duplication of one delivery's events by id: first occurrences kept, in order, and a hash
// collision between different ids never drops an event.
import { repeatedIds } from '../../nodes/shared/delivery/repeatedIds';

describe('repeatedIds', () => {
	it('marks every later occurrence of an id, never the first', () => {
		expect([...repeatedIds(['a', 'b', 'a', 'c', 'b', 'a'])]).toEqual([0, 0, 1, 0, 1, 1]);
	});

	it('marks nothing when every id is distinct, or when there is at most one', () => {
		expect([...repeatedIds([])]).toEqual([]);
		expect([...repeatedIds(['only'])]).toEqual([0]);
		const ids = Array.from({ length: 5000 }, (_, i) => `m${i}:delivered:${1_700_000_000_000 + i}`);
		expect(repeatedIds(ids).includes(1)).toBe(false);
	});

	it('keeps different ids whose 32-bit hashes are equal', () => {
		// These two ids have the same 32-bit hash in repeatedIds (found by search): only text
		// equality may drop one.
		const first = 'msg-3vkdid:bounce:1700000000000';
		const second = 'msg-1imnr5c:bounce:1700000000000';
		expect([...repeatedIds([first, second, first, second])]).toEqual([0, 0, 1, 1]);
	});

	it('tells apart long ids that differ only in the middle (one hash for all of them)', () => {
		const ids = Array.from({ length: 3000 }, (_, i) => `${'a'.repeat(40)}${String(i).padStart(6, '0')}${'b'.repeat(40)}`);
		expect(repeatedIds(ids).includes(1)).toBe(false);
		ids.push(ids[1234], ids[0]);
		const repeated = repeatedIds(ids);
		expect(repeated.reduce((sum, flag) => sum + flag, 0)).toBe(2);
		expect([repeated[3000], repeated[3001], repeated[1234], repeated[0]]).toEqual([1, 1, 0, 0]);
	});

	it('finds repeats among many ids wherever they are', () => {
		const ids = Array.from({ length: 20_000 }, (_, i) => `id-${i}`);
		ids[15_000] = 'id-7';
		ids[19_999] = 'id-15000';
		const repeated = repeatedIds(ids);
		expect(repeated.reduce((sum, flag) => sum + flag, 0)).toBe(1);
		expect(repeated[15_000]).toBe(1);
		expect(repeated[19_999]).toBe(0);
	});
});
