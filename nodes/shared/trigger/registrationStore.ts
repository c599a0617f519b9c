// What a trigger remembers about its webhook, in the node's static data: the only state n8n keeps
// for a trigger across processes and restarts (in queue mode create() runs in the main process and
// webhook() in a webhook processor, so nothing may live in a module). Entries are keyed by the URL
// the webhook is served on, so that the test URL (webhook-test/...) and the production URL never
// overwrite each other.
import type { IDataObject } from 'n8n-workflow';

/** Every provider's registration holds at least the provider's id of the webhook. */
export type Registration = IDataObject & {
	webhookId: string;
};

type StoredRegistrations = IDataObject & { registrations?: Record<string, IDataObject> };

export interface RegistrationStore<R extends Registration> {
	read(url: string): R | undefined;
	/** Stores a copy; writing what is already stored changes nothing (n8n saves changed data). */
	write(url: string, registration: R): void;
	forget(url: string): void;
}

function sameFields(a: IDataObject, b: IDataObject): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * The registration stored for `url`, without making a store: what the receive path asks on
 * every delivery (a store is an object and three closures per request).
 */
export function readRegistration<R extends Registration>(staticData: IDataObject, url: string): R | undefined {
	return (staticData as StoredRegistrations).registrations?.[url] as R | undefined;
}

export function registrationStore<R extends Registration>(staticData: IDataObject): RegistrationStore<R> {
	const data = staticData as StoredRegistrations;
	return {
		read: (url) => readRegistration<R>(staticData, url),
		write(url, registration) {
			const fields: IDataObject = { ...registration };
			const current = data.registrations?.[url];
			if (current && sameFields(current, fields)) return;
			data.registrations = { ...data.registrations, [url]: fields };
		},
		forget(url) {
			if (!data.registrations?.[url]) return;
			const { [url]: _forgotten, ...rest } = data.registrations;
			data.registrations = rest;
		},
	};
}
