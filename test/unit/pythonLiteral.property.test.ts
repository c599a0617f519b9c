// Property checks of the Python-literal reader against an independent writer (the emulator's
// pythonRepr, Python's own rules): what a Python sender writes is read back as the same data,
// and no text of any shape makes the reader fail with anything but "not a literal" or a 400.
import fc from 'fast-check';

import { decodeDeliveryText } from '../../nodes/shared/delivery/decodeDeliveryBody';
import { MalformedDeliveryError } from '../../nodes/shared/delivery/MalformedDeliveryError';
import { parsePythonLiteral } from '../../nodes/shared/delivery/pythonLiteral';
import { pythonRepr } from '../emulators/pythonRepr';

const RUNS = { numRuns: 300 };
// JSON round trip: -0 and the like become what a JSON sender would have sent.
const jsonData = fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

test("Python's repr of any JSON data reads back as that data", () => {
	fc.assert(
		fc.property(jsonData, (value) => {
			expect(parsePythonLiteral(pythonRepr(value))).toEqual({ value });
		}),
		RUNS,
	);
});

test('a form field holding the repr of events decodes to the events', () => {
	fc.assert(
		fc.property(fc.array(fc.dictionary(fc.string(), jsonData, { maxKeys: 5 }), { maxLength: 5 }), (events) => {
			expect(decodeDeliveryText(pythonRepr(events), { notReadable: 'x', pythonLiterals: true })).toEqual(events);
		}),
		RUNS,
	);
});

test('any text is a literal, not a literal, or a 400: never another error', () => {
	const alphabet = fc.constantFrom(...`{}[](),:'"\\ uUxTrueFalseNone0123456789.-+e\n`.split(''));
	fc.assert(
		fc.property(fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 200 }).map((chars) => chars.join(''))), (text) => {
			try {
				parsePythonLiteral(text);
			} catch (error) {
				expect(error).toBeInstanceOf(MalformedDeliveryError);
			}
		}),
		{ numRuns: 2000 },
	);
});
