// A TES brand is data, not code: Sarv and SendClean run the same platform and differ only in
// these values. Everything under nodes/Tes takes a brand and serves either.
import type { Icon } from 'n8n-workflow';

export interface TesBrand {
	/** The `provider` value of normalized events. */
	provider: 'sarv' | 'sendclean';
	displayName: string;
	actionNodeName: string;
	triggerNodeName: string;
	credentialName: string;
	/** Relative to the node files in nodes/<Brand>/, where n8n resolves it. */
	icon: Icon;
	/** Relative to credentials/, where n8n resolves it. */
	credentialIcon: Icon;
	credentialDocumentationUrl: string;
	/** The text the receiving URL must answer for the provider to accept it. */
	handshakeText: string;
	/** Lower-cased, as n8n hands headers to webhook(). */
	signatureHeader: string;
	defaultAppDomain: string;
	documentationUrl: string;
}

export const TES_EVENTS = ['send', 'open', 'click', 'soft_bounce', 'hard_bounce', 'spam'] as const;
export type TesEvent = (typeof TES_EVENTS)[number];
