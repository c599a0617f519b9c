// Reads a Python literal of JSON-like data: what a Python sender produces with str()/repr() of
// a list of dicts instead of json.dumps (issue 9: a public TES receiver reads its form field with
// Python's literal_eval). Understood: dicts with string or number keys, lists, tuples (as
// arrays), strings in single or double quotes (an optional u prefix, Python's escapes), ints,
// floats, True, False, None. Nothing else (no sets, bytes, expressions, JSON's true/false/null):
// text that is not unambiguously such a literal is not read. One pass over the text; nesting is
// bounded by MAX_VALUE_DEPTH (deeper → MalformedDeliveryError 400), so no input can overflow the
// stack.

import { MAX_VALUE_DEPTH, tooDeepError } from './valueDepth';

/** Thrown inside the reader for text that is not a literal; never leaves this module. */
class NotALiteral extends Error {}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
	'\\': '\\',
	"'": "'",
	'"': '"',
	n: '\n',
	r: '\r',
	t: '\t',
	b: '\b',
	f: '\f',
	v: '\v',
	a: '\u0007',
	'0': '\0',
});
const HEX_DIGITS = /^[0-9a-fA-F]+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

class LiteralReader {
	private at = 0;
	/** set when the text nests deeper than MAX_VALUE_DEPTH */
	tooDeep = false;

	constructor(private readonly text: string) {}

	read(): unknown {
		const value = this.value(1);
		this.skipSpace();
		if (this.at !== this.text.length) throw new NotALiteral();
		return value;
	}

	private skipSpace(): void {
		const { text } = this;
		while (this.at < text.length) {
			const c = text.charCodeAt(this.at);
			if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
			this.at++;
		}
	}

	private value(depth: number): unknown {
		this.skipSpace();
		const c = this.text[this.at];
		if (c === '{') return this.dict(depth);
		if (c === '[') return this.sequence(depth, ']');
		if (c === '(') return this.sequence(depth, ')');
		if (c === "'" || c === '"') return this.string();
		if ((c === 'u' || c === 'U') && (this.text[this.at + 1] === "'" || this.text[this.at + 1] === '"')) {
			this.at++;
			return this.string();
		}
		return this.word();
	}

	private enter(depth: number): void {
		if (depth > MAX_VALUE_DEPTH) {
			this.tooDeep = true;
			throw new NotALiteral();
		}
		this.at++;
	}

	/** Items up to `close`, comma-separated, a trailing comma allowed. */
	private items(close: string, readItem: () => void): number {
		let count = 0;
		for (;;) {
			this.skipSpace();
			if (this.text[this.at] === close) break;
			readItem();
			count++;
			this.skipSpace();
			const next = this.text[this.at];
			if (next === ',') {
				this.at++;
			} else if (next !== close) {
				throw new NotALiteral();
			}
		}
		this.at++;
		return count;
	}

	private dict(depth: number): Record<string, unknown> {
		this.enter(depth);
		const result: Record<string, unknown> = {};
		this.items('}', () => {
			const key = this.value(depth + 1);
			if (typeof key !== 'string' && typeof key !== 'number') throw new NotALiteral();
			this.skipSpace();
			if (this.text[this.at] !== ':') throw new NotALiteral();
			this.at++;
			// defineProperty, as JSON.parse does: a `__proto__` key stays an own field.
			Object.defineProperty(result, String(key), {
				value: this.value(depth + 1),
				enumerable: true,
				writable: true,
				configurable: true,
			});
		});
		return result;
	}

	private sequence(depth: number, close: ']' | ')'): unknown {
		this.enter(depth);
		const result: unknown[] = [];
		let commas = 0;
		const count = this.items(close, () => {
			result.push(this.value(depth + 1));
			if (this.text[this.at] === ',') commas++;
		});
		// `(x)` is x in parentheses, not a tuple; `(x,)` is one.
		if (close === ')' && count === 1 && commas === 0) return result[0];
		return result;
	}

	private string(): string {
		const { text } = this;
		const quote = text[this.at];
		this.at++;
		const parts: string[] = [];
		let chunk = this.at;
		for (;;) {
			if (this.at >= text.length) throw new NotALiteral();
			const c = text[this.at];
			if (c === quote) break;
			if (c === '\n' || c === '\r') throw new NotALiteral();
			if (c !== '\\') {
				this.at++;
				continue;
			}
			parts.push(text.slice(chunk, this.at));
			parts.push(this.escape());
			chunk = this.at;
		}
		parts.push(text.slice(chunk, this.at));
		this.at++;
		return parts.length === 1 ? parts[0] : parts.join('');
	}

	/** One escape sequence at `at` (the backslash); Python keeps unknown ones as written. */
	private escape(): string {
		const { text } = this;
		const c = text[this.at + 1];
		if (c === undefined) throw new NotALiteral();
		this.at += 2;
		if (c === '\n') return '';
		const simple = SIMPLE_ESCAPES[c];
		if (simple !== undefined && !(c === '0' && /[0-7]/.test(text[this.at] ?? ''))) return simple;
		const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
		if (width > 0) {
			const hex = text.slice(this.at, this.at + width);
			if (hex.length !== width || !HEX_DIGITS.test(hex)) throw new NotALiteral();
			const code = parseInt(hex, 16);
			if (code > 0x10ffff) throw new NotALiteral();
			this.at += width;
			return String.fromCodePoint(code);
		}
		if (c >= '0' && c <= '7') {
			let digits = c;
			while (digits.length < 3 && text[this.at] >= '0' && text[this.at] <= '7') digits += text[this.at++];
			return String.fromCharCode(parseInt(digits, 8));
		}
		return `\\${c}`;
	}

	/** A number, True, False or None. */
	private word(): unknown {
		const { text } = this;
		const start = this.at;
		while (this.at < text.length && /[\w.+-]/.test(text[this.at])) this.at++;
		const word = text.slice(start, this.at);
		if (word === 'True') return true;
		if (word === 'False') return false;
		if (word === 'None') return null;
		if (!NUMBER.test(word)) throw new NotALiteral();
		const n = Number(word);
		if (!Number.isFinite(n)) throw new NotALiteral();
		return n;
	}
}

/**
 * The value of a Python literal, or undefined when `text` is not one. Throws
 * MalformedDeliveryError (400) when it nests deeper than MAX_VALUE_DEPTH.
 */
export function parsePythonLiteral(text: string): { value: unknown } | undefined {
	const reader = new LiteralReader(text);
	let value: unknown;
	let read = true;
	try {
		value = reader.read();
	} catch {
		read = false; // NotALiteral: the reader throws nothing else
	}
	if (reader.tooDeep) throw tooDeepError();
	return read ? { value } : undefined;
}
