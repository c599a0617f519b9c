// The shared body decoding: texts as JSON, bounded forms and Python literals, and the HTTP
// status each refusal carries.
import { decodeDeliveryText } from '../../nodes/shared/delivery/decodeDeliveryBody';
import { countFormFields, formFieldList, MAX_FORM_FIELDS, parseFormBody } from '../../nodes/shared/delivery/formBody';
import { MalformedDeliveryError } from '../../nodes/shared/delivery/MalformedDeliveryError';
import { parsePythonLiteral } from '../../nodes/shared/delivery/pythonLiteral';
import { boundedJson, isNestedDeeperThan, MAX_VALUE_DEPTH } from '../../nodes/shared/delivery/valueDepth';

function refusal(run: () => unknown): MalformedDeliveryError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(MalformedDeliveryError);
		return error as MalformedDeliveryError;
	}
	throw new Error('expected a MalformedDeliveryError');
}

const options = { notReadable: 'unreadable' };

describe('decodeDeliveryText', () => {
	it('reads JSON, forms, and nothing from blank text', () => {
		expect(decodeDeliveryText(' [{"a":1}] ', options)).toEqual([{ a: 1 }]);
		expect(decodeDeliveryText('a=1&b=x+y&c=%7B%7D', options)).toEqual({ a: '1', b: 'x y', c: '{}' });
		expect(decodeDeliveryText(' \n', options)).toBeUndefined();
	});

	it('answers 400 with its own messages', () => {
		expect(refusal(() => decodeDeliveryText('[{', options))).toMatchObject({ message: 'Body is not valid JSON', httpStatusCode: 400 });
		expect(refusal(() => decodeDeliveryText('hello', options))).toMatchObject({ message: 'unreadable', httpStatusCode: 400 });
	});

	it('reads a Python literal only when asked to (a form field value)', () => {
		const text = "[{'event': 'open', 'ok': True, 'none': None}]";
		expect(refusal(() => decodeDeliveryText(text, options)).message).toBe('Body is not valid JSON');
		expect(decodeDeliveryText(text, { ...options, pythonLiterals: true })).toEqual([{ event: 'open', ok: true, none: null }]);
		expect(decodeDeliveryText("({'a': 1},)", { ...options, pythonLiterals: true })).toEqual([{ a: 1 }]);
	});
});

describe('formBody', () => {
	it('keeps repeated names as arrays and drops __proto__', () => {
		const fields = parseFormBody('a=1&a=2&__proto__=x&b=');
		expect(fields).toEqual({ a: ['1', '2'], b: '' });
		expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
		expect(formFieldList('b=2&a=1')).toEqual([['b', '2'], ['a', '1']]);
	});

	it('refuses more fields than n8n itself parses with 413, before decoding any', () => {
		const text = Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => `f${i}=1`).join('&');
		expect(countFormFields(text)).toBe(MAX_FORM_FIELDS + 1);
		expect(refusal(() => parseFormBody(text))).toMatchObject({ httpStatusCode: 413 });
		expect(refusal(() => formFieldList(text))).toMatchObject({ httpStatusCode: 413 });
		expect(Object.keys(parseFormBody(text.slice(0, text.lastIndexOf('&'))))).toHaveLength(MAX_FORM_FIELDS);
	});

	it('counts a million-field body without looking past the bound', () => {
		expect(countFormFields('a&'.repeat(1_000_000), 10)).toBe(11);
	});
});

describe('parsePythonLiteral', () => {
	it.each<[string, unknown]>([
		["{'a': 'it\\'s', \"b\": u'\\xe9\\u00e9\\n', 'c': -1.5e3, 'd': [1, 2,], 'e': (), 'f': (1)}", { a: "it's", b: 'éé\n', c: -1500, d: [1, 2], e: [], f: 1 }],
		["{1: 'x'}", { 1: 'x' }],
		["'\\101\\q'", 'A\\q'],
		["{'__proto__': 1}", JSON.parse('{"__proto__": 1}')],
	])('%s', (text, value) => {
		expect(parsePythonLiteral(text)).toEqual({ value });
	});

	it.each(["{'a': true}", "{'a' 1}", "{'a': 1", "'unterminated", "{'a': {1, 2}}", "b'bytes'", '[1] x', "{None: 1}", "'a\nb'"])(
		'%s is not a literal',
		(text) => {
			expect(parsePythonLiteral(text)).toBeUndefined();
		},
	);

	it('answers 400 past the depth bound instead of overflowing the stack', () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		expect(refusal(() => parsePythonLiteral(deep))).toMatchObject({ httpStatusCode: 400, message: `Body is nested more than ${MAX_VALUE_DEPTH} levels deep` });
	});
});

describe('valueDepth', () => {
	it('tells a 10,000-deep value from a shallow one without recursion', () => {
		const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) as unknown;
		expect(isNestedDeeperThan(deep)).toBe(true);
		expect(isNestedDeeperThan({ a: [{ b: 1 }] })).toBe(false);
		expect(refusal(() => boundedJson(deep)).httpStatusCode).toBe(400);
		expect(boundedJson({ a: [1] })).toBe('{"a":[1]}');
	});
});
