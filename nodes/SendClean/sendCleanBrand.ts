import type { TesBrand } from '../Tes/TesBrand';

export const SENDCLEAN: TesBrand = {
	provider: 'sendclean',
	displayName: 'SendClean',
	actionNodeName: 'sendClean',
	triggerNodeName: 'sendCleanTrigger',
	credentialName: 'sendCleanApi',
	icon: { light: 'file:../../icons/sendclean.svg', dark: 'file:../../icons/sendclean.dark.svg' },
	handshakeText: 'God bless you, SendClean',
	signatureHeader: 'x-sendcleantes-signature',
	defaultAppDomain: 'us1-mta1.sendclean.net',
	documentationUrl: 'https://www.sendclean.com/',
};
