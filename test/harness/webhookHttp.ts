// The HTTP side of n8n's webhook server, reduced to what a trigger node can observe: the
// express-like request a node's webhook() reads, how n8n fills its body before calling the node,
// and an express-like response that records what the node (or n8n) answered.
//
// How n8n 2.x treats a webhook request's body (read in packages/cli: middlewares/body-parser.ts,
// webhooks/webhook-helpers.ts `parseRequestBody`, abstract-server.ts; behaviour only, not code):
//   - Webhook routes are mounted before n8n's general body parser, so only the webhook code
//     parses. A global `rawBodyReader` calls `parseIncomingMessage(req)` (n8n's own, from
//     @n8n/backend-network, used here too): `req.contentType` is the lower-cased media type
//     without parameters, `req.encoding` the charset (default 'utf-8').
//   - multipart/form-data goes to a separate form parser (not modelled here: refused).
//   - For a node with typeVersion > 1 whose content type is none of application/json*,
//     text/plain*, application/x-www-form-urlencoded*, */xml, *+xml, nothing is read: `req.body`
//     and `req.rawBody` stay undefined and the node must call `await req.readRawBody()`.
//   - Otherwise (and always for typeVersion 1) the raw body is read into `req.rawBody` (a Buffer,
//     gunzipped/inflated per Content-Encoding) and, when it is not empty, parsed by exact
//     media type: 'application/json' → JSON.parse (n8n-workflow's jsonParse);
//     '.../xml' or '...+xml' → xml2js (lower-cased tags, no arrays for single children);
//     'application/x-www-form-urlencoded' → node's querystring.parse (maxKeys 1000, repeated
//     keys become arrays, values are strings); 'text/plain' → the string. Any other type
//     (e.g. 'application/vnd.api+json', no Content-Type at all) leaves `req.body` undefined.
//   - A body that fails to parse is answered 422 `{"code":422,"message":"Failed to parse request
//     body","hint":"<parser message>"}` and the node is never called.
//   - `req.headers` are node's lower-cased headers; `req.query` is express's parsed query string.
import { EventEmitter } from 'node:events';
import { parse as parseQueryString } from 'node:querystring';
import { gunzipSync, inflateSync } from 'node:zlib';

import { parseIncomingMessage } from '@n8n/backend-network';
import type { IDataObject } from 'n8n-workflow';
import { jsonParse, sanitizeXmlName } from 'n8n-workflow';

// xml2js is what n8n parses XML webhook bodies with (a dependency of n8n-core's tree, without
// published types).
type XmlParserClass = new (options: object) => { parseStringPromise(xml: string): Promise<unknown> };
const { Parser: XmlParser } = require('xml2js') as { Parser: XmlParserClass };

export type HarnessHttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface IncomingWebhookRequest {
	method: HarnessHttpMethod;
	headers?: Record<string, string>;
	body?: string | Buffer;
	query?: Record<string, string | string[]>;
}

/** The express-like request object a node's webhook() receives via getRequestObject(). */
export interface HarnessRequest extends EventEmitter {
	method: string;
	url: string;
	originalUrl: string;
	path: string;
	headers: Record<string, string>;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	body: unknown;
	rawBody?: Buffer;
	contentType?: string;
	encoding?: BufferEncoding;
	ip: string;
	ips: string[];
	protocol: string;
	secure: boolean;
	hostname: string;
	socket: { remoteAddress: string };
	readRawBody(): Promise<void>;
	header(name: string): string | undefined;
	get(name: string): string | undefined;
}

export class WebhookHttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: IDataObject,
	) {
		super(String(body.message));
	}
}

export function createRequest(incoming: IncomingWebhookRequest, url: URL): HarnessRequest {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(incoming.headers ?? {})) headers[name.toLowerCase()] = value;
	const bodyBytes =
		incoming.body === undefined
			? Buffer.alloc(0)
			: Buffer.isBuffer(incoming.body)
				? incoming.body
				: Buffer.from(incoming.body, 'utf8');
	// A client sends Content-Length with every body; tests should not have to.
	if (bodyBytes.length > 0 && headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
		headers['content-length'] = String(bodyBytes.length);
	}
	const query = incoming.query ?? {};
	for (const [name, value] of Object.entries(query)) {
		if (Array.isArray(value)) value.forEach((item) => url.searchParams.append(name, item));
		else url.searchParams.append(name, value);
	}
	const pathAndQuery = url.pathname + url.search;
	const header = (name: string) => headers[name.toLowerCase()];
	const request = Object.assign(new EventEmitter(), {
		method: incoming.method,
		url: pathAndQuery,
		originalUrl: pathAndQuery,
		path: url.pathname,
		headers,
		query: { ...query },
		params: {},
		body: undefined as unknown,
		rawBody: undefined as Buffer | undefined,
		ip: '127.0.0.1',
		ips: [],
		protocol: url.protocol.replace(':', ''),
		secure: url.protocol === 'https:',
		hostname: url.hostname,
		socket: { remoteAddress: '127.0.0.1' },
		header,
		get: header,
		async readRawBody() {
			if (request.rawBody !== undefined) return;
			switch (headers['content-encoding']) {
				case 'gzip':
					request.rawBody = gunzipSync(bodyBytes);
					break;
				case 'deflate':
					request.rawBody = inflateSync(bodyBytes);
					break;
				default:
					request.rawBody = bodyBytes;
			}
		},
	});
	parseIncomingMessage(request as unknown as Parameters<typeof parseIncomingMessage>[0]);
	return request as HarnessRequest;
}

function isParsableContentType(contentType: string | undefined): boolean {
	if (!contentType) return false;
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

const xmlParser = new XmlParser({
	async: true,
	normalize: true,
	normalizeTags: true,
	explicitArray: false,
	tagNameProcessors: [sanitizeXmlName],
	attrNameProcessors: [sanitizeXmlName],
});

/** What n8n does to the request body before calling the node's webhook(). */
export async function parseWebhookRequestBody(req: HarnessRequest, nodeTypeVersion: number): Promise<void> {
	const { contentType } = req;
	if (contentType === 'multipart/form-data') {
		throw new Error('multipart/form-data webhook bodies are not modelled by the test harness');
	}
	if (nodeTypeVersion > 1 && !isParsableContentType(contentType)) return;

	await req.readRawBody();
	const { rawBody, encoding } = req;
	if (!rawBody?.length) return;
	try {
		if (contentType === 'application/json') {
			req.body = jsonParse(rawBody.toString(encoding));
		} else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml')) {
			req.body = await xmlParser.parseStringPromise(rawBody.toString(encoding));
		} else if (contentType === 'application/x-www-form-urlencoded') {
			// Like n8n, the object has a null prototype (no hasOwnProperty on it).
			req.body = parseQueryString(rawBody.toString(encoding), undefined, undefined, { maxKeys: 1000 });
		} else if (contentType === 'text/plain') {
			req.body = rawBody.toString(encoding);
		}
	} catch (error) {
		throw new WebhookHttpError(422, {
			code: 422,
			message: 'Failed to parse request body',
			hint: (error as Error).message,
		});
	}
}

const STATUS_TEXT: Record<number, string> = {
	200: 'OK',
	201: 'Created',
	202: 'Accepted',
	204: 'No Content',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	422: 'Unprocessable Entity',
	500: 'Internal Server Error',
};

function headersSentError(): Error {
	return Object.assign(new Error('Cannot set headers after they are sent to the client'), {
		code: 'ERR_HTTP_HEADERS_SENT',
	});
}

/**
 * An express-like response that records status, headers and body. Follows express 4/5 where a
 * node could notice: `send(string)` defaults to text/html, `send(object)` and `json()` write JSON,
 * `send(Buffer)` defaults to application/octet-stream, HEAD responses and 204/304 carry no body,
 * and touching headers after they were sent throws ERR_HTTP_HEADERS_SENT like node does.
 */
export class HarnessResponse extends EventEmitter {
	statusCode = 200;
	statusMessage = '';
	headersSent = false;
	writableEnded = false;
	finished = false;
	private readonly headers = new Map<string, string>();
	private readonly chunks: Buffer[] = [];

	constructor(private readonly requestMethod: string) {
		super();
	}

	get locals() {
		return {};
	}

	status(code: number) {
		this.assertHeadersNotSent();
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number) {
		this.status(code);
		this.type('txt');
		return this.send(STATUS_TEXT[code] ?? String(code));
	}

	setHeader(name: string, value: string | number | readonly string[]) {
		this.assertHeadersNotSent();
		this.headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
		return this;
	}

	getHeader(name: string) {
		return this.headers.get(name.toLowerCase());
	}

	getHeaders() {
		return Object.fromEntries(this.headers);
	}

	hasHeader(name: string) {
		return this.headers.has(name.toLowerCase());
	}

	removeHeader(name: string) {
		this.assertHeadersNotSent();
		this.headers.delete(name.toLowerCase());
	}

	header(field: string | Record<string, string>, value?: string | string[]) {
		if (typeof field === 'object') {
			for (const [name, fieldValue] of Object.entries(field)) this.header(name, fieldValue);
			return this;
		}
		let headerValue = Array.isArray(value) ? value.map(String) : String(value);
		if (field.toLowerCase() === 'content-type' && typeof headerValue === 'string') {
			headerValue = withCharset(headerValue);
		}
		return this.setHeader(field, headerValue);
	}

	set(field: string | Record<string, string>, value?: string | string[]) {
		return this.header(field, value);
	}

	get(name: string) {
		return this.getHeader(name);
	}

	type(type: string) {
		const mime = type.includes('/') ? type : (SHORT_TYPES[type] ?? 'application/octet-stream');
		return this.header('content-type', mime);
	}

	contentType(type: string) {
		return this.type(type);
	}

	writeHead(code: number, reasonOrHeaders?: string | Record<string, string>, maybeHeaders?: Record<string, string>) {
		this.assertHeadersNotSent();
		this.statusCode = code;
		const headers = typeof reasonOrHeaders === 'object' ? reasonOrHeaders : maybeHeaders;
		if (typeof reasonOrHeaders === 'string') this.statusMessage = reasonOrHeaders;
		for (const [name, value] of Object.entries(headers ?? {})) this.headers.set(name.toLowerCase(), String(value));
		this.headersSent = true;
		return this;
	}

	write(chunk: string | Buffer) {
		if (this.writableEnded) throw Object.assign(new Error('write after end'), { code: 'ERR_STREAM_WRITE_AFTER_END' });
		this.headersSent = true;
		this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
		return true;
	}

	end(chunk?: string | Buffer | (() => void)) {
		if (this.writableEnded) return this;
		if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk);
		this.headersSent = true;
		this.writableEnded = true;
		this.finished = true;
		this.emit('finish');
		this.emit('close');
		return this;
	}

	send(body?: unknown): this {
		let chunk: string | Buffer | undefined;
		if (body === undefined || body === null) {
			chunk = '';
		} else if (typeof body === 'string') {
			if (!this.hasHeader('content-type')) this.type('html');
			chunk = body;
		} else if (Buffer.isBuffer(body)) {
			if (!this.hasHeader('content-type')) this.type('bin');
			chunk = body;
		} else if (typeof body === 'object' || typeof body === 'number' || typeof body === 'boolean') {
			return this.json(body);
		} else {
			chunk = String(body);
		}
		if (this.statusCode === 204 || this.statusCode === 304) {
			this.removeHeader('content-type');
			chunk = '';
		}
		this.setHeader('content-length', String(Buffer.byteLength(chunk)));
		if (this.requestMethod === 'HEAD') return this.end();
		return this.end(chunk);
	}

	json(body?: unknown): this {
		const text = JSON.stringify(body);
		if (!this.hasHeader('content-type')) this.header('content-type', 'application/json');
		return this.send(text ?? '');
	}

	redirect(statusOrUrl: number | string, maybeUrl?: string) {
		const [code, location] = typeof statusOrUrl === 'number' ? [statusOrUrl, maybeUrl ?? ''] : [302, statusOrUrl];
		this.status(code).setHeader('location', location);
		return this.end();
	}

	/** What the client received. */
	toResult() {
		return {
			status: this.statusCode,
			headers: this.getHeaders(),
			body: Buffer.concat(this.chunks).toString('utf8'),
		};
	}

	private assertHeadersNotSent() {
		if (this.headersSent) throw headersSentError();
	}
}

const SHORT_TYPES: Record<string, string> = {
	html: 'text/html',
	txt: 'text/plain',
	text: 'text/plain',
	json: 'application/json',
	xml: 'application/xml',
	bin: 'application/octet-stream',
};

function withCharset(type: string): string {
	if (/;\s*charset=/i.test(type)) return type;
	if (/^text\/|^application\/(json|javascript|xml)/i.test(type)) return `${type}; charset=utf-8`;
	return type;
}
