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
		const field = ARF_FIELDS.get(report.slice(lineStart, colon).trim().toLowerCase());
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
