// Shared base of the provider emulators: a real node:http server (127.0.0.1, random port by
// default), a log of every request it receives, scripted faults, and tracked outbound calls
// (handshake probes, event deliveries). close() ends everything still open, including hung
// requests and keep-alive sockets, so that a jest run always exits cleanly.
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

/** One request as the emulator received it (faulted requests are logged too). */
export interface RecordedRequest {
	method: string;
	/** Path without the query string, e.g. `/v1.0/settings/addWebhook`. */
	path: string;
	/** Path with the query string, exactly as received. */
	url: string;
	query: Record<string, string>;
	/** Node's lower-cased header map. */
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** The body parsed as JSON, when it is JSON. */
	json?: unknown;
	/** The fault this request triggered, if any. */
	fault?: Fault;
	receivedAt: number;
}

/** Answer with this status instead of handling the request (nothing is changed). */
export interface StatusFault {
	status: number;
	/** Defaults to what the provider's front end plausibly sends for that status. */
	body?: string;
	/** e.g. `{ 'Retry-After': '1' }` with status 429. */
	headers?: Record<string, string>;
}
/** Handle the request normally, after a pause. */
export interface DelayFault {
	delayMs: number;
}
/** Never answer; close() ends the request. */
export interface HangFault {
	hang: true;
}
/** Destroy the socket with a TCP reset (the client sees ECONNRESET). Nothing is changed. */
export interface ResetFault {
	reset: true;
}
/**
 * Handle the request normally (state does change, as when a proxy garbles an answer in
 * transit), then answer HTTP 200 with the JSON body cut in half.
 */
export interface MalformedJsonFault {
	malformedJson: true;
}
/**
 * The provider applies the request but the client never learns it, as when a write outlasts the
 * client's timeout: the answer is a TCP reset ('reset') or that HTTP status (a gateway giving up,
 * e.g. 504). With `lateByRequests: n` the change itself lands only after the n requests that
 * follow have been handled (a write still running when the client gave up); landLateWrites()
 * lands it at once.
 */
export interface AppliedUnansweredFault {
	appliedUnanswered: { answer: 'reset' | number; lateByRequests?: number };
}
export type Fault = StatusFault | DelayFault | HangFault | ResetFault | MalformedJsonFault | AppliedUnansweredFault;

export interface FaultOptions {
	/**
	 * Which requests the fault applies to. A string matches a path equal to it or ending with it
	 * (`'settings/addWebhook'`, `'/webhooks'`); a RegExp is tested against path + query.
	 * Default: every request.
	 */
	path?: string | RegExp;
	/** Only requests with this HTTP method, e.g. 'POST'. Default: any. */
	method?: string;
	/** How many matching requests it affects. Default 1. */
	times?: number;
}

/** What a route handler answers. An object body is sent as JSON. */
export interface EmulatorReply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface OutboundRequest {
	url: string;
	method: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	timeoutMs?: number;
}

/** The receiver's answer to a delivery or probe. */
export interface OutboundResponse {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface HttpEmulatorOptions {
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 0 (a random free port). */
	port?: number;
	/** Called for every request received (the demo uses it to print them). */
	onRequest?: (request: RecordedRequest) => void;
}

interface ScheduledFault {
	fault: Fault;
	path?: string | RegExp;
	method?: string;
	remaining: number;
}

/** A request applied after its answer was lost: it lands before request number `requestsLeft + 1`. */
interface LateWrite {
	request: RecordedRequest;
	requestsLeft: number;
}

export abstract class HttpEmulator {
	readonly requests: RecordedRequest[] = [];
	readonly host: string;
	private readonly requestedPort: number;
	private readonly onRequest?: (request: RecordedRequest) => void;
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly outbound = new Set<http.ClientRequest>();
	private readonly pauses = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
	private faults: ScheduledFault[] = [];
	private lateWrites: LateWrite[] = [];
	private closing = false;

	protected constructor(options: HttpEmulatorOptions) {
		this.host = options.host ?? '127.0.0.1';
		this.requestedPort = options.port ?? 0;
		this.onRequest = options.onRequest;
		this.server = http.createServer((req, res) => {
			void this.serve(req, res);
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	/** The provider's API logic: called for every request that no fault short-circuits. */
	protected abstract handle(request: RecordedRequest): Promise<EmulatorReply>;

	/** The body sent for a status fault without an explicit body. */
	protected faultReply(status: number): { body: string; contentType: string } {
		return { body: http.STATUS_CODES[status] ?? 'Error', contentType: 'text/plain' };
	}

	get port(): number {
		const address = this.server.address();
		if (address === null || typeof address === 'string') throw new Error('emulator is not listening');
		return address.port;
	}

	/** `http://127.0.0.1:PORT` (no trailing slash). */
	get origin(): string {
		return `http://${this.host}:${this.port}`;
	}

	injectFault(fault: Fault, options: FaultOptions = {}): void {
		this.faults.push({ fault, path: options.path, method: options.method, remaining: options.times ?? 1 });
	}

	/** Applies now every request an appliedUnanswered fault left to land late. */
	async landLateWrites(): Promise<void> {
		const due = this.lateWrites;
		this.lateWrites = [];
		for (const late of due) await this.handle(late.request).catch(() => undefined);
	}

	/** Counts one more request against the late writes; those due land first. */
	private async landDueWrites(): Promise<void> {
		const due = this.lateWrites.filter((late) => late.requestsLeft <= 0);
		this.lateWrites = this.lateWrites.filter((late) => late.requestsLeft > 0);
		for (const late of this.lateWrites) late.requestsLeft -= 1;
		for (const late of due) await this.handle(late.request).catch(() => undefined);
	}

	clearFaults(): void {
		this.faults = [];
		this.lateWrites = [];
	}

	/** How many faulted answers are still scheduled. */
	get pendingFaults(): number {
		return this.faults.reduce((sum, scheduled) => sum + scheduled.remaining, 0);
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	/** The logged requests whose path matches, as injectFault's `path` does. */
	requestsTo(path: string | RegExp): RecordedRequest[] {
		return this.requests.filter((request) => pathMatches(path, request));
	}

	protected async listen(): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.requestedPort, this.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
	}

	async close(): Promise<void> {
		if (this.closing) return;
		this.closing = true;
		for (const pause of this.pauses) {
			clearTimeout(pause.timer);
			pause.done();
		}
		this.pauses.clear();
		for (const request of this.outbound) request.destroy(new Error('emulator closed'));
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		await closed;
	}

	/** A pause that close() cuts short. */
	protected async pause(ms: number): Promise<void> {
		await new Promise<void>((resolve) => {
			const pause = {
				timer: setTimeout(() => {
					this.pauses.delete(pause);
					resolve();
				}, ms),
				done: resolve,
			};
			this.pauses.add(pause);
		});
	}

	/**
	 * An HTTP call from the provider to the outside (handshake probe, delivery). No keep-alive
	 * agent, so no socket outlives the call; close() aborts calls still running.
	 */
	protected async sendOutbound(request: OutboundRequest): Promise<OutboundResponse> {
		if (this.closing) throw new Error('emulator closed');
		const target = new URL(request.url);
		const transport = target.protocol === 'https:' ? https : http;
		const headers: Record<string, string> = { connection: 'close', ...request.headers };
		if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
		return await new Promise<OutboundResponse>((resolve, reject) => {
			const outgoing = transport.request(
				target,
				{ method: request.method, headers, agent: false, timeout: request.timeoutMs ?? 10_000 },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => {
						this.outbound.delete(outgoing);
						resolve({
							status: res.statusCode ?? 0,
							headers: res.headers,
							body: Buffer.concat(chunks).toString('utf8'),
						});
					});
					res.on('error', reject);
				},
			);
			this.outbound.add(outgoing);
			outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${request.url} in time`)));
			outgoing.on('error', (error) => {
				this.outbound.delete(outgoing);
				reject(error);
			});
			outgoing.on('close', () => this.outbound.delete(outgoing));
			outgoing.end(request.body);
		});
	}

	private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		let rawBody: string;
		try {
			rawBody = await readBody(req);
		} catch {
			return; // the client went away mid-body
		}
		const url = req.url ?? '/';
		const parsed = new URL(url, 'http://emulator.invalid');
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET',
			path: parsed.pathname,
			url,
			query: Object.fromEntries(parsed.searchParams),
			headers: req.headers,
			rawBody,
			receivedAt: Date.now(),
		};
		const json = parseJson(rawBody);
		if (json !== undefined) recorded.json = json;
		await this.landDueWrites();
		const fault = this.takeFault(recorded);
		if (fault) recorded.fault = fault;
		this.requests.push(recorded);
		this.onRequest?.(recorded);

		if (fault && 'hang' in fault) return; // close() destroys the socket
		if (fault && 'reset' in fault) {
			req.socket.resetAndDestroy();
			return;
		}
		if (fault && 'appliedUnanswered' in fault) {
			const { answer, lateByRequests = 0 } = fault.appliedUnanswered;
			if (lateByRequests > 0) this.lateWrites.push({ request: recorded, requestsLeft: lateByRequests });
			else await this.handle(recorded).catch(() => undefined);
			if (answer === 'reset') {
				req.socket.resetAndDestroy();
			} else {
				const reply = this.faultReply(answer);
				write(res, answer, { 'content-type': reply.contentType }, reply.body);
			}
			return;
		}
		if (fault && 'status' in fault) {
			const fallback = this.faultReply(fault.status);
			const headers = { 'content-type': fallback.contentType, ...fault.headers };
			write(res, fault.status, headers, fault.body ?? fallback.body);
			return;
		}
		if (fault && 'delayMs' in fault) await this.pause(fault.delayMs);
		if (this.closing) return;

		let reply: EmulatorReply;
		try {
			reply = await this.handle(recorded);
		} catch (error) {
			reply = { status: 500, body: `emulator bug: ${(error as Error).message}` };
		}
		if (this.closing) return;
		const isText = typeof reply.body === 'string' || reply.body === undefined;
		let body = isText ? ((reply.body as string | undefined) ?? '') : JSON.stringify(reply.body);
		const headers: Record<string, string> = {
			'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
			...reply.headers,
		};
		let status = reply.status;
		if (fault && 'malformedJson' in fault) {
			// A proper prefix of a JSON object or array never parses.
			body = body.slice(0, Math.max(1, Math.ceil(body.length / 2)));
			headers['content-type'] = 'application/json';
			status = 200;
		}
		write(res, status, headers, body);
	}

	private takeFault(request: RecordedRequest): Fault | undefined {
		const scheduled = this.faults.find(
			(candidate) =>
				(candidate.path === undefined || pathMatches(candidate.path, request)) &&
				(candidate.method === undefined || candidate.method.toUpperCase() === request.method),
		);
		if (!scheduled) return undefined;
		scheduled.remaining -= 1;
		if (scheduled.remaining <= 0) this.faults = this.faults.filter((f) => f !== scheduled);
		return scheduled.fault;
	}
}

function pathMatches(path: string | RegExp, request: RecordedRequest): boolean {
	if (typeof path === 'string') return request.path === path || request.path.endsWith(path);
	path.lastIndex = 0;
	return path.test(request.url);
}

function write(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
	if (res.destroyed || res.headersSent) return;
	res.writeHead(status, headers);
	res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** Epoch seconds, as TES reports times. */
export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

/**
 * `url` with its scheme, host and port replaced by `origin` (path and query kept), or `url` as it
 * is without one: a delivery posted straight to one of several servers behind the registered URL.
 */
export function withOrigin(url: string, origin: string | undefined): string {
	if (origin === undefined) return url;
	const original = new URL(url);
	const target = new URL(origin);
	original.protocol = target.protocol;
	original.host = target.host;
	return original.toString();
}
