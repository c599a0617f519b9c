// Every resource and operation name of the Sarv and SendClean action nodes. Each resource's
// index.ts must register exactly these operations, so a misspelt or forgotten one does not compile.
export type TesWebhookOperation = 'create' | 'update' | 'resetKey' | 'get' | 'getAll' | 'delete';

export interface TesNodeOperations {
	webhook: TesWebhookOperation;
}

export type TesResource = keyof TesNodeOperations;
