// What stands in front of n8n's webhook processors in a scaled-out setup: one public address
// (N8N_WEBHOOK_URL of every n8n process, so the URL the triggers register) that hands each
// request to the next processor in turn. Requests are streamed through unchanged; a processor
// that cannot be reached is answered 502. Tests also post to each processor directly.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export class LoadBalancer {
	private next = 0;
	/** How many requests each target received through the balancer, by index. */
	readonly forwarded: number[];

	private constructor(
		private readonly server: http.Server,
		private readonly targets: Array<{ host: string; port: number }>,
	) {
		this.forwarded = targets.map(() => 0);
	}

	/** Listens on 127.0.0.1 (`port`, default a free one) and forwards round-robin to `targets`. */
	static async start(targets: Array<{ host: string; port: number }>, port = 0): Promise<LoadBalancer> {
		const server = http.createServer();
		const balancer = new LoadBalancer(server, targets);
		server.on('request', (request, response) => balancer.forward(request, response));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
		return balancer;
	}

	get port(): number {
		return (this.server.address() as AddressInfo).port;
	}

	/** `http://127.0.0.1:<port>/`: the public webhook base URL. */
	get url(): string {
		return `http://127.0.0.1:${this.port}/`;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private forward(request: http.IncomingMessage, response: http.ServerResponse): void {
		const index = this.next;
		this.next = (this.next + 1) % this.targets.length;
		this.forwarded[index] += 1;
		const target = this.targets[index];
		const upstream = http.request(
			{ host: target.host, port: target.port, method: request.method, path: request.url, headers: request.headers },
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		upstream.on('error', (error) => {
			if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
			response.end(`load balancer: ${target.host}:${target.port} unreachable (${error.message})`);
		});
		request.pipe(upstream);
	}
}
