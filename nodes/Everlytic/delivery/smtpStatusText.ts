// SMTP status codes read from text: a basic code ('550') and an RFC 3463 enhanced code
// ('5.1.1'). Each function is written out by hand but means exactly the regular expression in
// its comment (the tests hold them to it): run per bounce, the expressions cost more than the
// rest of its details.

/** JavaScript's `\s`, which the expressions these functions stand for match. */
export function isRegExpSpace(c: number): boolean {
	if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
	if (c < 0xa0) return false;
	return (
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000 ||
		c === 0xfeff
	);
}

function isDigit(c: number): boolean {
	return c >= 0x30 && c <= 0x39;
}

/** 2, 4 or 5: the classes of an SMTP status (success, transient, permanent). */
function isStatusClass(c: number): boolean {
	return c === 0x32 || c === 0x34 || c === 0x35;
}

/** Where `[245]\.\d{1,3}\.\d{1,3}` starting at `at` ends, or -1 (more than 3 digits: -1). */
function enhancedCodeEnd(text: string, at: number): number {
	if (!isStatusClass(text.charCodeAt(at)) || text.charCodeAt(at + 1) !== 0x2e) return -1;
	let i = at + 2;
	while (isDigit(text.charCodeAt(i))) i++;
	if (i === at + 2 || i > at + 5 || text.charCodeAt(i) !== 0x2e) return -1;
	const second = ++i;
	while (isDigit(text.charCodeAt(i))) i++;
	return i === second || i > second + 3 ? -1 : i;
}

/** `/^[245]\.\d{1,3}\.\d{1,3}$/.test(text)` */
export function isEnhancedStatusCode(text: string): boolean {
	return enhancedCodeEnd(text, 0) === text.length;
}

/** The reply's basic code: `/^([245]\d\d)(?:[\s-]|$)/.exec(text)?.[1]` as a number, else null. */
export function replyStatusCode(text: string): number | null {
	const c0 = text.charCodeAt(0);
	const c1 = text.charCodeAt(1);
	const c2 = text.charCodeAt(2);
	if (!isStatusClass(c0) || !isDigit(c1) || !isDigit(c2)) return null;
	if (text.length > 3 && text.charCodeAt(3) !== 0x2d && !isRegExpSpace(text.charCodeAt(3))) return null;
	return (c0 - 0x30) * 100 + (c1 - 0x30) * 10 + (c2 - 0x30);
}

/** The first enhanced code standing alone: `/(?:^|\s)([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/.exec(text)?.[1]`. */
export function replyEnhancedStatusCode(text: string): string | null {
	// Every such code has a '.' right after its first character: only those places are tried.
	for (let dot = text.indexOf('.', 1); dot !== -1; dot = text.indexOf('.', dot + 1)) {
		const start = dot - 1;
		if (start > 0 && !isRegExpSpace(text.charCodeAt(start - 1))) continue;
		const end = enhancedCodeEnd(text, start);
		if (end !== -1 && (end === text.length || isRegExpSpace(text.charCodeAt(end)))) return text.slice(start, end);
	}
	return null;
}
