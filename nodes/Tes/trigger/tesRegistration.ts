// What a TES trigger remembers about its webhook, in the node's static data (the only state n8n
// keeps for a trigger across processes and restarts). Entries are keyed by the receiving URL so
// that the test URL (webhook-test/...) and the production URL never overwrite each other.
import type { IDataObject } from 'n8n-workflow';

export interface TesRegistration {
	webhookId: string;
	key: string;
}

interface TesTriggerStaticData extends IDataObject {
	registrations?: Record<string, TesRegistration>;
}

export function readRegistration(staticData: IDataObject, url: string): TesRegistration | undefined {
	return (staticData as TesTriggerStaticData).registrations?.[url];
}

export function writeRegistration(
	staticData: IDataObject,
	url: string,
	registration: TesRegistration,
): void {
	const data = staticData as TesTriggerStaticData;
	const current = data.registrations?.[url];
	if (current?.webhookId === registration.webhookId && current.key === registration.key) return;
	data.registrations = { ...data.registrations, [url]: registration };
}

export function forgetRegistration(staticData: IDataObject, url: string): void {
	const data = staticData as TesTriggerStaticData;
	if (!data.registrations?.[url]) return;
	const { [url]: _forgotten, ...rest } = data.registrations;
	data.registrations = rest;
}
