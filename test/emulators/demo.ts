// Starts a Sarv, a SendClean and an Everlytic emulator with fixed demo credentials for humans
// (`npm start`): every request they receive is printed, and lines typed on stdin publish events
// to the registered webhooks. Run the compiled file directly, or import startEmulatorsForDemo.
import * as readline from 'node:readline';
import type { RecordedRequest } from './httpEmulator';
import { makeTesEvent, TES_EVENT_KINDS, TesEmulator } from './tes';
import { EVERLYTIC_EVENT_TYPES, EverlyticEmulator } from './everlytic';
import type { EverlyticEventType } from './everlytic';

/** The credentials to type into n8n when pointing it at the demo emulators. */
export const DEMO_CREDENTIALS = {
	sarv: { ownerId: 'demo-owner', token: 'demo-sarv-token' },
	sendclean: { ownerId: 'demo-owner', token: 'demo-sendclean-token' },
	everlytic: { username: 'demo-user', apiKey: 'demo-everlytic-key' },
} as const;

export interface DemoEmulators {
	sarv: TesEmulator;
	sendclean: TesEmulator;
	everlytic: EverlyticEmulator;
	close(): Promise<void>;
}

export async function startEmulatorsForDemo(
	ports: { tesPort?: number; sendcleanPort?: number; everlyticPort?: number } = {},
	log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<DemoEmulators> {
	const printer = (name: string) => (request: RecordedRequest) => {
		const fault = request.fault ? ` [fault ${JSON.stringify(request.fault)}]` : '';
		log(`[${name}] ${request.method} ${request.url}${fault}${request.rawBody ? ` ${redact(request.rawBody)}` : ''}`);
	};
	const sarv = await TesEmulator.start({
		brand: 'sarv',
		...DEMO_CREDENTIALS.sarv,
		port: ports.tesPort,
		onRequest: printer('sarv'),
	});
	const sendclean = await TesEmulator.start({
		brand: 'sendclean',
		...DEMO_CREDENTIALS.sendclean,
		port: ports.sendcleanPort,
		onRequest: printer('sendclean'),
	});
	const everlytic = await EverlyticEmulator.start({
		...DEMO_CREDENTIALS.everlytic,
		port: ports.everlyticPort,
		onRequest: printer('everlytic'),
	});
	log(`Sarv emulator      ${sarv.baseUrl}  owner ID ${DEMO_CREDENTIALS.sarv.ownerId}, token ${DEMO_CREDENTIALS.sarv.token}`);
	log(`SendClean emulator ${sendclean.baseUrl}  owner ID ${DEMO_CREDENTIALS.sendclean.ownerId}, token ${DEMO_CREDENTIALS.sendclean.token}`);
	log(`Everlytic emulator ${everlytic.baseUrl}  username ${DEMO_CREDENTIALS.everlytic.username}, API key ${DEMO_CREDENTIALS.everlytic.apiKey}`);
	return {
		sarv,
		sendclean,
		everlytic,
		close: async () => {
			await Promise.all([sarv.close(), sendclean.close(), everlytic.close()]);
		},
	};
}

/** Runs one stdin command: `sarv hard_bounce`, `sendclean open`, `everlytic bounce`. */
export async function runDemoCommand(demo: DemoEmulators, line: string, log: (line: string) => void): Promise<void> {
	const [provider, kind] = line.trim().split(/\s+/);
	if (!provider) return;
	if ((provider === 'sarv' || provider === 'sendclean') && (TES_EVENT_KINDS as readonly string[]).includes(kind ?? '')) {
		const results = await demo[provider].publish([makeTesEvent(kind as string)]);
		for (const result of results) log(`[${provider}] delivered ${kind} to ${result.webhookId}: HTTP ${result.response.status}`);
		if (results.length === 0) log(`[${provider}] no webhook subscribed to ${kind}`);
	} else if (provider === 'everlytic' && (EVERLYTIC_EVENT_TYPES as readonly string[]).includes(kind ?? '')) {
		const results = await demo.everlytic.publish(kind as EverlyticEventType);
		for (const result of results) log(`[everlytic] delivered ${kind} to ${result.webhookId}: HTTP ${result.response.status}`);
		if (results.length === 0) log(`[everlytic] no enabled webhook subscribed to ${kind}`);
	} else {
		log(`usage: sarv|sendclean <${TES_EVENT_KINDS.join('|')}>  or  everlytic <${EVERLYTIC_EVENT_TYPES.join('|')}>`);
	}
}

function redact(body: string): string {
	return body.replace(/("token"\s*:\s*")[^"]*"/g, '$1***"');
}

if (require.main === module) {
	const port = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
	const log = (line: string) => process.stdout.write(`${line}\n`);
	void startEmulatorsForDemo(
		{ tesPort: port('SARV_PORT') ?? 5101, sendcleanPort: port('SENDCLEAN_PORT') ?? 5102, everlyticPort: port('EVERLYTIC_PORT') ?? 5103 },
		log,
	).then((demo) => {
		log('Type "sarv hard_bounce", "sendclean open" or "everlytic bounce" to deliver an event; Ctrl+C to stop.');
		const input = readline.createInterface({ input: process.stdin });
		input.on('line', (line) => {
			runDemoCommand(demo, line, log).catch((error: Error) => log(`delivery failed: ${error.message}`));
		});
		const stop = () => {
			input.close();
			void demo.close().then(() => process.exit(0));
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
