// What Python's repr()/str() makes of JSON-like data: how a TES sender that writes its events
// with str(list_of_dicts) instead of json.dumps would fill a form field (issue 9: a public TES
// receiver reads that field with Python's literal_eval). Written from Python's own rules,
// independently of the product's parser: single-quoted strings (double quotes when the text
// holds a single quote and no double one), True/False/None, ', ' and ': ' separators.

function reprString(text: string): string {
	const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
	let out = quote;
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		if (char === '\\') out += '\\\\';
		else if (char === quote) out += `\\${quote}`;
		else if (char === '\n') out += '\\n';
		else if (char === '\r') out += '\\r';
		else if (char === '\t') out += '\\t';
		else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
		else out += char;
	}
	return out + quote;
}

/** Python's repr of a JSON value (Python 3: str keeps non-ASCII text as it is). */
export function pythonRepr(value: unknown): string {
	if (value === null || value === undefined) return 'None';
	if (value === true) return 'True';
	if (value === false) return 'False';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
	if (typeof value === 'string') return reprString(value);
	if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
	const entries = Object.entries(value as Record<string, unknown>);
	return `{${entries.map(([key, item]) => `${reprString(key)}: ${pythonRepr(item)}`).join(', ')}}`;
}
