// The fields of the ARF feedback report (RFC 5965) that a TES complaint (`spam`) carries in
// msg.feedbackReport: header lines separated by CRLF or LF, folded lines allowed. One pass over
// the text: each line is searched for its colon within the line only, so a report of any size
// and shape costs time linear in its length (issue 12: searching past line ends was quadratic).

import { isoFromEpochMs, toEpochMs } from '../../shared/delivery/isoTimestamp';
import type { NormalizedComplaint } from '../../shared/NormalizedEvent';

// RFC 5965 field names (lower-case) → complaint fields. `received-date` is the draft's name for
// Arrival-Date, still seen in the wild.
const ARF_FIELDS: ReadonlyMap<string, keyof NormalizedComplaint> = new Map([
	['feedback-type', 'feedbackType'],
	['original-rcpt-to', 'originalRecipient'],
	['reported-domain', 'reportedDomain'],
	['source-ip', 'sourceIp'],
	['user-agent', 'userAgent'],
	['arrival-date', 'arrivalDate'],
	['received-date', 'arrivalDate'],
]);
const ARF_FIELD_NAMES: readonly string[] = [...ARF_FIELDS.keys()];
// No field name we read is longer; a longer one is skipped without lower-casing it.
const LONGEST_FIELD_NAME = 16;
const HAS_YEAR = /\d{4}/;
// A date is never longer; longer text is kept as written rather than handed to Date.parse.
const LONGEST_DATE = 64;

function addressOf(value: string): string {
	let text = value.trim();
	// Original-Rcpt-To may carry an address type (`rfc822;`) and angle brackets.
	const semicolon = text.indexOf(';');
	if (semicolon !== -1 && text.slice(0, semicolon).trim().toLowerCase() === 'rfc822') {
		text = text.slice(semicolon + 1).trim();
	}
	if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1).trim();
	return text;
}

function isAsciiSpace(c: number): boolean {
	return c === 0x20 || c === 0x09 || c === 0x0d;
}

/** The general way: trimmed, lower-cased, looked up (any white space, any letters). */
function fieldNamedGenerally(report: string, start: number, end: number): keyof NormalizedComplaint | undefined {
	return ARF_FIELDS.get(report.slice(start, end).trim().toLowerCase());
}

/**
 * The complaint field named by report[start, end) (around spaces, any case), compared in place:
 * most lines of a report name a field this node does not read, and slicing and lower-casing
 * each of them was most of the cost of a complaint. A name that is not plain ASCII where it
 * matters (other white space at its ends, a non-ASCII letter that lower-cases to ASCII) is read
 * the general way, so both ways always agree.
 */
function fieldNamed(report: string, start: number, end: number): keyof NormalizedComplaint | undefined {
	let from = start;
	let to = end;
	while (from < to && isAsciiSpace(report.charCodeAt(from))) from++;
	while (to > from && isAsciiSpace(report.charCodeAt(to - 1))) to--;
	const first = report.charCodeAt(from);
	const last = report.charCodeAt(to - 1);
	if (from === to || first > 0x7e || last > 0x7e || first <= 0x20 || last <= 0x20) {
		return fieldNamedGenerally(report, start, end);
	}
	const length = to - from;
	for (const name of ARF_FIELD_NAMES) {
		if (name.length !== length) continue;
		let i = 0;
		for (; i < length; i++) {
			const c = report.charCodeAt(from + i);
			if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) === name.charCodeAt(i)) continue;
			if (c > 0x7e) return fieldNamedGenerally(report, start, end);
			break;
		}
		if (i === length) return ARF_FIELDS.get(name);
	}
	return undefined;
}

/** Position of the first ':' in report[start, end), or -1. */
function colonWithin(report: string, start: number, end: number): number {
	for (let at = start; at < end; at++) if (report.charCodeAt(at) === 0x3a) return at;
	return -1;
}

function isFolded(report: string, at: number): boolean {
	const c = report.charCodeAt(at);
	return c === 0x20 || c === 0x09;
}

function lineEnd(report: string, start: number): number {
	const end = report.indexOf('\n', start);
	return end === -1 ? report.length : end;
}

export function emptyComplaint(): NormalizedComplaint {
	return {
		feedbackType: null,
		originalRecipient: null,
		reportedDomain: null,
		sourceIp: null,
		userAgent: null,
		arrivalDate: null,
	};
}

/** The complaint fields of a feedback report; every field null when `report` is not text. */
export function parseFeedbackReport(report: unknown): NormalizedComplaint {
	const complaint = emptyComplaint();
	if (typeof report !== 'string') return complaint;
	let start = 0;
	while (start < report.length) {
		const end = lineEnd(report, start);
		const lineStart = start;
		start = end + 1;
		const colon = colonWithin(report, lineStart, Math.min(end, lineStart + LONGEST_FIELD_NAME + 8));
		if (colon <= lineStart) continue;
		const field = fieldNamed(report, lineStart, colon);
		if (field === undefined || complaint[field] !== null) continue;
		let value = report.slice(colon + 1, end).trim();
		// Folded continuation lines start with white space.
		if (start < report.length && isFolded(report, start)) {
			const pieces = [value];
			while (start < report.length && isFolded(report, start)) {
				const next = lineEnd(report, start);
				pieces.push(report.slice(start, next).trim());
				start = next + 1;
			}
			value = pieces.join(' ').trim();
		}
		if (value === '') continue;
		if (field === 'originalRecipient') {
			complaint.originalRecipient = addressOf(value) || null;
		} else if (field === 'arrivalDate') {
			const ms = value.length <= LONGEST_DATE && HAS_YEAR.test(value) ? toEpochMs(value) : null;
			complaint.arrivalDate = ms === null ? value : (isoFromEpochMs(ms) ?? value);
		} else {
			complaint[field] = value;
		}
	}
	return complaint;
}
