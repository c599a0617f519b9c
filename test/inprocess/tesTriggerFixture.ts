// What the in-process tests of the Sarv and SendClean triggers share: the two brands (one
// implementation in nodes/Tes, two shells), and a TES emulator plus a webhook bridge started
// for a describe block and stopped after it, also when a test fails.
import { SarvApi } from '../../credentials/SarvApi.credentials';
import { SendCleanApi } from '../../credentials/SendCleanApi.credentials';
import { SarvTrigger } from '../../nodes/Sarv/SarvTrigger.node';
import { SendCleanTrigger } from '../../nodes/SendClean/SendCleanTrigger.node';
import { TesEmulator } from '../emulators/tes';
import { createTriggerHarness, type TriggerHarness, type TriggerHarnessOptions } from '../harness';
import { WebhookBridge } from './webhookBridge';

export const TES_TRIGGER_BRANDS = [
	{
		brand: 'sarv' as const,
		name: 'Sarv',
		node: () => new SarvTrigger(),
		credential: new SarvApi(),
		credentialName: 'sarvApi',
		handshake: 'God bless you, Sarv',
		header: 'x-sarvtes-signature',
	},
	{
		brand: 'sendclean' as const,
		name: 'SendClean',
		node: () => new SendCleanTrigger(),
		credential: new SendCleanApi(),
		credentialName: 'sendCleanApi',
		handshake: 'God bless you, SendClean',
		header: 'x-sendcleantes-signature',
	},
];

export type TesTriggerBrand = (typeof TES_TRIGGER_BRANDS)[number];

export interface TesTriggerEnvironment {
	/** The brand's emulator, holding the account `ownerId` / `token`. */
	readonly tes: TesEmulator;
	/** Carries the emulator's deliveries to the trigger under test (`bridge.target`). */
	readonly bridge: WebhookBridge;
}

/** Call inside a describe block: its tests read `env.tes` and `env.bridge`. */
export function useTesEmulatorAndBridge(
	brand: TesTriggerBrand['brand'],
	ownerId: string,
	token: string,
): TesTriggerEnvironment {
	const env = {} as { tes: TesEmulator; bridge: WebhookBridge };
	beforeAll(async () => {
		env.tes = await TesEmulator.start({ brand, ownerId, token });
		env.bridge = await WebhookBridge.start();
	});
	afterAll(async () => {
		await env.tes?.close();
		await env.bridge?.close();
	});
	return env;
}

/**
 * A brand's trigger in n8n's engine: its credential (the account `ownerId` / `token`) points at
 * the emulator, and the bridge delivers to it. Every event and no option unless `options` says
 * otherwise; `options` may set any other harness option too.
 */
export function connectTesTrigger(
	env: TesTriggerEnvironment,
	brand: Pick<TesTriggerBrand, 'credential' | 'credentialName'> & { node: () => TriggerHarnessOptions['nodeType'] },
	account: { ownerId: string; token: string },
	options: Partial<TriggerHarnessOptions> = {},
): TriggerHarness {
	const harness = createTriggerHarness({
		nodeType: brand.node(),
		parameters: { events: ['*'], options: {} } as never,
		credentials: { [brand.credentialName]: { ownerId: account.ownerId, token: account.token, appDomain: '', baseUrl: env.tes.baseUrl } },
		credentialTypes: [brand.credential],
		webhookBaseUrl: env.bridge.baseUrl,
		...options,
	});
	env.bridge.target = harness;
	return harness;
}
