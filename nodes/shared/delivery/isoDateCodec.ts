// ISO 8601 date-times read and written by hand. Why not Date.parse and toISOString: both run
// once per event on the receive path, and there a regular expression or Date.parse costs more
// than the rest of an event's normalizing, toISOString about eight times what the formatter
// below does (BENCHMARKS.md, "Receive path vs JSON.parse"). Both are exact for the years they
// handle and leave every other case to the caller or to Date. Date arithmetic: Howard Hinnant's
// days_from_civil / civil_from_days, public domain algorithms.

const MS_PER_DAY = 86_400_000;
// 10000-01-01T00:00:00Z: below it (and from 1970) the fast formatter below is exact.
export const FAST_FORMAT_LIMIT_MS = 253_402_300_800_000;
export const MAX_DATE_MS = 8.64e15;

function digitAt(text: string, at: number): number {
	const d = text.charCodeAt(at) - 48;
	return d >= 0 && d <= 9 ? d : -1;
}

function twoDigitsAt(text: string, at: number): number {
	const tens = digitAt(text, at);
	const ones = digitAt(text, at + 1);
	return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
	if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * True when text[0, 19) is `YYYY-MM-DD?HH:MM:SS` (whatever stands at 10) naming a real time from
 * 1970 on. What the shortcuts of the receive path need to know, without computing the time.
 */
export function isTimeToSecondsFrom1970(text: string): boolean {
	if (text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return false;
	if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return false;
	const century = twoDigitsAt(text, 0);
	const yy = twoDigitsAt(text, 2);
	const month = twoDigitsAt(text, 5);
	const day = twoDigitsAt(text, 8);
	const hours = twoDigitsAt(text, 11);
	const minutes = twoDigitsAt(text, 14);
	const seconds = twoDigitsAt(text, 17);
	if ((century | yy | month | day | hours | minutes | seconds) < 0) return false;
	const year = century * 100 + yy;
	return (
		year >= 1970 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month) &&
		hours <= 23 &&
		minutes <= 59 &&
		seconds <= 59
	);
}

/**
 * `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:]MM]` without regular expressions or Date.parse
 * (both cost more than the rest of an event's normalizing). No zone means UTC: providers that
 * omit it mean UTC, and Date.parse would use the zone of the machine n8n runs on.
 * Undefined when the text has another shape, null when it has this shape but no such time.
 */
export function parseIsoDateTime(text: string): number | null | undefined {
	const length = text.length;
	if (length < 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return undefined;
	const century = twoDigitsAt(text, 0);
	const yy = twoDigitsAt(text, 2);
	const month = twoDigitsAt(text, 5);
	const day = twoDigitsAt(text, 8);
	if (century < 0 || yy < 0 || month < 0 || day < 0) return undefined;
	const year = century * 100 + yy;
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	let ms = daysFromCivil(year, month, day) * MS_PER_DAY;
	if (length === 10) return ms;
	const separator = text.charCodeAt(10);
	if ((separator !== 0x54 && separator !== 0x74 && separator !== 0x20) || length < 16) return undefined;
	const hours = twoDigitsAt(text, 11);
	const minutes = twoDigitsAt(text, 14);
	if (hours < 0 || minutes < 0 || text.charCodeAt(13) !== 0x3a) return undefined;
	if (hours > 23 || minutes > 59) return null;
	ms += hours * 3_600_000 + minutes * 60_000;
	let at = 16;
	if (at < length && text.charCodeAt(at) === 0x3a) {
		const seconds = twoDigitsAt(text, at + 1);
		if (seconds < 0) return undefined;
		if (seconds > 59) return null;
		ms += seconds * 1000;
		at += 3;
		const mark = text.charCodeAt(at);
		if (at < length && (mark === 0x2e || mark === 0x2c)) {
			at++;
			let scale = 100;
			const fractionStart = at;
			for (let d = digitAt(text, at); d >= 0; d = digitAt(text, ++at)) {
				ms += d * scale;
				scale /= 10;
			}
			if (at === fractionStart) return undefined;
			ms = Math.floor(ms);
		}
	}
	if (at === length) return ms;
	const zone = text.charCodeAt(at);
	if ((zone === 0x5a || zone === 0x7a) && at + 1 === length) return ms;
	if (zone !== 0x2b && zone !== 0x2d) return undefined;
	const offsetHours = twoDigitsAt(text, at + 1);
	const colon = text.charCodeAt(at + 3) === 0x3a ? 1 : 0;
	const offsetMinutes = at + 3 === length ? 0 : twoDigitsAt(text, at + 3 + colon);
	const end = at + 3 === length ? length : at + 5 + colon;
	if (offsetHours < 0 || offsetMinutes < 0 || end !== length) return undefined;
	if (offsetHours > 23 || offsetMinutes > 59) return null;
	const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
	return zone === 0x2b ? ms - offset : ms + offset;
}

/**
 * Same text as `new Date(ms).toISOString()`, about eight times as fast for 1970..9999 (it
 * runs once per event on the receive path); other valid times fall back to Date.
 */
export function isoFromEpochMs(ms: number): string | null {
	if (!(ms >= 0 && ms < FAST_FORMAT_LIMIT_MS)) {
		if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return null;
		return new Date(ms).toISOString();
	}
	const days = Math.floor(ms / MS_PER_DAY);
	// Within a day every quantity fits in 32 bits: integer arithmetic.
	let rest = Math.floor(ms - days * MS_PER_DAY) | 0;
	// Civil date from a day count (Howard Hinnant's civil_from_days), for days >= 0.
	const z = days + 719_468;
	const era = (z / 146_097) | 0;
	const dayOfEra = z - era * 146_097;
	const yearOfEra =
		((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36_524) | 0) - ((dayOfEra / 146_096) | 0)) / 365) | 0;
	const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
	const mp = ((5 * dayOfYear + 2) / 153) | 0;
	const day = dayOfYear - (((153 * mp + 2) / 5) | 0) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	const hours = (rest / 3_600_000) | 0;
	rest -= hours * 3_600_000;
	const minutes = (rest / 60_000) | 0;
	rest -= minutes * 60_000;
	const seconds = (rest / 1000) | 0;
	const millis = rest - seconds * 1000;
	// One flat string from its 24 character codes: a chain of concatenations would allocate
	// once per piece. 48 is '0'; ms >= 0 means a four-digit year.
	return String.fromCharCode(
		48 + ((year / 1000) | 0),
		48 + (((year / 100) | 0) % 10),
		48 + (((year / 10) | 0) % 10),
		48 + (year % 10),
		0x2d, // -
		48 + ((month / 10) | 0),
		48 + (month % 10),
		0x2d,
		48 + ((day / 10) | 0),
		48 + (day % 10),
		0x54, // T
		48 + ((hours / 10) | 0),
		48 + (hours % 10),
		0x3a, // :
		48 + ((minutes / 10) | 0),
		48 + (minutes % 10),
		0x3a,
		48 + ((seconds / 10) | 0),
		48 + (seconds % 10),
		0x2e, // .
		48 + ((millis / 100) | 0),
		48 + (((millis / 10) | 0) % 10),
		48 + (millis % 10),
		0x5a, // Z
	);
}
