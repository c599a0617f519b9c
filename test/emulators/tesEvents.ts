// TES (Sarv / SendClean) event payloads: the seven sample events of the webhook doc, verbatim,
// and a generator of fresh events of each kind. Source: the brands' published webhook reference
// (identical samples in both), docs/providers.md "TES deliveries".
import { randomBytes, randomInt } from 'node:crypto';

/** One event as TES posts it. `ts` is in milliseconds; `_id` repeats across one message's events. */
export interface TesEvent {
	_id: string;
	smtp_name: string;
	x_unique_id: string;
	ts: number;
	msg: Record<string, unknown>;
	event: string;
	[extra: string]: unknown;
}

/** Kinds seen in deliveries: the six subscribable events plus `delivered` (docs/providers.md). */
export type TesEventKind = 'send' | 'delivered' | 'open' | 'click' | 'soft_bounce' | 'hard_bounce' | 'spam';
export const TES_EVENT_KINDS: readonly TesEventKind[] = [
	'send',
	'delivered',
	'open',
	'click',
	'soft_bounce',
	'hard_bounce',
	'spam',
];

/**
 * The doc's sample delivery, exactly as published (in its order: hard_bounce, soft_bounce, send,
 * delivered, click, open, spam), including its oddities: every event shares one `_id`, click and
 * open have an empty `x_unique_id`, descriptions end with a space. A fresh copy on every call.
 */
export function tesDocEvents(): TesEvent[] {
	const events: TesEvent[] = [
		{
			_id: '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1',
			smtp_name: 'smtp87654321',
			x_unique_id: '6f708632d96fe1cb0cb15eccc2676323b2615d5309a7896cf002c54d1a6ea4785',
			ts: 1465890656000,
			msg: {
				bounceDesc: 'Requested action not taken: mailbox unavailable ',
				bounceCodeTrad: 550,
				bounceCodeEnh: '5.2.2',
			},
			event: 'hard_bounce',
		},
		{
			_id: '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1',
			smtp_name: 'smtp87654321',
			x_unique_id: '5H708632d96ty7ub0cb15eccc2676323b2615d87879a7896cf002c54d1a6ea4893',
			ts: 1465890656000,
			msg: {
				bounceDesc: 'smtp; 552 5.2.2 Over quota ',
				bounceCodeTrad: 472,
				bounceCodeEnh: '4.2.2',
			},
			event: 'soft_bounce',
		},
		{
			_id: '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1',
			smtp_name: 'smtp87654321',
			x_unique_id: '5H708632d96ty7ub0cb15eccc2676323b2615d87879a7896cf002c54d1a6ea4893',
			ts: 1465890656000,
			msg: {},
			event: 'send',
		},
		{
			_id: '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1',
			smtp_name: 'smtp87654321',
			x_unique_id: '5H708632d96ty7ub0cb15eccc2676323b2615d87879a7896cf002c54d1a6ea4893',
			ts: 1465890656000,
			msg: {},
			event: 'delivered',
		},
		{
			_id: '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1',
			smtp_name: 'smtp87654321',
			x_unique_id: '',
			ts: 1465988183000,
			msg: {
				clicks: [
					{
						clickTs: 1465988314000,
						clickUrl: 'http://example.com/',
						clickIp: '0.0.0.0',
						clickUa: 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/47.0.2526.73 Safari/537.36',
					}
				],
			},
			event: 'click',
		},
		{
			_id: '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1',
			smtp_name: 'smtp87654321',
			x_unique_id: '',
			ts: 1465988314000,
			msg: {
				opens: [
					{
						openTs: 1465988314000,
						openIp: '0.0.0.0',
						openUa: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
					}
				],
			},
			event: 'open',
		},
		{
			_id: '14304056-C18956K3-AX7C-41E4-8A14-7E1G4HJYCBCD.129.1',
			smtp_name: 'smtp87654321',
			x_unique_id: '5H708632d96ty7ub0cb15eccc2676323b2615d87879a7896cf002c54d1a6ea4893',
			ts: 1465890656000,
			msg: {
				feedbackReport: 'Arrival-Date: Tue, 14 June 2016 07:50:56 +0000\r\nOriginal-Rcpt-To: b0df23337efdcda913f1e8888014812b@example.com\r\nOriginal-Mail-From: b-60821810-purchase=example.com@example.org\r\nReported-Domain: example.org\r\nSource-Ip: 0.0.0.0\r\nFeedback-Type: abuse\r\nAbuse-Type: complaint\r\nUser-Agent: ReturnPathFBL/2.0\r\n',
			},
			event: 'spam',
		},
	];
	return events;
}

export interface FeedbackReportFields {
	recipient?: string;
	mailFrom?: string;
	reportedDomain?: string;
	sourceIp?: string;
	feedbackType?: string;
	arrivalDate?: string;
	userAgent?: string;
}

/** An ARF feedback report laid out as the doc's spam sample (CRLF-separated header lines). */
export function tesFeedbackReport(fields: FeedbackReportFields = {}): string {
	const lines = [
		`Arrival-Date: ${fields.arrivalDate ?? 'Tue, 14 June 2016 07:50:56 +0000'}`,
		`Original-Rcpt-To: ${fields.recipient ?? 'recipient@example.com'}`,
		`Original-Mail-From: ${fields.mailFrom ?? 'bounces@example.org'}`,
		`Reported-Domain: ${fields.reportedDomain ?? 'example.org'}`,
		`Source-Ip: ${fields.sourceIp ?? '192.0.2.10'}`,
		`Feedback-Type: ${fields.feedbackType ?? 'abuse'}`,
		'Abuse-Type: complaint',
		`User-Agent: ${fields.userAgent ?? 'ReturnPathFBL/2.0'}`,
	];
	return lines.map((line) => `${line}\r\n`).join('');
}

const OPEN_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CLICK_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Safari/605.1.15';

/**
 * A fresh event of the given kind (any other string gives an event with an empty `msg`, to play
 * event types the docs do not list), with new ids and `ts` = now. `overrides` replace top-level
 * fields (pass `msg` to replace the whole msg).
 */
export function makeTesEvent(kind: TesEventKind | string, overrides: Partial<TesEvent> = {}): TesEvent {
	const ts = overrides.ts ?? Date.now();
	const event: TesEvent = {
		_id: `${hex(8)}-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}.${randomInt(1, 999)}.1`.toUpperCase(),
		smtp_name: `smtp${randomInt(10_000_000, 99_999_999)}`,
		x_unique_id: hex(64),
		ts,
		msg: sampleMsg(kind, ts),
		event: kind,
	};
	return { ...event, ...overrides };
}

function sampleMsg(kind: string, ts: number): Record<string, unknown> {
	switch (kind) {
		case 'hard_bounce':
			return {
				bounceDesc: 'smtp; 550 5.1.1 The email account that you tried to reach does not exist',
				bounceCodeTrad: 550,
				bounceCodeEnh: '5.1.1',
			};
		case 'soft_bounce':
			return { bounceDesc: 'smtp; 452 4.2.2 Mailbox full', bounceCodeTrad: 452, bounceCodeEnh: '4.2.2' };
		case 'open':
			return { opens: [{ openTs: ts, openIp: '198.51.100.23', openUa: OPEN_UA }] };
		case 'click':
			return {
				clicks: [{ clickTs: ts, clickUrl: 'https://example.com/offer?utm_source=email', clickIp: '198.51.100.24', clickUa: CLICK_UA }],
			};
		case 'spam':
			return { feedbackReport: tesFeedbackReport() };
		default:
			return {};
	}
}

function hex(length: number): string {
	return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}
