// The recipient look-up engine of the TES triggers, with a scripted provider: one call per
// distinct message, bounded concurrency and count, a time budget that holds whatever the provider
// does, and a reason on every event left without an address.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	isUsableAddress,
	lookUpRecipients,
	MISSING_REASON,
	RECIPIENT_LOOKUP_BOUNDS,
	type LookUpOne,
	type RecipientLookUpAnswer,
	type RecipientLookUpTarget,
} from '../../nodes/Tes/trigger/lookUpRecipients';

const BOUNDS = { maxLookUps: 20, concurrency: 4, budgetMs: 5000 };

function bounce(messageId: string | null, recipient: string | null = null): RecipientLookUpTarget {
	return { event: 'bounce', messageId, recipient, complaint: null, recipientSource: null, recipientMissingReason: 'not in event' };
}

/** A provider that knows `addresses` (id → address), answers in order, and counts what it was asked. */
function provider(addresses: Record<string, string | null>) {
	const asked: string[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const lookUpOne: LookUpOne = async (messageId) => {
		asked.push(messageId);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await Promise.resolve();
		await Promise.resolve();
		inFlight--;
		const known = Object.prototype.hasOwnProperty.call(addresses, messageId);
		return { found: known, recipient: known ? addresses[messageId] : null };
	};
	return { lookUpOne, asked, maxInFlight: () => maxInFlight };
}

test('fills the recipient of every bounce, with one look-up per distinct message', async () => {
	const events = [bounce('a'), bounce('b'), bounce('a'), bounce('c')];
	const tes = provider({ a: 'a@example.com', b: 'b@example.com', c: 'c@example.com' });
	const report = await lookUpRecipients(events, 'bouncesAndComplaints', tes.lookUpOne, BOUNDS);
	expect(tes.asked.sort()).toEqual(['a', 'b', 'c']);
	expect(events.map((e) => e.recipient)).toEqual(['a@example.com', 'b@example.com', 'a@example.com', 'c@example.com']);
	expect(events.every((e) => e.recipientSource === 'lookup' && e.recipientMissingReason === null)).toBe(true);
	expect(report).toMatchObject({ lookedUp: 3, filled: 4 });
	expect(report.unresolved.size).toBe(0);
});

test('never more look-ups in flight than the concurrency bound', async () => {
	const ids = Array.from({ length: 12 }, (_, i) => `m${i}`);
	const tes = provider(Object.fromEntries(ids.map((id) => [id, `${id}@example.com`])));
	await lookUpRecipients(ids.map((id) => bounce(id)), 'bouncesAndComplaints', tes.lookUpOne, BOUNDS);
	expect(tes.asked).toHaveLength(12);
	expect(tes.maxInFlight()).toBe(4);
});

test('at most maxLookUps messages per delivery; the others say the budget ran out', async () => {
	const ids = Array.from({ length: 30 }, (_, i) => `m${i}`);
	const tes = provider(Object.fromEntries(ids.map((id) => [id, `${id}@example.com`])));
	const events = ids.map((id) => bounce(id));
	const report = await lookUpRecipients(events, 'bouncesAndComplaints', tes.lookUpOne, BOUNDS);
	expect(tes.asked).toHaveLength(20);
	expect(events.filter((e) => e.recipientSource === 'lookup')).toHaveLength(20);
	expect(events.slice(20).map((e) => [e.recipient, e.recipientMissingReason])).toEqual(ids.slice(20).map(() => [null, MISSING_REASON.budget]));
	expect(report.unresolved.size).toBe(10);
});

test('a provider that never answers: the look-up ends at the budget, aborts its calls, and leaves a reason', async () => {
	const signals: AbortSignal[] = [];
	const hanging: LookUpOne = async (_id, call) => {
		signals.push(call.abortSignal);
		return await new Promise<RecipientLookUpAnswer>(() => undefined);
	};
	const events = [bounce('a'), bounce('b')];
	await expect(lookUpRecipients(events, 'bouncesAndComplaints', hanging, { ...BOUNDS, budgetMs: 30 })).resolves.toMatchObject({ filled: 0 });
	expect(events.map((e) => e.recipientMissingReason)).toEqual([MISSING_REASON.budget, MISSING_REASON.budget]);
	expect(signals).toHaveLength(2);
	expect(signals.every((signal) => signal.aborted)).toBe(true);
});

test('an answer that arrives after the budget is not used', async () => {
	let release: (answer: RecipientLookUpAnswer) => void = () => undefined;
	const late: LookUpOne = async () => await new Promise<RecipientLookUpAnswer>((resolve) => (release = resolve));
	const events = [bounce('a')];
	await lookUpRecipients(events, 'bouncesAndComplaints', late, { ...BOUNDS, budgetMs: 20 });
	release({ found: true, recipient: 'late@example.com' });
	await Promise.resolve();
	expect(events[0]).toMatchObject({ recipient: null, recipientMissingReason: MISSING_REASON.budget });
});

test('failures, unknown messages and messages without an address each leave their reason; nothing rejects', async () => {
	const lookUpOne: LookUpOne = async (id) => {
		if (id === 'down') throw new Error('Could not reach Sarv: ECONNREFUSED');
		if (id === 'refused') throw Object.assign(new Error('Sarv: Invalid x_unique_id'), { httpCode: '400' });
		if (id === 'empty') return { found: true, recipient: null };
		return { found: false, recipient: null };
	};
	const events = [bounce('down'), bounce('refused'), bounce('empty'), bounce('unknown')];
	const report = await lookUpRecipients(events, 'bouncesAndComplaints', lookUpOne, BOUNDS);
	expect(events.map((e) => e.recipientMissingReason)).toEqual([
		'look-up failed: Could not reach Sarv: ECONNREFUSED',
		MISSING_REASON.notFound,
		MISSING_REASON.noAddress,
		MISSING_REASON.notFound,
	]);
	expect(events.every((e) => e.recipient === null && e.recipientSource === null)).toBe(true);
	expect([...report.unresolved.keys()]).toEqual(['down', 'refused', 'empty', 'unknown']);
});

describe('which events are looked up', () => {
	const open = (): RecipientLookUpTarget => ({ ...bounce('o'), event: 'open' });

	test('by default bounces and complaints only; other events say the look-up is not enabled for them', async () => {
		const tes = provider({ o: 'o@example.com', b: 'b@example.com' });
		const events = [open(), bounce('b')];
		await lookUpRecipients(events, 'bouncesAndComplaints', tes.lookUpOne, BOUNDS);
		expect(tes.asked).toEqual(['b']);
		expect(events[0]).toMatchObject({ recipient: null, recipientMissingReason: MISSING_REASON.notForThisEvent });
	});

	test('"For All Events" includes opens', async () => {
		const tes = provider({ o: 'o@example.com' });
		const events = [open()];
		await lookUpRecipients(events, 'allEvents', tes.lookUpOne, BOUNDS);
		expect(events[0]).toMatchObject({ recipient: 'o@example.com', recipientSource: 'lookup' });
	});

	test('"Never" makes no call and says so', async () => {
		const tes = provider({ b: 'b@example.com' });
		const events = [bounce('b')];
		await lookUpRecipients(events, 'never', tes.lookUpOne, BOUNDS);
		expect(tes.asked).toEqual([]);
		expect(events[0].recipientMissingReason).toBe(MISSING_REASON.disabled);
	});

	test('an event without a message id, or with an address already, costs no call', async () => {
		const tes = provider({});
		const events = [bounce(null), bounce(''), { ...bounce('x', 'known@example.com'), recipientSource: 'event' as const, recipientMissingReason: null }];
		await lookUpRecipients(events, 'allEvents', tes.lookUpOne, BOUNDS);
		expect(tes.asked).toEqual([]);
		expect(events.map((e) => e.recipientMissingReason)).toEqual([MISSING_REASON.noMessageId, MISSING_REASON.noMessageId, null]);
		expect(events[2]).toMatchObject({ recipient: 'known@example.com', recipientSource: 'event' });
	});

	test('a complaint whose report hashes the address gets the looked-up one; the report keeps its own', async () => {
		const hashed = 'b0df23337efdcda913f1e8888014812b@example.com';
		const complaint: RecipientLookUpTarget = {
			event: 'complaint',
			messageId: 'c',
			recipient: hashed,
			recipientSource: 'report',
			recipientMissingReason: null,
			complaint: { feedbackType: 'abuse', originalRecipient: hashed, reportedDomain: null, sourceIp: null, userAgent: null, arrivalDate: null },
		};
		await lookUpRecipients([complaint], 'bouncesAndComplaints', provider({ c: 'jane@example.com' }).lookUpOne, BOUNDS);
		expect(complaint).toMatchObject({ recipient: 'jane@example.com', recipientSource: 'lookup', complaint: { originalRecipient: hashed } });
	});

	test('a hashed report address stays when the look-up finds nothing (the log says why)', async () => {
		const hashed = 'b0df23337efdcda913f1e8888014812b@example.com';
		const complaint: RecipientLookUpTarget = { event: 'complaint', messageId: 'c', recipient: hashed, recipientSource: 'report', recipientMissingReason: null, complaint: null };
		const report = await lookUpRecipients([complaint], 'bouncesAndComplaints', provider({}).lookUpOne, BOUNDS);
		expect(complaint).toMatchObject({ recipient: hashed, recipientSource: 'report', recipientMissingReason: null });
		expect(report.unresolved.get('c')).toBe(MISSING_REASON.notFound);
	});
});

test('hashed and redacted addresses are told from usable ones', () => {
	expect(['jane@example.com', 'a.b+tag@example.co.uk', 'deadbeef@example.com'].map(isUsableAddress)).toEqual([true, true, true]);
	expect(
		[null, 'no-at-sign', '@example.com', 'b0df23337efdcda913f1e8888014812b@example.com', 'j***@example.com', 'redacted@example.com', 'xxxx@example.com'].map(isUsableAddress),
	).toEqual([false, false, false, false, false, false, false]);
});

test("the README states the look-up's actual bounds", () => {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
	const { maxLookUps, concurrency, budgetMs } = RECIPIENT_LOOKUP_BOUNDS;
	expect(readme).toContain(`at most **${maxLookUps} messages per delivery**, at most **${concurrency} calls at a time**`);
	expect(readme).toContain(`**${budgetMs / 1000} s per delivery** in all`);
});

test('10,000 events of one message cost one call and all get the address', async () => {
	const tes = provider({ same: 'same@example.com' });
	const events = Array.from({ length: 10_000 }, () => bounce('same'));
	const report = await lookUpRecipients(events, 'bouncesAndComplaints', tes.lookUpOne, BOUNDS);
	expect(tes.asked).toEqual(['same']);
	expect(report.filled).toBe(10_000);
});
