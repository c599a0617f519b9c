// What the Everlytic trigger remembers about its webhook, in the node's static data (the only
// state n8n keeps for a trigger across processes and restarts): the webhook's id and the Basic
// credentials deliveries must carry. Everlytic never returns the password, so this is its only
// copy. Entries are keyed by the receiving URL so that the test URL (webhook-test/...) and the
// production URL never overwrite each other.
import type { IDataObject } from 'n8n-workflow';

export interface EverlyticRegistration {
	webhookId: string;
	username: string;
	password: string;
}

interface EverlyticTriggerStaticData extends IDataObject {
	registrations?: Record<string, EverlyticRegistration>;
}

export function readRegistration(
	staticData: IDataObject,
	url: string,
): EverlyticRegistration | undefined {
	return (staticData as EverlyticTriggerStaticData).registrations?.[url];
}

export function writeRegistration(
	staticData: IDataObject,
	url: string,
	registration: EverlyticRegistration,
): void {
	const data = staticData as EverlyticTriggerStaticData;
	const current = data.registrations?.[url];
	// Writing an equal value would still mark static data as changed and make n8n save it.
	if (
		current?.webhookId === registration.webhookId &&
		current.username === registration.username &&
		current.password === registration.password
	) {
		return;
	}
	data.registrations = { ...data.registrations, [url]: { ...registration } };
}

export function forgetRegistration(staticData: IDataObject, url: string): void {
	const data = staticData as EverlyticTriggerStaticData;
	if (!data.registrations?.[url]) return;
	const { [url]: _forgotten, ...rest } = data.registrations;
	data.registrations = rest;
}
