// One event per entry of a standard delivery's data[]: a view of the envelope whose `data` is
// `[this entry]`. Views reference the entry, never copy it. Envelope fields are copied into each
// view only while they are small (Everlytic's are id, type and timestamp): a large one appears
// once, on the first entry's event, so that no item is larger than its share of the delivery
// (issue 12: copying a large envelope into thousands of items multiplied the delivery's size).

import { boundedJson } from '../../shared/delivery/valueDepth';

/**
 * An Everlytic event as received: the delivery object itself, or a view of it for one of its
 * data[] entries (see above). Entries are referenced, not copied.
 */
export type EverlyticRawEvent = Record<string, unknown>;

/**
 * Where a view sits in its delivery's data[]: a non-enumerable symbol property, so that it
 * never shows in the event's JSON or in n8n's item, yet lets the id say which entry it is.
 */
export const EVERLYTIC_ENTRY_INDEX: unique symbol = Symbol('everlyticEntryIndex');

/** Envelope fields (JSON bytes, `data` aside) that every view may carry. */
const SHARED_ENVELOPE_BYTES = 1024;
/** The envelope fields normalizing reads; kept on every view while each is this short. */
const NORMALIZED_FIELDS: readonly string[] = Object.freeze(['id', 'type', 'timestamp']);
const SHORT_FIELD_BYTES = 256;

function envelopeWithoutData(delivery: Record<string, unknown>): Record<string, unknown> {
	const envelope: Record<string, unknown> = {};
	for (const name of Object.keys(delivery)) if (name !== 'data') envelope[name] = delivery[name];
	return envelope;
}

/** The fields normalizing reads, when each is short; the rest stays on the first view. */
function smallEnvelopeOf(envelope: Record<string, unknown>): Record<string, unknown> {
	const small: Record<string, unknown> = {};
	for (const name of NORMALIZED_FIELDS) {
		const value = envelope[name];
		if (value === undefined) continue;
		if (typeof value === 'number' || (typeof value === 'string' && value.length <= SHORT_FIELD_BYTES)) {
			small[name] = value;
		}
	}
	return small;
}

function view(envelope: Record<string, unknown>, entry: Record<string, unknown>, index: number | null): EverlyticRawEvent {
	const event: EverlyticRawEvent = { ...envelope, data: [entry] };
	if (index !== null) Object.defineProperty(event, EVERLYTIC_ENTRY_INDEX, { value: index });
	return event;
}

/** One view per entry, in order (see the file comment); a lone entry's view has no index. */
export function envelopeViews(
	delivery: Record<string, unknown>,
	entries: ReadonlyArray<Record<string, unknown>>,
): EverlyticRawEvent[] {
	const envelope = envelopeWithoutData(delivery);
	if (entries.length === 1) return [view(envelope, entries[0], null)];
	// Measured once per delivery (depth-bounded: a deep envelope is a 400, not a crash).
	const shared = boundedJson(envelope).length <= SHARED_ENVELOPE_BYTES ? envelope : smallEnvelopeOf(envelope);
	const events: EverlyticRawEvent[] = new Array(entries.length);
	for (let i = 0; i < entries.length; i++) {
		events[i] = view(i === 0 ? envelope : shared, entries[i], i);
	}
	return events;
}
