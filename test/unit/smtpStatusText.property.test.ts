// The SMTP status readers behind Everlytic's bounce details are written by hand for speed; each
// must answer exactly what the regular expression it replaces answers, on any text.
import fc from 'fast-check';

import {
	isEnhancedStatusCode,
	isRegExpSpace,
	replyEnhancedStatusCode,
	replyStatusCode,
} from '../../nodes/Everlytic/delivery/smtpStatusText';

const ENHANCED_CODE = /^[245]\.\d{1,3}\.\d{1,3}$/;
const REPLY_CODE = /^([245]\d\d)(?:[\s-]|$)/;
const REPLY_ENHANCED_CODE = /(?:^|\s)([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/;

// Texts made of what matters to the expressions (digits, dots, dashes, every kind of space),
// with letters and any other character now and then.
const SPACES = ' \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u0085';
const unit = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...'0123456789'.split('')) },
	{ weight: 4, arbitrary: fc.constant('.') },
	{ weight: 3, arbitrary: fc.constantFrom(...SPACES.split('')) },
	{ weight: 1, arbitrary: fc.constantFrom('-', 'a', 'Z', '<', ':') },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const text = fc.string({ unit, maxLength: 30 });
const replies = fc.oneof(
	text,
	fc.tuple(fc.constantFrom('550', '421', '250', '5.1.1', '4.2.2 ', '550-5.7.1'), text).map(([a, b]) => a + b),
	fc.tuple(text, fc.constantFrom(' 5.1.1', ' 4.7.0 ', '\u00a05.2.2', ' 2.0.0.1', ' 5.1234.1')).map(([a, b]) => a + b),
);

describe('SMTP status codes read from text, as the regular expressions read them', () => {
	it('isRegExpSpace is \\s for every UTF-16 unit', () => {
		const disagreeing: number[] = [];
		for (let c = 0; c <= 0xffff; c++) {
			if (isRegExpSpace(c) !== /\s/.test(String.fromCharCode(c))) disagreeing.push(c);
		}
		expect(disagreeing).toEqual([]);
	});

	it('isEnhancedStatusCode', () => {
		fc.assert(
			fc.property(replies, (value) => {
				expect(isEnhancedStatusCode(value)).toBe(ENHANCED_CODE.test(value));
			}),
			{ numRuns: 20_000 },
		);
		for (const code of ['5.1.1', '4.7.0', '2.0.0', '5.123.456']) expect(isEnhancedStatusCode(code)).toBe(true);
		for (const code of ['5.1', '6.1.1', '5.1.1 ', '5.1234.1', '5..1', '55.1.1']) expect(isEnhancedStatusCode(code)).toBe(false);
	});

	it('replyStatusCode', () => {
		fc.assert(
			fc.property(replies, (value) => {
				const match = REPLY_CODE.exec(value);
				expect(replyStatusCode(value)).toBe(match === null ? null : Number(match[1]));
			}),
			{ numRuns: 20_000 },
		);
		expect(replyStatusCode('550 5.1.1 User unknown')).toBe(550);
		expect(replyStatusCode('421-Try again')).toBe(421);
		expect(replyStatusCode('5500 no')).toBeNull();
	});

	it('replyEnhancedStatusCode', () => {
		fc.assert(
			fc.property(replies, (value) => {
				const match = REPLY_ENHANCED_CODE.exec(value);
				expect(replyEnhancedStatusCode(value)).toBe(match === null ? null : match[1]);
			}),
			{ numRuns: 20_000 },
		);
		expect(replyEnhancedStatusCode('550 5.1.1 <jane@example.com>: User unknown')).toBe('5.1.1');
		expect(replyEnhancedStatusCode('version 1.2.3 then 4.4.7')).toBe('4.4.7');
		expect(replyEnhancedStatusCode('550 5.1.1.2 x')).toBeNull();
	});
});
