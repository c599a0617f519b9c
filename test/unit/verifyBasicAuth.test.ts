// The Basic-auth check that guards the Everlytic trigger: good, bad and garbage headers.
import fc from 'fast-check';

import { basicTokenOf, isCanonicalBasic, verifyBasicAuth } from '../../nodes/shared/trigger/verifyBasicAuth';

const expected = { username: 'n8n-7f3a', password: 'p4ss:w0rd/with+odd=chars' };
const header = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;
const good = header(`${expected.username}:${expected.password}`);

describe('verifyBasicAuth', () => {
	it('accepts the registered username and password', () => {
		expect(verifyBasicAuth(good, expected)).toBe(true);
	});

	it('accepts any case of the scheme, extra white space and a one-element header array', () => {
		const token = good.slice('Basic '.length);
		expect(verifyBasicAuth(`basic ${token}`, expected)).toBe(true);
		expect(verifyBasicAuth(`BASIC   ${token}  `, expected)).toBe(true);
		expect(verifyBasicAuth([good], expected)).toBe(true);
	});

	it('accepts non-ASCII credentials', () => {
		const credentials = { username: 'jürgen', password: 'pässwörd' };
		expect(verifyBasicAuth(header('jürgen:pässwörd'), credentials)).toBe(true);
	});

	it.each(['u:p', 'us:pw', 'use:pwd', `${expected.username}:${expected.password}`])(
		'accepts every Base64 spelling of the same bytes, padded or not (%s)',
		(credentials) => {
			const colon = credentials.indexOf(':');
			const pair = { username: credentials.slice(0, colon), password: credentials.slice(colon + 1) };
			const canonical = Buffer.from(credentials, 'utf8').toString('base64');
			expect(verifyBasicAuth(`Basic ${canonical}`, pair)).toBe(true);
			expect(verifyBasicAuth(`Basic ${canonical.replace(/=+$/, '')}`, pair)).toBe(true);
			expect(verifyBasicAuth(`Basic ${Buffer.from(credentials, 'utf8').toString('base64url')}`, pair)).toBe(true);
			expect(verifyBasicAuth(`Basic ${canonical[0] === 'A' ? 'B' : 'A'}${canonical.slice(1)}`, pair)).toBe(false);
		},
	);

	it('rejects non-ASCII credentials encoded as Latin-1 instead of UTF-8', () => {
		const credentials = { username: 'jürgen', password: 'pässwörd' };
		expect(verifyBasicAuth(`Basic ${Buffer.from('jürgen:pässwörd', 'latin1').toString('base64')}`, credentials)).toBe(false);
	});

	it.each<[string, unknown]>([
		['a wrong password', header(`${expected.username}:wrong`)],
		['a wrong username', header(`someone:${expected.password}`)],
		['the password one character short', header(`${expected.username}:${expected.password.slice(0, -1)}`)],
		['the password with a character more', header(`${expected.username}:${expected.password}x`)],
		['username and password swapped', header(`${expected.password}:${expected.username}`)],
		['no colon', header(`${expected.username}${expected.password}`)],
		['only the username', header(expected.username)],
		['another scheme', `Bearer ${good.slice(6)}`],
		['the scheme alone', 'Basic'],
		['the scheme and a space', 'Basic '],
		['garbage base64', 'Basic !!!***'],
		['an empty header', ''],
		['no header', undefined],
		['null', null],
		['a number', 42],
		['an object', { authorization: good }],
		['two header values', [good, good]],
		['an enormous header', `Basic ${'A'.repeat(100_000)}`],
	])('rejects %s', (_name, value) => {
		expect(verifyBasicAuth(value, expected)).toBe(false);
	});

	it('never matches when the expected username or password is empty', () => {
		expect(verifyBasicAuth(header('user:'), { username: 'user', password: '' })).toBe(false);
		expect(verifyBasicAuth(header(':pass'), { username: '', password: 'pass' })).toBe(false);
		expect(verifyBasicAuth(header(':'), { username: '', password: '' })).toBe(false);
	});

	it('does not throw on missing expected credentials', () => {
		expect(verifyBasicAuth(good, undefined as unknown as { username: string; password: string })).toBe(false);
	});

	describe('the fast path (canonical headers, compared with the remembered Base64 token)', () => {
		const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 });

		it('accepts exactly the canonical Base64 of username:password, for every length', () => {
			fc.assert(
				fc.property(ascii, ascii, (username, password) => {
					const token = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
					expect(basicTokenOf(username, password)).toBe(token);
					expect(isCanonicalBasic(`Basic ${token}`, token)).toBe(true);
					expect(isCanonicalBasic(`  bAsIc   ${token}  `, token)).toBe(true);
				}),
				{ numRuns: 1000 },
			);
		});

		it('refuses any one changed character of the token', () => {
			const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
			fc.assert(
				fc.property(ascii, ascii, fc.nat(), fc.nat(), (username, password, where, by) => {
					const token = basicTokenOf(username, password);
					const at = where % token.length;
					const other = digits[(digits.indexOf(token[at]) + 1 + (by % (digits.length - 1))) % digits.length];
					const changed = `${token.slice(0, at)}${other}${token.slice(at + 1)}`;
					expect(isCanonicalBasic(`Basic ${changed}`, token)).toBe(false);
					expect(isCanonicalBasic(`Basic ${token}x`, token)).toBe(false);
					expect(isCanonicalBasic(`Basic ${token.slice(1)}`, token)).toBe(false);
				}),
				{ numRuns: 2000 },
			);
		});

		it('never lets the token remembered for one webhook pass a header for another', () => {
			// Several Everlytic triggers in one n8n: their deliveries interleave.
			const pair = fc.record({ username: ascii, password: ascii });
			fc.assert(
				fc.property(fc.array(fc.tuple(pair, pair), { minLength: 1, maxLength: 20 }), (checks) => {
					for (const [sender, registered] of checks) {
						const same = sender.username === registered.username && sender.password === registered.password;
						expect(verifyBasicAuth(header(`${sender.username}:${sender.password}`), registered)).toBe(same);
						expect(verifyBasicAuth(header(`${registered.username}:${registered.password}`), registered)).toBe(true);
					}
				}),
				{ numRuns: 300 },
			);
			// Same password, other username; same username, other password: each refused after the
			// accepted one.
			expect(verifyBasicAuth(good, expected)).toBe(true);
			expect(verifyBasicAuth(good, { ...expected, username: 'n8n-7f3b' })).toBe(false);
			expect(verifyBasicAuth(good, { ...expected, password: `${expected.password}x` })).toBe(false);
			expect(verifyBasicAuth(good, expected)).toBe(true);
		});
	});
});
