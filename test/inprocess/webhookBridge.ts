// Puts a trigger harness on a real 127.0.0.1 port, so that an emulator's handshake probe and
// deliveries travel over HTTP to the node's webhook() like they would to n8n. Requests to
// `/webhook-test/...` reach the test URL, everything else the production URL.
import * as http from 'node:http';

import type { INodeExecutionData } from 'n8n-workflow';

import type { ReceiveResult, TriggerHarness } from '../harness';

export interface BridgedRequest {
	method: string;
	path: string;
	result: ReceiveResult;
}

export class WebhookBridge {
	target?: TriggerHarness;
	readonly received: BridgedRequest[] = [];

	private constructor(private readonly server: http.Server) {}

	static async start(): Promise<WebhookBridge> {
		const server = http.createServer();
		const bridge = new WebhookBridge(server);
		server.on('request', (req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				void bridge.forward(req, Buffer.concat(chunks), res);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return bridge;
	}

	/** The instance URL to give the harness (n8n's WEBHOOK_URL). */
	get baseUrl(): string {
		return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
	}

	/** Items of every execution the deliveries started, in order. */
	get emitted(): INodeExecutionData[] {
		return this.received.flatMap(({ result }) => result.items?.[0] ?? []);
	}

	private async forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
		const target = this.target;
		if (!target) {
			res.writeHead(503).end('no harness');
			return;
		}
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (typeof value === 'string') headers[name] = value;
		}
		const path = req.url ?? '/';
		try {
			const result = await target.receive({
				method: (req.method ?? 'GET') as 'GET',
				headers,
				body: body.length > 0 ? body : undefined,
				mode: path.startsWith('/webhook-test/') ? 'test' : 'production',
			});
			this.received.push({ method: req.method ?? '', path, result });
			res.writeHead(result.status, result.headers).end(req.method === 'HEAD' ? undefined : result.body);
		} catch (error) {
			res.writeHead(500).end(`bridge: ${(error as Error).message}`);
		}
	}

	async close(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
	}
}
