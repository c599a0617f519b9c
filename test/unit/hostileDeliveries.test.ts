// Signed (or unchecked) bodies of hostile shape cost work linear in their size and end in a clear
// 4xx, never a RangeError (issue 12). Asserted by work and size, not time: characters scanned,
// bytes of output items, the error a caller sees.
import { normalizeEverlyticEvent } from '../../nodes/Everlytic/delivery/normalizeEverlyticEvent';
import { parseEverlyticDelivery } from '../../nodes/Everlytic/delivery/parseEverlyticDelivery';
import { MalformedDeliveryError } from '../../nodes/shared/delivery/MalformedDeliveryError';
import { normalizeTesEvent } from '../../nodes/Tes/delivery/normalizeTesEvent';
import { parseFeedbackReport } from '../../nodes/Tes/delivery/parseFeedbackReport';
import { parseTesDelivery } from '../../nodes/Tes/delivery/parseTesDelivery';

function refusal(run: () => unknown): MalformedDeliveryError {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(MalformedDeliveryError);
	return caught as MalformedDeliveryError;
}

const DEEP = 10_000;
const TOO_DEEP = { httpStatusCode: 400, message: 'Body is nested more than 64 levels deep' };
const deepValue = (): unknown => JSON.parse('['.repeat(DEEP) + ']'.repeat(DEEP));

describe('JSON nested 10,000 deep is a 400, never a RangeError', () => {
	it.each([
		['TES: a bounce detail', () => [{ event: 'hard_bounce', x_unique_id: 'u', ts: 1, msg: { bounceDesc: deepValue() } }]],
		['TES: an event of an unknown kind', () => [{ event: 'reject', x_unique_id: 'u', ts: 1, msg: { detail: deepValue() } }]],
		['TES: a form field holding it', () => ({ mandrill_events: `[{"event":"open","x":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}]` })],
	])('%s', (_name, body) => {
		expect(refusal(() => parseTesDelivery({ body: body() }))).toMatchObject(TOO_DEEP);
	});

	it('TES: normalizing an event that never went through the parser refuses it too', () => {
		const raw = { event: 'hard_bounce', x_unique_id: 'u', ts: 1, msg: { bounceDesc: deepValue() } };
		expect(refusal(() => normalizeTesEvent(raw, 'sarv'))).toMatchObject(TOO_DEEP);
		expect(refusal(() => normalizeTesEvent({ event: 'reject', deep: deepValue() }, 'sarv'))).toMatchObject(TOO_DEEP);
	});

	it.each([
		['an event without id', () => ({ type: 'sent', data: [{ recipient: { email: 'a@example.com' }, extra: deepValue() }] })],
		['a legacy event', () => ({ event: { event_type: 'Sent', extra: deepValue() } })],
		['a JSON field of a form', () => ({ type: 'sent', data: `[{"x":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}]` })],
	])('Everlytic: %s', (_name, body) => {
		expect(refusal(() => parseEverlyticDelivery({ body: body() }))).toMatchObject(TOO_DEEP);
	});

	it('Everlytic: a form field name with 10,000 brackets', () => {
		const name = `data${'[a]'.repeat(DEEP)}`;
		expect(refusal(() => parseEverlyticDelivery({ body: { type: 'sent', [name]: 'x' } }))).toMatchObject({
			httpStatusCode: 400,
			message: 'A form field name nests more than 16 brackets deep',
		});
		const raw = new URLSearchParams({ type: 'sent', [name]: 'x' }).toString();
		expect(refusal(() => parseEverlyticDelivery({ body: undefined, rawBody: raw })).httpStatusCode).toBe(400);
	});
});

describe('the complaint report parser is linear', () => {
	// Counts the characters String.prototype.indexOf scans while `run` runs.
	function charactersScannedByIndexOf(run: () => void): number {
		const original = String.prototype.indexOf;
		let scanned = 0;
		String.prototype.indexOf = function (this: string, search: string, from?: number) {
			const start = Math.max(0, from ?? 0);
			const found = original.call(this, search, from);
			scanned += (found === -1 ? this.length : found + search.length) - start;
			return found;
		};
		try {
			run();
		} finally {
			String.prototype.indexOf = original;
		}
		return scanned;
	}

	it('scans a report of 20,000 colon-less lines a bounded number of times', () => {
		const report = `${'x'.repeat(40)}\n`.repeat(20_000) + 'Feedback-Type: abuse\nOriginal-Rcpt-To: a@example.com\n';
		let complaint: ReturnType<typeof parseFeedbackReport> | undefined;
		const scanned = charactersScannedByIndexOf(() => {
			complaint = parseFeedbackReport(report);
		});
		expect(complaint).toMatchObject({ feedbackType: 'abuse', originalRecipient: 'a@example.com' });
		expect(scanned).toBeLessThanOrEqual(3 * report.length);
	});
});

describe('Everlytic deliveries with many data[] entries', () => {
	const entries = (count: number) =>
		Array.from({ length: count }, (_, i) => ({ transaction: { message_id: `<m${i}@x>` }, recipient: { email: `r${i}@example.com` } }));
	const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

	it.each([
		['a small envelope', {}],
		['a large envelope field', { meta: 'm'.repeat(100_000) }],
	])('with %s: no item is larger than its share, together no larger than the delivery', (_name, extra) => {
		const delivery = { id: 'd1', type: 'bounce', timestamp: '2024-01-01T00:00:00.000Z', ...extra, data: entries(4_000) };
		const events = parseEverlyticDelivery({ body: delivery });
		expect(events).toHaveLength(4_000);
		const sizes = events.map(jsonBytes);
		const envelopeShare = jsonBytes({ ...delivery, data: [] });
		// Output "Raw": every item beyond the first is its entry plus the short envelope fields.
		expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(jsonBytes(delivery.data[0]) + 200);
		expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(jsonBytes(delivery) + envelopeShare + 4_000 * 120);
		// Every entry keeps what normalizing needs: its own id, type and recipient.
		const normalized = events.map((event) => normalizeEverlyticEvent(event));
		expect(normalized[3_999]).toMatchObject({ id: 'd1:3999', event: 'bounce', recipient: 'r3999@example.com', timestamp: '2024-01-01T00:00:00.000Z' });
	});
});
