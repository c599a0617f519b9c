import type { TesBrand } from '../Tes/TesBrand';

export const SENDCLEAN: TesBrand = {
	provider: 'sendclean',
	displayName: 'SendClean',
	actionNodeName: 'sendClean',
	triggerNodeName: 'sendCleanTrigger',
	credentialName: 'sendCleanApi',
	icon: { light: 'file:../../icons/sendclean.svg', dark: 'file:../../icons/sendclean.dark.svg' },
	credentialIcon: { light: 'file:../icons/sendclean.svg', dark: 'file:../icons/sendclean.dark.svg' },
	credentialDocumentationUrl:
		'https://github.com/n8n-nodes-email-webhooks/n8n-nodes-email-webhooks#sendclean-api',
	handshakeText: 'God bless you, SendClean',
	signatureHeader: 'x-sendcleantes-signature',
	defaultAppDomain: 'us1-mta1.sendclean.net',
	documentationUrl: 'https://www.sendclean.com/',
};
