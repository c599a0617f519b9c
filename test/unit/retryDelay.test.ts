// The waits between retries of a provider call: exponential backoff with jitter, the provider's
// Retry-After honoured (never retried sooner than asked, up to the 8 s cap).
import { retryDelayMs } from '../../nodes/shared/transport/providerRequest';

describe('retryDelayMs', () => {
	it('draws the wait from [step/2, step] with step 400 ms, then 800 ms', () => {
		expect(retryDelayMs(1, undefined, 0)).toBe(200);
		expect(retryDelayMs(1, undefined, 0.999)).toBeCloseTo(400, 0);
		expect(retryDelayMs(2, undefined, 0)).toBe(400);
		expect(retryDelayMs(2, undefined, 0.999)).toBeCloseTo(800, 0);
	});

	it('gives calls that failed together different waits (jitter), each within the budget', () => {
		const waits = [0, 0.25, 0.5, 0.75].map((random) => retryDelayMs(1, undefined, random));
		expect(new Set(waits).size).toBe(4);
		// The whole default budget: 3 tries, so two waits, at most 400 + 800 ms.
		expect(retryDelayMs(1, undefined, 0.999) + retryDelayMs(2, undefined, 0.999)).toBeLessThanOrEqual(1200);
	});

	it('never waits less than Retry-After asks (seconds or HTTP date), and adds jitter on top', () => {
		expect(retryDelayMs(1, '2', 0)).toBe(2000);
		expect(retryDelayMs(1, '2', 0.5)).toBe(2100);
		expect(retryDelayMs(1, 0, 0)).toBe(0);
		const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
		const wait = retryDelayMs(1, inFiveSeconds, 0);
		expect(wait).toBeGreaterThan(3000);
		expect(wait).toBeLessThanOrEqual(5000);
	});

	it('caps a long Retry-After at 8 s and ignores a malformed one', () => {
		expect(retryDelayMs(1, '3600', 0.5)).toBe(8000);
		expect(retryDelayMs(1, 'soon', 0)).toBe(200);
		expect(retryDelayMs(1, '-5', 0)).toBe(200);
		expect(retryDelayMs(1, '', 0)).toBe(200);
	});
});
