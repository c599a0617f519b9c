import { SENDCLEAN } from '../nodes/SendClean/sendCleanBrand';
import { TesCredentialType } from '../nodes/Tes/transport/tesCredential';

/** SendClean's credential: the shared TES credential with SendClean's brand data. */
export class SendCleanApi extends TesCredentialType {
	name = 'sendCleanApi';

	displayName = 'SendClean API';

	constructor() {
		super(SENDCLEAN);
	}
}
