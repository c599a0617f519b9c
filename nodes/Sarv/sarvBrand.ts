import type { TesBrand } from '../Tes/TesBrand';

export const SARV: TesBrand = {
	provider: 'sarv',
	displayName: 'Sarv',
	actionNodeName: 'sarv',
	triggerNodeName: 'sarvTrigger',
	credentialName: 'sarvApi',
	icon: { light: 'file:../../icons/sarv.svg', dark: 'file:../../icons/sarv.dark.svg' },
	credentialIcon: { light: 'file:../icons/sarv.svg', dark: 'file:../icons/sarv.dark.svg' },
	credentialDocumentationUrl:
		'https://github.com/n8n-nodes-email-webhooks/n8n-nodes-email-webhooks#sarv-api',
	handshakeText: 'God bless you, Sarv',
	// Sarv's header name is inferred from SendClean's published one (provider-docs/NOTES.md).
	signatureHeader: 'x-sarvtes-signature',
	defaultAppDomain: '',
	documentationUrl: 'https://www.sarv.com/',
};
