// HTTP client for a running n8n: the editor's REST API (/rest, session cookie plus the
// `browser-id` header n8n binds the session to) and the public API (/api/v1, X-N8N-API-KEY).
// Only the calls the harness needs; every non-2xx answer throws N8nApiError with n8n's message.
import { Agent, fetch } from 'undici';

/**
 * Idle connections are dropped after 1 s, well before n8n's server closes them (Node's default
 * keep-alive timeout, 5 s): reusing a connection the server is closing at that moment fails the
 * request with "other side closed".
 */
const connections = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });

export class N8nApiError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(`${method} ${url} answered ${status}: ${describeBody(body)}`);
		this.name = 'N8nApiError';
	}
}

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	/** 8-64 characters with a digit and an uppercase letter (n8n's rule). */
	password: string;
}

export const DEFAULT_OWNER: OwnerAccount = {
	email: 'owner@example.com',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'E2e-Harness-Passw0rd',
};

export interface HttpAnswer<T = unknown> {
	status: number;
	body: T;
}

export class N8nClient {
	private cookie: string | undefined;
	private apiKey: string | undefined;
	/** n8n ties a session cookie to the browser that logged in; the harness is one "browser". */
	private readonly browserId = 'n8n-e2e-harness';

	constructor(readonly baseUrl: string) {}

	get hasSession(): boolean {
		return this.cookie !== undefined;
	}

	get hasApiKey(): boolean {
		return this.apiKey !== undefined;
	}

	/** POST /rest/owner/setup: first start only; keeps the session cookie it sets. */
	async setupOwner(owner: OwnerAccount): Promise<void> {
		await this.rest('POST', '/owner/setup', owner);
	}

	/** POST /rest/login: after a restart, or on an instance whose owner exists. */
	async login(email: string, password: string): Promise<void> {
		await this.rest('POST', '/login', { emailOrLdapLoginId: email, password });
	}

	/** Whether /rest/settings says the instance still waits for its owner. */
	async needsOwnerSetup(): Promise<boolean> {
		const settings = await this.rest<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		return settings.userManagement?.showSetupOnFirstLoad === true;
	}

	/** Creates an API key with every scope the instance offers and uses it from now on. */
	async createApiKey(label: string): Promise<string> {
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = created.rawApiKey;
		return created.rawApiKey;
	}

	useApiKey(apiKey: string): void {
		this.apiKey = apiKey;
	}

	/** Editor REST API (`/rest<path>`), unwrapping n8n's `{ data }` envelope. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const answer = await this.restRaw(method, path, body);
		if (answer.status < 200 || answer.status > 299) {
			throw new N8nApiError(method, `/rest${path}`, answer.status, answer.body);
		}
		const envelope = answer.body as { data?: T } | undefined;
		return (envelope && typeof envelope === 'object' && 'data' in envelope ? envelope.data : answer.body) as T;
	}

	async restRaw(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
		const headers: Record<string, string> = { 'browser-id': this.browserId };
		if (this.cookie) headers.cookie = this.cookie;
		return await this.send(method, `/rest${path}`, headers, body);
	}

	/** Public API (`/api/v1<path>`). */
	async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const answer = await this.apiRaw(method, path, body);
		if (answer.status < 200 || answer.status > 299) {
			throw new N8nApiError(method, `/api/v1${path}`, answer.status, answer.body);
		}
		return answer.body as T;
	}

	async apiRaw(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
		if (!this.apiKey) throw new Error('No API key yet: call createApiKey() first.');
		return await this.send(method, `/api/v1${path}`, { 'x-n8n-api-key': this.apiKey }, body);
	}

	/** A path outside /rest and /api (e.g. /types/nodes.json), with the session cookie. */
	async getWithSession<T = unknown>(path: string): Promise<T> {
		const headers: Record<string, string> = { 'browser-id': this.browserId };
		if (this.cookie) headers.cookie = this.cookie;
		const answer = await this.send('GET', path, headers, undefined);
		if (answer.status !== 200) throw new N8nApiError('GET', path, answer.status, answer.body);
		return answer.body as T;
	}

	private async send(method: string, path: string, headers: Record<string, string>, body: unknown): Promise<HttpAnswer> {
		const requestHeaders: Record<string, string> = { accept: 'application/json', ...headers };
		if (body !== undefined) requestHeaders['content-type'] = 'application/json';
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: requestHeaders,
			body: body === undefined ? undefined : JSON.stringify(body),
			dispatcher: connections,
			signal: AbortSignal.timeout(60000),
		});
		const sessionCookie = response.headers
			.getSetCookie()
			.map((cookie) => cookie.split(';')[0])
			.find((cookie) => cookie.startsWith('n8n-auth='));
		if (sessionCookie) this.cookie = sessionCookie;
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text === '' ? undefined : JSON.parse(text);
		} catch {
			// Not JSON: keep the text.
		}
		return { status: response.status, body: parsed };
	}
}

function describeBody(body: unknown): string {
	if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text === undefined ? '(empty)' : text.slice(0, 500);
}
