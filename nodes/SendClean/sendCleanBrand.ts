import { defineTesBrand } from '../Tes/TesBrand';

// SendClean accounts commonly live on the us1-mta1 cluster (docs/providers.md).
export const SENDCLEAN = defineTesBrand({
	provider: 'sendclean',
	displayName: 'SendClean',
	nodeName: 'sendClean',
	defaultAppDomain: 'us1-mta1.sendclean.net',
});
