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
