// A stand-in webhook receiver for tests of the emulators themselves: records what the provider
// sends (handshake probes, deliveries) and answers whatever the test sets.
import * as http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	rawBody: string;
}

export interface ReceiverReply {
	status: number;
	body: string;
	headers?: Record<string, string>;
}

export class RecordingReceiver {
	readonly received: ReceivedRequest[] = [];
	/** The answer to every request; change it at will. */
	reply: ReceiverReply | ((request: ReceivedRequest) => ReceiverReply) = { status: 200, body: 'ok' };

	private constructor(private readonly server: http.Server) {}

	static async start(reply?: RecordingReceiver['reply']): Promise<RecordingReceiver> {
		const server = http.createServer();
		const receiver = new RecordingReceiver(server);
		if (reply) receiver.reply = reply;
		server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const request: ReceivedRequest = {
					method: req.method ?? '',
					url: req.url ?? '',
					headers: req.headers,
					rawBody: Buffer.concat(chunks).toString('utf8'),
				};
				receiver.received.push(request);
				const answer = typeof receiver.reply === 'function' ? receiver.reply(request) : receiver.reply;
				res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
				res.end(answer.body);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return receiver;
	}

	/** `http://127.0.0.1:PORT` + path. */
	url(path = '/hook'): string {
		const address = this.server.address() as { port: number };
		return `http://127.0.0.1:${address.port}${path}`;
	}

	async close(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
	}
}
